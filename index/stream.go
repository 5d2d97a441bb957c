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
// harvests its terms; then the mapping is made. It returns the disk the
// build takes at its peak too (spaceForText of the text read).
func prepareStream(ctx context.Context, src Bullets) (meta, *mapping.IndexMappingImpl, uint64, error) {
	var mc metaCounter
	var text uint64
	h := newHarvester()
	err := src(func(b corpus.Bullet) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rc := mc.report(b.Report)
		for _, s := range b.Path {
			rc.section(s) // the enclosing sections first, as a report lists them
		}
		mc.addBullet(rc, b)
		h.add(b)
		text += uint64(len(b.Text))
		return nil
	})
	terms := h.terms()
	if err != nil {
		return meta{}, nil, 0, err
	}
	m, im, err := prepareWith(mc.meta(), terms)
	return m, im, spaceForText(text), err
}

// metaCounter describes a corpus as its reports and bullets come: what
// newMeta records. Bullets of a report may come apart from each other:
// each report's sections and figure counts are kept apart and joined in
// report order by meta.
type metaCounter struct {
	m                     meta // Version, Docs, Kinds, Counters, Spans
	reports               []*reportCounter
	byID                  map[string]*reportCounter // of report, for a stream
	seenKind, seenCounter map[string]bool
}

// reportCounter describes one report of a metaCounter.
type reportCounter struct {
	info     ReportInfo
	sections []SectionInfo
	secAt    map[string]int // section id → index in sections
	figures  []figureCount
	figAt    map[[2]string]int // section key, kind → index in figures
}

// addReport starts report r: its description and sections, without its
// bullets, which are given to addBullet with the counter it returns.
func (c *metaCounter) addReport(r *corpus.Report) *reportCounter {
	c.init()
	info := reportInfo(r)
	info.Passages = 0 // counted by addBullet
	rc := &reportCounter{info: info, secAt: map[string]int{}, figAt: map[[2]string]int{}}
	c.reports = append(c.reports, rc)
	for _, s := range r.Sections {
		rc.section(s)
	}
	return rc
}

// report returns the counter of report id, started (known by its id
// alone) if new: a stream's reports come as its bullets name them.
func (c *metaCounter) report(id string) *reportCounter {
	c.init()
	rc, ok := c.byID[id]
	if !ok {
		rc = c.addReport(&corpus.Report{ID: id})
		c.byID[id] = rc
	}
	return rc
}

// addBullet records bullet b of report rc: one more passage of the report
// and of its section (added if new), its figures (counts by section and
// kind, spans, kinds and counters).
func (c *metaCounter) addBullet(rc *reportCounter, b corpus.Bullet) {
	c.init()
	c.m.Docs++
	rc.info.Passages++
	rc.sections[rc.section(b.Section)].Passages++
	spans := map[string]int{}
	sec := sectionKey(rc.info.ID, b.Section.ID)
	for _, mt := range b.Metrics {
		if lo, hi := figureSpan(mt); mt.Kind != "" && lo != hi {
			fields := []string{mt.Kind, writtenField}
			if f := figureField(mt.Kind, mt.BaseUnit); f != mt.Kind {
				fields = append(fields, f)
			}
			for _, f := range fields {
				spans[f]++
				c.m.Spans = max(c.m.Spans, min(spans[f], maxSpanSlots))
			}
		}
		if mt.Kind != "" && !c.seenKind[mt.Kind] {
			c.seenKind[mt.Kind] = true
			c.m.Kinds = append(c.m.Kinds, mt.Kind)
		}
		if mt.Kind == kindCount && mt.BaseUnit != "" && !c.seenCounter[mt.BaseUnit] {
			c.seenCounter[mt.BaseUnit] = true
			c.m.Counters = append(c.m.Counters, mt.BaseUnit)
		}
		k := [2]string{sec, mt.Kind}
		i, ok := rc.figAt[k]
		if !ok {
			i = len(rc.figures)
			rc.figAt[k] = i
			rc.figures = append(rc.figures, figureCount{Report: rc.info.ID, Section: sec, Kind: mt.Kind})
		}
		rc.figures[i].N++
	}
}

func (c *metaCounter) init() {
	if c.byID == nil {
		c.m.Version = metaVersion
		c.byID = map[string]*reportCounter{}
		c.seenKind, c.seenCounter = map[string]bool{}, map[string]bool{}
	}
}

// section adds s to the report's sections if new and returns its index
// there.
func (rc *reportCounter) section(s corpus.Section) int {
	i, ok := rc.secAt[s.ID]
	if !ok {
		i = len(rc.sections)
		rc.secAt[s.ID] = i
		rc.sections = append(rc.sections, SectionInfo{Report: rc.info.ID, Section: s})
	}
	return i
}

// meta returns the description: reports in the order they were added,
// their sections and figure counts report by report, kinds and counters
// sorted.
func (c *metaCounter) meta() meta {
	c.init()
	m := c.m
	m.Kinds, m.Counters = slices.Clone(m.Kinds), slices.Clone(m.Counters)
	slices.Sort(m.Kinds)
	slices.Sort(m.Counters)
	for _, rc := range c.reports {
		m.Reports = append(m.Reports, rc.info.ID)
		m.ReportInfo = append(m.ReportInfo, rc.info)
		m.Sections = append(m.Sections, rc.sections...)
		m.FigureCounts = append(m.FigureCounts, rc.figures...)
	}
	return m
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
