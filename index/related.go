package index

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Abbreviations and full forms, by a general rule of Chinese over the
// index's own words rather than a list: an abbreviation keeps characters
// of its full form, in order, from more than one of its words (长江三角洲 →
// 长三角, 上海交通大学 → 上海交大, 高新技术企业 → 高企, 爱国卫生运动 → 爱卫), and
// starts with the full form's first character (or with the one after an
// ordinal 第: 第五次经济普查 → 五经普). Both directions look for such words
// among the index's words; what they find is a related word: ranked below
// the typed one and marked as related.

const (
	maxAbbrevRunes = 12 // longest full form considered
	maxAbbrevs     = 8  // related words found per typed word
)

// vocabulary is the Han words of an index's word field (sub-words
// included), grouped by first character, for the abbreviation rule. It
// is made on first use; an index is immutable, so it never changes.
type vocabulary struct {
	once    sync.Once
	byFirst map[rune][]string
	err     error
}

// vocab returns the index's vocabulary, made on first use.
func (ix *Index) vocab() (map[rune][]string, error) {
	v := &ix.vocabulary
	v.once.Do(func() {
		seen := map[string]bool{}
		v.byFirst = map[rune][]string{}
		v.err = ix.eachHanWord(maxAbbrevRunes, func(t string, _ uint64) {
			if !seen[t] {
				seen[t] = true
				r, _ := utf8.DecodeRuneInString(t)
				v.byFirst[r] = append(v.byFirst[r], t)
			}
		})
		for _, ws := range v.byFirst {
			slices.Sort(ws)
		}
	})
	return v.byFirst, v.err
}

// eachHanWord calls fn with each term of the word field that is Han text
// of 2 to maxRunes characters (a sub-word without its mark, so a word may
// come twice: whole and as a sub-word) and the number of passages holding
// that term, in term order: one pass over the field's term dictionary.
func (ix *Index) eachHanWord(maxRunes int, fn func(word string, docs uint64)) error {
	d, err := ix.bi.FieldDict(fieldText)
	if err != nil {
		return err
	}
	defer d.Close()
	for {
		e, err := d.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		t := strings.TrimPrefix(e.Term, subMark)
		if n := utf8.RuneCountInString(t); n >= 2 && n <= maxRunes && allHan(t) {
			fn(t, e.Count)
		}
	}
}

