package corpus

// This file reads the forms a figure takes beyond a number and a unit:
// ranges, 百分之 and 千分之, fractions, 翻番.

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// rangeSeps join the ends of a range; 、 joins two neighbouring digits
// (二、三十).
var (
	rangeSeps         = []string{"-", "—", "–", "~", "至", "到"}
	rangeSepsAndComma = []string{"-", "—", "–", "~", "至", "到", "、"}
)

func isRangeSep(s string, p int) bool {
	w, ok := prefixAny(s[p:], rangeSeps)
	return ok && p+len(w) < len(s) && isDigit(s[p+len(w)])
}

// skipRange returns the end of the run of numbers and separators at s[p:]
// (2023-10-03).
func skipRange(s string, p int) int {
	for {
		w, ok := prefixAny(s[p:], rangeSeps)
		if !ok || p+len(w) >= len(s) || !isDigit(s[p+len(w)]) {
			return p
		}
		p += len(w)
		for p < len(s) && (isDigit(s[p]) || s[p] == '.') {
			p++
		}
	}
}

// rangeAfter reads a range whose low end is f (numeral n): 10-20亿元 (the
// low end takes the high end's unit), 5%—6%, 8%至10%, 一百多亿斤到二百多亿斤,
// and 二、三十亿斤 (the low end shares the high end's places).
func rangeAfter(s string, f figure, n numeral) (figure, bool) {
	p := n.end // 10-20亿元, 10亿-20亿: the separator follows the number
	if f.unitText != "" {
		p = f.unitEnd // 5%—6%
	}
	sep, ok := prefixAny(s[p:], rangeSepsAndComma)
	if !ok {
		return f, false
	}
	q := p + len(sep)
	if q >= len(s) || !numeralStart(s, q) {
		return f, false
	}
	n2, _, good := parseNumeral(s, q)
	if !good {
		return f, false
	}
	g, ok := withUnit(s, q, n2)
	if !ok {
		return f, false
	}
	if sep == "、" {
		// 二、三十: a single digit, then the next digit with places.
		if !(n.single && n.chinese && n.lead >= 1 && n2.lead == n.lead+1 && n2.place && p == n.end) {
			return f, false
		}
		low := new(big.Rat).Mul(n2.value, big.NewRat(int64(n.lead), int64(n2.lead)))
		g.value = new(big.Rat).Quo(low, n2.multVal)
		g.high = g.norm
		g.norm = new(big.Rat).Mul(low, g.u.factor)
		g.start, g.numStart = f.start, f.numStart
		if n.chinese && excludedYearRange(g) {
			return f, false
		}
		return g, true
	}
	if p == n.end {
		// The low end without a unit: it takes the high end's multiplier
		// and unit, unless it has a multiplier of its own.
		low := new(big.Rat).Set(n.value)
		if n.mult == "" {
			low.Mul(low, n2.multVal)
		}
		g.value = new(big.Rat).Quo(low, n2.multVal)
		g.high = g.norm
		g.norm = new(big.Rat).Mul(low, g.u.factor)
	} else {
		// Both ends with a unit: the same unit.
		if f.unitText != g.unitText {
			return f, false
		}
		g.value, g.high, g.norm = f.value, g.norm, f.norm
	}
	if g.high.Cmp(g.norm) <= 0 || isRangeSep(s, g.unitEnd) || isRangeSep(s, n2.end) {
		return f, false
	}
	if f.dir != "" {
		g.dir = f.dir
	}
	g.start, g.numStart = f.start, f.numStart
	return g, true
}

// excludedYearRange reports a range of years (2023-2025年).
func excludedYearRange(f figure) bool {
	return f.u.word == "年" && isYear(f.norm) && isYear(f.high)
}

func isYear(r *big.Rat) bool {
	return r != nil && r.IsInt() && r.Cmp(big.NewRat(1900, 1)) >= 0 && r.Cmp(big.NewRat(2100, 1)) <= 0
}

