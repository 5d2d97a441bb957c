package analyzer_test

import (
	"fmt"
	"strings"

	"reportsearch/analyzer"
)

func ExampleAnalyze() {
	for _, t := range analyzer.Analyze("華漕新认定高新技术企业50家", false) {
		fmt.Printf("%s %d-%d @%d %s\n", t.Term, t.Start, t.End, t.Position, t.Type)
	}
	// Output:
	// 华漕 0-6 @1 word
	// 新 6-9 @2 word
	// 认定 9-15 @3 word
	// 高新技术企业 15-33 @4 word
	// 高新技术 15-27 @4 subword
	// 高新 15-21 @4 subword
	// 技术 21-27 @4 subword
	// 企业 27-33 @4 subword
	// 50家 33-38 @5 number
	// 50 33-35 @5 subword
	// 家 35-38 @5 subword
}

func ExampleAnalyze_query() {
	for _, t := range analyzer.Analyze("高新技术企业 2.76亿元", true) {
		fmt.Println(t.Term, t.Type)
	}
	// Output:
	// 高新技术企业 word
	// 2.76亿元 number
}

func ExampleSynonyms_Lookup() {
	syn, err := analyzer.LoadSynonyms(strings.NewReader("老人 => 长者, 为老, 适老\n"))
	if err != nil {
		panic(err)
	}
	fmt.Println(syn.Merge(analyzer.DefaultSynonyms()).Lookup("老人")[:3])
	// Output:
	// [长者 为老 适老]
}
