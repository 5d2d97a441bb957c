package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"reportsearch/corpus"
	"reportsearch/index/internal/swap"
)

// New indexes reports in memory. It stops with ctx's error when ctx ends
// first; other errors are a bad synonyms file (Options.Synonyms) or
// bleve's.
func New(ctx context.Context, reports []*corpus.Report, opts Options) (*Index, error) {
	if _, err := loadSynonyms(opts.Synonyms); err != nil {
		return nil, err // before the work of indexing
	}
	m, im, err := prepare(reports)
	if err != nil {
		return nil, err
	}
	bi, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if err := indexBullets(ctx, bi, reportBullets(reports), opts, nil); err != nil {
		bi.Close()
		return nil, err
	}
	ix, err := newIndex(bi, m, opts)
	if err != nil {
		bi.Close()
		return nil, err
	}
	ix.analyze("华漕镇") // warm the analyzer up
	return ix, nil
}

// prepare describes reports and makes the mapping of their index, with the
// words harvested from them in its dictionary.
func prepare(reports []*corpus.Report) (meta, *mapping.IndexMappingImpl, error) {
	return prepareWith(newMeta(reports), harvest(reports))
}

// prepareWith makes the mapping of an index described by m, with terms
// (harvested from its reports) in its dictionary, and records the
// dictionary's fingerprint in m.
func prepareWith(m meta, terms []string) (meta, *mapping.IndexMappingImpl, error) {
	im, err := newMapping(m.Kinds, m.Counters, terms)
	if err != nil {
		return meta{}, nil, err
	}
	dict, err := dictionaryOf(im)
	if err != nil {
		return meta{}, nil, err
	}
	m.setVocabulary(dict)
	return m, im, nil
}

// harvest collects the corpus's own terms (quoted names of programmes …) for
// the analyzer's dictionary, in the order they first appear: contiguous
// runs of bullets are read on every core and their lists joined in order
// (see harvester).
func harvest(reports []*corpus.Report) []string {
	h := newHarvester()
	for _, r := range reports {
		for _, b := range r.Bullets {
			h.add(b)
		}
	}
	return h.terms()
}

// harvestBullets returns the terms of bullets, each once, in the order they
// first appear.
func harvestBullets(bullets []corpus.Bullet) []string {
	var words []string
	for _, b := range bullets {
		words = append(words, corpus.HarvestTerms(b.Text)...)
	}
	return firstOfEach(words)
}

// firstOfEach returns the strings of ws without repeats, in order.
func firstOfEach(ws []string) []string {
	seen := make(map[string]bool, len(ws))
	out := ws[:0]
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// indexBullets indexes every bullet of src: batches of opts.BatchSize,
// opts.Workers of them at once (bleve analyzes a batch's documents in
// parallel but builds its segment on one goroutine, so two batches in flight
// keep both cores busy). progress, if not nil, is called after each batch
// with the bullets indexed so far. At most opts.Workers+1 batches of src
// are held at once.
func indexBullets(ctx context.Context, bi bleve.Index, src Bullets, opts Options, progress func(done int)) error {
	size := opts.BatchSize
	if size <= 0 {
		size = 3000 // measured: less CPU per bullet than 1000 (fewer, larger segments to merge)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type chunk struct {
		bullets []corpus.Bullet
		rank    int // of the first
	}
	im, ok := bi.Mapping().(*mapping.IndexMappingImpl)
	if !ok {
		return fmt.Errorf("index: unexpected mapping %T", bi.Mapping())
	}
	db, err := newDocBuilder(im)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan chunk)
	var (
		mu       sync.Mutex // guards done and firstErr
		done     int
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chunk := range chunks {
				b := bi.NewBatch()
				for i, bl := range chunk.bullets {
					d, err := db.document(bl, chunk.rank+i)
					if err == nil {
						err = b.IndexAdvanced(d)
					}
					if err != nil {
						fail(fmt.Errorf("index: bullet %s: %w", bl.Key(), err))
						return
					}
				}
				if err := bi.Batch(b); err != nil {
					fail(fmt.Errorf("index: %w", err))
					return
				}
				mu.Lock()
				done += len(chunk.bullets)
				if progress != nil {
					progress(done)
				}
				mu.Unlock()
			}
		}()
	}
	rank := 0
	next := make([]corpus.Bullet, 0, size)
	send := func() error {
		select {
		case chunks <- chunk{next, rank}:
			rank += len(next)
			next = make([]corpus.Bullet, 0, size)
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	feedErr := src(func(b corpus.Bullet) error {
		next = append(next, b)
		if len(next) < size {
			return nil
		}
		return send()
	})
	if feedErr == nil && len(next) > 0 {
		feedErr = send()
	}
	close(chunks)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return err // src stopped because the feed was cancelled, or ctx ended
	}
	return feedErr
}

