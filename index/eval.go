package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"reportsearch/corpus"
)

// JudgmentKinds are the kinds of query a judgments file may use.
var JudgmentKinds = []string{
	"concept", "place", "figure", "phrase", "multi",
	"everyday", "latin", "pagebreak", "boundary", "filter",
	"question", "long", "nospace", "numeral", "abbrev", "single", "outofscope",
	"cross", "region", "year", "traditional",
}

// CollectionJudgmentKinds are the further kinds of query a judgments file
// over a collection of reports may use (testdata/judgments-reports.json):
// a topic across reports, with a region, for a year, a figure as written,
// a query whose answers are in traditional characters, figures written in
// Chinese numerals. The seed sets need not cover them.
var CollectionJudgmentKinds = []string{"cross", "region", "year", "traditional", "numeral"}

// Judgments is a judged query set resolved against a corpus's bullets.
//
// A judgments file is JSON:
//
//	{"queries": [
//	  {"q": "养老", "kind": "concept",
//	   "relevant": {"银杏社区家门口养老服务点": 2, "社区公共服务发展五年行动计划": 1},
//	   "note": "why these bullets and not others"}
//	]}
//
// q is typed into the search box as a user would (words, "phrases",
// -exclusions, figure filters such as >1亿元). kind is one of JudgmentKinds
// (testdata/README.md says what each measures); it only groups the means. relevant maps a short substring of a bullet's text to its
// grade: 2 = answers the query directly, 1 = related or answers part of it.
// Every bullet not listed is judged not relevant. A query may list no bullet
// at all when the honest answer is that the report has nothing on it.
//
// Bullets are named by substrings rather than ids because ids come from the
// parser and may shift; LoadJudgments resolves each substring to the one
// bullet whose text contains it, after folding full-width ASCII forms to
// ASCII (so ， matches ,) and removing all white space. A substring
// that matches no bullet, or more than one, is an error: lengthen it. Two
// substrings that land on the same bullet (a page break the parser joined)
// give that bullet the higher of their grades.
type Judgments struct {
	Queries []JudgedQuery
	text    map[string]string // bullet key → text, for reports
}

// JudgedQuery is one query and its graded bullets.
type JudgedQuery struct {
	Q        string
	Kind     string
	Note     string
	Relevant map[string]int // bullet key (corpus.Bullet.Key) → grade 1 or 2
}

// judgmentsFile is the JSON form of a judgments file.
type judgmentsFile struct {
	Queries []struct {
		Q        string         `json:"q"`
		Kind     string         `json:"kind"`
		Relevant map[string]int `json:"relevant"`
		Note     string         `json:"note"`
	} `json:"queries"`
}

// LoadJudgments reads a judgments file and resolves its substrings to the
// given bullets. It reports every problem it finds, not only the first.
func LoadJudgments(r io.Reader, bullets []corpus.Bullet) (*Judgments, error) {
	var f judgmentsFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("judgments: %w", err)
	}
	if len(f.Queries) == 0 {
		return nil, errors.New("judgments: no queries")
	}
	if len(bullets) == 0 {
		return nil, errors.New("judgments: no bullets to resolve against")
	}
	folded := make([]string, len(bullets))
	j := &Judgments{text: make(map[string]string, len(bullets))}
	for i, b := range bullets {
		folded[i] = foldForMatch(b.Text)
		j.text[b.Key()] = b.Text
	}
	var errs []error
	seen := make(map[string]bool)
	for n, fq := range f.Queries {
		where := fmt.Sprintf("judgments: query %d (%q)", n+1, fq.Q)
		if strings.TrimSpace(fq.Q) == "" {
			errs = append(errs, fmt.Errorf("judgments: query %d: empty q", n+1))
			continue
		}
		if seen[fq.Q] {
			errs = append(errs, fmt.Errorf("%s: duplicate query", where))
		}
		seen[fq.Q] = true
		if !slices.Contains(JudgmentKinds, fq.Kind) && !slices.Contains(CollectionJudgmentKinds, fq.Kind) {
			errs = append(errs, fmt.Errorf("%s: unknown kind %q (want one of %s)", where, fq.Kind, strings.Join(slices.Concat(JudgmentKinds, CollectionJudgmentKinds), ", ")))
		}
		jq := JudgedQuery{Q: fq.Q, Kind: fq.Kind, Note: fq.Note, Relevant: make(map[string]int)}
		for _, sub := range sortedKeys(fq.Relevant) {
			grade := fq.Relevant[sub]
			if grade != 1 && grade != 2 {
				errs = append(errs, fmt.Errorf("%s: grade %d for %q (want 1 or 2)", where, grade, sub))
				continue
			}
			fs := foldForMatch(sub)
			if fs == "" {
				errs = append(errs, fmt.Errorf("%s: empty substring", where))
				continue
			}
			var found []string
			for i, t := range folded {
				if strings.Contains(t, fs) {
					found = append(found, bullets[i].Key())
				}
			}
			switch len(found) {
			case 0:
				errs = append(errs, fmt.Errorf("%s: substring %q matches no bullet", where, sub))
			case 1:
				if grade > jq.Relevant[found[0]] {
					jq.Relevant[found[0]] = grade
				}
			default:
				errs = append(errs, fmt.Errorf("%s: substring %q matches %d bullets (%s); lengthen it", where, sub, len(found), strings.Join(found, ", ")))
			}
		}
		j.Queries = append(j.Queries, jq)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return j, nil
}

