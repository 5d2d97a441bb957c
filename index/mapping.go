package index

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"reportsearch/analyzer"
	"reportsearch/corpus"
)

// Field names of an indexed bullet.
const (
	fieldText    = "text"    // the bullet text, analyzed by markedAnalyzer
	fieldChars   = "chars"   // the bullet text again, analyzed by analyzer.CharsName: Han unigrams and bigrams
	fieldDoc     = "doc"     // the stored bullet (storedBullet as JSON), not indexed
	fieldReport  = "report"  // report id, keyword
	fieldSection = "section" // section id, keyword
	fieldRank    = "rank"    // position among all indexed bullets, rankTerm: the sort key of report order
	fieldKind    = "kind"    // metric kinds, keyword, multi-valued
	fieldUnit    = "unit"    // metric units as written, keyword, multi-valued
	fieldMRange  = "mrange"  // money range keys (moneyRanges), keyword, multi-valued
	valuePrefix  = "value_"  // value_<kind>: normalized values of that kind
)

// subMark prefixes the sub-words analyzer.Name emits inside a longer word
// (上海 and 市 in 上海市; they share its position), so that a query can rank
// whole-word matches above sub-word ones: 上海 in 上海的 scores above 上海
// in 上海市. Marking the sub-words, not the words, adds no tokens.
const subMark = "\x01"

// The analysis an index mapping defines, so that an index on disk carries
// its own vocabulary: textTokenizer is analyzer.TokenizerName with the words
// harvested from the index's reports (analyzer.WordsConfig); the text field's
// analyzer (textAnalyzer, of type markedAnalyzerType) and the query analyzer
// (queryAnalyzer, analyzer.QueryName) use its Dictionary.
const (
	textTokenizer      = "reportsearch_text_tokenizer"
	textAnalyzer       = "reportsearch_text"
	queryAnalyzer      = "reportsearch_query"
	markedAnalyzerType = "reportsearch_zh_marked"
)

func init() {
	err := registry.RegisterAnalyzer(markedAnalyzerType, func(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		d, err := analyzer.DictionaryFromConfig(config, cache)
		if err != nil {
			return nil, err
		}
		return markedAnalyzer{inner: d.Analyzer(true), dict: d}, nil
	})
	if err != nil {
		panic(err)
	}
}

// markedAnalyzer is analyzer.Name over dict with sub-words marked (subMark).
type markedAnalyzer struct {
	inner analysis.Analyzer
	dict  *analyzer.Dictionary
}

func (a markedAnalyzer) Analyze(text []byte) analysis.TokenStream {
	ts := a.inner.Analyze(text)
	last := -1
	for _, t := range ts {
		if t.Position == last {
			t.Term = append([]byte(subMark), t.Term...)
		}
		last = t.Position
	}
	return ts
}

// dictionaryOf returns the Dictionary of an index mapping made by newMapping.
func dictionaryOf(m mapping.IndexMapping) (*analyzer.Dictionary, error) {
	ma, ok := m.AnalyzerNamed(textAnalyzer).(markedAnalyzer)
	if !ok {
		return nil, fmt.Errorf("index: the mapping has no analyzer %q", textAnalyzer)
	}
	return ma.dict, nil
}

// MoneyRange is one bucket of the money facet: [Min, Max) in 元, Max 0
// meaning no upper bound, and the first bucket no lower one. A money
// figure is in every bucket its span meets (an exact figure in one; 逾1亿
// and a range may reach into two), and the same range typed in the query
// box (100万元以下, 100万-1000万元, 1亿元以上) selects the same figures; typed
// without 元 (100万以下) it takes in counts too (figurequery.go, bareKinds). FacetCount.Value of a money facet is its Key.
type MoneyRange struct {
	Key, Label string
	Min, Max   float64
}

// moneyRanges are the buckets of the money facet, in display order.
var moneyRanges = []MoneyRange{
	{Key: "lt1m", Label: "100万元以下", Min: 0, Max: 1e6},
	{Key: "1m-10m", Label: "100万–1000万元", Min: 1e6, Max: 1e7},
	{Key: "10m-100m", Label: "1000万–1亿元", Min: 1e7, Max: 1e8},
	{Key: "ge100m", Label: "1亿元以上", Min: 1e8},
}

// MoneyRanges returns the buckets of the money facet, in display order.
func MoneyRanges() []MoneyRange { return slices.Clone(moneyRanges) }

const (
	kindMoney = "money"
	kindCount = "count"
)

// countField is the value field suffix of counts of one counter word (家, 次
// …): ≥50家 means 50 enterprises, not 50 of anything.
func countField(base string) string { return kindCount + "_" + base }

// moneyRangeKeys are the keys of the buckets the closed span [lo, hi] of
// a money figure meets (figureSpan): one for an exact figure, more for a
// range across an edge (5000万-2亿).
func moneyRangeKeys(lo, hi float64) []string {
	var keys []string
	for i, r := range moneyRanges {
		// the first bucket has no lower bound: 100万以下 holds a loss too
		if (i == 0 || hi >= r.Min) && (r.Max == 0 || lo < r.Max) {
			keys = append(keys, r.Key)
		}
	}
	return keys
}

