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
//     三分之一, 七成), the financial digits (壹仟贰佰元) and mixed forms (1万600元
//     is one figure, 3.5万亿元). Text is folded first (fold.Map: full-width
//     to half-width, Traditional to Simplified, zero-width characters
//     dropped), so 37.55億元 and 37.5\u200b5亿元 are figures like 37.55亿元;
//     Start and End point into text as written.
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
		if b[k] == ',' && text[ft.Source(k)] != ',' && !fullWidthSeparator(text, ft, k) {
			b[k] = ';'
		}
	}
	return string(b)
}

// fullWidthSeparator reports whether the comma at folded offset k was
// written as a full-width comma between full-width digits (３，２９５，０００元
// in the reports of the 1950s): a thousands separator too.
func fullWidthSeparator(text string, ft fold.Text, k int) bool {
	if k == 0 || k+1 >= len(ft.S) || !isDigit(ft.S[k-1]) || !isDigit(ft.S[k+1]) {
		return false
	}
	src := ft.Source(k)
	return strings.HasPrefix(text[src:], "，") &&
		isFullWidthDigit(text, ft.Source(k-1)) && isFullWidthDigit(text, ft.Source(k+1))
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
	f, ok = withUnit(s, i, n)
	if !ok {
		// 10-20亿元, 二、三十亿斤: the low end without a unit.
		f = figure{start: i, numStart: i, end: n.end, unitEnd: n.end}
		g, ok := rangeAfter(s, f, n)
		if !ok {
			return f, n.end, false
		}
		f = g
	} else if g, ok := rangeAfter(s, f, n); ok {
		f = g
	} else if isRangeSep(s, f.unitEnd) || isRangeSep(s, n.end) {
		// A range whose ends do not match (2023-10-03, 3个-5家): no
		// figure, and no figure from its second end either.
		return f, skipRange(s, f.unitEnd), false
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

// unitFits reports whether unit u at s[p:] may follow the numeral n.
func unitFits(s string, p int, u unit, n numeral) bool {
	rest := s[p+len(u.word):]
	chinese := n.chinese || n.digits
	switch {
	case chinese && !u.chinese, !chinese && !u.arabic:
		return false
	case u.afterMult && n.mult == "":
		return false // 30度 is a temperature or an angle; 24亿度 energy
	case n.digits && u.kind != KindMoney:
		return false // 一九七九年, 二〇一二: digit strings are years and codes
	case n.single && n.fin:
		return false // 陆, 伍 alone are words (陆续, 队伍)
	case n.single && strings.HasSuffix(s[:n.start], "点"):
		return false // 点一, 重点一: not a number of its own
	case n.single && n.value.Sign() == 0 && (u.kind == KindCount || u.kind == KindDuration):
		return false // 零部件
	case n.single && n.value.Cmp(ratOne) == 0 && (u.kind == KindCount || u.kind == KindDuration):
		return false // 一个, 一次性, 一批, 一天: an article, not a count
	case n.single && u.kind == KindCount && !eventCounter(u.word):
		// 四个全面, 两个维护, 八项规定, 三支队伍, 五个工业部: a one-character
		// numeral with a counter names a set or a list; what the reports
		// count, they count in digits or longer numerals (九百二十一个).
		// Times are counted (两次, 三次提高).
		return false
	case chinese && u.word == "大类":
		return false
	case chinese && (u.word == "次" || u.word == "届") && (hasAnyPrefix(rest, "会议", "全会", "全体会议", "代表大会", "大会", "产业") || sessionBefore(s, n.start)):
		return false // 二次会议, 十一届七次、八次全会: a session's number; 三次产业: the tertiary sector
	case s[n.start:n.end] == "二" && (u.kind == KindCount || u.kind == KindDuration || u.word == "元"):
		return false // 二次, 二轮, 二元结构: second, dual (two of a thing is 两)
	case n.single && hasAnyPrefix(lastRunes(s[:n.start], 1), "之", "每", "这", "那", "哪"):
		return false // 车之两轮, 每一元: not a count
	case strings.HasPrefix(rest, "化"):
		return false // 一元化: an adjective
	case u.word == "周" && strings.HasPrefix(rest, "年"):
		return false // 75周年: an anniversary
	case strings.HasPrefix(rest, "级"):
		return false // 3000吨级, 万吨级: a class
	case u.word == "成":
		r, _ := utf8.DecodeRuneInString(rest)
		if unicode.Is(unicode.Han, r) && !hasAnyPrefix(rest, "以上", "以下", "左右", "多", "的", "和", "与", "及", "是") {
			return false // 一成不变, 建成: not tenths
		}
		return n.single || (n.value.IsInt() && n.value.Cmp(big.NewRat(10, 1)) < 0)
	}
	for _, name := range placeNames {
		if strings.HasPrefix(s[n.start:], name) {
			return false
		}
	}
	return true
}

// sessionBefore reports whether 届 comes earlier in the clause, within 12
// characters (十一届七次、八次): the numeral numbers a session.
func sessionBefore(s string, i int) bool {
	return strings.Contains(lastRunes(s[:i], 12), "届")
}

// lastRunes returns the last n characters of s, cut at clause punctuation.
func lastRunes(s string, n int) string {
	j := len(s)
	for k := 0; k < n && j > 0; k++ {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if strings.ContainsRune(figurePunct, r) {
			break
		}
		j -= size
	}
	return s[j:]
}

// eventCounter reports whether a counter counts events (times), which a
// one-character numeral does count: 两次, 三次.
func eventCounter(w string) bool {
	return w == "次" || w == "人次" || w == "场次" || w == "批次" || w == "户次" || w == "轮"
}

// placeNames are place names that begin with a numeral and a unit word.
var placeNames = []string{"七台河", "五家渠", "三门峡", "十堰", "八一", "四平"}

func hasAnyPrefix(s string, words ...string) bool {
	_, ok := prefixAny(s, words)
	return ok
}

// peopleWords are words for people: a bare 万 beside one counts people.
var peopleWords = []string{"人口", "群众", "职工", "学生", "农民", "居民", "劳动力", "人员", "毕业生",
	"人才", "工人", "游客", "旅客", "患者", "儿童", "老人", "妇女", "党员", "就业", "干部", "移民", "员工", "师生", "教师"}

// peopleAfter reports whether a word for people follows s[p:] in the same
// clause, within a few characters (9748万农村人口, 三千六百万的少数民族人口).
func peopleAfter(s string, p int) bool {
	for k, j := 0, p; k < 8 && j < len(s); k++ {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		j += n
		for _, w := range []string{"人口", "群众", "农民", "职工", "居民", "学生"} {
			if strings.HasSuffix(s[:j], w) {
				return true
			}
		}
	}
	return false
}

// peopleBefore reports whether a word for people comes earlier in the
// clause, within 24 characters (农村贫困人口减少1386万).
func peopleBefore(s string, i int) bool {
	j := i
	for k := 0; k < 24 && j > 0; k++ {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if strings.ContainsRune(figurePunct, r) {
			break
		}
		j -= n
	}
	clause := s[j:i]
	people, money := -1, -1
	for _, w := range peopleWords {
		people = max(people, strings.LastIndex(clause, w))
	}
	for _, w := range moneyWords {
		money = max(money, strings.LastIndex(clause, w))
	}
	return people > money // the nearer word wins: 就业补助资金10亿 is money
}

// moneyWords are words for money: nearer to a bare 万 than a word for
// people, they keep it money.
var moneyWords = []string{"资金", "投资", "投入", "收入", "支出", "预算", "产值", "总值", "金额", "资产",
	"利润", "营收", "销售", "贷款", "存款", "债", "税", "费", "额", "元", "补助", "补贴", "奖励", "基金"}

// figurePunct ends a clause.
const figurePunct = "，,；;。！？!?：:"

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

// excluded reports whether the figure f, whose number n starts at s[i:], is
// not a figure after all: a year, date, ordinal, code or class name.
func excluded(s string, i int, f figure, n numeral) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	if before == ' ' && i > 1 {
		before, _ = utf8.DecodeLastRuneInString(s[:i-1]) // 第 3 名
	}
	after, _ := utf8.DecodeRuneInString(s[n.end:])
	switch {
	case before == '第':
		return true // ordinal: 第5次, 第十四届
	case before == '几' || before == '数':
		return true // 几十亿元, 数十万人: a vague size, not a figure
	case before == '前' && (f.u.word == "名" || f.u.word == "位"):
		return true // a rank: 位居前3名
	case isASCIILetter(before) || strings.ContainsRune("+/#.", before):
		return true // code (S26, pm2.5), programme (1+5)
	case strings.ContainsRune("-—–~", before) && !negativeSign(s, i):
		return true // the second end of a range not read as one
	case isASCIILetter(after) || strings.ContainsRune("+/", after):
		return true // code: 5g, 1+3
	case f.u.word == "年" && n.mult == "" && isYear(f.norm) && (f.high == nil || isYear(f.high)):
		return true // a year: 2023年, 2023-2025年
	case f.u.word == "年" && yearAfterPoint(s[n.start:n.end]):
		return true // 14.2025年: an item number, then a year
	case f.u.word == "年" && hasAnyPrefix(s[f.unitEnd:], "级", "代", "度"):
		return true // 3年级 (a grade), 90年代 (a decade)
	case f.u.word == "年" && hasAnyPrefix(s[f.unitEnd:], "前", "后") && isYear(f.norm):
		return true
	}
	return false
}

// yearAfterPoint reports whether num is an item number, a point and a year
// (14.2025).
func yearAfterPoint(num string) bool {
	k := strings.IndexByte(num, '.')
	if k < 0 || len(num)-k-1 != 4 {
		return false
	}
	y, err := strconv.Atoi(num[k+1:])
	return err == nil && y >= 1900 && y <= 2100
}

// isThreshold reports a threshold in a definition: a unit followed by
// 以上/以下/以内 used as an attribute (1000平方米以上规模物业, 以上的).
func isThreshold(s string, f figure) bool {
	rest := s[f.unitEnd:]
	for _, w := range []string{"以上", "以下", "以内"} {
		if strings.HasPrefix(rest, w) {
			r, _ := utf8.DecodeRuneInString(rest[len(w):])
			if unicode.Is(unicode.Han, r) {
				return true
			}
		}
	}
	return false
}

// Approximation markers: before the number, and after the unit.
var (
	markersBefore = []struct{ word, dir string }{
		{"超过", DirAbove}, {"大约", DirAbout}, {"将近", DirNear}, {"接近", DirNear}, {"约合", DirAbout},
		{"不到", DirBelow}, {"不足", DirBelow}, {"突破", DirAbove}, {"超", DirAbove}, {"约", DirAbout},
		{"近", DirNear}, {"逾", DirAbove},
	}
	markersAfter = []struct{ word, dir string }{
		{"以上", DirAbove}, {"以下", DirBelow}, {"以内", DirBelow}, {"左右", DirAbout},
	}
)

// notMarker lists words that end in an approximation marker without being
// one: 签约39台 is "signed 39", not "about 39".
var notMarker = []string{"签约", "预约", "节约", "合约", "履约", "制约", "公约", "集约", "特约",
	"附近", "最近", "邻近", "临近", "赶超", "高超", "简约", "婚约", "相近", "亲近", "靠近", "就近", "贴近"}

// markers extends f over the approximation markers around it and sets its
// direction: a marker before the number wins over one after the unit.
func markers(s string, f *figure, n numeral) {
	if w, ok := prefixAny(s[f.end:], []string{"多"}); ok && (f.u.word == "倍" || f.u.word == "成" || f.unitText == "番") {
		f.end += len(w) // 一倍多, 五成多, 翻了一番多
		if f.dir == "" {
			f.dir = DirAbove
		}
	}
	for _, m := range markersAfter {
		if strings.HasPrefix(s[f.end:], m.word) {
			f.end += len(m.word)
			if f.dir == "" {
				f.dir = m.dir
			}
			break
		}
	}
	before := s[:f.start]
	// 约为, 大约是, 约有: the marker, then a verb.
	link := ""
	if w, ok := suffixAny(before, []string{"是", "为", "有"}); ok {
		if _, ok := suffixAny(strings.TrimSuffix(before, w), []string{"大约", "约"}); ok && !notApprox(strings.TrimSuffix(before, w)) {
			link = w
		}
	}
	b := strings.TrimSuffix(before, link)
	for _, m := range markersBefore {
		if strings.HasSuffix(b, m.word) && !notApprox(b) {
			if link != "" && m.word != "约" && m.word != "大约" {
				continue
			}
			f.start = len(b) - len(m.word)
			f.dir = m.dir
			return
		}
	}
}

// notApprox reports whether the text before a number ends in a word from
// notMarker.
func notApprox(before string) bool {
	_, ok := suffixAny(before, notMarker)
	return ok
}

// Change verbs: right before a figure (after 了), they make it a change.
var (
	upVerbs = []string{"增长", "增加", "提高", "上升", "递增", "增产", "增收", "上涨", "扩大", "提升",
		"增幅", "涨幅", "增速", "增", "涨"}
	downVerbs = []string{"下降", "降低", "减少", "减产", "减收", "下滑", "回落", "缩小", "削减", "核减",
		"压减", "压缩", "下跌", "降幅", "降", "减", "跌"}
)

// changeBefore returns the change a verb before s[:start] makes of the
// figure there: 增长5%, 比上年增加了1637亿元, 降低了百分之三点二, 减少粮食二、三十亿斤
// (a verb of quantity and an object of up to four characters), 比计划多227个. A verb followed
// by 到, 至 or 为 states a level (增加到4776亿元) and never reaches here.
func changeBefore(s string, start int) string {
	before := strings.TrimSuffix(strings.TrimSuffix(s[:start], " "), "了")
	if strings.HasSuffix(before, "新增") {
		return "" // 新增5家: added, a level
	}
	if c := verbAt(before); c != "" {
		return c
	}
	// 比计划规定的单位数多227个.
	if w, ok := suffixAny(before, []string{"多", "少"}); ok {
		clause := before[max(0, len(before)-90):]
		if k := lastIndexOfAny(clause, figurePunct); k >= 0 {
			clause = clause[k:]
		}
		if strings.Contains(clause, "比") {
			if w == "多" {
				return ChangeUp
			}
			return ChangeDown
		}
	}
	// A verb and a short object: 减少粮食, 增产薯类, 降低费用负担.
	obj := before
	for k := 0; k < 4; k++ {
		r, n := utf8.DecodeLastRuneInString(obj)
		if !unicode.Is(unicode.Han, r) || strings.ContainsRune("到至为是达在了的比和与及或", r) {
			return ""
		}
		obj = obj[:len(obj)-n]
		if k >= 1 && !strings.HasSuffix(obj, "新增") {
			// Only verbs of quantity take an object here: 提升口袋公园80个
			// upgrades 80 parks.
			if w, ok := suffixAny(obj, []string{"增加", "增产", "增收"}); ok && w != "" {
				return ChangeUp
			}
			if w, ok := suffixAny(obj, []string{"减少", "减产", "减收", "降低", "削减", "压减", "核减"}); ok && w != "" {
				return ChangeDown
			}
		}
	}
	return ""
}

// verbAt returns the change of the verb s ends in, or "".
func verbAt(s string) string {
	if _, ok := suffixAny(s, upVerbs); ok {
		return ChangeUp
	}
	if _, ok := suffixAny(s, downVerbs); ok {
		return ChangeDown
	}
	return ""
}

// negPrefix returns the sign before s[:i]: 负 or a minus after a Chinese
// character (增长-0.5%), or "".
func negPrefix(s string, i int) string {
	if strings.HasSuffix(s[:i], "负") && !isDigit(s[i]) {
		// 负一, 负零点一: a sign before a Chinese numeral; not the end of a
		// word (税负, 胜负, 抱负).
		r, _ := utf8.DecodeLastRuneInString(s[:i-len("负")])
		if !strings.ContainsRune("税胜抱欺自担肩辜正", r) {
			return "负"
		}
		return ""
	}
	if negativeSign(s, i) {
		return "-"
	}
	return ""
}

// negativeSign reports a minus sign right before s[i:] that follows a
// Chinese character (增长-0.5%), not a digit or a letter (2023-2025).
func negativeSign(s string, i int) bool {
	if i == 0 || s[i-1] != '-' || !isDigit(s[i]) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i-1])
	return unicode.Is(unicode.Han, r)
}

