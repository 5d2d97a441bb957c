package index

import (
	"context"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Ranking weights. Bleve ignores the boost of compound queries, so every
// weight lands on a leaf (term or phrase) query. Whole words, sub-words and
// synonyms are tiers an order of magnitude apart: BM25 scores of one term
// spread about that much (idf times length normalization; the report's long
// introduction), and the tests check that no sub-word-only or synonym-only
// bullet outranks one with the word itself.
const (
	subBoost     = 0.05   // a sub-word match (subMark) ranks below a whole-word one
	synonymBoost = 0.005  // a synonym-only match stays below an exact one
	partBoost    = 0.005  // a part of a typed word standing for all of it
	subWordBoost = 0.3    // a part of a typed word, in the partial fallback
	phraseBoost  = 1.0    // the tokens of one typed word, adjacent
	proxBoost    = 1.5    // all typed words adjacent, in order
	filterBoost  = 1e-6   // filters should not change the ranking
	maxSynonyms  = 8      // synonyms used per term of a word
	maxTokens    = 64     // tokens per query after analysis
	minInf       = -1e300 // unbounded numeric range ends
	maxInf       = 1e300
)

// plan is a request turned into bleve queries. Section and kind filters are
// not in them: the collector applies those (see collectState).
type plan struct {
	main     query.Query
	fallback query.Query // any word instead of all, nil when that would not differ
	scoring  bool        // words or phrases rank the hits (else report order)
	figures  []figureFilter
	nTerms   int
	// typed holds the terms of the typed words and phrases, whole
	// (上海) and as sub-words (subMark+上海): their matches are SpanTyped.
	typed map[string]bool
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
	q := query.NewMultiPhraseQuery(toks, fieldText)
	q.SetBoost(boost)
	return q
}

// wordClause matches a typed word or its synonyms; synonyms score far less.
func (ix *Index) wordClause(word string, toks [][]string, withSynonyms bool) query.Query {
	if len(toks) == 0 {
		return nil
	}
	if !withSynonyms || ix.synonyms == nil {
		return tokensClause(toks, 1)
	}
	terms := []string{word}
	var parts []string
	var all []query.Query // every part of a one-token word: 安全隐患 → 安全 … 隐患
	if len(toks) == 1 {
		terms = append(terms, toks[0]...)
		if isHanWord(word) {
			for _, sub := range ix.subWords(word) {
				if !isBareNumber(sub) {
					all = append(all, termClause(sub, partBoost))
				}
			}
		}
		if len(all) < 2 {
			all = nil // one part alone (上海 of 上海市) is not the word
		}
	} else {
		// Everyday words are loose: a synonym of one of the terms (上学 →
		// 教育 in 小孩上学) may stand for the whole word, ranked far below
		// it, and so may one half of a two-word compound (人才 in
		// 人才公寓) unless the word has synonyms of its own (找工作 is 就业,
		// not 工作); a longer run is a passage copied from the text.
		for _, alts := range toks {
			terms = append(terms, alts...)
			if len(toks) == 2 && len(ix.synonyms(word)) == 0 && utf8.RuneCountInString(alts[0]) > 1 {
				parts = append(parts, alts[0])
			}
		}
	}
	var loose []query.Query
	if all != nil {
		loose = append(loose, conjunction(all...))
	}
	return ix.withSynonyms(tokensClause(toks, 1), terms, parts, loose...)
}

// withSynonyms ORs into exact the loose queries, the parts of a word and the
// synonyms of terms and parts, with a low boost.
func (ix *Index) withSynonyms(exact query.Query, terms, parts []string, loose ...query.Query) query.Query {
	seen := map[string]bool{}
	for _, t := range terms {
		seen[t] = true
	}
	for i, t := range parts {
		if !contains(parts[:i], t) && !isBareNumber(t) {
			loose = append(loose, termClause(t, partBoost))
		}
	}
	for _, t := range append(terms, parts...) {
		n := 0 // each term gets its share: 老人 must not crowd out 吃饭
		for _, s := range ix.synonyms(t) {
			if seen[s] || n >= maxSynonyms {
				continue
			}
			seen[s] = true
			n++
			toks := ix.analyze(s)
			switch {
			case len(toks) == 1:
				loose = append(loose, tokensClause(toks, synonymBoost))
			case len(toks) > 1:
				// a synonym of several words only counts as a phrase: 为老 is
				// not 为 … 老
				loose = append(loose, phraseQuery(toks, synonymBoost))
			}
		}
	}
	if len(loose) == 0 {
		return exact
	}
	// Always two branches, so bleve's coordination factor treats an
	// exact-only and a synonym-only match alike.
	return disjunction(1, exact, disjunction(1, loose...))
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

func (f figureFilter) query() query.Query {
	lo, hi := minInf, maxInf
	if f.hasMin {
		lo = f.Min
	}
	if f.hasMax {
		hi = f.Max
	}
	return rangeQuery(f.field(), lo, hi, !f.hasMin || f.MinIncl, !f.hasMax || f.MaxIncl)
}

// plan builds the bleve queries for a parsed query and the request's
// figure and report filters.
func (ix *Index) plan(pq parsedQuery, req Request) (*plan, error) {
	p := &plan{figures: pq.Figures, typed: map[string]bool{}}
	addTyped := func(toks [][]string) {
		for _, alts := range toks {
			for _, t := range alts {
				p.typed[t], p.typed[subMark+t] = true, true
			}
		}
	}
	var clauses []query.Query // scoring: words and phrases
	var flat [][]string       // every word's terms in typed order, for proximity
	var terms []query.Query   // each term alone, for the partial fallback
	nTok := 0
	for _, w := range pq.Words {
		toks := ix.analyze(w)
		nTok += len(toks)
		if nTok > maxTokens {
			return nil, &QueryError{Param: "q", Message: "query has too many terms"}
		}
		q := ix.wordClause(w, toks, true)
		if q == nil {
			continue // punctuation or stop words only
		}
		q = ix.withReportScope(w, q) // 黑龙江 also matches the 黑龙江省 report (scope.go)
		addTyped(toks)
		clauses = append(clauses, q)
		flat = append(flat, toks...)
		terms = append(terms, q)
		if len(toks) == 1 {
			// the fallback may also match a word's parts: 城市更新 → 城市, 更新
			for _, sub := range ix.subWords(w) {
				if isBareNumber(sub) {
					continue // 1亿元 → not the 1 of “1+3+29”
				}
				terms = append(terms, termClause(sub, subWordBoost))
			}
		} else {
			// … or its words, but not single characters of an unknown word
			for _, alts := range toks {
				if utf8.RuneCountInString(alts[0]) > 1 {
					terms = append(terms, ix.wordClause(alts[0], [][]string{alts}, true))
				}
			}
		}
		// … or longer words it begins: 闵北 → 闵北路, 闵北工业区
		if isHanWord(w) {
			pq := query.NewPrefixQuery(w)
			pq.SetField(fieldText)
			pq.SetBoost(subWordBoost)
			terms = append(terms, pq)
		}
	}
	nWords := len(clauses)
	for _, ph := range pq.Phrases {
		toks := ix.analyze(ph)
		nTok += len(toks)
		if nTok > maxTokens {
			return nil, &QueryError{Param: "q", Message: "query has too many terms"}
		}
		if len(toks) == 0 {
			continue
		}
		addTyped(toks)
		q := phraseQuery(toks, 1+phraseBoost)
		if len(toks) == 1 {
			q = termClause(toks[0][0], 1+phraseBoost)
		}
		clauses = append(clauses, q)
		terms = append(terms, q)
	}
	var filters []query.Query
	for _, f := range pq.Figures {
		filters = append(filters, f.query())
	}
	if req.Min != nil || req.Max != nil {
		lo, hi := minInf, maxInf
		if req.Min != nil {
			lo = *req.Min
		}
		if req.Max != nil {
			hi = *req.Max
		}
		kinds := req.Kinds
		if len(kinds) == 0 {
			kinds = ix.meta.Kinds
		}
		var qs []query.Query
		for _, k := range kinds {
			qs = append(qs, rangeQuery(valuePrefix+k, lo, hi, true, true))
		}
		if len(qs) == 0 {
			qs = append(qs, query.NewMatchNoneQuery())
		}
		filters = append(filters, disjunction(1, qs...))
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
	p.scoring = len(clauses) > 0
	p.nTerms = len(terms)

	// build ANDs words and the other clauses (phrases, figure filters).
	build := func(words, others []query.Query) query.Query {
		must := append(append([]query.Query{}, words...), others...)
		if len(words) > 1 && len(must) < maxLed && ix.leads() {
			// of the words only: a phrase checks positions and a range
			// reads many terms, which would cost more than they save
			must = append([]query.Query{candidates{conjunction(words...)}}, must...)
		}
		var should []query.Query
		if len(flat) > 1 && len(pq.Words) > 1 {
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
	if len(clauses) == 0 && len(pq.Figures) == 0 && len(not) == 0 && !pq.empty() {
		// every part analyzed away: operators, quotes, punctuation
		return nil, errNothingToSearch()
	}
	p.main = build(clauses[:nWords], append(clauses[nWords:len(clauses):len(clauses)], filters...))
	if len(terms) > len(clauses) || len(terms) > 1 {
		p.fallback = build([]query.Query{disjunction(1, terms...)}, filters)
	}
	return p, nil
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
