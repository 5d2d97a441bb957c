package server

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"reportsearch/corpus"
	"reportsearch/index"
)

// A figure series (/series, /api/series) is one figure across reports:
// asked by label (?label=粮食产量&kind=weight) or by a figure of a passage
// (?bullet=national-2024:01-03&figure=2, the link of a figure chip), and
// drawn by year or compared across regions. index.Series says how the
// figure of each report is chosen.

// seriesParams are the parameters of /api/series; the page takes the same
// but format.
var seriesParams = []string{"label", "kind", "change", "bullet", "figure", "by", "report", "level", "region", "year", "format"}

// seriesChanges are the values of the change parameter.
var seriesChanges = []string{index.SeriesLevel, index.SeriesUp, index.SeriesDown, index.SeriesAny}

// figureSeriesURL is the series page of figure i of the passage key: the
// link of a figure chip.
func figureSeriesURL(key string, i int) string {
	return "/series?" + url.Values{"bullet": {key}, "figure": {strconv.Itoa(i)}}.Encode()
}

// seriesQuery is a parsed series request.
type seriesQuery struct {
	req   index.SeriesRequest
	by    string // "year" or "region"; "" to choose from the points
	label string // as asked (or proposed from the figure)
}

// seriesRequest reads a series request from v: a label, or a bullet and
// the index of one of its figures, which give the label, kind and change
// unless they are given too.
func (s *Server) seriesRequest(v url.Values) (seriesQuery, error) {
	var q seriesQuery
	one := func(name string) string {
		x, _ := single(v, name)
		return strings.TrimSpace(x)
	}
	for _, name := range []string{"label", "kind", "change", "bullet", "figure", "by", "year", "format"} {
		if _, err := single(v, name); err != nil {
			return q, err
		}
	}
	q.label = one("label")
	q.req.Kind = one("kind")
	q.req.Change = one("change")
	if key := one("bullet"); key != "" {
		b, err := s.engine.Bullet(key)
		if err != nil {
			return q, badParam("bullet", "no passage %q", key)
		}
		i, err := intParam(v, "figure", 0, 0, max(len(b.Metrics)-1, 0))
		if err != nil {
			return q, err
		}
		if len(b.Metrics) == 0 {
			return q, badParam("bullet", "passage %q has no figure", key)
		}
		m := b.Metrics[i]
		if q.label == "" {
			q.label = index.FigureSubject(b, i)
			if q.label == "" {
				return q, badParam("figure", "figure %d of %q says too little of what it measures for a series; give a label", i, key)
			}
		}
		q.req.Kind = cmp.Or(q.req.Kind, m.Kind)
		if q.req.Change == "" && m.Change == "" {
			q.req.Change = index.SeriesLevel
		}
	} else if v.Has("figure") {
		return q, badParam("figure", "figure is an index into the figures of bullet: give bullet too")
	}
	if q.label == "" {
		return q, badParam("label", "give what the figure measures (label=粮食产量), or a passage's figure (bullet, figure)")
	}
	q.req.Label = q.label
	if q.req.Kind != "" {
		if err := s.checkKinds([]string{q.req.Kind}); err != nil {
			return q, err
		}
	}
	if q.req.Change != "" && !slices.Contains(seriesChanges, q.req.Change) {
		return q, badParam("change", "%q is not one of %s", q.req.Change, strings.Join(seriesChanges, ", "))
	}
	q.by = one("by")
	if q.by != "" && q.by != "year" && q.by != "region" {
		return q, badParam("by", "%q is not year or region", q.by)
	}
	f, err := s.figureFilter(url.Values{"report": v["report"], "level": v["level"], "region": v["region"], "year": v["year"]})
	if err != nil {
		return q, err
	}
	q.req.Filter = f
	return q, nil
}

// chooseBy is the series' layout when not asked: by year when its points
// span more years than regions, else by region.
func chooseBy(points []index.SeriesPoint) string {
	years, regions := map[int]bool{}, map[string]bool{}
	for _, p := range points {
		years[p.Report.Year] = true
		regions[p.Report.Region] = true
	}
	if len(regions) > len(years) {
		return "region"
	}
	return "year"
}

