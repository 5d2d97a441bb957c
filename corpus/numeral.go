package corpus

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// This file reads numbers as the reports write them, on folded text
// (fold.Map: half-width digits, Simplified characters): Arabic digits
// (37.55, 1,200), Chinese numerals (一千二百, 三亿零四百七十五, 十八点六),
// the financial digits (壹贰叁肆伍陆柒捌玖拾佰仟), digit strings
// (一九七九, 二〇一二) and mixed forms (1万600, 3.5万亿, 200亿零四千230).
// Values are exact (big.Rat): 16.4亿 is 1640000000.

// Limits that keep reading linear and values finite: a number with more
// digits or parts than these is not a figure.
const (
	maxDigits = 30 // Arabic digits in one number, before or after the point
	maxTokens = 64 // parts of one numeral (digits, 十百千, 万亿, 零, 点)
)

// tokKind is the kind of one part of a numeral.
type tokKind uint8

const (
	tokNum   tokKind = iota // Arabic digits, maybe with a fraction: 37.55
	tokDigit                // one Chinese digit 一 … 九 (and 壹 … 玖, 两)
	tokZero                 // 零, 〇, ○ (a 0 in a digit string)
	tokUnit                 // 十, 百, 千 (拾佰仟), 廿 (二十), 卅 (三十)
	tokBig                  // 万, 亿
	tokPoint                // 点 followed by a digit
	tokJi                   // 几 after 十: 十几万 (more than)
	tokMore                 // 多 or 余 between parts: 四亿零七百多万 (more than)
)

type token struct {
	kind  tokKind
	val   *big.Rat // tokNum: the number; tokDigit: the digit; tokUnit, tokBig: the place value
	digit int      // tokDigit, tokZero: the digit
	fin   bool     // tokDigit: a financial digit (壹 … 玖)
	start int
	end   int
	text  string // tokNum: the digits (folded, without separators); tokDigit: the character
}

var chineseDigits = map[rune]int{
	'零': 0, '〇': 0, '○': 0,
	'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

var financialDigits = map[rune]int{
	'壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9,
}

var placeValues = map[rune]int64{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}

var (
	ratWan = big.NewRat(10000, 1)
	ratYi  = big.NewRat(100000000, 1)
	ratOne = big.NewRat(1, 1)
)

// numeralStart reports whether a numeral may start at s[i:]: an ASCII digit
// or a Chinese digit or place character.
func numeralStart(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if isDigit(s[i]) {
		return true
	}
	if s[i] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '零', '〇', '○', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九',
		'壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖',
		'十', '拾', '百', '佰', '千', '仟', '廿', '卅':
		return true
	}
	return false
}

// numeralStops are unit words that start with a numeral
// character (2000万千瓦 is 2000万 and 千瓦, not 2000万千 and 瓦).
var numeralStops = []string{"千瓦", "千克", "千米", "千伏", "百分点", "百分之", "千分之"}

