package server

import (
	"cmp"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"reportsearch/corpus"
	"reportsearch/index"
)

// The collection: what the header names, the report filters of the search
// page and the API (report, level, region, year, years), and the report
// page /r/{report}.

// describeCollection names the collection for the header: the report's
// title when there is one, else how many reports of which levels
// (73 份报告：全国 47、省级 25、乡镇 1); and each report's short name.
func describeCollection(infos []index.ReportInfo) (string, map[string]string) {
	short := make(map[string]string, len(infos))
	for _, r := range infos {
		short[r.ID] = r.Short
	}
	switch len(infos) {
	case 0:
		return "报告", short
	case 1:
		return cmp.Or(infos[0].Title, infos[0].Short), short
	}
	n := map[string]int{}
	for _, r := range infos {
		n[r.Level]++
	}
	var parts []string
	for _, l := range []string{corpus.LevelNational, corpus.LevelProvincial, corpus.LevelTown} {
		if n[l] > 0 {
			parts = append(parts, index.LevelLabel(l)+" "+strconv.Itoa(n[l]))
		}
	}
	name := strconv.Itoa(len(infos)) + " 份报告"
	if len(parts) > 0 {
		name += "：" + strings.Join(parts, "、")
	}
	return name, short
}

// reportInfo returns the report with id.
func (s *Server) reportInfo(id string) (index.ReportInfo, bool) {
	for _, r := range s.engine.ReportInfos() {
		if r.ID == id {
			return r, true
		}
	}
	return index.ReportInfo{}, false
}

// addReportFilters encodes the report filters as URL parameters: level,
// region and year repeated, the range as years=FROM-TO.
func addReportFilters(v url.Values, levels, regions []string, years []int, from, to int) {
	for _, x := range levels {
		v.Add("level", x)
	}
	for _, x := range regions {
		v.Add("region", x)
	}
	for _, y := range years {
		v.Add("year", strconv.Itoa(y))
	}
	if from != 0 || to != 0 {
		r := "-"
		if from != 0 {
			r = strconv.Itoa(from) + r
		}
		if to != 0 {
			r += strconv.Itoa(to)
		}
		v.Set("years", r)
	}
}

// reportLevels are the values of the level parameter.
var reportLevels = []string{corpus.LevelNational, corpus.LevelProvincial, corpus.LevelTown}

// parseReportFilters reads level, region, year (each repeatable), and the
// year range: years=1978-1990 (or 1978-, -1990), or year_from and year_to.
func parseReportFilters(v url.Values, req *index.Request) error {
	var err error
	if req.Levels, err = multi(v, "level"); err != nil {
		return err
	}
	for _, l := range req.Levels {
		if !slices.Contains(reportLevels, l) {
			return badParam("level", "%q is not one of %s", l, strings.Join(reportLevels, ", "))
		}
	}
	if req.Regions, err = multi(v, "region"); err != nil {
		return err
	}
	years, err := multi(v, "year")
	if err != nil {
		return err
	}
	for _, y := range years {
		n, err := strconv.Atoi(y)
		if err != nil || n < index.MinYear || n > index.MaxYear {
			return badParam("year", "%q is not a year", y)
		}
		req.Years = append(req.Years, n)
	}
	r, err := single(v, "years")
	if err != nil {
		return err
	}
	if r != "" {
		if req.YearFrom, req.YearTo, err = index.ParseYears(r); err != nil {
			return badParam("years", "%v", err)
		}
	}
	if req.YearFrom, err = intParam(v, "year_from", req.YearFrom, index.MinYear, index.MaxYear); err != nil {
		return err
	}
	if req.YearTo, err = intParam(v, "year_to", req.YearTo, index.MinYear, index.MaxYear); err != nil {
		return err
	}
	if req.YearFrom != 0 && req.YearTo != 0 && req.YearFrom > req.YearTo {
		return badParam("year_from", "%d is after year_to %d", req.YearFrom, req.YearTo)
	}
	return nil
}

// reportGroup is the reports of one level, for the home page.
type reportGroup struct {
	Label   string
	Reports []reportLink
}

type reportLink struct {
	URL, Label, Title string
	Passages          int
}

