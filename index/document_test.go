package index

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"reportsearch/corpus"
)

// bulletDoc is the reference docBuilder is tested against: the bullet as
// a map, which bleve's mapping turns into a document (the map the index
// was built from before docBuilder).
func bulletDoc(b corpus.Bullet, rank int) (map[string]interface{}, error) {
	stored, err := encodeStored(b, rank)
	if err != nil {
		return nil, err
	}
	d := map[string]interface{}{
		fieldText:    b.Text,
		fieldChars:   b.Text,
		fieldDoc:     string(stored),
		fieldReport:  b.Report,
		fieldSection: b.Report + ":" + b.Section.ID, // the section key
		fieldRank:    rankTerm(rank),
	}
	// The figure fields, written out from the corpus figures without
	// figuresOf (the code under test): each kind and unit once, in the
	// order of the figures; every normalized value under its kind, and a
	// count's also under its counter word; money in its range.
	var kinds, units, ranges []string
	values := map[string][]float64{}
	spans := map[string]int{}
	for _, m := range b.Metrics {
		if m.Kind == "" {
			continue
		}
		if !slices.Contains(kinds, m.Kind) {
			kinds = append(kinds, m.Kind)
		}
		if m.Unit != "" && !slices.Contains(units, m.Unit) {
			units = append(units, m.Unit)
		}
		// figureSpan is tested on its own (TestFigureSpan)
		lo, hi := figureSpan(m)
		fields := []string{m.Kind}
		if m.Kind == corpus.KindCount && m.BaseUnit != "" {
			fields = append(fields, "count_"+m.BaseUnit)
		}
		for _, f := range fields {
			values["value_"+f] = append(values["value_"+f], m.Normalized)
			if lo == hi {
				values["at_"+f] = append(values["at_"+f], lo)
				continue
			}
			// the k-th span of the field, the last pair shared
			k := strconv.Itoa(min(spans[f], maxSpanSlots-1))
			spans[f]++
			values["lo"+k+"_"+f] = append(values["lo"+k+"_"+f], lo)
			values["hi"+k+"_"+f] = append(values["hi"+k+"_"+f], hi)
		}
		// the value as written, any kind (writtenSpan is tested on its own)
		if wlo, whi := writtenSpan(m); wlo == whi {
			values["at_written"] = append(values["at_written"], wlo)
		} else {
			k := strconv.Itoa(min(spans["written"], maxSpanSlots-1))
			spans["written"]++
			values["lo"+k+"_written"] = append(values["lo"+k+"_written"], wlo)
			values["hi"+k+"_written"] = append(values["hi"+k+"_written"], whi)
		}
		if m.Kind == corpus.KindMoney {
			// every bucket [min, max) the span meets
			for _, r := range []struct {
				key      string
				min, max float64
			}{{"lt1m", math.Inf(-1), 1e6}, {"1m-10m", 1e6, 1e7}, {"10m-100m", 1e7, 1e8}, {"ge100m", 1e8, math.Inf(1)}} {
				if hi >= r.min && lo < r.max && !slices.Contains(ranges, r.key) {
					ranges = append(ranges, r.key)
				}
			}
		}
	}
	if len(kinds) > 0 {
		d["kind"] = kinds
		d["unit"] = units
	}
	if len(ranges) > 0 {
		d["mrange"] = ranges
	}
	for field, v := range values {
		d[field] = v
	}
	return d, nil
}

// TestDocumentsMatchMapping checks that docBuilder makes, for every bullet
// of the report and for bullets with every kind of figure, the document
// bleve's mapping makes of bulletDoc: the same fields, options and values,
// and after analysis the same token counts and locations.
func TestDocumentsMatchMapping(t *testing.T) {
	rep, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	extra := []string{
		"",
		"全年实现税收37.55亿元，同比增长28.5%，提高2.1个百分点，新增企业50家、1200人次，建成绿地3.2万平方米、道路1.5公里，历时12天。",
		"华漕华漕华漕：華漕鎮ＡＢＣ abc ABC 100万元 100万元 2000万元 1亿元以上 超过10亿 约50家",
		"高新技术企业高新技术企业，技术技术技术。“前湾”《华漕镇》 3个月 8吨 500立方米",
		"\u00a0 \t 。，、",
	}
	bullets := append([]corpus.Bullet(nil), rep.Bullets...)
	for i, text := range extra {
		bullets = append(bullets, corpus.Bullet{
			ID: fmt.Sprintf("99-%02d", i+1), Report: rep.ID, Section: corpus.Section{ID: "99", Title: "测试"},
			Text: text, Order: len(bullets), Metrics: corpus.ExtractMetrics(text),
		})
	}
	im, db := builderFor(t, &corpus.Report{ID: rep.ID, Sections: rep.Sections, Bullets: bullets})
	kinds := map[string]bool{}
	for i, b := range bullets {
		for _, mt := range b.Metrics {
			kinds[mt.Kind] = true
		}
		compareDocuments(t, im, db, b, i)
	}
	for _, k := range []string{corpus.KindMoney, corpus.KindPercent, corpus.KindPoints, corpus.KindCount,
		corpus.KindArea, corpus.KindLength, corpus.KindDuration, corpus.KindWeight, corpus.KindVolume} {
		if !kinds[k] {
			t.Errorf("no bullet has a figure of kind %s", k)
		}
	}
}

