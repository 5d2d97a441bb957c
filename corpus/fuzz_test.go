package corpus

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkMetrics asserts the extractor's invariants on text.
func checkMetrics(t *testing.T, text string, ms []Metric) {
	t.Helper()
	prevEnd := 0
	for _, m := range ms {
		if m.Start < 0 || m.Start > m.End || m.End > len(text) {
			t.Fatalf("metric %+v: offsets outside 0..%d", m, len(text))
		}
		if m.Start < prevEnd {
			t.Fatalf("metric %+v overlaps the previous one (end %d)", m, prevEnd)
		}
		prevEnd = m.End
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("text[%d:%d] = %q; want %q", m.Start, m.End, text[m.Start:m.End], m.Text)
		}
		if !utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End])) {
			t.Fatalf("metric %q: offsets %d,%d not on rune boundaries", m.Text, m.Start, m.End)
		}
		if !utf8.ValidString(m.Label) || !utf8.ValidString(m.Unit) || m.Kind == "" || m.BaseUnit == "" {
			t.Fatalf("metric %+v: bad label, unit, kind or base unit", m)
		}
		for _, v := range []float64{m.Value, m.Normalized, m.Low, m.High} {
			if math.IsInf(v, 0) || math.IsNaN(v) {
				t.Fatalf("metric %+v: value not finite", m)
			}
		}
		if (m.Value < 0) != (m.Normalized < 0) && m.Normalized != 0 {
			t.Fatalf("metric %+v: value and normalized value of different signs", m)
		}
		if m.High != 0 && !(m.Low < m.High) {
			t.Fatalf("metric %+v: a range's low end is not below its high end", m)
		}
		if m.Approx != (m.Direction != "") {
			t.Fatalf("metric %+v: Approx and Direction disagree", m)
		}
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("metric %+v: %v", m, err)
		}
	}
}

func FuzzExtractMetrics(f *testing.F) {
	for _, s := range []string{
		"预计全年完成财政总收入37.55亿元、同比增长28.5%;",
		"共走访4万余户企业居民,解决问题200余个。",
		"当场办结率超99%,推进190类政务服务事项",
		"“户管家”签约3503户,梳理1000平方米以上规模物业",
		"构建“1+5+48+228”网格,轨交13号线,S26,2.0版,(2023-2025年)",
		"腾地441亩,资金1,200万元,10亿,2个百分点,3个月",
		"第5次12月1日约近超逾余多万亿千万",
		"“未闭合的引号 12个",
		"1,2,3,4",
		"9999999999999999999999999999亿元",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ms := ExtractMetrics(text)
		if !utf8.ValidString(text) {
			// Parse never passes invalid UTF-8; still, no panic and
			// offsets that point at the surface text.
			for _, m := range ms {
				if m.Start < 0 || m.Start > m.End || m.End > len(text) || text[m.Start:m.End] != m.Text {
					t.Fatalf("metric %+v: bad offsets", m)
				}
			}
			return
		}
		checkMetrics(t, text, ms)
	})
}

