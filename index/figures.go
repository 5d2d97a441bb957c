package index

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Figure listings (/figures, /api/metrics) read the figures of the
// passages a FigureFilter selects in report order, figureBatch passages at
// a time, so that the memory a listing holds is bounded by the batch and
// the page asked for, whatever the collection's size, and the listing
// stops as soon as its context ends.

// Bounds of a figure page.
const (
	// MaxFigureSize bounds FigurePage's size (figures per page).
	MaxFigureSize = 1000
	// MaxFigureFrom bounds FigurePage's from (figures skipped).
	MaxFigureFrom = 100000
	// figureBatch is the number of passages read from the index at once.
	figureBatch = 200
)

// FigureFilter selects figures by their passage's report, section and
// their kind. Empty fields select all; the fields' values are ORed, the
// fields ANDed.
type FigureFilter struct {
	Reports  []string // report ids
	Levels   []string // corpus.LevelTown, LevelProvincial, LevelNational
	Regions  []string // ReportInfo.Region, exactly
	YearFrom int      // the report's year ≥ YearFrom; 0: no lower bound
	YearTo   int      // the report's year ≤ YearTo; 0: no upper bound
	Sections []string // section keys (report:id), or bare ids when one report is indexed
	Kinds    []string // corpus kinds (money, percent …)
}

// reportFiltered tells whether f selects reports by more than their id list.
// keyed returns f with its sections as keys (report:id, see SectionKey);
// a value that names no section is kept, and selects nothing.
func (ix *Index) keyed(f FigureFilter) FigureFilter {
	if len(f.Sections) == 0 {
		return f
	}
	keys := make([]string, len(f.Sections))
	for i, v := range f.Sections {
		if k, ok := ix.SectionKey(v); ok {
			keys[i] = k
		} else {
			keys[i] = v
		}
	}
	f.Sections = keys
	return f
}

func (f FigureFilter) reportFiltered() bool {
	return len(f.Reports)+len(f.Levels)+len(f.Regions) > 0 || f.YearFrom != 0 || f.YearTo != 0
}

