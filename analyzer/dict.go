package analyzer

import (
	_ "embed"
	"math"
	"strings"
	"sync"
	"sync/atomic"
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

// domainFreq is the frequency given to domain words and to words added with
// AddWords when none is given: that of a fairly common word, so that a
// domain word wins over the pieces a general dictionary would cut it into
// (纪翟路 over 路口), but not over two frequent words that overlap it.
const domainFreq = 2000

// unknownDist is the distance gse gives a character that is not in the
// dictionary (a pseudo word of its own).
const unknownDist = 32

// maxWordRunes bounds the length of a dictionary word the segmenter looks for.
const maxWordRunes = 16

// baseDict is the embedded general dictionary, searched in place.
type baseDict struct {
	data     string
	start    []uint32 // word i is data[start[i]:end[i]]
	end      []uint32
	dist     []float32          // -log2 of the word's probability
	first    map[rune][2]uint32 // range of the words starting with a rune
	logTotal float64
}

func (d *baseDict) word(i uint32) string { return d.data[d.start[i]:d.end[i]] }

// loadBase indexes the embedded dictionary.
func loadBase(data string) *baseDict {
	n := strings.Count(data, "\n") + 1
	d := &baseDict{
		data:  data,
		start: make([]uint32, 0, n),
		end:   make([]uint32, 0, n),
		dist:  make([]float32, 0, n),
		first: make(map[rune][2]uint32, 8192),
	}
	var small [4096]float32 // distances of small frequencies, most of them
	var cur rune = -1
	var curStart uint32
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
		r, _ := utf8.DecodeRuneInString(line)
		if r != cur {
			if cur >= 0 {
				d.first[cur] = [2]uint32{curStart, i}
			}
			cur, curStart = r, i
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
		d.first[cur] = [2]uint32{curStart, uint32(len(d.start))}
	}
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

// prefixes appends to out every word of d that is a prefix of s, shortest
// first, with its length in runes and its distance.
func (d *baseDict) prefixes(s string, out []match) []match {
	r, size := utf8.DecodeRuneInString(s)
	rg, ok := d.first[r]
	if !ok {
		return out
	}
	lo, hi := rg[0], rg[1]
	if d.word(lo) == s[:size] {
		out = append(out, match{1, d.dist[lo]})
	}
	n, runes := size, 1
	for n < len(s) && runes < maxWordRunes {
		_, sz := utf8.DecodeRuneInString(s[n:])
		n += sz
		runes++
		p := s[:n]
		// lo: first word >= p; hi: first word after lo without prefix p.
		a, b := lo, hi
		for a < b {
			m := a + (b-a)/2
			if d.word(m) < p {
				a = m + 1
			} else {
				b = m
			}
		}
		lo = a
		b = hi
		for a < b {
			m := a + (b-a)/2
			if strings.HasPrefix(d.word(m), p) {
				a = m + 1
			} else {
				b = m
			}
		}
		hi = a
		if lo >= hi {
			return out
		}
		if d.word(lo) == p {
			out = append(out, match{runes, d.dist[lo]})
		}
	}
	return out
}

// extraDict holds the domain words and those added at run time. It is
// never changed once published: AddWords publishes a new copy.
type extraDict struct {
	dist     map[string]float32 // word -> distance
	prefixes map[string]bool    // every prefix of every word, the word included
}

func (e *extraDict) prefixesOf(s string, out []match) []match {
	n, runes := 0, 0
	for n < len(s) && runes < maxWordRunes {
		_, sz := utf8.DecodeRuneInString(s[n:])
		n += sz
		runes++
		p := s[:n]
		if !e.prefixes[p] {
			return out
		}
		if dd, ok := e.dist[p]; ok {
			out = append(out, match{runes, dd})
		}
	}
	return out
}

// dictionary is the segmenter's vocabulary: the general dictionary and the
// domain and added words.
type dictionary struct {
	base  *baseDict
	mu    sync.Mutex // serialises writers of extra
	extra atomic.Pointer[extraDict]
}

// lookup appends to out every word that is a prefix of s.
func (dc *dictionary) lookup(s string, extra *extraDict, out []match) []match {
	return extra.prefixesOf(s, dc.base.prefixes(s, out))
}

// wordEntry is a word to add with its frequency.
type wordEntry struct {
	word string
	freq float64
}

// add publishes a copy of the extra words with entries added. Words are
// folded; only their runs of two or more Han characters are added, since
// the segmenter looks words up within runs of Han characters. A word
// already present keeps its frequency.
func (dc *dictionary) add(entries []wordEntry) {
	dc.mu.Lock()
	defer dc.mu.Unlock()
	old := dc.extra.Load()
	var added []wordEntry
	for _, e := range entries {
		for _, w := range hanRuns(foldString(e.word)) {
			if _, ok := old.dist[w]; ok {
				continue
			}
			added = append(added, wordEntry{w, e.freq})
		}
	}
	if len(added) == 0 {
		return
	}
	nx := &extraDict{
		dist:     make(map[string]float32, len(old.dist)+len(added)),
		prefixes: make(map[string]bool, len(old.prefixes)+4*len(added)),
	}
	for k, v := range old.dist {
		nx.dist[k] = v
	}
	for k := range old.prefixes {
		nx.prefixes[k] = true
	}
	for _, e := range added {
		if _, ok := nx.dist[e.word]; ok {
			continue
		}
		nx.dist[e.word] = dc.base.distance(e.freq)
		for i := range e.word {
			if i > 0 {
				nx.prefixes[e.word[:i]] = true
			}
		}
		nx.prefixes[e.word] = true
	}
	dc.extra.Store(nx)
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

var sharedDict = sync.OnceValue(func() *dictionary {
	dc := &dictionary{base: loadBase(zhData)}
	dc.extra.Store(&extraDict{dist: map[string]float32{}, prefixes: map[string]bool{}})
	dc.add(parseWordList(domainData))
	return dc
})

// Load loads the dictionaries now; otherwise the first analysis loads them
// (about 40 ms). A server may call it while it does other start-up work.
func Load() { sharedDict() }

// AddWords adds words to the dictionary the analyzers share, so that they
// are kept whole (and their dictionary sub-words found) from then on. Only
// runs of two or more Han characters are added (after folding); adding a
// word twice changes nothing. It is safe to call concurrently with analysis;
// text analysed before the call keeps its old segmentation, so add the words
// of a corpus (see HarvestTerms) before indexing it.
func AddWords(words ...string) {
	entries := make([]wordEntry, len(words))
	for i, w := range words {
		entries[i] = wordEntry{w, domainFreq}
	}
	sharedDict().add(entries)
}

// HarvestTerms returns the terms text puts in quotes (“…”, ‘…’, 「…」, 『…』) or
// in title marks (《…》, 〈…〉) that are 2 to 10 characters long and not
// only digits or punctuation, in order of first appearance and without
// repeats. The index adds them with AddWords so that a report's own terms
// (“一网通办”, “城中村”) are kept whole.
func HarvestTerms(text string) []string {
	pairs := map[rune]rune{'“': '”', '‘': '’', '「': '」', '『': '』', '《': '》', '〈': '〉'}
	var out []string
	seen := map[string]bool{}
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		closer, ok := pairs[rs[i]]
		if !ok {
			continue
		}
		for j := i + 1; j < len(rs) && j <= i+11; j++ {
			if rs[j] == closer {
				term := strings.TrimSpace(string(rs[i+1 : j]))
				n := utf8.RuneCountInString(term)
				if n >= 2 && n <= 10 && hasHanOrLetter(term) && !seen[term] {
					seen[term] = true
					out = append(out, term)
				}
				break
			}
			if _, nested := pairs[rs[j]]; nested || rs[j] == '\n' {
				break
			}
		}
	}
	return out
}

func hasHanOrLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