// tokenize reads the tokens of the numeral at s[i:]. It returns the tokens
// and the end of the run; the run may be longer than the tokens when it
// holds something no numeral does (too many digits): then ok is false and
// the caller skips the whole run, so that no part of it becomes a figure.
func tokenize(s string, i int) (toks []token, end int, ok bool) {
	j := i
	for j < len(s) {
		if len(toks) > maxTokens {
			return nil, skipNumeral(s, j), false
		}
		if isDigit(s[j]) {
			t, k, good := arabic(s, j)
			if !good {
				return nil, skipNumeral(s, k), false
			}
			if len(toks) > 0 && toks[len(toks)-1].kind == tokNum {
				return nil, k, false
			}
			toks = append(toks, t)
			j = k
			continue
		}
		if _, stop := prefixAny(s[j:], numeralStops); stop && len(toks) > 0 {
			break
		}
		if s[j] == ' ' && len(toks) > 0 && toks[len(toks)-1].kind == tokNum &&
			(strings.HasPrefix(s[j+1:], "万") || strings.HasPrefix(s[j+1:], "亿")) {
			j++ // 1 亿, 4 9 2 5 0 万吨: a space before the multiplier
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		t := token{start: j, end: j + n}
		switch {
		case r == '零' || r == '〇' || r == '○':
			t.kind = tokZero
		case chineseDigits[r] > 0:
			t.kind, t.digit, t.text = tokDigit, chineseDigits[r], string(r)
		case financialDigits[r] > 0:
			t.kind, t.digit, t.fin = tokDigit, financialDigits[r], true
		case placeValues[r] > 0:
			t.kind, t.val = tokUnit, big.NewRat(placeValues[r], 1)
		case r == '廿' || r == '卅':
			// 廿 = 二十, 卅 = 三十: a digit and a place.
			d := 2
			if r == '卅' {
				d = 3
			}
			toks = append(toks, token{kind: tokDigit, digit: d, start: j, end: j})
			t.kind, t.val = tokUnit, big.NewRat(10, 1)
		case r == '万' || r == '亿':
			if len(toks) == 0 {
				return nil, j + n, false
			}
			t.kind, t.val = tokBig, ratWan
			if r == '亿' {
				t.val = ratYi
			} else if strings.HasPrefix(s[j+n:], "万") {
				// 六万万 = 六亿, as the reports of the 1950s write it.
				t.val = ratYi
				t.end += len("万")
				n += len("万")
			}
		case r == '点' && len(toks) > 0 && digitOrChineseDigit(s, j+n):
			t.kind = tokPoint
		case r == '几' && len(toks) > 0 && toks[len(toks)-1].kind == tokUnit && toks[len(toks)-1].val.Cmp(big.NewRat(10, 1)) == 0:
			t.kind = tokJi
		case (r == '多' || r == '余') && len(toks) > 0 && (strings.HasPrefix(s[j+n:], "万") || strings.HasPrefix(s[j+n:], "亿")):
			t.kind = tokMore
		default:
			return toks, j, len(toks) > 0
		}
		toks = append(toks, t)
		j += n
	}
	return toks, j, len(toks) > 0
}

// digitOrChineseDigit reports whether s[i:] starts with a digit.
func digitOrChineseDigit(s string, i int) bool {
	if i < len(s) && isDigit(s[i]) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	_, ok := chineseDigits[r]
	_, fin := financialDigits[r]
	return ok || fin
}

// skipNumeral returns the end of the run of digits, points and numeral
// characters at s[i:].
func skipNumeral(s string, i int) int {
	for i < len(s) {
		if isDigit(s[i]) || s[i] == '.' || s[i] == ',' || s[i] == ' ' && i+1 < len(s) && isDigit(s[i+1]) {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !numeralStart(s, i) && r != '万' && r != '亿' && r != '点' {
			break
		}
		i += n
	}
	return i
}

// arabic reads the Arabic number at s[i:]: digits, thousands separators
// (1,234: groups of three after at most three digits, ASCII commas only, see
// commaOK), and a fraction. good is false when it has more than maxDigits
// digits on either side of the point.
func arabic(s string, i int) (t token, end int, good bool) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	digits := s[i:j]
	if j == i+1 && (spacedDigit(s, j) || spacedPoint(s, j)) {
		// 7 4 7 7 2 亿元, 1 5 ．3 ％: every digit set apart by a space, as
		// one report of the 1990s prints them.
		var b strings.Builder
		b.WriteByte(s[i])
		for spacedDigit(s, j) {
			if b.Len() == maxDigits {
				return t, skipNumeral(s, j), false
			}
			b.WriteByte(s[j+1])
			j += 2
		}
		if spacedPoint(s, j) {
			b.WriteString(s[j+1 : j+3])
			j += 3
			for spacedDigit(s, j) && b.Len() <= 2*maxDigits {
				b.WriteByte(s[j+1])
				j += 2
			}
		}
		digits = b.String()
		if len(digits) > 2*maxDigits {
			return t, j, false
		}
		v, ok := new(big.Rat).SetString(digits)
		if !ok {
			return t, j, false
		}
		return token{kind: tokNum, val: v, start: i, end: j, text: digits}, j, true
	}
	if j-i <= 3 {
		k := j
		var b strings.Builder
		b.WriteString(digits)
		for k+3 < len(s) && s[k] == ',' && isDigit(s[k+1]) && isDigit(s[k+2]) && isDigit(s[k+3]) && (k+4 >= len(s) || !isDigit(s[k+4])) {
			b.WriteString(s[k+1 : k+4])
			k += 4
		}
		if k > j {
			j, digits = k, b.String()
		}
	}
	if len(digits) > maxDigits {
		return t, j, false
	}
	if k := middleDotPoint(s, j); k > j {
		// 19·5％: a middle dot for the point, before a percent sign.
		digits += "." + s[j+len("·"):k]
		j = k
	} else if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k-j-1 > maxDigits {
			return t, k, false
		}
		digits += s[j:k]
		j = k
	}
	v, ok := new(big.Rat).SetString(digits)
	if !ok {
		return t, j, false
	}
	return token{kind: tokNum, val: v, start: i, end: j, text: digits}, j, true
}

