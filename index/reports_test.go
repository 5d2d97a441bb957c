package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"reportsearch/corpus"
)

// twoReports indexes two small reports that share section numbers: a
// national one of 2024 and a provincial one of 2025.
func twoReports(t *testing.T) *Index {
	t.Helper()
	parse := func(name, text, level, region string, year int) *corpus.Report {
		r, err := corpus.Parse(strings.NewReader(text), name)
		if err != nil {
			t.Fatal(err)
		}
		r.Level, r.Region, r.Year = level, region, year
		return r
	}
	a := parse("a.txt", "01 工作回顾\n\n◆粮食产量1.3万亿斤，创历史新高。\n◆城镇新增就业1200万人。\n\n05 政府建设\n\n◆推进法治政府建设，粮食安全责任制落实。\n",
		corpus.LevelNational, "全国", 2024)
	b := parse("b.txt", "01 过去一年\n\n◆全省粮食产量500亿斤。\n\n05 民生\n\n◆新建养老服务设施。\n",
		corpus.LevelProvincial, "北京市", 2025)
	ix, err := New(context.Background(), []*corpus.Report{a, b}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func facetOf(fs []FacetCount, value string) (FacetCount, bool) {
	i := slices.IndexFunc(fs, func(f FacetCount) bool { return f.Value == value })
	if i < 0 {
		return FacetCount{}, false
	}
	return fs[i], true
}

func TestSectionsKeyedByReport(t *testing.T) {
	ix := twoReports(t)
	secs := ix.Sections()
	var keys []string
	for _, s := range secs {
		keys = append(keys, s.Key())
	}
	for _, want := range []string{"a:01", "a:05", "b:01", "b:05"} {
		if !slices.Contains(keys, want) {
			t.Errorf("Sections() keys %v lack %s", keys, want)
		}
	}
	res := mustSearch(t, ix, Request{Query: "粮食"})
	a05, ok1 := facetOf(res.Facets.Sections, "a:05")
	b01, ok2 := facetOf(res.Facets.Sections, "b:01")
	if !ok1 || !ok2 || a05.Label != "政府建设" || b01.Label != "过去一年" || a05.Count != 1 || b01.Count != 1 {
		t.Errorf("section facet %+v; want a:05 政府建设 1 and b:01 过去一年 1", res.Facets.Sections)
	}
	if _, ok := facetOf(res.Facets.Sections, "b:05"); ok {
		t.Errorf("section facet lists b:05, which has no hit: %+v", res.Facets.Sections)
	}
	got := mustSearch(t, ix, Request{Query: "粮食", Sections: []string{"b:01"}})
	if got.Total != 1 || got.Hits[0].Bullet.Report != "b" {
		t.Errorf("section b:01: %d hits %v; want b's one", got.Total, ids(got))
	}
	if _, err := ix.Search(context.Background(), Request{Query: "粮食", Sections: []string{"01"}}); err == nil || !strings.Contains(err.Error(), "report:section") {
		t.Errorf("a bare section id over two reports: %v; want an error asking for report:section", err)
	}
}

func TestReportFiltersAndFacets(t *testing.T) {
	ix := twoReports(t)
	all := mustSearch(t, ix, Request{Query: "粮食"})
	if all.Total != 3 {
		t.Fatalf("粮食: %d hits; want 3", all.Total)
	}
	for _, c := range []struct {
		fs    []FacetCount
		value string
		n     int
	}{
		{all.Facets.Levels, corpus.LevelNational, 2}, {all.Facets.Levels, corpus.LevelProvincial, 1},
		{all.Facets.Regions, "全国", 2}, {all.Facets.Regions, "北京市", 1},
		{all.Facets.Years, "2024", 2}, {all.Facets.Years, "2025", 1},
		{all.Facets.Reports, "a", 2}, {all.Facets.Reports, "b", 1},
	} {
		if f, ok := facetOf(c.fs, c.value); !ok || f.Count != c.n {
			t.Errorf("facet %s = %+v; want %d", c.value, f, c.n)
		}
	}
	for _, c := range []struct {
		req  Request
		want int
	}{
		{Request{Query: "粮食", Levels: []string{corpus.LevelProvincial}}, 1},
		{Request{Query: "粮食", Regions: []string{"全国"}}, 2},
		{Request{Query: "粮食", Years: []int{2025}}, 1},
		{Request{Query: "粮食", YearFrom: 2025}, 1},
		{Request{Query: "粮食", YearTo: 2024}, 2},
		{Request{Query: "粮食", YearFrom: 2020, YearTo: 2023}, 0},
		{Request{Query: "粮食", Reports: []string{"a"}, Levels: []string{corpus.LevelProvincial}}, 0},
		{Request{Levels: []string{corpus.LevelProvincial}}, 2}, // browsing
	} {
		res := mustSearch(t, ix, c.req)
		if int(res.Total) != c.want || len(res.Hits) != c.want {
			t.Errorf("%+v: %d hits (%d shown); want %d", c.req, res.Total, len(res.Hits), c.want)
		}
	}
	// disjunctive: the level facet under a level filter still counts the
	// other level; the year facet is narrowed by the level filter
	res := mustSearch(t, ix, Request{Query: "粮食", Levels: []string{corpus.LevelProvincial}})
	if f, _ := facetOf(res.Facets.Levels, corpus.LevelNational); f.Count != 2 {
		t.Errorf("level facet under level=provincial: %+v; want national 2", res.Facets.Levels)
	}
	if _, ok := facetOf(res.Facets.Years, "2024"); ok {
		t.Errorf("year facet under level=provincial lists 2024: %+v", res.Facets.Years)
	}
	for _, bad := range []Request{
		{Query: "粮食", Levels: []string{"county"}},
		{Query: "粮食", Reports: []string{"c"}},
		{Query: "粮食", YearFrom: 2025, YearTo: 2024},
	} {
		if _, err := ix.Search(context.Background(), bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

func TestParseYears(t *testing.T) {
	for _, c := range []struct {
		in       string
		from, to int
		ok       bool
	}{
		{"1978-1990", 1978, 1990, true}, {"1978-", 1978, 0, true}, {"-1990", 0, 1990, true},
		{"2024", 2024, 2024, true}, {" 1978 - 1990 ", 1978, 1990, true},
		{"1990-1978", 0, 0, false}, {"x", 0, 0, false}, {"78-90", 0, 0, false}, {"-", 0, 0, false}, {"", 0, 0, false},
	} {
		from, to, err := ParseYears(c.in)
		if (err == nil) != c.ok || from != c.from || to != c.to {
			t.Errorf("ParseYears(%q) = %d, %d, %v; want %d, %d, ok %v", c.in, from, to, err, c.from, c.to, c.ok)
		}
	}
}
