package analyzer

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// FoldFilterName is the token filter that normalises terms character by
// character: full-width letters, digits and signs to half-width,
// Traditional characters to Simplified, letters to lower case.
const FoldFilterName = "reportsearch_zh_fold"

// t2s.txt maps Traditional characters to Simplified ones, one pair a line;
// internal/mkdict derives it from OpenCC's TSCharacters.txt, leaving out
// characters that are themselves Simplified.
//
//go:embed t2s.txt
var t2sData string

// t2sTable maps the characters from t2sBase to 0xFFFF to their Simplified
// form (0 where there is none); others are looked up in t2sTable.far.
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

// foldRune maps one character to its normalised form. It maps one
// character to one character, which keeps offsets simple.
func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case 0xFF01 <= r && r <= 0xFF5E: // full-width ASCII
		return foldRune(r - 0xFEE0)
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

// foldString folds every character of s; invalid bytes are kept.
func foldString(s string) string {
	for i, r := range s {
		if r != utf8.RuneError && foldRune(r) != r {
			return foldFrom(s, i)
		}
	}
	return s
}

// foldFrom folds s from byte i on.
func foldFrom(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	s = s[i:]
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteByte(s[i])
		} else {
			b.WriteRune(foldRune(r))
		}
		i += n
	}
	return b.String()
}

// foldBytesFrom returns a copy of b folded from byte i on; invalid bytes
// are kept.
func foldBytesFrom(b []byte, i int) []byte {
	out := make([]byte, i, len(b))
	copy(out, b[:i])
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			out = append(out, b[i])
		} else {
			out = utf8.AppendRune(out, foldRune(r))
		}
		i += n
	}
	return out
}

// foldTerm returns term folded as FoldFilter folds it: term itself when
// folding changes nothing.
func foldTerm(term []byte) []byte {
	for i := 0; i < len(term); {
		r, n := utf8.DecodeRune(term[i:])
		if r != utf8.RuneError && foldRune(r) != r {
			return foldBytesFrom(term, i)
		}
		i += n
	}
	return term
}

// FoldFilter normalises terms with foldRune.
type FoldFilter struct{}

// Filter folds the term of every token in place.
func (FoldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		t.Term = foldTerm(t.Term)
	}
	return input
}

// FoldFilterConstructor builds a FoldFilter; it takes no configuration.
func FoldFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return FoldFilter{}, nil
}
