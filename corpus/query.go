package corpus

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"reportsearch/corpus/fold"
)

// QueryFigure is a figure found in a query: a number and its unit, read by
// the extractor's rules (ExtractMetrics), without the comparison words
// around it, which the query language reads itself.
type QueryFigure struct {
	// Metric has Value, Unit, Normalized, BaseUnit and Kind; Low and High
	// for a range written once (10-20亿元); Direction DirAbove when the
	// figure itself says "and more" (800余人次, 九千多万, 十几万), else "".
	// Text, Start and End are the number and its unit as typed, byte
	// offsets into the query text.
	Metric
	// Step is the place value, in BaseUnit, of the last digit written: the
	// precision typed. 4亿: 1e8; 4.3亿: 1e7; 37.55亿元: 1e6; 2000万: 1e4
	// (Arabic digits are all significant); 两千万: 1e7 (a Chinese numeral
	// writes no trailing zeros, so its last digit is its last non-zero one);
	// 百分之二十八点五: 0.1. 0 when it cannot be known (a fraction).
	Step float64
	// Round is the place value, in BaseUnit, of the last non-zero digit of
	// Value: what a writer rounded to before 余, 多, 约 or 近 (2000余: 1000;
	// 800余: 100; 99%: 1). 0 for a zero or a fraction.
	Round float64
	// Bare is true for a figure typed with a multiplier and no unit word
	// (74万, 近3.6万, 1亿左右, 10-20亿) and no word for people near it: its
	// kind is unknown. Metric reads it as money in 元, as the extractor
	// reads a bare 万 or 亿 in a report without a word for people; a report
	// may also count people so (农村贫困人口减少1386万, a count of 人), so a
	// query should take it for any kind a multiplier scales the base unit of
	// directly: money and counts.
	Bare bool
	// UnitFactor is the factor from the unit word to BaseUnit: 1000 for
	// 公里 (米), 1 for 元, a counter or a bare 万; 0 when unknown. A range
	// typed with one unit (700万到800万吨) gives its bare end this unit.
	UnitFactor float64
}

// QueryFigures returns the figures of a query text, in order, by the
// extractor's rules: years, dates, ordinals, codes (13号线) and quoted
// text are not figures, and a bare 万 or 亿 is money, or a count of 人
// beside a word for people (see QueryFigure.Bare). The text is folded
// first (fold.Map: Traditional to Simplified, full-width to half-width,
// zero-width characters dropped), so 將近 and 萬 read as 将近 and 万.
// Offsets are byte offsets into q as typed.
func QueryFigures(q string) []QueryFigure {
	ft := fold.Map(q)
	s := maskAfterWords(foldedForFigures(q, ft))
	var out []QueryFigure
	for _, f := range scanFigures(s) {
		m, ok := f.metric()
		if !ok {
			continue
		}
		qf := QueryFigure{Metric: m}
		qf.Direction, qf.Approx, qf.Change, qf.Label = "", false, "", ""
		qf.Bare = f.u.word == "" && f.u.kind == KindMoney
		if f.u.factor != nil {
			qf.UnitFactor, _ = f.u.factor.Float64()
		}
		if innerAbove(s[f.numStart:f.unitEnd]) {
			qf.Direction, qf.Approx = DirAbove, true
		}
		start := f.numStart
		if f.start < f.numStart && negPrefix(s, f.numStart) != "" {
			start = f.start // the sign belongs to the number: -5%
		}
		qf.Start, qf.End = ft.Source(start), sourceEnd(q, ft, f.unitEnd)
		qf.Text = q[qf.Start:qf.End]
		scale := figureScale(f, m)
		qf.Step = writtenStep(s, f, m.Value) * scale
		qf.Round = lastNonZeroPlace(m.Value) * scale
		out = append(out, qf)
	}
	return out
}

// afterWords are the comparison words a query may type after a figure.
var afterWords = []string{"及以上", "或以上", "及以下", "或以下", "以上", "以下", "以内", "之间", "左右", "上下"}

// maskAfterWords overwrites the comparison words typed after a figure with
// semicolons of the same length, so that offsets stay: a bare 万 or 亿
// followed by a Chinese character is no figure in a report's text (10亿级),
// but 两千万以上 is one in a query.
func maskAfterWords(s string) string {
	b := []byte(s)
	for _, w := range afterWords {
		for i := 0; ; {
			k := strings.Index(s[i:], w)
			if k < 0 {
				break
			}
			for j := i + k; j < i+k+len(w); j++ {
				b[j] = ';'
			}
			i += k + len(w)
		}
	}
	return string(b)
}

