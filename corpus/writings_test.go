package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// figd renders a metric with its direction, change and range.
func figd(m Metric) string {
	s := fmt.Sprintf("%s=%v%s(%v %s %s)", m.Text, m.Value, m.Unit, m.Normalized, m.BaseUnit, m.Kind)
	if m.Direction != "" {
		s += " " + m.Direction
	}
	if m.Change != "" {
		s += " " + m.Change
	}
	if m.High != 0 {
		s += fmt.Sprintf(" [%v,%v]", m.Low, m.High)
	}
	return s
}

func figsd(ms []Metric) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, figd(m))
	}
	return strings.Join(parts, "; ")
}

// TestExtractMetricsWritings covers the writings of the national and
// provincial reports: Chinese and financial numerals, mixed forms,
// directions, ranges, changes, units, and the numerals that are not
// figures.
func TestExtractMetricsWritings(t *testing.T) {
	tests := []struct {
		class, text, want string
	}{
		// Chinese numerals.
		{"Chinese money", "投资一千二百万元。", "一千二百万元=1200万元(1.2e+07 元 money)"},
		{"两 and bare 万", "筹集两千六百万，", "两千六百万=2600万(2.6e+07 元 money)"},
		{"亿零", "产量三亿零四百七十五万吨。", "三亿零四百七十五万吨=30475万吨(3.0475e+08 吨 weight)"},
		{"百分之", "占百分之十五。", "百分之十五=15%(15 % percent)"},
		{"百分之 with 点", "占百分之十八点六。", "百分之十八点六=18.6%(18.6 % percent)"},
		{"千分之", "出生率千分之六点一。", "千分之六点一=6.1‰(0.61 % percent)"},
		{"fraction", "压缩三分之一。", "三分之一=0.333333333333分之(33.3333333333 % percent) down"},
		{"成", "占比近七成。", "近七成=7成(70 % percent) near"},
		{"financial digits", "金额壹仟贰佰叁拾肆元。", "壹仟贰佰叁拾肆元=1234元(1234 元 money)"},
		{"〇 in a value", "投入一千〇五元。", "一千〇五元=1005元(1005 元 money)"},
		{"零 in a value", "投入一千零五元。", "一千零五元=1005元(1005 元 money)"},
		{"mixed 1万600", "补贴1万600元。", "1万600元=10600元(10600 元 money)"},
		{"mixed 3.5万亿", "规模3.5万亿元。", "3.5万亿元=3.5万亿元(3.5e+12 元 money)"},
		{"exact 16.4亿", "收入16.4亿元。", "16.4亿元=16.4亿元(1.64e+09 元 money)"},
		{"Traditional", "收入37.55億元。", "37.55億元=37.55亿元(3.755e+09 元 money)"},
		{"full width", "收入３７．５５亿元。", "３７．５５亿元=37.55亿元(3.755e+09 元 money)"},
		{"zero-width inside", "收入37.5\u200b5亿元。", "37.5\u200b5亿元=37.55亿元(3.755e+09 元 money)"},
		{"1950s separators", "收入３，２９５，０００元，", "３，２９５，０００元=3.295e+06元(3.295e+06 元 money)"},
		{"spaced digits", "总值达到7 4 7 7 2 亿元，平均每年增长1 1 ％，1 9 9 7 年", "7 4 7 7 2 亿元=74772亿元(7.4772e+12 元 money); 1 1 ％=11%(11 % percent) up"},
		{"spaced decimals", "经济增长8 ．8 ％，容量达到2 ．5 亿千瓦，实际增长1 0 ．3 ％", "8 ．8 ％=8.8%(8.8 % percent) up; 2 ．5 亿千瓦=2.5亿千瓦(2.5e+08 千瓦 power); 1 0 ．3 ％=10.3%(10.3 % percent) up"},
		{"middle dot point", "全年增长19·5％，“1·24”事故", "19·5％=19.5%(19.5 % percent) up"},
		{"万万 and 零点", "六万万人民，增长零点八倍，纱锭七十万枚，三十二种主要产品", "六万万人=6万万人(6e+08 人 count); 零点八倍=0.8倍(0.8 倍 multiple) up; 七十万枚=70万枚(700000 枚 count); 三十二种=32种(32 种 count)"},
		{"Chinese comma is no separator", "增长2023，100个项目", "100个=100个(100 个 count)"},
		// Directions.
		{"about 约", "约300亿元", "约300亿元=300亿元(3e+10 元 money) about"},
		{"about 左右", "增长5%左右", "5%左右=5%(5 % percent) about up"},
		{"near 近", "近2000人", "近2000人=2000人(2000 人 count) near"},
		{"above 余", "4万余户", "4万余户=4万户(40000 户 count) above"},
		{"above 多", "三千一百多台", "三千一百多台=3100台(3100 台 count) above"},
		{"above 超过", "超过2600家", "超过2600家=2600家(2600 家 count) above"},
		{"above 逾", "逾百分之九十", "逾百分之九十=90%(90 % percent) above"},
		{"above 以上", "900万人以上。", "900万人以上=900万人(9e+06 人 count) above"},
		{"below 以下", "控制在千分之十三以下。", "千分之十三以下=13‰(1.3 % percent) below"},
		{"below 不到", "不到5%的企业", "不到5%=5%(5 % percent) below"},
		{"below 不超过", "赤字率不超过3%，", "不超过3%=3%(3 % percent) below"},
		{"above 不低于", "不低于5000亿元，至少100家，", "不低于5000亿元=5000亿元(5e+11 元 money) above; 至少100家=100家(100 家 count) above"},
		{"about 上下", "增长7%上下。", "7%上下=7%(7 % percent) about up"},
		// Ranges.
		{"range 10-20亿元", "投资10-20亿元。", "10-20亿元=10亿元(1e+09 元 money) [1e+09,2e+09]"},
		{"range 5%—6%", "增长5%—6%。", "5%—6%=5%(5 % percent) up [5,6]"},
		{"range 百分之二到三", "增长百分之二到三。", "百分之二到三=2%(2 % percent) up [2,3]"},
		{"range 二、三百亿度", "发电二、三百亿度。", "二、三百亿度=200亿度(2e+10 千瓦时 energy) [2e+10,3e+10]"},
		{"range 3至5年", "用3至5年时间", "3至5年=3年(3 年 duration) [3,5]"},
		// Changes.
		{"change 增长", "增长5%，", "5%=5%(5 % percent) up"},
		{"change 下降", "下降3.2%。", "3.2%=3.2%(3.2 % percent) down"},
		{"change points", "提高0.8个百分点。", "0.8个百分点=0.8个百分点(0.8 百分点 points) up"},
		{"change 减少", "减少200亿元。", "200亿元=200亿元(2e+10 元 money) down"},
		{"change 翻一番", "收入翻一番。", "翻一番=1番(1 倍 multiple) up"},
		{"change 翻两番", "比1980年翻两番。", "翻两番=2番(3 倍 multiple) up"},
		{"level after 到", "增加到4776亿元。", "4776亿元=4776亿元(4.776e+11 元 money)"},
		{"level 失业率", "城镇调查失业率5%左右。", "5%左右=5%(5 % percent) about"},
		{"unit shared in a list", "增速分别高4.2和0.7个百分点，分别提高11.1、11.2个百分点，第1、2名", "4.2=4.2个百分点(4.2 百分点 points); 0.7个百分点=0.7个百分点(0.7 百分点 points); 11.1=11.1个百分点(11.1 百分点 points) up; 11.2个百分点=11.2个百分点(11.2 百分点 points) up"},
		{"change in a list", "分别增长13.6%、86.6%。", "13.6%=13.6%(13.6 % percent) up; 86.6%=86.6%(86.6 % percent) up"},
		{"negative", "增长-0.5%。", "-0.5%=-0.5%(-0.5 % percent) up"},
		{"verb and object", "降低企业税负5700多亿元，增加深松土地1.5亿亩，提升口袋公园80个，预算增加 250亿元",
			"5700多亿元=5700亿元(5.7e+11 元 money) above down; 1.5亿亩=1.5亿亩(1e+11 平方米 area) up; 80个=80个(80 个 count); 250亿元=250亿元(2.5e+10 元 money) up"},
		{"负 as a sign", "投入负十一元", "负十一元=-11元(-11 元 money)"},
		{"新增 is a level", "新增3所学校。", "3所=3所(3 所 count)"},
		// Units.
		{"斤", "产量1.4万亿斤。", "1.4万亿斤=1.4万亿斤(7e+08 吨 weight)"},
		{"头", "存栏三千万头。", "三千万头=3000万头(3e+07 头 count)"},
		{"万千瓦", "装机2000万千瓦。", "2000万千瓦=2000万千瓦(2e+07 千瓦 power)"},
		{"千瓦时", "外送1264亿千瓦时。", "1264亿千瓦时=1264亿千瓦时(1.264e+11 千瓦时 energy)"},
		{"亿度", "发电二十四亿度。", "二十四亿度=24亿度(2.4e+09 千瓦时 energy)"},
		{"公顷", "造林3191万公顷。", "3191万公顷=3191万公顷(3.191e+11 平方米 area)"},
		{"美元", "利用外资175亿美元。", "175亿美元=175亿美元(1.75e+10 美元 money)"},
		{"倍", "增长1.71倍。", "1.71倍=1.71倍(1.71 倍 multiple) up"},
		{"标准箱", "吞吐量2329万标准箱。", "2329万标准箱=2329万标准箱(2.329e+07 标准箱 count)"},
		{"people after a people word", "农村贫困人口减少1386万。", "1386万=1386万(1.386e+07 人 count) down"},
		{"people before a people word", "解决了9748万农村人口饮水困难", "9748万=9748万(9.748e+07 人 count)"},
		{"bare 万 is money", "投资10亿，", "10亿=10亿(1e+09 元 money)"},
		{"个多月", "用了3个多月，两个多小时", "3个多月=3个月(3 月 duration) above; 两个多小时=2小时(2 小时 duration) above"},
		{"money nearer than people", "发放就业补助资金10亿。", "10亿=10亿(1e+09 元 money)"},
		// Not figures.
		{"Chinese year", "一九七九年", ""},
		{"Chinese year with ○", "到一九八○年", ""},
		{"full-width year", "１９９１年", ""},
		{"date", "2023-10-03开业", ""},
		{"months", "1—11月累计", ""},
		{"full date", "2025年1月20日", ""},
		{"rank", "排名全国第3位", ""},
		{"class 吨级", "3000吨级泊位", ""},
		{"class 千伏", "750千伏输变电工程", ""},
		{"class 亿级", "打造百亿级、10亿级产业", ""},
		{"PM2.5", "PM2.5平均浓度", ""},
		{"plan names", "“十四五”规划，六五计划，十三五时期", ""},
		{"5G", "扩大5G规模化应用", ""},
		{"上一年", "比上一年增长", ""},
		{"一次性", "实施一次性奖金制度，一次能源", ""},
		{"named sets", "三大支柱产业，十大乱象，第十四届，一是，四个全面，两个维护，三农，一带一路，四个现代化", ""},
		{"八项规定", "落实中央八项规定精神", ""},
		{"session numbers", "十一届七次、八次、九次全会，八届全国人大二次会议", ""},
		{"second", "二次招商，二轮土地承包，城乡二元结构", ""},
		{"vague", "几十亿元，数十万人，一百几十亿元", ""},
		{"words with numerals", "千家万户，亿万农民，万众一心，一元化领导，环顾四周，车之两轮，唯一一家", ""},
		{"anniversary", "成立75周年", ""},
		{"place names", "七台河市，五家渠市，三门峡", ""},
		{"section numbers", "一、2024年工作回顾；（三）推进改革；3.强化保障；第一部分；(二)民生；14.2025年10件民生实事", "10件=10件(10 件 count)"},
		{"counts as measures", "平均每户一头半，每户两头以上，五千农户，抓好两头，两只手都要硬", "一头半=1.5头(1.5 头 count); 两头以上=2头(2 头 count) above; 五千农户=5000农户(5000 户 count)"},
		{"streaks of years", "连续十三年夺得丰收，经过三年多的工作，五年内", "十三年=13年(13 年 duration)"},
		{"Chinese comma between ASCII digits", "积累1，120亿元，增加2，737万吨", "1，120亿元=1120亿元(1.12e+11 元 money); 2，737万吨=2737万吨(2.737e+07 吨 weight) up"},
		{"增加值 is a noun", "旅游业增加值均突破1450亿元", "突破1450亿元=1450亿元(1.45e+11 元 money) above"},
		{"shares and counts before 以上的 are figures", "90%以上的政务服务，20项以上互认资质，1000平方米以上规模物业", "90%以上=90%(90 % percent) above; 20项以上=20项(20 项 count) above"},
		{"减轻负担", "每年可使农民减轻负担48亿元。", "48亿元=48亿元(4.8e+09 元 money) down"},
		{"times are counted", "两次降低存款准备金率", "两次=2次(2 次 count)"},
		{"too many digits", "投入" + strings.Repeat("9", 40) + "元，增长5%", "5%=5%(5 % percent) up"},
		{"too many spaced digits", "投入" + strings.Repeat("9 ", 40) + "元，增长5%", "5%=5%(5 % percent) up"},
	}
	for _, tt := range tests {
		t.Run(tt.class, func(t *testing.T) {
			ms := ExtractMetrics(tt.text)
			checkMetrics(t, tt.text, ms)
			if got := figsd(ms); got != tt.want {
				t.Errorf("ExtractMetrics(%q) =\n  %s\nwant\n  %s", tt.text, got, tt.want)
			}
		})
	}
}

