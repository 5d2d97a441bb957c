package corpus

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"reportsearch/corpus/fold"
)

// figure is a figure found in a folded text (offsets into the folded text).
type figure struct {
	start, end int      // the whole surface text, markers included
	numStart   int      // where the number starts
	unitEnd    int      // end of the unit (before any trailing marker)
	value      *big.Rat // the low end as written, in the figure's Unit
	norm       *big.Rat // the low end in base units
	high       *big.Rat // a range's high end in base units, or nil
	unitText   string   // multiplier and unit word: 亿元, 万人, %
	u          unit
	dir        string // DirAbout …, or ""
	change     string // ChangeUp, ChangeDown, or ""
}

// ExtractMetrics finds every figure of achievement or size in a passage's
// text, in every writing the reports use:
//
//   - Arabic digits, ASCII or full width (37.55亿元, ３７．５５亿元), Chinese
//     numerals (一千二百万元, 三亿零四百七十五万吨, 百分之十八点六, 千分之六点一,
//     三分之一, 七成, 六万万), the financial digits (壹仟贰佰元) and mixed forms
//     (1万600元 is one figure, 3.5万亿元), digits printed apart (7 4 7 7 2 亿元)
//     or with the 1950s' full-width separators (３，２９５，０００元). Text is
//     folded first (fold.Map: full-width to half-width, Traditional to
//     Simplified, zero-width characters dropped), so 37.55億元 and
//     37.5\u200b5亿元 are figures like 37.55亿元; Start and End point into
//     the text as written, and Unit is folded.
//   - with a unit: money (元, 万元, 亿元, 美元), percent (%, ‰, 成, fractions),
//     percentage points (个百分点), area (平方米, 亩, 公顷), volume, length,
//     weight (吨, 斤, 担), energy (千瓦时, 亿度), power (千瓦), multiples (倍,
//     翻一番), durations and counter words (家, 户, 个, 人次, 头, 标准箱 …); a
//     bare 万 or 亿 is money, or people after a word for people (农村贫困人口
//     减少1386万).
//   - approximation with its direction (Metric.Direction): 约, 左右 (about),
//     近, 将近 (near), 余, 多, 超过, 逾, 以上 (above), 以下, 以内, 不到
//     (below);
//   - ranges written once (10-20亿元, 5%—6%, 百分之二到三, 二、三百亿度):
//     Low and High;
//   - changes apart from levels (增长5%, 下降3.2%, 提高0.8个百分点, 减少200亿元,
//     翻一番): Change.
//
// Not figures: years and dates (2023年, 一九七九年, 2023-10-03, 1—11月),
// ordinals and ranks (第5次, 第十四届, 前3名, 二次会议), class names (3000吨级,
// 750千伏, 10亿级), codes and names with digits (13号线, S26, PM2.5, 5G, 十四五,
// 1+5), anything inside quotes or title marks, thresholds in a definition
// (1000平方米以上规模物业), Chinese numerals that name sets and lists rather
// than measure (三大支柱产业, 四个全面, 一是, 一次性, 上一年), and numbers too long
// to be a figure (more than 30 digits): every value is finite.
func ExtractMetrics(text string) []Metric {
	ft := fold.Map(text)
	figs := scanFigures(foldedForFigures(text, ft))
	out := make([]Metric, 0, len(figs))
	type span struct{ start, end int }
	spans := make([]span, len(figs))
	for k, f := range figs {
		spans[k] = span{ft.Source(f.start), sourceEnd(text, ft, f.end)}
	}
	prevEnd := 0
	for k, f := range figs {
		m, ok := f.metric()
		if !ok {
			continue
		}
		m.Start, m.End = spans[k].start, spans[k].end
		m.Text = text[m.Start:m.End]
		nextEnd := -1
		if k+1 < len(figs) && spans[k+1].start == m.End {
			nextEnd = spans[k+1].end
		}
		m.Label = label(text, m.Start, m.End, m.Kind, prevEnd, nextEnd)
		out = append(out, m)
		prevEnd = m.End
	}
	return out
}

// sourceEnd maps the end e of a folded span back to the source text: the end
// of the source character of its last byte.
func sourceEnd(text string, ft fold.Text, e int) int {
	if e == 0 {
		return ft.Source(0)
	}
	src := ft.Source(e - 1)
	_, n := utf8.DecodeRuneInString(text[src:])
	return src + n
}

