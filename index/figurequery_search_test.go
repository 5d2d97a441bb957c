package index

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"reportsearch/corpus"
)

// figureReport is a report of our own whose bullets each hold the figures
// the figure tests need: exact ones on both sides of the edges typed,
// approximate ones of every direction, and ranges. Each bullet is named by
// its first word (a Han label before the colon).
const figureReport = `01 数字

- ◆甲甲：受理信访事项逾2000件。
- ◆乙乙：受理咨询1999件。
- ◆丙丙：受理投诉2500件。
- ◆丁丁：完成学习研讨53场，覆盖800余人次。
- ◆戊戊：服务居民近3000人。
- ◆己己：服务老人3000人。
- ◆庚庚：计划投资10-20亿元。
- ◆辛辛：完成投资4.3亿元。
- ◆壬壬：完成投资5.2亿元。
- ◆癸癸：投入资金100万元。
- ◆子子：投入资金99万元。
- ◆丑丑：投入资金1000万元。
- ◆寅寅：发放补贴37.55亿元。
- ◆卯卯：新增就业岗位2197个。
- ◆辰辰：同比增长28.5%。
- ◆巳巳：同比增长30%，满意率90%。
- ◆午午：满意率89.5%。
- ◆未未：新认定企业50家。
- ◆申申：走访企业49家。
- ◆酉酉：2023年建成。
- ◆戌戌：筹集资金50万元，完成投资37亿元。
- ◆亥亥：引进项目资金5000万-2亿元。
`

var (
	figureOnce  sync.Once
	figureIndex *Index
	figureErr   error
)

func figureTestIndex(t *testing.T) *Index {
	t.Helper()
	figureOnce.Do(func() {
		var r *corpus.Report
		r, figureErr = corpus.Parse(strings.NewReader(figureReport), "figs.txt")
		if figureErr == nil {
			figureIndex, figureErr = New(context.Background(), []*corpus.Report{r}, Options{})
		}
	})
	if figureErr != nil {
		t.Fatal(figureErr)
	}
	return figureIndex
}

// labels are the hits' labels (the text before the colon), in hit order.
func labels(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		l, _, _ := strings.Cut(h.Bullet.Text, "：")
		out = append(out, l)
	}
	return out
}

func figureSearch(t *testing.T, req Request) []string {
	t.Helper()
	req.Size = 100
	res, err := figureTestIndex(t).Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%q): %v", req.Query, err)
	}
	return labels(res)
}

// TestFigureQueries types figures as people do: Chinese numerals and
// comparison words, bare figures at the precision typed, approximate
// figures of the text with their direction, ranges, and exclusions.
func TestFigureQueries(t *testing.T) {
	tests := []struct {
		q    string
		want []string // labels, sorted
	}{
		// Chinese numerals and comparison words
		{"两千万以上", []string{"亥亥", "壬壬", "寅寅", "庚庚", "戌戌", "辛辛"}},
		{"超过了10亿", []string{"寅寅", "庚庚", "戌戌"}},
		{"不少于50家", []string{"未未"}},
		{"不低于90%", []string{"巳巳"}},
		{"100万元以内", []string{"子子", "戌戌"}},
		{"不到100万元", []string{"子子", "戌戌"}},
		{"至少1000万元", []string{"丑丑", "亥亥", "壬壬", "寅寅", "庚庚", "戌戌", "辛辛"}},
		{"达到五十家", []string{"未未"}},
		{"高于89.5%", []string{"巳巳"}},
		{"低于50家", []string{"申申"}},
		{"多于四十九家", []string{"未未"}},
		{"大于29%", []string{"午午", "巳巳"}},
		{"小于28.5%", nil},
		{"不超过28.5%", []string{"辰辰"}},
		{"最多99万元", []string{"子子", "戌戌"}},
		{"1000万到5亿", []string{"丑丑", "亥亥", "辛辛"}},
		{"在5亿至40亿之间", []string{"壬壬", "寅寅", "庚庚", "戌戌"}},
		{"投资 四亿到五亿", []string{"辛辛"}},
		// a lower and an upper bound typed are one range
		{"5亿以上10亿以下", []string{"壬壬"}},
		{"≥1亿 ≤10亿", []string{"亥亥", "壬壬", "庚庚", "辛辛"}},
		{"大于1亿元小于10亿元", []string{"亥亥", "壬壬", "辛辛"}},
		// a bare figure at the precision typed
		{"4亿", []string{"辛辛"}},
		{"4.3亿", []string{"辛辛"}},
		{"37.55亿元", []string{"寅寅"}},
		{"37亿", []string{"寅寅", "戌戌"}},
		{"15亿", []string{"庚庚"}},
		{"2197", []string{"卯卯"}},
		{"两千五百件", []string{"丙丙", "甲甲"}}, // 逾2000件 may be 2500
		{"八百多人次", []string{"丁丁"}},
		// approximate figures honour their direction
		{">2000件", []string{"丙丙", "甲甲"}},
		{"<2000件", []string{"乙乙"}},
		{"≤2000件", []string{"乙乙"}},
		{">800人次", []string{"丁丁"}},
		{"<800人次", nil},
		{"<3000人", []string{"戊戊"}},
		{"≈3000人", []string{"己己", "戊戊"}},
		{"3000人左右", []string{"己己", "戊戊"}},
		{"25亿以上", []string{"寅寅", "戌戌"}},
		{"1亿元以下", []string{"丑丑", "亥亥", "子子", "戌戌", "癸癸"}},
		// a number without a unit: any kind, its value as written
		{"≈3000", []string{"己己", "戊戊", "甲甲"}},
		{"近3000", []string{"己己", "戊戊", "甲甲"}},
		{"超过2600", []string{"己己", "戊戊", "甲甲"}},
		{">3000", nil},
		// exclusions
		{"1亿以上 -4.3亿元", []string{"亥亥", "壬壬", "寅寅", "庚庚", "戌戌"}},
		{"同比 -28.5%", []string{"巳巳"}},
	}
	for _, tt := range tests {
		got := figureSearch(t, Request{Query: tt.q})
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %v; want %v", tt.q, got, tt.want)
		}
	}
	// 近3000人 answers <3000 (3000人 does not)
	if got := figureSearch(t, Request{Query: "<3000"}); !slices.Contains(got, "戊戊") || slices.Contains(got, "己己") {
		t.Errorf("Search(<3000) = %v; want 近3000人 and not 3000人", got)
	}
	// -2023 excludes like -word: every bullet but the one with 2023
	all := figureSearch(t, Request{Query: "-2023"})
	if len(all) == 0 || slices.Contains(all, "酉酉") {
		t.Errorf("Search(-2023) = %v; want every bullet but 酉酉", all)
	}
}

