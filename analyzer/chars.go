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
//   - a joiner (- / : . _) between two such runs is a token of its own
//     (A3-1 → a3 - 1, 9:30 → 9 : 30);
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
// order: the folded term, its byte offsets in text and its position (from
// 1). Terms point into one folded copy of text made per call: fn may keep
// them, never change them.
func CharTokens(text []byte, fn func(term []byte, start, end, position int)) {
	// the folded characters, their classes and offsets in text and in buf
	n := utf8.RuneCount(text)
	buf := make([]byte, 0, len(text)+8)
	offs := make([]int32, 0, n+1)  // in text
	foffs := make([]int32, 0, n+1) // in buf
	cls := make([]int8, 0, n)
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRune(text[i:])
		f := foldRune(r)
		c := int8(classOf(f))
		if r == utf8.RuneError && w <= 1 {
			c = clOther
		}
		offs = append(offs, int32(i))
		foffs = append(foffs, int32(len(buf)))
		cls = append(cls, c)
		buf = utf8.AppendRune(buf, f)
		i += w
	}
	offs = append(offs, int32(len(text)))
	foffs = append(foffs, int32(len(buf)))
	term := func(i, j int) []byte { return buf[foffs[i]:foffs[j]:foffs[j]] }

	pos := 0
	gap := false // something not a token since the last one
	next := func() int {
		pos++
		if gap {
			pos++
			gap = false
		}
		return pos
	}
	for i := 0; i < len(cls); {
		switch cls[i] {
		case clHan:
			p := next()
			fn(term(i, i+1), int(offs[i]), int(offs[i+1]), p)
			if i+1 < len(cls) && cls[i+1] == clHan {
				fn(term(i, i+2), int(offs[i]), int(offs[i+2]), p)
			}
			i++
		case clDigit, clAlnum:
			j := i + 1
			for j < len(cls) {
				if cls[j] == clDigit || cls[j] == clAlnum {
					j++
					continue
				}
				// a decimal point between digits: 37.55
				if buf[foffs[j]] == '.' && foffs[j+1]-foffs[j] == 1 && cls[j-1] == clDigit && j+1 < len(cls) && cls[j+1] == clDigit {
					j++
					continue
				}
				break
			}
			fn(term(i, j), int(offs[i]), int(offs[j]), next())
			i = j
		default:
			if isJoiner(buf[foffs[i]:foffs[i+1]]) && i > 0 && i+1 < len(cls) && isAlnumClass(cls[i-1]) && isAlnumClass(cls[i+1]) {
				// a joiner of a code, date or time (A3-1, 2023/12, 9:30): a
				// token, so that 9:30 is not 9时30
				fn(term(i, i+1), int(offs[i]), int(offs[i+1]), next())
			} else {
				gap = true
			}
			i++
		}
	}
}

func isAlnumClass(c int8) bool { return c == clDigit || c == clAlnum }

// isJoiner reports whether the folded character b joins the letters and
// digits of a code, date or time.
func isJoiner(b []byte) bool {
	return len(b) == 1 && (b[0] == '-' || b[0] == '/' || b[0] == ':' || b[0] == '.' || b[0] == '_')
}

// CharsPhrase returns the terms that find text in a field analysed by
// CharsName, one per position from the first token's, "" where any term
// may stand (a phrase query's gap): for each Han character the bigram it
// begins with the next one, the last character of a run of two or more
// being covered by the bigram before it (its position is ""); a lone Han
// character as a unigram; a run of letters and digits as its token; "" for
// the position skipped after space or punctuation. nil when text has no
// token. 区级财政 → [区级 级财 财政]; A3-1 → [a3 - 1]; 13号线 → [13 号线].
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
