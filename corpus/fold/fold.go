// Package fold is the character normalization shared by the report parser,
// figure extraction and the analyzer, so that what is extracted and what is
// searched are normalized the same way everywhere.
//
// Folding maps one character to one character (Rune): full-width ASCII to
// ASCII (１９９５ → 1995), the ideographic space U+3000 to a space,
// Traditional characters to Simplified ones (億 → 亿, from OpenCC's
// TSCharacters table), letters to lower case. Ignorable characters
// (zero-width spaces and joiners, the byte order mark, soft hyphens,
// bidirectional controls) are neither shown nor searched: String and Map
// drop them.
package fold

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// t2s.txt maps Traditional characters to Simplified ones, one pair a line;
// analyzer/internal/mkdict derives it from OpenCC's TSCharacters.txt,
// leaving out characters that are themselves Simplified.
//
//go:embed t2s.txt
var t2sData string

// t2sMap maps the characters from t2sBase to 0xFFFF to their Simplified
// form (0 where there is none) in near; others are looked up in far.
type t2sMap struct {
	near []rune
	far  map[rune]rune
}

const t2sBase = 0x3400

var t2sTable = sync.OnceValue(func() *t2sMap {
	m := &t2sMap{near: make([]rune, 0x10000-t2sBase), far: map[rune]rune{}}
	for _, line := range strings.Split(t2sData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		t, n := utf8.DecodeRuneInString(line)
		if n >= len(line) || line[n] != ' ' || t < t2sBase {
			continue
		}
		s, _ := utf8.DecodeRuneInString(line[n+1:])
		if t < 0x10000 {
			m.near[t-t2sBase] = s
		} else {
			m.far[t] = s
		}
	}
	return m
})

// Rune maps one character to its folded form; characters without one map
// to themselves. It never changes the number of characters, which keeps
// offsets simple. Ignorable characters are returned unchanged: callers
// that drop them test Ignorable.
func Rune(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case 0xFF01 <= r && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r == 0x3000: // ideographic space
		return ' '
	case r >= t2sBase:
		tab := t2sTable()
		if r < 0x10000 {
			if s := tab.near[r-t2sBase]; s != 0 {
				return s
			}
		} else if s, ok := tab.far[r]; ok {
			return s
		}
		return r
	}
	return unicode.ToLower(r)
}

// Ignorable reports whether r is an invisible format character that must
// neither show nor split a word: zero-width space, non-joiner and joiner
// (U+200B–U+200D), the word joiner and invisible operators (U+2060–U+2064),
// the byte order mark U+FEFF, the soft hyphen U+00AD, the Mongolian vowel
// separator U+180E, and the bidirectional controls (U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069), which could otherwise reorder what a
// reader sees.
func Ignorable(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0xAD, r == 0x180E, r == 0xFEFF:
		return true
	case 0x200B <= r && r <= 0x200F:
		return true
	case 0x202A <= r && r <= 0x202E:
		return true
	case 0x2060 <= r && r <= 0x2064:
		return true
	case 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// Strip returns s without its ignorable characters (s itself when it has
// none). Invalid bytes are kept.
func Strip(s string) string {
	for i, r := range s {
		if Ignorable(r) {
			return strip(s, i)
		}
	}
	return s
}

func strip(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for j := i; j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !Ignorable(r) {
			b.WriteString(s[j : j+n])
		}
		j += n
	}
	return b.String()
}

// String folds every character of s with Rune and drops ignorable ones;
// invalid bytes are kept. It returns s itself when nothing changes.
func String(s string) string {
	for i, r := range s {
		if r != utf8.RuneError && (Ignorable(r) || Rune(r) != r) {
			return Map(s[i:]).prefixed(s[:i])
		}
	}
	return s
}

// Text is a folded text that remembers where each of its bytes came from.
type Text struct {
	S   string // the folded text: String of the source
	src []int  // src[i] is the source byte offset of S[i]; src[len(S)] is the source's length
}

// Map folds s as String does and records, for every byte of the result,
// the byte offset in s it came from, so that a span found in the folded
// text can be mapped back (Source) onto the text as written.
func Map(s string) Text {
	var b strings.Builder
	b.Grow(len(s))
	src := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteByte(s[i])
			src = append(src, i)
		case Ignorable(r):
		default:
			f := Rune(r)
			before := b.Len()
			b.WriteRune(f)
			for k := before; k < b.Len(); k++ {
				src = append(src, i)
			}
		}
		i += n
	}
	src = append(src, len(s))
	return Text{S: b.String(), src: src}
}

// prefixed returns p followed by t.S, for String's fast path.
func (t Text) prefixed(p string) string { return p + t.S }

// Source returns the byte offset in the source text of byte i of t.S, for
// 0 ≤ i ≤ len(t.S). A span [i, j) of t.S maps to [Source(i), Source(j)) of
// the source, which covers the same characters (and any ignorable ones
// between them).
func (t Text) Source(i int) int { return t.src[i] }
