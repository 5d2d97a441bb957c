package index

import (
	"fmt"
	"os"

	"reportsearch/analyzer"
)

// harvestTerms and addWords feed the corpus's own terms to the analyzer's
// dictionary before indexing (and again when opening an on-disk index).
var harvestTerms = analyzer.HarvestTerms

func addWords(words []string) {
	if len(words) > 0 {
		analyzer.AddWords(words...)
	}
}

// loadSynonyms returns the embedded synonyms merged with those of file.
func loadSynonyms(file string) (func(string) []string, error) {
	syn := analyzer.DefaultSynonyms()
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("index: synonyms: %w", err)
		}
		defer f.Close()
		extra, err := analyzer.LoadSynonyms(f)
		if err != nil {
			return nil, fmt.Errorf("index: synonyms %s: %w", file, err)
		}
		syn = syn.Merge(extra)
	}
	return syn.Lookup, nil
}
