package index

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"

	"reportsearch/corpus"
)

// hits makes the page's hits of the matches: the stored bullets, their
// scores (0 when the order is not by relevance) and spans, ties in report
// order.
func (ix *Index) hits(matches search.DocumentMatchCollection, p *plan, req Request) ([]Hit, error) {
	out := make([]ranked, 0, len(matches))
	for _, dm := range matches {
		b, err := ix.bullet(dm.ID)
		if err != nil {
			return nil, fmt.Errorf("index: hit %s: %w", dm.ID, err)
		}
		h := Hit{Bullet: b, Score: dm.Score}
		tier := 0.0
		if p.tiers != nil {
			h.Missing = p.tiers.missing(p.units, p.tiers.classifyLocations(dm.Locations).exact)
			if !byRank(p, req) {
				tier, h.Score = splitScore(dm.Score)
			}
		}
		if !p.scoring || byRank(p, req) {
			h.Score = 0 // no relevance score
		}
		h.Spans = hitSpans(dm, b, p, req)
		out = append(out, ranked{h, tier})
	}
	if len(out) > 1 && out[0].Score > 0 && req.Sort == SortRelevance {
		// Equal scores come back in the order the documents were indexed,
		// which parallel batches make vary from build to build: break ties
		// by report order so that a query always answers the same.
		slices.SortStableFunc(out, func(a, b ranked) int {
			if a.tier != b.tier {
				return cmp.Compare(b.tier, a.tier)
			}
			if sameScoreIn(a.Score, b.Score, a.tier) {
				return cmp.Compare(a.Bullet.Order, b.Bullet.Order)
			}
			return cmp.Compare(b.Score, a.Score)
		})
	}
	hits := make([]Hit, len(out))
	for i, r := range out {
		hits[i] = r.Hit
	}
	return hits, nil
}

// ranked is a hit and its tier.
type ranked struct {
	Hit
	tier float64
}

// sameScore reports whether two scores of hits differ only by rounding: sums
// of the same terms added in another order, and taken off the offset of a
// tier of a query of one or two words (see sameScoreIn).
func sameScore(a, b float64) bool { return sameScoreIn(a, b, 8) }

// sameScoreIn is sameScore for two scores taken off the offset of tier,
// whose last bits they lost.
func sameScoreIn(a, b, tier float64) bool {
	off := tier * tierUnit
	ulp := math.Nextafter(off+math.Max(a, b), math.Inf(1)) - (off + math.Max(a, b))
	return math.Abs(a-b) <= max(1e-9*math.Max(math.Abs(a), math.Abs(b)), 4*ulp)
}

// figureMatches reports whether figure m matches a figure filter of the
// query or the request's bounds.
func figureMatches(m corpus.Metric, p *plan, req Request) bool {
	for _, f := range append(p.figures[:len(p.figures):len(p.figures)], p.bounds...) {
		if f.matches(m) {
			return true
		}
	}
	return false
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// SpanKind tells what a marked part of a hit's text matched.
type SpanKind uint8

const (
	// SpanTyped marks a word, phrase or figure of the query, whole or
	// inside a longer word.
	SpanTyped SpanKind = iota
	// SpanRelated marks a word the query was widened to: a synonym, a part
	// of a typed word, or a longer word a typed one begins.
	SpanRelated
)

// String returns "typed" or "related".
func (k SpanKind) String() string {
	if k == SpanRelated {
		return "related"
	}
	return "typed"
}

// MarshalText encodes a SpanKind as its String, in JSON too.
func (k SpanKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes "typed" or "related".
func (k *SpanKind) UnmarshalText(b []byte) error {
	switch string(b) {
	case "typed":
		*k = SpanTyped
	case "related":
		*k = SpanRelated
	default:
		return fmt.Errorf("index: unknown span kind %q", b)
	}
	return nil
}

// Span is a part of a hit's text (Bullet.Text) to mark: the bytes
// [Start, End), on character boundaries. A Hit's spans are sorted and
// neither overlap nor touch unless their kinds differ.
type Span struct {
	Start int      `json:"start"`
	End   int      `json:"end"`
	Kind  SpanKind `json:"kind"`
}

// hitSpans returns the parts of a hit's text to mark: the matched terms
// (typed when the plan's typed terms hold them, else related) and the
// figures matching a figure filter (typed), merged.
func hitSpans(dm *search.DocumentMatch, b corpus.Bullet, p *plan, req Request) []Span {
	var spans, related []Span
	for _, field := range []string{fieldText, fieldChars} {
		for term, locs := range dm.Locations[field] {
			typed := p.tiers != nil && p.tiers.ofTerm(field, term).exact != 0
			if len(locs) > maxPhraseLocations {
				locs = locs[:maxPhraseLocations] // the work one hit may cost is bounded (phrase.go)
			}
			for _, l := range locs {
				if typed {
					spans = append(spans, Span{int(l.Start), int(l.End), SpanTyped})
				} else {
					related = append(related, Span{int(l.Start), int(l.End), SpanRelated})
				}
			}
		}
	}
	// A related word over a typed one (上海市生物医药技术研究院, which 上海市
	// begins) marks nothing more: the typed word is the match.
	cover := union(slices.Clone(spans)) // sorted, disjoint
	for _, r := range related {
		i := sort.Search(len(cover), func(i int) bool { return cover[i].End > r.Start })
		if i == len(cover) || cover[i].Start >= r.End {
			spans = append(spans, r)
		}
	}
	for _, m := range b.Metrics {
		if figureMatches(m, p, req) {
			spans = append(spans, Span{m.Start, m.End, SpanTyped})
		}
	}
	return mergeSpans(b.Text, spans)
}

// mergeSpans returns the spans of text sorted and merged: spans of a kind
// that overlap or touch become one (上海市 and 上海 mark 上海市 once; 城市
// and 更新 side by side mark 城市更新 once), and a typed span hides the
// related ones under it. Spans outside the text, empty or not on character
// boundaries are dropped, so a mark never splits a character.
func mergeSpans(text string, spans []Span) []Span {
	var typed, related []Span
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End || !boundary(text, s.Start) || !boundary(text, s.End) {
			continue
		}
		if s.Kind == SpanTyped {
			typed = append(typed, s)
		} else {
			related = append(related, s)
		}
	}
	typed, related = union(typed), union(related)
	if len(typed) == 0 || len(related) == 0 {
		return append(typed, related...)
	}
	// cut what typed spans cover out of the related ones
	out := slices.Clone(typed)
	i := 0
	for _, r := range related {
		for i < len(typed) && typed[i].End <= r.Start {
			i++
		}
		for j := i; j < len(typed) && typed[j].Start < r.End; j++ {
			if typed[j].Start > r.Start {
				out = append(out, Span{r.Start, typed[j].Start, SpanRelated})
			}
			r.Start = max(r.Start, typed[j].End)
		}
		if r.Start < r.End {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b Span) int { return a.Start - b.Start })
	return out
}

// union sorts spans and merges those that overlap or touch.
func union(spans []Span) []Span {
	slices.SortFunc(spans, func(a, b Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	var out []Span
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

func boundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}
