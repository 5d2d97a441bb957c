package corpus

// This file decides from the text around a number whether it is a figure
// and what kind: units a numeral may carry, years, ordinals and names,
// approximation markers and their direction, and changes.

import (
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unitFits reports whether unit u at s[p:] may follow the numeral n.
func unitFits(s string, p int, u unit, n numeral) bool {
	rest := s[p+len(u.word):]
	chinese := n.chinese || n.digits
	switch {
	case chinese && !u.chinese && !(u.word == "年" && strings.HasSuffix(s[:n.start], "连续")):
		return false // 一九七九年, 五年计划; but 连续十三年 counts years
	case !chinese && !u.arabic:
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
	case n.single && n.value.Cmp(ratOne) == 0 && (u.kind == KindCount || u.kind == KindDuration) && !strings.HasPrefix(rest, "半"):
		return false // 一个, 一次性, 一批, 一天: an article, not a count
	case n.single && u.kind == KindCount && !eventCounter(u.word) && !hasAnyPrefix(rest, "以上", "以下", "左右", "多", "余", "半"):
		// 四个全面, 两个维护, 八项规定, 三支队伍, 五项正义要求, 抓好两头,
		// 两只手: a one-character numeral with a counter names a set, a
		// list or an idiom; what the reports count, they count in digits or
		// longer numerals (九百二十一个). Times are counted (两次, 三次提高),
		// and so is a count given as a measure (每户两头以上, 一头半).
		return false
	case chinese && u.word == "大类":
		return false // 四大类: a named grouping, as 三大支柱产业
	case chinese && u.word == "次" && (hasAnyPrefix(rest, "会议", "全会", "全体会议", "代表大会", "大会", "产业") || sessionBefore(s, n.start)):
		return false // 二次会议, 十一届七次、八次全会: a session's number; 三次产业: the tertiary sector
	case s[n.start:n.end] == "二" && (u.kind == KindCount || u.kind == KindDuration || u.word == "元") && !strings.HasSuffix(s[:n.start], "负"):
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

// excluded reports whether the figure f, whose number n starts at s[i:], is
// not a figure after all: a year, date, ordinal, code or class name.
func excluded(s string, i int, f figure, n numeral) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	if before == ' ' && i > 1 {
		before, _ = utf8.DecodeLastRuneInString(s[:i-1]) // 第 3 名
	}
	after, _ := utf8.DecodeRuneInString(s[n.end:])
	switch {
	case before == '第' || before == '、' && ordinalList(s, i):
		return true // ordinal: 第5次, 第十四届, 第1、2名
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

// ordinalList reports whether the number at s[i:] follows 、 in a list of
// ordinals (第1、2名, 第一、二季度).
func ordinalList(s string, i int) bool {
	j := i
	for k := 0; k < 16 && j > 0; k++ {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		switch {
		case r == '第':
			return true
		case r == '、' || r < utf8.RuneSelf && isDigit(byte(r)) || numeralStart(s, j-n):
			j -= n
		default:
			return false
		}
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

// isThreshold reports a threshold in a definition: a measure followed by
// 以上/以下/以内 used as an attribute (1000平方米以上规模物业, 100平方米以上的
// 商铺, 年产一百万吨以上的). A share or a count so placed is a figure of what
// follows (90%以上的政务服务, 20项以上互认资质).
func isThreshold(s string, f figure) bool {
	if f.u.kind == KindPercent || f.u.kind == KindCount || f.u.kind == KindPoints {
		return false
	}
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
		{"不超过", DirBelow}, {"不高于", DirBelow}, {"不低于", DirAbove}, {"不少于", DirAbove},
		{"至少", DirAbove}, {"最多", DirBelow}, {"最少", DirAbove},
		{"超过", DirAbove}, {"大约", DirAbout}, {"将近", DirNear}, {"接近", DirNear}, {"约合", DirAbout},
		{"不到", DirBelow}, {"不足", DirBelow}, {"突破", DirAbove}, {"超", DirAbove}, {"约", DirAbout},
		{"近", DirNear}, {"逾", DirAbove},
	}
	markersAfter = []struct{ word, dir string }{
		{"以上", DirAbove}, {"以下", DirBelow}, {"以内", DirBelow}, {"左右", DirAbout}, {"上下", DirAbout},
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
	// A verb and a short object: 减少粮食, 增产薯类, 降低费用负担,
	// 减少行政审批事项三分之一.
	obj := before
	for k := 0; k < 6; k++ {
		r, n := utf8.DecodeLastRuneInString(obj)
		if !unicode.Is(unicode.Han, r) || strings.ContainsRune("到至为是达在了的比和与及或均共", r) {
			return ""
		}
		obj = obj[:len(obj)-n]
		if _, noun := prefixAny(before[len(obj):], []string{"值", "率", "量", "额", "幅", "速"}); noun {
			continue // 增加值, 增长率: a noun, not a verb and its object
		}
		if k >= 1 && !strings.HasSuffix(obj, "新增") {
			// Only verbs of quantity take an object here: 提升口袋公园80个
			// upgrades 80 parks.
			if w, ok := suffixAny(obj, []string{"增加", "增产", "增收"}); ok && w != "" {
				return ChangeUp
			}
			if w, ok := suffixAny(obj, []string{"减少", "减产", "减收", "降低", "削减", "压减", "核减", "减轻"}); ok && w != "" {
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