// perCent reads 百分之X and 千分之X (with a range 百分之二到三, 百分之四到百分之五).
func perCent(s string, i int) (f figure, next int, ok bool) {
	q := i + len("百分之")
	if !numeralStart(s, q) {
		return f, q, false
	}
	n, end, good := parseNumeral(s, q)
	if !good || n.digits {
		return f, end, false
	}
	word := "%"
	if strings.HasPrefix(s[i:], "千分之") {
		word = "‰"
	}
	u, _ := unitAt(word)
	f = figure{start: i, numStart: i, end: n.end, unitEnd: n.end, u: u, unitText: word}
	f.value = new(big.Rat).Set(n.value)
	f.norm = new(big.Rat).Mul(n.value, u.factor)
	if n.above {
		f.dir = DirAbove
	}
	if sep, ok := prefixAny(s[n.end:], rangeSeps); ok {
		r := n.end + len(sep)
		if strings.HasPrefix(s[r:], "百分之") || strings.HasPrefix(s[r:], "千分之") {
			r += len("百分之")
		}
		if numeralStart(s, r) {
			if n2, _, good := parseNumeral(s, r); good && !n2.digits && n2.value.Cmp(n.value) > 0 {
				f.high = new(big.Rat).Mul(n2.value, u.factor)
				f.end, f.unitEnd = n2.end, n2.end
			}
		}
	}
	markers(s, &f, n)
	if isThreshold(s, f) || !notOrdinal(s, i) {
		return f, f.end, false
	}
	f.change = changeBefore(s, f.start)
	return f, f.end, true
}

// notOrdinal reports whether the character before s[i:] allows a figure
// to start there (not an ordinal 第).
func notOrdinal(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r != '第'
}

// fractionFigure reads X分之Y (三分之一): a share, normalized in percent.
func fractionFigure(s string, i int, den numeral) (f figure, next int, ok bool) {
	q := den.end + len("分之")
	if !numeralStart(s, q) || den.value.Sign() == 0 {
		return f, q, false
	}
	num, end, good := parseNumeral(s, q)
	if !good || num.digits || !notOrdinal(s, i) {
		return f, end, false
	}
	ratio := new(big.Rat).Quo(num.value, den.value)
	u := unit{word: "分之", kind: KindPercent, base: "%", factor: big.NewRat(100, 1)}
	f = figure{start: i, numStart: i, end: num.end, unitEnd: num.end, u: u, unitText: "分之",
		value: ratio, norm: new(big.Rat).Mul(ratio, u.factor)}
	markers(s, &f, num)
	if isThreshold(s, f) {
		return f, f.end, false
	}
	f.change = changeBefore(s, f.start)
	return f, f.end, true
}

// slashFraction reads a/b for small whole numbers a < b ≤ 10 (近1/3), not
// inside a code (1/2/3, a1/3).
func slashFraction(s string, i int, n numeral) (f figure, ok bool) {
	p := n.end
	if n.chinese || p+1 >= len(s) || s[p] != '/' || !isDigit(s[p+1]) || n.mult != "" {
		return f, false
	}
	q := p + 1
	for q < len(s) && isDigit(s[q]) {
		q++
	}
	den, _ := new(big.Rat).SetString(s[p+1 : q])
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[q:])
	if den == nil || !n.value.IsInt() || n.value.Sign() <= 0 || n.value.Cmp(den) >= 0 || den.Cmp(big.NewRat(10, 1)) > 0 ||
		isASCIILetter(before) || isASCIILetter(after) || strings.ContainsRune("+/.-", before) || strings.ContainsRune("+/.-", after) || (q < len(s) && isDigit(s[q])) {
		return f, false
	}
	if _, unitFollows := unitAt(s[q:]); unitFollows {
		return f, false
	}
	ratio := new(big.Rat).Quo(n.value, den)
	u := unit{word: "分之", kind: KindPercent, base: "%", factor: big.NewRat(100, 1)}
	f = figure{start: i, numStart: i, end: q, unitEnd: q, u: u, unitText: "分之",
		value: ratio, norm: new(big.Rat).Mul(ratio, u.factor)}
	markers(s, &f, n)
	f.change = changeBefore(s, f.start)
	return f, true
}

// doubling reads 翻一番, 翻两番, 翻了一番: +1, +3 倍.
func doubling(s string, i int) (f figure, next int, ok bool) {
	q := i + len("翻")
	if strings.HasPrefix(s[q:], "了") {
		q += len("了")
	}
	if !numeralStart(s, q) {
		return f, q, false
	}
	n, end, good := parseNumeral(s, q)
	if !good || !strings.HasPrefix(s[n.end:], "番") || !n.value.IsInt() || n.value.Sign() <= 0 || n.value.Cmp(big.NewRat(8, 1)) > 0 {
		return f, end, false
	}
	times := new(big.Int).Lsh(big.NewInt(1), uint(n.value.Num().Int64()))
	plus := new(big.Rat).SetInt(times.Sub(times, big.NewInt(1)))
	e := n.end + len("番")
	u, _ := unitAt("倍")
	f = figure{start: i, numStart: i, end: e, unitEnd: e, u: u, unitText: "番",
		value: new(big.Rat).Set(n.value), norm: plus, change: ChangeUp}
	markers(s, &f, n)
	return f, f.end, true
}
