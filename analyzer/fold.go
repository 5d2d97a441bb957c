package analyzer

import (
	"strings"
	"unicode/utf8"

	"reportsearch/corpus/fold"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// FoldFilterName is the token filter that normalises terms character by
// character: full-width letters, digits and signs to half-width,
// Traditional characters to Simplified, letters to lower case.
const FoldFilterName = "reportsearch_zh_fold"

// foldRune maps one character to its normalised form (fold.Rune): one
// character to one character, which keeps offsets simple.
func foldRune(r rune) rune { return fold.Rune(r) }

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
