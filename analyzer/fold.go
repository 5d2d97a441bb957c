package analyzer

import (
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

// foldString folds every character of s and drops the ignorable ones
// (fold.String); invalid bytes are kept.
func foldString(s string) string { return fold.String(s) }

// foldBytesFrom returns a copy of b folded from byte i on, without its
// ignorable characters; invalid bytes are kept.
func foldBytesFrom(b []byte, i int) []byte {
	out := make([]byte, i, len(b))
	copy(out, b[:i])
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			out = append(out, b[i])
		case !fold.Ignorable(r):
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
		if r >= 0x80 && r != utf8.RuneError && (foldRune(r) != r || fold.Ignorable(r)) || 'A' <= r && r <= 'Z' {
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
