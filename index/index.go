package index

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"reportsearch/analyzer"
	"reportsearch/corpus"
)

// Index is an opened bleve index of report bullets, safe for concurrent use.
type Index struct {
	bi            bleve.Index
	meta          meta
	dict          *analyzer.Dictionary // the vocabulary of the index's mapping
	queryAnalyzer analysis.Analyzer
	synonyms      func(term string) []string // nil: no synonyms
	facets        facetCache
	leadMinDocs   int // candidates lead from this many documents; 0: candidatesMinDocs

	mu      sync.RWMutex         // guards bullets
	bullets map[string]storedBullet // decoded stored bullets by document id
}

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

// Options tune building and opening.
type Options struct {
	Synonyms string // extra synonyms file (--synonyms), "" for the embedded set only

	// BatchSize is the number of bullets per batch when building (0: 3000).
	BatchSize int
	// Workers is the number of batches built at once (0: GOMAXPROCS).
	Workers int
	// OpenTimeout bounds how long Open waits for another process's lock
	// on the index (0: 1 s).
	OpenTimeout time.Duration
	// ScorchConfig is the configuration of the scorch index Build writes
	// (bleve.NewUsing's kvconfig; nil: bleve's defaults).
	ScorchConfig map[string]interface{}
}

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
	if err := indexReports(ctx, bi, reports, opts, nil); err != nil {
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
	m := newMeta(reports)
	im, err := newMapping(m.Kinds, m.Counters, harvest(reports))
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

func newIndex(bi bleve.Index, m meta, opts Options) (*Index, error) {
	ix := &Index{bi: bi, meta: m}
	dict, err := dictionaryOf(bi.Mapping())
	if err != nil {
		return nil, err
	}
	ix.dict = dict
	ix.queryAnalyzer = bi.Mapping().AnalyzerNamed(queryAnalyzer)
	if ix.queryAnalyzer == nil {
		return nil, fmt.Errorf("index: the mapping has no analyzer %q", queryAnalyzer)
	}
	syn, err := loadSynonyms(opts.Synonyms)
	if err != nil {
		return nil, err
	}
	ix.synonyms = syn
	return ix, nil
}

// harvest collects the corpus's own terms (quoted names of programmes …) for
// the analyzer's dictionary, in the order they first appear: contiguous
// runs of bullets are read on every core and their lists joined in order.
func harvest(reports []*corpus.Report) []string {
	var all []corpus.Bullet
	if len(reports) == 1 {
		all = reports[0].Bullets
	} else {
		for _, r := range reports {
			all = append(all, r.Bullets...)
		}
	}
	parts := min(runtime.GOMAXPROCS(0), max(len(all)/10000, 1))
	found := make([][]string, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			found[p] = harvestBullets(all[p*len(all)/parts : (p+1)*len(all)/parts])
		}()
	}
	wg.Wait()
	return firstOfEach(slices.Concat(found...))
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

// indexReports indexes every bullet: batches of opts.BatchSize, opts.Workers
// of them at once (bleve analyzes a batch's documents in parallel but builds
// its segment on one goroutine, so two batches in flight keep both cores busy).
func indexReports(ctx context.Context, bi bleve.Index, reports []*corpus.Report, opts Options, progress func(done, total int)) error {
	size := opts.BatchSize
	if size <= 0 {
		size = 3000 // measured: less CPU per bullet than 1000 (fewer, larger segments to merge)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	total := 0
	for _, r := range reports {
		total += len(r.Bullets)
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
					progress(done, total)
				}
				mu.Unlock()
			}
		}()
	}
	rank := 0
feed:
	for _, r := range reports {
		for i := 0; i < len(r.Bullets); i += size {
			c := chunk{r.Bullets[i:min(i+size, len(r.Bullets))], rank}
			select {
			case chunks <- c:
				rank += len(c.bullets)
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(chunks)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

func storeMeta(bi bleve.Index, m meta) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return bi.SetInternal([]byte(metaKey), b)
}

// Build writes an on-disk index of reports to dir: into a temporary folder
// renamed into place only when complete. progress may be nil.
func Build(ctx context.Context, reports []*corpus.Report, dir string, opts Options, progress func(done, total int)) (err error) {
	if dir == "" {
		return errors.New("index: no index folder given")
	}
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	removeDeadBuilds(parent, filepath.Base(dir))
	holder, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".building-")
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer os.RemoveAll(holder)

	m, im, err := prepare(reports)
	if err != nil {
		return err
	}
	tmp := filepath.Join(holder, "index")
	bi, err := bleve.NewUsing(tmp, im, scorch.Name, scorch.Name, opts.ScorchConfig)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	err = indexReports(ctx, bi, reports, opts, progress)
	if err == nil {
		err = storeMeta(bi, m)
	}
	if cerr := bi.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("index: %w", cerr)
	}
	if err != nil {
		return err
	}
	return replaceDir(tmp, dir)
}

// deadBuildAge is how old a build folder must be before Build may take it
// for the remains of a killed build: younger ones may be a build that has
// not opened its index yet.
const deadBuildAge = 10 * time.Minute

