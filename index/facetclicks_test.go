package index

import (
	"errors"
	"slices"
	"testing"

	"reportsearch/corpus"
)

// TestFacetCountsAreClickTotals checks, for every value of the section,
// kind and money facets on several filter combinations, that the count
// shown beside it is the total of the request with that facet's filter set
// to that value (the others kept): each facet is counted with every filter
// but its own.
func TestFacetCountsAreClickTotals(t *testing.T) {
	ix, r := reportIndex(t)
	base := []Request{
		{},
		{Kinds: []string{"count"}},
		{Kinds: []string{"percent"}},
		{Money: []string{"1m-10m"}},
		{Kinds: []string{"count"}, Money: []string{"1m-10m"}},
		{Kinds: []string{"count", "percent"}, Money: []string{"lt1m", "ge100m"}},
		{Sections: []string{"02"}, Money: []string{"ge100m"}},
		{Query: "企业", Kinds: []string{"count"}, Money: []string{"10m-100m"}},
		{Query: "项目 建设", Money: []string{"ge100m"}},
		{Query: "亿元", Sections: []string{"02", "05"}, Kinds: []string{"money"}},
		{Reports: []string{r.ID}, Kinds: []string{"count"}, Money: []string{"1m-10m"}, Query: "发展"},
	}
	checked := 0
	for _, req := range base {
		res := mustSearch(t, ix, req)
		facets := []struct {
			name   string
			counts []FacetCount
			set    func(r *Request, v string)
		}{
			{"section", res.Facets.Sections, func(r *Request, v string) { r.Sections = []string{v} }},
			{"kind", res.Facets.Kinds, func(r *Request, v string) { r.Kinds = []string{v} }},
			{"money", res.Facets.Money, func(r *Request, v string) { r.Money = []string{v} }},
		}
		for _, f := range facets {
			for _, c := range f.counts {
				click := req
				f.set(&click, c.Value)
				got := mustSearch(t, ix, click).Total
				if got != uint64(c.Count) {
					t.Errorf("%+v: %s facet %s shows %d; clicking it gives %d", req, f.name, c.Value, c.Count, got)
				}
				checked++
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d facet values checked", checked)
	}
}

// TestMoneyFilterOwnFigures checks that the money filter constrains the
// money figures only and the kind filter is "has a figure of the kind":
// kind=count with money=1m-10m gives exactly the bullets having a count
// and a money figure in [100万, 1000万), and the money ranges alone the
// bullets having a money figure in them.
func TestMoneyFilterOwnFigures(t *testing.T) {
	ix, r := reportIndex(t)
	has := func(b corpus.Bullet, f func(m corpus.Metric) bool) bool { return slices.ContainsFunc(b.Metrics, f) }
	for i, mr := range moneyRanges {
		inRange := func(m corpus.Metric) bool {
			lo, hi := figureSpan(m)
			return m.Kind == kindMoney && (i == 0 || hi >= mr.Min) && (mr.Max == 0 || lo < mr.Max)
		}
		for _, kinds := range [][]string{nil, {"count"}, {"percent"}, {"count", "percent"}} {
			req := Request{Kinds: kinds, Money: []string{mr.Key}, Size: MaxSize}
			want := bulletsWhere(r, func(b corpus.Bullet) bool {
				if !has(b, inRange) {
					return false
				}
				return len(kinds) == 0 || has(b, func(m corpus.Metric) bool { return slices.Contains(kinds, m.Kind) })
			})
			res := mustSearch(t, ix, req)
			if int(res.Total) != len(want) {
				t.Errorf("kind=%v money=%s: total %d; want %d", kinds, mr.Key, res.Total, len(want))
			}
			if len(want) <= MaxSize && !slices.Equal(ids(res), want) {
				t.Errorf("kind=%v money=%s: %v; want %v", kinds, mr.Key, ids(res), want)
			}
		}
	}
}

func TestMoneyFilterErrors(t *testing.T) {
	ix, _ := reportIndex(t)
	for _, money := range [][]string{{"huge"}, {""}, {"LT1M"}, make([]string, MaxValues+1)} {
		_, err := ix.Search(t.Context(), Request{Money: money})
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Param != "money" {
			t.Errorf("Money=%q: error %v; want a QueryError on money", money, err)
		}
	}
}

// TestMoneyFilterSortByValue checks that sorting a money range's hits by
// value orders them by their money figure inside the range.
func TestMoneyFilterSortByValue(t *testing.T) {
	ix, _ := reportIndex(t)
	for _, sort := range []string{SortValue, SortValueDesc} {
		res := mustSearch(t, ix, Request{Money: []string{"1m-10m"}, Sort: sort, Size: MaxSize})
		if len(res.Hits) < 2 {
			t.Fatalf("%s: %d hits; want several", sort, len(res.Hits))
		}
		prev := 0.0
		for i, h := range res.Hits {
			key := -1.0
			for _, m := range h.Bullet.Metrics {
				if m.Kind == kindMoney && m.Normalized >= 1e6 && m.Normalized < 1e7 {
					key = max(key, m.Normalized)
				}
			}
			if key < 0 {
				continue // a range figure meeting the bucket: sorted by its span
			}
			if i > 0 && prev >= 0 && ((sort == SortValue && key < prev) || (sort == SortValueDesc && key > prev)) {
				t.Errorf("%s: hit %d %s (%g) after %g", sort, i, h.Bullet.Key(), key, prev)
			}
			prev = key
		}
	}
}
