// Package analyzer provides the Chinese analyzers of reportsearch,
// registered with bleve under Name (index side) and QueryName (query side).
//
// Segmentation follows github.com/go-ego/gse: each run of Han characters is
// cut into the most probable sequence of dictionary words, the dictionary
// being gse's Simplified Chinese one (embedded in a compact form, see
// dict.go) and the reports' domain words (dict_domain.txt, AddWords).
// Characters are folded before segmentation (full-width to half-width,
// Traditional to Simplified, lower case), numbers keep their decimals and
// units, and offsets always point into the original text.
//
// Synonyms are not applied by the analyzers: the index widens query words
// with Synonyms.Lookup.
package analyzer

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Name is the index-side analyzer registered with bleve: words and their
// dictionary sub-words (at the word's position), numbers with and without
// their units, all folded.
const Name = "reportsearch_zh"

// QueryName is the query-side analyzer: the same segmentation and folding
// without sub-words, so that a query word matches the same word or a
// sub-word in the index. (Synonyms are applied by the index, see Synonyms.)
const QueryName = "reportsearch_zh_query"

// AnalyzerConstructor builds the index-side analyzer.
func AnalyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	return newAnalyzer(cache, TokenizerName)
}

// QueryAnalyzerConstructor builds the query-side analyzer.
func QueryAnalyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	return newAnalyzer(cache, QueryTokenizerName)
}

func newAnalyzer(cache *registry.Cache, tokenizerName string) (analysis.Analyzer, error) {
	tokenizer, err := cache.TokenizerNamed(tokenizerName)
	if err != nil {
		return nil, err
	}
	fold, err := cache.TokenFilterNamed(FoldFilterName)
	if err != nil {
		return nil, err
	}
	return &analysis.DefaultAnalyzer{
		Tokenizer:    tokenizer,
		TokenFilters: []analysis.TokenFilter{fold},
	}, nil
}

func init() {
	must(registry.RegisterTokenizer(TokenizerName, TokenizerConstructor))
	must(registry.RegisterTokenizer(QueryTokenizerName, QueryTokenizerConstructor))
	must(registry.RegisterTokenFilter(FoldFilterName, FoldFilterConstructor))
	must(registry.RegisterAnalyzer(Name, AnalyzerConstructor))
	must(registry.RegisterAnalyzer(QueryName, QueryAnalyzerConstructor))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// Token is one token of an analysed text, as the CLI prints it.
type Token struct {
	Term     string `json:"term"`
	Start    int    `json:"start"` // byte offsets into the text
	End      int    `json:"end"`
	Position int    `json:"position"` // 1-based; a sub-word shares its word's
	// Type is "word" (Han), "number" (a number, with its unit if any),
	// "latin" (letters and digits) or "subword" (a word, number or unit
	// found inside the token before it).
	Type string `json:"type"`
}

var (
	indexAnalyzer = &analysis.DefaultAnalyzer{
		Tokenizer:    &Tokenizer{Search: true},
		TokenFilters: []analysis.TokenFilter{FoldFilter{}},
	}
	queryAnalyzer = &analysis.DefaultAnalyzer{
		Tokenizer:    &Tokenizer{Search: false},
		TokenFilters: []analysis.TokenFilter{FoldFilter{}},
	}
)

// Analyze runs the index-side analyzer (Name) on text, or the query-side
// one (QueryName) if query is set, and returns its tokens.
func Analyze(text string, query bool) []Token {
	a := indexAnalyzer
	if query {
		a = queryAnalyzer
	}
	stream := a.Analyze([]byte(text))
	out := make([]Token, 0, len(stream))
	last := 0
	for _, t := range stream {
		typ := "word"
		switch {
		case t.Position == last:
			typ = "subword"
		case t.Type == analysis.Numeric:
			typ = "number"
		case t.Type == analysis.AlphaNumeric:
			typ = "latin"
		}
		last = t.Position
		out = append(out, Token{Term: string(t.Term), Start: t.Start, End: t.End, Position: t.Position, Type: typ})
	}
	return out
}