// ParseQueryNumber parses s as one number without a unit, as typed in a
// query: Arabic digits (3000, 37.55, ３０００) or a Chinese numeral (三千,
// 两千五百). step is the place value of the last digit written and round
// that of the last non-zero digit of v, as for QueryFigure. ok is false for
// anything else: a unit, a date, two numbers, a trailing word.
func ParseQueryNumber(s string) (v, step, round float64, ok bool) {
	fs := fold.Map(strings.TrimSpace(s)).S
	if fs == "" || !numeralStart(fs, 0) && !isDigit(fs[0]) {
		return 0, 0, 0, false
	}
	n, end, good := parseNumeral(fs, 0)
	if !good || end != len(fs) || n.end != len(fs) {
		return 0, 0, 0, false
	}
	v, ok = toFloat(n.value)
	if !ok {
		return 0, 0, 0, false
	}
	mult, _ := n.multVal.Float64() // 1.5万: steps of 0.1 of a 万
	f := figure{numStart: 0, unitEnd: n.end}
	return v, writtenStep(fs, f, v/mult) * mult, lastNonZeroPlace(v), true
}

// InWordMarker reports whether text typed before a number ends in a word
// that merely ends like an approximation or comparison marker (签约, 最近,
// 赶超, 节约): the marker is then no marker, as in a report's text.
func InWordMarker(before string) bool { return notApprox(before) }

// RoundPlace is the place value, in BaseUnit, of the last non-zero digit
// of a figure's Value: what its writer rounded to before 余, 多, 约 or 近
// (逾2000件: 1000; 800余人次: 100; 超99%: 1; 37.55亿元: 1e6). 0 for a
// zero value.
func RoundPlace(m Metric) float64 {
	if m.Value == 0 {
		return 0
	}
	return lastNonZeroPlace(m.Value) * math.Abs(m.Normalized/m.Value)
}

// innerAbove reports whether a figure's number and unit hold a word of
// "and more": 余, 多, 几 (800余人次, 九千多万, 十几万).
func innerAbove(s string) bool {
	return strings.Contains(s, "余") || strings.Contains(s, "多") || strings.Contains(s, "几")
}

// figureScale is the factor from a figure's Value (in its Unit) to its
// Normalized value (in BaseUnit): 1e8 for 亿元; 0 when unknown.
func figureScale(f figure, m Metric) float64 {
	if f.value == nil || f.value.Sign() == 0 {
		return 0
	}
	r, _ := new(big.Rat).Quo(f.norm, f.value).Float64()
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return 0
	}
	return r
}

// writtenStep is the place value, in the figure's Unit, of the last digit
// written: Arabic digits count as typed (2000: 1; 4.30: 0.01), a Chinese
// numeral by its last non-zero digit (两千: 1000; 二十八点五: 0.1).
func writtenStep(s string, f figure, value float64) float64 {
	i := f.numStart
	for _, w := range []string{"百分之", "千分之"} {
		if strings.HasPrefix(s[i:], w) {
			i += len(w)
		}
	}
	text := s[i:f.unitEnd]
	last := strings.LastIndexFunc(text, func(r rune) bool { return r >= '0' && r <= '9' })
	if last < 0 {
		return lastNonZeroPlace(value)
	}
	// the run of digits and points that ends with the last digit
	j := last
	for j > 0 && (isDigit(text[j-1]) || text[j-1] == '.') {
		j--
	}
	run := text[j : last+1]
	if k := strings.IndexByte(run, '.'); k >= 0 {
		return math.Pow10(-(len(run) - k - 1))
	}
	return 1
}

// lastNonZeroPlace is the place value of the last non-zero digit of v in
// decimal: 2000 → 1000, 37.55 → 0.01, 712 → 1; 0 for 0.
func lastNonZeroPlace(v float64) float64 {
	v = math.Abs(v)
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if k := strings.IndexByte(s, '.'); k >= 0 {
		return math.Pow10(-(len(s) - k - 1))
	}
	z := len(s) - len(strings.TrimRight(s, "0"))
	return math.Pow10(z)
}
