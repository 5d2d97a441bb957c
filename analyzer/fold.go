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

var t2sTable = sync.OnceValue(func() map[rune]rune {
	m := make(map[rune]rune, 4200)
	for _, line := range strings.Split(t2sData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		t, n := utf8.DecodeRuneInString(line)
		if n >= len(line) || line[n] != ' ' {
			continue
		}
		s, _ := utf8.DecodeRuneInString(line[n+1:])
		m[t] = s
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
	case r >= 0x3400:
		if s, ok := t2sTable()[r]; ok {
			return s
		}
		return r
	}
	return unicode.ToLower(r)
}

// foldString folds every character of s; invalid bytes are kept.
func foldString(s string) string {
	var b strings.Builder
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

// FoldFilter normalises terms with foldRune.
type FoldFilter struct{}

// Filter folds the term of every token in place.
func (FoldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		s := string(t.Term)
		if f := foldString(s); f != s {
			t.Term = []byte(f)
		}
	}
	return input
}

// FoldFilterConstructor builds a FoldFilter; it takes no configuration.
func FoldFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	return FoldFilter{}, nil
}
