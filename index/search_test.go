package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"reportsearch/corpus"
)

var (
	reportOnce sync.Once
	testReport *corpus.Report
	testIndex  *Index
	testErr    error
)

// reportIndex indexes the embedded report once for all tests.
func reportIndex(t testing.TB) (*Index, *corpus.Report) {
	t.Helper()
	reportOnce.Do(func() {
		testReport, testErr = corpus.Default()
		if testErr == nil {
			testIndex, testErr = New(context.Background(), []*corpus.Report{testReport}, Options{})
		}
	})
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testIndex, testReport
}

func mustSearch(t *testing.T, ix *Index, req Request) *Result {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}

// marked renders a hit's text with <mark> around its spans, spans that
// touch as one mark whatever their kinds, unescaped: for looking for marked
// words.
func marked(h Hit) string {
	var b strings.Builder
	at := 0
	for i, s := range h.Spans {
		if i == 0 || s.Start != h.Spans[i-1].End {
			b.WriteString(h.Bullet.Text[at:s.Start])
			b.WriteString("<mark>")
		}
		b.WriteString(h.Bullet.Text[s.Start:s.End])
		if i == len(h.Spans)-1 || h.Spans[i+1].Start != s.End {
			b.WriteString("</mark>")
		}
		at = s.End
	}
	b.WriteString(h.Bullet.Text[at:])
	return b.String()
}

func ids(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Bullet.ID)
	}
	return out
}

// bulletsWhere lists the ids of the report's bullets for which f holds.
func bulletsWhere(r *corpus.Report, f func(corpus.Bullet) bool) []string {
	var out []string
	for _, b := range r.Bullets {
		if f(b) {
			out = append(out, b.ID)
		}
	}
	return out
}

