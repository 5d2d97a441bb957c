// Package index builds and opens bleve indexes of report bullets and turns a
// search Request into a bleve query and its result into our types.
//
// Files by concern: index.go (the Index type and its options), build.go
// (New in memory, Build on disk, with the folder swap of internal/swap),
// stream.go (BuildStream's corpus read as a stream, twice, never held;
// metaCounter, the index's meta as reports and bullets come), failure.go
// (the space a build needs, panics and full disks),
// open.go (Open, which checks the index's format and vocabulary),
// mapping.go and document.go (the mapping and the documents of bullets),
// stored.go (what a document stores), lookup.go (Bullet, Neighbours,
// Sections, Metrics …), eval.go (judged relevance), reports.go (reports
// as facets and filters, sections keyed by report), snippet.go (fragments
// of long passages), scope.go (words naming a region or a year) and
// fresh.go (CheckBuiltFrom).
//
// A search (search.go) goes through these stages, one file each, each
// called once, in this order:
//
//   - parse.go: the query text becomes a parsedQuery. The language is ours,
//     never bleve's query-string syntax: plain words, "quoted" text (a
//     phrase), +word (required), -word (excluded), and figures (>1亿元,
//     ≥50家, 1000万-1亿, 超过了10亿, 两千万以上, 4亿) that become intervals
//     on the normalized value of that unit's kind (figurequery.go, which
//     also makes their bleve queries for plan.go). units.go cuts each
//     word into units: the dictionary's words (小区电梯 → 小区 电梯),
//     without function and question words; text outside the dictionary,
//     single characters and codes as text.
//   - plan.go: the units and the request's filters become bleve queries:
//     the main one (every unit) and a tiered one (any unit). A unit matches
//     as itself (its word in the word field, whole or inside a longer
//     word; its text in the character field) or, far lower, through
//     related words (synonyms, parts, abbreviations: related.go); words
//     typed in order score higher when adjacent or one compound. Phrases
//     are matched by phrase.go, in bounded work per document.
//   - run.go: bleve runs the main query, then the tiered one if fewer than
//     a page of hits matched, collecting the whole match set and applying
//     the section, kind and money filters; the collector ranks the matches by
//     the units they have (tiers.go: full matches first). The empty query
//     skips planning's queries and runs browse.go instead: report order
//     straight from the index.
//   - facets.go: the facets are counted from per-snapshot roaring bitmaps,
//     not with bleve's terms facet, each with every filter but its own.
//   - hits.go: the page's hits, each with spans (the matched terms'
//     offsets, merged, each marked as a typed word or a related one) and
//     the typed words a partial match lacks.
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
	MaxValues     = 20    // values in each of Request.Sections, Kinds, Money and Reports
	MaxFrom       = 10000 // Request.From, in hits
	MaxSize       = 100   // Request.Size, in hits
	DefaultSize   = 10    // Request.Size when it is 0
)

// Request is one search.
type Request struct {
	Query    string   // the user's query string: words, "phrases", -excluded, figures (>1亿元); at most MaxQueryRunes runes
	Sections []string // section keys "report:id" (a bare id when the index holds one report); any of them; at most MaxValues
	// Kinds are metric kinds (corpus.Kinds): a bullet matches when it has a
	// figure of any of them, whatever its value; at most MaxValues.
	Kinds []string
	// Money are money facet range keys (MoneyRanges: lt1m, 1m-10m …): a
	// bullet matches when one of its money figures lies in any of them,
	// whatever its other figures. A figure is in a range when its span
	// (a range 5000万-2亿, an approximate 近1亿) meets it: the ranges are
	// half-open, [Min, Max) in 元. At most MaxValues; independent of Kinds,
	// Min and Max: Kinds=[count] and Money=[1m-10m] is a bullet having a
	// count and a money figure of 100万–1000万.
	Money []string
	// Min and Max are inclusive bounds (nil: none) on the normalized value
	// (元, %, the count …) of the figures of the requested Kinds, or of
	// figures of any kind when Kinds is empty: a bullet matches when one
	// such figure's span meets [Min, Max]. They mix units when Kinds has
	// more than one kind; the money filter is Money.
	Min, Max *float64
	Reports  []string // report ids; any of them; at most MaxValues
	Levels   []string // report levels (corpus.LevelTown …); any of them
	Regions  []string // report regions (全国, 北京市 …); any of them
	Years    []int    // report years; any of them
	YearFrom int      // reports of this year or later; 0: no bound
	YearTo   int      // reports of this year or earlier; 0: no bound

	reports *reportFilter // the report filters resolved by Search
	From    int           // hits to skip, at most MaxFrom
	Size    int           // hits to return, at most MaxSize; 0 means DefaultSize
	Sort    string        // "" means SortRelevance
}

// Result is the answer to a Request.
type Result struct {
	Query     string        `json:"query"`
	Total     uint64        `json:"total"`      // hits, full and partial matches
	FullTotal uint64        `json:"full_total"` // hits that have every typed word themselves (they come first)
	Took      time.Duration `json:"took_ns"`
	Partial   bool          `json:"partial"` // no hit has every typed word: these are the best partial matches
	// Unmatched are the typed words (as typed, in query order) that no hit
	// has, neither themselves nor through a related word.
	Unmatched []string `json:"unmatched,omitempty"`
	Hits      []Hit    `json:"hits"`
	Facets    Facets   `json:"facets"`
}

// Hit is one matching bullet.
type Hit struct {
	Bullet corpus.Bullet `json:"bullet"`
	Score  float64       `json:"score"`
	Spans  []Span        `json:"spans"` // the parts of Bullet.Text that match, to mark; nil when browsing
	// Missing are the typed words (as typed, in query order) the hit does
	// not have itself: it lacks them, or has only related words for them.
	// Empty for a full match.
	Missing []string `json:"missing,omitempty"`
}

// Facets are the counts beside the hits. Each facet is counted with every
// filter of the request but its own (disjunctive facets): the count beside
// a value is the Total of the same request with that facet's filter set to
// that value alone (Sections, Kinds or Money). With Min or Max, which
// bound the figures of the requested kinds, a kind's count is of the
// matches having a figure of that kind among those within the bounds.
type Facets struct {
	Sections []FacetCount `json:"sections"` // Value: section key "report:id", Label: title, Report: its report
	Reports  []FacetCount `json:"reports"`  // Value: report id, Label: its short name
	Levels   []FacetCount `json:"levels"`   // Value: corpus.LevelTown …, Label: 乡镇, 省级, 全国
	Regions  []FacetCount `json:"regions"`  // Value and Label: the region
	Years    []FacetCount `json:"years"`    // Value and Label: the year, latest first
	Kinds    []FacetCount `json:"kinds"`    // Value: metric kind
	Money    []FacetCount `json:"money"`    // Value: range key, Label: 100万元以下 …
}

// FacetCount is one facet value and how many hits it has.
type FacetCount struct {
	Value  string `json:"value"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
	Report string `json:"report,omitempty"` // a section's report
}

// QueryError is a problem with a Request that the client caused: the server
// answers it with 400. Param names the offending parameter ("q", "size" …).
type QueryError struct {
	Param   string
	Message string
}

func (e *QueryError) Error() string { return e.Param + ": " + e.Message }
