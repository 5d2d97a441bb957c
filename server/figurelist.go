package server

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
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

// Figure listings, /figures and /api/metrics, are paged and streamed: a
// page reads only the passages up to its last figure, the CSV is written
// row by row as the index yields them, and both stop when the request's
// context ends. What one request holds is a page of rows (at most
// index.MaxFigureSize, or figuresPageSize on the page) plus one batch of
// passages.

// figureFilterParams are the parameters that select figures.
var figureFilterParams = []string{"report", "level", "region", "year", "section", "kind"}

// Default and largest page sizes of /api/metrics.
const (
	metricsDefaultSize = 100
	// maxRegionRunes bounds a region's name.
	maxRegionRunes = 40
)

// levels are the values of the level parameter.
var levels = []string{corpus.LevelTown, corpus.LevelProvincial, corpus.LevelNational}

// figureFilter reads the figure filters of v: report ids, levels, regions,
// year ("2024" or a range "2018-2024", either end open: "2018-", "-2024"),
// section ids and kinds. Unknown values are a 400 naming the parameter.
func (s *Server) figureFilter(v url.Values) (index.FigureFilter, error) {
	var f index.FigureFilter
	var err error
	if f.Reports, err = multi(v, "report"); err != nil {
		return f, err
	}
	if err := s.checkReports(f.Reports); err != nil {
		return f, err
	}
	if f.Levels, err = multi(v, "level"); err != nil {
		return f, err
	}
	for _, l := range f.Levels {
		if !slices.Contains(levels, l) {
			return f, badParam("level", "%q is not one of %s", l, strings.Join(levels, ", "))
		}
	}
	if f.Regions, err = multi(v, "region"); err != nil {
		return f, err
	}
	for _, r := range f.Regions {
		if utf8.RuneCountInString(r) > maxRegionRunes || strings.ContainsFunc(r, unicode.IsControl) {
			return f, badParam("region", "%q is not a region's name (at most %d characters)", r, maxRegionRunes)
		}
	}
	year, err := single(v, "year")
	if err != nil {
		return f, err
	}
	if f.YearFrom, f.YearTo, err = parseYears(year); err != nil {
		return f, err
	}
	if f.Sections, err = multi(v, "section"); err != nil {
		return f, err
	}
	if err := s.checkSections(f.Sections); err != nil {
		return f, err
	}
	if f.Kinds, err = multi(v, "kind"); err != nil {
		return f, err
	}
	return f, s.checkKinds(f.Kinds)
}

// parseYears reads "2024", "2018-2024", "2018-" or "-2024" ("" is no
// bound): the first and last year, 0 for an open end.
func parseYears(s string) (from, to int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	year := func(x string) (int, error) {
		if x == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(x)
		if err != nil || n < index.MinYear || n > index.MaxYear {
			return 0, badParam("year", "%q is not a year (%d to %d)", x, index.MinYear, index.MaxYear)
		}
		return n, nil
	}
	lo, hi, isRange := strings.Cut(s, "-")
	if from, err = year(lo); err != nil {
		return 0, 0, err
	}
	if !isRange {
		if from == 0 {
			return 0, 0, badParam("year", "%q is not a year", s)
		}
		return from, from, nil
	}
	if to, err = year(hi); err != nil {
		return 0, 0, err
	}
	if from != 0 && to != 0 && from > to {
		return 0, 0, badParam("year", "the range %q ends before it starts", s)
	}
	return from, to, nil
}

// filterValues is f as URL parameters, for links that keep it.
func filterValues(v url.Values) url.Values {
	out := url.Values{}
	for _, k := range figureFilterParams {
		for _, x := range v[k] {
			if strings.TrimSpace(x) != "" {
				out.Add(k, x)
			}
		}
	}
	return out
}

// formatQuery reads a route's parameters, refusing any but params, and
// its format: "", "json" or "csv".
func formatQuery(r *http.Request, params []string) (v url.Values, format string, err error) {
	if v, err = query(r); err != nil {
		return nil, "", err
	}
	if err := allowOnly(v, params...); err != nil {
		return nil, "", err
	}
	if format, err = single(v, "format"); err != nil {
		return nil, "", err
	}
	if format != "" && format != "json" && format != "csv" {
		return nil, "", badParam("format", "%q is not json or csv", format)
	}
	return v, format, nil
}