func TestSearchWords(t *testing.T) {
	ix, r := reportIndex(t)
	tests := []struct {
		name, q    string
		mustHave   []string // ids that must be among the hits
		mustNot    []string // ids that must not be
		textAll    []string // every hit's text contains each (exact-match queries)
		textNone   []string // no hit's text contains any
		first      string   // the top hit, if set
		exactFirst string   // hits containing it come before those that do not (synonyms)
		partial    bool
		wantTotal  int // full matches (Result.FullTotal); -1: don't check
	}{
		{name: "one word", q: "招商", mustHave: []string{"02-06", "02-07"}, exactFirst: "招商", wantTotal: -1},
		{name: "AND", q: "养老 医疗", mustHave: []string{"05-10"}, textAll: []string{"养老", "医疗"}, wantTotal: -1},
		{name: "phrase", q: `"口袋公园"`, mustHave: []string{"03-06"}, textAll: []string{"口袋公园"}, wantTotal: 1},
		{name: "chinese quotes phrase", q: `“城中村”`, mustHave: []string{"01-08", "03-04", "04-06"}, textAll: []string{"城中村"}, wantTotal: 3},
		{name: "exclusion", q: "上海 -枫桥", mustHave: []string{"01-02"}, mustNot: []string{"04-08", "04-19"}, textNone: []string{"枫桥"}, wantTotal: -1},
		{name: "partial fallback", q: "养老 火箭", mustHave: []string{"05-10"}, partial: true, wantTotal: -1},
		{name: "word split across a page break", q: "提供健康医疗", first: "05-18", wantTotal: 1},
		{name: "touching characters 化工", q: "化工", mustNot: []string{"03-06"}, wantTotal: 0},
		{name: "touching characters 路口", q: "路口", mustNot: []string{"03-06"}, wantTotal: 0},
		{name: "latin, any case", q: "cns", first: "05-07", wantTotal: 1},
		{name: "whole word above sub-word", q: "上海", first: "01-02", mustHave: []string{"04-08", "04-10"}, textAll: []string{"上海"}, wantTotal: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: tt.q, Size: 100})
			got := ids(res)
			if tt.wantTotal >= 0 && int(res.FullTotal) != tt.wantTotal {
				t.Errorf("Search(%q).FullTotal = %d; want %d (hits %v)", tt.q, res.FullTotal, tt.wantTotal, got)
			}
			for i, h := range res.Hits {
				// the full matches first, then the partial ones, each
				// saying what it lacks
				if full := uint64(i) < res.FullTotal; full != (len(h.Missing) == 0) {
					t.Errorf("Search(%q): hit %d (%s) missing %q, but %d full matches", tt.q, i, h.Bullet.ID, h.Missing, res.FullTotal)
				}
			}
			if int(res.Total) != len(res.Hits) {
				t.Errorf("Search(%q): Total %d, %d hits", tt.q, res.Total, len(res.Hits))
			}
			if res.Partial != tt.partial {
				t.Errorf("Search(%q).Partial = %v; want %v", tt.q, res.Partial, tt.partial)
			}
			for _, id := range tt.mustHave {
				if !slices.Contains(got, id) {
					t.Errorf("Search(%q) = %v; want %s among them", tt.q, got, id)
				}
			}
			for _, id := range tt.mustNot {
				if slices.Contains(got, id) {
					t.Errorf("Search(%q) = %v; want no %s", tt.q, got, id)
				}
			}
			for _, h := range res.Hits {
				for _, w := range tt.textAll {
					if len(h.Missing) > 0 {
						break // a partial match lacks some words
					}
					if !strings.Contains(h.Bullet.Text, w) {
						t.Errorf("Search(%q): hit %s lacks %q: %s", tt.q, h.Bullet.ID, w, h.Bullet.Text)
					}
				}
				for _, w := range tt.textNone {
					if strings.Contains(h.Bullet.Text, w) {
						t.Errorf("Search(%q): hit %s has excluded %q", tt.q, h.Bullet.ID, w)
					}
				}
				if !strings.Contains(marked(h), "<mark>") {
					t.Errorf("Search(%q): hit %s has nothing marked: %s", tt.q, h.Bullet.ID, marked(h))
				}
			}
			if tt.exactFirst != "" {
				seenOther := false
				for _, h := range res.Hits {
					has := strings.Contains(h.Bullet.Text, tt.exactFirst)
					if has && seenOther {
						t.Errorf("Search(%q): %s has the word but ranks below a hit without it: %v", tt.q, h.Bullet.ID, got)
					}
					seenOther = seenOther || !has
				}
			}
			if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("Search(%q) = %v; want %s first", tt.q, got, tt.first)
			}
		})
	}
	_ = r
}

// Exact matches rank above synonym-only matches.
func TestSearchSynonymsRankBelowExact(t *testing.T) {
	ix, _ := reportIndex(t)
	for _, q := range []string{"老人", "绿化"} {
		res := mustSearch(t, ix, Request{Query: q, Size: 100})
		seenSynonymOnly := false
		exact, synonymOnly := 0, 0
		for _, h := range res.Hits {
			has := strings.Contains(h.Bullet.Text, q)
			if has && seenSynonymOnly {
				t.Errorf("Search(%q): exact hit %s ranks below a synonym-only hit: %v", q, h.Bullet.ID, ids(res))
			}
			if has {
				exact++
			} else {
				synonymOnly++
				seenSynonymOnly = true
			}
		}
		if exact == 0 || synonymOnly == 0 {
			t.Errorf("Search(%q): %d exact and %d synonym-only hits; want both", q, exact, synonymOnly)
		}
	}
}

