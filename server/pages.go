package server

import (
	"bytes"
	"cmp"
	"context"
	"embed"
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
var pageNames = []string{"search", "bullet", "figures", "series", "error", "report"}

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
		"kindLabel": corpus.KindLabel,
		"bulletURL": func(b corpus.Bullet) string { return "/b/" + url.PathEscape(b.Key()) },
		"lines":     formatLines,
		"place":     place,
		"display":   display,
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
	// Collection names what is served: the report's title, or how many
	// reports of which levels.
	Collection string
}

func (s *Server) base(title string) basePage {
	return basePage{Title: title, KindsMap: s.kindsJSON, Collection: s.collection}
}

// place says where b is within its section, in the report's terms: "第 5 条"
// from the id's number ("02-05", corpus numbers a section's bullets from
// 1); "" when the id has no such number.
func place(b corpus.Bullet) string {
	i := strings.LastIndexByte(b.ID, '-')
	if i < 0 {
		return ""
	}
	n, err := strconv.Atoi(b.ID[i+1:])
	if err != nil || n <= 0 {
		return ""
	}
	return "第 " + strconv.Itoa(n) + " 条"
}

func formatLines(lines []int) string {
	parts := make([]string, len(lines))
	for i, n := range lines {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, "、")
}

type searchPage struct {
	basePage
	State     searchState
	Searched  bool
	Total     uint64
	TookMS    string
	Partial   bool
	Unmatched []string // typed words no hit has
	From, To  int
	Hits      []hitView
	Sections  []facetView
	Kinds     []facetView
	Money     []facetView
	Active    []activeFilter
	Sorts     []sortLink
	pager
	Hidden    []hiddenInput // filters kept when the query changes
	APIParams string        // the filters as /api/search parameters, for the script
	Browse    []facetView   // on the home page: every section (one report); the script's list when the box is cleared
	Reports   []reportGroup // on the home page: the reports by level (several)
	Suggest   *suggestions  // what to try when nothing is found
	Examples  string        // JSON list of exampleQueries, for the script's empty state
	// ReportFacets are the level, region, year and report facets, in
	// that order, those with values.
	ReportFacets []facetGroup
	// ReportNames is the JSON object report id → short name when several
	// reports are served, for the script; "" with one.
	ReportNames string
}

// suggestions help after a search that found nothing: the index's words
// close to the typed ones, example queries
// taken from the index's own figures, the filters to drop, the sections.
// maxSuggestions is the most index words suggested after a search that
// found nothing.
const maxSuggestions = 8

type suggestions struct {
	Words        []facetView // index words close to the typed ones (index.Index.Suggest); Label: the word, URL: its search
	Examples     []facetView // Label: the query, URL: its search
	ClearFilters string      // the same query without filters; "" when none is set
}

type hitView struct {
	Key       string
	Report    string // the report's short name when several are served
	ReportURL string
	URL       string
	Section   corpus.Section
	Highlight template.HTML // highlightHTML of the text and the engine's spans, nothing else
	Truncated bool
	Chips     []chipView
	Place     string        // where the bullet is within its section: "第 5 条"
	Lines     string        // its source lines, "100、119", for the tooltip
	Missing   []string      // typed words a partial match lacks
	SeeAlso   []seeAlsoView // its near duplicates that were hits of this page too, left out of it
}

