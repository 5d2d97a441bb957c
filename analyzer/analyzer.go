// Package analyzer provides the Chinese analyzers of reportsearch,
// registered with bleve under Name (index side) and QueryName (query side).
//
// Segmentation follows github.com/go-ego/gse: each run of Han characters is
// cut into the most probable sequence of dictionary words, the dictionary
// being gse's Simplified Chinese one (embedded in a compact form, see
// dict.go), the reports' domain words (dict_domain.txt) and the words of
// each index (Dictionary, NewDictionary).
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

// AnalyzerConstructor builds the index-side analyzer over the Dictionary
// of the tokenizer config[TokenizerConfig] names (DefaultDictionary if none).
func AnalyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	d, err := DictionaryFromConfig(config, cache)
	if err != nil {
		return nil, err
	}
	return d.Analyzer(true), nil
}

// QueryAnalyzerConstructor builds the query-side analyzer, over the
// Dictionary chosen as by AnalyzerConstructor.
func QueryAnalyzerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	d, err := DictionaryFromConfig(config, cache)
	if err != nil {
		return nil, err
	}
	return d.Analyzer(false), nil
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

// Analyze runs the index-side analyzer (Name) on text, or the query-side
// one (QueryName) if query is set, over DefaultDictionary, and returns its
// tokens.
func Analyze(text string, query bool) []Token {
	return DefaultDictionary().Analyze(text, query)
}

// Analyze runs the index-side analyzer over d on text, or the query-side
// one if query is set, and returns its tokens.
func (d *Dictionary) Analyze(text string, query bool) []Token {
	stream := d.Analyzer(!query).Analyze([]byte(text))
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
