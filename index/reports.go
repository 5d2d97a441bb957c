package index

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"reportsearch/corpus"
)

// Reports as facets and filters. An index of several reports describes
// each (ReportInfo, in meta) and keys every section by its report
// (SectionInfo.Key, "national-2024:02.03"), so that two reports' section
// 05 stay apart in facets, filters and lists.
//
// The report filters of a Request (Reports, Levels, Regions, Years and the
// year range) are resolved to a set of reports and applied while
// collecting, as the section and kind filters are: each report facet is
// counted without its own filter (disjunctive), with the others.

// ReportInfo describes one indexed report.
type ReportInfo struct {
	ID       string `json:"id"`
	Title    string `json:"title,omitempty"`
	Short    string `json:"short"`            // a short name for lists: 2024 国务院, 2025 北京市, 华漕镇 2023
	Level    string `json:"level,omitempty"`  // corpus.LevelTown, LevelProvincial, LevelNational or ""
	Region   string `json:"region,omitempty"` // 全国, 北京市 …
	Year     int    `json:"year,omitempty"`   // 0 when unknown
	Date     string `json:"date,omitempty"`   // YYYY-MM-DD or ""
	Speaker  string `json:"speaker,omitempty"`
	Source   string `json:"source,omitempty"`
	Passages int    `json:"passages"`
}

// SectionInfo is one section of one indexed report.
type SectionInfo struct {
	Report string `json:"report"`
	corpus.Section
	Passages int `json:"passages"` // passages whose innermost section this is
}

// Key names the section across reports: "report:id".
func (s SectionInfo) Key() string { return sectionKey(s.Report, s.ID) }

func sectionKey(report, id string) string { return report + ":" + id }

// LevelLabel is the Chinese label of a report level: 镇, 省级, 全国.
func LevelLabel(level string) string {
	switch level {
	case corpus.LevelTown:
		return "乡镇"
	case corpus.LevelProvincial:
		return "省级"
	case corpus.LevelNational:
		return "全国"
	}
	return level
}

// shortName is a report's name in lists of several: its year and region
// (2025 北京市), 全国 reports as 国务院.
func shortName(r *corpus.Report) string {
	region := r.Region
	if region == "全国" {
		region = "国务院"
	}
	if i := strings.LastIndexAny(region, "区县市"); r.Level == corpus.LevelTown && i >= 0 && i+3 < len(region) {
		region = region[i+3:] // 上海市闵行区华漕镇 → 华漕镇
	}
	switch {
	case region != "" && r.Year > 0:
		return strconv.Itoa(r.Year) + " " + region
	case r.Title != "":
		return r.Title
	}
	return r.ID
}

func reportInfo(r *corpus.Report) ReportInfo {
	return ReportInfo{
		ID: r.ID, Title: r.Title, Short: shortName(r), Level: r.Level, Region: r.Region, Year: r.Year,
		Date: r.Date, Speaker: r.Speaker, Source: r.Source, Passages: len(r.Bullets),
	}
}

// ReportInfos describes the indexed reports, in index order.
func (ix *Index) ReportInfos() []ReportInfo { return slices.Clone(ix.meta.ReportInfo) }

// ReportInfo returns the report with id, false if none.
func (ix *Index) ReportInfo(id string) (ReportInfo, bool) {
	for _, r := range ix.meta.ReportInfo {
		if r.ID == id {
			return r, true
		}
	}
	return ReportInfo{}, false
}

// Sections lists the sections of every indexed report, in report order.
func (ix *Index) Sections() []SectionInfo { return slices.Clone(ix.meta.Sections) }

// ReportSections lists one report's sections, in report order.
func (ix *Index) ReportSections(report string) []SectionInfo {
	var out []SectionInfo
	for _, s := range ix.meta.Sections {
		if s.Report == report {
			out = append(out, s)
		}
	}
	return out
}

// SectionKey resolves a section filter value: a key "report:id", or a bare
// id when the index holds one report. ok is false for a section no
// indexed report has.
func (ix *Index) SectionKey(v string) (key string, ok bool) {
	if !strings.Contains(v, ":") && len(ix.meta.Reports) == 1 {
		v = sectionKey(ix.meta.Reports[0], v)
	}
	_, ok = ix.sectionIndex()[v]
	return v, ok
}

// sectionIndex maps section keys to their place in meta.Sections.
func (ix *Index) sectionIndex() map[string]int {
	ix.secOnce.Do(func() {
		ix.secByKey = make(map[string]int, len(ix.meta.Sections))
		for i, s := range ix.meta.Sections {
			ix.secByKey[s.Key()] = i
		}
	})
	return ix.secByKey
}

