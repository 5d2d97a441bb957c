package server

import (
	"context"
	"strconv"
	"testing"

	"reportsearch/index"
)

// TestMoneyRangesMatchEngine checks that every money bucket the engine
// counts is known to the pages with its label, and that filtering by it
// finds exactly the bullets the facet counted.
func TestMoneyRangesMatchEngine(t *testing.T) {
	ix := realIndex(t)
	h, _ := newReal(t)
	res, err := ix.Search(context.Background(), index.Request{Kinds: []string{"money"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Facets.Money) != len(index.MoneyRanges()) {
		t.Errorf("engine has %d money buckets, server %d", len(res.Facets.Money), len(index.MoneyRanges()))
	}
	for _, f := range res.Facets.Money {
		if _, _, ok := moneyBounds(f.Value); !ok {
			t.Errorf("engine bucket %q unknown to the server", f.Value)
			continue
		}
		if got := moneyLabel(f.Value); got != f.Label {
			t.Errorf("bucket %q label %q; engine says %q", f.Value, got, f.Label)
		}
		doc := page(t, h, "/search?money="+f.Value, 200)
		if total := doc.Find("#total").Text(); total != strconv.Itoa(f.Count) {
			t.Errorf("money=%s finds %s bullets; the facet counted %d", f.Value, total, f.Count)
		}
	}
}