// TestMoneyBucketsAgree checks for every money bucket that its facet count,
// its label typed in the query box and its bounds as Request.Min/Max (the
// page's money filter, Max made inclusive just below the edge) select the
// same bullets: on the report of our own (100万元 exactly, a range across an
// edge) and on the embedded one.
func TestMoneyBucketsAgree(t *testing.T) {
	ix0, _ := reportIndex(t)
	for name, ix := range map[string]*Index{"figures": figureTestIndex(t), "report": ix0} {
		res := mustSearch(t, ix, Request{Kinds: []string{"money"}, Size: 100})
		for i, mr := range MoneyRanges() {
			count := res.Facets.Money[i].Count
			typed := mustSearch(t, ix, Request{Query: mr.Label, Size: 100})
			if int(typed.Total) != count {
				t.Errorf("%s: %q typed finds %d bullets %v; its facet counts %d", name, mr.Label, typed.Total, ids(typed), count)
			}
			req := Request{Kinds: []string{"money"}, Size: 100}
			if mr.Min > 0 {
				req.Min = &mr.Min
			}
			if mr.Max > 0 {
				hi := mr.Max - mr.Max*1e-15
				req.Max = &hi
			}
			if got := mustSearch(t, ix, req); int(got.Total) != count || !slices.Equal(ids(got), ids(typed)) {
				t.Errorf("%s: bucket %s by bounds finds %v; typed %v", name, mr.Key, ids(got), ids(typed))
			}
		}
	}
	// 100万元 is in 100万–1000万, not in 100万以下
	if got := figureSearch(t, Request{Query: "100万以下"}); slices.Contains(got, "癸癸") || !slices.Contains(got, "子子") {
		t.Errorf("Search(100万以下) = %v; want 99万 and not 100万", got)
	}
	if got := figureSearch(t, Request{Query: "100万–1000万"}); !slices.Contains(got, "癸癸") || slices.Contains(got, "丑丑") {
		t.Errorf("Search(100万–1000万) = %v; want 100万 and not 1000万", got)
	}
}

// TestSortByMatchedFigure checks that sort=value orders by the figure a hit
// matched, not by its largest one, and that hits without a figure of the
// kind come last in both directions.
func TestSortByMatchedFigure(t *testing.T) {
	// 戌戌 has 50万 (matched) and 37亿 (not): it sorts as 50万
	if got := figureSearch(t, Request{Query: "<200万元", Sort: SortValueDesc}); !slices.Equal(got, []string{"癸癸", "子子", "戌戌"}) {
		t.Errorf("Search(<200万元, -value) = %v; want 100万, 99万, 50万", got)
	}
	if got := figureSearch(t, Request{Query: "<200万元", Sort: SortValue}); !slices.Equal(got, []string{"戌戌", "子子", "癸癸"}) {
		t.Errorf("Search(<200万元, value) = %v; want 50万, 99万, 100万", got)
	}
	ix, _ := reportIndex(t)
	hasMoney := func(b corpus.Bullet) bool {
		return slices.ContainsFunc(b.Metrics, func(m corpus.Metric) bool { return m.Kind == corpus.KindMoney })
	}
	for _, sort := range []string{SortValue, SortValueDesc} {
		res := mustSearch(t, ix, Request{Query: "企业", Sort: sort, Size: 100})
		seenNone, withMoney := false, 0
		for _, h := range res.Hits {
			if !hasMoney(h.Bullet) {
				seenNone = true
				continue
			}
			withMoney++
			if seenNone {
				t.Errorf("Search(企业, %s) = %v: %s with money after a bullet without", sort, ids(res), h.Bullet.ID)
			}
		}
		if withMoney < 2 || !seenNone {
			t.Fatalf("Search(企业, %s): %d hits with money; bad test", sort, withMoney)
		}
	}
}

