package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
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
		return append(search.SortOrder{&search.SortField{
			Field:   valueField(p, req),
			Type:    search.SortFieldAsNumber,
			Mode:    search.SortFieldMax,
			Missing: search.SortFieldMissingLast,
			Desc:    req.Sort == SortValueDesc,
		}}, byOrder...)
	}
	// by score alone: a second key would read doc values for every match
	return search.SortOrder{&search.SortScore{Desc: true}}
}

// valueField is the field sort by value uses: the figure filter's kind, else
// the one requested kind, else money.
func valueField(p *plan, req Request) string {
	if len(p.figures) > 0 {
		return p.figures[0].field()
	}
	if len(req.Kinds) == 1 {
		return valuePrefix + req.Kinds[0]
	}
	return valuePrefix + kindMoney
}

// found is what running a plan found: the page of matches, and the
// collector's state, which holds the whole match set for the total and
// the facets.
type found struct {
	matches search.DocumentMatchCollection
	state   *collectState
	partial bool // the fallback matched: no bullet has every word
}

// run executes the plan's main query and, when nothing matches it, its
// fallback (any word instead of all).
func (ix *Index) run(ctx context.Context, p *plan, req Request) (*found, error) {
	f, err := ix.execute(ctx, p.main, p, req)
	if err != nil {
		return nil, err
	}
	if f.state.total() == 0 && p.fallback != nil {
		if f, err = ix.execute(ctx, p.fallback, p, req); err != nil {
			return nil, err
		}
		f.partial = f.state.total() > 0
	}
	return f, nil
}

// execute runs one bleve query for the request's page, collecting the
// match set (and applying the section and kind filters) in a collectState.
func (ix *Index) execute(ctx context.Context, q query.Query, p *plan, req Request) (*found, error) {
	sr := bleve.NewSearchRequestOptions(q, req.Size, req.From, false)
	sr.IncludeLocations = p.scoring
	sr.SortByCustom(ix.sortOrder(p, req))
	if err := sr.Validate(); err != nil {
		return nil, &QueryError{Param: "q", Message: err.Error()}
	}
	st := &collectState{ix: ix, sections: req.Sections, kinds: req.Kinds, reps: req.reports, req: req, byRank: byRank(p, req)}
	ctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(st.handlerMaker))
	sres, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return &found{matches: sres.Hits, state: st}, nil
}