// abbreviations returns the index's words that abbreviate word, or that
// word abbreviates, by the rule above; at most maxAbbrevs, shortest
// first. word is Han text of two or more characters.
func (ix *Index) abbreviations(word string) []string {
	rs := []rune(word)
	if len(rs) < 2 || len(rs) > maxAbbrevRunes || !allHan(word) {
		return nil
	}
	vocab, err := ix.vocab()
	if err != nil || vocab == nil {
		return nil
	}
	var out []string
	// word as the full form: its abbreviations that keep the most of its
	// words (城运中心 of 城市运行管理中心 draws on three of its words, 城管 and
	// 城中 on two: those are the abbreviations of other full forms)
	if len(rs) >= 3 {
		var segs []int
		most := 0
		for _, a := range vocab[rs[0]] {
			if keepsInOrder(a, word) {
				if segs == nil {
					segs = ix.segmentOf(word)
				}
				ar := []rune(a)
				if len(ar) >= len(rs) {
					continue
				}
				switch n := drawsOn(ar, rs, segs); {
				case n > most:
					most, out = n, append(out[:0], a)
				case n == most && n > 0:
					out = append(out, a)
				}
			}
		}
	}
	// word as the abbreviation: its full forms, when it is not itself a
	// word the dictionary knows
	if !ix.dict.Has(word) {
		cands := vocab[rs[0]]
		for _, f := range vocab['第'] {
			if r, _ := utf8.DecodeRuneInString(f[len("第"):]); r == rs[0] {
				cands = append(cands[:len(cands):len(cands)], f)
			}
		}
		for _, f := range cands {
			if keepsInOrder(word, f) && abbreviates(rs, []rune(f), ix.segmentOf(f)) {
				out = append(out, f)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(a) - len(b) })
	if len(out) > maxAbbrevs {
		out = out[:maxAbbrevs]
	}
	return out
}

// abbreviates reports whether a abbreviates full, whose characters belong
// to the words segs (segs[i] is the word of full[i]): a keeps characters
// of full in order, not as one run of full, from at least two of its
// words, and begins with full's first character (or its second, after 第).
func abbreviates(a, full []rune, segs []int) bool {
	return drawsOn(a, full, segs) > 0
}

// drawsOn returns the number of words of full that a draws characters
// from when it abbreviates full (see abbreviates), else 0.
func drawsOn(a, full []rune, segs []int) int {
	if len(a) < 2 || len(a) >= len(full) {
		return 0
	}
	i := 0
	if full[0] == '第' && a[0] != '第' {
		i = 1
	}
	if a[0] != full[i] {
		return 0
	}
	words := map[int]bool{}
	last, contiguous := -1, true
	for _, r := range a {
		for i < len(full) && full[i] != r {
			i++
		}
		if i == len(full) {
			return 0
		}
		if last >= 0 && i != last+1 {
			contiguous = false
		}
		words[segs[i]] = true
		last = i
		i++
	}
	if contiguous || len(words) < 2 {
		return 0
	}
	return len(words)
}

// keepsInOrder is the cheap part of abbreviates, without allocating: a's
// characters are in full, in order, not as one run of full, a beginning
// with full's first character (or its second, after 第).
func keepsInOrder(a, full string) bool {
	if len(a) >= len(full) {
		return false
	}
	f0, n := utf8.DecodeRuneInString(full)
	if f0 == '第' && !strings.HasPrefix(a, "第") {
		full = full[n:]
	}
	i, last, contiguous, first := 0, -1, true, true
	for _, r := range a {
		j := strings.IndexRune(full[i:], r)
		if j < 0 || first && j != 0 {
			return false
		}
		if !first && j != 0 {
			contiguous = false
		}
		first = false
		last = i + j
		i = last + utf8.RuneLen(r)
	}
	return !contiguous
}

// segmentOf returns, for each character of a Han word, the index of the
// dictionary word it belongs to in the word's cut into words (leafWords):
// 长江三角洲 → 0 0 1 1 1.
func (ix *Index) segmentOf(word string) []int {
	var out []int
	i := 0
	for _, t := range ix.analyzeTokens(word) {
		for _, w := range ix.leafWords(t) {
			for range w.term {
				out = append(out, i)
			}
			i++
		}
	}
	if len(out) != utf8.RuneCountInString(word) {
		// not cut: every character its own word
		out = out[:0]
		for i := range []rune(word) {
			out = append(out, i)
		}
	}
	return out
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// Full forms across words. An abbreviation typed may stand for a phrase of
// several words of the text rather than one word: 五经普 for 第五次 经济普查,
// 城运中心 for 城市 运行 管理中心. The abbreviation is cut into two or three
// pieces, each drawn from one word as the rule above says (its first
// character the word's first, or the one after 第; its characters in the
// word in order, 经普 from 经济普查), a piece may be the whole word or a
// word's sub-word (中心 in 管理中心), and the words must stand in a row in
// the text: a phrase of alternatives per piece, which the index checks.

const (
	maxAcrossRunes = 5  // longest abbreviation cut into pieces: at most 4 + 6 phrases
	maxPieceWords  = 24 // candidate words per piece: ordinals (第五) first, then the shortest
)

// fullFormsAcross returns, for an abbreviation that is no word of the
// dictionary, the phrases of word-field terms (alternatives per position,
// whole words and sub-words) that may be its full form; nil when none.
func (ix *Index) fullFormsAcross(abbr string) [][][]string {
	rs := []rune(abbr)
	if len(rs) < 2 || len(rs) > maxAcrossRunes || !allHan(abbr) || ix.dict.Has(abbr) {
		return nil
	}
	vocab, err := ix.vocab()
	if err != nil || vocab == nil {
		return nil
	}
	pieceCache := map[string][]string{}
	piece := func(p []rune) []string {
		key := string(p)
		if ws, ok := pieceCache[key]; ok {
			return ws
		}
		var ws []string
		cands := vocab[p[0]]
		for _, f := range vocab['第'] {
			if r, _ := utf8.DecodeRuneInString(f[len("第"):]); r == p[0] {
				cands = append(cands[:len(cands):len(cands)], f)
			}
		}
		for _, w := range cands {
			if w == key || drawsFrom(key, w) {
				ws = append(ws, w)
			}
		}
		slices.SortStableFunc(ws, func(a, b string) int {
			if oa, ob := strings.HasPrefix(a, "第"), strings.HasPrefix(b, "第"); oa != ob {
				if oa {
					return -1
				}
				return 1
			}
			return len(a) - len(b)
		})
		if len(ws) > maxPieceWords {
			ws = ws[:maxPieceWords]
		}
		pieceCache[key] = ws
		return ws
	}
	var out [][][]string
	try := func(cuts ...int) {
		var phrase [][]string
		abbreviated := false
		from := 0
		for _, to := range append(cuts, len(rs)) {
			ws := piece(rs[from:to])
			if len(ws) == 0 {
				return
			}
			var alts []string
			for _, w := range ws {
				alts = append(alts, w, subMark+w)
				if w != string(rs[from:to]) {
					abbreviated = true
				}
			}
			phrase = append(phrase, alts)
			from = to
		}
		if abbreviated {
			out = append(out, phrase)
		}
	}
	for i := 1; i < len(rs); i++ {
		try(i)
		for j := i + 1; j < len(rs); j++ {
			try(i, j)
		}
	}
	return out
}

// drawsFrom reports whether piece is drawn from word w: w begins with the
// piece's first character (or has it after 第), and has the piece's other
// characters after it in order.
func drawsFrom(piece, w string) bool {
	if len(piece) >= len(w) {
		return false
	}
	if strings.HasPrefix(w, "第") && !strings.HasPrefix(piece, "第") {
		w = w[len("第"):]
	}
	i := 0
	for k, r := range piece {
		j := strings.IndexRune(w[i:], r)
		if j < 0 || k == 0 && j != 0 {
			return false
		}
		i += j + utf8.RuneLen(r)
	}
	return true
}
