package corpus

import (
	"strings"
	"unicode/utf8"
)

// quoteScanner tells whether an offset lies inside quotes or title marks,
// for offsets given in increasing order, in time linear in the text. An
// unclosed mark covers the rest of its clause.
type quoteScanner struct {
	s     string
	pos   int    // scanned up to here
	end   int    // the current quoted span ends here (exclusive), or -1
	start int    // and starts here
	after int    // scanning goes on here after the span (past its closer)
	next  [7]int // per closer: the next offset ≥ some point where it occurs (-1: none left)
}

var quotePairs = []struct{ open, close rune }{
	{'“', '”'}, {'‘', '’'}, {'《', '》'}, {'「', '」'}, {'『', '』'}, {'"', '"'}, {'〈', '〉'},
}

func newQuoteScanner(s string) *quoteScanner {
	q := &quoteScanner{s: s, end: -1}
	for k := range q.next {
		q.next[k] = 0
	}
	return q
}

// find returns the offset of closer k at or after from, or -1.
func (q *quoteScanner) find(k, from int) int {
	if q.next[k] < 0 {
		return -1
	}
	if q.next[k] >= from && q.next[k] > 0 {
		return q.next[k]
	}
	j := strings.IndexRune(q.s[from:], quotePairs[k].close)
	if j < 0 {
		q.next[k] = -1
		return -1
	}
	q.next[k] = from + j
	return from + j
}

// inside reports whether offset i lies inside a quoted span. Calls must
// come with increasing i.
func (q *quoteScanner) inside(i int) bool {
	for q.pos <= i && q.pos < len(q.s) {
		if q.end >= 0 && q.pos < q.after {
			q.pos = q.after
			continue
		}
		r, n := utf8.DecodeRuneInString(q.s[q.pos:])
		open := q.pos + n
		q.pos = open
		for k, p := range quotePairs {
			if r != p.open {
				continue
			}
			c := q.find(k, open)
			q.start, q.end, q.after = open, c, c+utf8.RuneLen(p.close)
			if c < 0 {
				c = nextPunct(q.s, open)
				q.end, q.after = c, c
			}
			break
		}
	}
	return q.end >= 0 && i >= q.start && i < q.end
}

// nextPunct returns the offset of the next clause punctuation at or after
// i, or len(s).
func nextPunct(s string, i int) int {
	if j := strings.IndexAny(s[i:], figurePunct); j >= 0 {
		return i + j
	}
	return len(s)
}
