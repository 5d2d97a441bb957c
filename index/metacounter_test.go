package index

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"reportsearch/corpus"
)

// referenceMeta is newMeta as it was written before metaCounter (one loop
// over reports in memory, then describeReports): the reference
// metaCounter must agree with.
func referenceMeta(reports []*corpus.Report) meta {
	m := meta{Version: metaVersion}
	seenKind := map[string]bool{}
	seenCounter := map[string]bool{}
	for _, r := range reports {
		m.Reports = append(m.Reports, r.ID)
		m.ReportInfo = append(m.ReportInfo, reportInfo(r))
		secAt := map[string]int{}
		addSec := func(s corpus.Section) {
			if _, ok := secAt[s.ID]; !ok {
				secAt[s.ID] = len(m.Sections)
				m.Sections = append(m.Sections, SectionInfo{Report: r.ID, Section: s})
			}
		}
		for _, s := range r.Sections {
			addSec(s)
		}
		for _, b := range r.Bullets {
			m.Docs++
			addSec(b.Section)
			m.Sections[secAt[b.Section.ID]].Passages++
			spans := map[string]int{}
			for _, mt := range b.Metrics {
				if lo, hi := figureSpan(mt); mt.Kind != "" && lo != hi {
					fields := []string{mt.Kind, writtenField}
					if f := figureField(mt.Kind, mt.BaseUnit); f != mt.Kind {
						fields = append(fields, f)
					}
					for _, f := range fields {
						spans[f]++
						m.Spans = max(m.Spans, min(spans[f], maxSpanSlots))
					}
				}
				if mt.Kind != "" && !seenKind[mt.Kind] {
					seenKind[mt.Kind] = true
					m.Kinds = append(m.Kinds, mt.Kind)
				}
				if mt.Kind == kindCount && mt.BaseUnit != "" && !seenCounter[mt.BaseUnit] {
					seenCounter[mt.BaseUnit] = true
					m.Counters = append(m.Counters, mt.BaseUnit)
				}
			}
		}
	}
	sort.Strings(m.Kinds)
	sort.Strings(m.Counters)
	referenceFigureCounts(&m, reports)
	return m
}

// referenceFigureCounts is describeReports, as written before
// metaCounter: the figure counts of each report's sections and kinds.
func referenceFigureCounts(m *meta, reports []*corpus.Report) {
	for _, r := range reports {
		at := map[[2]string]int{} // section, kind → index in m.FigureCounts
		for _, b := range r.Bullets {
			for _, f := range b.Metrics {
				sec := sectionKey(r.ID, b.Section.ID)
				k := [2]string{sec, f.Kind}
				i, ok := at[k]
				if !ok {
					i = len(m.FigureCounts)
					at[k] = i
					m.FigureCounts = append(m.FigureCounts, figureCount{Report: r.ID, Section: sec, Kind: f.Kind})
				}
				m.FigureCounts[i].N++
			}
		}
	}
}

// metaCorpora are the corpora the meta tests describe: the seed report,
// the embedded collection, both together (the seed report twice, as the
// collection holds it too: newMeta takes it as two reports), and none.
func metaCorpora(t *testing.T) map[string][]*corpus.Report {
	t.Helper()
	_, r := reportIndex(t)
	coll, err := corpus.Collection()
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]*corpus.Report{
		"seed":       {r},
		"collection": coll,
		"both":       append([]*corpus.Report{r}, coll...),
		"none":       nil,
	}
}

// TestMetaCounterSameAsReference: newMeta (metaCounter) describes reports
// exactly as the reference loop does.
func TestMetaCounterSameAsReference(t *testing.T) {
	for name, reports := range metaCorpora(t) {
		got, want := newMeta(reports), referenceMeta(reports)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: newMeta differs from the reference: %s", name, metaDiff(got, want))
		}
		if len(reports) > 0 && (got.Docs == 0 || len(got.Sections) == 0 || len(got.FigureCounts) == 0 || got.Spans == 0) {
			t.Errorf("%s: an empty description: %d docs, %d sections, %d figure counts, %d spans",
				name, got.Docs, len(got.Sections), len(got.FigureCounts), got.Spans)
		}
	}
}

// streamMeta describes bullets as prepareStream does.
func streamMeta(bullets []corpus.Bullet) meta {
	var c metaCounter
	for _, b := range bullets {
		rc := c.report(b.Report)
		for _, s := range b.Path {
			rc.section(s)
		}
		c.addBullet(rc, b)
	}
	return c.meta()
}

// TestMetaCounterStream: a stream of the reports' bullets, even with the
// reports' bullets interleaved, is described as the reports are, but for
// what only a report knows: its title, level … in ReportInfo, and the
// sections that hold no passage, not even in a sub-section.
func TestMetaCounterStream(t *testing.T) {
	for name, reports := range metaCorpora(t) {
		if name == "both" {
			continue // a stream knows reports by id: one report, not two
		}
		want := referenceMeta(reports)
		for i, ri := range want.ReportInfo {
			want.ReportInfo[i] = ReportInfo{ID: ri.ID, Short: ri.ID, Passages: ri.Passages}
		}
		inPath := map[string]bool{}
		var bullets, dealt []corpus.Bullet
		for _, r := range reports {
			for _, b := range r.Bullets {
				for _, s := range b.Path {
					inPath[sectionKey(r.ID, s.ID)] = true
				}
			}
			bullets = append(bullets, r.Bullets...)
		}
		if secs := slices.DeleteFunc(want.Sections, func(s SectionInfo) bool { return !inPath[s.Key()] }); len(secs) > 0 {
			want.Sections = secs
		} else {
			want.Sections = nil
		}
		for i := 0; len(dealt) < len(bullets); i++ { // the reports' bullets dealt out in turn
			for _, r := range reports {
				if i < len(r.Bullets) {
					dealt = append(dealt, r.Bullets[i])
				}
			}
		}
		if got := streamMeta(bullets); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: a stream's meta differs: %s", name, metaDiff(got, want))
		}
		if got := streamMeta(dealt); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: an interleaved stream's meta differs: %s", name, metaDiff(got, want))
		}
	}
}

// metaDiff names the fields of got and want that differ, with their first
// differing element.
func metaDiff(got, want meta) string {
	vg, vw := reflect.ValueOf(got), reflect.ValueOf(want)
	var out []string
	for i := range vg.NumField() {
		fg, fw := vg.Field(i), vw.Field(i)
		if reflect.DeepEqual(fg.Interface(), fw.Interface()) {
			continue
		}
		d := vg.Type().Field(i).Name
		if fg.Kind() == reflect.Slice {
			d += fmt.Sprintf(" (lengths %d, want %d", fg.Len(), fw.Len())
			for j := range min(fg.Len(), fw.Len()) {
				if !reflect.DeepEqual(fg.Index(j).Interface(), fw.Index(j).Interface()) {
					d += fmt.Sprintf("; first at %d: %+v, want %+v", j, fg.Index(j).Interface(), fw.Index(j).Interface())
					break
				}
			}
			d += ")"
		} else {
			d += fmt.Sprintf(" %v, want %v", fg.Interface(), fw.Interface())
		}
		out = append(out, d)
	}
	return strings.Join(out, "; ")
}
