package index

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"reportsearch/corpus"
)

// realReportsDir is the folder of real reports beside the module
// (../shared/reports from the repository root).
var realReportsDir = filepath.Join("..", "..", "shared", "reports")

var (
	collectionOnce sync.Once
	collectionIx   *Index
	collectionReps []*corpus.Report
	collectionErr  error
)

// collection indexes every real report once, skipping the test when they
// are absent.
func collection(t testing.TB) (*Index, []*corpus.Report) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(realReportsDir, corpus.ManifestName)); err != nil {
		t.Skip("the real reports are not beside the module")
	}
	collectionOnce.Do(func() {
		collectionReps, collectionErr = corpus.Load(realReportsDir)
		if collectionErr != nil {
			return
		}
		collectionIx, collectionErr = New(context.Background(), collectionReps, Options{})
	})
	if collectionErr != nil {
		t.Fatal(collectionErr)
	}
	return collectionIx, collectionReps
}

// seriesJudged is testdata/series-judged.json.
type seriesJudged struct {
	Figures []struct {
		ID    string `json:"id"`
		Query struct {
			Label  string `json:"label"`
			Kind   string `json:"kind"`
			Change bool   `json:"change"`
		} `json:"query"`
		Reports map[string][]int `json:"reports"`
	} `json:"figures"`
}

// seriesScores are the counts of one figure's (or all figures') cells.
type seriesScores struct {
	Cells, Right       int // a cell: one figure in one national report
	Points, RightPoint int // the series' points, those on a judged passage
	Judged             int // cells with a judged passage
}

func (s *seriesScores) add(o seriesScores) {
	s.Cells += o.Cells
	s.Right += o.Right
	s.Points += o.Points
	s.RightPoint += o.RightPoint
	s.Judged += o.Judged
}

// scoreSeries runs the series of every judged figure over the national
// reports and scores each against the judged passages: a cell is right
// when the series' point for the report is on a judged passage (one whose
// source lines include a judged line), or when the report has no judged
// passage and the series no point.
func scoreSeries(t testing.TB) (map[string]seriesScores, seriesScores) {
	ix, reps := collection(t)
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "series-judged.json"))
	if err != nil {
		t.Fatal(err)
	}
	var judged seriesJudged
	if err := json.Unmarshal(raw, &judged); err != nil {
		t.Fatal(err)
	}
	lines := map[string][2]int{} // passage key → first and last source line
	for _, r := range reps {
		for _, b := range r.Bullets {
			if len(b.Lines) > 0 {
				lines[b.Key()] = [2]int{slices.Min(b.Lines), slices.Max(b.Lines)}
			}
		}
	}
	per := map[string]seriesScores{}
	var all seriesScores
	for _, fig := range judged.Figures {
		change := SeriesLevel
		if fig.Query.Change {
			change = ""
		}
		s, err := ix.Series(context.Background(), SeriesRequest{
			Label: fig.Query.Label, Kind: fig.Query.Kind, Change: change,
			Filter: FigureFilter{Levels: []string{corpus.LevelNational}},
		})
		if err != nil {
			t.Fatalf("%s: %v", fig.ID, err)
		}
		points := map[string]SeriesPoint{}
		for _, p := range s.Points {
			points[p.Report.ID] = p
		}
		var sc seriesScores
		ids := make([]string, 0, len(fig.Reports))
		for id := range fig.Reports {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			want := fig.Reports[id]
			p, ok := points[id]
			sc.Cells++
			if len(want) > 0 {
				sc.Judged++
			}
			if ok {
				sc.Points++
			}
			right := false
			switch {
			case !ok:
				right = len(want) == 0
			default:
				span := lines[p.Bullet.Key()]
				for _, l := range want {
					right = right || l >= span[0] && l <= span[1]
				}
				if right {
					sc.RightPoint++
				}
			}
			if right {
				sc.Right++
			} else if testing.Verbose() {
				got := "no point"
				if ok {
					m := p.Bullet.Metrics[p.I]
					got = p.Bullet.Key() + " " + m.Text + " (" + p.Context + ")"
				}
				t.Logf("%s %s: want lines %v, got %s", fig.ID, id, want, got)
			}
		}
		per[fig.ID] = sc
		all.add(sc)
	}
	return per, all
}

// TestSeriesJudged checks the figure series against the hand-judged
// passages of testdata/series-judged.json, with floors below the measured
// figures (BENCHMARKS.md).
func TestSeriesJudged(t *testing.T) {
	per, all := scoreSeries(t)
	ids := make([]string, 0, len(per))
	for id := range per {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := per[id]
		t.Logf("%-22s cells %2d right %2d  points %2d on judged %2d  judged %2d", id, s.Cells, s.Right, s.Points, s.RightPoint, s.Judged)
	}
	acc := float64(all.Right) / float64(all.Cells)
	prec := float64(all.RightPoint) / float64(max(all.Points, 1))
	rec := float64(all.RightPoint) / float64(max(all.Judged, 1))
	t.Logf("all: %d cells, %.3f right; points %d, %.3f on a judged passage; %.3f of judged passages found", all.Cells, acc, all.Points, prec, rec)
	if acc < seriesFloorAccuracy || prec < seriesFloorPrecision || rec < seriesFloorRecall {
		t.Errorf("accuracy %.3f, precision %.3f, recall %.3f; floors %.2f, %.2f, %.2f", acc, prec, rec, seriesFloorAccuracy, seriesFloorPrecision, seriesFloorRecall)
	}
}

