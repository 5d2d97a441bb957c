package analyzer

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLoadSynonyms(t *testing.T) {
	s, err := LoadSynonyms(strings.NewReader(`# comment
老人 => 长者, 为老、适老   # trailing comment

看病, 就医，医疗
ＧＤＰ => 產值
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		term string
		want []string
	}{
		{"老人", []string{"长者", "为老", "适老"}},
		{"长者", nil}, // one way
		{"看病", []string{"就医", "医疗"}},
		{"医疗", []string{"看病", "就医"}},
		{"gdp", []string{"产值"}},
		{"GDP", []string{"产值"}},
		{"没有", nil},
	}
	for _, tt := range tests {
		if got := s.Lookup(tt.term); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Lookup(%q) = %q; want %q", tt.term, got, tt.want)
		}
	}
}

func TestLoadSynonymsErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"老人 => 长者\n孤单\n", "line 2"},
		{"a => b\n\n=> c\n", "line 3"},
		{"老人 =>\n", "line 1"},
		{"a => b => c\n", "line 1: more than one =>"},
		{"ok, fine\n\xff => a\n", "line 2: invalid UTF-8"},
	}
	for _, tt := range tests {
		_, err := LoadSynonyms(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadSynonyms(%q) error = %v; want one containing %q", tt.in, err, tt.want)
		}
	}
}

func TestMergeSynonyms(t *testing.T) {
	a, _ := LoadSynonyms(strings.NewReader("老人 => 长者\n"))
	b, _ := LoadSynonyms(strings.NewReader("老人 => 长者, 银发\n孩子 => 儿童\n"))
	m := a.Merge(b)
	if got, want := m.Lookup("老人"), []string{"长者", "银发"}; !reflect.DeepEqual(got, want) {
		t.Errorf("merged Lookup(老人) = %q; want %q", got, want)
	}
	if got := m.Lookup("孩子"); !reflect.DeepEqual(got, []string{"儿童"}) {
		t.Errorf("merged Lookup(孩子) = %q", got)
	}
	if got := a.Lookup("老人"); !reflect.DeepEqual(got, []string{"长者"}) {
		t.Errorf("Merge changed its receiver: Lookup(老人) = %q", got)
	}
	var none *Synonyms
	if got := none.Merge(a).Lookup("老人"); !reflect.DeepEqual(got, []string{"长者"}) {
		t.Errorf("nil.Merge(a).Lookup(老人) = %q", got)
	}
	if none.Lookup("老人") != nil {
		t.Error("nil Lookup returned terms")
	}
}

func TestDefaultSynonyms(t *testing.T) {
	s := DefaultSynonyms()
	groups := 0
	for _, l := range strings.Split(synonymsData, "\n") {
		if l = strings.TrimSpace(l); l != "" && l[0] != '#' {
			groups++
		}
	}
	if groups < 40 {
		t.Errorf("synonyms.txt has %d groups; want at least 40", groups)
	}
	for term, want := range map[string][]string{
		"老人":  {"长者", "为老", "适老", "养老", "高龄"},
		"孩子":  {"儿童", "幼儿", "托班", "青少年"},
		"看病":  {"医疗", "卫生", "就医", "卫生院"},
		"钱":   {"财政", "税收"},
		"上学":  {"教育", "学区"},
		"找工作": {"就业", "招聘"},
		"扔垃圾": {"垃圾分类"},
	} {
		got := s.Lookup(term)
		for _, w := range want {
			ok := false
			for _, g := range got {
				ok = ok || g == w
			}
			if !ok {
				t.Errorf("DefaultSynonyms().Lookup(%q) = %q; lacks %q", term, got, w)
			}
		}
	}
	// Every word a synonym widens to is a word the report finds: its
	// query-side analysis is one token, or words of two characters or more
	// that the index matches as a phrase (卫生服务站 → 卫生 服务站), never
	// loose characters.
	seen := map[string]bool{}
	for _, targets := range s.groups {
		for _, w := range targets {
			if seen[w] {
				continue
			}
			seen[w] = true
			q := Analyze(w, true)
			if len(q) == 1 && q[0].Term == w {
				continue
			}
			joined := ""
			for _, tok := range q {
				if utf8.RuneCountInString(tok.Term) < 2 {
					joined = ""
					break
				}
				joined += tok.Term
			}
			if joined != w {
				t.Errorf("synonym %q analyses to %v; want one token or a phrase of words", w, toks(q))
			}
		}
	}
}

func FuzzLoadSynonyms(f *testing.F) {
	f.Add("老人 => 长者, 为老\n看病, 医疗\n")
	f.Add("a => b => c\n")
	f.Add("\xff\n=>\n")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := LoadSynonyms(strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "synonyms: line ") {
				t.Fatalf("error %q does not name a line", err)
			}
			return
		}
		for term, gs := range s.refs {
			seen := map[string]bool{}
			for _, w := range s.Lookup(term) {
				if w == term || seen[w] {
					t.Fatalf("Lookup(%q) = %q: the term itself or a repeat", term, s.Lookup(term))
				}
				seen[w] = true
			}
			for _, g := range gs {
				if len(s.groups[g]) == 0 {
					t.Fatalf("term %q has an empty group", term)
				}
			}
		}
	})
}

// BenchmarkLoadSynonymsGroup reads one equivalence group of n terms: the
// time per term must stay flat as n grows (it was cubic: a group of 4,000
// terms took 481 s and 1 GB).
func BenchmarkLoadSynonymsGroup(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		var sb strings.Builder
		for i := range n {
			if i > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "词%d", i)
		}
		text := sb.String() + "\n"
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := LoadSynonyms(strings.NewReader(text)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/term")
		})
	}
}

// TestLoadSynonymsLargeGroup checks a group of many terms is read, each term
// widening to all the others once.
func TestLoadSynonymsLargeGroup(t *testing.T) {
	const n = 4000
	terms := make([]string, n)
	for i := range terms {
		terms[i] = fmt.Sprintf("词%d", i)
	}
	s, err := LoadSynonyms(strings.NewReader(strings.Join(terms, ",") + "\n" + terms[0] + " => 另一\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := s.Lookup(terms[0])
	if len(got) != n {
		t.Fatalf("Lookup(%q) has %d terms; want %d", terms[0], len(got), n)
	}
	if got[0] != terms[1] || got[n-1] != "另一" {
		t.Errorf("Lookup(%q) = [%q … %q]; want [%q … 另一]", terms[0], got[0], got[n-1], terms[1])
	}
}
