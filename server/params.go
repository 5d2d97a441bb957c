package server

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"reportsearch/corpus"
	"reportsearch/index"
)

// sortOrders are the values of the sort parameter.
var sortOrders = []string{index.SortRelevance, index.SortOrder, index.SortValue, index.SortValueDesc}

// Parameters of each API route: any other is refused (see allowOnly).
var (
	searchParams  = []string{"q", "section", "kind", "report", "level", "region", "year", "years", "year_from", "year_to", "money", "min", "max", "sort", "from", "size"}
	metricsParams = []string{"format", "report", "level", "region", "year", "section", "kind", "from", "size"}
)

// allowOnly refuses a parameter that is not one of names, naming it: a
// client that sends page=2 or limit=50 learns at once that they mean
// nothing, rather than getting the first page. Names are checked in sorted
// order, so the answer does not depend on the map's order.
func allowOnly(v url.Values, names ...string) error {
	var unknown []string
	for k := range v {
		if !slices.Contains(names, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	name := unknown[0]
	if !utf8.ValidString(name) || len(name) > maxValueBytes || strings.ContainsFunc(name, unicode.IsControl) {
		return &Error{Status: http.StatusBadRequest, Code: codeBadRequest, Message: "query string: a parameter name is not valid text", Reason: "a parameter name is not valid text"}
	}
	if len(names) == 0 {
		return badParam(name, "unknown parameter; this route takes none")
	}
	return badParam(name, "unknown parameter; this route takes %s", strings.Join(names, ", "))
}

// single returns the one value of a parameter that may be given once.
func single(v url.Values, name string) (string, error) {
	vals := v[name]
	switch len(vals) {
	case 0:
		return "", nil
	case 1:
	default:
		return "", badParam(name, "given %d times; give it once", len(vals))
	}
	s := strings.TrimSpace(vals[0])
	if err := checkText(name, s); err != nil {
		return "", err
	}
	return s, nil
}

// checkText rejects a parameter value that is not valid UTF-8 or holds
// control characters (NUL, ESC …); tabs and line breaks are allowed.
func checkText(name, s string) error {
	if !utf8.ValidString(s) {
		return badParam(name, "not valid UTF-8")
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }) {
		return badParam(name, "contains control characters")
	}
	return nil
}

// multi returns the non-empty values of a repeatable parameter.
func multi(v url.Values, name string) ([]string, error) {
	var out []string
	for _, s := range v[name] {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if err := checkText(name, s); err != nil {
			return nil, err
		}
		if len(s) > maxValueBytes {
			return nil, badParam(name, "value longer than %d bytes", maxValueBytes)
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) > index.MaxValues {
		return nil, badParam(name, "at most %d values, got %d", index.MaxValues, len(out))
	}
	return out, nil
}

// intParam parses an optional integer parameter within [lo, hi].
func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s, err := single(v, name)
	if err != nil || s == "" {
		return def, err
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badParam(name, "%q is not a whole number", s)
	}
	if n < lo || n > hi {
		return 0, badParam(name, "must be between %d and %d, got %d", lo, hi, n)
	}
	return n, nil
}

// floatParam parses an optional finite number.
func floatParam(v url.Values, name string) (*float64, error) {
	s, err := single(v, name)
	if err != nil || s == "" {
		return nil, err
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, badParam(name, "%q is not a number", s)
	}
	return &f, nil
}

// parseSearch reads the parameters that /api/search and /search share: q,
// section, kind, report, money, min, max and sort, and returns the money
// range key as given. Paging is the caller's.
//
// money is one of the keys of the money facet (index.MoneyRanges: lt1m,
// ge100m …), the money filter (index.Request.Money): bullets having a money
// figure in that range, whatever their other figures. kind keeps the
// bullets having a figure of any of the kinds given; min and max bound the
// figures of those kinds (of every kind without kind).
func (s *Server) parseSearch(v url.Values) (req index.Request, money string, err error) {
	req, err = s.parseSearchFilters(v)
	if err != nil {
		return req, "", err
	}
	if money, err = single(v, "money"); err != nil || money == "" {
		return req, "", err
	}
	if _, _, ok := moneyBounds(money); !ok {
		return req, "", badParam("money", "unknown money range %q (known: %s)", money, strings.Join(moneyKeys(), ", "))
	}
	req.Money = []string{money}
	return req, money, nil
}

// parseSearchFilters reads parseSearch's parameters but money.
func (s *Server) parseSearchFilters(v url.Values) (index.Request, error) {
	var req index.Request
	var err error
	if req.Query, err = single(v, "q"); err != nil {
		return req, err
	}
	// invisible format characters neither search nor show (display.go)
	req.Query = display(req.Query)
	if n := utf8.RuneCountInString(req.Query); n > index.MaxQueryRunes {
		return req, badParam("q", "at most %d characters, got %d", index.MaxQueryRunes, n)
	}
	if req.Sections, err = multi(v, "section"); err != nil {
		return req, err
	}
	if err := s.checkSections(req.Sections); err != nil {
		return req, err
	}
	if req.Kinds, err = multi(v, "kind"); err != nil {
		return req, err
	}
	if err := s.checkKinds(req.Kinds); err != nil {
		return req, err
	}
	if req.Reports, err = multi(v, "report"); err != nil {
		return req, err
	}
	if err := s.checkReports(req.Reports); err != nil {
		return req, err
	}
	if err := parseReportFilters(v, &req); err != nil {
		return req, err
	}
	if req.Min, err = floatParam(v, "min"); err != nil {
		return req, err
	}
	if req.Max, err = floatParam(v, "max"); err != nil {
		return req, err
	}
	if req.Min != nil && req.Max != nil && *req.Min > *req.Max {
		return req, badParam("min", "min (%g) is larger than max (%g)", *req.Min, *req.Max)
	}
	if req.Sort, err = single(v, "sort"); err != nil {
		return req, err
	}
	if req.Sort != "" && !slices.Contains(sortOrders, req.Sort) {
		return req, badParam("sort", "%q is not one of %s", req.Sort, strings.Join(sortOrders, ", "))
	}
	return req, nil
}

// checkSections reports a section id the engine does not know.
func (s *Server) checkSections(ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	for i, id := range ids {
		key, ok := s.engine.SectionKey(id)
		if !ok {
			if !strings.Contains(id, ":") && len(s.engine.Reports()) > 1 {
				return badParam("section", "unknown section %q: name it with its report, as report:section (%s:01)", id, s.engine.Reports()[0])
			}
			return badParam("section", "unknown section %q", id)
		}
		ids[i] = key
	}
	return nil
}

// checkReports reports a report id the engine does not know.
func (s *Server) checkReports(ids []string) error {
	known := s.engine.Reports()
	for _, id := range ids {
		if !slices.Contains(known, id) {
			return badParam("report", "unknown report %q", id)
		}
	}
	return nil
}

// checkKinds reports a metric kind that no figure has.
func (s *Server) checkKinds(kinds []string) error {
	if len(kinds) == 0 {
		return nil
	}
	known, err := s.knownKinds()
	if err != nil {
		return err
	}
	for _, k := range kinds {
		if !slices.Contains(known, k) {
			return badParam("kind", "unknown metric kind %q (known: %s)", k, strings.Join(known, ", "))
		}
	}
	return nil
}

// knownKinds lists the kinds of every figure, sorted.
func (s *Server) knownKinds() ([]string, error) {
	return s.engine.Kinds(), nil
}

// exampleQueries are a few queries that find something in the index served:
// the labels most figures have (财政总收入 …), and a money figure filter
// when there is money. Empty when the figures cannot be read.
func (s *Server) exampleQueries() []string {
	s.examplesOnce.Do(s.computeExamples)
	return s.examples
}

// examplesJSON is exampleQueries as a JSON list, for the search page's script.
func (s *Server) examplesJSON() string {
	s.examplesOnce.Do(s.computeExamples)
	return s.examplesJS
}

// maxExamples bounds exampleQueries.
const maxExamples = 5

// computeExamples reads the figures once, streamed, for exampleQueries.
func (s *Server) computeExamples() {
	labels := map[string]int{}
	var order []string
	var topMoney float64
	err := s.engine.EachFigure(context.Background(), index.FigureFilter{}, func(row index.MetricRow) error {
		m := row.Bullet.Metrics[row.I]
		if m.Kind == corpus.KindMoney {
			topMoney = max(topMoney, m.Normalized)
		}
		l := display(m.Label)
		if utf8.RuneCountInString(l) < 2 || utf8.RuneCountInString(l) > 8 {
			return nil
		}
		if labels[l] == 0 {
			order = append(order, l)
		}
		labels[l]++
		return nil
	})
	if err != nil {
		return
	}
	slices.SortStableFunc(order, func(a, b string) int { return labels[b] - labels[a] })
	s.examples = order[:min(len(order), maxExamples-1)]
	switch {
	case topMoney >= 1e8:
		s.examples = append(s.examples, ">1亿元")
	case topMoney >= 1e6:
		s.examples = append(s.examples, ">100万元")
	}
	b, err := json.Marshal(nonNil(s.examples))
	if err != nil {
		panic(err) // a list of strings always encodes
	}
	s.examplesJS = string(b)
}
