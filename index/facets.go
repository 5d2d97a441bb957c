package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strconv"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"reportsearch/corpus"
)

// Facets are counted without bleve's terms facet, which reads every matching
// document's doc values (about 9 µs each). Instead, per index snapshot we keep
// one roaring bitmap of document numbers per section, kind and money range
// (built once from the postings lists), collect the matching documents'
// numbers into a bitmap while bleve's collector runs, and intersect: a facet
// costs one AndCardinality per value, whatever the number of hits.
//
// The section, kind and money filters are applied in the same place, as
// bitmap lookups, so the match set seen by the facets is the one without
// them, and each facet is counted with every filter but its own
// (disjunctive facets): the count beside a value is the total of the
// request with that facet's filter set to that value.

// facetSets are the bitmaps of one index snapshot.
type facetSets struct {
	reader   bleveindex.IndexReader // the snapshot they belong to (identity only)
	sections map[string]*roaring.Bitmap
	kinds    map[string]*roaring.Bitmap
	money    []*roaring.Bitmap // parallel to moneyRanges
	reports  []*roaring.Bitmap // parallel to meta.ReportInfo

	ranksOnce sync.Once
	ranks     []uint32        // by document number: the bullet's rank (report order)
	byRank    []uint32        // document numbers in report order
	all       *roaring.Bitmap // every document
	ranksErr  error

	valuesOnce sync.Once
	values     *docValues // nil: not representable (see docValuesOf)
}

// docValues are the facet values of every document, by document number.
// Counting a few thousand matches by lookup is cheaper than intersecting
// them with every facet bitmap: most kind and money bitmaps are sparse,
// and a sparse-by-sparse AndCardinality walks both.
type docValues struct {
	section []uint16 // index in meta.Sections + 1; 0: none
	kinds   []uint64 // bit i: meta.Kinds[i]
	money   []uint8  // bit i: moneyRanges[i]
}

// lookupShare: matches are counted by lookup when they are at most this
// share of the documents; more (browsing: all of them) by AndCardinality.
const lookupShare = 8

// lookupPerValue: matches are also counted by lookup when they are fewer
// than this many per section and kind (an AndCardinality costs about as
// much as looking up this many matches).
const lookupPerValue = 20

// docValuesOf builds the docValues once per snapshot, or nil when a
// document has two sections or there are too many kinds or money ranges
// for the bit sets.
func (fs *facetSets) docValuesOf(m *meta) *docValues {
	fs.valuesOnce.Do(func() {
		if len(m.Kinds) > 64 || len(moneyRanges) > 8 || len(m.Sections) >= math.MaxUint16 {
			return
		}
		n := 0
		grow := func(b *roaring.Bitmap) {
			if b != nil && !b.IsEmpty() && int(b.Maximum())+1 > n {
				n = int(b.Maximum()) + 1
			}
		}
		for _, b := range fs.sections {
			grow(b)
		}
		for _, b := range fs.kinds {
			grow(b)
		}
		for _, b := range fs.money {
			grow(b)
		}
		v := &docValues{section: make([]uint16, n), kinds: make([]uint64, n), money: make([]uint8, n)}
		for i, s := range m.Sections {
			b := fs.sections[s.Key()]
			if b == nil {
				continue
			}
			for it := b.Iterator(); it.HasNext(); {
				d := it.Next()
				if v.section[d] != 0 {
					return // two sections: count with bitmaps
				}
				v.section[d] = uint16(i + 1)
			}
		}
		for i, k := range m.Kinds {
			if b := fs.kinds[k]; b != nil {
				for it := b.Iterator(); it.HasNext(); {
					v.kinds[it.Next()] |= 1 << i
				}
			}
		}
		for i, b := range fs.money {
			for it := b.Iterator(); it.HasNext(); {
				v.money[it.Next()] |= 1 << i
			}
		}
		fs.values = v
	})
	return fs.values
}

