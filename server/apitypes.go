package server

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math"

	"reportsearch/corpus"
	"reportsearch/index"
)

// The JSON API's types. They are the API contract (openapi.json), kept apart
// from the index's types so that either can change without breaking the
// other. SearchResponse is exported because `reportsearch search --json`
// prints it too.

// SearchResponse is the body of GET /api/search and the output of
// `reportsearch search --json`: the hits of one page of results and the
// facet counts of all of them. Make it with NewSearchResponse.
type SearchResponse struct {
	Query     string       `json:"query"`               // the query string as searched, without invisible format characters
	Total     uint64       `json:"total"`               // matching bullets, all pages, full and partial matches
	FullTotal uint64       `json:"full_total"`          // bullets with every typed word; they come first
	Unmatched []string     `json:"unmatched,omitempty"` // typed words no hit has, not even through a related word
	From      int          `json:"from"`                // hits skipped before the first of Hits
	Size      int          `json:"size"`                // hits asked for: Hits has at most Size
	HasMore   bool         `json:"has_more"`            // more hits follow From+len(Hits): ask again with from=From+Size
	TookMS    float64      `json:"took_ms"`             // search time in milliseconds, to the microsecond
	Partial   bool         `json:"partial"`             // no bullet has every word: these are the best partial matches
	Hits      []SearchHit  `json:"hits"`                // never null; a hit's near duplicates on the same page are folded into it (SearchHit.Folded)
	Facets    SearchFacets `json:"facets"`
	// Suggestions are index words close to the typed ones (sharing
	// character bigrams), when nothing is found: Total is 0.
	Suggestions []string `json:"suggestions,omitempty"`
}

// SearchHit is one matching bullet.
type SearchHit struct {
	ID        string       `json:"id"` // the bullet's key "report:SS-NN", unique across reports: /api/bullets/{id}, /b/{id}
	Report    string       `json:"report"`
	Section   Section      `json:"section"`
	Text      string       `json:"text"`              // the whole passage, without invisible format characters (see display.go)
	Fragments []Fragment   `json:"fragments"`         // the parts of Text to show: around the matches, at sentence ends (see index.Fragments)
	Highlight string       `json:"highlight"`         // Text HTML-escaped, with <mark> around the matches
	Spans     []index.Span `json:"spans,omitempty"`   // byte offsets into Text of the matches, typed or related
	Score     float64      `json:"score"`             // relevance; 0 when sorted otherwise
	Missing   []string     `json:"missing,omitempty"` // typed words this partial match lacks; absent for a full match
	Truncated bool         `json:"truncated"`         // the report breaks off inside this bullet
	Metrics   []Metric     `json:"metrics"`           // never null
	Lines     []int        `json:"lines"`             // 1-based source lines; never null
	// SeeAlso are the keys ("report:SS-NN") of the passage's near
	// duplicates: the same facts told again elsewhere in its report.
	SeeAlso []string `json:"see_also,omitempty"`
	// Folded are those of SeeAlso that were hits of this page too, ranked
	// lower: they are left out of Hits and shown once, with this hit.
	Folded []string `json:"folded,omitempty"`
}

// Metric is a figure of a bullet (corpus.Metric) with its offsets in Text
// also in characters: StartChar and EndChar count code points (Python's
// text[start_char:end_char], Go's []rune), StartUTF16 and EndUTF16 count
// UTF-16 code units (JavaScript's text.slice(start_utf16, end_utf16)).
// Start and End are bytes of the UTF-8 text.
type Metric struct {
	corpus.Metric
	StartChar  int `json:"start_char"`
	EndChar    int `json:"end_char"`
	StartUTF16 int `json:"start_utf16"`
	EndUTF16   int `json:"end_utf16"`
}

// apiMetrics gives the figures of text their character offsets; never nil.
func apiMetrics(text string, ms []corpus.Metric) []Metric {
	out := make([]Metric, 0, len(ms))
	for _, m := range ms {
		am := Metric{Metric: m}
		am.StartChar, am.StartUTF16 = charOffsets(text, m.Start)
		am.EndChar, am.EndUTF16 = charOffsets(text, m.End)
		out = append(out, am)
	}
	return out
}

// Fragment is a part of a hit's text to show in a list.
type Fragment struct {
	Text      string `json:"text"`
	Highlight string `json:"highlight"` // Text HTML-escaped, with <mark> around the matches
	Start     int    `json:"start"`     // byte offsets of Text in the passage text
	End       int    `json:"end"`
	CutBefore bool   `json:"cut_before"` // the passage goes on before it: show …
	CutAfter  bool   `json:"cut_after"`  // the passage goes on after it: show …
}

// newFragments are the API's fragments of a passage text and its spans.
func newFragments(text string, spans []index.Span) []Fragment {
	var out []Fragment
	for _, f := range index.Fragments(text, spans) {
		part := text[f.Start:f.End]
		out = append(out, Fragment{
			Text: part, Highlight: highlightHTML(part, shiftSpans(f.Spans, -f.Start), false),
			Start: f.Start, End: f.End, CutBefore: f.Start > 0, CutAfter: f.End < len(text),
		})
	}
	return nonNil(out)
}

// shiftSpans returns spans moved by d bytes.
func shiftSpans(spans []index.Span, d int) []index.Span {
	out := make([]index.Span, len(spans))
	for i, s := range spans {
		out[i] = index.Span{Start: s.Start + d, End: s.End + d, Kind: s.Kind}
	}
	return out
}

// Section names a report section.
type Section struct {
	ID    string `json:"id"` // "01", "02.03": the section's place among its siblings, unique within its report
	Title string `json:"title"`
}