// spacedDigit reports whether s[j:] is a space and a single digit: the
// next digit of a number printed with spaced digits.
func spacedDigit(s string, j int) bool {
	return j+1 < len(s) && s[j] == ' ' && isDigit(s[j+1]) && (j+2 >= len(s) || !isDigit(s[j+2]))
}

// spacedPoint reports whether s[j:] is a space, a point and a digit (8 ．8).
func spacedPoint(s string, j int) bool {
	return j+2 < len(s) && s[j] == ' ' && s[j+1] == '.' && isDigit(s[j+2])
}

// middleDotPoint returns the end of the digits after a middle dot at s[j:]
// when a percent sign follows them (19·5％), else j.
func middleDotPoint(s string, j int) int {
	if !strings.HasPrefix(s[j:], "·") {
		return j
	}
	k := j + len("·")
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	if k == j+len("·") || k-j > maxDigits || k >= len(s) || s[k] != '%' {
		return j
	}
	return k
}

// numeral is a parsed number: its exact value and how it was written.
type numeral struct {
	value   *big.Rat // the whole value: 2.2e8 for 二亿二千万
	mult    string   // trailing multiplier as written: 万, 亿, 万亿, 千万 (Arabic 3千万)
	multVal *big.Rat // its value (1 when mult is "")
	chinese bool     // holds a Chinese digit or place character
	arabic  bool     // holds Arabic digits
	digits  bool     // a Chinese digit string: 一九七九, 二〇一二
	above   bool     // 十几万, 七百多万: more than
	single  bool     // one Chinese character: 三, 两, 零
	fin     bool     // holds a financial digit
	lead    int      // the first Chinese digit (for 二、三十: 3), or -1
	place   bool     // a digit followed only by places: 三十, 二千万 (a range's high end in 二、三十)
	start   int
	end     int
}

// parseNumeral reads the numeral at s[i:]. end is the end of the run read
// (so the caller may skip it) even when ok is false.
func parseNumeral(s string, i int) (n numeral, end int, ok bool) {
	toks, end, ok := tokenize(s, i)
	if !ok {
		return n, max(end, i+1), false
	}
	// A trailing 点 or 多 belongs to the text after the numeral.
	for len(toks) > 0 && (toks[len(toks)-1].kind == tokMore) {
		toks = toks[:len(toks)-1]
	}
	end = toks[len(toks)-1].end
	n = numeral{start: i, end: end, lead: -1, multVal: ratOne}
	for _, t := range toks {
		switch t.kind {
		case tokNum:
			n.arabic = true
		case tokJi, tokMore:
			n.above = true
		default:
			n.chinese = true
		}
		if t.fin {
			n.fin = true
		}
	}
	if first := toks[0]; first.kind == tokDigit {
		n.lead = first.digit
	}
	n.single = len(toks) == 1 && toks[0].kind != tokNum
	// A numeral may not start with a place other than 十: 千家万户, 百十一.
	if toks[0].kind == tokUnit && toks[0].val.Cmp(big.NewRat(10, 1)) != 0 {
		return n, end, false
	}
	if v, ok := digitString(toks); ok {
		n.value, n.digits = v, true
		return n, end, true
	}
	// The multiplier: Arabic digits followed only by places (3千万, 1.5万,
	// 3.5万亿) keep all of them as written; otherwise the trailing 万 and 亿.
	k := len(toks)
	if toks[0].kind == tokNum && len(toks) > 1 && allPlaces(toks[1:]) {
		k = 1
	} else {
		for k > 1 && toks[k-1].kind == tokBig {
			k--
		}
	}
	if k < len(toks) {
		var b strings.Builder
		mv := big.NewRat(1, 1)
		for _, t := range toks[k:] {
			b.WriteString(s[t.start:t.end])
			mv.Mul(mv, t.val)
		}
		n.mult, n.multVal = b.String(), mv
	}
	var parts []token
	for _, t := range toks {
		if t.kind != tokMore {
			parts = append(parts, t)
		}
	}
	v, ok := parseYi(parts)
	if !ok {
		return n, end, false
	}
	n.value = v
	n.place = len(parts) >= 2 && parts[0].kind == tokDigit && allPlaces(parts[1:])
	return n, end, true
}

