package index

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/size"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"reportsearch/analyzer"
	"reportsearch/corpus"
)

// docBuilder turns bullets into bleve documents field by field, with the
// options and analyzers of the index mapping: the document bleve's mapping
// would make of bulletDoc's map (TestDocumentsMatchMapping checks they are
// the same), without walking a map by reflection, and with the text field's
// tokens counted in one pass over preallocated memory. The two were about
// 7 % of the CPU of a 1 M build (2 % and 4.7 % in its profile).
type docBuilder struct {
	dict    *analyzer.Dictionary // of the text field's analyzer
	keyword analysis.Analyzer
	opts    map[string]bleveindex.FieldIndexingOptions // by field name
}

func newDocBuilder(im *mapping.IndexMappingImpl) (*docBuilder, error) {
	db := &docBuilder{
		keyword: im.AnalyzerNamed(keyword.Name),
		opts:    map[string]bleveindex.FieldIndexingOptions{},
	}
	if db.keyword == nil {
		return nil, fmt.Errorf("index: analyzer %q is not registered", keyword.Name)
	}
	dict, err := dictionaryOf(im)
	if err != nil {
		return nil, err
	}
	db.dict = dict
	for name, dm := range im.DefaultMapping.Properties {
		if len(dm.Fields) > 0 {
			db.opts[name] = dm.Fields[0].Options()
		}
	}
	return db, nil
}

// option returns the indexing options of field, an error if the mapping
// has no such field (a value kind the mapping was not built for).
func (db *docBuilder) option(field string) (bleveindex.FieldIndexingOptions, error) {
	o, ok := db.opts[field]
	if !ok {
		return 0, fmt.Errorf("index: field %q is not in the mapping", field)
	}
	return o, nil
}

// document returns the document of bullet b at rank.
func (db *docBuilder) document(b corpus.Bullet, rank int) (*document.Document, error) {
	stored, err := encodeStored(b, rank)
	if err != nil {
		return nil, err
	}
	d := document.NewDocument(b.Key())
	d.AddField(&textField{name: fieldText, value: []byte(b.Text), options: db.opts[fieldText], dict: db.dict})
	d.AddField(&textField{name: fieldChars, value: []byte(b.Text), options: db.opts[fieldChars], chars: true})
	d.AddField(document.NewTextFieldCustom(fieldDoc, nil, stored, db.opts[fieldDoc], nil))
	db.keywords(d, fieldReport, b.Report)
	db.keywords(d, fieldSection, sectionKey(b.Report, b.Section.ID))
	db.keywords(d, fieldRank, rankTerm(rank))

	f := figuresOf(b)
	if len(f.kinds) > 0 {
		db.keywordArray(d, fieldKind, f.kinds)
		db.keywordArray(d, fieldUnit, f.units)
	}
	db.keywordArray(d, fieldMRange, f.ranges)
	for _, field := range f.fields {
		o, err := db.option(field)
		if err != nil {
			return nil, err
		}
		for i, v := range f.values[field] {
			d.AddField(document.NewNumericFieldWithIndexingOptions(field, []uint64{uint64(i)}, v, o))
		}
	}
	return d, nil
}

// figures is what a bullet's figures put in its document: the kinds, units
// and money ranges present (a money figure is in every bucket its span
// meets), and the values of each figure field F (a kind, and count_<unit>
// for counts): value_F the normalized values (sort by value), at_F those
// of exact figures, loK_F and hiK_F the ends of the K-th other's span
// (figureSpan: 逾2000件, 近3000, 10-20亿元; spanFields), and the same of
// every figure's value as written in the figure field written.
type figures struct {
	kinds, units, ranges []string
	fields               []string // value fields, in first-seen order
	values               map[string][]float64
}

func figuresOf(b corpus.Bullet) figures {
	f := figures{values: map[string][]float64{}}
	add := func(field string, v float64) {
		if _, ok := f.values[field]; !ok {
			f.fields = append(f.fields, field)
		}
		f.values[field] = append(f.values[field], v)
	}
	spans := map[string]int{} // figures with a span so far, by figure field
	// addSpan adds a figure's span to the filter fields of a figure field.
	addSpan := func(field string, lo, hi float64) {
		if lo == hi {
			add(atPrefix+field, lo)
			return
		}
		loField, hiField := spanFields(min(spans[field], maxSpanSlots-1), field)
		spans[field]++
		add(loField, lo)
		add(hiField, hi)
	}
	for _, m := range b.Metrics {
		if m.Kind == "" {
			continue
		}
		f.kinds = appendUnique(f.kinds, m.Kind)
		if m.Unit != "" {
			f.units = appendUnique(f.units, m.Unit)
		}
		fields := []string{m.Kind}
		if m.Kind == kindCount && m.BaseUnit != "" {
			fields = append(fields, countField(m.BaseUnit))
		}
		lo, hi := figureSpan(m)
		wlo, whi := writtenSpan(m)
		for _, field := range fields {
			add(valuePrefix+field, m.Normalized)
			addSpan(field, lo, hi)
		}
		addSpan(writtenField, wlo, whi)
		if m.Kind == kindMoney {
			for _, key := range moneyRangeKeys(lo, hi) {
				f.ranges = appendUnique(f.ranges, key)
			}
		}
	}
	return f
}

// keywords adds one keyword value of field.
func (db *docBuilder) keywords(d *document.Document, field, v string) {
	d.AddField(document.NewTextFieldCustom(field, nil, []byte(v), db.opts[field], db.keyword))
}