// browseLinks are the home page's ways in: every section for one report,
// every report by level for several.
func (s *Server) browseLinks() ([]facetView, []reportGroup) {
	infos := s.engine.ReportInfos()
	if len(infos) <= 1 {
		var out []facetView
		for _, sec := range sortedSections(s.sections()) {
			out = append(out, facetView{Value: sec.ID, Label: sec.Title, URL: searchState{Sections: []string{sec.Key()}, Sort: index.SortOrder}.url()})
		}
		return out, nil
	}
	var groups []reportGroup
	for _, l := range append(slices.Clone(reportLevels), "") {
		g := reportGroup{Label: cmp.Or(index.LevelLabel(l), "其他")}
		for _, r := range infos {
			if r.Level == l {
				g.Reports = append(g.Reports, reportLink{URL: "/r/" + url.PathEscape(r.ID), Label: r.Short, Title: r.Title, Passages: r.Passages})
			}
		}
		if len(g.Reports) > 0 {
			if l == corpus.LevelNational {
				slices.Reverse(g.Reports) // latest first
			}
			groups = append(groups, g)
		}
	}
	return nil, groups
}

// sectionFacetViews are the section facet's links in report order; a
// section is named with its report's short name when several are served.
func (s *Server) sectionFacetViews(fs []index.FacetCount, st searchState) []facetView {
	several := len(s.shortNames) > 1
	views := facetViews(fs, st, "section")
	if several {
		for i := range views {
			if r, _, ok := strings.Cut(views[i].Value, ":"); ok {
				views[i].Label = s.shortNames[r] + " · " + views[i].Label
			}
		}
		return views
	}
	return slices.SortedStableFunc(slices.Values(views), func(a, b facetView) int { return strings.Compare(a.Value, b.Value) })
}

// facetGroup is one report facet on the search page.
type facetGroup struct {
	Name  string // 报告, 级别, 地区, 年份
	Param string
	Views []facetView
}

// reportFacetViews are the report, level, region and year facets, each a
// list of links toggling the value; facets with one value or none are
// left out unless filtered on.
func (s *Server) reportFacetViews(f index.Facets, st searchState) []facetGroup {
	if len(s.shortNames) <= 1 {
		return nil
	}
	mk := func(name, param string, fs []index.FacetCount, selected []string, set func(*searchState, []string)) {}
	var out []facetGroup
	mk = func(name, param string, fs []index.FacetCount, selected []string, set func(*searchState, []string)) {
		var views []facetView
		for _, c := range fs {
			active := slices.Contains(selected, c.Value)
			if c.Count == 0 && !active {
				continue
			}
			next := st
			next.Page = 1
			set(&next, toggle(selected, c.Value))
			views = append(views, facetView{Value: c.Value, Label: cmp.Or(c.Label, c.Value), Count: c.Count, URL: next.url(), Active: active})
		}
		if len(views) > 1 || len(selected) > 0 {
			out = append(out, facetGroup{Name: name, Param: param, Views: views})
		}
	}
	mk("级别", "level", f.Levels, st.Levels, func(x *searchState, v []string) { x.Levels = v })
	mk("地区", "region", f.Regions, st.Regions, func(x *searchState, v []string) { x.Regions = v })
	var years []string
	for _, y := range st.Years {
		years = append(years, strconv.Itoa(y))
	}
	mk("年份", "year", f.Years, years, func(x *searchState, v []string) {
		x.Years = nil
		for _, y := range v {
			if n, err := strconv.Atoi(y); err == nil {
				x.Years = append(x.Years, n)
			}
		}
	})
	mk("报告", "report", f.Reports, st.Reports, func(x *searchState, v []string) { x.Reports = v })
	return out
}

// activeFilters lists the filters in force with links removing them:
// sections named by report and title, reports by short name.
func (s *Server) activeFilters(st searchState) []activeFilter {
	var secs []corpus.Section
	for _, sec := range s.sections() {
		title := sec.Title
		if len(s.shortNames) > 1 {
			title = s.shortNames[sec.Report] + " · " + title
		}
		secs = append(secs, corpus.Section{ID: sec.Key(), Title: title})
	}
	out := activeFilters(st, secs)
	for i := range out {
		if out[i].Name == "报告" {
			out[i].Label = cmp.Or(s.shortNames[out[i].Label], out[i].Label)
		}
	}
	for _, l := range st.Levels {
		next := st
		next.Page, next.Levels = 1, toggle(st.Levels, l)
		out = append(out, activeFilter{Name: "级别", Label: index.LevelLabel(l), RemoveURL: next.url()})
	}
	for _, r := range st.Regions {
		next := st
		next.Page, next.Regions = 1, toggle(st.Regions, r)
		out = append(out, activeFilter{Name: "地区", Label: r, RemoveURL: next.url()})
	}
	for i, y := range st.Years {
		next := st
		next.Page, next.Years = 1, slices.Delete(slices.Clone(st.Years), i, i+1)
		out = append(out, activeFilter{Name: "年份", Label: strconv.Itoa(y), RemoveURL: next.url()})
	}
	if st.YearFrom != 0 || st.YearTo != 0 {
		next := st
		next.Page, next.YearFrom, next.YearTo = 1, 0, 0
		label := fmt.Sprintf("%d–%d", st.YearFrom, st.YearTo)
		switch {
		case st.YearFrom == 0:
			label = fmt.Sprintf("%d 年及以前", st.YearTo)
		case st.YearTo == 0:
			label = fmt.Sprintf("%d 年及以后", st.YearFrom)
		}
		out = append(out, activeFilter{Name: "年份", Label: label, RemoveURL: next.url()})
	}
	return out
}

