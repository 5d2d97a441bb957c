package corpus

import (
	"bytes"
	"testing"
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