// newSection is the API form of a section: its id and title.
func newSection(s corpus.Section) Section { return Section{ID: s.ID, Title: s.Title} }

// SearchFacets are the facet counts of a search: sections and money ranges
// with their labels, metric kinds by name (labels: corpus.Kinds).
type SearchFacets struct {
	Section []LabelledCount `json:"section"` // value: section key "report:id"
	Kind    []KindCount     `json:"kind"`
	Money   []LabelledCount `json:"money"`
	Report  []LabelledCount `json:"report"` // value: report id, label: its short name
	Level   []LabelledCount `json:"level"`  // value: national, provincial, town
	Region  []LabelledCount `json:"region"`
	Year    []LabelledCount `json:"year"`
}

// LabelledCount is a facet value, its label and its number of hits.
type LabelledCount struct {
	Value  string `json:"value"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
	Report string `json:"report,omitempty"` // a section's report id
}

// KindCount is a metric kind and its number of hits.
type KindCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// NewSearchResponse converts the engine's result of req into the API's JSON
// shape. The highlight is made from the engine's spans by highlightHTML.
// Texts lose their invisible format characters (display.go), and the spans
// move with them.
func NewSearchResponse(req index.Request, res *index.Result) SearchResponse {
	size := cmp.Or(req.Size, index.DefaultSize)
	out := SearchResponse{
		Query:     display(res.Query),
		Total:     res.Total,
		FullTotal: res.FullTotal,
		Unmatched: res.Unmatched,
		From:      req.From,
		Size:      size,
		HasMore:   uint64(req.From+len(res.Hits)) < res.Total,
		TookMS:    math.Round(float64(res.Took.Microseconds())) / 1000,
		Partial:   res.Partial,
		Hits:      make([]SearchHit, 0, len(res.Hits)),
		Facets: SearchFacets{
			Section: labelledCounts(res.Facets.Sections),
			Kind:    make([]KindCount, 0, len(res.Facets.Kinds)),
			Money:   labelledCounts(res.Facets.Money),
			Report:  labelledCounts(res.Facets.Reports),
			Level:   labelledCounts(res.Facets.Levels),
			Region:  labelledCounts(res.Facets.Regions),
			Year:    labelledCounts(res.Facets.Years),
		},
	}
	for _, h := range foldNearDups(res.Hits) {
		b, spans := displayBullet(h.Bullet), displaySpans(h.Bullet.Text, h.Spans)
		var folded []string
		for _, o := range h.Folded {
			folded = append(folded, o.Key())
		}
		out.Hits = append(out.Hits, SearchHit{
			ID:        b.Key(),
			Report:    b.Report,
			Section:   newSection(b.Section),
			Text:      b.Text,
			Highlight: highlightHTML(b.Text, spans, false),
			Spans:     spans,
			Fragments: newFragments(b.Text, spans),
			Score:     h.Score,
			Missing:   h.Missing,
			Truncated: b.Truncated,
			Metrics:   apiMetrics(b.Text, b.Metrics),
			Lines:     nonNil(b.Lines),
			SeeAlso:   nearDupKeys(b),
			Folded:    folded,
		})
	}
	for _, f := range res.Facets.Kinds {
		out.Facets.Kind = append(out.Facets.Kind, KindCount{Value: f.Value, Count: f.Count})
	}
	return out
}

// JSON encodes r exactly as /api/search sends it (see encodeJSON).
func (r SearchResponse) JSON() ([]byte, error) { return encodeJSON(r) }

// encodeJSON is the API's JSON encoding: compact (indenting took a fifth of
// the CPU time of a search request), with <, > and & left as they are, and
// a final newline.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func labelledCounts(fs []index.FacetCount) []LabelledCount {
	out := make([]LabelledCount, 0, len(fs))
	for _, f := range fs {
		out = append(out, LabelledCount{Value: f.Value, Label: display(f.Label), Count: f.Count, Report: f.Report})
	}
	return out
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// The other routes' bodies.

type bulletJSON struct {
	ID        string   `json:"id"` // key "report:SS-NN"
	Report    string   `json:"report"`
	Section   Section  `json:"section"`
	Text      string   `json:"text"`
	Truncated bool     `json:"truncated"`
	Metrics   []Metric `json:"metrics"`
	Lines     []int    `json:"lines"`
	Before    []string `json:"before"`             // keys of the preceding bullets, nearest last
	After     []string `json:"after"`              // keys of the following bullets, nearest first
	SeeAlso   []string `json:"see_also,omitempty"` // keys of its near duplicates in the same report
}

type sectionsJSON struct {
	Reports  []string      `json:"reports"`
	Sections []sectionJSON `json:"sections"`
}

// sectionJSON is one section of one report in /api/sections.
type sectionJSON struct {
	Key      string `json:"key"` // "report:id": the section filter's value
	Report   string `json:"report"`
	ID       string `json:"id"`
	Title    string `json:"title"`
	Parent   string `json:"parent,omitempty"` // the enclosing section's id in the same report
	Depth    int    `json:"depth"`
	Passages int    `json:"passages"` // passages whose innermost section this is
}

type metricsJSON struct {
	Total   int             `json:"total"`    // figures the filters select
	From    int             `json:"from"`     // figures skipped before these
	Size    int             `json:"size"`     // the page size asked for
	HasMore bool            `json:"has_more"` // more figures follow: ask again with from+size
	Metrics []metricRowJSON `json:"metrics"`
}

type metricRowJSON struct {
	Bullet  string  `json:"bullet"` // key "report:SS-NN" of the bullet the figure is in
	Report  string  `json:"report"`
	Section Section `json:"section"`
	Metric
}

type healthJSON struct {
	Status  string   `json:"status"`
	Reports []string `json:"reports"`
}
