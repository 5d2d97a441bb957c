// Package index builds and opens bleve indexes of report bullets and turns a
// search Request into a bleve query and its result into our types.
//
// Files by concern: index.go (the Index type and its options), build.go
// (New in memory, Build on disk, with the folder swap of internal/swap),
// stream.go (BuildStream's corpus read as a stream, twice, never held),
// open.go (Open, which checks the index's format and vocabulary),
// mapping.go and document.go (the mapping and the documents of bullets),
// stored.go (what a document stores), lookup.go (Bullet, Neighbours,
// Sections, Metrics …) and eval.go (judged relevance).
//
// A search (search.go) goes through these stages, one file each, each
// called once, in this order:
//
//   - parse.go: the query text becomes a parsedQuery. The language is ours,
//     never bleve's query-string syntax: plain words must all match,
//     "quoted" text is a phrase, -word excludes, and figures with an
//     operator (>1亿元, ≥50家, 1000万-1亿, 超过10亿, 10亿以上) become a range
//     on the normalized value of that unit's kind.
//   - plan.go: the parsedQuery and the request's filters become bleve
//     queries: the main one and a fallback (any word instead of all) for
//     when no bullet has every word. Ranking is BM25; a word matches as a
//     whole word or, lower, as a sub-word inside a longer word (the index
//     marks sub-words); its synonyms match far lower still; a word analyzed
//     into several terms prefers them adjacent, and several words typed in
//     order score higher when adjacent.
//   - run.go: bleve runs the main query, then the fallback if nothing
//     matched (Result.Partial), collecting the whole match set and applying
//     the section and kind filters. The empty query skips planning's
//     queries and runs browse.go instead: report order straight from the
//     index.
//   - facets.go: the facets are counted from per-snapshot roaring bitmaps,
//     not with bleve's terms facet, disjunctive for sections and kinds.
//   - hits.go: the page's hits, each with spans: the matched terms'
//     offsets, merged, each marked as a typed word or a related one.
//     Presenters render them; the index makes no HTML.
package index

import (
	"time"

	"reportsearch/corpus"
)

// Sort orders accepted in Request.Sort.
const (
	SortRelevance = "relevance"
	SortOrder     = "order"
	SortValue     = "value"  // by the largest matching figure, ascending
	SortValueDesc = "-value" // by the largest matching figure, descending
)

// Bounds on what one Request may ask for. Search answers a Request beyond
// them with a *QueryError naming the field; the server checks the same
// bounds on its parameters and documents them in its OpenAPI document.
const (
	MaxQueryRunes = 200   // runes (characters) in Request.Query
	MaxTerms      = 32    // words, phrases, exclusions and figures in Request.Query
	MaxValues     = 20    // values in each of Request.Sections, Kinds and Reports
	MaxFrom       = 10000 // Request.From, in hits
	MaxSize       = 100   // Request.Size, in hits
	DefaultSize   = 10    // Request.Size when it is 0
)

// Request is one search.
type Request struct {
	Query    string   // the user's query string: words, "phrases", -excluded, figures (>1亿元); at most MaxQueryRunes runes
	Sections []string // section ids; any of them; at most MaxValues
	Kinds    []string // metric kinds; any of them; at most MaxValues
	Min, Max *float64 // bounds on a metric's normalized value (of Kinds, if given)
	Reports  []string // report ids; any of them; at most MaxValues
	From     int      // hits to skip, at most MaxFrom
	Size     int      // hits to return, at most MaxSize; 0 means DefaultSize
	Sort     string   // "" means SortRelevance
}

// Result is the answer to a Request.
type Result struct {
	Query   string        `json:"query"`
	Total   uint64        `json:"total"`
	Took    time.Duration `json:"took_ns"`
	Partial bool          `json:"partial"` // no bullet matched every word; these are the best partial matches
	Hits    []Hit         `json:"hits"`
	Facets  Facets        `json:"facets"`
}

// Hit is one matching bullet.
type Hit struct {
	Bullet corpus.Bullet `json:"bullet"`
	Score  float64       `json:"score"`
	Spans  []Span        `json:"spans"` // the parts of Bullet.Text that match, to mark; nil when browsing
}

// Facets are the counts beside the hits.
type Facets struct {
	Sections []FacetCount `json:"sections"` // Value: section id, Label: title
	Kinds    []FacetCount `json:"kinds"`    // Value: metric kind
	Money    []FacetCount `json:"money"`    // Value: range key, Label: 100万以下 …
}

// FacetCount is one facet value and how many hits it has.
type FacetCount struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// QueryError is a problem with a Request that the client caused: the server
// answers it with 400. Param names the offending parameter ("q", "size" …).
type QueryError struct {
	Param   string
	Message string
}

func (e *QueryError) Error() string { return e.Param + ": " + e.Message }
