package corpus

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unit is one unit word a number may carry.
type unit struct {
	word   string
	kind   string
	base   string
	factor float64 // one word in base units
}

// units, longest first where one is a prefix of another (个百分点 before 个,
// 人次 before 人). A count's base unit is its counter word as written.
var units = func() []unit {
	us := []unit{
		{"元", KindMoney, "元", 1},
		{"美元", KindMoney, "美元", 1},
		{"欧元", KindMoney, "欧元", 1},
		{"%", KindPercent, "%", 1},
		{"％", KindPercent, "%", 1},
		{"个百分点", KindPoints, "百分点", 1},
		{"平方公里", KindArea, "平方米", 1e6},
		{"平方米", KindArea, "平方米", 1},
		{"㎡", KindArea, "平方米", 1},
		{"公顷", KindArea, "平方米", 1e4},
		{"亩", KindArea, "平方米", 2000.0 / 3},
		{"立方米", KindVolume, "立方米", 1},
		{"公里", KindLength, "米", 1000},
		{"千米", KindLength, "米", 1000},
		{"米", KindLength, "米", 1},
		{"吨", KindWeight, "吨", 1},
		{"公斤", KindWeight, "吨", 0.001},
		{"千克", KindWeight, "吨", 0.001},
		{"天", KindDuration, "天", 1},
		{"个月", KindDuration, "月", 1},
		{"年", KindDuration, "年", 1},
		{"小时", KindDuration, "小时", 1},
		{"分钟", KindDuration, "分钟", 1},
		{"周", KindDuration, "周", 1},
	}
	for _, c := range []string{
		"人次", "户次", "批次", "场次", "大类", "部门",
		"家", "户", "个", "项", "件", "次", "名", "台", "部", "处", "所", "条",
		"场", "套", "张", "人", "位", "批", "类", "辆", "座", "栋", "幢", "间",
		"支", "本", "份", "起", "例", "棵", "株", "篇", "轮", "组", "队", "门",
		"块", "片", "根", "盏", "只", "头", "期次",
	} {
		us = append(us, unit{c, KindCount, c, 1})
	}
	// Longest match first.
	for i := 1; i < len(us); i++ {
		for j := i; j > 0 && len(us[j].word) > len(us[j-1].word); j-- {
			us[j], us[j-1] = us[j-1], us[j]
		}
	}
	return us
}()

// multipliers between a number and its unit, longest first.
var multipliers = []struct {
	word   string
	factor float64
}{
	{"万亿", 1e12}, {"千万", 1e7}, {"百万", 1e6}, {"万", 1e4}, {"亿", 1e8},
}

// Approximation markers: before the number, after the number or multiplier,
// and after the unit. They stay in Metric.Text and set Approx.
var (
	approxBefore = []string{"超过", "大约", "将近", "接近", "超", "约", "近", "逾"}
	approxInside = []string{"余", "多"}
	approxAfter  = []string{"以上", "以下", "以内", "左右"}
)

// notMarker lists words that end in an approximation marker without being
// one: 签约39台 is "signed 39", not "about 39".
var notMarker = []string{"签约", "预约", "节约", "合约", "履约", "制约", "公约", "集约", "特约",
	"附近", "最近", "邻近", "临近", "赶超", "高超"}

// notApprox reports whether the text before a number ends in a word from
// notMarker.
func notApprox(before string) bool {
	_, ok := suffixAny(before, notMarker)
	return ok
}

// figure is a number with its unit, as found at some place in a text.
type figure struct {
	start, end int // the whole surface text, markers included
	numEnd     int // end of the digits
	unitEnd    int // end of the unit (before any trailing marker)
	value      float64
	mult       string
	u          unit
	approx     bool
}

