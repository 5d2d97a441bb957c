//go:build ignore

// gen builds the embedded collection's index into data/: go generate
// ./index/collection. It indexes corpus.Collection with index.Build, then
// merges the index into one segment (smaller, and one segment to search).
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"reportsearch/corpus"
	"reportsearch/index"
)

func main() {
	reps, err := corpus.Collection()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.RemoveAll("data"); err != nil {
		log.Fatal(err)
	}
	if err := index.Build(context.Background(), reps, "data", index.Options{}, nil); err != nil {
		log.Fatal(err)
	}
	bi, err := bleve.Open("data")
	if err != nil {
		log.Fatal(err)
	}
	adv, err := bi.Advanced()
	if err != nil {
		log.Fatal(err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		log.Fatalf("unexpected index type %T", adv)
	}
	if err := s.ForceMerge(context.Background(), nil); err != nil {
		log.Fatal(err)
	}
	if err := bi.Close(); err != nil {
		log.Fatal(err)
	}
	// the merge leaves the merged segments' files behind: keep the newest,
	// the one segment of the last snapshot, and check the index opens whole
	zaps, err := filepath.Glob(filepath.Join("data", "store", "*.zap"))
	if err != nil {
		log.Fatal(err)
	}
	sort.Strings(zaps)
	for _, z := range zaps[:len(zaps)-1] {
		if err := os.Remove(z); err != nil {
			log.Fatal(err)
		}
	}
	ix, err := index.Open("data", index.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	if err := ix.CheckBuiltFrom(reps); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("indexed %d reports (%d passages) into data/\n", len(reps), ix.Len())
}
