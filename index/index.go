package index

import (
	"context"
	"errors"

	"reportsearch/corpus"
)

// errTODO marks the parts of the contract not built yet. TODO(index owner): remove.
var errTODO = errors.New("index: not implemented yet")

// Index is an opened bleve index of report bullets, safe for concurrent use.
type Index struct{}

// Options tune building and opening.
type Options struct {
	Synonyms string // extra synonyms file (--synonyms), "" for the embedded set only
}

// New indexes reports in memory.
func New(reports []*corpus.Report, opts Options) (*Index, error) { return nil, errTODO }

// Build writes an on-disk index of reports to dir: into a temporary folder
// renamed into place only when complete. progress may be nil.
func Build(ctx context.Context, reports []*corpus.Report, dir string, opts Options, progress func(done, total int)) error {
	return errTODO
}

// Open opens an on-disk index read-only; it fails fast if another process
// holds it for writing.
func Open(dir string, opts Options) (*Index, error) { return nil, errTODO }

// Close releases the index.
func (ix *Index) Close() error { return nil }

// Search runs a request. Errors a client caused are *QueryError.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) { return nil, errTODO }

// Bullet returns a bullet by key: "report:SS-NN", or a bare "SS-NN" when the
// index holds one report.
func (ix *Index) Bullet(key string) (corpus.Bullet, bool) { return corpus.Bullet{}, false }

// Neighbours returns up to n bullets before and after key in report order,
// for showing a bullet in context.
func (ix *Index) Neighbours(key string, n int) (before, after []corpus.Bullet) { return nil, nil }

// Reports lists the indexed reports' ids.
func (ix *Index) Reports() []string { return nil }

// Sections lists the sections of every indexed report, in report order.
func (ix *Index) Sections() []corpus.Section { return nil }

// MetricRow is one extracted figure with the bullet it is in.
type MetricRow struct {
	Bullet corpus.Bullet // the metric is Bullet.Metrics[I]
	I      int
}

// Metrics lists every figure, filtered by section ids and kinds (nil: all),
// in report order.
func (ix *Index) Metrics(ctx context.Context, sections, kinds []string) ([]MetricRow, error) {
	return nil, errTODO
}
