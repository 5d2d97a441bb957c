package corpus_test

import (
	"fmt"
	"strings"

	"reportsearch/corpus"
)

func ExampleExtractMetrics() {
	for _, m := range corpus.ExtractMetrics("共走访4万余户企业居民,当场办结率超99%,轨交13号线,“1+5+48+228”网格") {
		fmt.Printf("%s: %v %s = %v %s (%s, approx %v, %q) [%d:%d]\n",
			m.Text, m.Value, m.Unit, m.Normalized, m.BaseUnit, m.Kind, m.Approx, m.Label, m.Start, m.End)
	}
	// Output:
	// 4万余户: 4 万户 = 40000 户 (count, approx true, "企业居民") [9:19]
	// 超99%: 99 % = 99 % (percent, approx true, "当场办结率") [47:53]
}

// Figures in the writings of the national reports: Chinese numerals with a
// direction, a range, a change, and the Traditional characters of 1954.
func ExampleExtractMetrics_writings() {
	text := "粮食产量达到四亿零七百多万吨，比上年增长５．１％；減少二、三十億斤；“十四五”时期"
	for _, m := range corpus.ExtractMetrics(text) {
		fmt.Printf("%s: %v %s = %v %s (%s) direction %q change %q range [%v, %v]\n",
			m.Text, m.Value, m.Unit, m.Normalized, m.BaseUnit, m.Kind, m.Direction, m.Change, m.Low, m.High)
	}
	// Output:
	// 四亿零七百多万吨: 40700 万吨 = 4.07e+08 吨 (weight) direction "above" change "" range [0, 0]
	// ５．１％: 5.1 % = 5.1 % (percent) direction "" change "up" range [0, 0]
	// 二、三十億斤: 20 亿斤 = 1e+06 吨 (weight) direction "" change "down" range [1e+06, 1.5e+06]
}

func ExampleParseFigure() {
	for _, q := range []string{"1亿元", "1000万", "50家", "100亩", "2023年"} {
		m, ok := corpus.ParseFigure(q)
		fmt.Println(q, ok, m.Normalized, m.BaseUnit, m.Kind)
	}
	// Output:
	// 1亿元 true 1e+08 元 money
	// 1000万 true 1e+07 元 money
	// 50家 true 50 家 count
	// 100亩 true 66666.6666667 平方米 area
	// 2023年 false 0
}

func ExampleParse() {
	report := "01 民生\n- ◆建成并运营社区中心,提供健康医\n\n- ◆疗、文体教育等4大类191项服务。\n- ◆完成侨联换届,汇\n"
	rep, err := corpus.Parse(strings.NewReader(report), "town-2023.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range rep.Bullets {
		fmt.Println(b.ID, b.Lines, b.Truncated, b.Text)
	}
	// Output:
	// 01-01 [2 4] false 建成并运营社区中心,提供健康医疗、文体教育等4大类191项服务。
	// 01-02 [5] true 完成侨联换届,汇
}