// Floors of TestSeriesJudged, a little below the figures measured when the
// series were written (BENCHMARKS.md).
const (
	seriesFloorAccuracy  = 0.90
	seriesFloorPrecision = 0.80
	seriesFloorRecall    = 0.90
)

func TestSplitLabel(t *testing.T) {
	for _, c := range []struct{ label, subject, change string }{
		{"国内生产总值增长", "国内生产总值", SeriesUp},
		{"单位国内生产总值能耗下降", "单位国内生产总值能耗", SeriesDown},
		{"居民消费价格涨幅", "居民消费价格", SeriesAny},
		{"粮食产量", "粮食产量", ""},
		{" 粮食 产量 ", "粮食产量", ""},
		{"增长", "增长", ""}, // nothing left before the change word: no change
	} {
		s, ch := splitLabel(c.label)
		if s != c.subject || ch != c.change {
			t.Errorf("splitLabel(%q) = %q, %q; want %q, %q", c.label, s, ch, c.subject, c.change)
		}
	}
}

// TestFigureSubject proposes the series label of figures in sentences of
// the kinds the reports write.
func TestFigureSubject(t *testing.T) {
	for _, c := range []struct{ text, figure, want string }{
		{"国内生产总值超过126万亿元，增长5.2%，增速居世界主要经济体前列。", "5.2%", "国内生产总值增长"},
		{"国内生产总值超过126万亿元，增长5.2%，增速居世界主要经济体前列。", "超过126万亿元", "国内生产总值"},
		{"粮食产量1.39万亿斤，再创历史新高。", "1.39万亿斤", "粮食产量"},
		{"城镇新增就业1244万人，城镇调查失业率平均为5.2%。", "5.2%", "城镇调查失业率"},
		{"全年财政收入达到20.4万亿元。", "20.4万亿元", "财政收入"},
	} {
		ms := corpus.ExtractMetrics(c.text)
		i := slices.IndexFunc(ms, func(m corpus.Metric) bool { return m.Text == c.figure })
		if i < 0 {
			t.Fatalf("%q: no figure %q in %v", c.text, c.figure, ms)
		}
		b := corpus.Bullet{Text: c.text, Metrics: ms}
		if got := FigureSubject(b, i); got != c.want {
			t.Errorf("FigureSubject(%q, %s) = %q; want %q", c.text, c.figure, got, c.want)
		}
	}
}

// TestSeriesRequests checks a series' points and its refusals on the real
// reports: one point per report, national reports by year, each point's
// figure of the kind asked and named in its sentence.
func TestSeriesRequests(t *testing.T) {
	ix, _ := collection(t)
	s, err := ix.Series(context.Background(), SeriesRequest{Label: "粮食产量", Kind: corpus.KindWeight, Filter: FigureFilter{Levels: []string{corpus.LevelNational}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Points) < 20 || s.Change != SeriesLevel || s.Subject != "粮食产量" {
		t.Fatalf("%d points, change %q, subject %q", len(s.Points), s.Change, s.Subject)
	}
	seen := map[string]bool{}
	for i, p := range s.Points {
		m := p.Bullet.Metrics[p.I]
		switch {
		case seen[p.Report.ID]:
			t.Errorf("two points of %s", p.Report.ID)
		case p.Report.Level != corpus.LevelNational || m.Kind != corpus.KindWeight || m.Change != "":
			t.Errorf("%s: %s of kind %s, change %q", p.Report.ID, m.Text, m.Kind, m.Change)
		case i > 0 && p.Report.Year < s.Points[i-1].Report.Year:
			t.Errorf("%s (%d) after %d", p.Report.ID, p.Report.Year, s.Points[i-1].Report.Year)
		case p.Bullet.Text[m.Start:m.End] != m.Text || !strings.HasSuffix(p.Bullet.Text[:m.Start], p.Context):
			t.Errorf("%s: the figure or its context is not at its offsets", p.Bullet.Key())
		}
		seen[p.Report.ID] = true
	}
	for _, bad := range []SeriesRequest{{Label: "增"}, {Label: "增长"}, {Label: strings.Repeat("粮", MaxSeriesLabel+1)}, {Label: "粮食产量", Change: "sideways"}} {
		var qe *QueryError
		if _, err := ix.Series(context.Background(), bad); !errors.As(err, &qe) {
			t.Errorf("Series(%+v) = %v; want a QueryError", bad, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Series(ctx, SeriesRequest{Label: "粮食产量"}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled series: %v; want context.Canceled", err)
	}
}

// BenchmarkSeries lines up the national grain output over the real reports.
func BenchmarkSeries(b *testing.B) {
	ix, _ := collection(b)
	req := SeriesRequest{Label: "粮食产量", Kind: corpus.KindWeight, Filter: FigureFilter{Levels: []string{corpus.LevelNational}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ix.Series(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