// runSeries parses and runs a series request; its points are ordered by
// year, or by value (largest first) when by region.
func (s *Server) runSeries(r *http.Request, v url.Values) (seriesQuery, *index.Series, error) {
	q, err := s.seriesRequest(v)
	if err != nil {
		return q, nil, err
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	sr, err := s.engine.Series(ctx, q.req)
	if err != nil {
		return q, nil, err
	}
	for i := range sr.Points {
		sr.Points[i].Bullet = displayBullet(sr.Points[i].Bullet)
		sr.Points[i].Context = display(sr.Points[i].Context)
	}
	if q.by == "" {
		q.by = chooseBy(sr.Points)
	}
	if q.by == "region" {
		slices.SortStableFunc(sr.Points, func(a, b index.SeriesPoint) int {
			return cmp.Compare(b.Bullet.Metrics[b.I].Normalized, a.Bullet.Metrics[a.I].Normalized)
		})
	}
	return q, sr, nil
}

func (s *Server) handleAPISeries(w http.ResponseWriter, r *http.Request) error {
	v, format, err := formatQuery(r, seriesParams)
	if err != nil {
		return err
	}
	q, sr, err := s.runSeries(r, v)
	if err != nil {
		return err
	}
	if format == "csv" {
		return writeSeriesCSV(w, r, sr)
	}
	out := seriesJSON{Label: display(q.label), Subject: display(sr.Subject), Kind: sr.Kind, Change: sr.Change, By: q.by, Points: []seriesPointJSON{}}
	for _, p := range sr.Points {
		b := p.Bullet
		out.Points = append(out.Points, seriesPointJSON{
			Report: p.Report.ID, Title: display(p.Report.Title), Level: p.Report.Level, Region: display(p.Report.Region), Year: p.Report.Year,
			Bullet: b.Key(), Section: newSection(b.Section), Score: p.Score, Context: p.Context,
			Metric: apiMetrics(b.Text, b.Metrics[p.I:p.I+1])[0],
		})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// seriesCSVHeader names the columns of /api/series?format=csv.
var seriesCSVHeader = []string{"报告", "标题", "级别", "地区", "年份", "条目", "指标", "原文数字", "数值", "单位", "标准值", "标准单位", "匹配度", "链接"}

// levelLabels are the Chinese names of the report levels.
var levelLabels = map[string]string{corpus.LevelTown: "乡镇", corpus.LevelProvincial: "省级", corpus.LevelNational: "全国"}

// writeSeriesCSV writes a series as CSV for spreadsheets, as the metrics
// CSV is written (a byte-order mark, text cells kept text).
func writeSeriesCSV(w http.ResponseWriter, r *http.Request, sr *index.Series) error {
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="series.csv"`)
	h.Set("Cache-Control", "no-cache")
	out := &errWriter{w: w}
	out.WriteString("\ufeff")
	cw := csv.NewWriter(out)
	cw.Write(seriesCSVHeader)
	base := siteURL(r)
	for _, p := range sr.Points {
		b := p.Bullet
		m := b.Metrics[p.I]
		year := ""
		if p.Report.Year != 0 {
			year = strconv.Itoa(p.Report.Year)
		}
		cw.Write([]string{
			textCell(p.Report.ID), textCell(p.Report.Title), levelLabels[p.Report.Level], textCell(p.Report.Region), year,
			textCell(b.Key()), textCell(cmp.Or(m.Label, "—")), textCell(m.Text),
			strconv.FormatFloat(m.Value, 'f', -1, 64), textCell(m.Unit),
			strconv.FormatFloat(m.Normalized, 'f', -1, 64), textCell(m.BaseUnit),
			strconv.FormatFloat(p.Score, 'f', 2, 64),
			textCell(base + "/b/" + url.PathEscape(b.Key())),
		})
	}
	cw.Flush()
	return nil
}

// seriesPage is the /series page.
type seriesPage struct {
	basePage
	Label    string
	Subject  string
	Kinds    []option
	Changes  []option
	Levels   []option
	Bys      []option
	Year     string
	Asked    bool // a series was asked for
	Points   []seriesRow
	Chart    chart
	ChartBy  string // "按年份" or "按地区"
	Omitted  int    // points not charted (another unit)
	CSVURL   string
	JSONURL  string
	Examples []string
}

type seriesRow struct {
	Report, Title, Region, Level string
	Year                         string
	Text                         string // the figure as written
	Label                        string
	Context                      string
	Score                        string
	URL                          string
}

// seriesExamples are figures most national reports state, offered on an
// empty series page.
var seriesExamples = []string{"粮食产量", "国内生产总值增长", "城镇新增就业", "居民消费价格上涨", "赤字率"}

func (s *Server) handleSeriesPage(w http.ResponseWriter, r *http.Request) error {
	v, err := query(r)
	if err != nil {
		return err
	}
	if err := allowOnly(v, slices.DeleteFunc(slices.Clone(seriesParams), func(p string) bool { return p == "format" })...); err != nil {
		return err
	}
	p := seriesPage{basePage: s.base("数据对比"), Examples: seriesExamples}
	p.Nav = "series"
	kinds, _ := s.knownKinds()
	asked := v.Get("label") != "" || v.Get("bullet") != ""
	var q seriesQuery
	var sr *index.Series
	if asked {
		if q, sr, err = s.runSeries(r, v); err != nil {
			return err
		}
		p.Asked = true
		p.Label, p.Subject = display(q.label), display(sr.Subject)
		p.Title = p.Label + " · 数据对比"
	}
	for _, k := range kinds {
		p.Kinds = append(p.Kinds, option{Value: k, Label: corpus.KindLabel(k), Selected: q.req.Kind == k})
	}
	for _, c := range []option{{index.SeriesLevel, "数值本身", false}, {index.SeriesUp, "增长", false}, {index.SeriesDown, "下降", false}, {index.SeriesAny, "增减变化", false}} {
		c.Selected = sr != nil && sr.Change == c.Value
		p.Changes = append(p.Changes, c)
	}
	for _, l := range levels {
		p.Levels = append(p.Levels, option{Value: l, Label: levelLabels[l], Selected: slices.Contains(q.req.Filter.Levels, l)})
	}
	p.Bys = []option{{"year", "按年份", q.by == "year"}, {"region", "按地区", q.by == "region"}}
	p.Year = v.Get("year")
	if sr == nil {
		return s.render(w, r, "series", p)
	}
	keep := url.Values{"label": {q.label}}
	for _, k := range []string{"kind", "change", "by", "report", "level", "region", "year"} {
		for _, x := range v[k] {
			keep.Add(k, x)
		}
	}
	if q.req.Kind != "" {
		keep.Set("kind", q.req.Kind)
	}
	keep.Set("change", sr.Change)
	p.JSONURL = "/api/series?" + keep.Encode()
	p.CSVURL = "/api/series?" + withFormat(keep, "csv")
	for _, pt := range sr.Points {
		m := pt.Bullet.Metrics[pt.I]
		year := ""
		if pt.Report.Year != 0 {
			year = strconv.Itoa(pt.Report.Year)
		}
		p.Points = append(p.Points, seriesRow{
			Report: pt.Report.ID, Title: display(cmp.Or(pt.Report.Title, pt.Report.ID)), Region: display(pt.Report.Region),
			Level: levelLabels[pt.Report.Level], Year: year, Text: m.Text, Label: cmp.Or(m.Label, "—"),
			Context: shorten(pt.Context, 40), Score: strconv.FormatFloat(pt.Score, 'f', 2, 64),
			URL: "/b/" + url.PathEscape(pt.Bullet.Key()),
		})
	}
	p.ChartBy = "按年份"
	if q.by == "region" {
		p.ChartBy = "按地区"
	}
	p.Chart, p.Omitted = seriesChart(sr, q.by)
	return s.render(w, r, "series", p)
}

// seriesChart draws the points of the series' most common base unit as
// horizontal bars, one row per report in the series' order, labelled with
// the year (by year) or the region (by region); the other points are left
// out and counted.
func seriesChart(sr *index.Series, by string) (chart, int) {
	units := map[string]int{}
	for _, p := range sr.Points {
		units[p.Bullet.Metrics[p.I].BaseUnit]++
	}
	unit, n := "", 0
	for u, c := range units {
		if c > n || c == n && u < unit {
			unit, n = u, c
		}
	}
	var pts []index.SeriesPoint
	for _, p := range sr.Points {
		if p.Bullet.Metrics[p.I].BaseUnit == unit {
			pts = append(pts, p)
		}
	}
	omitted := len(sr.Points) - len(pts)
	if len(pts) == 0 {
		return chart{}, omitted
	}
	top := 0.0
	for _, p := range pts {
		top = max(top, p.Bullet.Metrics[p.I].Normalized)
	}
	if top <= 0 {
		return chart{}, len(sr.Points)
	}
	scale, prefix := 1.0, ""
	switch {
	case top >= 1e8:
		scale, prefix = 1e8, "亿"
	case top >= 1e4:
		scale, prefix = 1e4, "万"
	}
	c := chart{BarH: chartBarH, Unit: prefix + unit}
	step := niceStep(top/scale, 5)
	axisMax := math.Ceil(top/scale/step) * step
	percent := func(x float64) string { return strconv.FormatFloat(x/axisMax*100, 'f', 2, 64) }
	for i, p := range pts {
		m := p.Bullet.Metrics[p.I]
		label := p.Report.Region
		if by == "year" || label == "" {
			label = cmp.Or(strconv.Itoa(p.Report.Year), p.Report.ID)
			if p.Report.Year == 0 {
				label = p.Report.ID
			}
			if by == "year" && p.Report.Level != corpus.LevelNational && p.Report.Region != "" {
				label += " " + p.Report.Region
			}
		}
		c.Bars = append(c.Bars, bar{
			Y:       i*chartRowH + chartBarY,
			Percent: percent(max(m.Normalized/scale, axisMax/1000)),
			Label:   shorten(label, chartLabelLen),
			Value:   m.Text,
			Title:   fmt.Sprintf("%s：%s（%s）", display(cmp.Or(p.Report.Title, p.Report.ID)), m.Text, p.Bullet.Key()),
			URL:     "/b/" + url.PathEscape(p.Bullet.Key()),
		})
	}
	c.AxisY = len(pts) * chartRowH
	c.Height = c.AxisY + chartAxisH
	c.Ticks = axisTicks(axisMax, step, percent)
	return c, omitted
}

// reportOptions are the options of the report, level and region filters,
// those f selects marked.
func (s *Server) reportOptions(f index.FigureFilter) (reports, lvls, regions []option) {
	infos := s.engine.ReportInfos()
	seen := map[string]bool{}
	for _, r := range infos {
		reports = append(reports, option{Value: r.ID, Label: display(cmp.Or(r.Title, r.ID)), Selected: slices.Contains(f.Reports, r.ID)})
		if r.Region != "" && !seen[r.Region] {
			seen[r.Region] = true
			regions = append(regions, option{Value: r.Region, Label: display(r.Region), Selected: slices.Contains(f.Regions, r.Region)})
		}
	}
	for _, l := range levels {
		lvls = append(lvls, option{Value: l, Label: levelLabels[l], Selected: slices.Contains(f.Levels, l)})
	}
	return reports, lvls, regions
}

// seriesJSON is the body of /api/series.
type seriesJSON struct {
	Label   string            `json:"label"`   // as asked, or proposed from the passage's figure
	Subject string            `json:"subject"` // the label without its change word
	Kind    string            `json:"kind"`    // "" for any
	Change  string            `json:"change"`  // level, up, down or any
	By      string            `json:"by"`      // year or region: the points' order
	Points  []seriesPointJSON `json:"points"`
}

// seriesPointJSON is one report's figure of a series.
type seriesPointJSON struct {
	Report  string  `json:"report"`
	Title   string  `json:"title"`
	Level   string  `json:"level"`
	Region  string  `json:"region"`
	Year    int     `json:"year"` // 0 when unknown
	Bullet  string  `json:"bullet"`
	Section Section `json:"section"`
	Score   float64 `json:"score"`   // 0.6 to 1: how well the figure's context names the subject
	Context string  `json:"context"` // the sentence before the figure
	Metric  Metric  `json:"metric"`
}
