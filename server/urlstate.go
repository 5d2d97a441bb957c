package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"reportsearch/index"
)

// The search page keeps all its state in the URL: searchState.values and url
// encode it, parseSearchState decodes it, and every link on the page is the
// URL of a changed state.

// searchState is the state of the search page, all of it in the URL.
type searchState struct {
	Query    string
	Sections []string
	Kinds    []string
	Money    string // a money facet's range key
	Reports  []string
	Levels   []string
	Regions  []string
	Years    []int
	YearFrom int // 0: open
	YearTo   int // 0: open
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
	addReportFilters(v, st.Levels, st.Regions, st.Years, st.YearFrom, st.YearTo)
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
	q := encodeQuery(st.values())
	if q == "" {
		return "/"
	}
	return "/search?" + q
}

// toggle returns a copy of list with value added, or removed when list has
// it; list itself is not changed.
func toggle(list []string, value string) []string {
	if i := slices.Index(list, value); i >= 0 {
		return slices.Delete(slices.Clone(list), i, i+1)
	}
	return append(slices.Clone(list), value)
}

// empty reports whether st asks for nothing: the home page.
func (st searchState) empty() bool {
	return st.Query == "" && len(st.Sections) == 0 && len(st.Kinds) == 0 && st.Money == "" && len(st.Reports) == 0 &&
		len(st.Levels) == 0 && len(st.Regions) == 0 && len(st.Years) == 0 && st.YearFrom == 0 && st.YearTo == 0
}

// parseSearchState reads the page's URL into its state and the engine request.
func (s *Server) parseSearchState(r *http.Request) (searchState, index.Request, error) {
	var st searchState
	v, err := query(r)
	if err != nil {
		return st, index.Request{}, err
	}
	req, money, err := s.parseSearch(v)
	if err != nil {
		return st, req, err
	}
	st.Query, st.Sections, st.Kinds, st.Reports, st.Sort, st.Money = req.Query, req.Sections, req.Kinds, req.Reports, req.Sort, money
	st.Levels, st.Regions, st.Years, st.YearFrom, st.YearTo = req.Levels, req.Regions, req.Years, req.YearFrom, req.YearTo
	if st.Page, err = intParam(v, "page", 1, 1, index.MaxFrom/pageSize); err != nil {
		return st, req, err
	}
	req.From = (st.Page - 1) * pageSize
	req.Size = pageSize
	return st, req, nil
}

// hiddenInput is a form field that carries a filter.
type hiddenInput struct{ Name, Value string }

// hiddenInputs keep the filters when the search form is submitted anew.
func hiddenInputs(st searchState) []hiddenInput {
	var out []hiddenInput
	v := st.values()
	for _, name := range []string{"section", "kind", "money", "report", "level", "region", "year", "years", "sort"} {
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
	for _, x := range req.Money {
		v.Add("money", x)
	}
	for _, x := range req.Reports {
		v.Add("report", x)
	}
	addReportFilters(v, req.Levels, req.Regions, req.Years, req.YearFrom, req.YearTo)
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
	return encodeQuery(v)
}

// encodeQuery is v.Encode() with ":" left as it is (RFC 3986 allows it in a
// query): section and passage keys read report:id in the address bar.
func encodeQuery(v url.Values) string {
	return strings.ReplaceAll(v.Encode(), "%3A", ":")
}
