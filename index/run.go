package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// byRank reports whether hits are in report order: the collector then
// scores each hit by its rank (see collectState) and bleve sorts by score.
func byRank(p *plan, req Request) bool {
	return req.Sort == SortOrder || (req.Sort == SortRelevance && !p.scoring)
}

func (ix *Index) sortOrder(p *plan, req Request) search.SortOrder {
	byOrder := search.SortOrder{&search.SortField{Field: fieldRank}}
	switch {
	case byRank(p, req):
		return search.SortOrder{&search.SortScore{Desc: true}}
	case req.Sort == SortValue || req.Sort == SortValueDesc:
		return append(search.SortOrder{newValueSort(p, req)}, byOrder...)
	}
	// by score alone: a second key would read doc values for every match
	return search.SortOrder{&search.SortScore{Desc: true}}
}

// valueFields are the fields sort by value uses: the figure filter's kind
// (or kinds: figureFilter.fields), else the one requested kind, else money.
func valueFields(p *plan, req Request) []string {
	if f := sortFilter(p); f != nil {
		return f.fields()
	}
	if len(req.Kinds) == 1 {
		return []string{valuePrefix + req.Kinds[0]}
	}
	return []string{valuePrefix + kindMoney}
}

// sortFilter is the query's first figure filter of a kind (not a number
// without a unit, whose values as written mix kinds), or nil.
func sortFilter(p *plan) *figureFilter {
	for i := range p.figures {
		if p.figures[i].Kind != "" {
			f := p.figures[i]
			return &f
		}
	}
	return nil
}

// valueSort orders hits by the figure they matched: the largest value of
// valueFields within the query's first figure filter (else the request's
// bounds, else its one money range when sorting money), or without one (or
// when no value lies inside it: an approximate figure matched by its
// span) the largest value of that field. Hits without such a figure come
// last in both directions.
type valueSort struct {
	fields []string
	filter *figureFilter
	desc   bool
	inside float64 // the largest value inside the filter so far, or NaN
	any    float64 // the largest value so far, or NaN
}

func newValueSort(p *plan, req Request) *valueSort {
	s := &valueSort{fields: valueFields(p, req), desc: req.Sort == SortValueDesc, inside: math.NaN(), any: math.NaN()}
	if f := sortFilter(p); f != nil {
		s.filter = f
	} else if bounds := p.bounds; len(bounds) > 0 {
		s.filter = &bounds[0] // Request.Min and Max: the same on every kind
	} else if mf, ok := moneyFilter(req); ok && slices.Equal(s.fields, mf.fields()) {
		s.filter = &mf // Request.Money's range
	}
	return s
}

func (s *valueSort) UpdateVisitor(field string, term []byte) {
	if !slices.Contains(s.fields, field) {
		return
	}
	if ok, shift := numeric.ValidPrefixCodedTermBytes(term); !ok || shift != 0 {
		return
	}
	i, err := numeric.PrefixCoded(term).Int64()
	if err != nil {
		return
	}
	v := numeric.Int64ToFloat64(i)
	if math.IsNaN(s.any) || v > s.any {
		s.any = v
	}
	if s.filter != nil && s.filter.contains(v) && (math.IsNaN(s.inside) || v > s.inside) {
		s.inside = v
	}
}

// Value is the sortable key of the hit's value (and resets the state for
// the next hit): the value prefix-coded, or for none a key that sorts
// last in the sort's direction.
func (s *valueSort) Value(*search.DocumentMatch) string {
	v := s.inside
	if math.IsNaN(v) {
		v = s.any
	}
	s.inside, s.any = math.NaN(), math.NaN()
	if math.IsNaN(v) {
		if s.desc {
			return search.LowTerm
		}
		return search.HighTerm
	}
	return string(numeric.MustNewPrefixCodedInt64(numeric.Float64ToInt64(v), 0))
}

func (s *valueSort) DecodeValue(v string) string {
	i, err := numeric.PrefixCoded(v).Int64()
	if err != nil {
		return v
	}
	return strconv.FormatFloat(numeric.Int64ToFloat64(i), 'g', -1, 64)
}

func (s *valueSort) Descending() bool         { return s.desc }
func (s *valueSort) RequiresDocID() bool      { return false }
func (s *valueSort) RequiresScoring() bool    { return false }
func (s *valueSort) RequiresFields() []string { return s.fields }
func (s *valueSort) Reverse()                 { s.desc = !s.desc }

func (s *valueSort) Copy() search.SearchSort {
	c := *s
	return &c
}

// found is what running a plan found: the page of matches, and the
// collector's state, which holds the whole match set for the total and
// the facets.
type found struct {
	matches search.DocumentMatchCollection
	state   *collectState
}

// partialBelow is the number of hits with every word (themselves or
// through related words) under which the hits with some of them follow:
// a page's worth (DefaultSize). Above it, the words narrow, as a user who
// types more words expects; below it, the best partial answers are shown
// rather than few or none.
const partialBelow = DefaultSize

// run executes the plan's main query (every word) and, when it finds fewer
// than partialBelow hits, the tiered one (any word, the hits with most
// words first).
func (ix *Index) run(ctx context.Context, p *plan, req Request) (*found, error) {
	f, err := ix.execute(ctx, p.main, p, req)
	if err != nil {
		return nil, err
	}
	if f.state.total() < partialBelow && p.tiered != nil {
		if f, err = ix.execute(ctx, p.tiered, p, req); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// unmatched returns the text of the units no match has, itself or through
// a related word, in query order.
func (f *found) unmatched(p *plan) []string {
	if p.tiers == nil {
		return nil
	}
	var out []string
	for i, u := range p.units {
		if f.state.covered&(1<<i) == 0 && !contains(out, u.Text) {
			out = append(out, u.Text)
		}
	}
	return out
}

// execute runs one bleve query for the request's page, collecting the
// match set (and applying the section, kind and money filters) in a collectState.
func (ix *Index) execute(ctx context.Context, q query.Query, p *plan, req Request) (*found, error) {
	sr := bleve.NewSearchRequestOptions(q, req.Size, req.From, false)
	sr.IncludeLocations = p.scoring
	sr.SortByCustom(ix.sortOrder(p, req))
	if err := sr.Validate(); err != nil {
		return nil, &QueryError{Param: "q", Message: err.Error()}
	}
	st := &collectState{ix: ix, sections: req.Sections, kinds: req.Kinds, money: req.Money, reps: req.reports, req: req, byRank: byRank(p, req), tiers: p.tiers}
	ctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(st.handlerMaker))
	sres, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return &found{matches: sres.Hits, state: st}, nil
}