// metric turns f into a Metric (offsets and label left to the caller); ok
// is false when a value is not a finite number.
func (f figure) metric() (Metric, bool) {
	v, ok1 := toFloat(f.value)
	norm, ok2 := toFloat(f.norm)
	if !ok1 || !ok2 {
		return Metric{}, false
	}
	m := Metric{
		Value:      v,
		Unit:       f.unitText,
		Normalized: norm,
		BaseUnit:   f.u.base,
		Kind:       f.u.kind,
		Approx:     f.dir != "",
		Direction:  f.dir,
		Change:     f.change,
	}
	if f.high != nil {
		hi, ok := toFloat(f.high)
		if !ok {
			return Metric{}, false
		}
		m.Low, m.High = norm, hi
	}
	return m, true
}

// toFloat converts an exact value to the nearest float64. A value without
// a finite decimal expansion (100亩 = 66666.666… 平方米) is rounded to 12
// significant digits. ok is false when the value is not finite.
func toFloat(r *big.Rat) (float64, bool) {
	f, _ := r.Float64()
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	d := new(big.Int).Set(r.Denom())
	for _, p := range []int64{2, 5} {
		bp := big.NewInt(p)
		m := new(big.Int)
		for {
			q, rem := new(big.Int).QuoRem(d, bp, m)
			if rem.Sign() != 0 {
				break
			}
			d = q
		}
	}
	if d.Cmp(big.NewInt(1)) != 0 {
		g, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 12, 64), 64)
		if err == nil {
			f = g
		}
	}
	return f, true
}

// foldedForFigures returns the folded text of ft with the commas that were
// not written as ASCII commas (the Chinese comma ，folds to ,) turned into
// semicolons: only an ASCII comma separates thousands (1,200万元), while
// 2023，100个 is two numbers.
func foldedForFigures(text string, ft fold.Text) string {
	s := ft.S
	if !strings.Contains(s, ",") {
		return s
	}
	b := []byte(s)
	for k := range b {
		if b[k] == ',' && text[ft.Source(k)] != ',' && !chineseCommaSeparator(text, ft, k) {
			b[k] = ';'
		}
	}
	return string(b)
}

// chineseCommaSeparator reports whether the comma at folded offset k was
// written as a Chinese comma between digits of one width, as the reports of
// the 1950s–1980s separate thousands (３，２９５，０００元, 1，120亿元). The
// number around it must still have the shape of separated thousands (see
// arabic), so 2023，100个 stays two numbers.
func chineseCommaSeparator(text string, ft fold.Text, k int) bool {
	if k == 0 || k+1 >= len(ft.S) || !isDigit(ft.S[k-1]) || !isDigit(ft.S[k+1]) {
		return false
	}
	if !strings.HasPrefix(text[ft.Source(k):], "，") {
		return false
	}
	return isFullWidthDigit(text, ft.Source(k-1)) == isFullWidthDigit(text, ft.Source(k+1))
}

func isFullWidthDigit(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r >= '０' && r <= '９'
}

// scanFigures finds the figures of the folded text s.
func scanFigures(s string) []figure {
	q := newQuoteScanner(s)
	var out []figure
	for i := 0; i < len(s); {
		f, next, ok := scanAt(s, i)
		if next <= i {
			_, n := utf8.DecodeRuneInString(s[i:])
			next = i + n
		}
		if ok && !q.inside(f.numStart) {
			out = append(out, f)
			next = f.end
		}
		i = next
	}
	inheritChange(s, out)
	return out
}

// inheritChange gives a figure listed right after a change the same change:
// 分别增长13.6%、86.6%, 实际增长9.8%和8.5%.
func inheritChange(s string, figs []figure) {
	for k := 1; k < len(figs); k++ {
		a, b := figs[k-1], &figs[k]
		if b.change != "" || a.change == "" || a.u.kind != b.u.kind {
			continue
		}
		switch s[a.end:b.start] {
		case "、", "和", "与", "及":
			b.change = a.change
		}
	}
}

