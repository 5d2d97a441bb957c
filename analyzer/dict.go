package analyzer

import (
	_ "embed"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// dict_zh.txt is gse's Simplified Chinese dictionary (data/dict/zh/s_1.txt)
// reduced by internal/mkdict to its Han-only words, sorted by bytes, one
// "word frequency" a line after a "#total N" line. It is searched in place:
// loading only indexes the lines, so it costs a few milliseconds and a few
// megabytes instead of the second and ~200 MB of gse's own loader.
//
//go:embed dict_zh.txt
var zhData string

// dict_domain.txt holds the words of the reports' domain (places,
// organisations, programmes, units), one "word [frequency]" a line.
//
//go:embed dict_domain.txt
var domainData string

// domainFreq is the frequency given to domain words and to an index's words
// (NewDictionary) when none is given: that of a fairly common word, so that a
// domain word wins over the pieces a general dictionary would cut it into
// (纪翟路 over 路口), but not over two frequent words that overlap it.
const domainFreq = 2000

// unknownDist is the distance gse gives a character that is not in the
// dictionary (a pseudo word of its own).
const unknownDist = 32

// maxWordRunes bounds the length of a dictionary word the segmenter looks for.
const maxWordRunes = 16

// baseDict is the embedded general dictionary, searched in place.
//
// Words are sorted by bytes, so the words sharing a prefix are a range of
// indexes. A lookup narrows that range one character at a time: the first
// two characters through the pairs table (no string comparison), the next
// ones by binary search on the character at that offset only.
type baseDict struct {
	data     string
	start    []uint32 // word i is data[start[i]:end[i]]
	end      []uint32
	dist     []float32 // -log2 of the word's probability
	logTotal float64

	// pairs: one entry per distinct first two characters, in word order;
	// pairRune is the second character (0 for a one-character word, which
	// comes first), pairWord the first word of the entry, with a sentinel
	// len(start) at the end.
	pairRune []rune
	pairWord []uint32
	// The entries of the words starting with r are pairs [lo, hi) where
	// {lo, hi} = firstNear[r-nearBase] (or firstFar[r] outside it).
	firstNear [][2]uint32
	firstFar  map[rune][2]uint32
}

// nearBase to nearEnd are the characters whose pairs range is in an array:
// CJK extension A and the unified ideographs.
const (
	nearBase = 0x3400
	nearEnd  = 0xA000
)

func (d *baseDict) word(i uint32) string { return d.data[d.start[i]:d.end[i]] }

// firstRange returns the range of the words starting with r.
func (d *baseDict) firstRange(r rune) (lo, hi uint32, ok bool) {
	e, ok := d.pairsOf(r)
	if !ok {
		return 0, 0, false
	}
	return d.pairWord[e[0]], d.pairWord[e[1]], true
}

// pairsOf returns the range of the pairs entries of the words starting with r.
func (d *baseDict) pairsOf(r rune) ([2]uint32, bool) {
	var e [2]uint32
	if nearBase <= r && r < nearEnd {
		e = d.firstNear[r-nearBase]
	} else {
		e = d.firstFar[r]
	}
	return e, e[0] < e[1]
}

// loadBase indexes the embedded dictionary.
func loadBase(data string) *baseDict {
	n := strings.Count(data, "\n") + 1
	d := &baseDict{
		data:  data,
		start: make([]uint32, 0, n),
		end:   make([]uint32, 0, n),
		dist:  make([]float32, 0, n),
		// gse's dictionary has 0.54 distinct first pairs a word
		pairRune:  make([]rune, 0, n*11/20),
		pairWord:  make([]uint32, 0, n*11/20+1),
		firstNear: make([][2]uint32, nearEnd-nearBase),
		firstFar:  make(map[rune][2]uint32),
	}
	var small [4096]float32 // distances of small frequencies, most of them
	var cur, cur2 rune = -1, -1
	var curPair uint32
	setFirst := func(r rune, e [2]uint32) {
		if nearBase <= r && r < nearEnd {
			d.firstNear[r-nearBase] = e
		} else {
			d.firstFar[r] = e
		}
	}
	off := 0
	for off < len(data) {
		nl := strings.IndexByte(data[off:], '\n')
		if nl < 0 {
			nl = len(data) - off
		}
		line := data[off : off+nl]
		lineOff := off
		off += nl + 1
		if strings.HasPrefix(line, "#total ") {
			d.logTotal = math.Log2(float64(atoi(line[len("#total "):])))
			continue
		}
		sp := strings.IndexByte(line, ' ')
		if sp <= 0 || line[0] == '#' {
			continue
		}
		i := uint32(len(d.start))
		r, size := utf8.DecodeRuneInString(line)
		var r2 rune
		if size < sp {
			r2, _ = utf8.DecodeRuneInString(line[size:sp])
		}
		if r != cur {
			if cur >= 0 {
				setFirst(cur, [2]uint32{curPair, uint32(len(d.pairRune))})
			}
			cur, cur2, curPair = r, -1, uint32(len(d.pairRune))
		}
		if r2 != cur2 {
			d.pairRune = append(d.pairRune, r2)
			d.pairWord = append(d.pairWord, i)
			cur2 = r2
		}
		d.start = append(d.start, uint32(lineOff))
		d.end = append(d.end, uint32(lineOff+sp))
		freq := atoi(line[sp+1:])
		var dist float32
		if freq < len(small) {
			if dist = small[freq]; dist == 0 {
				dist = d.distance(float64(freq))
				small[freq] = dist
			}
		} else {
			dist = d.distance(float64(freq))
		}
		d.dist = append(d.dist, dist)
	}
	if cur >= 0 {
		setFirst(cur, [2]uint32{curPair, uint32(len(d.pairRune))})
	}
	d.pairWord = append(d.pairWord, uint32(len(d.start)))
	return d
}

// distance turns a frequency into gse's path length log2(total/freq).
func (d *baseDict) distance(freq float64) float32 {
	if freq < 1 {
		freq = 1
	}
	return float32(d.logTotal) - float32(math.Log2(freq)) // as gse's CalcToken
}

// atoi parses the leading decimal digits of s.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// match is a dictionary word found at the start of a text.
type match struct {
	nrunes int
	dist   float32
}

// decodeRune is utf8.DecodeRuneInString with a fast path for the
// three-byte characters of most Han text; s must be valid UTF-8.
func decodeRune(s string) (rune, int) {
	if len(s) >= 3 && s[0]&0xF0 == 0xE0 {
		return rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s)
}

// runeAt returns the character of word i at byte offset off, or -1 if the
// word ends there.
func (d *baseDict) runeAt(i uint32, off int) rune {
	a, b := int(d.start[i])+off, int(d.end[i])
	if a >= b {
		return -1
	}
	r, _ := decodeRune(d.data[a:b])
	return r
}

// prefixes appends to out every word of d that is a prefix of the
// characters rs, shortest first, with its length in runes and its distance.
func (d *baseDict) prefixes(rs []rune, out []match) []match {
	if len(rs) == 0 {
		return out
	}
	e, ok := d.pairsOf(rs[0])
	if !ok {
		return out
	}
	if d.pairRune[e[0]] == 0 {
		out = append(out, match{1, d.dist[d.pairWord[e[0]]]})
		e[0]++
	}
	if len(rs) < 2 || e[0] >= e[1] {
		return out
	}
	// the entry of the second character
	r := rs[1]
	a, b := e[0], e[1]
	for a < b {
		m := a + (b-a)/2
		if d.pairRune[m] < r {
			a = m + 1
		} else {
			b = m
		}
	}
	if a >= e[1] || d.pairRune[a] != r {
		return out
	}
	lo, hi := d.pairWord[a], d.pairWord[a+1]
	n := utf8.RuneLen(rs[0]) + utf8.RuneLen(r) // bytes of the prefix
	if int(d.end[lo]-d.start[lo]) == n {
		out = append(out, match{2, d.dist[lo]})
	}
	for k := 2; k < len(rs) && k < maxWordRunes; k++ {
		r := rs[k]
		// [lo, hi) share the prefix rs[:k]; keep those whose next character is r.
		a, b := lo, hi
		for a < b {
			m := a + (b-a)/2
			if d.runeAt(m, n) < r {
				a = m + 1
			} else {
				b = m
			}
		}
		lo = a
		b = hi
		for a < b {
			m := a + (b-a)/2
			if d.runeAt(m, n) == r {
				a = m + 1
			} else {
				b = m
			}
		}
		hi = a
		if lo >= hi {
			return out
		}
		n += utf8.RuneLen(r)
		if int(d.end[lo]-d.start[lo]) == n {
			out = append(out, match{k + 1, d.dist[lo]})
		}
	}
	return out
}

// extraDict holds the domain words and an index's own words. It is never
// changed once built.
type extraDict struct {
	dist     map[string]float32 // word -> distance
	prefixes map[string]bool    // every prefix of every word, the word included
	// pairs has bit pairHash(r1, r2) set for the first two characters of
	// every word (all have two or more), so that most lookups end without
	// hashing strings.
	pairs *pairBits
}

type pairBits [1 << pairHashBits / 64]uint64

const pairHashBits = 18

func pairHash(r1, r2 rune) uint32 {
	return (uint32(r1)*0x9E3779B1 ^ uint32(r2)) * 0x85EBCA6B >> (32 - pairHashBits)
}

func (e *extraDict) prefixesOf(rs []rune, out []match) []match {
	if len(rs) < 2 || e.pairs == nil {
		return out
	}
	if h := pairHash(rs[0], rs[1]); e.pairs[h>>6]&(1<<(h&63)) == 0 {
		return out
	}
	var buf [4 * maxWordRunes]byte
	p := utf8.AppendRune(buf[:0], rs[0])
	for k := 1; k < len(rs) && k < maxWordRunes; k++ {
		p = utf8.AppendRune(p, rs[k])
		if !e.prefixes[string(p)] {
			return out
		}
		if dd, ok := e.dist[string(p)]; ok {
			out = append(out, match{k + 1, dd})
		}
	}
	return out
}

// wordEntry is a word to add with its frequency.
type wordEntry struct {
	word string
	freq float64
}

// newExtraDict builds the extra words of entries. Words are folded; only
// their runs of two or more Han characters are kept, since the segmenter
// looks words up within runs of Han characters. A word given twice keeps
// its first frequency.
func newExtraDict(base *baseDict, entries []wordEntry) *extraDict {
	e := &extraDict{
		dist:     make(map[string]float32, len(entries)),
		prefixes: make(map[string]bool, 4*len(entries)),
		pairs:    new(pairBits),
	}
	for _, we := range entries {
		for _, w := range hanRuns(foldString(we.word)) {
			if _, ok := e.dist[w]; ok {
				continue
			}
			e.dist[w] = base.distance(we.freq)
			r1, n := utf8.DecodeRuneInString(w)
			r2, _ := utf8.DecodeRuneInString(w[n:])
			h := pairHash(r1, r2)
			e.pairs[h>>6] |= 1 << (h & 63)
			for i := range w {
				if i > 0 {
					e.prefixes[w[:i]] = true
				}
			}
			e.prefixes[w] = true
		}
	}
	return e
}

// hanRuns returns the runs of 2 to maxWordRunes Han characters in s.
func hanRuns(s string) []string {
	var runs []string
	start, n := -1, 0
	flush := func(end int) {
		if start >= 0 && n >= 2 && n <= maxWordRunes {
			runs = append(runs, s[start:end])
		}
		start, n = -1, 0
	}
	for i, r := range s {
		if isHan(r) {
			if start < 0 {
				start = i
			}
			n++
			continue
		}
		flush(i)
	}
	flush(len(s))
	return runs
}

func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

// parseWordList reads "word [frequency]" lines; # starts a comment.
func parseWordList(data string) []wordEntry {
	var out []wordEntry
	for _, line := range strings.Split(data, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		e := wordEntry{word: f[0], freq: domainFreq}
		if len(f) > 1 {
			if n := atoi(f[1]); n > 0 {
				e.freq = float64(n)
			}
		}
		out = append(out, e)
	}
	return out
}
