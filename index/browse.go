package index

import (
	"context"
	"encoding/binary"
	"fmt"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// browse answers the empty query without a search: every bullet in report
// order (filtered by section, kind and money range) straight from the snapshot's rank
// order, facets from its bitmaps. At a million bullets this is the landing
// page, so it must not visit every document.
func (ix *Index) browse(ctx context.Context, req Request) (*Result, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	defer r.Close()
	sets, err := ix.facets.get(ctx, r, &ix.meta)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if _, err := sets.rankOf(ctx, ix.bi.Mapping()); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	st := &collectState{ix: ix, sections: req.Sections, kinds: req.Kinds, money: req.Money, reps: req.reports, req: req}
	st.prepare(sets)
	st.matched = sets.all
	res := &Result{Total: st.total(), Facets: st.facets(), Hits: []Hit{}}
	skip := req.From
	id := make(bleveindex.IndexInternalID, 8)
	for i, n := range sets.byRank {
		if len(res.Hits) >= req.Size {
			break
		}
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !st.passes(n) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		binary.BigEndian.PutUint64(id, uint64(n))
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		b, err := ix.bullet(ext)
		if err != nil {
			return nil, fmt.Errorf("index: hit %s: %w", ext, err)
		}
		res.Hits = append(res.Hits, Hit{Bullet: b})
	}
	return res, nil
}