// foldForMatch folds s for substring matching: full-width ASCII forms
// (，（）０-９Ａ-Ｚ) become ASCII and white space is removed.
func foldForMatch(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		}
		return r
	}, s)
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Scores are the measures of one query, or their means.
type Scores struct {
	NDCG   float64 `json:"ndcg"`
	Recall float64 `json:"recall"`
	P5     float64 `json:"p5"`
}

// EvalReport is the result of Evaluate.
type EvalReport struct {
	K       int          `json:"k"`
	Queries []QueryEval  `json:"queries"`
	Mean    Scores       `json:"mean"`
	Kinds   []KindScores `json:"kinds"`    // by kind name
	ZeroHit []string     `json:"zero_hit"` // queries with judged bullets and no hit
	Errors  []string     `json:"errors"`   // queries the engine rejected
	Partial int          `json:"partial"`  // queries answered with partial matches
	Empty   EmptyTally   `json:"empty"`    // queries with no judged bullet
}

// EmptyTally counts the queries with no judged bullet and how many of them
// the engine answered with no full match.
type EmptyTally struct {
	Queries int `json:"queries"`
	Clean   int `json:"clean"`
}

// KindScores are the mean scores of one kind of query.
type KindScores struct {
	Kind    string `json:"kind"`
	Queries int    `json:"queries"`
	Scores
}

// QueryEval is how the engine did on one query.
type QueryEval struct {
	Q         string   `json:"q"`
	Kind      string   `json:"kind"`
	Scores             // of this query
	Judged    int      `json:"judged"`     // bullets with grade ≥ 1
	Total     uint64   `json:"total"`      // the engine's hit count
	FullTotal uint64   `json:"full_total"` // of them, hits with every typed word
	Partial   bool     `json:"partial"`
	Err       string   `json:"error,omitempty"`
	Ranked    []Ranked `json:"ranked"` // the first k hits
	Missed    []Ranked `json:"missed"` // judged bullets not in the first k hits, Rank 0
}

// Ranked is one bullet with its rank (from 1) and judged grade (0 = not
// relevant).
type Ranked struct {
	Rank  int    `json:"rank,omitempty"`
	Key   string `json:"key"`
	Grade int    `json:"grade"`
	Text  string `json:"text"`
}

// Evaluate runs every judged query through ix and scores its first k hits
// (k ≤ 0 means 10). It stops early only when ctx is done.
//
// For each query the engine's first k hits (k = 10 by default) are scored:
//
//   - nDCG@k: DCG = Σ (2^grade − 1) / log2(rank + 1) over the first k hits,
//     divided by the DCG of the ideal ranking of all judged bullets;
//   - recall@k: judged bullets (grade ≥ 1) among the first k hits, over all
//     judged bullets;
//   - P@5: judged bullets among the first 5 hits, over 5.
//
// A bullet returned twice counts once, at its first rank. A query with no
// judged bullet (a topic the collection never covers) scores 1 on all three
// measures when the engine answers it with no full match (Result.FullTotal
// 0: no hit, or only partial hits that say which words they lack), and 0
// otherwise: a full match there claims an answer that does not exist. A query the engine rejects with an error scores 0. A query
// with judged bullets that returns no hit is listed as a zero-hit query.
// Means are plain averages over queries, overall and per kind.
func Evaluate(ctx context.Context, ix *Index, j *Judgments, k int) (*EvalReport, error) {
	return evaluate(ctx, ix.Search, j, k)
}

// searchFunc is Index.Search, replaceable in tests.
type searchFunc func(context.Context, Request) (*Result, error)

