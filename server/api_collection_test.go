package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"reportsearch/index"
	"reportsearch/index/collection"
)

var (
	collOnce sync.Once
	collIx   *index.Index
	collErr  error
)

// collectionIndex is the embedded collection's index (every report of
// corpus/reports), opened once for the package's tests.
func collectionIndex(t testing.TB) *index.Index {
	t.Helper()
	collOnce.Do(func() { collIx, collErr = collection.Open(index.Options{}) })
	if collErr != nil {
		t.Fatalf("opening the embedded collection: %v", collErr)
	}
	return collIx
}

func newCollection(t testing.TB) http.Handler {
	t.Helper()
	return New(collectionIndex(t), Options{}).Handler()
}

// searchJSON answers GET /api/search?params over the collection.
func searchJSON(t *testing.T, h http.Handler, params string) SearchResponse {
	t.Helper()
	w := get(t, h, "/api/search?"+params)
	if w.Code != 200 {
		t.Fatalf("GET /api/search?%s: %d %s", params, w.Code, w.Body)
	}
	var res SearchResponse
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	return res
}

func reportYear(t *testing.T, ix *index.Index, id string) (index.ReportInfo, int) {
	t.Helper()
	ri, ok := ix.ReportInfo(id)
	if !ok {
		t.Fatalf("hit of unknown report %q", id)
	}
	return ri, ri.Year
}

// Report facets count hits by level, region, year and report, each without
// its own filter; filters narrow the hits; keys carry the report.
func TestAPIReportFacets(t *testing.T) {
	h := newCollection(t)
	ix := collectionIndex(t)
	q := "q=" + url.QueryEscape("粮食产量")
	all := searchJSON(t, h, q+"&size=100")
	if all.Total < 10 {
		t.Fatalf("粮食产量: %d hits; want many across reports", all.Total)
	}
	sum := func(fs []LabelledCount) (n int) {
		for _, f := range fs {
			n += f.Count
		}
		return n
	}
	for name, fs := range map[string][]LabelledCount{"level": all.Facets.Level, "report": all.Facets.Report, "year": all.Facets.Year, "region": all.Facets.Region} {
		if sum(fs) != int(all.Total) {
			t.Errorf("%s facet sums to %d; want the total %d (%+v)", name, sum(fs), all.Total, fs)
		}
	}
	levels := map[string]int{}
	for _, f := range all.Facets.Level {
		levels[f.Value] = f.Count
	}
	if levels["national"] == 0 || levels["provincial"] == 0 {
		t.Fatalf("level facet %+v; want national and provincial hits", all.Facets.Level)
	}
	for _, f := range all.Facets.Report {
		if _, ok := ix.ReportInfo(f.Value); !ok || f.Label == "" {
			t.Errorf("report facet %+v; want a report id and its short name", f)
		}
	}
	for _, hit := range all.Hits {
		if !strings.HasPrefix(hit.ID, hit.Report+":") {
			t.Errorf("hit id %q; want %s:…", hit.ID, hit.Report)
		}
	}
	for _, f := range all.Facets.Section {
		if f.Report == "" || !strings.HasPrefix(f.Value, f.Report+":") {
			t.Errorf("section facet %+v; want a value report:id", f)
		}
	}

	// facets count the full matches (every word); a click gives as many,
	// and partial matches after them when they are fewer than a page
	nat := searchJSON(t, h, q+"&level=national&size=100")
	if nat.FullTotal != uint64(levels["national"]) {
		t.Errorf("level=national: %d full matches; the facet said %d", nat.FullTotal, levels["national"])
	}
	for _, hit := range nat.Hits {
		if ri, _ := reportYear(t, ix, hit.Report); ri.Level != "national" {
			t.Errorf("level=national: hit %s of a %s report", hit.ID, ri.Level)
		}
	}
	// disjunctive: the level facet still offers the other levels
	if len(nat.Facets.Level) < 2 {
		t.Errorf("level facet under level=national = %+v; want the other levels too", nat.Facets.Level)
	}

	old := searchJSON(t, h, q+"&years=1978-1990&size=100")
	if old.Total == 0 || old.Total >= all.Total {
		t.Errorf("years=1978-1990: %d of %d hits; want some, not all", old.Total, all.Total)
	}
	for _, hit := range old.Hits {
		if _, y := reportYear(t, ix, hit.Report); y < 1978 || y > 1990 {
			t.Errorf("years=1978-1990: hit %s of %d", hit.ID, y)
		}
	}
	same := searchJSON(t, h, q+"&year_from=1978&year_to=1990&size=100")
	if same.Total != old.Total || same.FullTotal != old.FullTotal {
		t.Errorf("year_from=1978&year_to=1990: %d hits; years=1978-1990 had %d", same.Total, old.Total)
	}
	one := all.Facets.Year[0]
	y := searchJSON(t, h, q+"&year="+one.Value)
	if int(y.FullTotal) != one.Count {
		t.Errorf("year=%s: %d full matches; the facet said %d", one.Value, y.FullTotal, one.Count)
	}
	rep := all.Facets.Report[0]
	r := searchJSON(t, h, q+"&report="+rep.Value)
	if int(r.FullTotal) != rep.Count {
		t.Errorf("report=%s: %d full matches; the facet said %d", rep.Value, r.FullTotal, rep.Count)
	}

	for _, bad := range []string{"level=county", "years=1990-1978", "year=x", "section=05", "section=nope:05"} {
		w := get(t, h, "/api/search?"+q+"&"+bad)
		param, _, _ := strings.Cut(bad, "=")
		if w.Code != 400 || !strings.Contains(w.Body.String(), param) {
			t.Errorf("GET /api/search?%s: %d %s; want 400 naming %s", bad, w.Code, w.Body, param)
		}
	}
	if w := get(t, h, "/api/search?"+q+"&section=05"); !strings.Contains(w.Body.String(), "report:section") {
		t.Errorf("a bare section id over several reports: %s; want the error to ask for report:section", w.Body)
	}
}

