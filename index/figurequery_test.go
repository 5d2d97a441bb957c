package index

import (
	"math"
	"slices"
	"testing"

	"reportsearch/corpus"
)

// TestSplitFigures checks how one token splits into words and figures,
// and the interval each figure makes.
func TestSplitFigures(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		tok          string
		words        []string
		text         string  // the one figure's Text
		field        string  // its figure field
		min, max     float64 // ±inf: unbounded
		minIn, maxIn bool
		word         string // Word: matches its text too
	}{
		{"两千万以上", nil, "两千万以上", "money", 2e7, inf, true, false, ""},
		{"超过了10亿", nil, "超过了10亿", "money", 1e9, inf, false, false, ""},
		{"不少于50家", nil, "不少于50家", "count_家", 50, inf, true, false, ""},
		{"不低于90%", nil, "不低于90%", "percent", 90, inf, true, false, ""},
		{"100万以内", nil, "100万以内", "money", -inf, 1e6, false, false, ""},
		{"100万以下", nil, "100万以下", "money", -inf, 1e6, false, false, ""},
		{"100万及以下", nil, "100万及以下", "money", -inf, 1e6, false, true, ""},
		{"不到3000人", nil, "不到3000人", "count_人", -inf, 3000, false, false, ""},
		{"至少5家", nil, "至少5家", "count_家", 5, inf, true, false, ""},
		{"达到1亿元", nil, "达到1亿元", "money", 1e8, inf, true, false, ""},
		{"高于5%", nil, "高于5%", "percent", 5, inf, false, false, ""},
		{"低于5%", nil, "低于5%", "percent", -inf, 5, false, false, ""},
		{"多于5家", nil, "多于5家", "count_家", 5, inf, false, false, ""},
		{"大于5%", nil, "大于5%", "percent", 5, inf, false, false, ""},
		{"小于5%", nil, "小于5%", "percent", -inf, 5, false, false, ""},
		{"不超过5%", nil, "不超过5%", "percent", -inf, 5, false, true, ""},
		{"最多5%", nil, "最多5%", "percent", -inf, 5, false, true, ""},
		{"10到20亿", nil, "10到20亿", "money", 1e9, 2e9, true, false, ""},
		{"10亿至20亿之间", nil, "10亿至20亿之间", "money", 1e9, 2e9, true, false, ""},
		{"1000万-1亿", nil, "1000万-1亿", "money", 1e7, 1e8, true, false, ""},
		{"近3000人", nil, "近3000人", "count_人", 2700, 3000, true, true, ""},
		{"约3000人", nil, "约3000人", "count_人", 2700, 3300, true, true, ""},
		{"约3100人", nil, "约3100人", "count_人", 3050, 3150, true, true, ""},
		{"4亿", nil, "4亿", "money", 4e8, 5e8, true, false, "4亿"},
		{"4.3亿", nil, "4.3亿", "money", 4.3e8, 4.4e8, true, false, "4.3亿"},
		{"两千万", nil, "两千万", "money", 2e7, 3e7, true, false, "两千万"},
		{"九千多万", nil, "九千多万", "money", 9e7, 1e8, false, false, "九千多万"},
		{"七百多部电梯", []string{"电梯"}, "七百多部", "count_部", 700, 800, false, false, "七百多部"},
		{"招商>1000万元", []string{"招商"}, ">1000万元", "money", 1e7, inf, false, false, ""},
		{"15分钟社区生活圈", []string{"社区生活圈"}, "15分钟", "duration", 15, 16, true, false, "15分钟"},
		{"签约39台", []string{"签约"}, "39台", "count_台", 39, 40, true, false, "39台"},
		{"<3000", nil, "<3000", "written", -inf, 3000, false, false, ""},
		{"近3000", nil, "近3000", "written", 2700, 3000, true, true, ""},
		{"超过三千", nil, "超过三千", "written", 3000, inf, false, false, ""},
		{"赶超5家", []string{"赶超"}, "5家", "count_家", 5, 6, true, false, "5家"},
	}
	for _, tt := range tests {
		words, figs, err := splitFigures(tt.tok)
		if err != nil || len(figs) != 1 || !slices.Equal(words, tt.words) {
			t.Errorf("splitFigures(%q) = %q, %+v, %v; want words %q and one figure", tt.tok, words, figs, err, tt.words)
			continue
		}
		f := figs[0]
		lo, hi := math.Inf(-1), math.Inf(1)
		if f.hasMin {
			lo = f.Min
		}
		if f.hasMax {
			hi = f.Max
		}
		if f.Text != tt.text || f.figureField() != tt.field || math.Abs(lo-tt.min) > 1e-6*math.Abs(tt.min) ||
			math.Abs(hi-tt.max) > 1e-6*math.Abs(tt.max) || (f.hasMin && f.MinIncl != tt.minIn) || (f.hasMax && f.MaxIncl != tt.maxIn) || f.Word != tt.word {
			t.Errorf("splitFigures(%q) = %+v; want %q %s [%v %v] incl %v %v word %q", tt.tok, f, tt.text, tt.field, tt.min, tt.max, tt.minIn, tt.maxIn, tt.word)
		}
	}
	for _, tok := range []string{"华漕镇", "2023", "2197", "三", "第五次", "13号线", "12345热线", "A3-1"} {
		if words, figs, err := splitFigures(tok); err != nil || len(figs) != 0 || !slices.Equal(words, []string{tok}) {
			t.Errorf("splitFigures(%q) = %q, %+v, %v; want the word alone", tok, words, figs, err)
		}
	}
	for _, tok := range []string{"1亿-1000万", "1亿-50家", "20亿到10亿"} {
		if _, _, err := splitFigures(tok); err == nil {
			t.Errorf("splitFigures(%q): no error; want a bad range", tok)
		}
	}
}

