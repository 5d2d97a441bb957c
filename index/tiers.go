package index

import (
	"math"
	"math/bits"

	"github.com/blevesearch/bleve/v2/search"
)

// Match tiers. A hit that has every unit of the query itself (the word,
// whole or inside a longer word, or the text) is a full match; one that
// has some units only through related words (synonyms, abbreviations,
// parts) or lacks some is a partial match, and names the units it lacks
// (Hit.Missing). Hits rank by the number of units they have at all, then
// (with all of them) by the number they have themselves, then by BM25: a
// hit with the typed words ranks above one with related words for them,
// and a hit with most of the words below those with all of them.
//
// The collector learns which units a match has from the terms of its
// locations (the searchers record them as they match), and adds tierUnit
// times its tier to its score, so that bleve's top-N by score keeps the
// tiers apart; hits takes it off again.

// tierUnit is the score of one step of tier: far above any BM25 sum of a
// query (at most maxTokens units of a few terms each, each well below 100;
// tiers up to about 2·65² fit the 52 bits of a float64 with 2⁻²⁰ to spare),
// and a power of two, so that adding it loses as few bits as can be.
const tierUnit = 1 << 20

// unitMask has bit i set for unit i of a plan.
type unitMask = uint64

// owner is what a term found in a hit stands for: the units it is (a
// typed word or text) and those it is related to.
type owner struct {
	exact, related unitMask
	together       bool // a compound of typed words, whole (国际社区 for 国际 社区)
}

// tiers classifies matches by the units they have. It is read-only once
// made, shared by the searches of a plan.
type tiers struct {
	n     int // units
	all   unitMask
	word  map[string]owner // terms of the word field
	chars map[string]owner // terms of the character field
}

// tierBuilder collects the terms of a plan's units.
type tierBuilder struct {
	units []unit
	word  map[string]owner
	chars map[string]owner
}

func newTierBuilder() *tierBuilder {
	return &tierBuilder{word: map[string]owner{}, chars: map[string]owner{}}
}

func (b *tierBuilder) exactWord(bit int, terms ...string) {
	for _, t := range terms {
		o := b.word[t]
		o.exact |= 1 << bit
		b.word[t] = o
	}
}

func (b *tierBuilder) exactChars(bit int, terms ...string) {
	for _, t := range terms {
		if t != "" {
			o := b.chars[t]
			o.exact |= 1 << bit
			b.chars[t] = o
		}
	}
}

func (b *tierBuilder) relatedWord(bit int, terms ...string) {
	for _, t := range terms {
		o := b.word[t]
		o.related |= 1 << bit
		b.word[t] = o
	}
}

func (b *tierBuilder) togetherWord(terms ...string) {
	for _, t := range terms {
		o := b.word[t]
		o.together = true
		b.word[t] = o
	}
}

// done returns the tiers of units, nil when there are none or more than a
// mask holds.
func (b *tierBuilder) done(units []unit) *tiers {
	n := len(units)
	if n == 0 || n > 64 {
		return nil
	}
	return &tiers{n: n, all: unitMask(math.MaxUint64) >> (64 - n), word: b.word, chars: b.chars}
}

// ofTerm returns the owner of a term of field.
func (t *tiers) ofTerm(field, term string) owner {
	switch field {
	case fieldText:
		return t.word[term]
	case fieldChars:
		return t.chars[term]
	}
	return owner{}
}

// has is what a match has of a plan's units.
type has struct {
	exact, covered unitMask
	together       bool
}

func (h *has) add(o owner) {
	h.exact |= o.exact
	h.covered |= o.exact | o.related
	h.together = h.together || o.together
}

// classify returns what a match has of the units, from its term locations
// (before search.DocumentMatch.Complete).
func (t *tiers) classify(d *search.DocumentMatch) has {
	var h has
	var lastField, lastTerm string
	for i := range d.FieldTermLocations {
		ftl := &d.FieldTermLocations[i]
		if ftl.Term == lastTerm && ftl.Field == lastField {
			continue
		}
		lastField, lastTerm = ftl.Field, ftl.Term
		h.add(t.ofTerm(ftl.Field, ftl.Term))
	}
	return h
}

// classifyLocations is classify for a completed match.
func (t *tiers) classifyLocations(locs search.FieldTermLocationMap) has {
	var h has
	for field, terms := range locs {
		for term := range terms {
			h.add(t.ofTerm(field, term))
		}
	}
	return h
}

// tier is the rank of a match: by the units it has at all; when it has
// them all, by those it has itself (a full match above one with related
// words standing in); then whether typed words that make a compound stand
// together as that compound (国际社区 above 国际人才社区 for 国际社区).
// Among partial matches with as many units, BM25 decides: there a rare
// word's related word may count for more than a common word typed.
func (t *tiers) tier(h has) float64 {
	n := bits.OnesCount64(h.covered) * (t.n + 1)
	if h.covered == t.all {
		n += bits.OnesCount64(h.exact)
	}
	n *= 2
	if h.together {
		n++
	}
	return float64(n)
}

// splitScore returns a collected score's tier and its BM25 part.
func splitScore(score float64) (tier, rel float64) {
	tier = math.Floor(score / tierUnit)
	return tier, score - tier*tierUnit
}

// missing returns the text of the units not in exact, in query order.
func (t *tiers) missing(units []unit, exact unitMask) []string {
	var out []string
	for i, u := range units {
		if exact&(1<<i) == 0 && !contains(out, u.Text) {
			out = append(out, u.Text)
		}
	}
	return out
}

// tier counts a match that passed the filters and, when its score ranks
// it, adds its tier to the score.
func (st *collectState) tier(d *search.DocumentMatch) {
	if st.tiers == nil {
		st.full++
		return
	}
	h := st.tiers.classify(d)
	if h.exact == st.tiers.all {
		st.full++
	}
	st.covered |= h.covered
	if !st.byRank {
		d.Score += st.tiers.tier(h) * tierUnit
	}
}