// ExtractMetrics finds every figure of achievement or size in a bullet's text:
// an Arabic number (ASCII or full width) with a unit — money (元, 万元, 亿元),
// percent (%, 个百分点), area (平方米, 亩 = 2000/3 平方米, 公顷), a counter word
// (家, 户, 个, 人次 …), a duration (天, 个月, 年), length, weight or volume —
// with its approximation markers (超99%, 4万余户, 90%以上).
//
// Not figures: years and year ranges (2023年, 2023-2025年) and other ranges,
// dates (12月, 5日), ordinals (第五次, 3期), codes and names with digits
// (13号线, 闵行28路, S26, 2.0版, 206安置基地, 110分派: no unit word, or a
// letter, "+" or "/" beside the digits), anything inside quotes or title
// marks (“12345”, “1+5+48+228”, “15分钟社区生活圈”, 《…(2023-2025年)》), and
// thresholds in a definition: a unit followed by 以上/以下 used as an
// attribute (1000平方米以上规模物业). Numbers written in Chinese numerals (三大
// 支柱产业, 十大乱象, 六单位) are never figures: in these reports they name
// programmes and lists ("the three pillars") rather than measure results,
// and every measured result is written in Arabic digits.
//
// A bare 万 or 亿 with no unit word (投资10亿,) is money, as in ParseFigure,
// unless a Chinese character follows it (10亿级).
func ExtractMetrics(text string) []Metric {
	quoted := quotedSpans(text)
	var out []Metric
	prevEnd := 0
	for i := 0; i < len(text); {
		if digitLen(text, i) == 0 {
			i++
			continue
		}
		f, ok := scanFigure(text, i)
		next := f.numEnd
		if next <= i {
			next = i + 1
		}
		for len(quoted) > 0 && quoted[0][1] <= i {
			quoted = quoted[1:] // spans are sorted: drop those behind i
		}
		if ok && !(len(quoted) > 0 && i >= quoted[0][0]) && !excluded(text, i, f) {
			m := f.metric(text)
			m.Label = label(text, f, prevEnd)
			out = append(out, m)
			prevEnd = f.end
			next = f.end
		}
		i = next
	}
	return out
}

func (f figure) metric(text string) Metric {
	unitText := f.mult + f.u.word
	if f.u.word == "" { // bare 万/亿
		unitText = f.mult
	}
	factor := f.u.factor
	for _, m := range multipliers {
		if m.word == f.mult {
			factor *= m.factor
		}
	}
	return Metric{
		Text:       text[f.start:f.end],
		Value:      f.value,
		Unit:       unitText,
		Normalized: round(f.value * factor),
		BaseUnit:   f.u.base,
		Kind:       f.u.kind,
		Approx:     f.approx,
		Start:      f.start,
		End:        f.end,
	}
}

// round removes floating point noise (37.55*1e8 = 3755000000.0000005).
func round(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil {
		return x
	}
	return r
}

// scanFigure reads the number at text[i:] and the unit after it. ok is false
// when no unit follows; f.numEnd is then still the end of the number.
// Digits may be ASCII or full width (３７．５５).
func scanFigure(text string, i int) (f figure, ok bool) {
	j := skipDigits(text, i)
	// Thousands separators: 1,234 (groups of three ASCII digits).
	k := j
	for j-i <= 3 && k+3 < len(text) && text[k] == ',' && isDigit(text[k+1]) && isDigit(text[k+2]) && isDigit(text[k+3]) && digitLen(text, k+4) == 0 {
		k += 4
	}
	if k > j {
		if g, ok := unitAfter(text, i, k); ok {
			return g, true
		}
	}
	for _, dot := range []string{".", "．"} {
		if strings.HasPrefix(text[j:], dot) && digitLen(text, j+len(dot)) > 0 {
			j = skipDigits(text, j+len(dot))
			break
		}
	}
	return unitAfter(text, i, j)
}

// digitLen is the length in bytes of the digit at text[i] (0-9 or ０-９),
// or 0.
func digitLen(text string, i int) int {
	if i < len(text) && isDigit(text[i]) {
		return 1
	}
	if i+2 < len(text) && text[i] == 0xEF && text[i+1] == 0xBC && text[i+2] >= 0x90 && text[i+2] <= 0x99 {
		return 3 // U+FF10 … U+FF19
	}
	return 0
}

func skipDigits(text string, i int) int {
	for n := digitLen(text, i); n > 0; n = digitLen(text, i) {
		i += n
	}
	return i
}