func evaluate(ctx context.Context, search searchFunc, j *Judgments, k int) (*EvalReport, error) {
	if k <= 0 {
		k = 10
	}
	rep := &EvalReport{K: k, ZeroHit: []string{}, Errors: []string{}}
	kinds := make(map[string]*KindScores)
	for _, jq := range j.Queries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		qe := QueryEval{Q: jq.Q, Kind: jq.Kind, Judged: len(jq.Relevant), Ranked: []Ranked{}, Missed: []Ranked{}}
		res, err := search(ctx, Request{Query: jq.Q, Size: max(k, 5)})
		var keys []string
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			qe.Err = err.Error()
			rep.Errors = append(rep.Errors, jq.Q)
		default:
			qe.Total, qe.FullTotal, qe.Partial = res.Total, res.FullTotal, res.Partial
			seen := make(map[string]bool)
			for _, h := range res.Hits {
				key := h.Bullet.Key()
				if seen[key] {
					continue
				}
				seen[key] = true
				keys = append(keys, key)
				if len(keys) <= k {
					qe.Ranked = append(qe.Ranked, Ranked{Rank: len(keys), Key: key, Grade: jq.Relevant[key], Text: h.Bullet.Text})
				}
			}
			qe.Scores = score(keys, jq.Relevant, k)
			if len(jq.Relevant) == 0 && res.FullTotal == 0 {
				qe.Scores = Scores{1, 1, 1}
			}
			if res.Partial {
				rep.Partial++
			}
			if len(jq.Relevant) > 0 && len(keys) == 0 {
				rep.ZeroHit = append(rep.ZeroHit, jq.Q)
			}
		}
		for _, key := range sortedKeys(jq.Relevant) {
			if i := slices.Index(keys, key); i < 0 || i >= k {
				qe.Missed = append(qe.Missed, Ranked{Key: key, Grade: jq.Relevant[key], Text: j.text[key]})
			}
		}
		sort.SliceStable(qe.Missed, func(a, b int) bool { return qe.Missed[a].Grade > qe.Missed[b].Grade })
		if len(jq.Relevant) == 0 {
			rep.Empty.Queries++
			if qe.Err == "" && qe.NDCG == 1 {
				rep.Empty.Clean++
			}
		}
		rep.Queries = append(rep.Queries, qe)
		ks := kinds[jq.Kind]
		if ks == nil {
			ks = &KindScores{Kind: jq.Kind}
			kinds[jq.Kind] = ks
		}
		ks.Queries++
		ks.Scores = ks.Scores.add(qe.Scores)
		rep.Mean = rep.Mean.add(qe.Scores)
	}
	if n := len(rep.Queries); n > 0 {
		rep.Mean = rep.Mean.div(n)
	}
	for _, ks := range kinds {
		ks.Scores = ks.Scores.div(ks.Queries)
		rep.Kinds = append(rep.Kinds, *ks)
	}
	sort.Slice(rep.Kinds, func(a, b int) bool { return rep.Kinds[a].Kind < rep.Kinds[b].Kind })
	return rep, nil
}

func (s Scores) add(t Scores) Scores {
	return Scores{s.NDCG + t.NDCG, s.Recall + t.Recall, s.P5 + t.P5}
}

func (s Scores) div(n int) Scores {
	f := float64(n)
	return Scores{s.NDCG / f, s.Recall / f, s.P5 / f}
}

// score measures one ranking (bullet keys, best first, no repeats) against
// the judged grades.
func score(ranked []string, relevant map[string]int, k int) Scores {
	if len(relevant) == 0 {
		if len(ranked) == 0 {
			return Scores{1, 1, 1}
		}
		return Scores{}
	}
	grades := make([]int, len(ranked))
	for i, key := range ranked {
		grades[i] = relevant[key]
	}
	ideal := make([]int, 0, len(relevant))
	for _, g := range relevant {
		ideal = append(ideal, g)
	}
	return Scores{
		NDCG:   ndcg(grades, ideal, k),
		Recall: float64(countJudged(grades, k)) / float64(len(relevant)),
		P5:     float64(countJudged(grades, 5)) / 5,
	}
}

// dcg is Σ (2^g − 1) / log2(i + 1) over the first k grades, i from 1.
func dcg(grades []int, k int) float64 {
	var sum float64
	for i, g := range grades[:min(k, len(grades))] {
		sum += (math.Exp2(float64(g)) - 1) / math.Log2(float64(i+2))
	}
	return sum
}

// ndcg is the DCG@k of grades over the DCG@k of the ideal ordering of all
// judged grades; 0 when nothing is judged relevant.
func ndcg(grades, judged []int, k int) float64 {
	ideal := slices.Clone(judged)
	slices.SortFunc(ideal, func(a, b int) int { return b - a })
	idcg := dcg(ideal, k)
	if idcg == 0 {
		return 0
	}
	return dcg(grades, k) / idcg
}

// countJudged counts grades ≥ 1 among the first k.
func countJudged(grades []int, k int) int {
	n := 0
	for _, g := range grades[:min(k, len(grades))] {
		if g > 0 {
			n++
		}
	}
	return n
}
