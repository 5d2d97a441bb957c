package server

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"html"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"reportsearch/corpus"
	"reportsearch/index"
)

// The JSON API's types. They are the API contract (openapi.json), kept apart
// from the index's types so that either can change without breaking the other.

type searchJSON struct {
	Query   string     `json:"query"`
	Total   uint64     `json:"total"`
	TookMS  float64    `json:"took_ms"`
	Partial bool       `json:"partial"`
	Hits    []hitJSON  `json:"hits"`
	Facets  facetsJSON `json:"facets"`
}

type hitJSON struct {
	ID        string          `json:"id"` // bullet id "SS-NN", unique within Report
	Report    string          `json:"report"`
	Section   sectionJSON     `json:"section"`
	Text      string          `json:"text"`
	Highlight string          `json:"highlight"`
	Score     float64         `json:"score"`
	Truncated bool            `json:"truncated"`
	Metrics   []corpus.Metric `json:"metrics"`
	Lines     []int           `json:"lines"`
}

type sectionJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// newSectionJSON is the API form of a section: its id and title.
func newSectionJSON(s corpus.Section) sectionJSON { return sectionJSON{ID: s.ID, Title: s.Title} }

type facetsJSON struct {
	Section []labelledCountJSON `json:"section"`
	Kind    []countJSON         `json:"kind"`
	Money   []labelledCountJSON `json:"money"`
}

type labelledCountJSON struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

type countJSON struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

type bulletJSON struct {
	ID        string          `json:"id"`
	Report    string          `json:"report"`
	Section   sectionJSON     `json:"section"`
	Text      string          `json:"text"`
	Truncated bool            `json:"truncated"`
	Metrics   []corpus.Metric `json:"metrics"`
	Lines     []int           `json:"lines"`
	Before    []string        `json:"before"` // ids of the preceding bullets, nearest last
	After     []string        `json:"after"`  // ids of the following bullets, nearest first
}

type sectionsJSON struct {
	Reports  []string      `json:"reports"`
	Sections []sectionJSON `json:"sections"`
}

type metricsJSON struct {
	Total   int             `json:"total"`
	Metrics []metricRowJSON `json:"metrics"`
}

type metricRowJSON struct {
	Bullet  string      `json:"bullet"`
	Report  string      `json:"report"`
	Section sectionJSON `json:"section"`
	corpus.Metric
}

type healthJSON struct {
	Status  string   `json:"status"`
	Reports []string `json:"reports"`
}

//go:embed openapi.json
var openAPIDoc []byte

// writeJSON encodes v into a buffer first, so that an encoding error can
// still be answered with a proper status. The JSON is compact: indenting it
// took a fifth of the CPU time of a search request.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"internal error"}}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// query parses the raw query string strictly: a malformed one is a 400,
// where r.URL.Query would silently drop parts of it.
func query(r *http.Request) (url.Values, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, badParam("query string", "malformed: %v", err)
	}
	return v, nil
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	reports := s.engine.Reports()
	if len(reports) == 0 {
		return &Error{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: "no report is indexed"}
	}
	writeJSON(w, http.StatusOK, healthJSON{Status: "ok", Reports: reports})
	return nil
}

// search runs req with the server's time limit.
func (s *Server) search(ctx context.Context, req index.Request) (*index.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	return s.engine.Search(ctx, req)
}

func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) error {
	v, err := query(r)
	if err != nil {
		return err
	}
	req, err := s.parseSearch(v)
	if err != nil {
		return err
	}
	if req.From, err = intParam(v, "from", 0, 0, maxFrom); err != nil {
		return err
	}
	if req.Size, err = intParam(v, "size", 10, 1, maxSize); err != nil {
		return err
	}
	res, err := s.search(r.Context(), req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toSearchJSON(res))
	return nil
}

func toSearchJSON(res *index.Result) searchJSON {
	out := searchJSON{
		Query:   res.Query,
		Total:   res.Total,
		TookMS:  math.Round(float64(res.Took.Microseconds())) / 1000,
		Partial: res.Partial,
		Hits:    make([]hitJSON, 0, len(res.Hits)),
		Facets: facetsJSON{
			Section: labelledCounts(res.Facets.Sections),
			Kind:    make([]countJSON, 0, len(res.Facets.Kinds)),
			Money:   labelledCounts(res.Facets.Money),
		},
	}
	for _, h := range res.Hits {
		b := h.Bullet
		out.Hits = append(out.Hits, hitJSON{
			ID:        b.ID,
			Report:    b.Report,
			Section:   newSectionJSON(b.Section),
			Text:      b.Text,
			Highlight: safeHighlight(h.Highlight, b.Text),
			Score:     h.Score,
			Truncated: b.Truncated,
			Metrics:   nonNil(b.Metrics),
			Lines:     nonNil(b.Lines),
		})
	}
	for _, f := range res.Facets.Kinds {
		out.Facets.Kind = append(out.Facets.Kind, countJSON{Value: f.Value, Count: f.Count})
	}
	return out
}

