package index

import (
	"reflect"
	"testing"

	"reportsearch/corpus"
)

// TestStoredFormat pins what the doc field holds: a change to it (or to a
// corpus type it copies) must be deliberate, with a new metaVersion.
func TestStoredFormat(t *testing.T) {
	b := corpus.Bullet{
		ID: "02-01", Report: "r", Section: corpus.Section{ID: "02", Title: "经济"},
		Text: "税收37.55亿元", Lines: []int{7, 9}, Truncated: true, Order: 4, SeeAlso: []string{"03-02"},
		Metrics: []corpus.Metric{{Text: "37.55亿元", Value: 37.55, Unit: "亿元", Normalized: 3.755e9,
			BaseUnit: "元", Kind: "money", Approx: true, Label: "税收", Start: 6, End: 17}},
	}
	got, err := encodeStored(b, 12)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"id":"02-01","report":"r","section":"02","section_title":"经济","text":"税收37.55亿元",` +
		`"lines":[7,9],"truncated":true,"figures":[{"text":"37.55亿元","value":37.55,"unit":"亿元",` +
		`"normalized":3755000000,"base_unit":"元","kind":"money","approx":true,"label":"税收","start":6,"end":17}],` +
		`"see_also":["03-02"],"order":4,"rank":12}`
	if string(got) != want {
		t.Errorf("stored bullet:\n got %s\nwant %s", got, want)
	}
	sd, err := decodeStored(string(got))
	if err != nil {
		t.Fatal(err)
	}
	if back := sd.bullet(); !reflect.DeepEqual(back, b) || sd.Rank != 12 {
		t.Errorf("decoded %+v (rank %d); want %+v (rank 12)", back, sd.Rank, b)
	}
	if _, err := decodeStored("{"); err == nil {
		t.Error("decodeStored of broken JSON succeeded")
	}
	if _, err := decodeStored(nil); err == nil {
		t.Error("decodeStored of nothing succeeded")
	}
}
