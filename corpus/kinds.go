package corpus

// Metric kinds: the values of Metric.Kind. Each kind has one base unit that
// Metric.Normalized is expressed in.
const (
	KindMoney    = "money"    // base 元 (other currencies: their own unit, 美元, 欧元 …)
	KindPercent  = "percent"  // base %: %, ‰, 成 (tenths), fractions 三分之一
	KindPoints   = "points"   // percentage points, base 百分点
	KindCount    = "count"    // base: the counter word (家, 户, 个, 人次, 头, 标准箱 …)
	KindArea     = "area"     // base 平方米 (亩 = 2000/3 平方米, 公顷 = 10⁴ 平方米)
	KindLength   = "length"   // base 米
	KindVolume   = "volume"   // base 立方米
	KindWeight   = "weight"   // base 吨 (斤 = 0.0005 吨, 担 = 0.05 吨)
	KindDuration = "duration" // base: the unit (天, 月, 年, 小时 …)
	KindEnergy   = "energy"   // base 千瓦时 (度 = 1 千瓦时)
	KindPower    = "power"    // base 千瓦 (马力: its own base)
	KindMultiple = "multiple" // base 倍: 增长1.2倍; 翻一番 = +1 倍, 翻两番 = +3 倍
)

// Kind is one metric kind with the name readers see for it.
type Kind struct {
	Name  string `json:"name"`  // Metric.Kind: KindMoney, KindPercent …
	Label string `json:"label"` // Chinese name: 金额, 百分比 …
}

// kinds is every kind the parser produces, in the order pages list them.
// 百分比 names a percentage (12%), 百分点 a difference between two (提高
// 2个百分点); 比例 would read as a ratio, which the parser does not produce.
var kinds = [...]Kind{
	{KindMoney, "金额"},
	{KindPercent, "百分比"},
	{KindPoints, "百分点"},
	{KindCount, "数量"},
	{KindArea, "面积"},
	{KindLength, "长度"},
	{KindVolume, "体积"},
	{KindWeight, "重量"},
	{KindDuration, "时长"},
	{KindEnergy, "电量"},
	{KindPower, "功率"},
	{KindMultiple, "倍数"},
}

// Kinds returns every metric kind the parser can give a Metric, each with
// its Chinese label, in display order (money first). The slice is a copy.
func Kinds() []Kind {
	out := kinds
	return out[:]
}

// KindLabel returns the Chinese label of a metric kind ("money" → "金额"),
// or kind itself when it is not one of Kinds.
func KindLabel(kind string) string {
	for _, k := range kinds {
		if k.Name == kind {
			return k.Label
		}
	}
	return kind
}
