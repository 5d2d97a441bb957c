package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Phrases (a quoted phrase, text outside the dictionary in the character
// field, words typed in a row for proximity) are matched here rather than
// by bleve's phrase searcher, whose path search visits every location of
// the next term for each partial path: k locations of a term repeated n
// times in the phrase cost k²·n per document (16,000 龘 searched with 60
// 龘 ran 55 s). This searcher finds the same documents with the same score
// (the conjunction of the terms, as bleve's) in time linear in the
// locations, and bounds the work one document may cost:
//
//   - at most maxPhraseLocations locations of each term of one document
//     are considered (a passage is at most corpus.MaxPassageRunes
//     characters, far fewer);
//   - at most maxPhraseMatches occurrences of the phrase per document are
//     reported as locations (spans to mark);
//   - the request's context is checked between documents, including those
//     the phrase rejects, which never reach the collector's own check.
//
// The phrase's length in terms is bounded by the query's (maxTokens).
const (
	maxPhraseLocations = 4096
	maxPhraseMatches   = 64
)

// boundedPhrase is a phrase query: terms[i] are the alternatives at
// position i of the phrase ("" matches any term), in field.
type boundedPhrase struct {
	terms [][]string
	field string
	boost float64
}

func newPhrase(terms [][]string, field string, boost float64) boundedPhrase {
	return boundedPhrase{terms: terms, field: field, boost: boost}
}

// Searcher implements query.Query: bleve's phrase searcher's conjunction of
// term searchers, the phrase checked by phraseSearcher.
func (q boundedPhrase) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	options.IncludeTermVectors = true
	var subs []search.Searcher
	closeAll := func() {
		for _, s := range subs {
			_ = s.Close()
		}
	}
	// a term repeated alone at several positions (龘龘 59 times) is read
	// once and counted as many times: the same score and weight as one
	// searcher per position, its locations decoded once per document
	times := map[string]int{}
	for _, alts := range q.terms {
		if len(alts) == 1 && alts[0] != "" {
			times[alts[0]]++
		}
	}
	for _, alts := range q.terms {
		if len(alts) == 1 && alts[0] != "" && times[alts[0]] != 1 {
			n := times[alts[0]]
			if n == 0 {
				continue // read at its first position
			}
			times[alts[0]] = 0
			s, err := searcher.NewTermSearcher(ctx, r, alts[0], q.field, q.boost, options)
			if err != nil {
				closeAll()
				return nil, fmt.Errorf("index: phrase term %q: %w", alts[0], err)
			}
			subs = append(subs, timesSearcher{s, float64(n)})
			continue
		}
		var ts []search.Searcher
		for _, t := range alts {
			if t == "" {
				continue
			}
			s, err := searcher.NewTermSearcher(ctx, r, t, q.field, q.boost, options)
			if err != nil {
				for _, s := range ts {
					_ = s.Close()
				}
				closeAll()
				return nil, fmt.Errorf("index: phrase term %q: %w", t, err)
			}
			ts = append(ts, s)
		}
		switch {
		case len(ts) == 1 && len(alts) == 1:
			subs = append(subs, ts[0])
		case len(ts) > 0:
			d, err := searcher.NewDisjunctionSearcher(ctx, r, ts, 1, options)
			if err != nil {
				for _, s := range ts {
					_ = s.Close()
				}
				closeAll()
				return nil, fmt.Errorf("index: phrase alternatives: %w", err)
			}
			subs = append(subs, d)
		}
	}
	if len(subs) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, subs, options)
	if err != nil {
		closeAll()
		return nil, fmt.Errorf("index: phrase: %w", err)
	}
	must.SetQueryNorm(1 / math.Sqrt(must.Weight())) // as bleve's phrase searcher
	return &phraseSearcher{ctx: ctx, must: must, terms: q.terms, field: q.field}, nil
}

// phraseSearcher returns the matches of must whose locations hold the
// phrase, with those occurrences as their only locations.
type phraseSearcher struct {
	ctx   context.Context
	must  search.Searcher
	terms [][]string
	field string

	curr    *search.DocumentMatch
	started bool
	seen    int               // documents looked at, for the context check
	locs    []search.Location // Complete's buffer
	check   phraseCheck
}

// ctxCheckEvery is how many documents the phrase searcher looks at between
// two checks of the request's context.
const ctxCheckEvery = 64

func (s *phraseSearcher) advance(sctx *search.SearchContext) error {
	if s.curr != nil {
		sctx.DocumentMatchPool.Put(s.curr)
	}
	var err error
	s.curr, err = s.must.Next(sctx)
	return err
}

func (s *phraseSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		s.started = true
		if err := s.advance(sctx); err != nil {
			return nil, err
		}
	}
	for s.curr != nil {
		if s.seen++; s.seen%ctxCheckEvery == 0 && s.ctx != nil {
			if err := s.ctx.Err(); err != nil {
				return nil, err
			}
		}
		d := s.match()
		if err := s.advance(sctx); err != nil {
			return nil, err
		}
		if d != nil {
			return d, nil
		}
	}
	return nil, nil
}

// match checks the current document: it returns it with the phrase's
// locations, or nil (and keeps it to be put back in the pool).
func (s *phraseSearcher) match() *search.DocumentMatch {
	d := s.curr
	s.locs = d.Complete(s.locs)
	locations := d.Locations
	d.Locations = nil
	ftls := d.FieldTermLocations
	if tlm := locations[s.field]; tlm != nil {
		ftls = s.check.find(s.field, s.terms, tlm, ftls)
	}
	if len(ftls) == 0 {
		return nil
	}
	s.curr = nil
	d.FieldTermLocations = ftls
	return d
}

