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
