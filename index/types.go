// Package index builds and opens bleve indexes of report bullets and turns a
// search Request into a bleve query and its result into our types.
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

// Request is one search.
type Request struct {
	Query    string   // the user's query string: words, "phrases", -excluded, figures (>1亿元)
	Sections []string // section ids; any of them
	Kinds    []string // metric kinds; any of them
	Min, Max *float64 // bounds on a metric's normalized value (of Kinds, if given)
	Reports  []string // report ids; any of them
	From     int
	Size     int    // 0 means the default (10)
	Sort     string // "" means SortRelevance
}

// Result is the answer to a Request.
type Result struct {
	Query   string
	Total   uint64
	Took    time.Duration
	Partial bool // no bullet matched every word; these are the best partial matches
	Hits    []Hit
	Facets  Facets
}

// Hit is one matching bullet.
type Hit struct {
	Bullet    corpus.Bullet
	Score     float64
	Highlight string // Bullet.Text HTML-escaped, with <mark> around matches
}

// Facets are the counts beside the hits.
type Facets struct {
	Sections []FacetCount // Value: section id, Label: title
	Kinds    []FacetCount // Value: metric kind
	Money    []FacetCount // Value: range key, Label: 100万以下 …
}

// FacetCount is one facet value and how many hits it has.
type FacetCount struct {
	Value string
	Label string
	Count int
}

// QueryError is a problem with a Request that the client caused: the server
// answers it with 400. Param names the offending parameter ("q", "size" …).
type QueryError struct {
	Param   string
	Message string
}

func (e *QueryError) Error() string { return e.Param + ": " + e.Message }