func storeMeta(bi bleve.Index, m meta) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return bi.SetInternal([]byte(metaKey), b)
}

// Build writes an on-disk index of reports to dir: into a temporary folder
// next to it, swapped into place only when complete (see internal/swap), so
// that dir is always a complete index, old or new. progress (may be nil) is
// called after each batch with the bullets done and their total. It
// refuses a dir that exists and is not an index, stops with ctx's error
// when ctx ends first, and returns bleve's or the file system's errors.
// Options.Workers batches of Options.BatchSize bullets are built at once.
func Build(ctx context.Context, reports []*corpus.Report, dir string, opts Options, progress func(done, total int)) error {
	return build(ctx, dir, opts, progress, func() (meta, *mapping.IndexMappingImpl, error) {
		return prepare(reports)
	}, reportBullets(reports))
}

// BuildStream is Build for a corpus read as a stream (see Bullets), which
// is read twice and never held in memory: its reports and sections are
// those of its bullets, in the order they first come. Read errors of src
// are returned as they are.
func BuildStream(ctx context.Context, src Bullets, dir string, opts Options, progress func(done, total int)) error {
	return build(ctx, dir, opts, progress, func() (meta, *mapping.IndexMappingImpl, error) {
		return prepareStream(ctx, src)
	}, src)
}

// build is Build and BuildStream: prepare describes the corpus and makes
// its mapping, src is its bullets.
func build(ctx context.Context, dir string, opts Options, progress func(done, total int), prepare func() (meta, *mapping.IndexMappingImpl, error), src Bullets) (err error) {
	if dir == "" {
		return errors.New("index: no index folder given")
	}
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	swap.RemoveDead(dir, deadBuildAge, filepath.FromSlash(deadBuildLock))
	holder, err := swap.Holder(dir)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer os.RemoveAll(holder)

	m, im, err := prepare()
	if err != nil {
		return err
	}
	tmp := filepath.Join(holder, "index")
	bi, err := bleve.NewUsing(tmp, im, scorch.Name, scorch.Name, opts.ScorchConfig)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	var done func(int)
	if progress != nil {
		done = func(n int) { progress(n, m.Docs) }
	}
	err = indexBullets(ctx, bi, src, opts, done)
	if err == nil {
		err = storeMeta(bi, m)
	}
	if cerr := bi.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("index: %w", cerr)
	}
	if err != nil {
		return err
	}
	if err := swap.Replace(tmp, dir); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// deadBuildAge is how old a build folder must be before Build may take it
// for the remains of a killed build: younger ones may be a build that has
// not opened its index yet.
const deadBuildAge = 10 * time.Minute

// deadBuildLock is the file of a build folder that a build holds locked
// while it runs: bolt keeps an exclusive flock on it while the index is open.
const deadBuildLock = "index/store/root.bolt"

// checkReplaceable refuses to replace a folder that is not an index.
func checkReplaceable(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("index: %s exists and is not a folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return fmt.Errorf("index: %s exists and is not an index; not replacing it", dir)
	}
	return nil
}