type chipView struct {
	Text  string
	Kind  string
	Label string
	URL   string // the figure's series across reports
}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) error {
	st, req, err := s.parseSearchState(r)
	if err != nil {
		return err
	}
	p := searchPage{basePage: s.base(s.collection + " · 搜索"), State: st}
	p.Query, p.Nav = st.Query, "search"
	if st.Query != "" {
		p.Title = st.Query + " · 搜索"
	}
	p.Hidden = hiddenInputs(st)
	p.ReportNames = s.reportNamesJSON
	p.APIParams = apiParams(req)
	p.Examples = s.examplesJSON()
	p.Browse = s.browse
	if st.empty() {
		p.Reports = s.browseReports
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
	p.Unmatched = res.Unmatched
	if len(res.Hits) > 0 {
		p.From, p.To = req.From+1, req.From+len(res.Hits)
	}
	for _, h := range foldNearDups(res.Hits) {
		v := toHitView(h.Hit)
		for _, o := range h.Folded {
			v.SeeAlso = append(v.SeeAlso, newSeeAlsoView(h.Bullet, o))
		}
		if len(s.shortNames) > 1 {
			v.Report = s.shortNames[h.Bullet.Report]
		}
		p.Hits = append(p.Hits, v)
	}
	p.Sections = s.sectionFacetViews(res.Facets.Sections, st)
	p.ReportFacets = s.reportFacetViews(res.Facets, st)
	p.Kinds = facetViews(res.Facets.Kinds, st, "kind")
	p.Money = facetViews(res.Facets.Money, st, "money")
	p.Active = s.activeFilters(st)
	p.Sorts = sortLinks(st)
	p.pager = newPager(st, int(res.Total))
	if res.Total == 0 {
		p.Suggest = s.suggest(r.Context(), st)
	}
	return s.render(w, r, "search", p)
}

// suggest lists what to try after st found nothing.
func (s *Server) suggest(ctx context.Context, st searchState) *suggestions {
	out := &suggestions{}
	for _, w := range s.engine.Suggest(ctx, st.Query, maxSuggestions) {
		// the word searched alone: an index word always finds something
		out.Words = append(out.Words, facetView{Label: w, URL: searchState{Query: w}.url()})
	}
	for _, q := range s.exampleQueries() {
		if q != st.Query {
			out.Examples = append(out.Examples, facetView{Label: q, URL: searchState{Query: q}.url()})
		}
	}
	if filtered := (searchState{Query: st.Query}); !filtered.empty() && len(st.values()) > len(filtered.values()) {
		out.ClearFilters = filtered.url()
	}
	return out
}

func toHitView(h index.Hit) hitView {
	b := displayBullet(h.Bullet)
	v := hitView{
		Key:       b.Key(),
		URL:       "/b/" + url.PathEscape(b.Key()),
		ReportURL: "/r/" + url.PathEscape(b.Report),
		Section:   b.Section,
		Highlight: template.HTML(fragmentsHTML(b.Text, displaySpans(h.Bullet.Text, h.Spans))),
		Truncated: b.Truncated,
		Place:     place(b),
		Lines:     formatLines(b.Lines),
		Missing:   h.Missing,
	}
	for i, m := range b.Metrics {
		v.Chips = append(v.Chips, chipView{Text: m.Text, Kind: m.Kind, Label: m.Label, URL: figureSeriesURL(b.Key(), i)})
	}
	return v
}

type bulletPage struct {
	basePage
	Bullet        corpus.Bullet
	Parts         []textPart // Bullet.Text with its figures marked
	Key           string
	Before, After []corpus.Bullet
	SectionURL    string
	ReportURL     string
	ReportName    string
	SeeAlso       []seeAlsoView // the passage's near duplicates in its report
}

func (s *Server) handleBulletPage(w http.ResponseWriter, r *http.Request) error {
	b, err := s.lookupBullet(r)
	if err != nil {
		return err
	}
	key := b.Key()
	b = displayBullet(b)
	p := bulletPage{basePage: s.base(b.Section.Title + " · " + b.ID), Bullet: b, Key: key}
	p.Parts = figureParts(b.Text, b.Metrics)
	p.Before, p.After, err = s.engine.Neighbours(r.Context(), key, 2)
	if err != nil {
		return err
	}
	for _, list := range [][]corpus.Bullet{p.Before, p.After} {
		for i := range list {
			list[i] = displayBullet(list[i])
		}
	}
	for _, k := range nearDupKeys(b) {
		o, err := s.engine.Bullet(k)
		if err != nil {
			return err
		}
		p.SeeAlso = append(p.SeeAlso, newSeeAlsoView(b, displayBullet(o)))
	}
	p.SectionURL = searchState{Sections: []string{b.Report + ":" + b.Section.ID}, Sort: index.SortOrder}.url()
	p.ReportURL = "/r/" + url.PathEscape(b.Report)
	p.ReportName = s.shortNames[b.Report]
	if ri, ok := s.reportInfo(b.Report); ok && ri.Title != "" {
		p.ReportName = ri.Title
	}
	return s.render(w, r, "bullet", p)
}

type errorPage struct {
	basePage
	Status  int
	Message string // Chinese, saying what to do (readerMessage)
	Detail  string // the API's English message, for whoever reports the problem; "" when none helps
}

// sortedSections orders sections by id, so the introduction (00) comes first
// wherever the report printed it.
func sortedSections(secs []index.SectionInfo) []index.SectionInfo {
	return slices.SortedStableFunc(slices.Values(secs), func(a, b index.SectionInfo) int {
		return cmp.Or(strings.Compare(a.Report, b.Report), strings.Compare(a.ID, b.ID))
	})
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