func (s *phraseSearcher) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.started {
		s.started = true
		if err := s.advance(sctx); err != nil {
			return nil, err
		}
	}
	if s.curr == nil {
		return nil, nil
	}
	if s.curr.IndexInternalID.Compare(id) >= 0 {
		return s.Next(sctx)
	}
	sctx.DocumentMatchPool.Put(s.curr)
	var err error
	if s.curr, err = s.must.Advance(sctx, id); err != nil {
		s.curr = nil
		return nil, err
	}
	return s.Next(sctx)
}

func (s *phraseSearcher) Close() error               { return s.must.Close() }
func (s *phraseSearcher) Weight() float64            { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(n float64)     { s.must.SetQueryNorm(n) }
func (s *phraseSearcher) Count() uint64              { return s.must.Count() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return s.must.Size() + 64 }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }

// phraseCheck finds a phrase's occurrences in one document's locations,
// reusing its buffers from one document to the next.
type phraseCheck struct {
	slots []phraseSlot       // one per alternative of each phrase term
	added map[phraseKey]bool // locations already reported
	steps int                // work done, in locations visited (tests)
}

// phraseSlot is one alternative at one offset of the phrase, with a cursor
// in its term's locations that only moves forward.
type phraseSlot struct {
	offset int // in the phrase
	term   string
	locs   search.Locations
	next   int
}

type phraseKey struct {
	term string
	pos  uint64
}

// find appends to ftls the locations of the phrase's first maxPhraseMatches
// occurrences in tlm (one field's locations by term): positions p, p+1, …
// holding one of the alternatives of each term in turn ("" holds any), in
// the same array element. It considers at most maxPhraseLocations
// locations of each term, with one cursor per alternative that moves
// forward as the occurrence tried moves forward: its work is linear in
// the locations considered plus the starts tried times the phrase's length.
func (c *phraseCheck) find(field string, terms [][]string, tlm search.TermLocationMap, ftls []search.FieldTermLocation) []search.FieldTermLocation {
	c.slots = c.slots[:0]
	first := -1 // the first offset with a term
	for i, alts := range terms {
		for _, t := range alts {
			if t == "" {
				continue
			}
			if first < 0 {
				first = i
			}
			c.slots = append(c.slots, phraseSlot{offset: i, term: t, locs: c.sorted(t, tlm[t])})
		}
	}
	if first < 0 {
		return ftls
	}
	if c.added == nil {
		c.added = map[phraseKey]bool{}
	}
	clear(c.added)
	matches := 0
	for si := range c.slots {
		if c.slots[si].offset != first {
			break
		}
		for k := range c.slots { // each alternative's starts from the beginning
			c.slots[k].next = 0
		}
		for _, start := range c.slots[si].locs {
			if matches >= maxPhraseMatches {
				return ftls
			}
			base := start.Pos - uint64(first) // wraps for a leading "", and back
			if !c.matchAt(terms, base, start.ArrayPositions) {
				continue
			}
			matches++
			for k := range c.slots {
				sl := &c.slots[k]
				if sl.next >= len(sl.locs) {
					continue
				}
				l := sl.locs[sl.next]
				key := phraseKey{sl.term, l.Pos}
				if l.Pos != base+uint64(sl.offset) || !l.ArrayPositions.Equals(start.ArrayPositions) || c.added[key] {
					continue
				}
				c.added[key] = true
				ftls = append(ftls, search.FieldTermLocation{Field: field, Term: sl.term, Location: search.Location{
					Pos: l.Pos, Start: l.Start, End: l.End, ArrayPositions: l.ArrayPositions,
				}})
			}
		}
	}
	return ftls
}

// matchAt reports whether the phrase stands at base (its offset 0): every
// offset holds one of its alternatives. It moves each slot's cursor to
// the first location at or after its place for base.
func (c *phraseCheck) matchAt(terms [][]string, base uint64, ap search.ArrayPositions) bool {
	k := 0
	for i, alts := range terms {
		found, wild := false, false
		for _, t := range alts {
			if t == "" {
				wild = true
				continue
			}
			sl := &c.slots[k]
			k++
			want := base + uint64(i)
			for sl.next < len(sl.locs) && sl.locs[sl.next].Pos < want {
				sl.next++
				c.steps++
			}
			c.steps++
			if sl.next < len(sl.locs) && sl.locs[sl.next].Pos == want && sl.locs[sl.next].ArrayPositions.Equals(ap) {
				found = true
			}
		}
		if !found && !wild {
			// the later slots' cursors stay behind: they catch up at the
			// next start, which is further on
			return false
		}
	}
	return true
}

// sorted returns at most maxPhraseLocations of locs, sorted by position.
func (c *phraseCheck) sorted(term string, locs search.Locations) search.Locations {
	if len(locs) > maxPhraseLocations {
		locs = locs[:maxPhraseLocations]
	}
	if slices.IsSortedFunc(locs, func(a, b *search.Location) int { return cmp.Compare(a.Pos, b.Pos) }) {
		return locs
	}
	s := slices.Clone(locs)
	slices.SortStableFunc(s, func(a, b *search.Location) int { return cmp.Compare(a.Pos, b.Pos) })
	return s
}

// timesSearcher is a searcher counted n times in a conjunction: its score
// and weight n times its own, as n copies of it would sum to.
type timesSearcher struct {
	search.Searcher
	n float64
}

func (s timesSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	return s.scale(s.Searcher.Next(sctx))
}

func (s timesSearcher) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	return s.scale(s.Searcher.Advance(sctx, id))
}

func (s timesSearcher) Weight() float64 { return s.n * s.Searcher.Weight() }

func (s timesSearcher) scale(d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if d != nil {
		d.Score *= s.n
	}
	return d, err
}
