package index

import (
	"slices"
	"unicode/utf8"
)

// Fragments: the part of a long passage a result list shows. A passage of
// at most FragmentRunes runes is its own fragment; a longer one is cut into
// sentences (ending at 。！？；!?; and line breaks) and the fragment is the
// run of at most two sentences, at most FragmentRunes long, that holds the
// most different matched words (then the most matches, then the earliest).
// A second fragment is added when another run holds words the first lacks.
// A sentence longer than FragmentRunes is cut around its first match.

// FragmentRunes bounds a fragment's length, in runes.
const FragmentRunes = 120

// maxFragments bounds the fragments of one hit.
const maxFragments = 2

// Fragment is a part of a hit's passage text to show in a result list.
type Fragment struct {
	Start int    `json:"start"` // byte offsets into the passage text
	End   int    `json:"end"`
	Spans []Span `json:"spans"` // the matches inside, offsets into the passage text
}

// sentence is a byte range of a passage text.
type sentence struct{ start, end int }

// sentences cuts text after each sentence end (。！？；!?; and line breaks),
// keeping closing quotes and brackets with their sentence.
func sentences(text string) []sentence {
	var out []sentence
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if !isSentenceEnd(r) {
			continue
		}
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isCloser(r) && !isSentenceEnd(r) {
				break
			}
			i += n
		}
		out = append(out, sentence{start, i})
		start = i
	}
	if start < len(text) {
		out = append(out, sentence{start, len(text)})
	}
	return out
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '\n':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '）', ')', '》', '"':
		return true
	}
	return false
}

// Fragments returns the fragments of text to show for the matches spans
// (sorted, not overlapping, as Hit.Spans): the whole text when it is at
// most FragmentRunes runes or has no match in it, else up to two
// fragments in text order (see the comment above FragmentRunes).
func Fragments(text string, spans []Span) []Fragment {
	if utf8.RuneCountInString(text) <= FragmentRunes {
		return []Fragment{{Start: 0, End: len(text), Spans: spans}}
	}
	sents := sentences(text)
	// window is a run of sentences; words are the distinct matched texts
	// in it, as indices into spans (of their first occurrence).
	type window struct {
		start, end int
		words      []int
		matches    int
	}
	same := func(i, j int) bool {
		return text[spans[i].Start:spans[i].End] == text[spans[j].Start:spans[j].End]
	}
	score := func(start, end int) window {
		w := window{start: start, end: end}
		for i, s := range spans {
			if s.Start < start || s.End > end {
				continue
			}
			w.matches++
			if !slices.ContainsFunc(w.words, func(j int) bool { return same(i, j) }) {
				w.words = append(w.words, i)
			}
		}
		return w
	}
	runes := make([]int, len(sents))
	for i, st := range sents {
		runes[i] = utf8.RuneCountInString(text[st.start:st.end])
	}
	windows := make([]window, 0, 2*len(sents))
	for i := range sents {
		for j := i; j < len(sents) && j < i+2; j++ {
			start, end := sents[i].start, sents[j].end
			n := runes[i]
			if j > i {
				n += runes[j]
			}
			if j > i && n > FragmentRunes {
				break
			}
			if n > FragmentRunes {
				start, end = cutAround(text, start, end, spans)
			}
			windows = append(windows, score(start, end))
		}
	}
	var seen []int // words shown, as span indices
	newWords := func(w window) int {
		n := 0
		for _, i := range w.words {
			if !slices.ContainsFunc(seen, func(j int) bool { return same(i, j) }) {
				n++
			}
		}
		return n
	}
	var out []Fragment
	for len(out) < maxFragments && len(windows) > 0 {
		best := 0
		for k := 1; k < len(windows); k++ {
			a, b := windows[k], windows[best]
			na, nb := newWords(a), newWords(b)
			if na > nb || (na == nb && a.matches > b.matches) {
				best = k
			}
		}
		bw := windows[best]
		if len(out) > 0 && newWords(bw) == 0 {
			break
		}
		out = append(out, Fragment{Start: bw.start, End: bw.end, Spans: spansIn(spans, bw.start, bw.end)})
		seen = append(seen, bw.words...)
		windows = slices.DeleteFunc(windows, func(w window) bool { return w.start < bw.end && bw.start < w.end })
	}
	slices.SortFunc(out, func(a, b Fragment) int { return a.Start - b.Start })
	return out
}

// spansIn returns the spans inside [start, end).
func spansIn(spans []Span, start, end int) []Span {
	var out []Span
	for _, s := range spans {
		if s.Start >= start && s.End <= end {
			out = append(out, s)
		}
	}
	return out
}

// cutAround narrows [start, end) of text to FragmentRunes runes around the
// first match inside it (a sixth of the length before it), on rune
// boundaries.
func cutAround(text string, start, end int, spans []Span) (int, int) {
	at := start
	for _, s := range spans {
		if s.Start >= start && s.End <= end {
			at = s.Start
			break
		}
	}
	from := at
	for n := 0; n < FragmentRunes/6 && from > start; n++ {
		_, size := utf8.DecodeLastRuneInString(text[start:from])
		from -= size
	}
	to := from
	for n := 0; n < FragmentRunes && to < end; n++ {
		_, size := utf8.DecodeRuneInString(text[to:end])
		to += size
	}
	return from, to
}