// reports returns the ids of the reports f selects, nil when it selects
// every report (no report filter).
func (ix *Index) reports(f FigureFilter) []string {
	if !f.reportFiltered() {
		return nil
	}
	ids := []string{}
	for _, r := range ix.meta.ReportInfo {
		switch {
		case len(f.Reports) > 0 && !slices.Contains(f.Reports, r.ID),
			len(f.Levels) > 0 && !slices.Contains(f.Levels, r.Level),
			len(f.Regions) > 0 && !slices.Contains(f.Regions, r.Region),
			f.YearFrom != 0 && r.Year < f.YearFrom,
			f.YearTo != 0 && (r.Year > f.YearTo || r.Year == 0):
			continue
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// figureListQuery is the query of the passages holding a figure f selects;
// nil when none can.
func (ix *Index) figureListQuery(f FigureFilter) query.Query {
	keyword := func(field string, values []string) query.Query {
		var qs []query.Query
		for _, v := range values {
			q := query.NewTermQuery(v)
			q.SetField(field)
			qs = append(qs, q)
		}
		if len(qs) == 1 {
			return qs[0]
		}
		return query.NewDisjunctionQuery(qs)
	}
	var must []query.Query
	if f.reportFiltered() {
		ids := ix.reports(f)
		if len(ids) == 0 {
			return nil
		}
		if len(ids) < len(ix.meta.ReportInfo) {
			must = append(must, keyword(fieldReport, ids))
		}
	}
	if len(f.Sections) > 0 {
		must = append(must, keyword(fieldSection, f.Sections))
	}
	kinds := f.Kinds
	if len(kinds) == 0 {
		kinds = ix.meta.Kinds
	}
	if len(kinds) == 0 {
		return nil
	}
	must = append(must, keyword(fieldKind, kinds))
	if len(must) == 1 {
		return must[0]
	}
	return query.NewConjunctionQuery(must)
}

// FigureTotal is the number of figures f selects, summed from the index's
// table of figures per report, section and kind without reading passages.
func (ix *Index) FigureTotal(f FigureFilter) int {
	f = ix.keyed(f)
	var ids []string
	if f.reportFiltered() {
		if ids = ix.reports(f); len(ids) == 0 {
			return 0
		}
	}
	n := 0
	for _, c := range ix.meta.FigureCounts {
		if (ids == nil || slices.Contains(ids, c.Report)) &&
			(len(f.Sections) == 0 || slices.Contains(f.Sections, c.Section)) &&
			(len(f.Kinds) == 0 || slices.Contains(f.Kinds, c.Kind)) {
			n += c.N
		}
	}
	return n
}

// reportSpan is one report and the number of its figures a filter
// selects.
type reportSpan struct {
	report  string
	figures int
}

// spans lists the reports f selects that hold a figure it selects, in
// index order, with their counts.
func (ix *Index) spans(f FigureFilter) []reportSpan {
	var ids []string
	if f.reportFiltered() {
		ids = ix.reports(f)
	}
	var out []reportSpan
	for _, r := range ix.meta.ReportInfo {
		if ids != nil && !slices.Contains(ids, r.ID) {
			continue
		}
		span := reportSpan{report: r.ID}
		for _, c := range ix.meta.FigureCounts {
			if c.Report == r.ID && (len(f.Sections) == 0 || slices.Contains(f.Sections, c.Section)) &&
				(len(f.Kinds) == 0 || slices.Contains(f.Kinds, c.Kind)) {
				span.figures += c.N
			}
		}
		if span.figures > 0 {
			out = append(out, span)
		}
	}
	return out
}

// EachFigure calls fn with every figure f selects, in report order
// (passage by passage, each passage's figures in text order). It reads one
// report at a time, figureBatch passages a search (each search after the
// last passage read, in rank order), and checks ctx between searches: the
// error is ctx's when it ends first, fn's when fn fails (EachFigure
// stops), or the index's.
func (ix *Index) EachFigure(ctx context.Context, f FigureFilter, fn func(MetricRow) error) error {
	f = ix.keyed(f)
	return ix.eachFigure(ctx, f, ix.spans(f), fn)
}

func (ix *Index) eachFigure(ctx context.Context, f FigureFilter, spans []reportSpan, fn func(MetricRow) error) error {
	// without a kind filter, the passages without figures are read and
	// skipped rather than the kinds' postings intersected: one term
	// reader a search instead of one a kind
	var q query.Query
	if len(f.Kinds) > 0 || len(f.Sections) > 0 {
		kinds := f.Kinds
		if len(kinds) == 0 {
			kinds = ix.meta.Kinds
		}
		if q = ix.figureListQuery(FigureFilter{Sections: f.Sections, Kinds: kinds}); q == nil {
			return nil
		}
	}
	for _, span := range spans {
		report := query.NewTermQuery(span.report)
		report.SetField(fieldReport)
		one := query.Query(report)
		if q != nil {
			one = query.NewConjunctionQuery([]query.Query{report, q})
		}
		var after []string
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			sr := bleve.NewSearchRequestOptions(one, figureBatch, 0, false)
			sr.Fields = []string{fieldDoc}
			sr.SortByCustom(search.SortOrder{&search.SortField{Field: fieldRank}})
			sr.SearchAfter = after
			res, err := ix.bi.SearchInContext(ctx, sr)
			if err != nil {
				return fmt.Errorf("index: %w", err)
			}
			for _, dm := range res.Hits {
				sd, err := decodeStored(dm.Fields[fieldDoc])
				if err != nil {
					return fmt.Errorf("index: %s: %w", dm.ID, err)
				}
				b := sd.bullet()
				for i, m := range b.Metrics {
					if len(f.Kinds) == 0 || slices.Contains(f.Kinds, m.Kind) {
						if err := fn(MetricRow{Bullet: b, I: i}); err != nil {
							return err
						}
					}
				}
				after = []string{rankTerm(sd.Rank)}
			}
			if len(res.Hits) < figureBatch {
				break
			}
		}
	}
	return nil
}

// FigurePage is one page of a figure listing.
type FigurePage struct {
	Rows    []MetricRow // at most Size
	From    int         // figures skipped before Rows
	Size    int         // the page size asked for
	Total   int         // figures the filter selects
	HasMore bool        // more figures follow Rows
}

// Figures returns the page of the figures f selects that skips from and
// holds up to size, in report order. size must be 1 to MaxFigureSize and
// from 0 to MaxFigureFrom: else the error is a *QueryError naming "size"
// or "from". Only the passages up to the page's last are read.
func (ix *Index) Figures(ctx context.Context, f FigureFilter, from, size int) (*FigurePage, error) {
	f = ix.keyed(f)
	if size < 1 || size > MaxFigureSize {
		return nil, &QueryError{Param: "size", Message: fmt.Sprintf("size %d is not between 1 and %d", size, MaxFigureSize)}
	}
	if from < 0 || from > MaxFigureFrom {
		return nil, &QueryError{Param: "from", Message: fmt.Sprintf("from %d is not between 0 and %d", from, MaxFigureFrom)}
	}
	p := &FigurePage{From: from, Size: size, Total: ix.FigureTotal(f)}
	// whole reports before the page are skipped by their figure counts
	spans := ix.spans(f)
	n := 0
	for len(spans) > 0 && n+spans[0].figures <= from {
		n += spans[0].figures
		spans = spans[1:]
	}
	errFull := fmt.Errorf("page full")
	err := ix.eachFigure(ctx, f, spans, func(row MetricRow) error {
		n++
		switch {
		case n <= from:
			return nil
		case len(p.Rows) == size:
			p.HasMore = true
			return errFull
		}
		p.Rows = append(p.Rows, row)
		return nil
	})
	if err != nil && err != errFull {
		return nil, err
	}
	return p, nil
}
