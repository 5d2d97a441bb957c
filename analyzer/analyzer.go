// Package analyzer provides the gse-based Chinese tokenizer and analyzer,
// registered with bleve under Name and QueryName.
package analyzer

// Name is the index-side analyzer registered with bleve.
const Name = "reportsearch_zh"

// QueryName is the query-side analyzer (adds synonyms).
const QueryName = "reportsearch_zh_query"
