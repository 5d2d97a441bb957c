package analyzer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Version is the version of the segmentation rules. It is part of every
// Dictionary's Fingerprint: raise it whenever a change to the code (not to
// the word lists, which the fingerprint covers) changes the tokens of some
// text, so that indexes built before are refused instead of searched with
// other tokens.
const Version = 2

// Dictionary is the vocabulary of one index: gse's general dictionary and
// the domain words (dict_domain.txt), both embedded and shared read-only by
// every Dictionary of the process, and the index's own words (the terms its
// reports quote, see corpus.HarvestTerms). It is immutable and safe for
// concurrent use; an index builds it once from its words and keeps it.
type Dictionary struct {
	base        *baseDict
	extra       *extraDict // domain words, then words
	words       []string   // as given
	fingerprint string
	index       analysis.Analyzer // Analyzer(true), made once
	query       analysis.Analyzer // Analyzer(false)
}

// sharedBase is the embedded general dictionary, loaded once (about 40 ms)
// and never changed.
var sharedBase = sync.OnceValue(func() *baseDict { return loadBase(zhData) })

// baseSum is the hash of the embedded word lists and of Version.
var baseSum = sync.OnceValue(func() []byte {
	h := sha256.New()
	fmt.Fprintf(h, "reportsearch analyzer v%d\x00%d\x00", Version, maxWordRunes)
	h.Write([]byte(zhData))
	h.Write([]byte{0})
	h.Write([]byte(domainData))
	return h.Sum(nil)
})

// defaultDictionary is the dictionary without words of an index.
var defaultDictionary = sync.OnceValue(func() *Dictionary { return NewDictionary(nil) })

// DefaultDictionary returns the dictionary of the embedded words alone
// (general and domain words), the one Analyze uses.
func DefaultDictionary() *Dictionary { return defaultDictionary() }

// Load loads the embedded dictionaries now; otherwise the first analysis
// loads them (about 40 ms). A server may call it while it does other
// start-up work.
func Load() { defaultDictionary() }

// NewDictionary returns the embedded dictionaries with words added, each
// kept whole by the segmenter (and its dictionary sub-words found), with
// the frequency of a fairly common word. Only runs of two to 16 Han
// characters of the folded words count; a word of the embedded lists keeps
// its own frequency. The words are kept in the order given for Words and
// the fingerprint.
func NewDictionary(words []string) *Dictionary {
	base := sharedBase()
	entries := parseWordList(domainData)
	for _, w := range words {
		entries = append(entries, wordEntry{w, domainFreq})
	}
	h := sha256.New()
	h.Write(baseSum())
	for _, w := range words {
		h.Write([]byte(w))
		h.Write([]byte{0})
	}
	d := &Dictionary{
		base:        base,
		extra:       newExtraDict(base, entries),
		words:       slices.Clone(words),
		fingerprint: hex.EncodeToString(h.Sum(nil)),
	}
	d.index = &analysis.DefaultAnalyzer{
		Tokenizer:    &Tokenizer{Search: true, Dict: d},
		TokenFilters: []analysis.TokenFilter{FoldFilter{}},
	}
	d.query = &analysis.DefaultAnalyzer{
		Tokenizer:    &Tokenizer{Search: false, Dict: d},
		TokenFilters: []analysis.TokenFilter{FoldFilter{}},
	}
	return d
}

// Words returns the words the dictionary was made with (NewDictionary).
func (d *Dictionary) Words() []string { return slices.Clone(d.words) }

// Fingerprint identifies the tokens the dictionary makes: a hex SHA-256 of
// Version, the embedded word lists and the added words. Two dictionaries
// with the same fingerprint segment every text alike.
func (d *Dictionary) Fingerprint() string { return d.fingerprint }

// lookup appends to out every word that is a prefix of the characters rs.
func (d *Dictionary) lookup(rs []rune, out []match) []match {
	return d.extra.prefixesOf(rs, d.base.prefixes(rs, out))
}

// Analyzer returns the index-side analyzer (search set: words and their
// sub-words, as Name) or the query-side one (as QueryName) over d.
func (d *Dictionary) Analyzer(search bool) analysis.Analyzer {
	if search {
		return d.index
	}
	return d.query
}

// WordsConfig is the key of a tokenizer's config (TokenizerName,
// QueryTokenizerName) that lists an index's words: a list of strings, as
// bleve's exception tokenizer takes its "exceptions". An index mapping
// that defines such a tokenizer (mapping.AddCustomTokenizer) keeps the
// words with the index, so an index opened from disk segments as it was
// built.
const WordsConfig = "words"

// TokenizerConfig is the key of an analyzer's config (Name, QueryName)
// naming the tokenizer (TokenizerName or QueryTokenizerName, defined in
// the same mapping) whose Dictionary the analyzer uses. Without it the
// analyzer uses DefaultDictionary.
const TokenizerConfig = "tokenizer"

// DictionaryFromConfig returns the Dictionary an analyzer's config names
// (TokenizerConfig), or DefaultDictionary when it names none. It fails if
// the tokenizer is not defined or is not one of this package's.
func DictionaryFromConfig(config map[string]interface{}, cache *registry.Cache) (*Dictionary, error) {
	v, ok := config[TokenizerConfig]
	if !ok {
		return DefaultDictionary(), nil
	}
	name, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("analyzer: %q must be a tokenizer name, not %T", TokenizerConfig, v)
	}
	t, err := cache.TokenizerNamed(name)
	if err != nil {
		return nil, err
	}
	tk, ok := t.(*Tokenizer)
	if !ok || tk.Dict == nil {
		return nil, fmt.Errorf("analyzer: tokenizer %q is not a %s tokenizer", name, TokenizerName)
	}
	return tk.Dict, nil
}

// dictionaryOfConfig builds the Dictionary of a tokenizer's config.
func dictionaryOfConfig(config map[string]interface{}) (*Dictionary, error) {
	v, ok := config[WordsConfig]
	if !ok || v == nil {
		return DefaultDictionary(), nil
	}
	var words []string
	switch ws := v.(type) {
	case []string:
		words = ws
	case []interface{}: // as read back from an index's JSON mapping
		for _, w := range ws {
			s, ok := w.(string)
			if !ok {
				return nil, fmt.Errorf("analyzer: %q holds a %T, want strings", WordsConfig, w)
			}
			words = append(words, s)
		}
	default:
		return nil, fmt.Errorf("analyzer: %q must be a list of strings, not %T", WordsConfig, v)
	}
	if len(words) == 0 {
		return DefaultDictionary(), nil
	}
	return NewDictionary(words), nil
}

// Has reports whether word (folded as the analyzers fold) is a word of d.
func (d *Dictionary) Has(word string) bool {
	rs := []rune(foldString(word))
	if len(rs) == 0 {
		return false
	}
	for _, m := range d.lookup(rs, nil) {
		if m.nrunes == len(rs) {
			return true
		}
	}
	return false
}