// sectionKeys resolves the request's section filter values (see
// SectionKey); an unknown one is a *QueryError.
func (ix *Index) sectionKeys(vals []string) ([]string, error) {
	var out []string
	for _, v := range vals {
		k, ok := ix.SectionKey(v)
		if !ok {
			if !strings.Contains(v, ":") {
				return nil, &QueryError{Param: "section", Message: fmt.Sprintf("unknown section %q: with several reports give report:section (national-2024:02)", v)}
			}
			return nil, &QueryError{Param: "section", Message: fmt.Sprintf("unknown section %q", v)}
		}
		out = append(out, k)
	}
	return out, nil
}

// Report facet dimensions, in Facets order.
const (
	dimReport = iota
	dimLevel
	dimRegion
	dimYear
	nDims
)

// reportFilter is a request's report filters resolved against the index's
// reports: pass[d][i] says whether report i passes dimension d's filter.
type reportFilter struct {
	pass   [nDims][]bool
	active bool // some dimension filters
}

// newReportFilter resolves the request's report filters; an unknown report
// id, level or a bad year range is a *QueryError.
func (ix *Index) newReportFilter(req Request) (*reportFilter, error) {
	infos := ix.meta.ReportInfo
	for _, r := range req.Reports {
		if !slices.Contains(ix.meta.Reports, r) {
			return nil, &QueryError{Param: "report", Message: fmt.Sprintf("unknown report %q", r)}
		}
	}
	for _, l := range req.Levels {
		if l != corpus.LevelTown && l != corpus.LevelProvincial && l != corpus.LevelNational {
			return nil, &QueryError{Param: "level", Message: fmt.Sprintf("unknown level %q (want town, provincial or national)", l)}
		}
	}
	if req.YearFrom != 0 && req.YearTo != 0 && req.YearFrom > req.YearTo {
		return nil, &QueryError{Param: "year_from", Message: "greater than year_to"}
	}
	f := &reportFilter{}
	for d := range nDims {
		f.pass[d] = make([]bool, len(infos))
	}
	for i, r := range infos {
		f.pass[dimReport][i] = len(req.Reports) == 0 || slices.Contains(req.Reports, r.ID)
		f.pass[dimLevel][i] = len(req.Levels) == 0 || slices.Contains(req.Levels, r.Level)
		f.pass[dimRegion][i] = len(req.Regions) == 0 || slices.Contains(req.Regions, r.Region)
		f.pass[dimYear][i] = (len(req.Years) == 0 || slices.Contains(req.Years, r.Year)) &&
			(req.YearFrom == 0 || r.Year >= req.YearFrom) && (req.YearTo == 0 || (r.Year > 0 && r.Year <= req.YearTo))
	}
	f.active = len(req.Reports)+len(req.Levels)+len(req.Regions)+len(req.Years) > 0 || req.YearFrom != 0 || req.YearTo != 0
	return f, nil
}

// passes reports whether report i passes every dimension but skip (-1:
// every dimension).
func (f *reportFilter) passes(i, skip int) bool {
	for d := range nDims {
		if d != skip && !f.pass[d][i] {
			return false
		}
	}
	return true
}

// allowed is the union of the reports' bitmaps passing every dimension; nil
// when no dimension filters.
func (f *reportFilter) allowed(reports []*roaring.Bitmap) *roaring.Bitmap {
	if f == nil || !f.active {
		return nil
	}
	b := roaring.New()
	for i, r := range reports {
		if f.passes(i, -1) && r != nil {
			b.Or(r)
		}
	}
	return b
}

// reportFacets counts the report facets: base is the match set with the
// section and kind filters applied; each dimension's counts leave out its
// own filter.
func (ix *Index) reportFacets(base *roaring.Bitmap, reports []*roaring.Bitmap, f *reportFilter, req Request) (byReport, levels, regions, years []FacetCount) {
	infos := ix.meta.ReportInfo
	n := make([]int, len(infos))
	for i, r := range reports {
		if r != nil {
			n[i] = int(base.AndCardinality(r))
		}
	}
	pass := func(i, d int) bool { return f == nil || f.passes(i, d) }
	for i, r := range infos {
		if c := n[i]; pass(i, dimReport) && (c > 0 || slices.Contains(req.Reports, r.ID)) {
			byReport = append(byReport, FacetCount{Value: r.ID, Label: r.Short, Count: c})
		} else if slices.Contains(req.Reports, r.ID) {
			byReport = append(byReport, FacetCount{Value: r.ID, Label: r.Short})
		}
	}
	group := func(d int, value func(ReportInfo) string, label func(string) string, selected []string) []FacetCount {
		counts := map[string]int{}
		var order []string
		for i, r := range infos {
			v := value(r)
			if v == "" || v == "0" {
				continue
			}
			if _, ok := counts[v]; !ok {
				order = append(order, v)
				counts[v] = 0
			}
			if pass(i, d) {
				counts[v] += n[i]
			}
		}
		var out []FacetCount
		for _, v := range order {
			if counts[v] > 0 || slices.Contains(selected, v) {
				out = append(out, FacetCount{Value: v, Label: label(v), Count: counts[v]})
			}
		}
		return out
	}
	same := func(s string) string { return s }
	levels = group(dimLevel, func(r ReportInfo) string { return r.Level }, LevelLabel, req.Levels)
	slices.SortStableFunc(levels, func(a, b FacetCount) int { return cmp.Compare(levelRank(a.Value), levelRank(b.Value)) })
	regions = group(dimRegion, func(r ReportInfo) string { return r.Region }, same, req.Regions)
	slices.SortStableFunc(regions, func(a, b FacetCount) int { return cmp.Compare(b.Count, a.Count) })
	var ys []string
	for _, y := range req.Years {
		ys = append(ys, strconv.Itoa(y))
	}
	years = group(dimYear, func(r ReportInfo) string { return strconv.Itoa(r.Year) }, same, ys)
	slices.SortStableFunc(years, func(a, b FacetCount) int { return cmp.Compare(b.Value, a.Value) })
	return byReport, levels, regions, years
}

