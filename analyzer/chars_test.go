package analyzer

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestCharTokens(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"区级财政", "区@1[0,3] 区级@1[0,6] 级@2[3,6] 级财@2[3,9] 财@3[6,9] 财政@3[6,12] 政@4[9,12]"},
		{"A3-1万", "a3@1[0,2] -@2[2,3] 1@3[3,4] 万@4[4,7]"},
		{"9:30，-1", "9@1[0,1] :@2[1,2] 30@3[2,4] 1@5[8,9]"},
		{"37.55亿元", "37.55@1[0,5] 亿@2[5,8] 亿元@2[5,11] 元@3[8,11]"},
		{"桥，河", "桥@1[0,3] 河@3[6,9]"},
		{"國際", "国@1[0,3] 国际@1[0,6] 际@2[3,6]"},
		{"ＧＤＰ", "gdp@1[0,9]"},
		{"", ""},
	} {
		var got []string
		CharTokens([]byte(c.in), func(term []byte, start, end, pos int) {
			got = append(got, fmt.Sprintf("%s@%d[%d,%d]", term, pos, start, end))
		})
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("CharTokens(%q) = %s, want %s", c.in, g, c.want)
		}
	}
}

func TestCharsPhrase(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"区级财政", []string{"区级", "级财", "财政"}},
		{"桥", []string{"桥"}},
		{"时来", []string{"时来"}},
		{"A3-1", []string{"a3", "-", "1"}},
		{"A3 1", []string{"a3", "", "1"}},
		{"13号线", []string{"13", "号线"}},
		{"区级财政A", []string{"区级", "级财", "财政", "", "a"}},
		{"，。", nil},
	} {
		if got := CharsPhrase(c.in); !slices.Equal(got, c.want) {
			t.Errorf("CharsPhrase(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzCharTokens checks that tokens lie on character boundaries inside the
// text, in order, with positions that never go back, and that the text's
// own CharsPhrase is found among its tokens at consecutive positions.
func FuzzCharTokens(f *testing.F) {
	for _, s := range []string{"区级财政", "A3-1万", "國際，桥", "37.55亿元", "\xff桥\xfe", "ＧＤＰ增长5%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		at := map[int][]string{}
		last, lastStart := 0, 0
		CharTokens([]byte(s), func(term []byte, start, end, pos int) {
			if start < lastStart || start >= end || end > len(s) || pos < last || len(term) == 0 {
				t.Fatalf("%q: token %q [%d,%d) at %d after [%d,…) at %d", s, term, start, end, pos, lastStart, last)
			}
			last, lastStart = pos, start
			at[pos] = append(at[pos], string(term))
		})
		phrase := CharsPhrase(s)
		if len(phrase) == 0 {
			return
		}
		first := 0
		for p := range at {
			if first == 0 || p < first {
				first = p
			}
		}
		for i, term := range phrase {
			if term != "" && !slices.Contains(at[first+i], term) {
				t.Fatalf("%q: phrase term %q not at position %d (%q)", s, term, first+i, at[first+i])
			}
		}
	})
}
