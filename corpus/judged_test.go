package corpus

import (
	"strconv"
	"strings"
	"testing"
)

// judged lists, for every bullet of the embedded report, the figures a
// reader finds in it, judged by hand from the report's text (not from the
// extractor's output): "surface normalized base kind", with a trailing "~"
// when the figure is approximate, separated by "|". An empty string means the
// bullet holds no figure (years, ordinals, codes, quoted programme names and
// Chinese numerals only).
var judged = map[string]string{
	"01-01": "33次 33 次 count | 8天 8 天 duration | 6次 6 次 count | 860次 860 次 count",
	"01-02": "53场 53 场 count | 800余人次 800 人次 count ~",
	"01-03": "25项 25 项 count",
	"01-04": "13家 13 家 count | 12次 12 次 count",
	"01-05": "2张 2 张 count | 20项 20 项 count", // 六单位: Chinese numeral
	"01-06": "4万余户 40000 户 count ~ | 200余个 200 个 count ~",
	"01-07": "175件 175 件 count | 315条 315 条 count",
	"01-08": "", // “12345”热线
	"01-09": "29项 29 项 count",
	"01-10": "12个 12 个 count | 1个 1 个 count | 13个 13 个 count | 29项 29 项 count",
	"01-11": "82个 82 个 count",
	"02-01": "37.55亿元 3755000000 元 money | 28.5% 28.5 % percent | 15.42亿元 1542000000 元 money | 35.6% 35.6 % percent",
	"02-02": "56.5亿元 5650000000 元 money | 132亿元 13200000000 元 money | 108亿元 10800000000 元 money | 48亿元 4800000000 元 money | " +
		"2908户 2908 户 count | 49户 49 户 count | 9283万元 92830000 元 money | 13.2亿元 1320000000 元 money | 7亿元 700000000 元 money | 2.6亿元 260000000 元 money",
	"02-03": "8个 8 个 count | 1家 1 家 count | 34家 34 家 count | 50家 50 家 count | 830万元 8300000 元 money", // 三大支柱产业
	"02-04": "45户 45 户 count",                                                                        // “2246”
	"02-05": "6.35万平方米 63500 平方米 area",                                                               // 八大
	"02-06": "",
	"02-07": "102家 102 家 count | 10大类 10 大类 count | 940余次 940 次 count ~ | 2.76亿元 276000000 元 money", // “十条”
	"02-08": "",
	"02-09": "387家 387 家 count | 106件 106 件 count | 112家 112 家 count",
	"02-10": "",
	"02-11": "14个 14 个 count",
	"02-12": "",
	"02-13": "130家 130 家 count",
	"02-14": "", // 1000平方米以上规模物业: a threshold in a definition
	"02-15": "1.6万平方米 16000 平方米 area",
	"02-16": "7274家 7274 家 count | 100% 100 % percent", // 第五次
	"02-17": "1家 1 家 count",
	"02-18": "",
	"02-19": "5个 5 个 count | 1.6万平方米 16000 平方米 area",
	"03-01": "5个 5 个 count | 441亩 294000 平方米 area | 104项 104 项 count | 106.5亩 71000 平方米 area", // 三期、四期, 13号线
	"03-02": "",                                                                               // 13号线
	"03-03": "3条 3 条 count | 38条 38 条 count",                                                  // “15分钟社区生活圈”, 2023-2025年, (一期), 闵行28路, 华漕5路, 班线2路
	"03-04": "9个 9 个 count | 2个 2 个 count",
	"03-05": "10个 10 个 count", // 一期、二期, 206安置基地
	"03-06": "4处 4 处 count",   // S26
	"03-07": "",
	"00-01": "",                   // 2023年, 第十二次, 第七次
	"04-01": "17项 17 项 count",     // “1+5+48+228”, 五大
	"04-02": "3657个 3657 个 count", // 十大乱象, “12345”
	"04-03": "",
	"04-04": "4个 4 个 count | 2个 2 个 count", // 2.0版
	"04-05": "",
	"04-06": "12个 12 个 count",
	"04-07": "98户 98 户 count | 355套 355 套 count | 3503户 3503 户 count", // 签约3503户: not 约
	"04-08": "",
	"04-09": "", // “七到三位提升”
	"04-10": "6处 6 处 count",
	"04-11": "100% 100 % percent",
	"04-12": "",
	"04-13": "8条 8 条 count",
	"04-14": "",
	"04-15": "", // “九大重点领域”
	"04-16": "", // “1队2站”
	"04-17": "23个 23 个 count | 712部 712 部 count",
	"04-18": "23处 23 处 count | 50个 50 个 count",
	"04-19": "12.1% 12.1 % percent",
	"05-01": "8场 8 场 count | 890个 890 个 count | 2197个 2197 个 count", // “15分钟就业服务圈”
	"05-02": "500.7万元 5007000 元 money | 2296万元 22960000 元 money",
	"05-03": "13个 13 个 count",
	"05-04": "101户 101 户 count",
	"05-05": "443万元 4430000 元 money | 4312人次 4312 人次 count",
	"05-06": "7项 7 项 count | 39台 39 台 count | 13台 13 台 count | 17个 17 个 count | 23处 23 处 count", // 爱博六、七村
	"05-07": "",                                                                                 // CNS
	"05-08": "",
	"05-09": "",
	"05-10": "",             // (2023-2027年), 五年
	"05-11": "3所 3 所 count", // (2023-2025年), 三年
	"05-12": "",
	"05-13": "",                                                                // “15分钟社区生活圈”
	"05-14": "2所 2 所 count | 1所 1 所 count | 1处 1 处 count | 100% 100 % percent", // “十四五”
	"05-15": "",                                                                // 三大平台
	"05-16": "3家 3 家 count | 11个 11 个 count | 96315人次 96315 人次 count | 101户 101 户 count | 211名 211 名 count",
	"05-17": "18家 18 家 count",
	"05-18": "4大类 4 大类 count | 191项 191 项 count | 39台 39 台 count | 20台 20 台 count | 13台 13 台 count",
	"05-19": "17个 17 个 count",
	"05-20": "",
	"05-21": "2项 2 项 count",
	"05-22": "", // “1+23+13”
	"06-01": "", // “1+3+29”
	"06-02": "",
	"06-03": "18家 18 家 count | 116项 116 项 count",
	"06-04": "2个 2 个 count | 3名 3 名 count", // 第三批
	"06-05": "4家 4 家 count | 129名 129 名 count",
	"06-06": "82家 82 家 count | 100名 100 名 count", // 三支队伍
	"06-07": "7名 7 名 count | 56名 56 名 count",
	"06-08": "132% 132 % percent", // 三年
	"06-09": "",
	"06-10": "",
	"06-11": "",
	"06-12": "44条 44 条 count | 2条 2 条 count",
	"06-13": "42家 42 家 count", // 2023年, 五一, “三星”
	"06-14": "",
	"06-15": "135名 135 名 count | 7个 7 个 count",
	"06-16": "4项 4 项 count | 2项 2 项 count",
	"06-17": "", // 八项
	"06-18": "8项 8 项 count",
	"06-19": "",                                                                                                                                   // 2.0版
	"06-20": "608件 608 件 count | 4件 4 件 count | 14件 14 件 count | 1785件 1785 件 count | 237人次 237 人次 count | 589件 589 件 count | 100% 100 % percent", // 110分派
	"06-21": "24件 24 件 count | 16件 16 件 count | 7件 7 件 count | 1件 1 件 count | 236件 236 件 count | 139件 139 件 count | 97件 97 件 count | 92件 92 件 count",
	"06-22": "68399件 68399 件 count | 超99% 99 % percent ~ | 61件 61 件 count | 100% 100 % percent | 190类 190 类 count",
	"06-23": "801件 801 件 count | 41件 41 件 count",
	"06-24": "18家 18 家 count", // “三公”
	"06-25": "7项 7 项 count",
}

