package corpus

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// Directions of an approximate figure (Metric.Direction).
const (
	DirAbout = "about" // 约, 大约, 左右, 上下, 约合
	DirNear  = "near"  // 近, 将近, 接近: about, or just under
	DirAbove = "above" // 余, 多, 几, 超, 超过, 逾, 突破, 以上: more than
	DirBelow = "below" // 以下, 以内, 不到, 不足: less than
)

// Changes (Metric.Change): the figure is an increase or a decrease, not a
// level.
const (
	ChangeUp   = "up"   // 增长, 增加, 提高, 上升, 增产 …
	ChangeDown = "down" // 下降, 减少, 降低, 减产, 压减 …
)

// unit is one unit word a number may carry.
type unit struct {
	word   string
	kind   string
	base   string
	factor *big.Rat // one word in base units, exact
	// chinese: the unit may follow a Chinese numeral. Years (一九七九年,
	// 五年计划, 十四五) are left out: in these reports a Chinese numeral
	// before 年 is a year, a plan or a period's name.
	chinese bool
	// arabic: the unit may follow Arabic digits (成 only follows Chinese
	// numerals: 七成).
	arabic bool
	// afterMult: the unit counts only after a multiplier (亿度, not 30度).
	afterMult bool
}

func ratOf(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("corpus: bad unit factor " + s)
	}
	return r
}

// counters are the count words: a count's base unit is its word as written.
var counters = []string{
	"人次", "户次", "批次", "场次", "大类", "部门", "标准箱", "期次", "架次", "艘次",
	"家", "户", "个", "项", "件", "次", "名", "台", "部", "处", "所", "条",
	"场", "套", "张", "人", "位", "批", "类", "辆", "座", "栋", "幢", "间",
	"支", "本", "份", "起", "例", "棵", "株", "篇", "轮", "组", "队", "门",
	"块", "片", "根", "盏", "只", "头", "艘", "架", "列", "口", "匹", "宗", "种", "枚",
}

// units lists the unit words, longest first where one is a prefix of
// another (个百分点 before 个, 人次 before 人, 千瓦时 before 千瓦).
var units = func() []unit {
	u := func(word, kind, base, factor string) unit {
		return unit{word: word, kind: kind, base: base, factor: ratOf(factor), chinese: true, arabic: true}
	}
	us := []unit{
		u("元", KindMoney, "元", "1"),
		u("圆", KindMoney, "元", "1"),
		u("美元", KindMoney, "美元", "1"),
		u("欧元", KindMoney, "欧元", "1"),
		u("港元", KindMoney, "港元", "1"),
		u("日元", KindMoney, "日元", "1"),
		u("%", KindPercent, "%", "1"),
		u("‰", KindPercent, "%", "1/10"),
		u("个百分点", KindPoints, "百分点", "1"),
		u("百分点", KindPoints, "百分点", "1"),
		u("平方公里", KindArea, "平方米", "1000000"),
		u("平方千米", KindArea, "平方米", "1000000"),
		u("平方米", KindArea, "平方米", "1"),
		u("平方公尺", KindArea, "平方米", "1"),
		u("㎡", KindArea, "平方米", "1"),
		u("公顷", KindArea, "平方米", "10000"),
		u("亩", KindArea, "平方米", "2000/3"),
		u("立方米", KindVolume, "立方米", "1"),
		u("立方公尺", KindVolume, "立方米", "1"),
		u("公里", KindLength, "米", "1000"),
		u("千米", KindLength, "米", "1000"),
		u("公尺", KindLength, "米", "1"),
		u("米", KindLength, "米", "1"),
		u("吨", KindWeight, "吨", "1"),
		u("公斤", KindWeight, "吨", "1/1000"),
		u("千克", KindWeight, "吨", "1/1000"),
		u("斤", KindWeight, "吨", "1/2000"),
		u("担", KindWeight, "吨", "1/20"),
		u("千瓦时", KindEnergy, "千瓦时", "1"),
		u("度", KindEnergy, "千瓦时", "1"),
		u("千瓦", KindPower, "千瓦", "1"),
		u("兆瓦", KindPower, "千瓦", "1000"),
		u("马力", KindPower, "马力", "1"),
		u("瓩", KindPower, "千瓦", "1"),
		u("匹马力", KindPower, "马力", "1"),
		u("倍", KindMultiple, "倍", "1"),
		u("成", KindPercent, "%", "10"),
		u("天", KindDuration, "天", "1"),
		u("个月", KindDuration, "月", "1"),
		u("年", KindDuration, "年", "1"),
		u("小时", KindDuration, "小时", "1"),
		u("分钟", KindDuration, "分钟", "1"),
		u("周", KindDuration, "周", "1"),
	}
	for i := range us {
		switch us[i].word {
		case "年", "周":
			// 一九七九年, 五年计划; 四周 (all around).
			us[i].chinese = false
		case "成":
			us[i].arabic = false
		case "度":
			us[i].afterMult = true
		}
	}
	for _, c := range counters {
		us = append(us, u(c, KindCount, c, "1"))
	}
	us = append(us, u("农户", KindCount, "户", "1")) // 五千农户: households
	// Longest match first.
	for i := 1; i < len(us); i++ {
		for j := i; j > 0 && len(us[j].word) > len(us[j-1].word); j-- {
			us[j], us[j-1] = us[j-1], us[j]
		}
	}
	return us
}()

// unitAt returns the longest unit word at the start of s.
func unitAt(s string) (unit, bool) {
	r, _ := utf8.DecodeRuneInString(s)
	for _, u := range unitsByRune[r] {
		if strings.HasPrefix(s, u.word) {
			return u, true
		}
	}
	return unit{}, false
}

// unitsByRune indexes units by their first character, longest first (read
// only).
var unitsByRune = func() map[rune][]unit {
	m := map[rune][]unit{}
	for _, u := range units {
		r, _ := utf8.DecodeRuneInString(u.word)
		m[r] = append(m[r], u)
	}
	return m
}()

// bareMoney is the unit of a bare 万 or 亿 (投资10亿): money in 元.
var bareMoney = unit{word: "", kind: KindMoney, base: "元", factor: big.NewRat(1, 1)}

// barePeople is the unit of a bare 万 or 亿 beside a word for people
// (农村贫困人口减少1386万): a count of 人.
var barePeople = unit{word: "", kind: KindCount, base: "人", factor: big.NewRat(1, 1)}
