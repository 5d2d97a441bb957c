package index

import (
	"fmt"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"

	"reportsearch/analyzer"
)

// Index is an opened bleve index of report bullets, safe for concurrent use.
type Index struct {
	bi            bleve.Index
	meta          meta
	dict          *analyzer.Dictionary // the vocabulary of the index's mapping
	queryAnalyzer analysis.Analyzer
	synonyms      func(term string) []string // nil: no synonyms
	facets        facetCache
	leadMinDocs   int         // candidates lead from this many documents; 0: candidatesMinDocs
	vocabulary    vocabulary  // the index's words by first character, for abbreviations (related.go)
	bigrams       bigramWords // the index's words by character bigram, for suggestions (suggest.go)

	secOnce  sync.Once
	secByKey map[string]int // section key → place in meta.Sections

	mu      sync.RWMutex            // guards bullets
	bullets map[string]storedBullet // decoded stored bullets by document id
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

// Close releases the index.
func (ix *Index) Close() error {
	if ix == nil || ix.bi == nil {
		return nil
	}
	return ix.bi.Close()
}
