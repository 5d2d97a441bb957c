package index

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"reportsearch/corpus"
)

// TestIndexesKeepTheirOwnDictionary builds a second index whose report
// quotes a term of the first one's text, and checks that the first answers
// as it did alone: each index segments with its own words.
func TestIndexesKeepTheirOwnDictionary(t *testing.T) {
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(context.Background(), []*corpus.Report{r}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	const q = "周边社区"
	req := Request{Query: q, Size: 100}
	alone := mustSearch(t, a, req)
	if alone.Total < 10 {
		t.Fatalf("Search(%q) on the report: %d hits; the test needs a word that many bullets have in pieces", q, alone.Total)
	}

	quoting := *r
	quoting.ID = "quoting"
	quoting.Bullets = []corpus.Bullet{{
		ID: "01-01", Report: quoting.ID, Section: r.Bullets[0].Section,
		Text: "完善“" + q + "”服务配套。",
	}}
	b, err := New(context.Background(), []*corpus.Report{&quoting}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if !slices.Contains(b.dict.Words(), q) {
		t.Fatalf("the quoting index's words %q lack %q", b.dict.Words(), q)
	}
	if got := mustSearch(t, b, req); got.Total != 1 {
		t.Errorf("Search(%q) on the quoting index: %d hits; want 1", q, got.Total)
	}

	after := mustSearch(t, a, req)
	if after.Total != alone.Total || !slices.Equal(ids(after), ids(alone)) {
		t.Errorf("Search(%q) on the report: %d hits %v alone, %d hits %v once another index has the word",
			q, alone.Total, ids(alone), after.Total, ids(after))
	}
	if slices.Contains(a.dict.Words(), q) {
		t.Errorf("the report's index took the other index's word %q", q)
	}
	if a.dict.Fingerprint() == b.dict.Fingerprint() {
		t.Error("two indexes with other words share a dictionary fingerprint")
	}
}

// TestOpenRefusesOtherVocabulary checks that an on-disk index built with
// another dictionary or other synonyms is refused with a request to
// rebuild it, and that its words travel with it.
func TestOpenRefusesOtherVocabulary(t *testing.T) {
	dir := buildReport(t)
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ix.dict.Words(), "一网通办") {
		t.Errorf("the opened index's words lack the report's 一网通办: %q", ix.dict.Words())
	}
	built := ix.meta
	ix.Close()

	for _, tc := range []struct {
		name string
		edit func(*meta)
		want string
	}{
		{"dictionary", func(m *meta) { m.Dictionary = strings.Repeat("0", 64) }, "dictionary"},
		{"synonyms", func(m *meta) { m.Synonyms = strings.Repeat("0", 64) }, "synonyms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			editMeta(t, dir, func(m *meta) {
				*m = built
				tc.edit(m)
			})
			ix, err := Open(dir, Options{})
			if err == nil {
				ix.Close()
				t.Fatal("Open of an index with another vocabulary succeeded")
			}
			for _, w := range []string{tc.want, "rebuild this index", "reportsearch index", dir} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Open: %v; want it to mention %q", err, w)
				}
			}
		})
	}
}

// editMeta changes the metadata stored in the index in dir.
func editMeta(t *testing.T, dir string, edit func(*meta)) {
	t.Helper()
	bi, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	raw, err := bi.GetInternal([]byte(metaKey))
	if err != nil {
		t.Fatal(err)
	}
	var m meta
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	edit(&m)
	if err := storeMeta(bi, m); err != nil {
		t.Fatal(err)
	}
}