// builderFor returns the mapping of an index of r and its docBuilder.
func builderFor(t *testing.T, r *corpus.Report) (*mapping.IndexMappingImpl, *docBuilder) {
	t.Helper()
	reports := []*corpus.Report{r}
	_, im, err := prepare(reports)
	if err != nil {
		t.Fatal(err)
	}
	db, err := newDocBuilder(im)
	if err != nil {
		t.Fatal(err)
	}
	return im, db
}

// compareDocuments checks db's document of bullet b against the mapping's.
func compareDocuments(t *testing.T, im *mapping.IndexMappingImpl, db *docBuilder, b corpus.Bullet, i int) {
	t.Helper()
	data, err := bulletDoc(b, i)
	if err != nil {
		t.Fatal(err)
	}
	want := document.NewDocument(b.Key())
	if err := im.MapDocument(want, data); err != nil {
		t.Fatal(err)
	}
	got, err := db.document(b, i)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID() != want.ID() {
		t.Fatalf("%s: id %q, want %q", b.Key(), got.ID(), want.ID())
	}
	wf, gf := analyzedFields(want), analyzedFields(got)
	if len(gf) != len(wf) {
		t.Errorf("%s: %d fields, want %d", b.Key(), len(gf), len(wf))
	}
	for k, w := range wf {
		g, ok := gf[k]
		if !ok {
			t.Errorf("%s: field %s missing", b.Key(), k)
			continue
		}
		if g.Options() != w.Options() || string(g.Value()) != string(w.Value()) || g.EncodedFieldType() != w.EncodedFieldType() ||
			g.AnalyzedLength() != w.AnalyzedLength() || g.NumPlainTextBytes() != w.NumPlainTextBytes() {
			t.Errorf("%s: field %s: got options %v value %q type %c length %d, want %v %q %c %d", b.Key(), k,
				g.Options(), g.Value(), g.EncodedFieldType(), g.AnalyzedLength(),
				w.Options(), w.Value(), w.EncodedFieldType(), w.AnalyzedLength())
		}
		if tf, ok := g.(*textField); ok && tf.fsize != tf.freqs.Size() {
			t.Errorf("%s: field %s: size of token frequencies counted %d, is %d", b.Key(), k, tf.fsize, tf.freqs.Size())
		}
		if !sameFreqs(g.AnalyzedTokenFrequencies(), w.AnalyzedTokenFrequencies()) {
			t.Errorf("%s: field %s: token frequencies differ:\n got %s\nwant %s", b.Key(), k,
				freqString(g.AnalyzedTokenFrequencies()), freqString(w.AnalyzedTokenFrequencies()))
		}
	}
}

// FuzzDocument compares docBuilder's document with the mapping's for
// arbitrary bullet texts, with the figures the corpus finds in them.
func FuzzDocument(f *testing.F) {
	for _, s := range []string{"", "華漕ＹＵＥ 37.55亿元、28.5%", "高新技术企业高新技术企业", "\xff\xfe中 abc ABC", "约50家、3.2万平方米"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		b := corpus.Bullet{ID: "01-01", Report: "r", Section: corpus.Section{ID: "01", Title: "一"}, Text: text, Metrics: corpus.ExtractMetrics(text)}
		im, db := builderFor(t, &corpus.Report{ID: "r", Bullets: []corpus.Bullet{b}})
		compareDocuments(t, im, db, b, 0)
	})
}

// analyzedFields returns a document's fields by name and array positions,
// each analyzed as scorch does before indexing.
func analyzedFields(d *document.Document) map[string]bleveindex.Field {
	out := map[string]bleveindex.Field{}
	d.VisitFields(func(f bleveindex.Field) {
		if f.Options().IsIndexed() {
			f.Analyze()
		}
		out[fmt.Sprint(f.Name(), f.ArrayPositions())] = f
	})
	return out
}

// sameFreqs reports whether two fields' token counts are the same: terms,
// frequencies, and locations in order (a nil and an empty list of array
// positions are the same to the index).
func sameFreqs(a, b bleveindex.TokenFrequencies) bool {
	if len(a) != len(b) {
		return false
	}
	for term, x := range a {
		y, ok := b[term]
		if !ok || string(x.Term) != string(y.Term) || x.Frequency() != y.Frequency() || len(x.Locations) != len(y.Locations) {
			return false
		}
		for i, l := range x.Locations {
			m := y.Locations[i]
			if l.Field != m.Field || l.Start != m.Start || l.End != m.End || l.Position != m.Position ||
				!slices.Equal(l.ArrayPositions, m.ArrayPositions) {
				return false
			}
		}
	}
	return true
}

func freqString(tf bleveindex.TokenFrequencies) string {
	var b strings.Builder
	for term, f := range tf {
		fmt.Fprintf(&b, "%q×%d", term, f.Frequency())
		for _, l := range f.Locations {
			fmt.Fprintf(&b, "@%d[%d:%d]%v", l.Position, l.Start, l.End, l.ArrayPositions)
		}
		b.WriteString(" ")
	}
	return b.String()
}
