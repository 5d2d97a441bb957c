package index

import (
	"fmt"
	"os"

	"reportsearch/analyzer"
)

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