// rankTerm is a rank as a fixed-width keyword: it sorts and ranges like the
// number, and costs one term where a bleve number costs sixteen.
func rankTerm(rank int) string { return fmt.Sprintf("%010d", rank) }

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// newMapping builds the index mapping for bullets with metrics of kinds,
// whose text is segmented with the embedded dictionaries and words.
// Nothing goes into the _all field; only sort fields keep doc values.
func newMapping(kinds, countUnits, words []string, spans int) (*mapping.IndexMappingImpl, error) {
	text := mapping.NewTextFieldMapping()
	text.Analyzer = textAnalyzer
	text.Store = false
	text.IncludeTermVectors = true
	text.IncludeInAll = false
	text.DocValues = false

	chars := mapping.NewTextFieldMapping()
	chars.Analyzer = analyzer.CharsName
	chars.Store = false
	chars.IncludeTermVectors = true
	chars.IncludeInAll = false
	chars.DocValues = false

	stored := mapping.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeTermVectors = false
	stored.IncludeInAll = false
	stored.DocValues = false

	keywordField := func(docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	number := func() *mapping.FieldMapping {
		f := mapping.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}

	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, text)
	dm.AddFieldMappingsAt(fieldChars, chars)
	dm.AddFieldMappingsAt(fieldDoc, stored)
	dm.AddFieldMappingsAt(fieldReport, keywordField(false))
	dm.AddFieldMappingsAt(fieldSection, keywordField(false))
	dm.AddFieldMappingsAt(fieldKind, keywordField(false))
	dm.AddFieldMappingsAt(fieldUnit, keywordField(false))
	dm.AddFieldMappingsAt(fieldMRange, keywordField(false))
	dm.AddFieldMappingsAt(fieldRank, keywordField(true))
	figureFields := slices.Clone(kinds)
	for _, u := range countUnits {
		figureFields = append(figureFields, countField(u))
	}
	filterNumber := func() *mapping.FieldMapping {
		n := number()
		n.DocValues = false // only value_ is sorted on
		return n
	}
	for _, f := range append(figureFields, writtenField) {
		if f != writtenField {
			dm.AddFieldMappingsAt(valuePrefix+f, number())
		}
		dm.AddFieldMappingsAt(atPrefix+f, filterNumber())
		for k := range spans {
			lo, hi := spanFields(k, f)
			dm.AddFieldMappingsAt(lo, filterNumber())
			dm.AddFieldMappingsAt(hi, filterNumber())
		}
	}

	// no _all composite field: every query names its field
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())

	im := mapping.NewIndexMapping()
	if words == nil {
		words = []string{}
	}
	if err := im.AddCustomTokenizer(textTokenizer, map[string]interface{}{
		"type":               analyzer.TokenizerName,
		analyzer.WordsConfig: words,
	}); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	for name, typ := range map[string]string{textAnalyzer: markedAnalyzerType, queryAnalyzer: analyzer.QueryName} {
		if err := im.AddCustomAnalyzer(name, map[string]interface{}{
			"type":                   typ,
			analyzer.TokenizerConfig: textTokenizer,
		}); err != nil {
			return nil, fmt.Errorf("index mapping: %w", err)
		}
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = keyword.Name
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.ScoringModel = bleveindex.BM25Scoring
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	return im, nil
}

// meta is what an index keeps about its reports besides the bullets, in
// bleve's internal store, so an on-disk index needs no corpus.
type meta struct {
	Version  int           `json:"version"`
	Reports  []string      `json:"reports"`
	Sections []SectionInfo `json:"sections"` // every report's, report order, keys unique
	// ReportInfo describes each report of Reports, in the same order.
	ReportInfo []ReportInfo `json:"report_info"`
	Kinds      []string     `json:"kinds"`    // metric kinds present, sorted
	Counters   []string     `json:"counters"` // base units of counts present, sorted
	Spans      int          `json:"spans"`    // the most figures with a span (figureSpan) of one figure field in one bullet, at most maxSpanSlots
	Docs       int          `json:"docs"`
	// Dictionary is the fingerprint of the dictionary the index was built
	// with (analyzer.Dictionary.Fingerprint: the analyzer's version, its
	// embedded word lists and the words harvested from the reports, which
	// the mapping keeps), Synonyms that of the embedded synonyms
	// (analyzer.Synonyms.Fingerprint). Open refuses an index whose
	// fingerprints are not this program's.
	Dictionary string `json:"dictionary"`
	Synonyms   string `json:"synonyms"`
	// FigureCounts counts the figures of each report's sections by kind.
	FigureCounts []figureCount `json:"figure_counts"`
}

const (
	metaKey     = "reportsearch:meta"
	metaVersion = 11 // 7: at_, loK_, hiK_ figure fields, Spans; 8: the chars field; 9: reports' descriptions, sections by report; 10: figure counts per report, section and kind; 11: passages' see_also
)

// newMeta describes reports; the fingerprints are set by setVocabulary.
func newMeta(reports []*corpus.Report) meta {
	var c metaCounter // stream.go
	for _, r := range reports {
		rc := c.addReport(r)
		for _, b := range r.Bullets {
			c.addBullet(rc, b)
		}
	}
	return c.meta()
}

// setVocabulary records the fingerprints of dict and of the embedded
// synonyms.
func (m *meta) setVocabulary(dict *analyzer.Dictionary) {
	m.Dictionary = dict.Fingerprint()
	m.Synonyms = analyzer.DefaultSynonyms().Fingerprint()
}

// checkVocabulary returns an error if the index was built with another
// vocabulary than dict (the dictionary its mapping makes with this
// program's embedded words) and this program's synonyms.
func (m *meta) checkVocabulary(dict *analyzer.Dictionary) error {
	var differs []string
	if m.Dictionary != dict.Fingerprint() {
		differs = append(differs, "dictionary or analyzer version")
	}
	if m.Synonyms != analyzer.DefaultSynonyms().Fingerprint() {
		differs = append(differs, "synonyms")
	}
	if len(differs) == 0 {
		return nil
	}
	return fmt.Errorf("built with another %s than this program's; its words would be cut differently", strings.Join(differs, " and "))
}

func itoa(i int) string { return strconv.Itoa(i) }