// scanAt reads the figure whose number starts at s[i:], if any. next is
// where scanning goes on when there is none: past the whole number, so that
// no part of a number that is not a figure becomes one.
func scanAt(s string, i int) (f figure, next int, ok bool) {
	if c := s[i]; c < utf8.RuneSelf && !isDigit(c) {
		return f, i + 1, false
	}
	switch {
	case strings.HasPrefix(s[i:], "百分之"), strings.HasPrefix(s[i:], "千分之"):
		return perCent(s, i)
	case strings.HasPrefix(s[i:], "翻"):
		return doubling(s, i)
	case !numeralStart(s, i):
		_, size := utf8.DecodeRuneInString(s[i:])
		return f, i + size, false
	}
	n, end, good := parseNumeral(s, i)
	return fromNumeral(s, i, n, end, good)
}

// fromNumeral goes on from a parsed numeral n at s[i:end].
func fromNumeral(s string, i int, n numeral, end int, good bool) (f figure, next int, ok bool) {
	if !good {
		return f, end, false
	}
	// X分之Y: a fraction.
	if strings.HasPrefix(s[n.end:], "分之") && n.chinese {
		return fractionFigure(s, i, n)
	}
	// a/b: an Arabic fraction of small numbers (近1/3).
	if g, ok := slashFraction(s, i, n); ok {
		return g, g.end, true
	}
	if f, ok = withUnit(s, i, n); ok {
		if g, ok := rangeAfter(s, f, n); ok {
			f = g
		} else if isRangeSep(s, f.unitEnd) || isRangeSep(s, n.end) {
			// A range whose ends do not match (2023-10-03, 3个-5家): no
			// figure, and no figure from its second end either.
			return f, skipRange(s, f.unitEnd), false
		}
	} else {
		// Without a unit of its own: the low end of a range (10-20亿元,
		// 二、三十亿斤) or a number in a list of rates (11.1、11.2个百分点).
		f = figure{start: i, numStart: i, end: n.end, unitEnd: n.end}
		if g, ok := rangeAfter(s, f, n); ok {
			f = g
		} else if g, ok := sharedUnit(s, i, n); ok {
			f = g
		} else {
			return f, n.end, false
		}
	}
	if excluded(s, i, f, n) {
		return f, f.unitEnd, false
	}
	markers(s, &f, n)
	if isThreshold(s, f) {
		return f, f.end, false
	}
	if neg := negPrefix(s, f.start); neg != "" && f.start == i {
		f.start -= len(neg)
		f.value.Neg(f.value)
		f.norm.Neg(f.norm)
		if f.high != nil {
			// -5—-3: not read as a range; a sign before a range negates
			// only its low end, so leave the range out.
			return f, f.end, false
		}
	}
	f.change = changeBefore(s, f.start)
	return f, f.end, true
}

// sharedUnit reads an Arabic number without a unit listed before a rate
// that has one: 分别高4.2和0.7个百分点, 分别提高11.1、11.2个百分点. The number
// takes the rate's unit (%, 个百分点, 倍).
func sharedUnit(s string, i int, n numeral) (figure, bool) {
	w, ok := prefixAny(s[n.end:], []string{"、", "和", "与"})
	q := n.end + len(w)
	if !ok || n.chinese || n.mult != "" || q >= len(s) || !isDigit(s[q]) {
		return figure{}, false
	}
	n2, _, good := parseNumeral(s, q)
	if !good || n2.chinese || n2.mult != "" {
		return figure{}, false
	}
	g, ok := withUnit(s, q, n2)
	if !ok || !(g.u.kind == KindPercent || g.u.kind == KindPoints || g.u.kind == KindMultiple) {
		return figure{}, false
	}
	return figure{start: i, numStart: i, end: n.end, unitEnd: n.end, u: g.u, unitText: g.unitText,
		value: new(big.Rat).Set(n.value), norm: new(big.Rat).Mul(n.value, g.u.factor)}, true
}