func TestSearchFigureFilters(t *testing.T) {
	ix, r := reportIndex(t)
	has := func(kind, base string, ok func(float64) bool) func(corpus.Bullet) bool {
		return func(b corpus.Bullet) bool {
			for _, m := range b.Metrics {
				if m.Kind == kind && (base == "" || m.BaseUnit == base) && ok(m.Normalized) {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		q    string
		want []string
	}{
		{">1亿元", bulletsWhere(r, has("money", "", func(v float64) bool { return v > 1e8 }))},
		{"超过1亿元", bulletsWhere(r, has("money", "", func(v float64) bool { return v > 1e8 }))},
		{"10亿以上", bulletsWhere(r, has("money", "", func(v float64) bool { return v >= 1e9 }))},
		{"<1000万元", bulletsWhere(r, has("money", "", func(v float64) bool { return v < 1e7 }))},
		{"1000万-1亿", bulletsWhere(r, has("money", "", func(v float64) bool { return v >= 1e7 && v < 1e8 }))},
		{"100-500万元", bulletsWhere(r, has("money", "", func(v float64) bool { return v >= 1e6 && v < 5e6 }))}, // bare low end takes the unit
		{">=50家", bulletsWhere(r, has("count", "家", func(v float64) bool { return v >= 50 }))},
		{"≥50家", bulletsWhere(r, has("count", "家", func(v float64) bool { return v >= 50 }))},
		{"不少于100户", bulletsWhere(r, has("count", "户", func(v float64) bool { return v >= 100 }))},
		{">30%", bulletsWhere(r, has("percent", "", func(v float64) bool { return v > 30 }))},
		{"招商 >1000万元", []string{"02-07"}},
	}
	for _, tt := range tests {
		if len(tt.want) == 0 {
			t.Fatalf("%q: no bullet of the report matches; bad test", tt.q)
		}
		res := mustSearch(t, ix, Request{Query: tt.q, Size: 100})
		got := ids(res)
		if tt.q != "招商 >1000万元" {
			slices.Sort(got)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %v; want %v", tt.q, got, tt.want)
		}
		for _, h := range res.Hits {
			if !strings.Contains(marked(h), "<mark>") {
				t.Errorf("Search(%q): hit %s has no marked figure: %s", tt.q, h.Bullet.ID, marked(h))
			}
		}
	}
	// a figure no bullet has falls back to its unit, never to its bare number
	for _, q := range []string{"1亿元", "2万元", "7个"} {
		for _, h := range mustSearch(t, ix, Request{Query: q, Size: 100}).Hits {
			if regexp.MustCompile(`<mark>[0-9.]+</mark>`).MatchString(marked(h)) {
				t.Errorf("Search(%q): hit %s marks a bare number: %s", q, h.Bullet.ID, marked(h))
			}
		}
	}
	// the marked figure is the matching one
	res := mustSearch(t, ix, Request{Query: "招商 >1000万元"})
	if len(res.Hits) != 1 || !strings.Contains(marked(res.Hits[0]), "<mark>2.76亿元</mark>") ||
		strings.Contains(marked(res.Hits[0]), "<mark>102家</mark>") {
		t.Errorf("Search(招商 >1000万元) highlight = %v; want 2.76亿元 marked, 102家 not", res.Hits)
	}
}

func TestSearchEmptyQuery(t *testing.T) {
	ix, r := reportIndex(t)
	res := mustSearch(t, ix, Request{Size: 100, From: 0})
	if int(res.Total) != len(r.Bullets) {
		t.Fatalf("Search(\"\").Total = %d; want %d", res.Total, len(r.Bullets))
	}
	for i, h := range res.Hits {
		if h.Bullet.ID != r.Bullets[i].ID || h.Bullet.Order != r.Bullets[i].Order {
			t.Fatalf("Search(\"\") hit %d = %s (order %d); want %s", i, h.Bullet.ID, h.Bullet.Order, r.Bullets[i].ID)
		}
		if len(h.Spans) != 0 {
			t.Fatalf("Search(\"\") hit %s spans = %v; want none", h.Bullet.ID, h.Spans)
		}
	}
	sum := 0
	for _, f := range res.Facets.Sections {
		want := len(bulletsWhere(r, func(b corpus.Bullet) bool { return b.Report+":"+b.Section.ID == f.Value }))
		if f.Count != want || f.Label == "" {
			t.Errorf("section facet %+v; want count %d and a title", f, want)
		}
		sum += f.Count
	}
	if sum != len(r.Bullets) {
		t.Errorf("section facets sum to %d; want %d", sum, len(r.Bullets))
	}
}

func TestSearchFacetsDisjunctive(t *testing.T) {
	ix, r := reportIndex(t)
	hasKind := func(b corpus.Bullet, k string) bool {
		return slices.ContainsFunc(b.Metrics, func(m corpus.Metric) bool { return m.Kind == k })
	}
	res := mustSearch(t, ix, Request{Sections: []string{"02"}, Kinds: []string{"money"}, Size: 100})
	want := bulletsWhere(r, func(b corpus.Bullet) bool { return b.Section.ID == "02" && hasKind(b, "money") })
	if got := ids(res); !slices.Equal(got, want) || int(res.Total) != len(want) {
		t.Errorf("section 02 + money = %v (total %d); want %v", got, res.Total, want)
	}
	// section facet: counted with the kind filter, without the section filter
	for _, f := range res.Facets.Sections {
		n := len(bulletsWhere(r, func(b corpus.Bullet) bool { return b.Report+":"+b.Section.ID == f.Value && hasKind(b, "money") }))
		if f.Count != n {
			t.Errorf("section facet %s = %d; want %d", f.Value, f.Count, n)
		}
	}
	// kind facet: counted with the section filter, without the kind filter
	if len(res.Facets.Kinds) < 2 {
		t.Errorf("kind facets %v; want the other kinds of section 02 too", res.Facets.Kinds)
	}
	for _, f := range res.Facets.Kinds {
		n := len(bulletsWhere(r, func(b corpus.Bullet) bool { return b.Section.ID == "02" && hasKind(b, f.Value) }))
		if f.Count != n {
			t.Errorf("kind facet %s = %d; want %d", f.Value, f.Count, n)
		}
	}
	// money ranges: with both filters
	total := 0
	for i, f := range res.Facets.Money {
		mr := moneyRanges[i]
		n := len(bulletsWhere(r, func(b corpus.Bullet) bool {
			return b.Section.ID == "02" && slices.ContainsFunc(b.Metrics, func(m corpus.Metric) bool {
				return m.Kind == "money" && m.Normalized >= mr.Min && (mr.Max == 0 || m.Normalized < mr.Max)
			})
		}))
		if f.Value != mr.Key || f.Count != n {
			t.Errorf("money facet %+v; want %s %d", f, mr.Key, n)
		}
		total += f.Count
	}
	if total == 0 {
		t.Error("money facets all zero")
	}
}

func TestSearchSort(t *testing.T) {
	ix, _ := reportIndex(t)
	maxMoney := func(b corpus.Bullet) float64 {
		v := math.Inf(-1)
		for _, m := range b.Metrics {
			if m.Kind == "money" {
				v = max(v, m.Normalized)
			}
		}
		return v
	}
	res := mustSearch(t, ix, Request{Query: "企业", Sort: SortOrder, Size: 100})
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i-1].Bullet.Order >= res.Hits[i].Bullet.Order {
			t.Fatalf("sort=order: %v not in report order", ids(res))
		}
	}
	res = mustSearch(t, ix, Request{Sort: SortValueDesc, Size: 100})
	seenMissing := false
	for i, h := range res.Hits {
		v := maxMoney(h.Bullet)
		if math.IsInf(v, -1) {
			seenMissing = true
			continue
		}
		if seenMissing {
			t.Fatalf("sort=-value: %s with money after bullets without", h.Bullet.ID)
		}
		if i > 0 && v > maxMoney(res.Hits[i-1].Bullet) {
			t.Fatalf("sort=-value: %s (%v) after a smaller value", h.Bullet.ID, v)
		}
	}
	res = mustSearch(t, ix, Request{Query: ">100万元", Sort: SortValue, Size: 100})
	if len(res.Hits) < 3 {
		t.Fatalf("sort=value: %d hits", len(res.Hits))
	}
	for i := 1; i < len(res.Hits); i++ {
		if maxMoney(res.Hits[i-1].Bullet) > maxMoney(res.Hits[i].Bullet) {
			t.Fatalf("sort=value: %v not ascending", ids(res))
		}
	}
}

func TestSearchPaging(t *testing.T) {
	ix, _ := reportIndex(t)
	all := ids(mustSearch(t, ix, Request{Query: "企业", Size: 10}))
	p1 := ids(mustSearch(t, ix, Request{Query: "企业", Size: 5}))
	p2 := ids(mustSearch(t, ix, Request{Query: "企业", Size: 5, From: 5}))
	if len(all) != 10 || !slices.Equal(append(p1, p2...), all) {
		t.Errorf("pages %v + %v; want %v", p1, p2, all)
	}
	if got := mustSearch(t, ix, Request{Query: "企业", From: 1000}); len(got.Hits) != 0 || got.Total == 0 {
		t.Errorf("page past the end: %d hits, total %d", len(got.Hits), got.Total)
	}
}

func TestSearchErrors(t *testing.T) {
	ix, _ := reportIndex(t)
	nan, one, two := math.NaN(), 1.0, 2.0
	tests := []struct {
		req   Request
		param string
	}{
		{Request{Size: MaxSize + 1}, "size"},
		{Request{Size: -1}, "size"},
		{Request{From: -1}, "from"},
		{Request{From: MaxFrom + 1}, "from"},
		{Request{Sort: "score"}, "sort"},
		{Request{Query: strings.Repeat("镇", MaxQueryRunes+1)}, "q"},
		{Request{Query: strings.Repeat("a ", MaxTerms+1)}, "q"},
		{Request{Query: "\xff\xfe"}, "q"},
		{Request{Query: "1亿-1000万"}, "q"},
		{Request{Query: "1亿-50家"}, "q"},
		{Request{Min: &two, Max: &one}, "min"},
		{Request{Min: &nan}, "min"},
		{Request{Sections: []string{""}}, "section"},
		{Request{Kinds: make([]string, MaxValues+1)}, "kind"},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), tt.req)
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Param != tt.param || qe.Message == "" {
			t.Errorf("Search(%+v) = %v, %v; want a QueryError for %q", tt.req, res, err, tt.param)
		}
	}
}