func levelRank(l string) int {
	switch l {
	case corpus.LevelNational:
		return 0
	case corpus.LevelProvincial:
		return 1
	case corpus.LevelTown:
		return 2
	}
	return 3
}

// Bounds on a year in Request.Years, YearFrom and YearTo (when not 0).
const (
	MinYear = 1000
	MaxYear = 9999
)

// ParseYears reads a year range "1978-1990" (either end may be missing:
// "1978-", "-1990") or a single year "2024" into its ends (0: open).
func ParseYears(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	lo, hi, isRange := strings.Cut(s, "-")
	if !isRange {
		hi = lo
	}
	parse := func(x string) (int, error) {
		x = strings.TrimSpace(x)
		if x == "" && isRange {
			return 0, nil
		}
		y, err := strconv.Atoi(x)
		if err != nil || y < MinYear || y > MaxYear {
			return 0, fmt.Errorf("%q is not a year range (1978-1990, 1978-, -1990 or 2024)", s)
		}
		return y, nil
	}
	if from, err = parse(lo); err != nil {
		return 0, 0, err
	}
	if to, err = parse(hi); err != nil {
		return 0, 0, err
	}
	if from == 0 && to == 0 {
		return 0, 0, fmt.Errorf("%q is not a year range (1978-1990, 1978-, -1990 or 2024)", s)
	}
	if from != 0 && to != 0 && from > to {
		return 0, 0, fmt.Errorf("%q: the first year is after the second", s)
	}
	return from, to, nil
}

// maxSectionFacets bounds the section facet when several reports are
// searched: the sections with the most matches (and the selected ones).
const maxSectionFacets = 30

// sectionFacet is the section facet of the counts secN (parallel to
// meta.Sections): every section for an index of one report; otherwise the
// sections with matches, at most maxSectionFacets of them, and the selected
// ones, in report order.
func (st *collectState) sectionFacet(secN []int) []FacetCount {
	m := &st.ix.meta
	several := len(m.Reports) > 1
	selected := func(i int) bool { return len(st.sections) > 0 && slices.Contains(st.sections, m.Sections[i].Key()) }
	var keep []int // indices into m.Sections
	for i := range m.Sections {
		if !several || secN[i] > 0 || selected(i) {
			keep = append(keep, i)
		}
	}
	if several && len(keep) > maxSectionFacets {
		// the counts of the maxSectionFacets-th largest: keep those above,
		// then those equal to it in report order up to the bound
		counts := make([]int, len(keep))
		for j, i := range keep {
			counts[j] = secN[i]
		}
		slices.Sort(counts)
		cut := counts[len(counts)-maxSectionFacets]
		above := 0
		for _, c := range counts {
			if c > cut {
				above++
			}
		}
		ties := maxSectionFacets - above
		keep = slices.DeleteFunc(keep, func(i int) bool {
			switch {
			case secN[i] > cut || selected(i):
				return false
			case secN[i] == cut && ties > 0:
				ties--
				return false
			}
			return true
		})
	}
	out := make([]FacetCount, 0, len(keep))
	for _, i := range keep {
		s := m.Sections[i]
		out = append(out, FacetCount{Value: s.Key(), Label: s.Title, Count: secN[i], Report: s.Report})
	}
	return out
}

// reportBase is the match set with the section, kind and money filters applied:
// what the report facets count.
func (st *collectState) reportBase() *roaring.Bitmap {
	return st.filtered(st.secOK, st.kindOK, st.moneyOK)
}

// resolveFilters resolves the request's section keys and report filters
// (kept in req.reports for the collector); errors are *QueryError.
func (ix *Index) resolveFilters(req *Request) error {
	keys, err := ix.sectionKeys(req.Sections)
	if err != nil {
		return err
	}
	req.Sections = keys
	for _, f := range []struct {
		param string
		n     int
	}{{"level", len(req.Levels)}, {"region", len(req.Regions)}, {"year", len(req.Years)}} {
		if f.n > MaxValues {
			return &QueryError{Param: f.param, Message: "too many values, at most " + itoa(MaxValues)}
		}
	}
	req.reports, err = ix.newReportFilter(*req)
	return err
}