// FuzzParse checks Parse's invariants on any input. Its seeds are small
// (each shape in a few lines); the whole seed report and the real reports
// are plain tests (TestGolden, TestRealReports), since a large seed costs
// the fuzzer its time.
func FuzzParse(f *testing.F) {
	f.Add("01 标题\n- ◆完成改造\n\n- ◆疗、文体教育等4大类191项服务。\n")
	f.Add("01 一\n- ◆完成。\n奋进2023\n我们的年终答卷来了\n2023年,华漕镇。\n02 二\n- ◆新增3所。\n")
	f.Add("01 标题\n- ◆实现12个行政村“户管\n- ◆家”全面覆盖。\n- ◆建成平台、智慧会议\n- ◆系统等项目投入运行。\n")
	f.Add("\uFEFF01 标题\r\n◆ a\r\n- ◆ a\r\n")
	f.Add("01 标题\n- ◆\xff\n")
	f.Add("01 标题\n\x00")
	f.Add("2025年北京市政府工作报告\n来源：北京日报\n2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告。\n各位代表：\n　　一、2024年工作回顾\n　　（一）扩大内需\n　　一是消费增长5%；二是投资增长3%。\n各位代表！\n")
	f.Add("政府工作报\n告\n\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n\n国务院总理\n　李克强\n\n各位代表：\n\n我们听了\n关于宪法草案的报告\n，接着\n\n过去五年的回顾\n\n第一，全国动员，大办农业\n\n①增长；②下降。\n\n本作品是中华人民共和国的\n法律\n")
	f.Add("一九七九年六月十八日在第五屆全國人民代表大會第二次會議上\n華國鋒\n各位代表：\n一、\n１９９５年增長１２％，1 9 9 3 年3 月。\n附件1\n结束语\n")
	f.Add("各位代表：\n\n战争的危险依然存在。但是由于\n\u200b\n人民要求和平，（1）和平；（2）发展。\n\n三、持续提升政府\n治理效能\n")
	f.Fuzz(func(t *testing.T, in string) {
		rep, err := Parse(strings.NewReader(in), "fuzz.txt")
		if err != nil {
			if rep != nil {
				t.Fatalf("Parse returned a report and an error %v", err)
			}
			if !strings.Contains(err.Error(), "fuzz.txt") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if len(rep.Bullets) == 0 || len(rep.Sections) == 0 {
			t.Fatalf("Parse succeeded with %d sections, %d bullets", len(rep.Sections), len(rep.Bullets))
		}
		lines := strings.Count(in, "\n") + 1
		secIDs := map[string]bool{}
		for _, s := range rep.Sections {
			if secIDs[s.ID] || strings.ContainsAny(s.ID, "/:?# -") || s.Parent != "" && !secIDs[s.Parent] {
				t.Fatalf("section %+v: id repeated, not URL-safe, or before its parent", s)
			}
			secIDs[s.ID] = true
		}
		ids := map[string]bool{}
		for i, b := range rep.Bullets {
			if ids[b.ID] {
				t.Fatalf("duplicate id %s", b.ID)
			}
			ids[b.ID] = true
			if b.Order != i || b.Text == "" || !utf8.ValidString(b.Text) || b.Text != strings.TrimSpace(b.Text) || utf8.RuneCountInString(b.Text) > MaxPassageRunes {
				t.Fatalf("bullet %d: %+v", i, b)
			}
			if len(b.Path) == 0 || b.Path[len(b.Path)-1] != b.Section || !strings.HasPrefix(b.ID, b.Section.ID+"-") || !secIDs[b.Section.ID] {
				t.Fatalf("bullet %s: section %+v, path %+v", b.ID, b.Section, b.Path)
			}
			if len(b.Lines) == 0 || b.Lines[0] < 1 || b.Lines[len(b.Lines)-1] > lines {
				t.Fatalf("bullet %s: lines %v outside 1..%d", b.ID, b.Lines, lines)
			}
			checkMetrics(t, b.Text, b.Metrics)
		}
		out, err := json.Marshal(rep)
		if err != nil || !utf8.Valid(out) || bytes.Contains(out, []byte(`"metrics":null`)) {
			t.Fatalf("json: %v %s", err, out)
		}
		// Parsing is deterministic: ids are stable.
		again, err := Parse(strings.NewReader(in), "fuzz.txt")
		if err != nil {
			t.Fatal(err)
		}
		out2, _ := json.Marshal(again)
		if !bytes.Equal(out, out2) {
			t.Fatal("two parses differ")
		}
	})
}

// FuzzNumeral checks the numeral reader and the figure scanner on any text:
// a numeral read stays inside the text and has a value; figures have
// offsets on the text as written (Text == text[Start:End]) and finite
// values; ParseFigure of any string gives a finite single figure or none.
func FuzzNumeral(f *testing.F) {
	for _, s := range []string{
		"一千二百万元", "两千六百万", "三亿零四百七十五万吨", "百分之十八点六", "千分之六点一",
		"三分之一以上", "近七成", "壹仟贰佰叁拾肆元伍角陆分", "1万600元", "3.5万亿", "16.4亿",
		"200亿零四千230", "10.1万零100", "10..1万", "零点零零一", "一七二零点一三四", "十几万人",
		"四亿零七百多万吨", "二、三十亿斤", "百分之二到三", "10-20亿元", "5%—6%", "翻两番",
		"增长-0.5%", "负十一", "2023-10-03", "第十四届", "一九八○年", "３，２９５，０００元",
		"1" + strings.Repeat("0", 300) + "万亿元", strings.Repeat("亿", 70), "一亿亿亿亿亿亿亿亿亿亿元",
		"“十四五”", "PM2.5", "37.5\u200b5億元", "\xff一\xfe千元",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for i := 0; i < len(text); i++ {
			if !numeralStart(text, i) {
				continue
			}
			n, end, ok := parseNumeral(text, i)
			if end <= i || end > len(text) {
				t.Fatalf("parseNumeral(%q, %d): end %d", text, i, end)
			}
			if ok && (n.value == nil || n.start != i || n.end > len(text) || n.end <= n.start || n.multVal == nil || n.multVal.Sign() <= 0) {
				t.Fatalf("parseNumeral(%q, %d) = %+v", text, i, n)
			}
		}
		ms := ExtractMetrics(text)
		if utf8.ValidString(text) {
			checkMetrics(t, text, ms)
		} else {
			for _, m := range ms {
				if m.Start < 0 || m.Start > m.End || m.End > len(text) || text[m.Start:m.End] != m.Text {
					t.Fatalf("metric %+v: bad offsets", m)
				}
			}
		}
		if _, err := json.Marshal(ms); err != nil {
			t.Fatalf("json: %v", err)
		}
		if m, ok := ParseFigure(text); ok {
			for _, v := range []float64{m.Value, m.Normalized} {
				if math.IsInf(v, 0) || math.IsNaN(v) {
					t.Fatalf("ParseFigure(%q) = %+v: not finite", text, m)
				}
			}
			if m.High != 0 || m.Kind == "" || m.BaseUnit == "" {
				t.Fatalf("ParseFigure(%q) = %+v", text, m)
			}
		}
	})
}