func TestHitSpansMarkWholeWords(t *testing.T) {
	ix, _ := reportIndex(t)
	res := mustSearch(t, ix, Request{Query: "上海市", Size: 100})
	if len(res.Hits) == 0 {
		t.Fatal("Search(上海市): no hits")
	}
	for _, h := range res.Hits {
		if !strings.Contains(marked(h), "<mark>上海市</mark>") {
			t.Errorf("Search(上海市) hit %s: %s; want 上海市 marked whole", h.Bullet.ID, marked(h))
		}
	}
}

func TestParseQuery(t *testing.T) {
	p, err := parseQuery(`招商 "口袋公园" -枫桥 >1000万元 10亿以上 1000万-1亿 营收≥50家`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Words, []string{"招商", "营收"}) || !slices.Equal(p.Phrases, []string{"口袋公园"}) ||
		!slices.Equal(p.Excluded, []string{"枫桥"}) || len(p.Figures) != 4 {
		t.Fatalf("parseQuery = %+v", p)
	}
	f := p.Figures[0]
	if f.Kind != "money" || !f.hasMin || f.Min != 1e7 || f.MinIncl || f.hasMax {
		t.Errorf(">1000万元 = %+v", f)
	}
	f = p.Figures[2] // half-open, like the money facet's buckets
	if !f.hasMin || !f.hasMax || f.Min != 1e7 || f.Max != 1e8 || !f.MinIncl || f.MaxIncl {
		t.Errorf("1000万-1亿 = %+v", f)
	}
	if f := p.Figures[3]; f.Kind != "count" || f.Base != "家" || f.Min != 50 || !f.MinIncl {
		t.Errorf("≥50家 = %+v", f)
	}
	// a bare figure names its values at the precision typed, or its text
	if p, _ := parseQuery("37.55亿元"); len(p.Words) != 0 || len(p.Figures) != 1 || p.Figures[0].Word != "37.55亿元" ||
		p.Figures[0].Min != 3.755e9 || p.Figures[0].Max != 3.756e9 || p.Figures[0].MaxIncl {
		t.Errorf("parseQuery(37.55亿元) = %+v; want [37.55亿, 37.56亿) or the word", p)
	}
}