func allPlaces(ts []token) bool {
	for _, t := range ts {
		if t.kind != tokUnit && t.kind != tokBig {
			return false
		}
	}
	return true
}

// digitString reads a Chinese digit string (一九七九, 一七二零点一三四) of
// three or more digits: two digits side by side (三四, 一一) are a range or
// a word, not a number.
func digitString(toks []token) (*big.Rat, bool) {
	var b strings.Builder
	point := false
	count := 0
	for _, t := range toks {
		switch t.kind {
		case tokDigit, tokZero:
			b.WriteByte(byte('0' + t.digit))
			count++
		case tokPoint:
			if point {
				return nil, false
			}
			point = true
			b.WriteByte('.')
		default:
			return nil, false
		}
	}
	whole := count
	if point {
		whole = strings.Index(b.String(), ".")
	}
	if whole < 2 || whole == 2 && !point {
		// 三点二, 零点八 are read as numerals; 一七二零 and 一七二零点一 as
		// digit strings; 一一, 三四 as no number (a word, a range).
		return nil, false
	}
	if point && strings.HasSuffix(b.String(), ".") {
		return nil, false
	}
	return new(big.Rat).SetString(b.String())
}

// parseYi reads a numeral that may hold 亿: what comes before the last 亿
// times 10⁸, plus what comes after it (below 10⁸).
func parseYi(ts []token) (*big.Rat, bool) {
	k := lastBig(ts, ratYi)
	if k < 0 {
		return parseWan(ts)
	}
	if k == 0 {
		return nil, false
	}
	var before *big.Rat
	if k >= 1 && ts[k-1].kind == tokBig && ts[k-1].val == ratWan {
		// 万亿: 3.5万亿 = 3.5 × 10¹².
		b, ok := parseYi(ts[:k])
		if !ok {
			return nil, false
		}
		before = b
	} else {
		b, ok := parseWan(ts[:k])
		if !ok {
			return nil, false
		}
		before = b
	}
	v := new(big.Rat).Mul(before, ratYi)
	return addAfter(v, ts[:k], ts[k+1:], ratYi)
}

// parseWan reads a numeral below 10⁸ that may hold 万.
func parseWan(ts []token) (*big.Rat, bool) {
	k := lastBig(ts, ratWan)
	if k < 0 {
		return parseGroup(ts)
	}
	if k == 0 {
		return nil, false
	}
	before, ok := parseGroup(ts[:k])
	if !ok {
		return nil, false
	}
	v := new(big.Rat).Mul(before, ratWan)
	return addAfter(v, ts[:k], ts[k+1:], ratWan)
}

// addAfter adds the part after a 万 or 亿 (big) to v. A single digit there
// counts a tenth of big (三万五 = 35000, 一亿五 = 1.5亿); a part after a
// number with a fraction is not allowed (10.1万零100).
func addAfter(v *big.Rat, before, after []token, big_ *big.Rat) (*big.Rat, bool) {
	if len(after) == 0 {
		return v, true
	}
	for _, t := range before {
		if t.kind == tokPoint || (t.kind == tokNum && !t.val.IsInt()) {
			return nil, false
		}
	}
	if len(after) == 1 && after[0].kind == tokDigit && !isLiang(after[0]) {
		d := big.NewRat(int64(after[0].digit), 10)
		return v.Add(v, d.Mul(d, big_)), true
	}
	zero := after[0].kind == tokZero
	if zero {
		after = after[1:]
		if len(after) == 0 {
			return nil, false
		}
	}
	var a *big.Rat
	var ok bool
	if big_ == ratYi {
		a, ok = parseWan(after)
	} else {
		a, ok = parseGroupFrom(after, zero)
	}
	if !ok || a.Cmp(big_) >= 0 {
		return nil, false
	}
	return v.Add(v, a), true
}

