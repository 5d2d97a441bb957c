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
	if err := ctx.Err(); err != nil {
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
	im, err := newMapping(m.Kinds, m.Counters, terms, m.Spans)
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
			defer recoverInto(fail)
			for chunk := range chunks {
				b := bi.NewBatch()
				for i, bl := range chunk.bullets {
					if ctx.Err() != nil {
						return // the feeder stops too; ctx's error is returned
					}
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
// called after each batch with the bullets done and their total.
//
// Only one build of dir runs at a time: Build takes the lock of LockBuild
// and fails at once, with an error naming it, while another process holds
// it. It refuses a dir that exists and is not an index, and a build that
// would not fit in the free space of dir's file system (see spaceNeeded).
// It stops with ctx's error when ctx ends first, and returns bleve's or the
// file system's errors, a panic of bleve's on the way (as on a full disk)
// included. Whatever the error, the temporary folder is removed.
// Options.Workers batches of Options.BatchSize bullets are built at once.
func Build(ctx context.Context, reports []*corpus.Report, dir string, opts Options, progress func(done, total int)) error {
	l, err := LockBuild(dir)
	if err != nil {
		return err
	}
	defer l.Unlock()
	return l.Build(ctx, reports, opts, progress)
}

// BuildStream is Build for a corpus read as a stream (see Bullets), which
// is read twice and never held in memory: its reports and sections are
// those of its bullets (a section with its enclosing ones), in the order
// they first come, and a report is known by its id alone (ReportInfo has
// no title, level, region or year). The free space is checked after the
// first pass, which measures the text. Read errors of src are returned as
// they are; otherwise it fails as Build does.
func BuildStream(ctx context.Context, src Bullets, dir string, opts Options, progress func(done, total int)) error {
	l, err := LockBuild(dir)
	if err != nil {
		return err
	}
	defer l.Unlock()
	return l.BuildStream(ctx, src, opts, progress)
}

// BuildLock is the right to build one index folder: while a process holds
// it, other builds of the folder fail at once.
type BuildLock struct {
	dir    string
	unlock func() // nil once unlocked
}

// LockBuild takes the lock of building dir: an flock on the file
// dir + ".lock" beside it (swap.Lock), removed by Unlock and released by the
// system when the process ends, even killed. It fails at once with an error
// naming the lock file while another process holds it, and refuses a dir
// that exists and is not an index. Taking it before reading the corpus
// makes a second build fail before it has done any work.
func LockBuild(dir string) (*BuildLock, error) {
	if dir == "" {
		return nil, errors.New("index: no index folder given")
	}
	dir = filepath.Clean(dir)
	unlock, err := swap.Lock(dir)
	if err != nil {
		var locked *swap.ErrLocked
		if errors.As(err, &locked) {
			return nil, fmt.Errorf("index: another build of %s is running (%v); wait for it to end or stop it", dir, err)
		}
		return nil, fmt.Errorf("index: %w", err)
	}
	if err := checkReplaceable(dir); err != nil {
		unlock()
		return nil, err
	}
	return &BuildLock{dir: dir, unlock: unlock}, nil
}

// Unlock releases the lock; later calls do nothing.
func (l *BuildLock) Unlock() {
	if l.unlock != nil {
		l.unlock()
		l.unlock = nil
	}
}

// Build builds the index of the locked folder, as the function Build does.
// It fails once the lock is released.
func (l *BuildLock) Build(ctx context.Context, reports []*corpus.Report, opts Options, progress func(done, total int)) error {
	return l.build(ctx, opts, progress, spaceNeeded(reports), func() (meta, *mapping.IndexMappingImpl, uint64, error) {
		m, im, err := prepare(reports)
		return m, im, 0, err // the space needed is known before
	}, reportBullets(reports))
}

// BuildStream builds the index of the locked folder from a stream, as the
// function BuildStream does. It fails once the lock is released.
func (l *BuildLock) BuildStream(ctx context.Context, src Bullets, opts Options, progress func(done, total int)) error {
	return l.build(ctx, opts, progress, 0, func() (meta, *mapping.IndexMappingImpl, uint64, error) {
		return prepareStream(ctx, src)
	}, src)
}

// build is Build and BuildStream. need is the disk the build takes at its
// peak (spaceNeeded) when known before the corpus is read, else 0;
// prepare describes the corpus and makes its mapping, and returns the
// disk needed when it was not known before (a stream's text is measured by
// its first pass), else 0; src is the corpus's bullets.
func (l *BuildLock) build(ctx context.Context, opts Options, progress func(done, total int), need uint64,
	prepare func() (meta, *mapping.IndexMappingImpl, uint64, error), src Bullets) (err error) {
	if l.unlock == nil {
		return fmt.Errorf("index: the build lock of %s was released", l.dir)
	}
	dir := l.dir
	// Holding the lock, no other build of dir runs: every holder left is a
	// dead build's.
	swap.RemoveDead(dir, 0, filepath.FromSlash(deadBuildLock))
	if err := checkSpace(dir, need); err != nil {
		return err
	}
	holder, err := swap.Holder(dir)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer os.RemoveAll(holder)
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
		if err != nil && ctx.Err() == nil {
			err = withFreeSpace(err, dir)
		}
	}()

	m, im, needNow, err := prepare()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkSpace(dir, needNow); err != nil {
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
	if cerr := closeIndex(bi); err == nil && cerr != nil {
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
