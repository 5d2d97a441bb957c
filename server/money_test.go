package server

import (
	"context"
	"strconv"
	"testing"

	"reportsearch/index"
)

// moneyWant are the money facet's buckets as a reader sees them, written by
// hand: a change to the engine's buckets must be made here too.
var moneyWant = []struct {
	key, label string
	lo, hi     float64 // inclusive bounds in 元 as the page filters by them; -1: none
}{
	{"lt1m", "100万元以下", -1, 999999.9999999999},
	{"1m-10m", "100万–1000万元", 1e6, 9999999.999999998},
	{"10m-100m", "1000万–1亿元", 1e7, 99999999.99999999},
	{"ge100m", "1亿元以上", 1e8, -1},
}

func TestMoneyBounds(t *testing.T) {
	for _, w := range moneyWant {
		lo, hi, ok := moneyBounds(w.key)
		if !ok {
			t.Errorf("moneyBounds(%q): unknown", w.key)
			continue
		}
		if got := bound(lo); got != w.lo {
			t.Errorf("moneyBounds(%q) lo = %v; want %v", w.key, got, w.lo)
		}
		if got := bound(hi); got != w.hi {
			t.Errorf("moneyBounds(%q) hi = %v; want %v", w.key, got, w.hi)
		}
		if got := moneyLabel(w.key); got != w.label {
			t.Errorf("moneyLabel(%q) = %q; want %q", w.key, got, w.label)
		}
	}
	for _, key := range []string{"", "lots", "LT1M", "1m"} {
		if lo, hi, ok := moneyBounds(key); ok || lo != nil || hi != nil {
			t.Errorf("moneyBounds(%q) = %v, %v, %v; want unknown", key, lo, hi, ok)
		}
		if got := moneyLabel(key); got != key {
			t.Errorf("moneyLabel(%q) = %q; want the key back", key, got)
		}
	}
}

func bound(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}

// TestMoneyRangesMatchEngine checks that the engine counts the buckets above,
// in that order and with those labels, and that filtering the page by one
// finds exactly the bullets the facet counted.
func TestMoneyRangesMatchEngine(t *testing.T) {
	ix := realIndex(t)
	h, _ := newReal(t)
	res, err := ix.Search(context.Background(), index.Request{Kinds: []string{"money"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Facets.Money) != len(moneyWant) {
		t.Fatalf("engine has %d money buckets %v; want %d", len(res.Facets.Money), res.Facets.Money, len(moneyWant))
	}
	counted := 0
	for i, f := range res.Facets.Money {
		w := moneyWant[i]
		if f.Value != w.key || f.Label != w.label {
			t.Errorf("money bucket %d is %q %q; want %q %q", i, f.Value, f.Label, w.key, w.label)
		}
		counted += f.Count
		doc := page(t, h, "/search?money="+f.Value, 200)
		if total := doc.Find("#total").Text(); total != strconv.Itoa(f.Count) {
			t.Errorf("money=%s finds %s bullets; the facet counted %d", f.Value, total, f.Count)
		}
	}
	if counted == 0 {
		t.Error("no money figure is counted in any bucket")
	}
}