// isLiang reports whether the digit token is 两, which after 万 or 亿 is
// the unit 两 (黄金七万万两), not a tenth (三万五).
func isLiang(t token) bool {
	return t.digit == 2 && t.end-t.start == len("两") && !t.fin && t.text == "两"
}

func lastBig(ts []token, which *big.Rat) int {
	for k := len(ts) - 1; k >= 0; k-- {
		if ts[k].kind == tokBig && ts[k].val == which {
			return k
		}
	}
	return -1
}

// parseGroup reads a numeral without 万 or 亿: digits and places (一千零一,
// 十一, 两千六, 一百二), an Arabic number (200), a mix (1百01), and a
// fraction after 点 (十八点六, 一百点123).
func parseGroup(ts []token) (*big.Rat, bool) { return parseGroupFrom(ts, false) }

// parseGroupFrom is parseGroup after a 零 when zero is set (一万零百一十一).
func parseGroupFrom(ts []token, zero bool) (*big.Rat, bool) {
	if len(ts) == 0 {
		return nil, false
	}
	for k, t := range ts {
		if t.kind == tokPoint {
			whole, ok := parseGroup(ts[:k])
			if !ok {
				return nil, false
			}
			frac, ok := fraction(ts[k+1:])
			if !ok {
				return nil, false
			}
			return whole.Add(whole, frac), true
		}
	}
	if len(ts) == 1 && ts[0].kind == tokZero {
		return new(big.Rat), true
	}
	val := new(big.Rat)
	var pend *big.Rat
	pendDigit := false
	last := int64(100000)
	afterZero, afterUnit := zero, false
	for k, t := range ts {
		switch t.kind {
		case tokNum, tokDigit:
			if pend != nil {
				return nil, false
			}
			if t.kind == tokNum {
				pend, pendDigit = t.val, false
			} else {
				pend, pendDigit = big.NewRat(int64(t.digit), 1), true
			}
			afterUnit = false
		case tokZero:
			if pend != nil || k == 0 {
				return nil, false
			}
			afterZero, afterUnit = true, false
		case tokUnit:
			u := t.val.Num().Int64()
			if u >= last {
				return nil, false
			}
			if pend == nil {
				if u != 10 && !afterZero {
					return nil, false
				}
				pend = big.NewRat(1, 1)
			}
			val.Add(val, new(big.Rat).Mul(pend, t.val))
			last, pend, afterZero, afterUnit = u, nil, false, true
		case tokJi:
			if !afterUnit || last != 10 {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	if pend != nil {
		if afterUnitBefore(ts) && pendDigit && last >= 100 {
			// 两千六 = 2600, 一百二 = 120: the digit counts a tenth of the
			// place before it.
			pend = new(big.Rat).Mul(pend, big.NewRat(last, 10))
		}
		val.Add(val, pend)
	}
	return val, true
}

// afterUnitBefore reports whether the last token of ts follows a place
// directly (两千六, not 一千零六).
func afterUnitBefore(ts []token) bool {
	return len(ts) >= 2 && ts[len(ts)-2].kind == tokUnit
}

// fraction reads the digits after 点 as a decimal fraction.
func fraction(ts []token) (*big.Rat, bool) {
	if len(ts) == 0 {
		return nil, false
	}
	var b strings.Builder
	b.WriteString("0.")
	for _, t := range ts {
		switch t.kind {
		case tokDigit, tokZero:
			b.WriteByte(byte('0' + t.digit))
		case tokNum:
			if !t.val.IsInt() || strings.ContainsAny(t.text, ".") {
				return nil, false
			}
			b.WriteString(t.text)
		default:
			return nil, false
		}
	}
	if b.Len() > maxDigits+2 {
		return nil, false
	}
	return new(big.Rat).SetString(b.String())
}
