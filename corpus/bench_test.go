package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func BenchmarkParseDefault(b *testing.B) {
	b.SetBytes(int64(len(defaultText)))
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(defaultText), DefaultName); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractMetrics(b *testing.B) {
	text := "预计实现规上工业产值56.5亿元,商销总额132亿元,社会消费品零售总额108亿元,营利性服务业营收48亿元,新增有效内资企业2908户、有效外资企业49户,新增税收实现9283万元。"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ExtractMetrics(text)
	}
}

// benchText is size bytes of report text: the judged passages of the real
// reports (figures in every writing, traps, quotes) repeated, as one
// passage, the worst case for extraction.
func benchText(b *testing.B, size int) string {
	data, err := os.ReadFile(filepath.Join("testdata", "figures-judged.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc struct {
		Passages []struct{ Text string } `json:"passages"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for sb.Len() < size {
		for _, p := range doc.Passages {
			sb.WriteString(p.Text)
		}
	}
	return sb.String()[:size]
}

// BenchmarkExtractMetricsSize measures extraction on one passage of 1, 4 and
// 16 MB: the time per MB stays flat when extraction is linear.
func BenchmarkExtractMetricsSize(b *testing.B) {
	for _, mb := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			text := benchText(b, mb<<20)
			// Cut at a character boundary.
			for !utf8.ValidString(text) {
				text = text[:len(text)-1]
			}
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for b.Loop() {
				ExtractMetrics(text)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(mb), "ns/MB")
		})
	}
}

// seedParagraphs returns the seed report's bullet texts, the material of
// the generated reports.
func seedParagraphs(tb testing.TB) []string {
	rep, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, b := range rep.Bullets {
		out = append(out, b.Text)
	}
	return out
}

// genReport builds a report of about size bytes in one of the shapes Parse
// reads, from the seed report's texts: "seed" (the seed report repeated,
// ◆ bullets), "lines" (a newspaper text: front matter, 一、/（一） headings,
// paragraphs of two or three bullets a line with a U+3000 indent, some
// listing 一是…二是… items), "blocks" (a wiki text: the same with blank lines
// between paragraphs and sentences broken over lines). Each paragraph gets a
// number so that none repeats.
func genReport(tb testing.TB, shape string, size int) string {
	var sb strings.Builder
	if shape == "seed" {
		for sb.Len() < size {
			sb.Write(defaultText)
		}
		return sb.String()
	}
	paras := seedParagraphs(tb)
	sb.WriteString("2025年某省政府工作报告\n来源：某日报\n——2025年1月14日在某省第十四届人民代表大会第三次会议上\n各位代表：\n")
	sep := "\n"
	if shape == "blocks" {
		sep = "\n\n"
	}
	cn := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	for i := 0; sb.Len() < size; i++ {
		if i%40 == 0 {
			fmt.Fprintf(&sb, "%s%s、第%d部分工作回顾%s", sep, cn[i/40%10], i/40+1, sep)
		}
		if i%8 == 0 {
			fmt.Fprintf(&sb, "（%s）加强第%d项重点工作%s", cn[i/8%10], i/8+1, sep)
		}
		sb.WriteString("\u3000\u3000")
		if i%5 == 0 {
			fmt.Fprintf(&sb, "第%d年主要做了以下工作：一是%s二是%s三是%s", i, paras[i%len(paras)], paras[(i+1)%len(paras)], paras[(i+2)%len(paras)])
		} else {
			p := fmt.Sprintf("第%d项，%s%s", i, paras[i%len(paras)], paras[(i+7)%len(paras)])
			if shape == "blocks" && i%3 == 0 {
				// a link broke the sentence over three lines
				r := []rune(p)
				p = string(r[:len(r)/3]) + "\n" + string(r[len(r)/3:len(r)/2]) + "\n" + string(r[len(r)/2:])
			}
			sb.WriteString(p)
		}
		sb.WriteString(sep)
	}
	return sb.String()
}

// genPathological builds inputs that were once super-linear: "continuation"
// (one seed bullet cut into short lines that continue it: 32 k lines took
// 12.7 s), "titles" (short title-like lines after the bullets),
// "unclosed" (one bullet over many lines after an unclosed 《), "nopunct"
// (one paragraph without punctuation, in lines of half a megabyte) and
// "lines" (a wiki text whose one paragraph never ends a sentence, in blocks
// of three short lines).
func genPathological(kind string, size int) string {
	var sb strings.Builder
	switch kind {
	case "continuation":
		sb.WriteString("01 标题\n- ◆建成平台、智慧会议\n")
		for sb.Len() < size {
			sb.WriteString("，系统等项目投入运行和平台\n") // joined: starts with punctuation
		}
		sb.WriteString("系统等项目投入运行。\n")
	case "titles":
		sb.WriteString("01 标题\n- ◆建成平台。\n")
		for sb.Len() < size {
			sb.WriteString("系统等项目投入运行和平台\n") // title-like lines
		}
	case "unclosed":
		sb.WriteString("01 标题\n- ◆出台《华漕镇")
		for sb.Len() < size {
			sb.WriteString("、机关办公及公建配套用房使用管理办法1.6万平方米\n")
		}
	case "nopunct":
		sb.WriteString("各位代表：\n")
		for sb.Len() < size {
			sb.WriteString("推进华漕镇机关办公及公建配套用房使用管理新增37.55亿元")
			if sb.Len()%(MaxLineBytes/2) < 90 {
				sb.WriteString("\n")
			}
		}
		sb.WriteString("。\n")
	case "lines":
		sb.WriteString("各位代表：\n\n")
		for sb.Len() < size {
			sb.WriteString("推进华漕镇机关办公及公建配套用房\n使用管理新增37.55亿元用于建设\n用房使用管理和公建配套与维护\n\n")
		}
		sb.WriteString("。\n")
	}
	return sb.String()
}

// BenchmarkParse parses generated reports of 1, 4 and 16 MB of every shape:
// time per byte (ns/op ÷ bytes, or MB/s) stays flat as the size grows.
func BenchmarkParse(b *testing.B) {
	for _, shape := range []string{"seed", "lines", "blocks"} {
		for _, mb := range []int{1, 4, 16} {
			text := genReport(b, shape, mb<<20)
			b.Run(fmt.Sprintf("%s/%dMB", shape, mb), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					if _, err := Parse(strings.NewReader(text), "gen.txt"); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkParsePathological parses the inputs that were super-linear
// (32 k continuation lines took 12.7 s, an unclosed 《 in an 8 MB bullet
// 44 s) at 1, 4 and 16 MB.
func BenchmarkParsePathological(b *testing.B) {
	for _, kind := range []string{"continuation", "titles", "unclosed", "nopunct", "lines"} {
		for _, mb := range []int{1, 4, 16} {
			text := genPathological(kind, mb<<20)
			b.Run(fmt.Sprintf("%s/%dMB", kind, mb), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					if _, err := Parse(strings.NewReader(text), "gen.txt"); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