// keywordArray adds the values of a multi-valued keyword field, each with
// its array position, as the mapping does for a slice.
func (db *docBuilder) keywordArray(d *document.Document, field string, vs []string) {
	for i, v := range vs {
		d.AddField(document.NewTextFieldCustom(field, []uint64{uint64(i)}, []byte(v), db.opts[field], db.keyword))
	}
}

// textField is a bullet's text: bleve's document.TextField for an indexed,
// unstored field with term vectors analysed by textAnalyzer, with the
// analyzer's tokens taken one by one (analyzer.Dictionary.IndexTokens) and
// counted by tokenFrequencies; with chars set, analysed by charsAnalyzer
// (analyzer.CharTokens) instead.
type textField struct {
	name    string
	dict    *analyzer.Dictionary
	chars   bool
	value   []byte // not changed after the document is made: terms point into it
	options bleveindex.FieldIndexingOptions
	length  int
	freqs   bleveindex.TokenFrequencies
	fsize   int // freqs.Size(), counted as they are made
}

var _ document.Field = (*textField)(nil)

func (f *textField) Name() string                                          { return f.name }
func (f *textField) ArrayPositions() []uint64                              { return nil }
func (f *textField) Options() bleveindex.FieldIndexingOptions              { return f.options }
func (f *textField) Value() []byte                                         { return f.value }
func (f *textField) NumPlainTextBytes() uint64                             { return uint64(len(f.value)) }
func (f *textField) EncodedFieldType() byte                                { return 't' }
func (f *textField) AnalyzedLength() int                                   { return f.length }
func (f *textField) AnalyzedTokenFrequencies() bleveindex.TokenFrequencies { return f.freqs }

func (f *textField) Size() int {
	return int(unsafe.Sizeof(*f)) + len(f.name) + len(f.value) + f.fsize + size.SizeOfPtr
}

// token is one token of a text field.
type token struct {
	term            []byte
	start, end, pos int
}

// tokenBufs keeps the token lists of analysed fields for the next.
var tokenBufs = sync.Pool{New: func() any { return new([]token) }}

// Analyze makes the tokens markedAnalyzer makes: a sub-word (a token at
// the position of the one before it) is marked with subMark.
func (f *textField) Analyze() {
	buf := tokenBufs.Get().(*[]token)
	toks := (*buf)[:0]
	last := -1
	if f.chars {
		analyzer.CharTokens(f.value, func(term []byte, start, end, pos int) {
			toks = append(toks, token{term, start, end, pos})
		})
	} else {
		f.dict.IndexTokens(f.value, func(term []byte, start, end, pos int) {
			if pos == last {
				term = append([]byte(subMark), term...)
			}
			last = pos
			toks = append(toks, token{term, start, end, pos})
		})
	}
	f.length = len(toks)
	f.freqs, f.fsize = tokenFrequencies(toks)
	clear(toks) // keep no terms alive
	*buf = toks[:0]
	tokenBufs.Put(buf)
}

// tokenFrequencies is analysis.TokenFrequency for a field with term vectors
// and no array positions, in a handful of allocations per field instead of
// three per distinct term: the counts, locations and their pointers are
// carved from slices sized by the token count, and the map keys share the
// terms' bytes (terms are never changed once analysed). It also returns
// their Size, which bleve asks for once per document: counted here, it
// needs no second walk over every location.
func tokenFrequencies(tokens []token) (bleveindex.TokenFrequencies, int) {
	rv := make(bleveindex.TokenFrequencies, len(tokens))
	if len(tokens) == 0 {
		return rv, freqsStaticSize
	}
	tfs := make([]bleveindex.TokenFreq, 0, len(tokens)) // never grows: pointers into it stay valid
	of := make([]*bleveindex.TokenFreq, len(tokens))    // token i's entry in tfs
	for i, t := range tokens {
		key := unsafe.String(unsafe.SliceData(t.term), len(t.term))
		tf, ok := rv[key]
		if !ok {
			tfs = append(tfs, bleveindex.TokenFreq{Term: t.term})
			tf = &tfs[len(tfs)-1]
			rv[key] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
		of[i] = tf
	}
	locs := make([]bleveindex.TokenLocation, len(tokens))
	ptrs := make([]*bleveindex.TokenLocation, len(tokens))
	off := 0
	for i := range tfs {
		n := tfs[i].Frequency()
		tfs[i].Locations = ptrs[off : off : off+n]
		off += n
	}
	for i, t := range tokens {
		locs[i] = bleveindex.TokenLocation{Start: t.start, End: t.end, Position: t.pos}
		of[i].Locations = append(of[i].Locations, &locs[i])
	}
	n := freqsStaticSize + len(tokens)*locStaticSize
	for i := range tfs {
		// the map entry (key and pointer), the key's bytes, the entry's term
		n += size.SizeOfString + size.SizeOfPtr + freqStaticSize + 2*len(tfs[i].Term)
	}
	return rv, n
}

// The sizes bleve_index_api counts for a TokenFrequencies map, one of its
// TokenFreq and one TokenLocation without array positions.
var (
	freqsStaticSize = int(unsafe.Sizeof(bleveindex.TokenFrequencies(nil)))
	freqStaticSize  = int(unsafe.Sizeof(bleveindex.TokenFreq{}))
	locStaticSize   = int(unsafe.Sizeof(bleveindex.TokenLocation{}))
)
