package index

import (
	"errors"
	"math"
	"slices"
	"strings"
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
		field        string  // its figure fields, joined by |
		min, max     float64 // ±inf: unbounded
		minIn, maxIn bool
		word         string // Word: matches its text too
	}{
		{"两千万以上", nil, "两千万以上", "money|count", 2e7, inf, true, false, ""},
		{"超过了10亿", nil, "超过了10亿", "money|count", 1e9, inf, false, false, ""},
		{"不少于50家", nil, "不少于50家", "count_家", 50, inf, true, false, ""},
		{"不低于90%", nil, "不低于90%", "percent", 90, inf, true, false, ""},
		{"100万以内", nil, "100万以内", "money|count", -inf, 1e6, false, false, ""},
		{"100万以下", nil, "100万以下", "money|count", -inf, 1e6, false, false, ""},
		{"100万及以下", nil, "100万及以下", "money|count", -inf, 1e6, false, true, ""},
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
		{"10到20亿", nil, "10到20亿", "money|count", 1e9, 2e9, true, false, ""},
		{"10亿至20亿之间", nil, "10亿至20亿之间", "money|count", 1e9, 2e9, true, false, ""},
		{"1000万-1亿", nil, "1000万-1亿", "money|count", 1e7, 1e8, true, false, ""},
		{"近3000人", nil, "近3000人", "count_人", 2700, 3000, true, true, ""},
		{"约3000人", nil, "约3000人", "count_人", 2700, 3300, true, true, ""},
		{"约3100人", nil, "约3100人", "count_人", 3050, 3150, true, true, ""},
		{"4亿", nil, "4亿", "money|count", 4e8, 5e8, true, false, "4亿"},
		{"4.3亿", nil, "4.3亿", "money|count", 4.3e8, 4.4e8, true, false, "4.3亿"},
		{"两千万", nil, "两千万", "money|count", 2e7, 3e7, true, false, "两千万"},
		{"九千多万", nil, "九千多万", "money|count", 9e7, 1e8, false, false, "九千多万"},
		{"七百多部电梯", []string{"电梯"}, "七百多部", "count_部", 700, 800, false, false, "七百多部"},
		{"招商>1000万元", []string{"招商"}, ">1000万元", "money", 1e7, inf, false, false, ""},
		{"15分钟社区生活圈", []string{"社区生活圈"}, "15分钟", "duration", 15, 16, true, false, "15分钟"},
		{"签约39台", []string{"签约"}, "39台", "count_台", 39, 40, true, false, "39台"},
		{"<3000", nil, "<3000", "written", -inf, 3000, false, false, ""},
		{"近3000", nil, "近3000", "written", 2700, 3000, true, true, ""},
		{"超过三千", nil, "超过三千", "written", 3000, inf, false, false, ""},
		{"赶超5家", []string{"赶超"}, "5家", "count_家", 5, 6, true, false, "5家"},
		// folded like a report's text: Traditional, full-width, zero-width
		{"將近百分之三十三", nil, "將近百分之三十三", "percent", 32, 33, true, true, ""},
		{"超過10億元", nil, "超過10億元", "money", 1e9, inf, false, false, ""},
		{"不少於50家", nil, "不少於50家", "count_家", 50, inf, true, false, ""},
		{"3.6萬人以上", nil, "3.6萬人以上", "count_人", 3.6e4, inf, true, false, ""},
		{"１億元以下", nil, "１億元以下", "money", -inf, 1e8, false, false, ""},
		{"大約3000人", nil, "大約3000人", "count_人", 2700, 3300, true, true, ""},
		{"３０００人左右", nil, "３０００人左右", "count_人", 2700, 3300, true, true, ""},
		{"超\u200b过10亿元", nil, "超\u200b过10亿元", "money", 1e9, inf, false, false, ""},
		{"簽約39台", []string{"簽約"}, "39台", "count_台", 39, 40, true, false, "39台"},
		{"招商＞1000萬元", []string{"招商"}, "＞1000萬元", "money", 1e7, inf, false, false, ""},
		{"將近3000", nil, "將近3000", "written", 2700, 3000, true, true, ""},
		// a multiplier without a unit word: money or a count; a unit says which
		{"近3.6万", nil, "近3.6万", "money|count", 35000, 36000, true, true, ""},
		{"1亿左右", nil, "1亿左右", "money|count", 9e7, 1.1e8, true, true, ""},
		{"74万", nil, "74万", "money|count", 7.4e5, 7.5e5, true, false, "74万"},
		{"1亿元左右", nil, "1亿元左右", "money", 9e7, 1.1e8, true, true, ""},
		{"3.6万人", nil, "3.6万人", "count_人", 3.6e4, 3.7e4, true, false, "3.6万人"},
		{"1000万-1亿人", nil, "1000万-1亿人", "count_人", 1e7, 1e8, true, false, ""},
		{"1000万到1亿元", nil, "1000万到1亿元", "money", 1e7, 1e8, true, false, ""},
		{"10-20万户", nil, "10-20万户", "count_户", 1e5, 2e5, true, false, ""},
		{"700万到800万吨", nil, "700万到800万吨", "weight", 7e6, 8e6, true, false, ""},
		{"二百八十万到三百万千瓦", nil, "二百八十万到三百万千瓦", "power", 2.8e6, 3e6, true, false, ""},
		{"3万公里到5万", nil, "3万公里到5万", "length", 3e7, 5e7, true, false, ""},
		{"10%-1亿", nil, "10%-1亿", "percent", 10, 1e8, true, false, ""},
		{"10-20亿", nil, "10-20亿", "money|count", 1e9, 2e9, true, false, ""},
		{"约10-20亿元", nil, "约10-20亿元", "money", 1e9, 2e9, true, false, ""},
		{"大約10億到20億元", nil, "大約10億到20億元", "money", 1e9, 2e9, true, false, ""},
		{"在将近10亿到20亿之间", nil, "在将近10亿到20亿之间", "money|count", 1e9, 2e9, true, false, ""},
		{"节约10-20亿元", []string{"节约"}, "10-20亿元", "money", 1e9, 2e9, true, false, ""},
	}
	for _, tt := range tests {
		words, figs, err := splitFigures(tt.tok)
		figs = mergeBounds(figs)
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
		if f.Text != tt.text || strings.Join(f.figureFields(), "|") != tt.field || math.Abs(lo-tt.min) > 1e-6*math.Abs(tt.min) ||
			math.Abs(hi-tt.max) > 1e-6*math.Abs(tt.max) || (f.hasMin && f.MinIncl != tt.minIn) || (f.hasMax && f.MaxIncl != tt.maxIn) || f.Word != tt.word {
			t.Errorf("splitFigures(%q) = %+v; want %q %s [%v %v] incl %v %v word %q", tt.tok, f, tt.text, tt.field, tt.min, tt.max, tt.minIn, tt.maxIn, tt.word)
		}
	}
	for _, tok := range []string{"华漕镇", "2023", "2197", "三", "第五次", "13号线", "12345热线", "A3-1"} {
		if words, figs, err := splitFigures(tok); err != nil || len(figs) != 0 || !slices.Equal(words, []string{tok}) {
			t.Errorf("splitFigures(%q) = %q, %+v, %v; want the word alone", tok, words, figs, err)
		}
	}
	for _, tok := range []string{"1亿-1000万", "1亿-50家", "20亿到10亿", "1万吨-50家", "20億到10億"} {
		var qe *QueryError
		if _, _, err := splitFigures(tok); !errors.As(err, &qe) || !strings.Contains(qe.Message, tok) {
			t.Errorf("splitFigures(%q): %v; want a bad range, named as typed", tok, err)
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

// TestMergeBoundsKinds checks that a lower and an upper bound typed
// together are one range when they may be of one kind: a figure typed
// without a unit word takes the kind of one typed with a unit.
func TestMergeBoundsKinds(t *testing.T) {
	tests := []struct {
		tok    string
		fields []string // the figure fields of each filter, joined by |
	}{
		{"5亿以上10亿以下", []string{"money|count"}},
		{"5亿以上10亿元以下", []string{"money"}},
		{"5万以上10萬人以下", []string{"count_人"}},
		{"5亿元以上10万人以下", []string{"money", "count_人"}},
		{"5万吨以上10万以下", []string{"weight", "money|count"}},
	}
	for _, tt := range tests {
		_, figs, err := splitFigures(tt.tok)
		if err != nil {
			t.Errorf("splitFigures(%q): %v", tt.tok, err)
			continue
		}
		var got []string
		for _, f := range mergeBounds(figs) {
			got = append(got, strings.Join(f.figureFields(), "|"))
		}
		if !slices.Equal(got, tt.fields) {
			t.Errorf("mergeBounds(%q) fields = %q; want %q", tt.tok, got, tt.fields)
		}
	}
}
