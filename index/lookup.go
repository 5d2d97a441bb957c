package index

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"reportsearch/corpus"
)

// maxCachedBullets bounds the decoded bullets kept; past it the cache
// starts over.
const maxCachedBullets = 20000

// ErrNotFound is the error of Bullet and Neighbours for a key no indexed
// bullet has.
var ErrNotFound = errors.New("index: no such bullet")

// bullet returns the stored bullet of document id, decoded once.
func (ix *Index) bullet(id string) (corpus.Bullet, error) {
	sd, err := ix.stored(id)
	if err != nil {
		return corpus.Bullet{}, err
	}
	return sd.bullet(), nil
}

// stored returns the stored bullet of document id: ErrNotFound if there is
// none, another error if it cannot be read.
func (ix *Index) stored(id string) (storedBullet, error) {
	ix.mu.RLock()
	sd, ok := ix.bullets[id]
	ix.mu.RUnlock()
	if ok {
		return sd, nil
	}
	d, err := ix.bi.Document(id)
	if err != nil {
		return storedBullet{}, fmt.Errorf("index: bullet %s: %w", id, err)
	}
	if d == nil {
		return storedBullet{}, ErrNotFound
	}
	var raw interface{}
	d.VisitFields(func(f bleveindex.Field) {
		if f.Name() == fieldDoc {
			raw = string(f.Value())
		}
	})
	if sd, err = decodeStored(raw); err != nil {
		return storedBullet{}, fmt.Errorf("index: bullet %s: %w", id, err)
	}
	ix.mu.Lock()
	if len(ix.bullets) >= maxCachedBullets {
		ix.bullets = nil
	}
	if ix.bullets == nil {
		ix.bullets = map[string]storedBullet{}
	}
	ix.bullets[id] = sd
	ix.mu.Unlock()
	return sd, nil
}

// key resolves a bare "SS-NN" when the index holds one report.
func (ix *Index) key(key string) string {
	if !strings.Contains(key, ":") && len(ix.meta.Reports) == 1 {
		return ix.meta.Reports[0] + ":" + key
	}
	return key
}

// maxKeyBytes bounds a bullet key: longer ones are no bullet's.
const maxKeyBytes = 512

// Bullet returns a bullet by key: "report:SS-NN", or a bare "SS-NN" when the
// index holds one report. It returns ErrNotFound for a key no bullet has
// (an empty key or one longer than 512 bytes included), another error if
// the bullet cannot be read from the index.
func (ix *Index) Bullet(key string) (corpus.Bullet, error) {
	if len(key) == 0 || len(key) > maxKeyBytes {
		return corpus.Bullet{}, ErrNotFound
	}
	return ix.bullet(ix.key(key))
}

// MaxNeighbours bounds n in Neighbours.
const MaxNeighbours = 50

// Neighbours returns the n bullets before and after key in its report's
// order (fewer at the report's start or end), for showing a bullet in
// context. n must be 0 to MaxNeighbours: above it the error is a
// *QueryError. It returns ErrNotFound for a key Bullet does not find, and
// another error if the index cannot be read.
func (ix *Index) Neighbours(ctx context.Context, key string, n int) (before, after []corpus.Bullet, err error) {
	if n < 0 || n > MaxNeighbours {
		return nil, nil, &QueryError{Param: "n", Message: fmt.Sprintf("neighbours: %d is not between 0 and %d", n, MaxNeighbours)}
	}
	if len(key) == 0 || len(key) > maxKeyBytes {
		return nil, nil, ErrNotFound
	}
	sd, err := ix.stored(ix.key(key))
	if err != nil {
		return nil, nil, err
	}
	if n == 0 {
		return nil, nil, nil
	}
	incl := true
	ranks := query.NewTermRangeInclusiveQuery(rankTerm(max(sd.Rank-n, 0)), rankTerm(sd.Rank+n), &incl, &incl)
	ranks.SetField(fieldRank)
	q := conjunction(termQuery(fieldReport, sd.Report, 1), ranks)
	bullets, err := ix.list(ctx, q, 2*n+1)
	if err != nil {
		return nil, nil, err
	}
	for _, x := range bullets {
		switch {
		case x.Order < sd.Order:
			before = append(before, x)
		case x.Order > sd.Order:
			after = append(after, x)
		}
	}
	return before, after, nil
}

// list returns up to size bullets matching q in report order.
func (ix *Index) list(ctx context.Context, q query.Query, size int) ([]corpus.Bullet, error) {
	sr := bleve.NewSearchRequestOptions(q, size, 0, false)
	sr.Fields = []string{fieldDoc}
	sr.SortByCustom(search.SortOrder{&search.SortField{Field: fieldRank}})
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	out := make([]corpus.Bullet, 0, len(res.Hits))
	for _, dm := range res.Hits {
		sd, err := decodeStored(dm.Fields[fieldDoc])
		if err != nil {
			return nil, fmt.Errorf("index: %s: %w", dm.ID, err)
		}
		out = append(out, sd.bullet())
	}
	return out, nil
}

// Reports lists the indexed reports' ids.
func (ix *Index) Reports() []string { return append([]string(nil), ix.meta.Reports...) }

// Kinds lists the metric kinds found in the indexed reports, sorted.
func (ix *Index) Kinds() []string { return append([]string(nil), ix.meta.Kinds...) }

// Len is the number of indexed bullets.
func (ix *Index) Len() int { return ix.meta.Docs }

// MetricRow is one extracted figure with the bullet it is in.
type MetricRow struct {
	Bullet corpus.Bullet // the metric is Bullet.Metrics[I]
	I      int
}

// MaxMetricBullets bounds the bullets Metrics reads.
const MaxMetricBullets = 100000

// Metrics lists every figure, filtered by section keys (see SectionKey) and kinds (nil: all),
// in report order, from the first MaxMetricBullets bullets that have one:
// truncated reports that more bullets match and their figures are left
// out. The error is ctx's when it ends first, or the index's.
func (ix *Index) Metrics(ctx context.Context, sections, kinds []string) (rows []MetricRow, truncated bool, err error) {
	var must []query.Query
	if len(sections) > 0 {
		var qs []query.Query
		keys, err := ix.sectionKeys(sections)
		if err != nil {
			return nil, false, err
		}
		for _, s := range keys {
			qs = append(qs, termQuery(fieldSection, s, 1))
		}
		must = append(must, disjunction(1, qs...))
	}
	ks := kinds
	if len(ks) == 0 {
		ks = ix.meta.Kinds
	}
	if len(ks) == 0 {
		return nil, false, nil
	}
	var qs []query.Query
	for _, k := range ks {
		qs = append(qs, termQuery(fieldKind, k, 1))
	}
	must = append(must, disjunction(1, qs...))
	bullets, err := ix.list(ctx, conjunction(must...), min(ix.meta.Docs, MaxMetricBullets)+1)
	if err != nil {
		return nil, false, err
	}
	if len(bullets) > MaxMetricBullets {
		bullets, truncated = bullets[:MaxMetricBullets], true
	}
	for _, b := range bullets {
		for i, m := range b.Metrics {
			if len(kinds) == 0 || contains(kinds, m.Kind) {
				rows = append(rows, MetricRow{Bullet: b, I: i})
			}
		}
	}
	return rows, truncated, nil
}