type judgedFigure struct {
	text       string
	normalized float64
	base, kind string
	approx     bool
}

func parseJudged(t *testing.T, id, s string) []judgedFigure {
	t.Helper()
	var out []judgedFigure
	for _, item := range strings.Split(s, "|") {
		f := strings.Fields(item)
		if len(f) == 0 {
			continue
		}
		if len(f) < 4 || len(f) > 5 || (len(f) == 5 && f[4] != "~") {
			t.Fatalf("judged[%s]: bad item %q", id, item)
		}
		n, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			t.Fatalf("judged[%s]: %q: %v", id, item, err)
		}
		out = append(out, judgedFigure{f[0], n, f[2], f[3], len(f) == 5})
	}
	return out
}

// TestJudgedMetrics measures the extractor on the whole report against the
// hand-judged figures: precision, recall and F1 over surface texts, and every
// matched figure's normalized value, base unit, kind and approx flag.
//
//	go test ./corpus -run TestJudgedMetrics -v
func TestJudgedMetrics(t *testing.T) {
	rep, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var tp, fp, fn, wrong int
	for _, b := range rep.Bullets {
		seen[b.ID] = true
		spec, ok := judged[b.ID]
		if !ok {
			t.Errorf("bullet %s (%.30s…) is not judged", b.ID, b.Text)
			continue
		}
		want := parseJudged(t, b.ID, spec)
		got := b.Metrics
		used := make([]bool, len(got))
		for _, w := range want {
			found := -1
			for i, m := range got {
				if !used[i] && m.Text == w.text {
					found = i
					break
				}
			}
			if found < 0 {
				fn++
				t.Errorf("%s: missed %s", b.ID, w.text)
				continue
			}
			used[found] = true
			tp++
			m := got[found]
			if m.Normalized != w.normalized || m.BaseUnit != w.base || m.Kind != w.kind || m.Approx != w.approx {
				wrong++
				t.Errorf("%s: %s = %v %s %s approx=%v; want %v %s %s approx=%v",
					b.ID, w.text, m.Normalized, m.BaseUnit, m.Kind, m.Approx, w.normalized, w.base, w.kind, w.approx)
			}
		}
		for i, m := range got {
			if !used[i] {
				fp++
				t.Errorf("%s: spurious %s (%v %s)", b.ID, m.Text, m.Normalized, m.BaseUnit)
			}
		}
	}
	for id := range judged {
		if !seen[id] {
			t.Errorf("judged bullet %s is not in the parsed report", id)
		}
	}
	p := float64(tp) / float64(tp+fp)
	r := float64(tp) / float64(tp+fn)
	f1 := 2 * p * r / (p + r)
	t.Logf("metrics: %d judged, tp=%d fp=%d fn=%d wrong values=%d: precision %.4f recall %.4f F1 %.4f", tp+fn, tp, fp, fn, wrong, p, r, f1)
	if f1 < 1.0 || wrong > 0 {
		t.Errorf("F1 = %.4f with %d wrong values; want 1.0 and 0", f1, wrong)
	}
}
