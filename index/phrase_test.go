package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"reportsearch/analyzer"
	"reportsearch/corpus"
)

// locationsOf is the term location map of a document whose position i
// (from 1) holds doc[i-1].
func locationsOf(doc []string) search.TermLocationMap {
	tlm := search.TermLocationMap{}
	for i, t := range doc {
		tlm[t] = append(tlm[t], &search.Location{Pos: uint64(i + 1), Start: uint64(i), End: uint64(i + 1)})
	}
	return tlm
}

// naivePhrase lists the positions (from 1) where the phrase begins; "" is
// any term, or none past the end (as in bleve's phrase searcher).
func naivePhrase(doc []string, terms [][]string) []uint64 {
	var out []uint64
	for p := 0; p < len(doc); p++ {
		ok := true
		for i, alts := range terms {
			if slices.Contains(alts, "") {
				continue
			}
			if p+i >= len(doc) || !slices.Contains(alts, doc[p+i]) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, uint64(p+1))
		}
	}
	return out
}

// TestPhraseCheckFindsPhrases compares phraseCheck with a plain scan on
// random documents and phrases over a small alphabet (repeated terms,
// alternatives and wildcards included).
func TestPhraseCheckFindsPhrases(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "c"}
	var c phraseCheck
	for n := 0; n < 2000; n++ {
		doc := make([]string, 1+rng.IntN(40))
		for i := range doc {
			doc[i] = alphabet[rng.IntN(len(alphabet))]
		}
		terms := make([][]string, 2+rng.IntN(4))
		for i := range terms {
			terms[i] = []string{alphabet[rng.IntN(len(alphabet))]}
			switch rng.IntN(8) {
			case 0:
				terms[i] = append(terms[i], alphabet[rng.IntN(len(alphabet))])
			case 1:
				if i > 0 {
					terms[i] = []string{""}
				}
			}
		}
		want := naivePhrase(doc, terms)
		ftls := c.find("f", terms, locationsOf(doc), nil)
		if (len(want) > 0) != (len(ftls) > 0) {
			t.Fatalf("doc %v phrase %v: found %d locations; want starts %v", doc, terms, len(ftls), want)
		}
		// every location reported lies inside an occurrence
		for _, l := range ftls {
			in := false
			for _, p := range want {
				in = in || (l.Location.Pos >= p && l.Location.Pos < p+uint64(len(terms)) && doc[l.Location.Pos-1] == l.Term)
			}
			if !in {
				t.Fatalf("doc %v phrase %v: location %s@%d outside the occurrences %v", doc, terms, l.Term, l.Location.Pos, want)
			}
		}
	}
}

// TestPhraseCheckWorkBounded checks that the work of one document is
// bounded, whatever its length: a document of n identical terms searched
// with a phrase of 59 of them visits at most a constant times the
// locations it considers, and those stop growing at maxPhraseLocations.
func TestPhraseCheckWorkBounded(t *testing.T) {
	terms := make([][]string, 59)
	for i := range terms {
		terms[i] = []string{"龘龘"}
	}
	bound := 3 * len(terms) * maxPhraseLocations
	prev := 0
	for _, n := range []int{100, 1000, 4000, 16000, 100000} {
		doc := make([]string, n)
		for i := range doc {
			doc[i] = "龘龘"
		}
		var c phraseCheck
		ftls := c.find("f", terms, locationsOf(doc), nil)
		if len(ftls) == 0 {
			t.Fatalf("n=%d: phrase not found", n)
		}
		if c.steps > bound {
			t.Errorf("n=%d: %d steps; want at most %d", n, c.steps, bound)
		}
		if n > 2*maxPhraseLocations && c.steps > prev && prev >= 2*maxPhraseLocations {
			t.Errorf("n=%d: %d steps, more than %d at the smaller size: the work grows with the document", n, c.steps, prev)
		}
		prev = c.steps
		t.Logf("n=%d: %d steps, %d locations reported", n, c.steps, len(ftls))
	}
}

