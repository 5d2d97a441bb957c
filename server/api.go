package server

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"reportsearch/corpus"
	"reportsearch/index"
)

//go:embed openapi.json
var openAPIDoc []byte

// writeJSON answers v as JSON (see encodeJSON), encoded before the headers
// are written so that an encoding error can still be answered with a proper
// status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(b)
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
	if req.From, err = intParam(v, "from", 0, 0, index.MaxFrom); err != nil {
		return err
	}
	if req.Size, err = intParam(v, "size", index.DefaultSize, 1, index.MaxSize); err != nil {
		return err
	}
	res, err := s.search(r.Context(), req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, NewSearchResponse(res))
	return nil
}

func (s *Server) lookupBullet(r *http.Request) (corpus.Bullet, error) {
	id := mux.Vars(r)["id"]
	if len(id) > 200 || !utf8.ValidString(id) {
		return corpus.Bullet{}, badParam("id", "not a bullet id")
	}
	b, err := s.engine.Bullet(id)
	if err != nil {
		return b, &bulletError{ID: id, Err: err}
	}
	return b, nil
}

// bulletError is an error looking bullet ID up; toError answers it 404
// when Err is index.ErrNotFound.
type bulletError struct {
	ID  string
	Err error
}

func (e *bulletError) Error() string {
	if errors.Is(e.Err, index.ErrNotFound) {
		return fmt.Sprintf("no bullet %q", e.ID)
	}
	return fmt.Sprintf("bullet %q: %v", e.ID, e.Err)
}

func (e *bulletError) Unwrap() error { return e.Err }

func (s *Server) handleAPIBullet(w http.ResponseWriter, r *http.Request) error {
	b, err := s.lookupBullet(r)
	if err != nil {
		return err
	}
	key := b.Key()
	before, after, err := s.engine.Neighbours(r.Context(), key, 2)
	if err != nil {
		return err
	}
	out := bulletJSON{
		ID:        b.ID,
		Key:       b.Key(),
		Report:    b.Report,
		Section:   newSection(b.Section),
		Text:      b.Text,
		Truncated: b.Truncated,
		Metrics:   nonNil(b.Metrics),
		Lines:     nonNil(b.Lines),
		Before:    []string{},
		After:     []string{},
	}
	for _, n := range before {
		out.Before = append(out.Before, n.Key())
	}
	for _, n := range after {
		out.After = append(out.After, n.Key())
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) handleAPISections(w http.ResponseWriter, r *http.Request) error {
	out := sectionsJSON{Reports: nonNil(s.engine.Reports()), Sections: []sectionJSON{}}
	for _, sec := range s.engine.Sections() {
		out.Sections = append(out.Sections, sectionJSON{
			Key: sec.Key(), Report: sec.Report, ID: sec.ID, Title: sec.Title,
			Parent: sec.Parent, Depth: sec.Depth, Passages: sec.Passages,
		})
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
	rows, truncated, err := s.engine.Metrics(ctx, sections, kinds)
	if err == nil && truncated {
		return nil, badParam("section", "more than %d bullets have figures; narrow the list by section or kind", index.MaxMetricBullets)
	}
	return rows, err
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
			Section: newSection(b.Section),
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