// TestFigureSpan checks the interval a report's figure stands for, by
// its direction: 逾2000件 is above 2000 and never at or below it.
func TestFigureSpan(t *testing.T) {
	above := math.Nextafter(2000, math.Inf(1))
	tests := []struct {
		m      corpus.Metric
		lo, hi float64
	}{
		{corpus.Metric{Value: 2000, Normalized: 2000}, 2000, 2000},
		{corpus.Metric{Value: 2000, Normalized: 2000, Direction: corpus.DirAbove}, above, 3000},
		{corpus.Metric{Value: 800, Normalized: 800, Direction: corpus.DirAbove}, math.Nextafter(800, 900), 900},
		{corpus.Metric{Value: 3000, Normalized: 3000, Direction: corpus.DirNear}, 2700, 3000},
		{corpus.Metric{Value: 3100, Normalized: 3100, Direction: corpus.DirNear}, 3000, 3100},
		{corpus.Metric{Value: 3000, Normalized: 3000, Direction: corpus.DirAbout}, 2700, 3300},
		{corpus.Metric{Value: 1, Normalized: 1e8, Direction: corpus.DirNear}, 9e7, 1e8},
		{corpus.Metric{Value: 1, Normalized: 1e4, Direction: corpus.DirBelow}, 9000, math.Nextafter(1e4, 0)},
		{corpus.Metric{Value: 0, Normalized: 0, Direction: corpus.DirBelow}, math.Nextafter(0, -1), math.Nextafter(0, -1)},
		{corpus.Metric{Value: 10, Normalized: 1e9, Low: 1e9, High: 2e9}, 1e9, 2e9},
	}
	for _, tt := range tests {
		if lo, hi := figureSpan(tt.m); lo != tt.lo || hi != tt.hi {
			t.Errorf("figureSpan(%v %s) = [%v, %v]; want [%v, %v]", tt.m.Normalized, tt.m.Direction, lo, hi, tt.lo, tt.hi)
		}
	}
	for _, tt := range []struct {
		m      corpus.Metric
		lo, hi float64
	}{
		{corpus.Metric{Value: 37.55, Normalized: 3.755e9}, 37.55, 37.55},
		{corpus.Metric{Value: 10, Normalized: 1e9, Low: 1e9, High: 2e9}, 10, 20},
		{corpus.Metric{Value: 3000, Normalized: 3000, Direction: corpus.DirNear}, 2700, 3000},
	} {
		if lo, hi := writtenSpan(tt.m); math.Abs(lo-tt.lo) > 1e-9 || math.Abs(hi-tt.hi) > 1e-9 {
			t.Errorf("writtenSpan(%v) = [%v, %v]; want [%v, %v]", tt.m.Value, lo, hi, tt.lo, tt.hi)
		}
	}
	gt := figureFilter{Kind: "count"}
	gt.setBound(true, 2000, false)
	lt := figureFilter{Kind: "count"}
	lt.setBound(false, 2000, false)
	m := corpus.Metric{Kind: "count", Value: 2000, Normalized: 2000, Direction: corpus.DirAbove}
	if !gt.matches(m) || lt.matches(m) {
		t.Errorf("逾2000: >2000 %v, <2000 %v; want true, false", gt.matches(m), lt.matches(m))
	}
}