// unitAfter parses the figure whose digits are text[i:j].
func unitAfter(text string, i, j int) (f figure, ok bool) {
	f = figure{start: i, numEnd: j}
	v, err := strconv.ParseFloat(strings.ReplaceAll(toHalfWidth(text[i:j]), ",", ""), 64)
	if err != nil {
		return f, false
	}
	f.value = v
	p := j
	if s, ok := prefixAny(text[p:], approxInside); ok {
		p += len(s)
		f.approx = true
	}
	for _, m := range multipliers {
		if strings.HasPrefix(text[p:], m.word) {
			f.mult = m.word
			p += len(m.word)
			break
		}
	}
	if f.mult != "" {
		if s, ok := prefixAny(text[p:], approxInside); ok {
			p += len(s)
			f.approx = true
		}
	}
	found := false
	for _, u := range units {
		if strings.HasPrefix(text[p:], u.word) {
			f.u = u
			p += len(u.word)
			found = true
			break
		}
	}
	if !found {
		// A bare 万 or 亿 is money, when nothing follows that could be
		// the unit it leaves out (10亿级 stays out).
		if r, _ := utf8.DecodeRuneInString(text[p:]); f.mult == "" || unicode.Is(unicode.Han, r) {
			return f, false
		}
		f.u = unit{"", KindMoney, "元", 1}
	}
	f.unitEnd = p
	if s, ok := prefixAny(text[p:], approxAfter); ok {
		p += len(s)
		f.approx = true
	}
	f.end = p
	if s, ok := suffixAny(text[:i], approxBefore); ok && !notApprox(text[:i]) {
		f.start = i - len(s)
		f.approx = true
	}
	return f, true
}

// excluded reports whether the figure f at text[i:] is not a figure after all:
// a year, date, ordinal, range, code or threshold (see ExtractMetrics).
func excluded(text string, i int, f figure) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[f.numEnd:])
	switch {
	case before == '第':
		return true // ordinal: 第5次
	case before == '前' && (f.u.word == "名" || f.u.word == "位"):
		return true // a rank: 位居前3名
	case isASCIILetter(before) || strings.ContainsRune("+/#.＋-—–~～", before):
		return true // code (S26), programme (1+5), second half of a range
	case isASCIILetter(after) || strings.ContainsRune("+/＋", after):
		return true // code: 5G, 1+3
	case isRange(text, f.numEnd) || isRange(text, f.end):
		return true // range: 2023-2025年, 3-5个, 5%-10%
	case f.u.word == "年" && f.mult == "" && f.value >= 1900 && f.value <= 2100 && f.value == float64(int(f.value)):
		return true // a year: 2023年
	case f.u.word == "年" && strings.ContainsAny(text[f.unitEnd:min(f.unitEnd+3, len(text))], "级代度"):
		return true // 3年级 (a grade), 90年代 (a decade)
	}
	// A threshold in a definition: 1000平方米以上规模物业, 以上的.
	rest := text[f.unitEnd:]
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

// isRange reports whether text[i:] continues a range: a dash, 至 or 到, then
// a digit.
func isRange(text string, i int) bool {
	r, n := utf8.DecodeRuneInString(text[i:])
	return strings.ContainsRune("-—–~～至到", r) && digitLen(text, i+n) > 0
}

// quotedSpans returns the byte ranges inside quotes and title marks. An
// unclosed mark covers the rest of its clause.
func quotedSpans(text string) [][2]int {
	pairs := map[rune]rune{'“': '”', '‘': '’', '《': '》', '「': '」', '『': '』', '"': '"'}
	var spans [][2]int
	for i, r := range text {
		closer, ok := pairs[r]
		if !ok {
			continue
		}
		if len(spans) > 0 && i <= spans[len(spans)-1][1] {
			continue // nested, already covered, or the closer of a "" pair
		}
		start := i + utf8.RuneLen(r)
		end := strings.IndexRune(text[start:], closer)
		if end < 0 {
			end = strings.IndexAny(text[start:], clausePunct)
			if end < 0 {
				end = len(text) - start
			}
		}
		spans = append(spans, [2]int{start, start + end})
	}
	return spans
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
// "1000万", "35.6%", "1.6万平方米", "100亩") into a Metric with Value, Unit,
// Normalized, BaseUnit and Kind set; ok is false when s is not a figure.
// Full-width digits are accepted; a bare 万 or 亿 is money. Comparison words
// (超过, >, ≥) are not part of a figure: the caller strips them.
func ParseFigure(s string) (m Metric, ok bool) {
	s = strings.TrimSpace(s)
	if digitLen(s, 0) == 0 {
		return Metric{}, false
	}
	f, ok := scanFigure(s, 0)
	if !ok || f.start != 0 || f.end != len(s) || excluded(s, 0, f) {
		return Metric{}, false
	}
	m = f.metric(s)
	return m, true
}

// toHalfWidth maps full-width digits, ． and ， to ASCII.
func toHalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		case r == '，':
			return ','
		}
		return r
	}, s)
}
