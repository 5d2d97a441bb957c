package analyzer

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// tok is the expected token: term, start, end, position.
type tok struct {
	term       string
	start, end int
	pos        int
}

func toks(ts []Token) []tok {
	out := make([]tok, len(ts))
	for i, t := range ts {
		out[i] = tok{t.Term, t.Start, t.End, t.Position}
	}
	return out
}

func TestAnalyzeIndex(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []tok
	}{
		{"sub-words at the word's position", "高新技术企业50家", []tok{
			{"高新技术企业", 0, 18, 1}, {"高新技术", 0, 12, 1}, {"高新", 0, 6, 1}, {"技术", 6, 12, 1}, {"企业", 12, 18, 1},
			{"50家", 18, 23, 2}, {"50", 18, 20, 2}, {"家", 20, 23, 2},
		}},
		{"domain word with sub-word", "智慧电梯物联网", []tok{
			{"智慧", 0, 6, 1}, {"电梯", 6, 12, 2}, {"物联网", 12, 21, 3}, {"联网", 15, 21, 3},
		}},
		{"a whole-input word is kept", "前湾", []tok{{"前湾", 0, 6, 1}}},
		{"decimal with magnitude and unit", "收入37.55亿元、同比增长28.5%", []tok{
			{"收入", 0, 6, 1},
			{"37.55亿元", 6, 17, 2}, {"37.55", 6, 11, 2}, {"37.55亿", 6, 14, 2}, {"亿元", 11, 17, 2},
			{"同比", 20, 26, 3}, {"增长", 26, 32, 4},
			{"28.5%", 32, 37, 5}, {"28.5", 32, 36, 5},
		}},
		{"magnitude, 余 and unit", "4万余户", []tok{{"4万余户", 0, 10, 1}, {"4", 0, 1, 1}, {"4万", 0, 4, 1}, {"户", 7, 10, 1}}},
		{"area unit and its sub-word", "6.35万平方米", []tok{
			{"6.35万平方米", 0, 16, 1}, {"6.35", 0, 4, 1}, {"6.35万", 0, 7, 1}, {"万平方米", 4, 16, 1}, {"平方米", 7, 16, 1}, {"平方", 7, 13, 1},
		}},
		{"a unit does not eat the next word", "18家居村", []tok{
			{"18家", 0, 5, 1}, {"18", 0, 2, 1}, {"家", 2, 5, 1}, {"居村", 5, 11, 2},
		}},
		{"number without unit, dashes and plus", "1+5+48 2023-2027年", []tok{
			{"1", 0, 1, 1}, {"5", 2, 3, 2}, {"48", 4, 6, 3},
			{"2023", 7, 11, 4}, {"2027年", 12, 19, 5}, {"2027", 12, 16, 5}, {"年", 16, 19, 5},
		}},
		{"Latin case-folded", "前湾YUE章挂牌CNS", []tok{
			{"前湾", 0, 6, 1}, {"yue", 6, 9, 2}, {"章", 9, 12, 3}, {"挂牌", 12, 18, 4}, {"cns", 18, 21, 5},
		}},
		{"Latin with digits", "S26人城段 5G", []tok{
			{"s26", 0, 3, 1}, {"人", 3, 6, 2}, {"城", 6, 9, 3}, {"段", 9, 12, 4}, {"5g", 13, 15, 5},
		}},
		{"full-width letters and digits", "ＹＵＥ章２.７６亿元", []tok{
			{"yue", 0, 9, 1}, {"章", 9, 12, 2}, {"2.76亿元", 12, 28, 3}, {"2.76", 12, 22, 3}, {"2.76亿", 12, 25, 3}, {"亿元", 22, 28, 3},
		}},
		{"full-width percent", "３５．６％", []tok{{"35.6%", 0, 15, 1}, {"35.6", 0, 12, 1}}},
		{"Traditional folded, offsets into the original", "華漕鎮區級財政", []tok{
			{"华漕镇", 0, 9, 1}, {"华漕", 0, 6, 1}, {"区级", 9, 15, 2}, {"财政", 15, 21, 3},
		}},
		{"touching characters stay apart", "绿化工程", []tok{{"绿化", 0, 6, 1}, {"工程", 6, 12, 2}}},
		{"road name before a pocket park", "纪翟路口袋公园", []tok{
			{"纪翟路", 0, 9, 1}, {"口袋", 9, 15, 2}, {"公园", 15, 21, 3},
		}},
		{"punctuation and spaces dropped", "“一网通办”服务", []tok{
			{"一网通办", 3, 15, 1}, {"一网通", 3, 12, 1}, {"网通", 6, 12, 1}, {"服务", 18, 24, 2},
		}},
		{"no sub-word inside a numeral", "二十大精神", []tok{{"二十大", 0, 9, 1}, {"精神", 9, 15, 2}}},
		{"empty", "", []tok{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := toks(Analyze(tt.text, false))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Analyze(%q, false)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestAnalyzeQuery(t *testing.T) {
	tests := []struct {
		text string
		want []tok
	}{
		{"高新技术企业", []tok{{"高新技术企业", 0, 18, 1}}},
		{"技术", []tok{{"技术", 0, 6, 1}}},
		{"2.76亿元", []tok{{"2.76亿元", 0, 10, 1}}},
		{"2.76", []tok{{"2.76", 0, 4, 1}}},
		{"亿元", []tok{{"亿元", 0, 6, 1}}},
		{"35.6%", []tok{{"35.6%", 0, 5, 1}}},
		{"華漕", []tok{{"华漕", 0, 6, 1}}},
		{"yue", []tok{{"yue", 0, 3, 1}}},
		{"化工", []tok{{"化工", 0, 6, 1}}},
		{"路口", []tok{{"路口", 0, 6, 1}}},
		{"物联网", []tok{{"物联网", 0, 9, 1}}},
		{"老人 看病", []tok{{"老人", 0, 6, 1}, {"看病", 7, 13, 2}}},
	}
	for _, tt := range tests {
		got := toks(Analyze(tt.text, true))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Analyze(%q, true)\n got %v\nwant %v", tt.text, got, tt.want)
		}
	}
}

func TestTypes(t *testing.T) {
	var got []string
	for _, tk := range Analyze("华漕2.76亿元YUE", false) {
		got = append(got, tk.Term+":"+tk.Type)
	}
	want := []string{"华漕:word", "2.76亿元:number", "2.76:subword", "2.76亿:subword", "亿元:subword", "yue:latin"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("types = %v; want %v", got, want)
	}
}

func reportLines(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile("testdata/huacao-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// terms returns the index terms of text.
func terms(text string) map[string]bool {
	m := map[string]bool{}
	for _, tk := range Analyze(text, false) {
		m[tk.Term] = true
	}
	return m
}

// found reports whether every query token of q is an index term of text.
func found(q, text string) bool {
	idx := terms(text)
	qt := Analyze(q, true)
	for _, tk := range qt {
		if !idx[tk.Term] {
			return false
		}
	}
	return len(qt) > 0
}

// TestReportFinds checks what readers type against the report's own lines.
func TestReportFinds(t *testing.T) {
	lines := reportLines(t)
	line := func(sub string) string {
		for _, l := range lines {
			if strings.Contains(l, sub) {
				return l
			}
		}
		t.Fatalf("no report line contains %q", sub)
		return ""
	}
	tests := []struct {
		query, in string
		want      bool
	}{
		{"技术", "新认定高新技术企业50家", true},
		{"高新技术企业", "新认定高新技术企业50家", true},
		{"物联网", "推动智慧电梯物联网建设", true},
		{"2.76亿元", "兑现项目扶持资金2.76亿元", true},
		{"2.76", "兑现项目扶持资金2.76亿元", true},
		{"亿元", "兑现项目扶持资金2.76亿元", true},
		{"2.76亿", "兑现项目扶持资金2.76亿元", true},
		{"830万", "争取高新技术企业区级扶持830万元", true},
		{"35.6%", "同比增长35.6%", true},
		{"35.6", "同比增长35.6%", true},
		{"35", "同比增长35.6%", false}, // a decimal is never split
		{"YUE", "打造“前湾YUE章”", true},
		{"yue", "打造“前湾YUE章”", true},
		{"CNS", "取得国际安全社区认证", false},
		{"ＣＮＳ", "挂牌CNS全市首个", true},
		{"華漕", "举办华漕镇优化营商环境投资促进会", true},
		{"前湾", "前湾大讲堂6次", true},
		{"南虹桥", "南虹桥集建区腾地441亩", true},
		{"王泥浜村", "王泥浜村荣获", true},
		{"平方米", "去化面积6.35万平方米", true},
		// characters that only touch across a word boundary
		{"化工", "开展城市美化、亮化、绿化工程", false},
		{"化工", "2个村人居环境优化工程", false},
		{"路口", "建设纪翟路口袋公园", false},
		{"入学", "深入学习贯彻党的二十大精神", false},
		{"增税", "新增税收实现9283万元", false},
		{"迁安", "完成动迁安置基地三期", false},
		{"区长", "3家社区长者食堂", false},
		{"建华", "新建华漕综合为老服务中心", false},
		{"区内", "有效统筹集建区内外发展", false},
		{"全社", "取得国际安全社区认证", false},
		{"国特", "中国特色社会主义思想", false},
		{"十大", "深入学习贯彻党的二十大精神", false},
		{"十大", "城市管理“十大乱象”专项整治", true},
	}
	for _, tt := range tests {
		in := line(tt.in)
		if got := found(tt.query, in); got != tt.want {
			t.Errorf("query %q in %q: found = %v; want %v (tokens %v)", tt.query, tt.in, got, tt.want, toks(Analyze(tt.in, false)))
		}
	}
}

// TestReportInvariants checks every line of the report: index terms are the
// folded text at their offsets, and each query word of a line is found in it.
func TestReportInvariants(t *testing.T) {
	for _, l := range reportLines(t) {
		checkInvariants(t, l, Analyze(l, false), true)
		idx := terms(l)
		for _, q := range Analyze(l, true) {
			if !idx[q.Term] {
				t.Errorf("query token %q of line %q is not an index term", q.Term, l)
			}
		}
	}
}

// checkInvariants checks offsets, positions and (for the index side) terms.
func checkInvariants(t *testing.T, text string, ts []Token, index bool) {
	t.Helper()
	bounds := map[int]bool{len(text): true}
	for i := 0; i < len(text); {
		bounds[i] = true
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	last := 0
	for _, tk := range ts {
		if tk.Start < 0 || tk.Start >= tk.End || tk.End > len(text) {
			t.Fatalf("Analyze(%q): token %+v: offsets out of range", text, tk)
		}
		if !bounds[tk.Start] || !bounds[tk.End] {
			t.Fatalf("Analyze(%q): token %+v: offsets not on character boundaries", text, tk)
		}
		if tk.Position < last || tk.Position < 1 {
			t.Fatalf("Analyze(%q): token %+v: position after %d", text, tk, last)
		}
		last = tk.Position
		if index && tk.Term != foldString(text[tk.Start:tk.End]) {
			t.Fatalf("Analyze(%q): token %+v: term is not the folded text %q", text, tk, text[tk.Start:tk.End])
		}
		if tk.Term == "" || !utf8.ValidString(tk.Term) {
			t.Fatalf("Analyze(%q): token %+v: bad term", text, tk)
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"高新技术企业50家", "2.76亿元、35.6%", "華漕ＹＵＥ", "1.2.3.", "\xff\xfe中", "4万余", "5g3d", "百万亿元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkInvariants(t, s, Analyze(s, false), true)
		checkInvariants(t, s, Analyze(s, true), false)
		sameTokens(t, s)
	})
}

func TestNewDictionary(t *testing.T) {
	const text = "鹭鸶湾畔"
	before := toks(Analyze(text, true))
	if len(before) == 1 {
		t.Fatalf("Analyze(%q) = %v without the word; want several tokens", text, before)
	}
	d := NewDictionary([]string{"鹭鸶湾", "", "12", "鹭鸶湾"})
	want := []tok{{"鹭鸶湾", 0, 9, 1}, {"畔", 9, 12, 2}}
	if got := toks(d.Analyze(text, true)); !reflect.DeepEqual(got, want) {
		t.Errorf("with 鹭鸶湾: Analyze(%q) = %v; want %v", text, got, want)
	}
	// Traditional input finds the added word too.
	if got := toks(d.Analyze("鷺鷥灣畔", true)); !reflect.DeepEqual(got, want) {
		t.Errorf("with 鹭鸶湾: Analyze(%q) = %v; want %v", "鷺鷥灣畔", got, want)
	}
	// The default dictionary and others made before or after are untouched.
	other := NewDictionary([]string{"凤鸣山庄"})
	for _, dd := range []*Dictionary{DefaultDictionary(), other} {
		if got := toks(dd.Analyze(text, true)); !reflect.DeepEqual(got, before) {
			t.Errorf("a dictionary without 鹭鸶湾: Analyze(%q) = %v; want %v", text, got, before)
		}
	}
	// Fingerprints tell dictionaries apart, and only by their words.
	if d.Fingerprint() == DefaultDictionary().Fingerprint() || d.Fingerprint() == other.Fingerprint() {
		t.Error("dictionaries with other words share a fingerprint")
	}
	if d.Fingerprint() != NewDictionary(d.Words()).Fingerprint() {
		t.Error("two dictionaries of the same words differ in fingerprint")
	}
	if NewDictionary(nil).Fingerprint() != DefaultDictionary().Fingerprint() {
		t.Error("NewDictionary(nil) differs from DefaultDictionary")
	}
}

// TestConcurrent analyses the report from several goroutines, each with
// its own dictionary or the shared one; run with -race.
func TestConcurrent(t *testing.T) {
	lines := reportLines(t)
	want := make([][]Token, len(lines))
	for i, l := range lines {
		want[i] = Analyze(l, false)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := DefaultDictionary()
			if g%2 == 1 {
				d = NewDictionary([]string{"龙吟水榭", "凤鸣山庄"}) // words the report does not contain
			}
			for i, l := range lines {
				if got := d.Analyze(l, false); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("concurrent Analyze(%q) differs", l)
					return
				}
				d.Analyze(l, true)
			}
		}()
	}
	wg.Wait()
}

// indexTokens returns what IndexTokens hands out, as Tokens.
func indexTokens(text string) []Token {
	var out []Token
	DefaultDictionary().IndexTokens([]byte(text), func(term []byte, start, end, pos int) {
		out = append(out, Token{Term: string(term), Start: start, End: end, Position: pos})
	})
	return out
}

// sameTokens reports whether IndexTokens hands out the terms, offsets and
// positions of the index-side analyzer.
func sameTokens(t *testing.T, text string) {
	t.Helper()
	want := Analyze(text, false)
	got := indexTokens(text)
	if len(got) != len(want) {
		t.Fatalf("IndexTokens(%q): %d tokens, want %d:\n got %v\nwant %v", text, len(got), len(want), got, want)
	}
	for i := range want {
		w := want[i]
		w.Type = ""
		if got[i] != w {
			t.Fatalf("IndexTokens(%q): token %d is %+v, want %+v", text, i, got[i], w)
		}
	}
}

// TestIndexTokens checks IndexTokens against the index-side analyzer on the
// report and on texts that fold, carry numbers and units, run long, or
// follow a longer text (its buffers are reused from call to call).
func TestIndexTokens(t *testing.T) {
	texts := append(reportLines(t),
		"", "華漕鎮ＹＵＥ２０２３年", "37.55亿元、28.5%、50家、1.2.3.", "高新技术企业高新技术企业",
		strings.Repeat("鬯鬱鬲", 300)+"华漕", "ABC abc 5g3d \xff\xfe中", "4万余、百万亿元")
	for _, text := range texts {
		sameTokens(t, text)
	}
	for i := len(texts) - 1; i >= 0; i-- { // long texts before short ones
		sameTokens(t, texts[i])
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, text := range texts {
				if got, want := len(indexTokens(text)), len(Analyze(text, false)); got != want {
					t.Errorf("concurrent IndexTokens(%q): %d tokens, want %d", text, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestIgnorableCharacters checks that invisible format characters (a
// zero-width space, a BOM, a bidirectional control) inside a word neither
// split it nor reach its term, on both sides.
func TestIgnorableCharacters(t *testing.T) {
	for _, query := range []bool{false, true} {
		for _, text := range []string{"养\u200b老", "养\ufeff老", "\u202e养老", "养老\u200d"} {
			var terms []string
			for _, tk := range Analyze(text, query) {
				if tk.Type != "subword" {
					terms = append(terms, tk.Term)
				}
			}
			if len(terms) != 1 || terms[0] != "养老" {
				t.Errorf("Analyze(%q, %v) terms = %q; want [养老]", text, query, terms)
			}
		}
	}
}
