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

func FuzzParse(f *testing.F) {
	f.Add(string(defaultText))
	f.Add("01 标题\n- ◆完成改造\n\n- ◆疗、文体教育等4大类191项服务。\n")
	f.Add("01 一\n- ◆完成。\n奋进2023\n我们的年终答卷来了\n2023年,华漕镇。\n02 二\n- ◆新增3所。\n")
	f.Add("01 标题\n- ◆实现12个行政村“户管\n- ◆家”全面覆盖。\n- ◆建成平台、智慧会议\n- ◆系统等项目投入运行。\n")
	f.Add("\uFEFF01 标题\r\n◆ a\r\n- ◆ a\r\n")
	f.Add("01 标题\n- ◆\xff\n")
	f.Add("01 标题\n\x00")
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
		ids := map[string]bool{}
		for i, b := range rep.Bullets {
			if ids[b.ID] {
				t.Fatalf("duplicate id %s", b.ID)
			}
			ids[b.ID] = true
			if b.Order != i || b.Text == "" || !utf8.ValidString(b.Text) || b.Text != strings.TrimSpace(b.Text) {
				t.Fatalf("bullet %d: %+v", i, b)
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