func labelledCounts(fs []index.FacetCount) []labelledCountJSON {
	out := make([]labelledCountJSON, 0, len(fs))
	for _, f := range fs {
		out = append(out, labelledCountJSON(f))
	}
	return out
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// unmark removes the marks from a highlight. Built once: building a
// Replacer took 7% of a search request's CPU.
var unmark = strings.NewReplacer("<mark>", "", "</mark>", "")

// safeHighlight returns the engine's highlight if it is exactly text,
// HTML-escaped, with <mark> and </mark> added; otherwise the escaped text.
// It is the only HTML from the engine that reaches a page.
func safeHighlight(hl, text string) string {
	if hl == "" {
		return html.EscapeString(text)
	}
	plain := unmark.Replace(hl)
	if strings.ContainsAny(plain, "<>") || html.UnescapeString(plain) != text || strings.Count(hl, "<mark>") != strings.Count(hl, "</mark>") {
		return html.EscapeString(text)
	}
	return hl
}

func (s *Server) lookupBullet(r *http.Request) (corpus.Bullet, error) {
	id := mux.Vars(r)["id"]
	if len(id) > 200 || !utf8.ValidString(id) {
		return corpus.Bullet{}, badParam("id", "not a bullet id")
	}
	b, ok := s.engine.Bullet(id)
	if !ok {
		return b, notFound("no bullet %q", id)
	}
	return b, nil
}

func (s *Server) handleAPIBullet(w http.ResponseWriter, r *http.Request) error {
	b, err := s.lookupBullet(r)
	if err != nil {
		return err
	}
	key := b.Key()
	before, after := s.engine.Neighbours(key, 2)
	out := bulletJSON{
		ID:        b.ID,
		Report:    b.Report,
		Section:   newSectionJSON(b.Section),
		Text:      b.Text,
		Truncated: b.Truncated,
		Metrics:   nonNil(b.Metrics),
		Lines:     nonNil(b.Lines),
		Before:    []string{},
		After:     []string{},
	}
	for _, n := range before {
		out.Before = append(out.Before, n.ID)
	}
	for _, n := range after {
		out.After = append(out.After, n.ID)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) handleAPISections(w http.ResponseWriter, r *http.Request) error {
	out := sectionsJSON{Reports: nonNil(s.engine.Reports()), Sections: []sectionJSON{}}
	for _, sec := range s.engine.Sections() {
		out.Sections = append(out.Sections, newSectionJSON(sec))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// metricRows reads the section and kind filters and lists the figures.
func (s *Server) metricRows(r *http.Request, v url.Values) ([]index.MetricRow, error) {
	sections, err := multi(v, "section")
	if err != nil {
		return nil, err
	}
	if err := s.checkSections(sections); err != nil {
		return nil, err
	}
	kinds, err := multi(v, "kind")
	if err != nil {
		return nil, err
	}
	if err := s.checkKinds(kinds); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	return s.engine.Metrics(ctx, sections, kinds)
}

func (s *Server) handleAPIMetrics(w http.ResponseWriter, r *http.Request) error {
	v, err := query(r)
	if err != nil {
		return err
	}
	format, err := single(v, "format")
	if err != nil {
		return err
	}
	if format != "" && format != "json" && format != "csv" {
		return badParam("format", "%q is not json or csv", format)
	}
	rows, err := s.metricRows(r, v)
	if err != nil {
		return err
	}
	if format == "csv" {
		return writeMetricsCSV(w, rows)
	}
	out := metricsJSON{Total: len(rows), Metrics: make([]metricRowJSON, 0, len(rows))}
	for _, row := range rows {
		b := row.Bullet
		out.Metrics = append(out.Metrics, metricRowJSON{
			Bullet:  b.ID,
			Report:  b.Report,
			Section: newSectionJSON(b.Section),
			Metric:  b.Metrics[row.I],
		})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// csvHeader names the columns of /api/metrics?format=csv.
var csvHeader = []string{"report", "bullet", "section", "section_title", "label", "text", "value", "unit", "normalized", "base_unit", "kind", "approx"}

// writeMetricsCSV writes the figures as UTF-8 CSV with a byte-order mark, so
// that spreadsheets read the Chinese right.
func writeMetricsCSV(w http.ResponseWriter, rows []index.MetricRow) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	cw.Write(csvHeader)
	for _, row := range rows {
		b := row.Bullet
		m := b.Metrics[row.I]
		cw.Write([]string{
			cell(b.Report), cell(b.ID), cell(b.Section.ID), cell(b.Section.Title),
			cell(m.Label), cell(m.Text),
			strconv.FormatFloat(m.Value, 'f', -1, 64), cell(m.Unit),
			strconv.FormatFloat(m.Normalized, 'f', -1, 64), cell(m.BaseUnit),
			cell(m.Kind), strconv.FormatBool(m.Approx),
		})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="metrics.csv"`)
	h.Set("Cache-Control", "no-cache")
	w.Write(buf.Bytes())
	return nil
}

// cell defuses a text cell that a spreadsheet would take for a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPIDoc)
	return nil
}