// quoteScanner tells whether an offset lies inside quotes or title marks,
// for offsets given in increasing order, in time linear in the text. An
// unclosed mark covers the rest of its clause.
type quoteScanner struct {
	s     string
	pos   int    // scanned up to here
	end   int    // the current quoted span ends here (exclusive), or -1
	start int    // and starts here
	after int    // scanning goes on here after the span (past its closer)
	next  [7]int // per closer: the next offset ≥ some point where it occurs (-1: none left)
}

var quotePairs = []struct{ open, close rune }{
	{'“', '”'}, {'‘', '’'}, {'《', '》'}, {'「', '」'}, {'『', '』'}, {'"', '"'}, {'〈', '〉'},
}

func newQuoteScanner(s string) *quoteScanner {
	q := &quoteScanner{s: s, end: -1}
	for k := range q.next {
		q.next[k] = 0
	}
	return q
}

// find returns the offset of closer k at or after from, or -1.
func (q *quoteScanner) find(k, from int) int {
	if q.next[k] < 0 {
		return -1
	}
	if q.next[k] >= from && q.next[k] > 0 {
		return q.next[k]
	}
	j := strings.IndexRune(q.s[from:], quotePairs[k].close)
	if j < 0 {
		q.next[k] = -1
		return -1
	}
	q.next[k] = from + j
	return from + j
}

// inside reports whether offset i lies inside a quoted span. Calls must
// come with increasing i.
func (q *quoteScanner) inside(i int) bool {
	for q.pos <= i && q.pos < len(q.s) {
		if q.end >= 0 && q.pos < q.after {
			q.pos = q.after
			continue
		}
		r, n := utf8.DecodeRuneInString(q.s[q.pos:])
		open := q.pos + n
		q.pos = open
		for k, p := range quotePairs {
			if r != p.open {
				continue
			}
			c := q.find(k, open)
			q.start, q.end, q.after = open, c, c+utf8.RuneLen(p.close)
			if c < 0 {
				c = nextPunct(q.s, open)
				q.end, q.after = c, c
			}
			break
		}
	}
	return q.end >= 0 && i >= q.start && i < q.end
}

// nextPunct returns the offset of the next clause punctuation at or after
// i, or len(s).
func nextPunct(s string, i int) int {
	if j := strings.IndexAny(s[i:], figurePunct); j >= 0 {
		return i + j
	}
	return len(s)
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
