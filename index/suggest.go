package index

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"unicode"

	"reportsearch/corpus/fold"
)

// Suggestions after a search that found nothing: the index's own words
// that share character bigrams with a typed word (养老服物 → 养老服务), so
// that a misspelt or unknown word leads to words the reports use.

const (
	maxSuggestRunes   = 8   // longest index word suggested
	maxPerBigram      = 200 // index words kept per bigram, those in most passages
	maxSuggestBigrams = 64  // typed bigrams looked at per query
)

// bigramWords is the index's Han words (of 2 to maxSuggestRunes
// characters, sub-words included) by the character bigrams they hold,
// each list ordered by the number of passages holding the word, most
// first, and cut at maxPerBigram. It is made on first use; an index is
// immutable, so it never changes.
type bigramWords struct {
	once   sync.Once
	byPair map[string][]wordCount
	err    error
}

// wordCount is an index word and the number of passages holding it.
type wordCount struct {
	word string
	docs uint64
}

// bigramIndex returns the index's bigramWords table, made on first use
// from the word field's term dictionary (one pass over it).
func (ix *Index) bigramIndex() (map[string][]wordCount, error) {
	v := &ix.bigrams
	v.once.Do(func() {
		docs := map[string]uint64{}
		// a word counted as a whole word and as a sub-word: the larger
		// count is a lower bound of the passages holding it
		if v.err = ix.eachHanWord(maxSuggestRunes, func(t string, n uint64) { docs[t] = max(docs[t], n) }); v.err != nil {
			return
		}
		v.byPair = map[string][]wordCount{}
		for w, n := range docs {
			for _, p := range pairsOf(w) {
				v.byPair[p] = append(v.byPair[p], wordCount{w, n})
			}
		}
		for p, ws := range v.byPair {
			slices.SortFunc(ws, byDocsThenWord)
			if len(ws) > maxPerBigram {
				ws = slices.Clip(ws[:maxPerBigram])
			}
			v.byPair[p] = ws
		}
	})
	return v.byPair, v.err
}

func byDocsThenWord(a, b wordCount) int {
	return cmp.Or(cmp.Compare(b.docs, a.docs), strings.Compare(a.word, b.word))
}

// pairsOf returns the distinct character bigrams of the Han text w.
func pairsOf(w string) []string {
	rs := []rune(w)
	var out []string
	for i := 0; i+1 < len(rs); i++ {
		p := string(rs[i : i+2])
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// Suggest returns up to n words of the index close to what q types: words
// that share character bigrams with a run of two or more Han characters of
// q (folded as the index folds: traditional to simplified, full-width to
// half-width), most shared bigrams first, then those in most passages,
// then in code-point order. Words q types itself are left out. The work is
// one pass over the term dictionary on first use, then at most
// maxSuggestBigrams × maxPerBigram words per call. It returns nil when
// nothing is close, n ≤ 0, or ctx ends.
func (ix *Index) Suggest(ctx context.Context, q string, n int) []string {
	if n <= 0 {
		return nil
	}
	var runs []string
	var pairs []string
	for _, run := range strings.FieldsFunc(fold.String(q), func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		runs = append(runs, run)
		for _, p := range pairsOf(run) {
			if !slices.Contains(pairs, p) && len(pairs) < maxSuggestBigrams {
				pairs = append(pairs, p)
			}
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	byPair, err := ix.bigramIndex()
	if err != nil || ctx.Err() != nil {
		return nil
	}
	shared := map[string]int{}
	docs := map[string]uint64{}
	for _, p := range pairs {
		for _, wc := range byPair[p] {
			shared[wc.word]++
			docs[wc.word] = wc.docs
		}
	}
	type scored struct {
		wordCount
		shared int
	}
	var cands []scored
	for w, s := range shared {
		if !slices.Contains(runs, w) {
			cands = append(cands, scored{wordCount{w, docs[w]}, s})
		}
	}
	slices.SortFunc(cands, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.shared, a.shared), byDocsThenWord(a.wordCount, b.wordCount))
	})
	var out []string
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.word)
	}
	return out
}
