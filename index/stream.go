package index

import (
	"context"
	"runtime"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"

	"reportsearch/corpus"
)

// Bullets is a corpus read as a stream, so that building an index need not
// hold it in memory: each call passes every bullet, in the same order each
// time, to yield, stops at yield's first error and returns it, and returns
// its own errors (a read error, a bad line: naming the file and line).
// BuildStream calls it twice: once to describe the corpus and harvest its
// terms, once to index it.
type Bullets func(yield func(corpus.Bullet) error) error

// reportBullets streams the bullets of reports, in report order.
func reportBullets(reports []*corpus.Report) Bullets {
	return func(yield func(corpus.Bullet) error) error {
		for _, r := range reports {
			for _, b := range r.Bullets {
				if err := yield(b); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// prepareStream is prepare for a stream: one pass over src describes it
// (reports and sections in the order their first bullet comes) and
// harvests its terms; then the mapping is made.
func prepareStream(ctx context.Context, src Bullets) (meta, *mapping.IndexMappingImpl, error) {
	var mc metaCounter
	h := newHarvester()
	err := src(func(b corpus.Bullet) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		mc.report(b.Report)
		mc.addBullet(b)
		h.add(b)
		return nil
	})
	terms := h.terms()
	if err != nil {
		return meta{}, nil, err
	}
	return prepareWith(mc.meta(), terms)
}

// metaCounter describes a corpus as its reports and bullets come: reports,
// sections (first seen first), metric kinds and counters, bullets.
type metaCounter struct {
	m                     meta
	seenReport, seenSec   map[string]bool
	seenKind, seenCounter map[string]bool
}

// addReport records report r's id and sections, without its bullets.
func (c *metaCounter) addReport(r *corpus.Report) {
	c.init()
	c.m.Reports = append(c.m.Reports, r.ID)
	for _, s := range r.Sections {
		c.section(s)
	}
}

// addBullet records bullet b: one more document, its section if new, the
// kinds and counters of its figures (not its report: see report).
func (c *metaCounter) addBullet(b corpus.Bullet) {
	c.init()
	c.m.Docs++
	c.section(b.Section)
	for _, mt := range b.Metrics {
		if mt.Kind != "" && !c.seenKind[mt.Kind] {
			c.seenKind[mt.Kind] = true
			c.m.Kinds = append(c.m.Kinds, mt.Kind)
		}
		if mt.Kind == kindCount && mt.BaseUnit != "" && !c.seenCounter[mt.BaseUnit] {
			c.seenCounter[mt.BaseUnit] = true
			c.m.Counters = append(c.m.Counters, mt.BaseUnit)
		}
	}
}

func (c *metaCounter) init() {
	if c.seenSec == nil {
		c.m.Version = metaVersion
		c.seenReport, c.seenSec = map[string]bool{}, map[string]bool{}
		c.seenKind, c.seenCounter = map[string]bool{}, map[string]bool{}
	}
}

// report records report id if new.
func (c *metaCounter) report(id string) {
	c.init()
	if !c.seenReport[id] {
		c.seenReport[id] = true
		c.m.Reports = append(c.m.Reports, id)
	}
}

func (c *metaCounter) section(s corpus.Section) {
	if !c.seenSec[s.ID] {
		c.seenSec[s.ID] = true
		c.m.Sections = append(c.m.Sections, s)
	}
}

// meta returns the description, kinds and counters sorted.
func (c *metaCounter) meta() meta {
	c.init()
	slices.Sort(c.m.Kinds)
	slices.Sort(c.m.Counters)
	return c.m
}

// harvestChunk is the number of bullets whose terms one goroutine harvests.
const harvestChunk = 10000

// harvester collects a stream's terms (corpus.HarvestTerms) in the order they
// first appear, harvesting chunks of bullets on every core.
type harvester struct {
	texts []string   // of the chunk being filled
	found [][]string // terms of each chunk, in chunk order
	mu    sync.Mutex // guards found
	sem   chan struct{}
	wg    sync.WaitGroup
}

func newHarvester() *harvester {
	return &harvester{sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

func (h *harvester) add(b corpus.Bullet) {
	h.texts = append(h.texts, b.Text)
	if len(h.texts) == harvestChunk {
		h.flush()
	}
}

func (h *harvester) flush() {
	if len(h.texts) == 0 {
		return
	}
	texts, i := h.texts, len(h.found)
	h.texts = nil
	h.mu.Lock()
	h.found = append(h.found, nil)
	h.mu.Unlock()
	h.sem <- struct{}{} // at most GOMAXPROCS chunks at once
	h.wg.Add(1)
	go func() {
		defer func() { <-h.sem; h.wg.Done() }()
		var words []string
		for _, t := range texts {
			words = append(words, corpus.HarvestTerms(t)...)
		}
		found := firstOfEach(words)
		h.mu.Lock()
		h.found[i] = found
		h.mu.Unlock()
	}()
}

// terms waits for the chunks and returns their terms, each once, in order.
func (h *harvester) terms() []string {
	h.flush()
	h.wg.Wait()
	return firstOfEach(slices.Concat(h.found...))
}