func (s *Server) handleAPIMetrics(w http.ResponseWriter, r *http.Request) error {
	v, format, err := formatQuery(r, metricsParams)
	if err != nil {
		return err
	}
	f, err := s.figureFilter(v)
	if err != nil {
		return err
	}
	if format == "csv" {
		for _, p := range []string{"from", "size"} {
			if v.Has(p) {
				return badParam(p, "the CSV holds every figure the filters select: %s is for JSON pages", p)
			}
		}
		return s.streamMetricsCSV(w, r, f)
	}
	from, err := intParam(v, "from", 0, 0, index.MaxFigureFrom)
	if err != nil {
		return err
	}
	size, err := intParam(v, "size", metricsDefaultSize, 1, index.MaxFigureSize)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	page, err := s.engine.Figures(ctx, f, from, size)
	if err != nil {
		return err
	}
	out := metricsJSON{Total: page.Total, From: from, Size: size, HasMore: page.HasMore, Metrics: make([]metricRowJSON, 0, len(page.Rows))}
	for _, row := range page.Rows {
		b := displayBullet(row.Bullet)
		out.Metrics = append(out.Metrics, metricRowJSON{
			Bullet:  b.Key(),
			Report:  b.Report,
			Section: newSection(b.Section),
			Metric:  apiMetrics(b.Text, b.Metrics[row.I:row.I+1])[0],
		})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// csvHeader names the columns of /api/metrics?format=csv in Chinese, as the
// figures page does; openapi.json gives each column's meaning.
var csvHeader = []string{"报告", "条目", "章节", "章节标题", "指标", "原文数字", "数值", "单位", "标准值", "标准单位", "类别", "约数", "链接"}

// csvFlushRows is how many rows the CSV writes between flushes.
const csvFlushRows = 256

// streamMetricsCSV writes the figures f selects as UTF-8 CSV with a
// byte-order mark, so that spreadsheets read the Chinese right, row by row
// as the index yields them: nothing but csv.Writer's buffer is held, and it
// stops when the request's context ends (the client went away). Each row
// links back to the bullet's page: an absolute URL on the request's host
// when it is a plain host name, else the path.
//
// Once the first bytes are sent the status is 200: an error after that
// (the index failing mid-way) is logged and the body ends where it was.
func (s *Server) streamMetricsCSV(w http.ResponseWriter, r *http.Request, f index.FigureFilter) error {
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="metrics.csv"`)
	h.Set("Cache-Control", "no-cache")
	rc := http.NewResponseController(w)
	out := &errWriter{w: w}
	out.WriteString("\ufeff")
	cw := csv.NewWriter(out)
	cw.Write(csvHeader)
	base := siteURL(r)
	n := 0
	err := s.engine.EachFigure(r.Context(), f, func(row index.MetricRow) error {
		cw.Write(csvRow(base, displayBullet(row.Bullet), row.I))
		if n++; n%csvFlushRows == 0 {
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
			rc.Flush()
		}
		return nil
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		s.log.Warn("metrics CSV ended early", "rows", n, "error", err.Error())
	}
	return nil
}

// csvRow is the CSV row of figure i of b.
func csvRow(base string, b corpus.Bullet, i int) []string {
	m := b.Metrics[i]
	approx := "否"
	if m.Approx {
		approx = "是"
	}
	return []string{
		textCell(b.Report), textCell(b.Key()), textCell(b.Section.ID), textCell(b.Section.Title),
		textCell(cmp.Or(m.Label, "—")), textCell(m.Text),
		strconv.FormatFloat(m.Value, 'f', -1, 64), textCell(m.Unit),
		strconv.FormatFloat(m.Normalized, 'f', -1, 64), textCell(m.BaseUnit),
		textCell(corpus.KindLabel(m.Kind)), approx,
		textCell(base + "/b/" + url.PathEscape(b.Key())),
	}
}

// errWriter is an io.Writer over a ResponseWriter that remembers the
// first write error, so that a client gone away stops the CSV.
type errWriter struct {
	w   http.ResponseWriter
	err error
}

func (c *errWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.err = err
	return n, err
}

func (c *errWriter) WriteString(s string) (int, error) { return c.Write([]byte(s)) }