// introTitle names a section without a title: the text before the first
// heading.
const introTitle = "（开篇）"

// reportPage is /r/{report}: the report's facts and its outline.
type reportPage struct {
	basePage
	Report    index.ReportInfo
	LevelName string
	Outline   []outlineEntry
	SearchURL string // every passage in report order
}

// outlineEntry is one section of the outline. Post holds the tags that end
// it: </li>, or <ul> when the next entry is its sub-section, and the
// </ul></li> of the lists the next entry leaves.
type outlineEntry struct {
	ID, Title string
	Depth     int
	Passages  int    // passages of the section itself
	URL       string // its passages in report order
	First     string // the permalink of its first passage, "" when it has none
	Post      template.HTML
}

func (s *Server) handleReportPage(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["report"]
	ri, ok := s.reportInfo(id)
	if !ok {
		return &Error{Status: http.StatusNotFound, Code: codeNotFound, Message: fmt.Sprintf("没有报告 %q", id)}
	}
	p := reportPage{basePage: s.base(cmp.Or(ri.Title, ri.Short)), Report: ri, LevelName: index.LevelLabel(ri.Level)}
	p.SearchURL = searchState{Reports: []string{ri.ID}, Sort: index.SortOrder}.url()
	secs := s.engine.ReportSections(ri.ID)
	for _, sec := range secs {
		e := outlineEntry{ID: sec.ID, Title: cmp.Or(sec.Title, introTitle), Depth: max(sec.Depth, 1), Passages: sec.Passages,
			URL: searchState{Sections: []string{sec.Key()}, Sort: index.SortOrder}.url()}
		if sec.Passages > 0 {
			e.First = "/b/" + url.PathEscape(ri.ID+":"+sec.ID+"-01")
		}
		p.Outline = append(p.Outline, e)
	}
	nest(p.Outline)
	return s.render(w, r, "report", p)
}

// nest sets each entry's Post so that the outline renders as nested
// lists; a section more than one level below the previous is nested one
// level only.
func nest(es []outlineEntry) {
	level := 1 // nesting of the current entry
	for i := range es {
		if i > 0 && es[i].Depth > es[i-1].Depth {
			es[i-1].Post = "<ul>"
			level++
			continue
		}
		if i > 0 {
			closes := 0
			for l := level; l > 1 && l > es[i].Depth; l-- {
				closes++
			}
			es[i-1].Post = template.HTML("</li>" + strings.Repeat("</ul></li>", closes))
			level -= closes
		}
	}
	if n := len(es); n > 0 {
		es[n-1].Post = template.HTML("</li>" + strings.Repeat("</ul></li>", level-1))
	}
}

// fragmentsHTML is the hit's text as the result list shows it: its
// fragments (index.Fragments) with the matches marked, joined and ended
// with … where the passage was cut.
func fragmentsHTML(text string, spans []index.Span) string {
	var b strings.Builder
	frags := index.Fragments(text, spans)
	for i, f := range frags {
		if f.Start > 0 || i > 0 {
			b.WriteString("…")
		}
		b.WriteString(highlightHTML(text[f.Start:f.End], shiftSpans(f.Spans, -f.Start), true))
		if f.End < len(text) && i == len(frags)-1 {
			b.WriteString("…")
		}
	}
	return b.String()
}

// reportsJSON is the body of /api/reports.
type reportsJSON struct {
	Reports []index.ReportInfo `json:"reports"`
}

// handleAPIReports lists the served reports with their metadata: what the
// report facets' ids stand for.
func (s *Server) handleAPIReports(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, reportsJSON{Reports: nonNil(s.engine.ReportInfos())})
	return nil
}