// FuzzSplitPassage checks that the pieces of any text cover it in order,
// on character boundaries, each within the bound.
func FuzzSplitPassage(f *testing.F) {
	for _, s := range []string{
		"主要做了以下工作：一是推进改革。二是扩大开放。三是改善民生。",
		"第一，增长；第二，下降。①一；②二。（1）甲（2）乙",
		"经济运行稳中有进，主要指标好于预期。就业稳定。",
		"没有标点的一长段文字没有标点的一长段文字",
		"统一是二是一是",
		"a\xffb。c",
	} {
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, text string, max int) {
		if max < 1 || max > 1000 || text == "" || !utf8.ValidString(text) {
			return // Parse passes only valid, non-empty text
		}
		end := 0
		for _, p := range splitPassage(text, max) {
			if p[0] != end || p[1] <= p[0] || p[1] > len(text) {
				t.Fatalf("piece %v after %d of %d", p, end, len(text))
			}
			if !utf8.RuneStart(text[p[0]]) || p[1] < len(text) && !utf8.RuneStart(text[p[1]]) {
				t.Fatalf("piece %v not on character boundaries", p)
			}
			if n := utf8.RuneCountInString(text[p[0]:p[1]]); n > max {
				t.Fatalf("piece %v of %d characters; max %d", p, n, max)
			}
			end = p[1]
		}
		if end != len(text) && text != "" {
			t.Fatalf("pieces end at %d of %d", end, len(text))
		}
	})
}