// removeDeadBuilds removes the folders that killed builds of the index name
// left in parent (a build removes its own when it ends): those old enough
// whose index no process holds open.
func removeDeadBuilds(parent, name string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "."+name+".building-") {
			continue
		}
		holder := filepath.Join(parent, e.Name())
		fi, err := e.Info()
		if err != nil || time.Since(fi.ModTime()) < deadBuildAge || inUse(holder) {
			continue
		}
		os.RemoveAll(holder)
	}
}

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

// replaceDir moves the complete index tmp to dir, replacing an older index.
// Where the system can swap two folders in one step it does, so that a crash
// at any moment leaves dir a complete index, old or new. Elsewhere the old
// index is moved aside first, and Open finds it there if a crash came
// between the two renames.
func replaceDir(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		if err := exchange(tmp, dir); err == nil {
			os.RemoveAll(tmp) // the old index, now
			return nil
		}
		old = dir + ".old-" + fmt.Sprint(time.Now().UnixNano())
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("index: moving the old index aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("index: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// movedAside returns the newest index that replaceDir moved aside from dir
// (dir.old-N), or "".
func movedAside(dir string) string {
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		return ""
	}
	prefix := filepath.Base(dir) + ".old-"
	newest := ""
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) || (newest != "" && name <= newest) {
			continue
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(dir), name, "index_meta.json")); err == nil {
			newest = name
		}
	}
	if newest == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(dir), newest)
}

// Open opens an on-disk index read-only; it fails fast if another process
// holds it for writing.
func Open(dir string, opts Options) (ix *Index, err error) {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		if old := movedAside(dir); old != "" {
			return Open(old, opts) // a build died between its two renames
		}
		return nil, fmt.Errorf("index: %s does not exist (build it with: reportsearch index --index %s)", dir, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("index: %s is not a folder", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return nil, fmt.Errorf("index: %s is not an index (no index_meta.json)", dir)
	}
	defer func() {
		if r := recover(); r != nil {
			ix, err = nil, fmt.Errorf("index: %s is damaged: %v", dir, r)
		}
	}()
	timeout := opts.OpenTimeout
	if timeout <= 0 {
		timeout = time.Second
	}
	bi, err := bleve.OpenUsing(dir, map[string]interface{}{
		"read_only":    true,
		"bolt_timeout": timeout.String(),
	})
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("index: %s is locked by another process (an index build still running?)", dir)
		}
		return nil, fmt.Errorf("index: %s cannot be opened (damaged?): %w", dir, err)
	}
	// checked once the lock is held: no writer is adding segments
	if err := checkSegments(dir); err != nil {
		bi.Close()
		return nil, fmt.Errorf("index: %s is damaged: %w; rebuild it with: reportsearch index --index %s", dir, err, dir)
	}
	raw, err := bi.GetInternal([]byte(metaKey))
	var m meta
	if err == nil {
		if len(raw) == 0 {
			err = errors.New("no reportsearch metadata")
		} else {
			err = json.Unmarshal(raw, &m)
		}
	}
	if err == nil && m.Version != metaVersion {
		err = fmt.Errorf("index format %d, this program reads %d; rebuild it", m.Version, metaVersion)
	}
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("index: %s: %w", dir, err)
	}
	ix, err = newIndex(bi, m, opts)
	if err == nil {
		err = m.checkVocabulary(ix.dict)
	}
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("index: %s: %w; rebuild this index with: reportsearch index --corpus PATH --index %s", dir, err, dir)
	}
	return ix, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	if ix == nil || ix.bi == nil {
		return nil
	}
	return ix.bi.Close()
}

// validate checks a request's bounds and fills in defaults.
func validate(req *Request) error {
	if req.From < 0 {
		return &QueryError{Param: "from", Message: "must not be negative"}
	}
	if req.From > MaxFrom {
		return &QueryError{Param: "from", Message: "at most " + itoa(MaxFrom)}
	}
	if req.Size < 0 {
		return &QueryError{Param: "size", Message: "must not be negative"}
	}
	if req.Size > MaxSize {
		return &QueryError{Param: "size", Message: "at most " + itoa(MaxSize)}
	}
	if req.Size == 0 {
		req.Size = DefaultSize
	}
	switch req.Sort {
	case "":
		req.Sort = SortRelevance
	case SortRelevance, SortOrder, SortValue, SortValueDesc:
	default:
		return &QueryError{Param: "sort", Message: fmt.Sprintf("unknown sort %q (want relevance, order, value or -value)", req.Sort)}
	}
	for _, f := range []struct {
		param string
		vals  []string
	}{{"section", req.Sections}, {"kind", req.Kinds}, {"report", req.Reports}} {
		if len(f.vals) > maxFilters {
			return &QueryError{Param: f.param, Message: "too many values, at most " + itoa(maxFilters)}
		}
		for _, v := range f.vals {
			if v == "" || len(v) > 200 {
				return &QueryError{Param: f.param, Message: fmt.Sprintf("bad value %q", v)}
			}
		}
	}
	for _, b := range []struct {
		param string
		v     *float64
	}{{"min", req.Min}, {"max", req.Max}} {
		if b.v != nil && (math.IsNaN(*b.v) || math.IsInf(*b.v, 0)) {
			return &QueryError{Param: b.param, Message: "must be a finite number"}
		}
	}
	if req.Min != nil && req.Max != nil && *req.Min > *req.Max {
		return &QueryError{Param: "min", Message: "greater than max"}
	}
	return nil
}

