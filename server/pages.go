package server

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"reportsearch/corpus"
	"reportsearch/index"
)

//go:embed templates
var templateFS embed.FS

// pageNames are the pages; each is templates/base.tmpl plus templates/NAME.tmpl.
var pageNames = []string{"search", "bullet", "figures", "error"}

// pageSize is the number of hits on one search page.
const pageSize = 10

// parsePages parses one template set per page. The templates are embedded,
// so an error is a bug that every test catches.
func parsePages(funcs template.FuncMap) map[string]*template.Template {
	pages := make(map[string]*template.Template)
	for _, name := range pageNames {
		t := template.New("").Funcs(funcs)
		pages[name] = template.Must(t.ParseFS(templateFS, "templates/base.tmpl", "templates/"+name+".tmpl"))
	}
	return pages
}

func (s *Server) templateFuncs() template.FuncMap {
	return template.FuncMap{
		"static":    s.staticURL,
		"kindLabel": kindLabel,
		"bulletURL": func(b corpus.Bullet) string { return "/b/" + url.PathEscape(b.Key()) },
		"lines":     formatLines,
		"add": func(xs ...int) int {
			sum := 0
			for _, x := range xs {
				sum += x
			}
			return sum
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// render executes a page into a buffer, then writes it: a template error is
// still answered with the error page, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data any) error {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "base", data); err != nil {
		return fmt.Errorf("rendering %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.Write(buf.Bytes())
	return nil
}

// basePage is what every page has.
type basePage struct {
	Title    string
	Query    string // shown in the header's search box
	Nav      string // "search", "figures": the current navigation item
	KindsMap string // JSON of kind → Chinese label, for the script
}

func (s *Server) base(title string) basePage {
	return basePage{Title: title, KindsMap: kindsJSON}
}

// kindLabels are the Chinese names of metric kinds.
var kindLabels = map[string]string{
	"money":    "金额",
	"percent":  "百分比",
	"area":     "面积",
	"count":    "数量",
	"length":   "长度",
	"time":     "时长",
	"duration": "时长",
	"people":   "人数",
	"ratio":    "比例",
	"other":    "其他",
}

var kindsJSON = func() string {
	b, _ := json.Marshal(kindLabels)
	return string(b)
}()

func kindLabel(kind string) string {
	if l, ok := kindLabels[kind]; ok {
		return l
	}
	return kind
}

func formatLines(lines []int) string {
	parts := make([]string, len(lines))
	for i, n := range lines {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, "、")
}

// searchState is the state of the search page, all of it in the URL.
type searchState struct {
	Query    string
	Sections []string
	Kinds    []string
	Money    string // a money facet's range key
	Reports  []string
	Sort     string
	Page     int // from 1
}

// values encodes the state as URL parameters, in a stable order.
func (st searchState) values() url.Values {
	v := url.Values{}
	if st.Query != "" {
		v.Set("q", st.Query)
	}
	for _, x := range st.Sections {
		v.Add("section", x)
	}
	for _, x := range st.Kinds {
		v.Add("kind", x)
	}
	if st.Money != "" {
		v.Set("money", st.Money)
	}
	for _, x := range st.Reports {
		v.Add("report", x)
	}
	if st.Sort != "" && st.Sort != index.SortRelevance {
		v.Set("sort", st.Sort)
	}
	if st.Page > 1 {
		v.Set("page", strconv.Itoa(st.Page))
	}
	return v
}

// url is the search page URL of the state.
func (st searchState) url() string {
	q := st.values().Encode()
	if q == "" {
		return "/"
	}
	return "/search?" + q
}

// toggle returns the state with value added to or removed from a list, back
// on the first page.
func toggle(list []string, value string) []string {
	if i := slices.Index(list, value); i >= 0 {
		return slices.Delete(slices.Clone(list), i, i+1)
	}
	return append(slices.Clone(list), value)
}

func (st searchState) empty() bool {
	return st.Query == "" && len(st.Sections) == 0 && len(st.Kinds) == 0 && st.Money == "" && len(st.Reports) == 0
}

type searchPage struct {
	basePage
	State     searchState
	Searched  bool
	Total     uint64
	TookMS    string
	Partial   bool
	From, To  int
	Hits      []hitView
	Sections  []facetView
	Kinds     []facetView
	Money     []facetView
	Active    []activeFilter
	Sorts     []sortLink
	Prev      string
	Next      string
	PageLinks []pageLink
	Hidden    []hiddenInput // filters kept when the query changes
	APIParams string        // the filters as /api/search parameters, for the script
	Browse    []facetView   // on the home page: every section
}

type hitView struct {
	Key       string
	URL       string
	Section   corpus.Section
	Highlight template.HTML // highlightHTML of the text and the engine's spans, nothing else
	Truncated bool
	Chips     []chipView
	Lines     string
}

type chipView struct {
	Text  string
	Kind  string
	Label string
}

type facetView struct {
	Value  string
	Label  string
	Count  int
	URL    string
	Active bool
}

type activeFilter struct {
	Name      string
	Label     string
	RemoveURL string
}

type sortLink struct {
	Label  string
	URL    string
	Active bool
}

type pageLink struct {
	N       int
	URL     string
	Current bool
}

type hiddenInput struct{ Name, Value string }

var sortLabels = []struct{ value, label string }{
	{index.SortRelevance, "相关度"},
	{index.SortOrder, "原文顺序"},
	{index.SortValueDesc, "数值从大到小"},
	{index.SortValue, "数值从小到大"},
}

// parseSearchState reads the page's URL into its state and the engine request.
func (s *Server) parseSearchState(r *http.Request) (searchState, index.Request, error) {
	var st searchState
	v, err := query(r)
	if err != nil {
		return st, index.Request{}, err
	}
	req, err := s.parseSearch(v)
	if err != nil {
		return st, req, err
	}
	st.Query, st.Sections, st.Kinds, st.Reports, st.Sort = req.Query, req.Sections, req.Kinds, req.Reports, req.Sort
	if st.Money, err = single(v, "money"); err != nil {
		return st, req, err
	}
	if st.Money != "" {
		lo, hi, ok := moneyBounds(st.Money)
		if !ok {
			return st, req, badParam("money", "unknown money range %q", st.Money)
		}
		req.Min, req.Max = lo, hi
		if !slices.Contains(req.Kinds, "money") {
			req.Kinds = append(slices.Clone(req.Kinds), "money")
		}
	}
	if st.Page, err = intParam(v, "page", 1, 1, maxFrom/pageSize); err != nil {
		return st, req, err
	}
	req.From = (st.Page - 1) * pageSize
	req.Size = pageSize
	return st, req, nil
}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) error {
	st, req, err := s.parseSearchState(r)
	if err != nil {
		return err
	}
	p := searchPage{basePage: s.base("华漕镇 2023 年终答卷 · 搜索"), State: st}
	p.Query, p.Nav = st.Query, "search"
	if st.Query != "" {
		p.Title = st.Query + " · 搜索"
	}
	p.Hidden = hiddenInputs(st)
	p.APIParams = apiParams(req)
	if st.empty() {
		for _, sec := range sortedSections(s.engine.Sections()) {
			p.Browse = append(p.Browse, facetView{Value: sec.ID, Label: sec.Title, URL: searchState{Sections: []string{sec.ID}, Sort: index.SortOrder}.url()})
		}
		return s.render(w, r, "search", p)
	}
	res, err := s.search(r.Context(), req)
	if err != nil {
		return err
	}
	p.Searched = true
	p.Total = res.Total
	p.TookMS = strconv.FormatFloat(float64(res.Took.Microseconds())/1000, 'f', 1, 64)
	p.Partial = res.Partial
	if len(res.Hits) > 0 {
		p.From, p.To = req.From+1, req.From+len(res.Hits)
	}
	for _, h := range res.Hits {
		p.Hits = append(p.Hits, toHitView(h))
	}
	p.Sections = facetViews(slices.SortedStableFunc(slices.Values(res.Facets.Sections), func(a, b index.FacetCount) int { return strings.Compare(a.Value, b.Value) }), st, "section")
	p.Kinds = facetViews(res.Facets.Kinds, st, "kind")
	p.Money = facetViews(res.Facets.Money, st, "money")
	p.Active = s.activeFilters(st)
	for _, so := range sortLabels {
		next := st
		next.Sort, next.Page = so.value, 1
		p.Sorts = append(p.Sorts, sortLink{Label: so.label, URL: next.url(), Active: cmp.Or(st.Sort, index.SortRelevance) == so.value})
	}
	p.paginate(st, int(res.Total))
	return s.render(w, r, "search", p)
}

func toHitView(h index.Hit) hitView {
	b := h.Bullet
	v := hitView{
		Key:       b.Key(),
		URL:       "/b/" + url.PathEscape(b.Key()),
		Section:   b.Section,
		Highlight: template.HTML(highlightHTML(b.Text, h.Spans, true)),
		Truncated: b.Truncated,
		Lines:     formatLines(b.Lines),
	}
	for _, m := range b.Metrics {
		v.Chips = append(v.Chips, chipView{Text: m.Text, Kind: m.Kind, Label: m.Label})
	}
	return v
}

// facetViews turns facet counts into links that toggle the value.
func facetViews(fs []index.FacetCount, st searchState, name string) []facetView {
	var out []facetView
	for _, f := range fs {
		if f.Count == 0 && !slices.Contains(st.Sections, f.Value) && !slices.Contains(st.Kinds, f.Value) && st.Money != f.Value {
			continue // nothing to narrow to
		}
		next := st
		next.Page = 1
		var active bool
		switch name {
		case "section":
			active = slices.Contains(st.Sections, f.Value)
			next.Sections = toggle(st.Sections, f.Value)
		case "kind":
			active = slices.Contains(st.Kinds, f.Value)
			next.Kinds = toggle(st.Kinds, f.Value)
		case "money":
			active = st.Money == f.Value
			next.Money = f.Value
			if active {
				next.Money = ""
			}
		}
		label := f.Label
		if name == "kind" {
			label = kindLabel(f.Value)
		}
		out = append(out, facetView{Value: f.Value, Label: cmp.Or(label, f.Value), Count: f.Count, URL: next.url(), Active: active})
	}
	return out
}

// activeFilters lists the filters in force, each with a link that removes it.
func (s *Server) activeFilters(st searchState) []activeFilter {
	var out []activeFilter
	titles := make(map[string]string)
	for _, sec := range s.engine.Sections() {
		titles[sec.ID] = sec.Title
	}
	for _, id := range st.Sections {
		next := st
		next.Page, next.Sections = 1, toggle(st.Sections, id)
		out = append(out, activeFilter{Name: "章节", Label: cmp.Or(titles[id], id), RemoveURL: next.url()})
	}
	for _, k := range st.Kinds {
		next := st
		next.Page, next.Kinds = 1, toggle(st.Kinds, k)
		out = append(out, activeFilter{Name: "数据类别", Label: kindLabel(k), RemoveURL: next.url()})
	}
	if st.Money != "" {
		next := st
		next.Page, next.Money = 1, ""
		out = append(out, activeFilter{Name: "金额", Label: moneyLabel(st.Money), RemoveURL: next.url()})
	}
	for _, id := range st.Reports {
		next := st
		next.Page, next.Reports = 1, toggle(st.Reports, id)
		out = append(out, activeFilter{Name: "报告", Label: id, RemoveURL: next.url()})
	}
	return out
}

// paginate sets the previous, next and numbered page links.
func (p *searchPage) paginate(st searchState, total int) {
	last := min((total+pageSize-1)/pageSize, maxFrom/pageSize)
	if last <= 1 {
		return
	}
	at := func(n int) string {
		next := st
		next.Page = n
		return next.url()
	}
	if st.Page > 1 {
		p.Prev = at(st.Page - 1)
	}
	if st.Page < last {
		p.Next = at(st.Page + 1)
	}
	for n := max(1, st.Page-4); n <= min(last, st.Page+4); n++ {
		p.PageLinks = append(p.PageLinks, pageLink{N: n, URL: at(n), Current: n == st.Page})
	}
}

// hiddenInputs keep the filters when the search form is submitted anew.
func hiddenInputs(st searchState) []hiddenInput {
	var out []hiddenInput
	v := st.values()
	for _, name := range []string{"section", "kind", "money", "report", "sort"} {
		for _, x := range v[name] {
			out = append(out, hiddenInput{name, x})
		}
	}
	return out
}

// apiParams are the request's filters as /api/search parameters, without q.
func apiParams(req index.Request) string {
	v := url.Values{}
	for _, x := range req.Sections {
		v.Add("section", x)
	}
	for _, x := range req.Kinds {
		v.Add("kind", x)
	}
	for _, x := range req.Reports {
		v.Add("report", x)
	}
	if req.Min != nil {
		v.Set("min", strconv.FormatFloat(*req.Min, 'g', -1, 64))
	}
	if req.Max != nil {
		v.Set("max", strconv.FormatFloat(*req.Max, 'g', -1, 64))
	}
	if req.Sort != "" {
		v.Set("sort", req.Sort)
	}
	v.Set("size", strconv.Itoa(pageSize))
	return v.Encode()
}

type bulletPage struct {
	basePage
	Bullet        corpus.Bullet
	Parts         []textPart // Bullet.Text with its figures marked
	Key           string
	Before, After []corpus.Bullet
	SectionURL    string
}

func (s *Server) handleBulletPage(w http.ResponseWriter, r *http.Request) error {
	b, err := s.lookupBullet(r)
	if err != nil {
		return err
	}
	key := b.Key()
	p := bulletPage{basePage: s.base(b.Section.Title + " · " + b.ID), Bullet: b, Key: key}
	p.Parts = figureParts(b.Text, b.Metrics)
	p.Before, p.After, err = s.engine.Neighbours(r.Context(), key, 2)
	if err != nil {
		return err
	}
	p.SectionURL = searchState{Sections: []string{b.Section.ID}, Sort: index.SortOrder}.url()
	return s.render(w, r, "bullet", p)
}

type errorPage struct {
	basePage
	Status  int
	Message string
}

// sortedSections orders sections by id, so the introduction (00) comes first
// wherever the report printed it.
func sortedSections(secs []corpus.Section) []corpus.Section {
	return slices.SortedStableFunc(slices.Values(secs), func(a, b corpus.Section) int { return strings.Compare(a.ID, b.ID) })
}

// textPart is a run of a bullet's text; Kind is set when it is a figure.
type textPart struct {
	Text string
	Kind string
}

// figureParts cuts text at its figures' byte offsets. Offsets that are out of
// order, overlapping, out of range or inside a character leave the text whole.
func figureParts(text string, ms []corpus.Metric) []textPart {
	var parts []textPart
	at := 0
	for _, m := range ms {
		if m.Start < at || m.End <= m.Start || m.End > len(text) || !utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End])) {
			return []textPart{{Text: text}}
		}
		if m.Start > at {
			parts = append(parts, textPart{Text: text[at:m.Start]})
		}
		parts = append(parts, textPart{Text: text[m.Start:m.End], Kind: cmp.Or(m.Kind, "other")})
		at = m.End
	}
	if at < len(text) {
		parts = append(parts, textPart{Text: text[at:]})
	}
	return parts
}
