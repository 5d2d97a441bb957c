package index

import (
	"context"
	"math"
	"slices"
	"unicode"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"reportsearch/analyzer"
)

// Ranking weights. Bleve ignores the boost of compound queries, so every
// weight lands on a leaf (term or phrase) query. The tiers (tiers.go) put
// hits with the typed words above those with related words for them; within
// a tier a word inside a longer word scores a little below the word alone,
// and a related word below it, yet enough that among partial matches a rare
// word's synonym (老旧小区 → 加装电梯) can count for more than a common word
// typed (改造).
const (
	subBoost        = 0.8    // a word inside a longer word (subMark) is a real match, a little below the word alone
	charsBoost      = 1.0    // text matched in the character field
	synonymBoost    = 0.3    // a related word (synonym, abbreviation): the tiers keep it below the typed one
	partBoost       = 0.005  // a part of a typed word standing for all of it
	relatedSubBoost = 0.5    // a related word inside a longer word, times synonymBoost
	phraseBoost     = 1.0    // a quoted phrase, on top of its terms
	proxBoost       = 1.5    // all typed words adjacent, in order
	filterBoost     = 1e-6   // filters should not change the ranking
	maxSynonyms     = 8      // synonyms used per term of a word
	maxTokens       = 64     // tokens per query after analysis
	minInf          = -1e300 // unbounded numeric range ends
	maxInf          = 1e300
)

// plan is a request turned into bleve queries. Section and kind filters are
// not in them: the collector applies those (see collectState).
type plan struct {
	// main has every unit (the word itself or a related one), the
	// required units and the filters; tiered has any unit instead, for
	// when few hits have them all (nil when that would not differ).
	main, tiered query.Query
	scoring      bool // words or phrases rank the hits (else report order)
	figures      []figureFilter
	bounds       []figureFilter // Request.Min and Max, per kind (boundFilters)
	units        []unit
	tiers        *tiers // which units a hit has; nil when there is nothing to tell
}

// analyze returns the query-side terms of text, grouped by position.
func (ix *Index) analyze(text string) [][]string {
	if ix.queryAnalyzer == nil {
		return nil
	}
	ts := ix.queryAnalyzer.Analyze([]byte(text))
	var out [][]string
	last := math.MinInt
	for _, t := range ts {
		if len(t.Term) == 0 {
			continue
		}
		if t.Position == last && len(out) > 0 {
			out[len(out)-1] = append(out[len(out)-1], string(t.Term))
			continue
		}
		last = t.Position
		out = append(out, []string{string(t.Term)})
	}
	return out
}

func termQuery(field, term string, boost float64) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func disjunction(min float64, qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	d := query.NewDisjunctionQuery(qs)
	d.SetMin(min)
	return d
}

