package analyzer

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// synonyms.txt is the curated synonym file for the reports' domain.
//
//go:embed synonyms.txt
var synonymsData string

// Synonyms maps a query word to the words that widen it. The index looks a
// query word up and adds the words found, with a lower boost than the word
// itself, so that an exact match ranks above a synonym match.
//
// The file format, one group a line (# starts a comment, blank lines are
// skipped; terms are separated by commas, 、 or spaces):
//
//	老人 => 长者, 为老, 适老     one way: 老人 widens to the words on the right
//	看病, 就医, 医疗             equivalent: each widens to all the others
//
// Terms are folded like the analyzers' terms (case, width, Traditional).
// A Synonyms is immutable once built and safe for concurrent use.
//
// A group is stored once, not as every pair of its terms, so that reading a
// file takes time and memory linear in its size even for a group of
// thousands of terms; Lookup walks the groups of one term.
type Synonyms struct {
	groups [][]string       // folded, distinct terms of each group or right-hand side, in file order
	refs   map[string][]int // folded term → the groups it widens to, in file order
}

var defaultSynonyms = sync.OnceValue(func() *Synonyms {
	s, err := LoadSynonyms(strings.NewReader(synonymsData))
	if err != nil {
		panic("analyzer: embedded synonyms.txt: " + err.Error())
	}
	return s
})

// DefaultSynonyms returns the curated synonyms embedded in the package.
func DefaultSynonyms() *Synonyms { return defaultSynonyms() }

// maxSynonymLine bounds one line of a synonyms file, in bytes; a longer
// line is an error naming it.
const maxSynonymLine = 1 << 20

// LoadSynonyms reads synonym groups in the format described at Synonyms.
// An error names the line it is on.
func LoadSynonyms(r io.Reader) (*Synonyms, error) {
	s := &Synonyms{refs: map[string][]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, maxSynonymLine)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if !utf8.ValidString(text) {
			return nil, fmt.Errorf("synonyms: line %d: invalid UTF-8", line)
		}
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		parts := strings.Split(text, "=>")
		switch len(parts) {
		case 1:
			terms := splitTerms(parts[0])
			if len(terms) < 2 {
				return nil, fmt.Errorf("synonyms: line %d: a group needs at least two terms: %q", line, strings.TrimSpace(text))
			}
			s.add(terms, terms)
		case 2:
			from, to := splitTerms(parts[0]), splitTerms(parts[1])
			if len(from) == 0 || len(to) == 0 {
				return nil, fmt.Errorf("synonyms: line %d: terms needed on both sides of =>: %q", line, strings.TrimSpace(text))
			}
			s.add(from, to)
		default:
			return nil, fmt.Errorf("synonyms: line %d: more than one =>: %q", line, strings.TrimSpace(text))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("synonyms: line %d: %w", line+1, err)
	}
	return s, nil
}

// splitTerms splits a side of a group into folded, distinct terms.
func splitTerms(side string) []string {
	f := strings.FieldsFunc(side, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || unicode.IsSpace(r)
	})
	out := make([]string, 0, len(f))
	seen := make(map[string]bool, len(f))
	for _, t := range f {
		t = foldString(t)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// add records that each term of from widens to the terms of to.
func (s *Synonyms) add(from, to []string) {
	g := len(s.groups)
	s.groups = append(s.groups, to)
	for _, t := range from {
		s.refs[t] = append(s.refs[t], g)
	}
}

// Merge returns the synonyms of s and other together; neither is changed.
// Either may be nil.
func (s *Synonyms) Merge(other *Synonyms) *Synonyms {
	out := &Synonyms{refs: map[string][]int{}}
	for _, src := range []*Synonyms{s, other} {
		if src == nil {
			continue
		}
		base := len(out.groups)
		out.groups = append(out.groups, src.groups...)
		for t, gs := range src.refs {
			for _, g := range gs {
				out.refs[t] = append(out.refs[t], base+g)
			}
		}
	}
	return out
}

// Lookup returns the folded terms that widen term (folded first), not
// including term itself, without repeats, in file order; nil if there are
// none. The caller may keep the slice.
func (s *Synonyms) Lookup(term string) []string {
	if s == nil {
		return nil
	}
	term = foldString(strings.TrimSpace(term))
	var out []string
	var seen map[string]bool
	for _, g := range s.refs[term] {
		for _, t := range s.groups[g] {
			if t == term || seen[t] {
				continue
			}
			if seen == nil {
				seen = map[string]bool{}
			}
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// Fingerprint is a hex SHA-256 of the synonym groups: two Synonyms with
// the same fingerprint widen every term alike.
func (s *Synonyms) Fingerprint() string {
	h := sha256.New()
	if s != nil {
		for _, k := range slices.Sorted(maps.Keys(s.refs)) {
			h.Write([]byte(k))
			for _, v := range s.Lookup(k) {
				h.Write([]byte{0})
				h.Write([]byte(v))
			}
			h.Write([]byte{'\n'})
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Len returns the number of terms that have synonyms.
func (s *Synonyms) Len() int {
	if s == nil {
		return 0
	}
	n := 0
	for t := range s.refs {
		if len(s.Lookup(t)) > 0 {
			n++
		}
	}
	return n
}