// Sections belong to their report: two reports' section 01 are two
// entries, two facet values and two filters.
func TestAPISectionsPerReport(t *testing.T) {
	h := newCollection(t)
	w := get(t, h, "/api/sections")
	var body sectionsJSON
	decode(t, w.Body.Bytes(), &body)
	if len(body.Reports) < 2 {
		t.Fatalf("/api/sections lists %d reports", len(body.Reports))
	}
	byKey := map[string]sectionJSON{}
	firsts := map[string]string{} // report → title of its section 01
	for _, s := range body.Sections {
		if s.Key != s.Report+":"+s.ID {
			t.Errorf("section %+v: key is not report:id", s)
		}
		if _, dup := byKey[s.Key]; dup {
			t.Errorf("section key %s listed twice", s.Key)
		}
		byKey[s.Key] = s
		if s.ID == "01" {
			firsts[s.Report] = s.Title
		}
	}
	a, b := "national-2024", "beijing-2025"
	if firsts[a] == "" || firsts[b] == "" || firsts[a] == firsts[b] {
		t.Fatalf("section 01 of %s %q and of %s %q; want each its own", a, firsts[a], b, firsts[b])
	}
	q := "q=" + url.QueryEscape("发展")
	res := searchJSON(t, h, q+"&section="+a+":01&size=100")
	if res.Total == 0 || int(res.Total) > byKey[a+":01"].Passages {
		t.Errorf("section=%s:01: %d hits; the section has %d passages", a, res.Total, byKey[a+":01"].Passages)
	}
	for _, hit := range res.Hits {
		if hit.Report != a || hit.Section.ID != "01" {
			t.Errorf("section=%s:01: hit %s in %s", a, hit.ID, hit.Section.ID)
		}
	}
	both := searchJSON(t, h, q+"&section="+a+":01&section="+b+":01&size=100")
	var n01 int
	for _, f := range both.Facets.Section {
		if strings.HasSuffix(f.Value, ":01") && (f.Report == a || f.Report == b) {
			n01++
			if f.Label != firsts[f.Report] {
				t.Errorf("section facet %s labelled %q; want its own title %q", f.Value, f.Label, firsts[f.Report])
			}
		}
	}
	if n01 != 2 {
		t.Errorf("section facet has %d values for the two sections 01; want 2: %+v", n01, both.Facets.Section)
	}
}

// Bullets and their neighbours are named by report:id.
func TestAPIBulletKeysCarryReport(t *testing.T) {
	h := newCollection(t)
	w := get(t, h, "/api/bullets/national-2024:02-02")
	if w.Code != 200 {
		t.Fatalf("GET /api/bullets/national-2024:02-02: %d %s", w.Code, w.Body)
	}
	var b bulletJSON
	decode(t, w.Body.Bytes(), &b)
	if b.ID != "national-2024:02-02" || len(b.Before) == 0 || len(b.After) == 0 {
		t.Fatalf("bullet %+v; want its key and neighbours", b)
	}
	for _, k := range append(b.Before, b.After...) {
		if !strings.HasPrefix(k, "national-2024:") {
			t.Errorf("neighbour %q; want a national-2024: key", k)
		}
		if w := get(t, h, "/b/"+k); w.Code != 200 {
			t.Errorf("GET /b/%s: %d", k, w.Code)
		}
	}
	if w := get(t, h, "/api/bullets/02-02"); w.Code != 404 {
		t.Errorf("a bare id over several reports: %d; want 404", w.Code)
	}
}

