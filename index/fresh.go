package index

import (
	"encoding/json"
	"fmt"
	"reflect"

	"reportsearch/corpus"
)

// CheckBuiltFrom returns an error naming what differs when the index is not
// what building reports with this program would make: its description of
// the reports (ids, metadata, sections, kinds, passage count), its mapping
// (fields, analyzers, dictionary words) or a stored passage. Open already
// refuses another format or vocabulary; this catches an index built from
// other texts or by an older parser, such as a stale embedded index.
func (ix *Index) CheckBuiltFrom(reports []*corpus.Report) error {
	m, im, err := prepare(reports)
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(normalMeta(m), normalMeta(ix.meta)) {
		return fmt.Errorf("index: built from other reports or by another parser than these (its description differs)")
	}
	want, err := json.Marshal(im)
	if err != nil {
		return err
	}
	got, err := json.Marshal(ix.bi.Mapping())
	if err != nil {
		return err
	}
	if string(want) != string(got) {
		return fmt.Errorf("index: built with another mapping than this program's")
	}
	rank := 0
	for _, r := range reports {
		for _, b := range r.Bullets {
			sd, err := ix.stored(b.Key())
			if err != nil {
				return fmt.Errorf("index: passage %s: %w", b.Key(), err)
			}
			g, err1 := json.Marshal(sd)
			w, err2 := json.Marshal(toStored(b, rank))
			if err1 != nil || err2 != nil || string(g) != string(w) {
				return fmt.Errorf("index: passage %s differs from the report's", b.Key())
			}
			rank++
		}
	}
	return nil
}

// normalMeta is m through its JSON form, as Open reads it.
func normalMeta(m meta) meta {
	var out meta
	b, err := json.Marshal(m)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		return m
	}
	return out
}