// Search runs a request: at most MaxSize hits from MaxFrom on (see
// Request for the other bounds). Errors a client caused are *QueryError;
// ctx's error when it ends first; others are the index's. A panic while
// searching (a bug: bleve's or ours) is returned as an error that carries
// its stack, so that the server logs where it happened.
func (ix *Index) Search(ctx context.Context, req Request) (res *Result, err error) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("index: search %q panicked: %v\n%s", req.Query, r, debug.Stack())
		}
	}()
	if err := validate(&req); err != nil {
		return nil, err
	}
	pq, err := parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	if pq.empty() && strings.TrimSpace(req.Query) != "" {
		return nil, errNothingToSearch()
	}
	p, err := ix.plan(pq, req)
	if err != nil {
		return nil, err
	}
	if pq.empty() && req.Min == nil && req.Max == nil && len(req.Reports) == 0 &&
		(req.Sort == SortRelevance || req.Sort == SortOrder) {
		res, err = ix.browse(ctx, req)
		if err != nil {
			return nil, err
		}
		res.Query = req.Query
		res.Took = time.Since(start)
		return res, nil
	}
	res, err = ix.run(ctx, p.main, p, req)
	if err != nil {
		return nil, err
	}
	if res.Total == 0 && p.fallback != nil {
		res, err = ix.run(ctx, p.fallback, p, req)
		if err != nil {
			return nil, err
		}
		res.Partial = res.Total > 0
	}
	res.Query = req.Query
	res.Took = time.Since(start)
	return res, nil
}

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

func (ix *Index) run(ctx context.Context, q query.Query, p *plan, req Request) (*Result, error) {
	sr := bleve.NewSearchRequestOptions(q, req.Size, req.From, false)
	sr.IncludeLocations = p.scoring
	sr.SortByCustom(ix.sortOrder(p, req))
	if err := sr.Validate(); err != nil {
		return nil, &QueryError{Param: "q", Message: err.Error()}
	}
	st := &collectState{ix: ix, sections: req.Sections, kinds: req.Kinds, byRank: byRank(p, req)}
	ctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(st.handlerMaker))
	sres, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	res := &Result{Total: st.total(), Facets: st.facets(), Hits: []Hit{}}
	for _, dm := range sres.Hits {
		sd, err := ix.bullet(dm.ID)
		if err != nil {
			return nil, fmt.Errorf("index: hit %s: %w", dm.ID, err)
		}
		h := Hit{Bullet: sd, Score: dm.Score}
		if !p.scoring || byRank(p, req) {
			h.Score = 0 // no relevance score
		}
		h.Spans = hitSpans(dm, sd, p, req)
		res.Hits = append(res.Hits, h)
	}
	if h := res.Hits; len(h) > 1 && h[0].Score > 0 {
		// Equal scores come back in the order the documents were indexed,
		// which parallel batches make vary from build to build: break ties
		// by report order so that a query always answers the same.
		slices.SortStableFunc(h, func(a, b Hit) int {
			if sameScore(a.Score, b.Score) {
				return cmp.Compare(a.Bullet.Order, b.Bullet.Order)
			}
			return cmp.Compare(b.Score, a.Score)
		})
	}
	return res, nil
}

// sameScore reports whether two scores differ only by rounding: sums of the
// same terms added in another order.
func sameScore(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// browse answers the empty query without a search: every bullet in report
// order (filtered by section and kind) straight from the snapshot's rank
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
	st := &collectState{ix: ix, sections: req.Sections, kinds: req.Kinds}
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
		if (st.secOK != nil && !st.secOK.Contains(n)) || (st.kindOK != nil && !st.kindOK.Contains(n)) {
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

// figureMatches reports whether figure m matches a figure filter of the
// query or the request's bounds.
func figureMatches(m corpus.Metric, p *plan, req Request) bool {
	for _, f := range p.figures {
		if f.matches(m) {
			return true
		}
	}
	if req.Min == nil && req.Max == nil {
		return false
	}
	if len(req.Kinds) > 0 && !contains(req.Kinds, m.Kind) {
		return false
	}
	return (req.Min == nil || m.Normalized >= *req.Min) && (req.Max == nil || m.Normalized <= *req.Max)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
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

// Sections lists the sections of every indexed report, in report order.
func (ix *Index) Sections() []corpus.Section {
	return append([]corpus.Section(nil), ix.meta.Sections...)
}

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

// Metrics lists every figure, filtered by section ids and kinds (nil: all),
// in report order, from the first MaxMetricBullets bullets that have one:
// truncated reports that more bullets match and their figures are left
// out. The error is ctx's when it ends first, or the index's.
func (ix *Index) Metrics(ctx context.Context, sections, kinds []string) (rows []MetricRow, truncated bool, err error) {
	var must []query.Query
	if len(sections) > 0 {
		var qs []query.Query
		for _, s := range sections {
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
