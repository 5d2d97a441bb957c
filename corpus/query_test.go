package corpus

import (
	"math"
	"testing"
)

func TestQueryFigures(t *testing.T) {
	tests := []struct {
		q          string
		text       string // the figure found, "" for none
		kind, base string
		norm       float64
		step       float64
		round      float64
		dir        string
		low, high  float64
	}{
		{"4亿", "4亿", KindMoney, "元", 4e8, 1e8, 1e8, "", 0, 0},
		{"4.3亿元", "4.3亿元", KindMoney, "元", 4.3e8, 1e7, 1e7, "", 0, 0},
		{"37.55亿元", "37.55亿元", KindMoney, "元", 3.755e9, 1e6, 1e6, "", 0, 0},
		{"2000万", "2000万", KindMoney, "元", 2e7, 1e4, 1e7, "", 0, 0},
		{"两千万以上", "两千万", KindMoney, "元", 2e7, 1e7, 1e7, "", 0, 0},
		{"100万以下", "100万", KindMoney, "元", 1e6, 1e4, 1e6, "", 0, 0},
		{"超过了10亿", "10亿", KindMoney, "元", 1e9, 1e8, 1e9, "", 0, 0},
		{"九千多万", "九千多万", KindMoney, "元", 9e7, 1e7, 1e7, DirAbove, 0, 0},
		{"七百多部电梯", "七百多部", KindCount, "部", 700, 100, 100, DirAbove, 0, 0},
		{"覆盖800余人次", "800余人次", KindCount, "人次", 800, 1, 100, DirAbove, 0, 0},
		{"逾2000件", "2000件", KindCount, "件", 2000, 1, 1000, "", 0, 0},
		{"百分之二十八点五", "百分之二十八点五", KindPercent, "%", 28.5, 0.1, 0.1, "", 0, 0},
		{"三十九台", "三十九台", KindCount, "台", 39, 1, 1, "", 0, 0},
		{"不低于９０％", "９０％", KindPercent, "%", 90, 1, 10, "", 0, 0},
		{"在10亿到20亿之间", "10亿到20亿", KindMoney, "元", 1e9, 1e8, 1e9, "", 1e9, 2e9},
		{"第五次经济普查", "", "", "", 0, 0, 0, "", 0, 0},
		{"2023年", "", "", "", 0, 0, 0, "", 0, 0},
		{"3000", "", "", "", 0, 0, 0, "", 0, 0},
	}
	for _, tt := range tests {
		got := QueryFigures(tt.q)
		if tt.text == "" {
			if len(got) != 0 {
				t.Errorf("QueryFigures(%q) = %+v; want none", tt.q, got)
			}
			continue
		}
		if len(got) != 1 {
			t.Errorf("QueryFigures(%q) = %+v; want one figure", tt.q, got)
			continue
		}
		f := got[0]
		if f.Text != tt.text || tt.q[f.Start:f.End] != tt.text || f.Kind != tt.kind || f.BaseUnit != tt.base ||
			!nearly(f.Normalized, tt.norm) || !nearly(f.Step, tt.step) || !nearly(f.Round, tt.round) ||
			f.Direction != tt.dir || !nearly(f.Low, tt.low) || !nearly(f.High, tt.high) {
			t.Errorf("QueryFigures(%q) = %+v step %v round %v; want %q %s %s %v step %v round %v %q [%v, %v]",
				tt.q, f.Metric, f.Step, f.Round, tt.text, tt.kind, tt.base, tt.norm, tt.step, tt.round, tt.dir, tt.low, tt.high)
		}
	}
}

func TestRoundPlace(t *testing.T) {
	for _, tt := range []struct {
		m    Metric
		want float64
	}{
		{Metric{Value: 2000, Normalized: 2000}, 1000},
		{Metric{Value: 800, Normalized: 800}, 100},
		{Metric{Value: 99, Normalized: 99}, 1},
		{Metric{Value: 37.55, Normalized: 3.755e9}, 1e6},
		{Metric{Value: -5, Normalized: -5}, 1},
		{Metric{Value: 0, Normalized: 0}, 0},
	} {
		if got := RoundPlace(tt.m); !nearly(got, tt.want) {
			t.Errorf("RoundPlace(%v) = %v; want %v", tt.m.Value, got, tt.want)
		}
	}
}

func nearly(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func TestParseQueryNumber(t *testing.T) {
	for _, tt := range []struct {
		s              string
		v, step, round float64
		ok             bool
	}{
		{"3000", 3000, 1, 1000, true},
		{"37.55", 37.55, 0.01, 0.01, true},
		{"３０００", 3000, 1, 1000, true},
		{"三千", 3000, 1000, 1000, true},
		{"两千五百", 2500, 100, 100, true},
		{"1.5万", 15000, 1000, 1000, true},
		{"3,000", 3000, 1, 1000, true},
		{"3000人", 0, 0, 0, false},
		{"10-20", 0, 0, 0, false},
		{"A3", 0, 0, 0, false},
		{"", 0, 0, 0, false},
	} {
		v, step, round, ok := ParseQueryNumber(tt.s)
		if ok != tt.ok || !nearly(v, tt.v) || !nearly(step, tt.step) || !nearly(round, tt.round) {
			t.Errorf("ParseQueryNumber(%q) = %v, %v, %v, %v; want %v, %v, %v, %v", tt.s, v, step, round, ok, tt.v, tt.step, tt.round, tt.ok)
		}
	}
}

// TestQueryFiguresBare checks which figures are typed with a multiplier
// and no unit word, and that a query is folded like a report's text.
func TestQueryFiguresBare(t *testing.T) {
	tests := []struct {
		q          string
		text       string
		kind, base string
		norm       float64
		bare       bool
	}{
		{"74万", "74万", KindMoney, "元", 7.4e5, true},
		{"近3.6万", "3.6万", KindMoney, "元", 3.6e4, true},
		{"1亿左右", "1亿", KindMoney, "元", 1e8, true},
		{"10-20亿", "10-20亿", KindMoney, "元", 1e9, true},
		{"1億", "1億", KindMoney, "元", 1e8, true},
		{"1亿元", "1亿元", KindMoney, "元", 1e8, false},
		{"3.6万人", "3.6万人", KindCount, "人", 3.6e4, false},
		{"3.6萬人", "3.6萬人", KindCount, "人", 3.6e4, false},
		{"贫困人口减少1386万", "1386万", KindCount, "人", 1.386e7, false},
		{"將近百分之三十三", "百分之三十三", KindPercent, "%", 33, false},
		{"１２\u200b万吨", "１２\u200b万吨", KindWeight, "吨", 1.2e5, false},
	}
	for _, tt := range tests {
		got := QueryFigures(tt.q)
		if len(got) != 1 {
			t.Errorf("QueryFigures(%q) = %+v; want one figure", tt.q, got)
			continue
		}
		f := got[0]
		if f.Text != tt.text || tt.q[f.Start:f.End] != tt.text || f.Kind != tt.kind || f.BaseUnit != tt.base ||
			!nearly(f.Normalized, tt.norm) || f.Bare != tt.bare {
			t.Errorf("QueryFigures(%q) = %q %s %s %v bare %v; want %q %s %s %v bare %v",
				tt.q, f.Text, f.Kind, f.BaseUnit, f.Normalized, f.Bare, tt.text, tt.kind, tt.base, tt.norm, tt.bare)
		}
	}
}
