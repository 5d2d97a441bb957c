package server

import (
	"cmp"
	"context"
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
	Reports   []option
	Levels    []option
	Regions   []option
	Year      string // the year filter as given
	From, To  int    // the rows shown, counted from 1
	Pager     pager
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
	Key        string // the bullet's key
	URL        string
	SeriesURL  string // the figure's series across reports
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

// figuresPageSize is the number of rows of a /figures page; a sorted view
// (by label, value or kind) reaches at most maxSortedFigures rows.
const (
	figuresPageSize  = 200
	maxSortedFigures = 5000
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
	lastPage := index.MaxFigureFrom / figuresPageSize
	if sortBy != "order" {
		lastPage = maxSortedFigures / figuresPageSize
	}
	pageNo, err := intParam(v, "page", 1, 1, lastPage)
	if err != nil {
		return err
	}
	allKinds, err := s.knownKinds()
	if err != nil {
		return err
	}
	f, err := s.figureFilter(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	from := (pageNo - 1) * figuresPageSize
	rows, err := s.figurePage(ctx, f, sortBy, dir == "desc", from)
	if err != nil {
		return err
	}

	p := figuresPage{basePage: s.base("数据一览"), Total: s.engine.FigureTotal(f), From: from + 1, To: from + len(rows)}
	p.Nav = "figures"
	filters := filterValues(v)
	p.Filtered = len(filters) > 0
	p.ResetURL = "/figures"
	for _, sec := range sortedSections(s.sections()) {
		label := sec.ID + " " + sec.Title
		if len(s.shortNames) > 1 {
			label = s.shortNames[sec.Report] + " · " + label
		}
		p.Sections = append(p.Sections, option{Value: sec.Key(), Label: label, Selected: slices.Contains(f.Sections, sec.Key()) || slices.Contains(f.Sections, sec.ID)})
	}
	for _, k := range allKinds {
		p.Kinds = append(p.Kinds, option{Value: k, Label: corpus.KindLabel(k), Selected: slices.Contains(f.Kinds, k)})
	}
	p.Reports, p.Levels, p.Regions = s.reportOptions(f)
	p.Year = v.Get("year")
	p.Rows = rows
	if sortBy == "value" {
		groupFigures(p.Rows)
	}
	p.SortState = sortBy + "-" + cmp.Or(dir, "asc")

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
	p.Pager = figuresPager(filters, sortBy, dir, pageNo, min(p.Total, lastPage*figuresPageSize))
	p.Chart = moneyChart(p.Rows)
	return s.render(w, r, "figures", p)
}

// figurePage returns the rows of the page that skips from figures, sorted
// by a column: in report order the index reads only up to the page's end;
// sorted otherwise, every selected figure is read, streamed, and only the
// first from+figuresPageSize in the sort order are kept.
func (s *Server) figurePage(ctx context.Context, f index.FigureFilter, sortBy string, desc bool, from int) ([]figureRow, error) {
	several := len(s.engine.Reports()) > 1
	if sortBy == "order" && !desc {
		page, err := s.engine.Figures(ctx, f, from, figuresPageSize)
		if err != nil {
			return nil, err
		}
		rows := make([]figureRow, 0, len(page.Rows))
		for i, row := range page.Rows {
			rows = append(rows, newFigureRow(from+i, row, several))
		}
		return rows, nil
	}
	keep := from + figuresPageSize
	var rows []figureRow
	n := 0
	err := s.engine.EachFigure(ctx, f, func(row index.MetricRow) error {
		rows = append(rows, newFigureRow(n, row, several))
		n++
		if len(rows) >= 2*keep {
			sortFigures(rows, sortBy, desc)
			rows = slices.Clip(rows[:keep])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortFigures(rows, sortBy, desc)
	if from >= len(rows) {
		return nil, nil
	}
	return rows[from:min(len(rows), keep)], nil
}

// newFigureRow is the table row of a figure, holding none of its passage's
// text.
func newFigureRow(order int, row index.MetricRow, several bool) figureRow {
	b := displayBullet(row.Bullet)
	m := b.Metrics[row.I]
	name := b.ID
	if several {
		name = b.Report + " " + b.ID
	}
	return figureRow{
		Order: order, Name: name, Key: b.Key(), URL: "/b/" + url.PathEscape(b.Key()),
		Section: b.Section, Label: cmp.Or(m.Label, "—"), Text: m.Text,
		Normalized: m.Normalized, BaseUnit: m.BaseUnit, Kind: m.Kind, KindLabel: corpus.KindLabel(m.Kind), KindRank: kindRank(m.Kind), Approx: m.Approx,
		SeriesURL: figureSeriesURL(b.Key(), row.I),
	}
}

// figuresPager links the pages of total rows, keeping the filters and sort.
func figuresPager(filters url.Values, sortBy, dir string, current, total int) pager {
	var p pager
	last := (total + figuresPageSize - 1) / figuresPageSize
	if last <= 1 {
		return p
	}
	at := func(n int) string {
		next := url.Values{}
		for k, vs := range filters {
			next[k] = vs
		}
		if sortBy != "order" {
			next.Set("sort", sortBy)
		}
		if dir != "" {
			next.Set("dir", dir)
		}
		if n > 1 {
			next.Set("page", strconv.Itoa(n))
		}
		return "/figures?" + next.Encode()
	}
	if current > 1 {
		p.Prev = at(current - 1)
	}
	if current < last {
		p.Next = at(current + 1)
	}
	for n := max(1, current-4); n <= min(last, current+4); n++ {
		p.PageLinks = append(p.PageLinks, pageLink{N: n, URL: at(n), Current: n == current})
	}
	return p
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

// moneyChart lays out a horizontal bar chart of the money figures of rows,
// largest first, on a linear scale in 亿元 or 万元.
func moneyChart(rows []figureRow) chart {
	var figs []figureRow
	for _, row := range rows {
		if row.Kind == corpus.KindMoney && row.Normalized > 0 {
			figs = append(figs, row)
		}
	}
	if len(figs) == 0 {
		return chart{}
	}
	slices.SortStableFunc(figs, func(a, b figureRow) int { return cmp.Compare(b.Normalized, a.Normalized) })
	c := chart{BarH: chartBarH}
	if len(figs) > chartMaxBars {
		c.Omitted = len(figs) - chartMaxBars
		figs = figs[:chartMaxBars]
	}
	top := figs[0].Normalized
	scale, unit := 1e8, "亿元"
	if top < 1e8 {
		scale, unit = 1e4, "万元"
	}
	c.Unit = unit
	step := niceStep(top/scale, 5)
	axisMax := math.Ceil(top/scale/step) * step
	percent := func(x float64) string { return strconv.FormatFloat(x/axisMax*100, 'f', 2, 64) }
	for i, f := range figs {
		label := f.Label
		if label == "—" {
			label = ""
		}
		c.Bars = append(c.Bars, bar{
			Y:       i*chartRowH + chartBarY,
			Percent: percent(max(f.Normalized/scale, axisMax/1000)),
			Label:   shorten(cmp.Or(label, f.Text), chartLabelLen),
			Value:   f.Text,
			Title:   fmt.Sprintf("%s：%s（%s）", cmp.Or(label, "金额"), f.Text, f.Section.Title),
			URL:     f.URL,
		})
	}
	c.AxisY = len(figs) * chartRowH
	c.Height = c.AxisY + chartAxisH
	c.Ticks = axisTicks(axisMax, step, percent)
	return c
}

// axisTicks are the labelled ticks of an axis from 0 to axisMax, step apart.
func axisTicks(axisMax, step float64, percent func(float64) string) []tick {
	var ticks []tick
	for i := 0; float64(i)*step <= axisMax+step/2; i++ {
		x := math.Round(float64(i)*step*1e6) / 1e6
		anchor := "middle"
		switch {
		case i == 0:
			anchor = "start"
		case x >= axisMax-step/2:
			anchor = "end"
		}
		ticks = append(ticks, tick{Percent: percent(x), Anchor: anchor, Label: strconv.FormatFloat(x, 'f', -1, 64)})
	}
	return ticks
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