// A long passage's hit carries fragments at sentence ends, shorter than
// the passage, holding the matches; the text is the whole passage.
func TestAPIFragments(t *testing.T) {
	h := newCollection(t)
	res := searchJSON(t, h, "q="+url.QueryEscape("南水北调")+"&size=20")
	long := 0
	for _, hit := range res.Hits {
		if len([]rune(hit.Text)) <= index.FragmentRunes {
			if len(hit.Fragments) != 1 || hit.Fragments[0].Text != hit.Text {
				t.Errorf("%s: short passage fragments %+v; want the whole text", hit.ID, hit.Fragments)
			}
			continue
		}
		long++
		if len(hit.Fragments) == 0 {
			t.Errorf("%s: no fragment", hit.ID)
			continue
		}
		for _, f := range hit.Fragments {
			if hit.Text[f.Start:f.End] != f.Text || len([]rune(f.Text)) > index.FragmentRunes {
				t.Errorf("%s: fragment %+v is not a part of the text of at most %d runes", hit.ID, f, index.FragmentRunes)
			}
			if f.CutBefore != (f.Start > 0) || f.CutAfter != (f.End < len(hit.Text)) {
				t.Errorf("%s: fragment %d-%d of %d bytes: cut_before %v, cut_after %v", hit.ID, f.Start, f.End, len(hit.Text), f.CutBefore, f.CutAfter)
			}
		}
		if !strings.Contains(hit.Fragments[0].Highlight, "<mark>") && !strings.Contains(strings.Join(fragmentTexts(hit), ""), "南水北调") {
			t.Errorf("%s: fragments %+v hold no match", hit.ID, hit.Fragments)
		}
	}
	if long == 0 {
		t.Skip("no long passage among the hits")
	}
}

func fragmentTexts(h SearchHit) []string {
	var out []string
	for _, f := range h.Fragments {
		out = append(out, f.Text)
	}
	return out
}

// The report page lists the report's facts and its nested outline, each
// section linking to its passages.
func TestReportPage(t *testing.T) {
	h := newCollection(t)
	doc := page(t, h, "/r/national-2024", 200)
	if got := doc.Find("#report-h").Text(); !strings.Contains(got, "2024") {
		t.Errorf("report page title %q", got)
	}
	if got := doc.Find("#report-speaker").Text(); !strings.Contains(got, "李强") {
		t.Errorf("speaker %q; want 李强", got)
	}
	if got := doc.Find("#report-date").Text(); got != "2024-03-05" {
		t.Errorf("date %q; want 2024-03-05", got)
	}
	secs := collectionIndex(t).ReportSections("national-2024")
	links := doc.Find(".outline li > a:first-child")
	if links.Length() != len(secs) {
		t.Errorf("outline has %d sections; want %d", links.Length(), len(secs))
	}
	if doc.Find(".outline ul ul li").Length() == 0 {
		t.Error("outline is not nested: no sub-section list")
	}
	href, _ := links.Eq(1).Attr("href")
	if !strings.Contains(href, "section=national-2024:") {
		t.Errorf("outline link %q; want a section=national-2024:… filter", href)
	}
	firsts := doc.Find(`.outline a[aria-label$="首段"]`)
	if firsts.Length() == 0 {
		t.Error("the outline links to no first passage")
	}
	firsts.Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		if w := get(t, h, href); w.Code != 200 {
			t.Errorf("first-passage link %s: %d", href, w.Code)
		}
	})
	page(t, h, "/r/nope", 404)
	// the header names the collection, not one report
	if got := doc.Find(".brand small").Text(); !strings.Contains(got, strconv.Itoa(len(collectionIndex(t).Reports()))+" 份报告") {
		t.Errorf("header %q; want the collection named", got)
	}
}

// /api/reports describes every served report, in the order of the
// collection, with the metadata the report facets stand for.
func TestAPIReports(t *testing.T) {
	h := newCollection(t)
	w := get(t, h, "/api/reports")
	var body reportsJSON
	decode(t, w.Body.Bytes(), &body)
	ix := collectionIndex(t)
	if len(body.Reports) != len(ix.Reports()) {
		t.Fatalf("/api/reports lists %d reports; want %d", len(body.Reports), len(ix.Reports()))
	}
	for _, r := range body.Reports {
		if r.Level == "" || r.Region == "" || r.Year == 0 || r.Short == "" || r.Passages == 0 {
			t.Errorf("report %+v lacks its metadata", r)
		}
	}
}
