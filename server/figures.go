package server

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"reportsearch/corpus"
	"reportsearch/index"
)

// figureSorts are the sortable columns of the figures table.
var figureSorts = []string{"order", "label", "value", "kind"}

type figuresPage struct {
	basePage
	Sections  []option
	Kinds     []option
	Columns   []column
	Rows      []figureRow
	Total     int
	Chart     chart
	CSVURL    string
	JSONURL   string
	Filtered  bool
	ResetURL  string
	SortState string // "value-desc" …, for the script
}

type option struct {
	Value, Label string
	Selected     bool
}

type column struct {
	Key, Label string
	URL        string
	Sort       string // "ascending", "descending" or "" (aria-sort)
	Numeric    bool
}

type figureRow struct {
	Order      int    // position in the table sorted by report order
	Name       string // the bullet's id, after its report's when several are served
	URL        string
	Section    corpus.Section
	Label      string
	Text       string
	Normalized float64
	BaseUnit   string
	Kind       string
	KindLabel  string
	KindRank   int // the kind's place in corpus.Kinds: money first
	Approx     bool
	// Group heads a run of rows of one kind and unit when sorted by value:
	// "金额（元）"; "" within the run.
	Group string
}

// chart is the server-rendered bar chart of money figures. Its points are
// an HTML list of links, one row each, with label and value; an SVG image
// (role img, no links in it) drawn over the list puts each bar under its
// label and the axis under the rows. The SVG has no viewBox: it is not
// scaled, so its text keeps its size at any width, and its x positions are
// percentages of its width.
type chart struct {
	Height  int // px: the rows and the axis
	Bars    []bar
	Ticks   []tick
	Omitted int // money figures beyond the chart's limit
	Unit    string
	AxisY   int // px: the x axis's y, below the last row
	BarH    int // px: a bar's height
}

type bar struct {
	Y            int    // px: the bar's top, in its row under the label
	Percent      string // the bar's length, % of the chart's width
	Label, Value string
	Title        string // tooltip
	URL          string
}

type tick struct {
	Percent string // x, % of the chart's width
	Anchor  string // text-anchor: the first and last labels stay inside
	Label   string
}

const (
	chartMaxBars  = 40
	chartRowH     = 44 // px: one point's row: .chart-points li's height in style.css
	chartBarY     = 27 // px: a bar's top within its row, under the label line
	chartBarH     = 12 // px: a bar's height
	chartAxisH    = 24 // px: the axis labels under the rows
	chartLabelLen = 14 // runes of a bar's label
)

func (s *Server) handleFiguresPage(w http.ResponseWriter, r *http.Request) error {
	v, err := query(r)
	if err != nil {
		return err
	}
	sortBy, err := single(v, "sort")
	if err != nil {
		return err
	}
	sortBy = cmp.Or(sortBy, "order")
	if !slices.Contains(figureSorts, sortBy) {
		return badParam("sort", "%q is not one of %s", sortBy, strings.Join(figureSorts, ", "))
	}
	dir, err := single(v, "dir")
	if err != nil {
		return err
	}
	if dir != "" && dir != "asc" && dir != "desc" {
		return badParam("dir", "%q is not asc or desc", dir)
	}
	allKinds, err := s.knownKinds()
	if err != nil {
		return err
	}
	rows, err := s.metricRows(r, v)
	if err != nil {
		return err
	}
	sections, _ := multi(v, "section")
	kinds, _ := multi(v, "kind")

	p := figuresPage{basePage: s.base("数据一览"), Total: len(rows)}
	p.Nav = "figures"
	p.Filtered = len(sections)+len(kinds) > 0
	p.ResetURL = "/figures"
	for _, sec := range sortedSections(s.sections()) {
		label := sec.ID + " " + sec.Title
		if len(s.shortNames) > 1 {
			label = s.shortNames[sec.Report] + " · " + label
		}
		p.Sections = append(p.Sections, option{Value: sec.Key(), Label: label, Selected: slices.Contains(sections, sec.Key()) || slices.Contains(sections, sec.ID)})
	}
	for _, k := range allKinds {
		p.Kinds = append(p.Kinds, option{Value: k, Label: corpus.KindLabel(k), Selected: slices.Contains(kinds, k)})
	}

	several := len(s.engine.Reports()) > 1
	for i, row := range rows {
		b := row.Bullet
		m := b.Metrics[row.I]
		name := b.ID
		if several {
			name = b.Report + " " + b.ID
		}
		p.Rows = append(p.Rows, figureRow{
			Order: i, Name: name, URL: "/b/" + url.PathEscape(b.Key()),
			Section: b.Section, Label: cmp.Or(m.Label, "—"), Text: m.Text,
			Normalized: m.Normalized, BaseUnit: m.BaseUnit, Kind: m.Kind, KindLabel: corpus.KindLabel(m.Kind), KindRank: kindRank(m.Kind), Approx: m.Approx,
		})
	}
	sortFigures(p.Rows, sortBy, dir == "desc")
	if sortBy == "value" {
		groupFigures(p.Rows)
	}
	p.SortState = sortBy + "-" + cmp.Or(dir, "asc")

	filters := url.Values{}
	for _, x := range sections {
		filters.Add("section", x)
	}
	for _, x := range kinds {
		filters.Add("kind", x)
	}
	for _, c := range []column{{Key: "order", Label: "章节"}, {Key: "label", Label: "指标"}, {Key: "value", Label: "数值", Numeric: true}, {Key: "kind", Label: "类别"}} {
		next := url.Values{}
		for k, vs := range filters {
			next[k] = vs
		}
		next.Set("sort", c.Key)
		if c.Key == sortBy {
			c.Sort = "ascending"
			if dir == "desc" {
				c.Sort = "descending"
			} else {
				next.Set("dir", "desc")
			}
		}
		c.URL = "/figures?" + next.Encode()
		p.Columns = append(p.Columns, c)
	}
	p.CSVURL = "/api/metrics?" + withFormat(filters, "csv")
	p.JSONURL = "/api/metrics?" + filters.Encode()
	p.Chart = moneyChart(rows)
	return s.render(w, r, "figures", p)
}