func TestBulletNeighboursMetrics(t *testing.T) {
	ix, r := reportIndex(t)
	ctx := context.Background()
	b, err := ix.Bullet("02-07")
	b2, err2 := ix.Bullet(r.ID + ":02-07")
	if err != nil || err2 != nil || b.ID != "02-07" || b.Text != b2.Text || b.Order != r.Bullets[b.Order].Order || len(b.Metrics) == 0 {
		t.Fatalf("Bullet(02-07) = %+v, %v, %v", b, err, err2)
	}
	if !reflect.DeepEqual(b, r.Bullets[b.Order]) {
		t.Errorf("Bullet(02-07) = %+v; want the corpus bullet %+v", b, r.Bullets[b.Order])
	}
	for _, key := range []string{"99-99", "", strings.Repeat("9", 600), "other:02-07"} {
		if _, err := ix.Bullet(key); !errors.Is(err, ErrNotFound) {
			t.Errorf("Bullet(%.20q) error %v; want ErrNotFound", key, err)
		}
		if _, _, err := ix.Neighbours(ctx, key, 2); !errors.Is(err, ErrNotFound) {
			t.Errorf("Neighbours(%.20q) error %v; want ErrNotFound", key, err)
		}
	}
	var qe *QueryError
	if _, _, err := ix.Neighbours(ctx, "02-07", MaxNeighbours+1); !errors.As(err, &qe) {
		t.Errorf("Neighbours(02-07, %d) error %v; want a *QueryError", MaxNeighbours+1, err)
	}
	before, after, err := ix.Neighbours(ctx, "02-07", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 2 || len(after) != 2 || before[1].Order != b.Order-1 || after[0].Order != b.Order+1 {
		t.Errorf("Neighbours(02-07, 2) = %v, %v", before, after)
	}
	first := r.Bullets[0].ID
	if before, after, err := ix.Neighbours(ctx, first, 1); err != nil || len(before) != 0 || len(after) != 1 {
		t.Errorf("Neighbours(%s, 1) = %d before, %d after, %v; want 0, 1", first, len(before), len(after), err)
	}
	if got := ix.Sections(); len(got) != len(r.Sections) {
		t.Errorf("Sections() = %v; want %v", got, r.Sections)
	}
	if got := ix.Reports(); !slices.Equal(got, []string{r.ID}) {
		t.Errorf("Reports() = %v", got)
	}
	rows, truncated, err := ix.Metrics(ctx, []string{"02"}, []string{"money"})
	if err != nil || truncated {
		t.Fatal(err, truncated)
	}
	want := 0
	for _, b := range r.Bullets {
		for _, m := range b.Metrics {
			if b.Section.ID == "02" && m.Kind == "money" {
				want++
			}
		}
	}
	if len(rows) != want || want == 0 {
		t.Errorf("Metrics(02, money) = %d rows; want %d", len(rows), want)
	}
	for i, row := range rows {
		if m := row.Bullet.Metrics[row.I]; m.Kind != "money" || row.Bullet.Section.ID != "02" {
			t.Errorf("row %d: %+v", i, m)
		}
		if i > 0 && rows[i-1].Bullet.Order > row.Bullet.Order {
			t.Errorf("Metrics rows not in report order")
		}
	}
	all, truncated, err := ix.Metrics(ctx, nil, nil)
	if err != nil || truncated || len(all) <= len(rows) {
		t.Errorf("Metrics(nil, nil) = %d rows, %v, %v", len(all), truncated, err)
	}
}

// Searches from many goroutines share the facet and bullet caches.
func TestSearchConcurrent(t *testing.T) {
	ix, _ := reportIndex(t)
	want := map[string][]string{}
	for _, r := range benchQueries {
		want[r.Query+"|"+strings.Join(r.Sections, ",")] = ids(mustSearch(t, ix, r))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				r := benchQueries[(g+i)%len(benchQueries)]
				res, err := ix.Search(context.Background(), r)
				if err != nil {
					t.Error(err)
					return
				}
				if got := ids(res); !slices.Equal(got, want[r.Query+"|"+strings.Join(r.Sections, ",")]) {
					t.Errorf("concurrent Search(%q) = %v; want %v", r.Query, got, want[r.Query])
				}
			}
		}()
	}
	wg.Wait()
}

