package collection

import (
	"testing"

	"reportsearch/corpus"
	"reportsearch/index"
)

// The embedded index is the one go generate would build now: from the
// embedded reports as this program parses them, with this program's
// mapping and vocabulary. A stale one fails here, not silently in use.
func TestEmbeddedIndexIsCurrent(t *testing.T) {
	ix, err := Open(index.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer ix.Close()
	reps, err := corpus.Collection()
	if err != nil {
		t.Fatalf("corpus.Collection: %v", err)
	}
	if err := ix.CheckBuiltFrom(reps); err != nil {
		t.Fatalf("the embedded index is stale: %v; run go generate ./index/collection", err)
	}
	if ix.Len() < 1000 || len(ix.Reports()) != len(reps) {
		t.Errorf("embedded index: %d passages of %d reports; want all %d reports", ix.Len(), len(ix.Reports()), len(reps))
	}
}

// CheckBuiltFrom notices an index of other reports.
func TestCheckBuiltFromNoticesOtherReports(t *testing.T) {
	ix, err := Open(index.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer ix.Close()
	reps, err := corpus.Collection()
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.CheckBuiltFrom(reps[1:]); err == nil {
		t.Error("CheckBuiltFrom(all reports but one) = nil; want an error")
	}
	changed := *reps[0]
	changed.Bullets = append([]corpus.Bullet(nil), changed.Bullets...)
	changed.Bullets[0].Text += "。"
	if err := ix.CheckBuiltFrom(append([]*corpus.Report{&changed}, reps[1:]...)); err == nil {
		t.Error("CheckBuiltFrom(a passage changed) = nil; want an error")
	}
}