// TestSortByBounds checks that sort=value with Request.Min and Max (the
// page's money filter) orders by the figure within the bounds.
func TestSortByBounds(t *testing.T) {
	lo, hi := 0.0, 2e6
	got := figureSearch(t, Request{Kinds: []string{"money"}, Min: &lo, Max: &hi, Sort: SortValueDesc})
	if !slices.Equal(got, []string{"癸癸", "子子", "戌戌"}) {
		t.Errorf("Search(money in [0, 200万], -value) = %v; want 100万, 99万, 50万", got)
	}
}

// realReports indexes the real reports beside the repository
// (../shared/reports), or skips the test when they are absent. Most are not
// in the parser's shape yet (no numbered sections, no ◆), so each becomes a
// report of one section whose bullets are its lines: the figures and the
// text around them are the real ones.
func realReports(t *testing.T) (*Index, []*corpus.Report) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "reports", "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no real reports in ../shared/reports")
	}
	var reps []*corpus.Report
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		b.WriteString("01 正文\n\n")
		for _, line := range strings.Split(string(raw), "\n") {
			if line = strings.TrimSpace(line); line != "" && len(line) < 4000 {
				b.WriteString("- ◆" + line + "\n")
			}
		}
		r, err := corpus.Parse(strings.NewReader(b.String()), filepath.Base(name))
		if err != nil {
			t.Logf("%s: %v", name, err)
			continue
		}
		reps = append(reps, r)
	}
	ix, err := New(context.Background(), reps, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, reps
}

// TestFiguresRealReports checks on the real reports that every money
// bucket's facet count, its label typed and its bounds agree, and that a
// sample of figures typed as written (37.55亿元, 约100亿元, 10-20亿元,
// 800余人次) find their own bullet.
func TestFiguresRealReports(t *testing.T) {
	if testing.Short() {
		t.Skip("real reports: not in -short")
	}
	ix, reps := realReports(t)
	res := mustSearch(t, ix, Request{Kinds: []string{"money"}, Size: 1})
	for i, mr := range MoneyRanges() {
		count := res.Facets.Money[i].Count
		typed := mustSearch(t, ix, Request{Query: mr.Label, Size: 1})
		req := Request{Kinds: []string{"money"}, Size: 1}
		if mr.Min > 0 {
			req.Min = &mr.Min
		}
		if mr.Max > 0 {
			hi := math.Nextafter(mr.Max, 0)
			req.Max = &hi
		}
		bounds := mustSearch(t, ix, req)
		if int(typed.Total) != count || int(bounds.Total) != count || count == 0 {
			t.Errorf("bucket %s: facet %d, %q typed %d, bounds %d; want equal, not 0", mr.Key, count, mr.Label, typed.Total, bounds.Total)
			all := mustSearch(t, ix, Request{Query: mr.Label, Size: MaxSize})
			for _, h := range all.Hits {
				var fs []string
				for _, m := range h.Bullet.Metrics {
					if m.Kind == "money" {
						fs = append(fs, m.Text+"/"+m.Direction)
					}
				}
				t.Logf("  %s %s %v", h.Bullet.Report, h.Bullet.ID, fs)
			}
		}
	}
	n, missed := 0, 0
	for _, r := range reps {
		for _, b := range r.Bullets {
			for k, m := range b.Metrics {
				if m.Kind == "" || (k+b.Order)%3 != 0 || strings.ContainsAny(m.Text, " \u3000") {
					continue
				}
				n++
				q := Request{Query: m.Text, Reports: []string{r.ID}, Sections: []string{r.ID + ":" + b.Section.ID}, Size: MaxSize}
				res, err := ix.Search(context.Background(), q)
				if err != nil {
					t.Errorf("%s %s: Search(%q): %v", r.ID, b.ID, m.Text, err)
					continue
				}
				if !slices.Contains(ids(res), b.ID) && res.Total <= MaxSize {
					missed++
					if missed <= 40 {
						t.Errorf("%s %s: Search(%q) misses its bullet (%s %s %v)", r.ID, b.ID, m.Text, m.Kind, m.Direction, m.Normalized)
					}
				}
			}
		}
	}
	t.Logf("%d figures typed as written, %d missed", n, missed)
}