func TestSearchCancelled(t *testing.T) {
	ix, _ := reportIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, Request{Query: "企业"}); err == nil {
		t.Error("Search with a cancelled context succeeded")
	}
}

// The empty query's shortcut (browse) answers as the bleve search would.
func TestBrowseMatchesSearch(t *testing.T) {
	ix, _ := reportIndex(t)
	for _, req := range []Request{
		{Size: 10},
		{Size: 5, From: 5},
		{Size: 100, Sections: []string{"02", "05"}},
		{Size: 100, Kinds: []string{"money"}},
		{Size: 3, From: 2, Sections: []string{"06"}, Kinds: []string{"count"}},
		{Size: 10, From: 1000},
	} {
		got := mustSearch(t, ix, req)
		r := req
		if err := validate(&r); err != nil {
			t.Fatal(err)
		}
		if err := ix.resolveFilters(&r); err != nil {
			t.Fatal(err)
		}
		p, err := ix.plan(parsedQuery{}, r)
		if err != nil {
			t.Fatal(err)
		}
		f, err := ix.run(context.Background(), p, r)
		if err != nil {
			t.Fatal(err)
		}
		want := &Result{Total: f.state.total(), Facets: f.state.facets()}
		if want.Hits, err = ix.hits(f.matches, p, r); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), ids(want)) || got.Total != want.Total {
			t.Errorf("browse %+v = %v (total %d); search = %v (total %d)", req, ids(got), got.Total, ids(want), want.Total)
		}
		if fmt.Sprint(got.Facets) != fmt.Sprint(want.Facets) {
			t.Errorf("browse %+v facets %v; search %v", req, got.Facets, want.Facets)
		}
	}
}

