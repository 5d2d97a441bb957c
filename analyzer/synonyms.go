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
type Synonyms struct {
	m map[string][]string // folded term -> folded terms, in file order
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

// LoadSynonyms reads synonym groups in the format described at Synonyms.
// An error names the line it is on.
func LoadSynonyms(r io.Reader) (*Synonyms, error) {
	s := &Synonyms{m: map[string][]string{}}
	sc := bufio.NewScanner(r)
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
			for _, t := range terms {
				s.add(t, terms)
			}
		case 2:
			from, to := splitTerms(parts[0]), splitTerms(parts[1])
			if len(from) == 0 || len(to) == 0 {
				return nil, fmt.Errorf("synonyms: line %d: terms needed on both sides of =>: %q", line, strings.TrimSpace(text))
			}
			for _, t := range from {
				s.add(t, to)
			}
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
	var out []string
	for _, t := range f {
		t = foldString(t)
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// add records that term widens to each of to (but itself).
func (s *Synonyms) add(term string, to []string) {
	for _, t := range to {
		if t != term && !slices.Contains(s.m[term], t) {
			s.m[term] = append(s.m[term], t)
		}
	}
}

// Merge returns the synonyms of s and other together; neither is changed.
// Either may be nil.
func (s *Synonyms) Merge(other *Synonyms) *Synonyms {
	out := &Synonyms{m: map[string][]string{}}
	for _, src := range []*Synonyms{s, other} {
		if src == nil {
			continue
		}
		for k, v := range src.m {
			out.add(k, v)
		}
	}
	return out
}

// Lookup returns the folded terms that widen term (folded first), not
// including term itself, or nil. The caller may keep the slice.
func (s *Synonyms) Lookup(term string) []string {
	if s == nil {
		return nil
	}
	return slices.Clone(s.m[foldString(strings.TrimSpace(term))])
}

// Fingerprint is a hex SHA-256 of the synonym groups: two Synonyms with
// the same fingerprint widen every term alike.
func (s *Synonyms) Fingerprint() string {
	h := sha256.New()
	if s != nil {
		for _, k := range slices.Sorted(maps.Keys(s.m)) {
			h.Write([]byte(k))
			for _, v := range s.m[k] {
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
	return len(s.m)
}
