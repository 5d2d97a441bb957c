package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"reportsearch/analyzer"
)

// unitKind tells how a unit of the query is matched.
type unitKind uint8

const (
	// unitWord is a word of the dictionary (or a number with its unit, a
	// Latin word): its term in the word field, whole or inside a longer
	// word.
	unitWord unitKind = iota
	// unitChars is text outside the dictionary (时来, 高企), a single
	// character (桥) or a code (A3-1): its characters in a row, in the
	// character field, across word boundaries.
	unitChars
	// unitPhrase is "quoted" text: its characters in a row in the
	// character field (its words in a row in the word field when it has no
	// Han character), and required in every tier.
	unitPhrase
)

// unit is one word of what was typed that the match tiers count: a hit is
// a full match when it has every unit itself, a partial one when it lacks
// some (Hit.Missing names them).
type unit struct {
	Text     string // as typed
	Kind     unitKind
	Term     string // unitWord: the query analyzer's term
	Required bool   // a phrase or +word: in every tier
	// group is the index of the typed token (space-separated) the unit
	// came from.
	group int
	// wholes are the words the unit is part of, outermost first: the
	// typed token (找工作, 长江三角洲) and the compounds cut into their words
	// (老旧小区 of 老旧小区改造). A word related to one of them (找工作 → 就业,
	// 老旧小区 → 加装电梯, 长江三角洲 → 长三角) stands for each of its units.
	wholes []string
}

// qtoken is a token of the query analyzer with its text as typed.
type qtoken struct {
	term, text string
	numeric    bool     // a number or Latin word
	wholes     []string // leafWords: the compounds it was cut from, outermost first
}

// analyzeTokens returns the query analyzer's tokens of text, one per
// position.
func (ix *Index) analyzeTokens(text string) []qtoken {
	if ix.queryAnalyzer == nil {
		return nil
	}
	var out []qtoken
	last := -1
	for _, t := range ix.queryAnalyzer.Analyze([]byte(text)) {
		if len(t.Term) == 0 || t.Position == last {
			continue
		}
		last = t.Position
		out = append(out, qtoken{
			term:    string(t.Term),
			text:    text[t.Start:t.End],
			numeric: t.Type == analysis.Numeric || t.Type == analysis.AlphaNumeric,
		})
	}
	return out
}

// units returns the units of a typed word (a token between spaces):
//
//   - a code (letters and digits joined by - / . _ : A3-1, 2023-2025) is one
//     unitChars, matched as that text, never as its parts;
//   - otherwise the word is cut into the query analyzer's words, so that
//     小区电梯 means 小区 电梯; when it is a sentence (function or question
//     words, analyzer.IsStopWord, beside a word of several characters:
//     场所建了多少处), the function words are dropped and so are its single
//     characters (verbs and measure words of the sentence);
//   - in a word without one, a single character and the words beside it
//     make one unitChars of the text as typed (时来, 高企, 五经普: text
//     outside the dictionary that the analyzer fell apart into
//     characters), or the character alone when it is all that was typed.
//
// When every word is a function word (的, 情况), they are kept. group is the
// typed word's index.
func (ix *Index) units(word string, group int) (out []unit) {
	if isCode(word) {
		return []unit{{Text: word, Kind: unitChars, group: group}}
	}
	defer func() {
		if len(out) > 1 {
			for i := range out {
				out[i].wholes = append([]string{word}, out[i].wholes...)
			}
		}
	}()
	toks := ix.analyzeTokens(word)
	// a sentence: function words beside a word of content (several
	// characters), as in 加装电梯签约了多少台; a run of single characters
	// with one (空有, 疑是) is a word outside the dictionary instead
	hasStop, content := false, false
	for _, t := range toks {
		switch {
		case analyzer.IsStopWord(t.term):
			hasStop = true
		case !isSingleHan(t):
			content = true
		}
	}
	hasStop = hasStop && content
	var kept []qtoken
	if hasStop {
		for _, t := range toks {
			if !analyzer.IsStopWord(t.term) && !isSingleHan(t) {
				kept = append(kept, t)
			}
		}
		if len(kept) == 0 {
			kept = toks // a word of function words alone
		}
	} else {
		kept = toks
	}
	for i := 0; i < len(kept); {
		t := kept[i]
		// a run of tokens glued by single characters
		j := i + 1
		if !t.numeric {
			for j < len(kept) && !kept[j].numeric && (isSingleHan(kept[j-1]) || isSingleHan(kept[j])) && !hasStop {
				j++
			}
		}
		if j-i > 1 || isSingleHan(t) {
			var b strings.Builder
			for _, k := range kept[i:j] {
				b.WriteString(k.text)
			}
			out = append(out, unit{Text: b.String(), Kind: unitChars, group: group})
		} else {
			for _, w := range ix.leafWords(t) {
				out = append(out, unit{Text: w.text, Kind: unitWord, Term: w.term, group: group, wholes: w.wholes})
			}
		}
		i = j
	}
	return out
}

// leafWords cuts a compound word into the dictionary words it is made of,
// as far as they cover it (养老服务 → 养老 服务, 国际社区中心 → 国际 社区 中心), so
// that a compound typed means its words typed with spaces between them; a
// word they do not cover (上海市: 上海 and 市) stays whole.
func (ix *Index) leafWords(t qtoken) []qtoken {
	if t.numeric || utf8.RuneCountInString(t.term) < 4 || t.term != t.text {
		return []qtoken{t}
	}
	var subs []analyzer.Token
	for _, s := range ix.dict.Analyze(t.term, false) {
		if s.Type == "subword" {
			subs = append(subs, s)
		}
	}
	var out []qtoken
	for at := 0; at < len(t.term); {
		found := false
		for _, s := range subs { // the longest first at each offset
			if s.Start == at && s.End > at {
				wholes := append(slices.Clip(t.wholes), t.term)
				out = append(out, ix.leafWords(qtoken{term: s.Term, text: t.term[s.Start:s.End], wholes: wholes})...)
				at, found = s.End, true
				break
			}
		}
		if !found {
			return []qtoken{t}
		}
	}
	return out
}

// isSingleHan reports whether t is one Han character.
func isSingleHan(t qtoken) bool {
	r, n := utf8.DecodeRuneInString(t.term)
	return !t.numeric && n == len(t.term) && unicode.Is(unicode.Han, r)
}

// isCode reports whether w is letters and digits joined by - / . _ or :,
// with at least one joiner and one letter or digit on each side (A3-1,
// 2023-2025, 2023.12.01, 9:30): a code, date or time matched as one text.
// A decimal number (37.55) is not one: the analyzer keeps it whole.
func isCode(w string) bool {
	joined, prev := false, false
	for _, r := range w {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			prev = true
		case r == '-' || r == '/' || r == '_' || r == '.' || r == ':':
			if !prev {
				return false
			}
			joined, prev = true, false
		default:
			return false
		}
	}
	return joined && prev && !(isBareNumber(w) && strings.Count(w, ".") == 1)
}