// For every term of the embedded synonyms list, a hit where the term itself
// is marked ranks above every hit that lacks the term.
func TestExactAboveSynonymsEverywhere(t *testing.T) {
	ix, _ := reportIndex(t)
	data, err := os.ReadFile(filepath.Join("..", "analyzer", "synonyms.txt"))
	if err != nil {
		t.Skip("no synonyms list:", err)
	}
	var words []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Split(strings.ReplaceAll(line, "=>", ","), ",") {
			if w = strings.TrimSpace(w); w != "" {
				words = append(words, w)
			}
		}
	}
	if len(words) < 20 {
		t.Fatalf("only %d synonym terms read", len(words))
	}
	for _, w := range words {
		res := mustSearch(t, ix, Request{Query: w, Size: 100})
		lacking := ""
		for _, h := range res.Hits {
			if strings.Contains(marked(h), "<mark>"+w+"</mark>") && lacking != "" {
				t.Errorf("Search(%q): %s has the word yet ranks below %s, which lacks it", w, h.Bullet.ID, lacking)
				break
			}
			if lacking == "" && !strings.Contains(strings.ToLower(h.Bullet.Text), strings.ToLower(w)) {
				lacking = h.Bullet.ID
			}
		}
	}
}

// A word inside a longer dictionary word is a real match (issue: 服务中心 in
// 为老服务中心): for every term the report has both as a whole word and
// inside a longer word, the bullets with it only inside a longer word are
// full matches, marked as typed, and rank among the matches of the word,
// above every bullet that has it neither way.
func TestSubWordsAreMatches(t *testing.T) {
	ix, r := reportIndex(t)
	whole := map[string]map[string]bool{} // term → ids of bullets with it as a word
	sub := map[string]map[string]bool{}   // term → ids of bullets with it inside a word
	for _, b := range r.Bullets {
		for _, tk := range ix.dict.Analyze(b.Text, false) {
			m := whole
			if tk.Type == "subword" {
				m = sub
			}
			if m[tk.Term] == nil {
				m[tk.Term] = map[string]bool{}
			}
			m[tk.Term][b.ID] = true
		}
	}
	checked := 0
	for term, ws := range whole {
		if sub[term] == nil || utf8.RuneCountInString(term) < 2 {
			continue
		}
		checked++
		res := mustSearch(t, ix, Request{Query: term, Size: 100})
		neither := ""
		for _, h := range res.Hits {
			has := ws[h.Bullet.ID] || sub[term][h.Bullet.ID]
			if has && neither != "" {
				t.Errorf("Search(%q): %s has the word yet ranks below %s, which has it neither whole nor inside a word", term, h.Bullet.ID, neither)
				break
			}
			if !has && neither == "" {
				neither = h.Bullet.ID
			}
			if sub[term][h.Bullet.ID] && !ws[h.Bullet.ID] {
				if len(h.Missing) > 0 {
					t.Errorf("Search(%q): %s has it inside a longer word yet misses %q", term, h.Bullet.ID, h.Missing)
				}
				if !strings.Contains(marked(h), "<mark>") {
					t.Errorf("Search(%q): %s has no typed mark: %s", term, h.Bullet.ID, marked(h))
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d terms checked", checked)
	}
}

// TestTiesInReportOrder checks that hits with the same score come in report
// order, so that a query answers the same on every build of the index.
func TestTiesInReportOrder(t *testing.T) {
	ix, _ := reportIndex(t)
	ties := 0
	for _, q := range []string{"看病", "服务", "企业", "社区", "建设", "老人", "学校"} {
		res := mustSearch(t, ix, Request{Query: q, Size: 100})
		for i := 1; i < len(res.Hits); i++ {
			a, b := res.Hits[i-1], res.Hits[i]
			switch {
			case !slices.Equal(a.Missing, b.Missing):
				// another tier: full matches before partial ones
			case sameScore(a.Score, b.Score):
				ties++
				if a.Bullet.Order > b.Bullet.Order {
					t.Errorf("Search(%q): tied hits %s before %s, against report order", q, a.Bullet.ID, b.Bullet.ID)
				}
			case a.Score < b.Score:
				t.Errorf("Search(%q): hit %s (%g) before %s (%g)", q, a.Bullet.ID, a.Score, b.Bullet.ID, b.Score)
			}
		}
	}
	if ties == 0 {
		t.Fatal("no tied scores among the test queries; the test checks nothing")
	}
}

// TestSearchPanicKeepsStack checks that a panic while searching comes back
// as an error that says where it happened.
func TestSearchPanicKeepsStack(t *testing.T) {
	var broken Index // no bleve index: running the query panics
	_, err := broken.Search(context.Background(), Request{Query: ">1亿元"})
	if err == nil {
		t.Fatal("Search on a broken index succeeded")
	}
	for _, w := range []string{"panicked", "(*Index).execute", "run.go"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Search error lacks %q:\n%v", w, err)
		}
	}
}
