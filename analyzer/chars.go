package analyzer

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// CharsName is the character analyzer registered with bleve, for a field
// beside the word field that finds text regardless of word boundaries, as
// CJK search engines index Han text (Lucene's CJKBigramFilter with
// outputUnigrams, Elasticsearch's cjk analyzer):
//
//   - every Han character is one position; at it stand the character
//     itself (a unigram, so that a single character is searchable on its
//     own) and, when the next character of the run is Han too, the pair
//     it begins (a bigram): 区级财政 → 区@1 区级@1 级@2 级财@2 财@3 财政@3 政@4;
//   - a run of letters and digits (A3, 2023, 5g; a decimal point between
//     digits included: 37.55) is one token at one position;
//   - anything else (space, punctuation) separates: the next token skips
//     a position, so that no phrase matches across it.
//
// Terms are folded as the word analyzers fold them (full-width to
// half-width, Traditional to Simplified, lower case). A text of n Han
// characters in a row is found by the phrase of its n−1 bigrams (CharsPhrase).
const CharsName = "reportsearch_chars"

func init() {
	must(registry.RegisterAnalyzer(CharsName, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return CharsAnalyzer{}, nil
	}))
}

// CharsAnalyzer is the analyzer CharsName.
type CharsAnalyzer struct{}

// Analyze implements analysis.Analyzer.
func (CharsAnalyzer) Analyze(text []byte) analysis.TokenStream {
	var out analysis.TokenStream
	CharTokens(text, func(term []byte, start, end, pos int) {
		typ := analysis.Ideographic
		if r, _ := utf8.DecodeRune(term); !isHan(r) {
			typ = analysis.AlphaNumeric
		}
		out = append(out, &analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: typ})
	})
	return out
}

// CharTokens calls fn for every token CharsAnalyzer makes of text, in
// order: the folded term (a new slice), its byte offsets in text and its
// position (from 1).
func CharTokens(text []byte, fn func(term []byte, start, end, position int)) {
	pos := 0
	gap := false // something not a token since the last one
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		f := foldRune(r)
		switch cl := classOf(f); {
		case r == utf8.RuneError && n <= 1:
			gap = true
			i += n
		case cl == clHan:
			pos++
			if gap {
				pos++
				gap = false
			}
			term := utf8.AppendRune(nil, f)
			fn(term, i, i+n, pos)
			if j := i + n; j < len(text) {
				r2, n2 := utf8.DecodeRune(text[j:])
				if f2 := foldRune(r2); classOf(f2) == clHan {
					fn(utf8.AppendRune(term[:len(term):len(term)], f2), i, j+n2, pos)
				}
			}
			i += n
		case cl == clDigit || cl == clAlnum:
			j := i
			var term []byte
			for j < len(text) {
				r2, n2 := utf8.DecodeRune(text[j:])
				f2 := foldRune(r2)
				c2 := classOf(f2)
				if c2 == clOther && f2 == '.' && len(term) > 0 && term[len(term)-1] >= '0' && term[len(term)-1] <= '9' && j+n2 < len(text) {
					// a decimal point between digits: 37.55
					r3, _ := utf8.DecodeRune(text[j+n2:])
					if f3 := foldRune(r3); f3 >= '0' && f3 <= '9' {
						term = append(term, '.')
						j += n2
						continue
					}
				}
				if c2 != clDigit && c2 != clAlnum {
					break
				}
				term = utf8.AppendRune(term, lower(f2))
				j += n2
			}
			pos++
			if gap {
				pos++
				gap = false
			}
			fn(term, i, j, pos)
			i = j
		default:
			gap = true
			i += n
		}
	}
}

func lower(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// CharsPhrase returns the terms that find text in a field analysed by
// CharsName, one per position from the first token's, "" where any term
// may stand (a phrase query's gap): for each Han character the bigram it
// begins with the next one, the last character of a run of two or more
// being covered by the bigram before it (its position is ""); a lone Han
// character as a unigram; a run of letters and digits as its token; "" for
// the position skipped after space or punctuation. nil when text has no
// token. 区级财政 → [区级 级财 财政]; A3-1 → [a3 "" 1]; 13号线 → [13 号线].
func CharsPhrase(text string) []string {
	var out []string
	first := 0
	covered := -1 // the position a bigram before it covers
	CharTokens([]byte(text), func(term []byte, _, _, pos int) {
		if first == 0 {
			first = pos
		}
		i := pos - first
		for len(out) <= i {
			out = append(out, "")
		}
		r, _ := utf8.DecodeRune(term)
		switch {
		case !isHan(r):
			out[i] = string(term)
		case utf8.RuneCount(term) == 2: // the bigram at pos
			out[i] = string(term)
			covered = pos + 1
		case pos != covered:
			out[i] = string(term) // the unigram, unless a bigram follows
		}
	})
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}
