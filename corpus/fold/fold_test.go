package fold

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRune(t *testing.T) {
	for _, c := range []struct{ in, want rune }{
		{'１', '1'}, {'Ａ', 'a'}, {'％', '%'}, {'．', '.'}, {'　', ' '},
		{'億', '亿'}, {'萬', '万'}, {'這', '这'}, {'养', '养'}, {'A', 'a'}, {'7', '7'},
		{'Ä', 'ä'}, {'\u200b', '\u200b'},
	} {
		if got := Rune(c.in); got != c.want {
			t.Errorf("Rune(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"养\u200b老", "养老"},
		{"37.55億元", "37.55亿元"},
		{"１９９５年", "1995年"},
		{"\ufeff政府\u202e工作", "政府工作"},
		{"plain 文本", "plain 文本"},
		{"bad\xffbyte", "bad\xffbyte"},
	} {
		if got := String(c.in); got != c.want {
			t.Errorf("String(%q) = %q; want %q", c.in, got, c.want)
		}
		if got := Map(c.in).S; got != c.want {
			t.Errorf("Map(%q).S = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestStrip(t *testing.T) {
	if got := Strip("a\u200db\u2066c\u00add"); got != "abcd" {
		t.Errorf("Strip = %q; want abcd", got)
	}
	if got := Strip("億"); got != "億" {
		t.Errorf("Strip(億) = %q; want it unchanged", got)
	}
}

// TestMapSource checks that every span of the folded text maps back onto
// the source characters it came from.
func TestMapSource(t *testing.T) {
	src := "收入３７．５５億元\u200b、同比增长２８．５％"
	m := Map(src)
	i := strings.Index(m.S, "37.55亿元")
	if i < 0 {
		t.Fatalf("Map(%q).S = %q; want it to hold 37.55亿元", src, m.S)
	}
	j := i + len("37.55亿元")
	if got := src[m.Source(i):m.Source(j)]; got != "３７．５５億元\u200b" {
		t.Errorf("source of 37.55亿元 = %q", got)
	}
	if m.Source(len(m.S)) != len(src) {
		t.Errorf("Source(end) = %d; want %d", m.Source(len(m.S)), len(src))
	}
}

func FuzzMap(f *testing.F) {
	for _, s := range []string{"养\u200b老", "３７．５５億元", "\xff\xfe", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := Map(s)
		if m.S != String(s) {
			t.Fatalf("Map(%q).S = %q; String = %q", s, m.S, String(s))
		}
		prev := 0
		for i := 0; i <= len(m.S); i++ {
			o := m.Source(i)
			if o < prev || o > len(s) {
				t.Fatalf("Source(%d) = %d after %d (len %d)", i, o, prev, len(s))
			}
			prev = o
		}
		for i, r := range m.S {
			if r == utf8.RuneError {
				continue
			}
			o := m.Source(i)
			sr, _ := utf8.DecodeRuneInString(s[o:])
			if Rune(sr) != r {
				t.Fatalf("S[%d] = %q comes from %q", i, r, sr)
			}
		}
	})
}