func conjunction(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// termClause matches one analyzed term, whole words scoring above sub-words.
func termClause(t string, boost float64) query.Query {
	return disjunction(1,
		termQuery(fieldText, t, boost),
		termQuery(fieldText, subMark+t, boost*subBoost))
}

// tokensClause matches the terms of one typed word: all of them, adjacent
// ones scoring higher.
func tokensClause(toks [][]string, boost float64) query.Query {
	if len(toks) == 0 {
		return nil
	}
	var must []query.Query
	for _, alts := range toks {
		var qs []query.Query
		for _, t := range alts {
			qs = append(qs, termClause(t, boost))
		}
		must = append(must, disjunction(1, qs...))
	}
	if len(toks) == 1 {
		return must[0]
	}
	b := query.NewBooleanQuery(must, []query.Query{phraseQuery(toks, boost*phraseBoost)}, nil)
	return b
}

func phraseQuery(toks [][]string, boost float64) query.Query {
	return newPhrase(toks, fieldText, boost) // phrase.go
}

// isHanWord reports whether w is 2 to 8 Han characters: only such a prefix is
// worth expanding (a Latin or digit prefix like 12 could expand to thousands
// of terms).
func isHanWord(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 8
}

// subWords returns the dictionary words inside a one-word query term.
func (ix *Index) subWords(word string) []string {
	var out []string
	for _, t := range ix.dict.Analyze(word, false) {
		if t.Type == "subword" && !contains(out, t.Term) {
			out = append(out, t.Term)
		}
	}
	return out
}

func rangeQuery(field string, lo, hi float64, loIncl, hiIncl bool) query.Query {
	q := query.NewNumericRangeInclusiveQuery(&lo, &hi, &loIncl, &hiIncl)
	q.SetField(field)
	q.SetBoost(filterBoost)
	return q
}

// plan builds the bleve queries for a parsed query and the request's
// figure and report filters.
//
// The typed words become units (see Index.units); each unit matches as
// itself (exact: its term in the word field, whole or inside a longer word;
// or its text in the character field) or through a related word (its
// synonyms and those of the typed word it came from, its parts, longer
// words it begins, abbreviations and full forms, see related.go). main asks
// for every unit, tiered for any; the collector ranks hits by how many
// units they have themselves, then by how many they have at all (tiers).
func (ix *Index) plan(pq parsedQuery, req Request) (*plan, error) {
	p := &plan{figures: pq.Figures, bounds: ix.boundFilters(req)}
	b := newTierBuilder()
	var units []unit
	for g, w := range pq.Words {
		us := ix.units(w, g)
		for i := range us {
			us[i].Required = pq.Plus[g]
		}
		units = append(units, us...)
	}
	for i, ph := range pq.Phrases {
		units = append(units, unit{Text: ph, Kind: unitPhrase, Required: true, group: len(pq.Words) + i})
	}
	nTok := 0
	for _, u := range units {
		if u.Kind == unitWord {
			nTok++
		} else {
			nTok += len(analyzer.CharsPhrase(u.Text))
		}
	}
	if nTok > maxTokens {
		return nil, &QueryError{Param: "q", Message: "query has too many terms"}
	}
	var optional, required []query.Query
	var flat [][]string // the word units' terms in typed order, for proximity
	allWords := true
	for i, u := range units {
		q := ix.unitClause(b, i, u, units)
		if q == nil {
			continue
		}
		if u.Kind == unitWord {
			q = ix.withReportScope(u.Term, q) // 黑龙江 also matches the 黑龙江省 report (scope.go)
		}
		p.units = append(p.units, u)
		if u.Required {
			required = append(required, q)
		} else {
			optional = append(optional, q)
		}
		if u.Kind == unitWord {
			flat = append(flat, []string{u.Term})
		} else {
			allWords = false
		}
	}
	var filters []query.Query
	for _, f := range pq.Figures {
		filters = append(filters, ix.figureQuery(f))
	}
	if q := ix.boundQuery(req); q != nil {
		filters = append(filters, q)
	}
	var not []query.Query
	for _, x := range pq.Excluded {
		toks := ix.analyze(x)
		nTok += len(toks)
		if nTok > maxTokens {
			return nil, &QueryError{Param: "q", Message: "query has too many terms"}
		}
		if q := tokensClause(toks, 1); q != nil {
			not = append(not, q)
		}
	}
	p.scoring = len(optional)+len(required) > 0
	compounds := ix.compounds(b, p.units)

	// build ANDs words and the other clauses (phrases, figure filters);
	// any is optional, to score.
	build := func(words, others []query.Query, any ...query.Query) query.Query {
		must := append(append([]query.Query{}, words...), others...)
		if len(words) > 1 && len(must) < maxLed && ix.leads() {
			// of the words only: a phrase checks positions and a range
			// reads many terms, which would cost more than they save
			must = append([]query.Query{candidates{conjunction(words...)}}, must...)
		}
		should := append(slices.Clone(compounds), any...)
		if len(flat) > 1 && allWords {
			should = append(should, phraseQuery(flat, proxBoost))
		}
		if len(must) == 0 {
			must = []query.Query{query.NewMatchAllQuery()}
		}
		if len(should) == 0 && len(not) == 0 {
			return conjunction(must...)
		}
		return query.NewBooleanQuery(must, should, not)
	}
	if !p.scoring && len(pq.Figures) == 0 && len(not) == 0 && !pq.empty() {
		// every part analyzed away: operators, quotes, punctuation
		return nil, errNothingToSearch()
	}
	p.main = build(optional, append(required, filters...))
	switch {
	case len(optional) > 0 && len(required) > 0:
		// the required units alone make a hit of the last tier
		p.tiered = build(nil, append(required, filters...), disjunction(1, optional...))
	case len(optional) > 1:
		p.tiered = build([]query.Query{disjunction(1, optional...)}, append(required, filters...))
	}
	if p.scoring {
		p.tiers = b.done(p.units)
	}

	return p, nil
}

// maxCompound is the most word units compounds joins.
const maxCompound = 4

// compounds returns, for runs of two to maxCompound word units in a row
// that make one word of the dictionary (国际 社区 → 国际社区), that word,
// to rank higher: in the index the compound stands at one position with
// its words inside it, where the proximity phrase cannot see them
// adjacent.
func (ix *Index) compounds(b *tierBuilder, units []unit) []query.Query {
	var out []query.Query
	for i := range units {
		term := units[i].Term
		for j := i + 1; j < len(units) && j-i < maxCompound; j++ {
			if units[i].Kind != unitWord || units[j].Kind != unitWord || units[j-1].Kind != unitWord {
				break
			}
			term += units[j].Term
			if allHan(term) && ix.dict.Has(term) {
				out = append(out, termClause(term, proxBoost))
				b.togetherWord(term, subMark+term)
			}
		}
	}
	return out
}

// unitClause returns the query of unit i, exact or related, and records its
// terms in b. nil when the unit has nothing to search for.
func (ix *Index) unitClause(b *tierBuilder, i int, u unit, units []unit) query.Query {
	bit := len(b.units)
	var exact query.Query
	switch {
	case u.Kind == unitWord:
		exact = termClause(u.Term, 1)
		b.exactWord(bit, u.Term, subMark+u.Term)
	case u.Kind == unitChars || hasHan(u.Text):
		text := u.Text
		if u.Kind == unitPhrase {
			text = stripSpaceBetweenHan(text)
		}
		terms := analyzer.CharsPhrase(text)
		if len(terms) == 0 {
			return nil
		}
		exact = charsQuery(terms, charsBoost)
		if u.Kind == unitPhrase {
			exact = charsQuery(terms, charsBoost+phraseBoost)
		}
		b.exactChars(bit, terms...)
	default: // a phrase without Han characters: its words in a row
		toks := ix.analyze(u.Text)
		if len(toks) == 0 {
			return nil
		}
		var terms []string
		for _, alts := range toks {
			terms = append(terms, alts...)
		}
		b.exactWord(bit, terms...)
		if len(toks) == 1 {
			exact = termClause(toks[0][0], 1+phraseBoost)
			b.exactWord(bit, subMark+toks[0][0])
		} else {
			exact = phraseQuery(toks, 1+phraseBoost)
		}
	}
	b.units = append(b.units, u)
	if u.Kind == unitPhrase {
		return exact // a phrase is what was typed, nothing wider
	}
	rel := ix.relatedClauses(b, bit, u, units)
	if len(rel) == 0 {
		return exact
	}
	// Always two branches, so bleve's coordination factor treats an
	// exact-only and a related-only match alike.
	return disjunction(1, exact, disjunction(1, rel...))
}

// charsQuery finds terms (analyzer.CharsPhrase) in the character field.
func charsQuery(terms []string, boost float64) query.Query {
	if len(terms) == 1 {
		return termQuery(fieldChars, terms[0], boost)
	}
	toks := make([][]string, len(terms))
	for i, t := range terms {
		toks[i] = []string{t}
	}
	return newPhrase(toks, fieldChars, boost) // phrase.go
}

// relatedClauses returns the queries of the words related to unit u (bit
// in b): synonyms of its term and of the words it is part of, the parts of
// a compound, and abbreviations or full forms (related.go). A longer word
// a unit begins (闵北 → 闵北路) is no related word: the index has the unit
// inside it as a sub-word when the dictionary cuts it so, and expanding
// the prefix over the terms of a large index costs more than the rest of
// the search (11 % of the CPU of the 1 M query log).
func (ix *Index) relatedClauses(b *tierBuilder, bit int, u unit, units []unit) []query.Query {
	var out []query.Query
	seen := map[string]bool{u.Text: true, u.Term: true}
	word := func(s string, boost float64) {
		if seen[s] {
			return
		}
		seen[s] = true
		toks := ix.analyze(s)
		switch {
		case len(toks) == 1:
			// inside a longer word a related word often means something
			// else (卫生 in 爱国卫生, 教育 in 主题教育): it ranks lower there
			t := toks[0][0]
			out = append(out, disjunction(1,
				termQuery(fieldText, t, boost),
				termQuery(fieldText, subMark+t, boost*relatedSubBoost)))
			b.relatedWord(bit, t, subMark+t)
		case len(toks) > 1:
			// a related word of several words only counts as a phrase:
			// 为老 is not 为 … 老
			out = append(out, phraseQuery(toks, boost))
			for _, alts := range toks {
				b.relatedWord(bit, alts...)
			}
		}
	}
	synonyms := func(t string) {
		n := 0 // each term gets its share: 老人 must not crowd out 吃饭
		for _, s := range ix.synonymsOf(t) {
			if n >= maxSynonyms {
				break
			}
			if !seen[s] {
				word(s, synonymBoost)
				n++
			}
		}
	}
	key := u.Term
	if key == "" {
		key = u.Text
	}
	synonyms(key)
	for _, w := range u.wholes {
		synonyms(w) // 找工作 → 就业, for each of 找工作's units
		for _, a := range ix.abbreviations(w) {
			word(a, synonymBoost)
		}
	}
	abbrevs := ix.abbreviations(key)
	for _, a := range abbrevs {
		word(a, synonymBoost)
	}
	if u.Kind == unitChars && len(abbrevs) == 0 {
		// an abbreviation of a phrase, when no word is its full form:
		// 五经普 → 第五次 经济普查 (高企 is 高新技术企业, not 高质量 企业)
		for _, toks := range ix.fullFormsAcross(key) {
			out = append(out, phraseQuery(toks, synonymBoost))
			for _, alts := range toks {
				b.relatedWord(bit, alts...)
			}
		}
	}
	if u.Kind == unitWord && isHanWord(u.Term) {
		// every part of a compound: 安全隐患 → 安全 … 隐患
		var all []query.Query
		for _, sub := range ix.subWords(u.Term) {
			if !isBareNumber(sub) {
				all = append(all, termClause(sub, partBoost))
				b.relatedWord(bit, sub, subMark+sub)
			}
		}
		if len(all) >= 2 { // one part alone (上海 of 上海市) is not the word
			out = append(out, conjunction(all...))
		}
	}
	return out
}

// synonymsOf returns the synonyms of term, none without a synonym list.
func (ix *Index) synonymsOf(term string) []string {
	if ix.synonyms == nil {
		return nil
	}
	return ix.synonyms(term)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// stripSpaceBetweenHan removes white space between two Han characters: a
// phrase typed "区级 财政" is the text 区级财政.
func stripSpaceBetweenHan(s string) string {
	rs := []rune(s)
	out := rs[:0:0]
	for i, r := range rs {
		if unicode.IsSpace(r) && len(out) > 0 && unicode.Is(unicode.Han, out[len(out)-1]) {
			j := i
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
			if j < len(rs) && unicode.Is(unicode.Han, rs[j]) {
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// candidatesMinDocs: below this many documents the rarest of two common
// words has a few hundred documents, scored faster than a second set of
// term readers opens (100 k: 用户 设置 0.38-0.46 ms p50 without, 0.41-0.51
// with; 1 M: 2.9 without, 2.1-2.8 with).
const candidatesMinDocs = 200_000

// leads reports whether conjunctions of words get candidates.
func (ix *Index) leads() bool {
	min := ix.leadMinDocs
	if min == 0 {
		min = candidatesMinDocs
	}
	return ix.meta.Docs >= min
}

// maxLed bounds the clauses candidates may lead: bleve orders a
// conjunction's clauses with an insertion sort (stable) only up to 12, and
// the scores must add up in the same order with the lead as without it.
const maxLed = 12

// candidates leads a conjunction of several words with the documents
// having them all, found without scoring: bleve ANDs and ORs the words'
// postings bitmaps for that. A conjunction otherwise scores every document
// of its rarest clause (用户 设置 at a million bullets: 4161 documents scored
// for 742 matches); led by the candidates, the scored clauses only visit
// the matches. It matches what the conjunction matches and scores 0, so
// totals, facets and scores stay the same.
type candidates struct{ q query.Query }

func (c candidates) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, _ search.SearcherOptions) (search.Searcher, error) {
	s, err := c.q.Searcher(ctx, r, m, search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	return candidateSearcher{s}, nil
}

// candidateSearcher is an unscored searcher that a conjunction puts first
// (Count 0) and that adds nothing to the score (Weight 0, Score 0).
type candidateSearcher struct{ search.Searcher }

func (s candidateSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return zeroScore(s.Searcher.Next(ctx))
}

func (s candidateSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	return zeroScore(s.Searcher.Advance(ctx, id))
}

func (candidateSearcher) Weight() float64      { return 0 }
func (candidateSearcher) SetQueryNorm(float64) {}
func (candidateSearcher) Count() uint64        { return 0 }

func zeroScore(d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if d != nil {
		d.Score = 0
		d.Expl = nil
	}
	return d, err
}