// withUnit reads the unit after the numeral n (with 余/多 between them) and
// sets the figure's values; ok is false when no unit the numeral may carry
// follows.
func withUnit(s string, i int, n numeral) (f figure, ok bool) {
	f = figure{start: i, numStart: i, end: n.end}
	p := n.end
	if n.arabic && !n.chinese && p+1 < len(s) && s[p] == ' ' && (s[p+1] >= utf8.RuneSelf || s[p+1] == '%') {
		if _, ok := unitAt(s[p+1:]); ok {
			p++ // 1 1 ％, 1 8 7 个: a space before the unit
		}
	}
	above := n.above
	if w, ok := prefixAny(s[p:], []string{"余", "多"}); ok {
		p += len(w)
		above = true
	}
	var u unit
	found := false
	for _, w := range []struct{ text, unit string }{{"个多月", "个月"}, {"个多小时", "小时"}} {
		if strings.HasPrefix(s[p:], w.text) {
			// 3个多月: more than three months.
			u, _ = unitAt(w.unit)
			found, above = true, true
			p += len(w.text) - len(w.unit) // the unit ends where the text does
		}
	}
	if !found {
		u, found = unitAt(s[p:])
	}
	if found && !unitFits(s, p, u, n) {
		found = false
		if n.mult == "" {
			return f, false
		}
	}
	if !found {
		if n.mult == "" || !strings.ContainsAny(n.mult[len(n.mult)-len("万"):], "万亿") {
			return f, false
		}
		u = bareMoney
		r, _ := utf8.DecodeRuneInString(s[p:])
		switch {
		case peopleAfter(s, p):
			u = barePeople
		case unicode.Is(unicode.Han, r):
			return f, false // 10亿级, 亿万: the unit it leaves out is unknown
		case peopleBefore(s, i):
			u = barePeople
		}
	}
	f.u = u
	p += len(u.word)
	value := n.value
	if u.word == "元" || u.word == "圆" {
		// 壹拾壹元壹角壹分: tenths and hundredths of a 元.
		var cents int64
		p, cents = jiaoFen(s, p)
		if cents > 0 {
			value = new(big.Rat).Add(n.value, big.NewRat(cents, 100))
		}
	}
	if half := strings.HasPrefix(s[p:], "半") && n.value.IsInt() && n.mult == "" &&
		(u.kind == KindCount || u.kind == KindDuration); half {
		// 一头半, 两天半: and a half.
		value = new(big.Rat).Add(value, big.NewRat(1, 2))
		p += len("半")
	}
	f.unitEnd, f.end = p, p
	f.unitText = n.mult + u.word
	f.value = new(big.Rat).Quo(value, n.multVal)
	f.norm = new(big.Rat).Mul(value, u.factor)
	if above {
		f.dir = DirAbove
	}
	return f, true
}

// jiaoFen reads the 角 and 分 after a 元 at s[p:] (壹角捌分, 5角) and returns
// where they end and their value in hundredths of a 元.
func jiaoFen(s string, p int) (int, int64) {
	var cents int64
	for _, w := range []struct {
		word  string
		scale int64
	}{{"角", 10}, {"分", 1}} {
		r, n := utf8.DecodeRuneInString(s[p:])
		d, ok := chineseDigits[r]
		if !ok {
			d, ok = financialDigits[r]
		}
		if !ok && r >= '0' && r <= '9' {
			d, ok = int(r-'0'), true
		}
		if !ok || !strings.HasPrefix(s[p+n:], w.word) {
			continue
		}
		cents += int64(d) * w.scale
		p += n + len(w.word)
	}
	return p, cents
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isASCIILetter(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }

func prefixAny(s string, words []string) (string, bool) {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w, true
		}
	}
	return "", false
}

func suffixAny(s string, words []string) (string, bool) {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return w, true
		}
	}
	return "", false
}

// ParseFigure parses a standalone figure as typed in a query ("1亿元", "50家",
// "1000万", "35.6%", "1.6万平方米", "100亩", "一千二百万元", "百分之十五") into
// a Metric with Value, Unit, Normalized, BaseUnit and Kind set; ok is false
// when s is not one figure (a range, a year, a bare number). Full-width
// digits are accepted; a bare 万 or 亿 is money. Comparison words (超过, >,
// ≥) are not part of a figure: the caller strips them.
func ParseFigure(s string) (m Metric, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Metric{}, false
	}
	ft := fold.Map(s)
	if ft.S == "" {
		return Metric{}, false // only ignorable characters
	}
	f, _, ok := scanAt(foldedForFigures(s, ft), 0)
	if !ok || f.start != 0 || f.end != len(ft.S) || f.high != nil {
		return Metric{}, false
	}
	m, ok = f.metric()
	if !ok {
		return Metric{}, false
	}
	m.Approx, m.Direction, m.Change = false, "", ""
	m.Text, m.Start, m.End = s, 0, len(s)
	return m, true
}