// TestNonFiniteValuesNeverReachEncoders: a value that overflows a float (1
// followed by 300 zeros 万亿元) is not a figure; the figures around it are
// still found, and every result encodes as JSON.
func TestNonFiniteValuesNeverReachEncoders(t *testing.T) {
	huge := "1" + strings.Repeat("0", 300)
	texts := []string{
		"投入" + huge + "万亿元，新增3所学校。",
		"投入１" + strings.Repeat("０", 300) + "万亿元，增长5%。",
		"投入" + strings.Repeat("九", 200) + "万亿元，增长5%。",
		"投入" + strings.Repeat("一千", 100) + "亿元，增长5%。",
		"规模" + huge + "." + huge + "亿元，另有12家。",
		"翻" + strings.Repeat("九", 50) + "番，增长5%。",
	}
	for _, text := range texts {
		ms := ExtractMetrics(text)
		checkMetrics(t, text, ms)
		if len(ms) != 1 {
			t.Errorf("ExtractMetrics(%.40q…) = %s; want the one small figure", text, figsd(ms))
		}
		if _, err := json.Marshal(ms); err != nil {
			t.Errorf("json.Marshal: %v", err)
		}
	}
	// Through the parser: one report with the overflowing figure parses and
	// encodes, its other figures intact.
	report := "01 标题\n- ◆投入" + huge + "万亿元。\n- ◆新增3所学校。\n"
	rep, err := Parse(strings.NewReader(report), "huge.txt")
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(rep)
	if err != nil {
		t.Fatalf("json.Marshal(report): %v", err)
	}
	if !bytes.Contains(out, []byte(`"text":"3所"`)) {
		t.Errorf("the other figure is missing: %s", out)
	}
	for _, b := range rep.Bullets {
		for _, m := range b.Metrics {
			for _, v := range []float64{m.Value, m.Normalized, m.Low, m.High} {
				if math.IsInf(v, 0) || math.IsNaN(v) {
					t.Errorf("%s: non-finite value in %+v", b.ID, m)
				}
			}
		}
	}
}

// TestChangeInheritsAcrossLists and other invariants of Low/High.
func TestRangeEnds(t *testing.T) {
	for _, text := range []string{"增长5%—6%", "投资10-20亿元", "百分之二十到三十", "一、二千万亩", "一百多亿斤到二百多亿斤"} {
		ms := ExtractMetrics(text)
		if len(ms) != 1 || !(ms[0].Low < ms[0].High) || ms[0].Low != ms[0].Normalized {
			t.Errorf("ExtractMetrics(%q) = %s; want one range with Low = Normalized < High", text, figsd(ms))
		}
	}
	for _, text := range []string{"增长6%—5%", "2023-2025年", "2023-10-03"} {
		for _, m := range ExtractMetrics(text) {
			if m.High != 0 {
				t.Errorf("ExtractMetrics(%q): %s is not a range", text, figd(m))
			}
		}
	}
}