// BenchmarkLongPassage searches one passage of n 龘 with 60 龘 (one
// document, the parser's cut bypassed): the time per search must stop
// growing once n passes maxPhraseLocations.
func BenchmarkLongPassage(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000, 64000} {
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			sec := corpus.Section{ID: "01", Title: "数字"}
			r := &corpus.Report{ID: "long", Sections: []corpus.Section{sec}, Bullets: []corpus.Bullet{
				{ID: "01-01", Report: "long", Section: sec, Path: []corpus.Section{sec}, Text: strings.Repeat("龘", n) + "。", Lines: []int{3}},
			}}
			ix, err := New(context.Background(), []*corpus.Report{r}, Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer ix.Close()
			req := Request{Query: strings.Repeat("龘", 60)}
			b.ResetTimer()
			for b.Loop() {
				if _, err := ix.Search(context.Background(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPhraseSameAsBleve checks that the phrase query finds the documents
// bleve's multi-phrase query finds, with the same scores, on the embedded
// report: character phrases (text outside the dictionary, quoted phrases)
// and word phrases (proximity, related words of several words).
func TestPhraseSameAsBleve(t *testing.T) {
	ix, _ := reportIndex(t)
	var cases []struct {
		field string
		terms [][]string
	}
	for _, text := range []string{"华漕镇", "企业服务", "营商环境", "生物医药", "镇镇", "高新技术企业", "长三角一体化", "党组织", "的的", "服务包"} {
		var terms [][]string
		for _, t := range analyzer.CharsPhrase(text) {
			terms = append(terms, []string{t})
		}
		cases = append(cases, struct {
			field string
			terms [][]string
		}{fieldChars, terms})
	}
	for _, text := range []string{"营商环境 优化", "重点 企业", "生物 医药 产业", "社区 服务"} {
		var terms [][]string
		for _, w := range strings.Fields(text) {
			for _, alts := range ix.analyze(w) {
				terms = append(terms, alts)
			}
		}
		cases = append(cases, struct {
			field string
			terms [][]string
		}{fieldText, terms})
	}
	found := 0
	for _, c := range cases {
		ours := newPhrase(c.terms, c.field, 1.5)
		theirs := query.NewMultiPhraseQuery(c.terms, c.field)
		theirs.SetBoost(1.5)
		run := func(q query.Query) map[string]float64 {
			sr := bleve.NewSearchRequestOptions(q, 1000, 0, false)
			sr.IncludeLocations = true
			res, err := ix.bi.Search(sr)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]float64{}
			for _, h := range res.Hits {
				out[h.ID] = h.Score
			}
			return out
		}
		got, want := run(ours), run(theirs)
		if len(got) != len(want) {
			t.Errorf("%v in %s: %d hits; bleve's phrase %d", c.terms, c.field, len(got), len(want))
		}
		for id, s := range want {
			if g, ok := got[id]; !ok || !sameScore(g, s) {
				t.Errorf("%v in %s: %s scores %v (found %v); bleve's phrase %v", c.terms, c.field, id, g, ok, s)
			}
		}
		found += len(want)
	}
	if found == 0 {
		t.Error("no phrase found anything")
	}
}

// TestPhraseRepeatedTermsSameAsBleve checks the phrase of one term
// repeated (read once, counted as often) against bleve's phrase searcher.
func TestPhraseRepeatedTermsSameAsBleve(t *testing.T) {
	sec := corpus.Section{ID: "01", Title: "数字"}
	var bullets []corpus.Bullet
	for i, n := range []int{300, 100, 20, 5} {
		bullets = append(bullets, corpus.Bullet{ID: fmt.Sprintf("01-%02d", i+1), Report: "rep", Section: sec, Path: []corpus.Section{sec},
			Text: strings.Repeat("龘", n) + "其他" + strings.Repeat("龘", n/2) + "内容。", Lines: []int{i + 3}, Order: i})
	}
	ix, err := New(context.Background(), []*corpus.Report{{ID: "rep", Sections: []corpus.Section{sec}, Bullets: bullets}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, n := range []int{2, 10, 40, 60} {
		var terms [][]string
		for _, t := range analyzer.CharsPhrase(strings.Repeat("龘", n) + "其") { // one other term after the run
			terms = append(terms, []string{t})
		}
		run := func(q query.Query) map[string]float64 {
			res, err := ix.bi.Search(bleve.NewSearchRequestOptions(q, 100, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]float64{}
			for _, h := range res.Hits {
				out[h.ID] = h.Score
			}
			return out
		}
		theirs := query.NewMultiPhraseQuery(terms, fieldChars)
		theirs.SetBoost(2)
		got, want := run(newPhrase(terms, fieldChars, 2)), run(theirs)
		if len(got) != len(want) || len(want) == 0 {
			t.Errorf("%d×龘 其: %v; bleve's phrase %v", n, got, want)
		}
		for id, s := range want {
			if g, ok := got[id]; !ok || !sameScore(g, s) {
				t.Errorf("%d×龘 其: %s scores %v; bleve's phrase %v", n, id, g, s)
			}
		}
	}
}