// groupFigures labels the first row of each run of one kind and unit, in
// rows sorted by value.
func groupFigures(rows []figureRow) {
	for i := range rows {
		if i == 0 || rows[i].Kind != rows[i-1].Kind || rows[i].BaseUnit != rows[i-1].BaseUnit {
			rows[i].Group = rows[i].KindLabel
			if rows[i].BaseUnit != "" {
				rows[i].Group += "（" + rows[i].BaseUnit + "）"
			}
		}
	}
}

func withFormat(v url.Values, format string) string {
	out := url.Values{"format": {format}}
	for k, vs := range v {
		out[k] = vs
	}
	return out.Encode()
}

// kindRank is kind's place in corpus.Kinds (money first); unknown kinds
// come after every known one.
func kindRank(kind string) int {
	for i, k := range corpus.Kinds() {
		if k.Name == kind {
			return i
		}
	}
	return len(corpus.Kinds())
}

// sortFigures sorts rows by a column; ties keep report order. By value,
// figures are compared only within a kind and base unit: the kinds in the
// order of corpus.Kinds (money first) whichever the direction, the units of
// a kind alphabetically, the values ascending or descending.
func sortFigures(rows []figureRow, by string, desc bool) {
	slices.SortStableFunc(rows, func(a, b figureRow) int {
		var c int
		switch by {
		case "label":
			c = strings.Compare(a.Label, b.Label)
		case "value":
			if g := cmp.Or(cmp.Compare(a.KindRank, b.KindRank), strings.Compare(a.BaseUnit, b.BaseUnit)); g != 0 {
				return g
			}
			c = cmp.Compare(a.Normalized, b.Normalized)
		case "kind":
			c = cmp.Compare(a.KindRank, b.KindRank)
		}
		if desc {
			c = -c
		}
		if by == "order" && desc {
			return cmp.Compare(b.Order, a.Order)
		}
		return cmp.Or(c, cmp.Compare(a.Order, b.Order))
	})
}

// moneyChart lays out a horizontal bar chart of the money figures, largest
// first, on a linear scale in 亿元 or 万元.
func moneyChart(rows []index.MetricRow) chart {
	type fig struct {
		m   corpus.Metric
		key string
		sec string
	}
	var figs []fig
	for _, row := range rows {
		m := row.Bullet.Metrics[row.I]
		if m.Kind == "money" && m.Normalized > 0 {
			figs = append(figs, fig{m, row.Bullet.Key(), row.Bullet.Section.Title})
		}
	}
	if len(figs) == 0 {
		return chart{}
	}
	slices.SortStableFunc(figs, func(a, b fig) int { return cmp.Compare(b.m.Normalized, a.m.Normalized) })
	c := chart{BarH: chartBarH}
	if len(figs) > chartMaxBars {
		c.Omitted = len(figs) - chartMaxBars
		figs = figs[:chartMaxBars]
	}
	top := figs[0].m.Normalized
	scale, unit := 1e8, "亿元"
	if top < 1e8 {
		scale, unit = 1e4, "万元"
	}
	c.Unit = unit
	step := niceStep(top/scale, 5)
	axisMax := math.Ceil(top/scale/step) * step
	percent := func(x float64) string { return strconv.FormatFloat(x/axisMax*100, 'f', 2, 64) }
	for i, f := range figs {
		c.Bars = append(c.Bars, bar{
			Y:       i*chartRowH + chartBarY,
			Percent: percent(max(f.m.Normalized/scale, axisMax/1000)),
			Label:   shorten(cmp.Or(f.m.Label, f.m.Text), chartLabelLen),
			Value:   f.m.Text,
			Title:   fmt.Sprintf("%s：%s（%s）", cmp.Or(f.m.Label, "金额"), f.m.Text, f.sec),
			URL:     "/b/" + url.PathEscape(f.key),
		})
	}
	c.AxisY = len(figs) * chartRowH
	c.Height = c.AxisY + chartAxisH
	for i := 0; float64(i)*step <= axisMax+step/2; i++ {
		x := math.Round(float64(i)*step*1e6) / 1e6
		anchor := "middle"
		switch {
		case i == 0:
			anchor = "start"
		case x >= axisMax-step/2:
			anchor = "end"
		}
		c.Ticks = append(c.Ticks, tick{Percent: percent(x), Anchor: anchor, Label: strconv.FormatFloat(x, 'f', -1, 64)})
	}
	return c
}

// niceStep is a round step (1, 2 or 5 × 10^k) that cuts [0, max] into about n parts.
func niceStep(max float64, n int) float64 {
	raw := max / float64(n)
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