// rankOf returns every document's rank, read once per snapshot from the doc
// values in document order (cheap: each compressed chunk is read once).
// Sorting by report order then costs an array lookup per hit instead of a
// doc value visit.
func (fs *facetSets) rankOf(ctx context.Context, m mapping.IndexMapping) ([]uint32, error) {
	fs.ranksOnce.Do(func() {
		fs.ranks, fs.ranksErr = readRanks(ctx, fs.reader, m)
		fs.all = roaring.New()
		for n, r := range fs.ranks {
			if r != math.MaxUint32 {
				fs.byRank = append(fs.byRank, uint32(n))
				fs.all.Add(uint32(n))
			}
		}
		sort.Slice(fs.byRank, func(i, j int) bool { return fs.ranks[fs.byRank[i]] < fs.ranks[fs.byRank[j]] })
	})
	return fs.ranks, fs.ranksErr
}

func readRanks(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping) ([]uint32, error) {
	s, err := query.NewMatchAllQuery().Searcher(ctx, r, m, search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	dvr, err := r.DocValueReader([]string{fieldRank})
	if err != nil {
		return nil, err
	}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	var ranks []uint32
	for {
		d, err := s.Next(sctx)
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		n, ok := docNum(d.IndexInternalID)
		if !ok {
			return nil, fmt.Errorf("index: unexpected internal document id %x", d.IndexInternalID)
		}
		rank := uint32(math.MaxUint32)
		err = dvr.VisitDocValues(d.IndexInternalID, func(field string, term []byte) {
			if v, err := strconv.ParseUint(string(term), 10, 32); err == nil {
				rank = uint32(v)
			}
		})
		if err != nil {
			return nil, err
		}
		for int(n) >= len(ranks) {
			ranks = append(ranks, math.MaxUint32)
		}
		ranks[n] = rank
		sctx.DocumentMatchPool.Put(d)
	}
	return ranks, nil
}

// facetCache holds the facetSets of the latest snapshot seen.
type facetCache struct {
	mu   sync.Mutex // guards sets
	sets *facetSets
}

func (c *facetCache) get(ctx context.Context, r bleveindex.IndexReader, m *meta) (*facetSets, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sets != nil && c.sets.reader == r {
		return c.sets, nil
	}
	fs := &facetSets{reader: r, sections: map[string]*roaring.Bitmap{}, kinds: map[string]*roaring.Bitmap{}}
	var err error
	for _, s := range m.Sections {
		if fs.sections[s.Key()], err = postings(ctx, r, fieldSection, s.Key()); err != nil {
			return nil, err
		}
	}
	for _, rep := range m.ReportInfo {
		b, err := postings(ctx, r, fieldReport, rep.ID)
		if err != nil {
			return nil, err
		}
		b.RunOptimize()
		fs.reports = append(fs.reports, b)
	}
	for _, k := range m.Kinds {
		if fs.kinds[k], err = postings(ctx, r, fieldKind, k); err != nil {
			return nil, err
		}
	}
	for _, mr := range moneyRanges {
		b, err := postings(ctx, r, fieldMRange, mr.Key)
		if err != nil {
			return nil, err
		}
		fs.money = append(fs.money, b)
	}
	c.sets = fs
	return fs, nil
}

// postings returns the document numbers having term in field.
func postings(ctx context.Context, r bleveindex.IndexReader, field, term string) (*roaring.Bitmap, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	b := roaring.New()
	var tfd bleveindex.TermFieldDoc
	for {
		d, err := tfr.Next(&tfd)
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		n, ok := docNum(d.ID)
		if !ok {
			return nil, fmt.Errorf("index: unexpected internal document id %x", d.ID)
		}
		b.Add(n)
		tfd = bleveindex.TermFieldDoc{}
	}
	return b, nil
}

// docNum decodes scorch's internal id: the document number in the snapshot.
func docNum(id bleveindex.IndexInternalID) (uint32, bool) {
	if len(id) != 8 {
		return 0, false
	}
	n := binary.BigEndian.Uint64(id)
	if n > 1<<32-1 {
		return 0, false
	}
	return uint32(n), true
}

// collectState watches one search's matches.
type collectState struct {
	ix       *Index
	sections []string // the request's section filter
	kinds    []string // the request's kind filter
	reps     *reportFilter
	req      Request
	money    []string // the request's money filter (range keys)
	byRank   bool     // replace scores by report order (the sort is by score)
	ranks    []uint32

	sets    *facetSets
	matched *roaring.Bitmap // every match, before the section, kind and money filters
	secOK   *roaring.Bitmap // nil: no section filter
	kindOK  *roaring.Bitmap // nil: no kind filter
	repOK   *roaring.Bitmap // nil: no report filter
	moneyOK *roaring.Bitmap // nil: no money filter
	err     error

	// tiers ranks matches by the units they have (tiers.go); nil: all
	// alike. full counts the matches with every unit, covered has the
	// units some match has.
	tiers   *tiers
	full    uint64
	covered unitMask
}

// handlerMaker wraps bleve's top-N handler: it records every match and drops
// those outside the section, kind and money filters before the top-N sees
// them.
func (st *collectState) handlerMaker(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	inner, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
	if err != nil {
		return nil, false, err
	}
	if inner == nil {
		return nil, false, fmt.Errorf("index: unexpected collector %T", sctx.Collector)
	}
	sets, err := st.ix.facets.get(context.Background(), sctx.IndexReader, &st.ix.meta)
	if err != nil {
		return nil, false, err
	}
	st.prepare(sets)
	st.matched = roaring.New()
	if st.byRank {
		if st.ranks, err = sets.rankOf(context.Background(), st.ix.bi.Mapping()); err != nil {
			return nil, false, err
		}
	}
	return func(d *search.DocumentMatch) error {
		if d == nil {
			return inner(d)
		}
		n, ok := docNum(d.IndexInternalID)
		if !ok {
			return fmt.Errorf("index: unexpected internal document id %x", d.IndexInternalID)
		}
		if st.byRank {
			rank := uint32(math.MaxUint32)
			if int(n) < len(st.ranks) {
				rank = st.ranks[n]
			}
			d.Score = -float64(rank)
		}
		st.matched.Add(n)
		if !st.passes(n) {
			sctx.DocumentMatchPool.Put(d)
			return nil
		}
		st.tier(d)
		return inner(d)
	}, loadID, nil
}

// prepare sets the snapshot's bitmaps and the filters' unions.
func (st *collectState) prepare(sets *facetSets) {
	st.sets = sets
	if len(st.sections) > 0 {
		st.secOK = roaring.New()
		for _, s := range st.sections {
			if b := sets.sections[s]; b != nil {
				st.secOK.Or(b)
			}
		}
	}
	if len(st.kinds) > 0 {
		st.kindOK = roaring.New()
		for _, k := range st.kinds {
			if b := sets.kinds[k]; b != nil {
				st.kindOK.Or(b)
			}
		}
	}
	st.repOK = st.reps.allowed(sets.reports)
	if len(st.money) > 0 {
		st.moneyOK = roaring.New()
		for _, key := range st.money {
			if i := moneyRange(key); i >= 0 && i < len(sets.money) && sets.money[i] != nil {
				st.moneyOK.Or(sets.money[i])
			}
		}
	}
}

// passes reports whether document n passes the section, kind, report and
// money filters.
func (st *collectState) passes(n uint32) bool {
	return (st.secOK == nil || st.secOK.Contains(n)) &&
		(st.kindOK == nil || st.kindOK.Contains(n)) &&
		(st.repOK == nil || st.repOK.Contains(n)) &&
		(st.moneyOK == nil || st.moneyOK.Contains(n))
}

// filtered is the match set under the filters given (nil ones skipped).
func (st *collectState) filtered(filters ...*roaring.Bitmap) *roaring.Bitmap {
	b := st.matched
	for _, f := range filters {
		if f != nil {
			b = roaring.And(b, f)
		}
	}
	return b
}

// total is the number of matches passing every filter.
func (st *collectState) total() uint64 {
	if st.matched == nil {
		return 0
	}
	return st.filtered(st.secOK, st.kindOK, st.moneyOK, st.repOK).GetCardinality()
}

// facets counts the facets of a finished search.
func (st *collectState) facets() Facets {
	var f Facets
	if st.sets == nil || st.matched == nil {
		return f
	}
	secN, kindN, moneyN := st.lookupCounts()
	if secN == nil {
		secN, kindN, moneyN = st.bitmapCounts()
	}
	selectedKind := map[string]bool{}
	for _, k := range st.kinds {
		selectedKind[k] = true
	}
	f.Sections = st.sectionFacet(secN)
	f.Reports, f.Levels, f.Regions, f.Years = st.ix.reportFacets(st.reportBase(), st.sets.reports, st.reps, st.req)
	for i, k := range st.ix.meta.Kinds {
		if kindN[i] == 0 && !selectedKind[k] {
			continue
		}
		f.Kinds = append(f.Kinds, FacetCount{Value: k, Label: corpus.KindLabel(k), Count: kindN[i]})
	}
	sort.SliceStable(f.Kinds, func(i, j int) bool { return f.Kinds[i].Count > f.Kinds[j].Count })
	for i, mr := range moneyRanges {
		f.Money = append(f.Money, FacetCount{Value: mr.Key, Label: mr.Label, Count: moneyN[i]})
	}
	return f
}

// bitmapCounts counts each facet value as an AndCardinality, each facet
// with every filter but its own.
func (st *collectState) bitmapCounts() (secN, kindN, moneyN []int) {
	bySection := st.filtered(st.kindOK, st.moneyOK, st.repOK)
	byKind := st.filtered(st.secOK, st.moneyOK, st.repOK)
	byMoney := st.filtered(st.secOK, st.kindOK, st.repOK)
	m := &st.ix.meta
	for _, s := range m.Sections {
		secN = append(secN, int(bySection.AndCardinality(st.sets.sections[s.Key()])))
	}
	for _, k := range m.Kinds {
		kindN = append(kindN, int(byKind.AndCardinality(st.sets.kinds[k])))
	}
	for i := range moneyRanges {
		moneyN = append(moneyN, int(byMoney.AndCardinality(st.sets.money[i])))
	}
	return secN, kindN, moneyN
}

// lookupCounts counts the facets by looking up each match's values, or
// returns nils when bitmaps are the better way (no docValues, or many
// matches and few facet values: with a collection's thousands of sections
// one AndCardinality each costs more than looking up every match).
// Filters apply as for bitmapCounts: each facet without its own.
func (st *collectState) lookupCounts() (secN, kindN, moneyN []int) {
	v := st.sets.docValuesOf(&st.ix.meta)
	m := &st.ix.meta
	if v == nil {
		return nil, nil, nil
	}
	if card := st.matched.GetCardinality(); card > uint64(len(v.section)/lookupShare) && card > uint64(lookupPerValue*(len(m.Sections)+len(m.Kinds))) {
		return nil, nil, nil
	}
	pass := func(b *roaring.Bitmap, d uint32) bool { return b == nil || b.Contains(d) }
	secN = make([]int, len(m.Sections))
	kindN = make([]int, len(m.Kinds))
	moneyN = make([]int, len(moneyRanges))
	buf := make([]uint32, 256)
	it := st.matched.ManyIterator()
	for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
		for _, d := range buf[:n] {
			if int(d) >= len(v.section) {
				continue // in no facet bitmap
			}
			inSec, inKind, inRep, inMoney := pass(st.secOK, d), pass(st.kindOK, d), pass(st.repOK, d), pass(st.moneyOK, d)
			if !inRep {
				continue
			}
			if s := v.section[d]; s > 0 && inKind && inMoney {
				secN[s-1]++
			}
			if inSec && inMoney {
				for k := v.kinds[d]; k != 0; k &= k - 1 {
					kindN[bits.TrailingZeros64(k)]++
				}
			}
			if inSec && inKind {
				for b := v.money[d]; b != 0; b &= b - 1 {
					moneyN[bits.TrailingZeros8(b)]++
				}
			}
		}
	}
	return secN, kindN, moneyN
}
