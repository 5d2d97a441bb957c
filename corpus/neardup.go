package corpus

import (
	"cmp"
	"slices"
	"unicode"

	"reportsearch/corpus/fold"
)

// Two passages of one report are near duplicates (the same facts told
// twice, in the same or other words) when the overlap coefficient of their
// character bigrams (nearness) is at least NearDupThreshold and either
// their Jaccard similarity is at least nearDupJaccard (the same text, one
// perhaps cut or with a clause more) or the shorter passage has figures and
// the longer repeats every one of them (the same facts reworded).
//
// Chosen by measuring every pair over the seed report and the 73 reports
// of the embedded collection: overlap alone at 0.8 also pairs headings with
// the paragraph that elaborates them (guangdong-2025 "五是…" with "五、…",
// national-1955 "第二，…问题。" with the list of problems), which share all
// their words but no fact; Jaccard alone cannot find a short passage whose
// facts a longer one repeats (huacao-2023 05-04 in 05-16, Jaccard 0.21),
// and at 0.6 pairs template lines with other figures (national-1955 铁/原煤
// "全部建成后增加的年产能力…", 0.63). With overlap ≥ 0.8 and Jaccard ≥ 0.65
// or the same figures, the pairs found are the seed's two (02-15/02-19:
// overlap 0.94, Jaccard 0.71; 05-04/05-16: 0.81 with 101户 in both) and
// five repeats in the collection (national-1988 04-01/04-02, national-2015
// 03-02/03-03, national-2010 02.01-11/02.01-12, national-1955 02-75 and
// 02-76 with 03.03-02), none false; at 0.7 the rule adds none, at 0.9
// huacao-2023 05-04/05-16 is lost.
const (
	NearDupThreshold = 0.8
	nearDupJaccard   = 0.65
)

// nearDupMaxPostings is the most passages a bigram may occur in and still
// propose pairs (see nearDupPairs).
const nearDupMaxPostings = 32

// nearDupMinBigrams is the fewest bigrams the shorter passage of a pair
// must have: a short line (a heading-like 坚持稳中求进) shares all its
// bigrams with many passages without repeating their facts.
const nearDupMinBigrams = 12

// bigrams returns the sorted, distinct character bigrams of the folded
// text s: pairs of neighbouring letters or digits, with punctuation and
// spaces skipped (so that "1.6万" and "1.6 万" give the same pairs).
func bigrams(s string) []uint64 {
	var out []uint64
	prev := rune(-1)
	for _, r := range fold.String(s) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		if prev >= 0 {
			out = append(out, uint64(prev)<<32|uint64(r))
		}
		prev = r
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nearness is the overlap coefficient |A∩B| / min(|A|, |B|) of two sorted
// bigram sets: 1 when one passage's bigrams all occur in the other. Unlike
// Jaccard |A∩B| / |A∪B| it also finds a short passage whose facts a longer
// one repeats in its own words; the minimum size (nearDupMinBigrams) keeps
// short lines out.
func nearness(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return float64(common) / float64(min(len(a), len(b)))
}

// jaccard is |A∩B| / |A∪B| of two sorted bigram sets.
func jaccard(a, b []uint64) float64 {
	o := nearness(a, b) * float64(min(len(a), len(b)))
	u := float64(len(a)+len(b)) - o
	if u == 0 {
		return 0
	}
	return o / u
}

// sameFigures reports whether the shorter passage has figures and every
// one of them (kind, base unit and value) also occurs in the other.
func sameFigures(short, long []Metric) bool {
	if len(short) == 0 {
		return false
	}
	for _, m := range short {
		if !slices.ContainsFunc(long, func(n Metric) bool {
			return n.Kind == m.Kind && n.BaseUnit == m.BaseUnit && n.Normalized == m.Normalized
		}) {
			return false
		}
	}
	return true
}

// nearDupPair is two passages of one report (indices into Bullets) and
// their nearness.
type nearDupPair struct {
	A, B  int
	Score float64
}

// nearDupPairs returns every pair of passages of bs whose nearness is at
// least threshold, the shorter having at least nearDupMinBigrams bigrams,
// and either a Jaccard similarity of at least nearDupJaccard or the
// shorter's figures all in the longer, in passage order. Only passages
// sharing a bigram that at most nearDupMaxPostings passages hold are
// compared, so the work grows linearly with the report.
func nearDupPairs(bs []Bullet, threshold float64) []nearDupPair {
	sets := make([][]uint64, len(bs))
	for i, b := range bs {
		sets[i] = bigrams(b.Text)
	}
	// candidates: passages that share a bigram held by at most
	// nearDupMaxPostings passages; near duplicates share most of the
	// shorter one's bigrams, so they share a rare one too. This keeps the
	// work linear in the report's length (a 16 MB report has 100 000
	// passages: comparing every pair would take hours).
	postings := map[uint64][]int{}
	for i, set := range sets {
		if len(set) < nearDupMinBigrams {
			continue
		}
		for _, g := range set {
			postings[g] = append(postings[g], i)
		}
	}
	cands := map[[2]int]bool{}
	for _, ps := range postings {
		if len(ps) > nearDupMaxPostings {
			continue
		}
		for x, i := range ps {
			for _, j := range ps[x+1:] {
				cands[[2]int{i, j}] = true
			}
		}
	}
	var out []nearDupPair
	for c := range cands {
		i, j := c[0], c[1]
		s := nearness(sets[i], sets[j])
		if s < threshold {
			continue
		}
		short, long := bs[i].Metrics, bs[j].Metrics
		if len(sets[i]) > len(sets[j]) {
			short, long = long, short
		}
		if jaccard(sets[i], sets[j]) >= nearDupJaccard || sameFigures(short, long) {
			out = append(out, nearDupPair{A: i, B: j, Score: s})
		}
	}
	slices.SortFunc(out, func(a, b nearDupPair) int { return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B)) })
	return out
}

// markNearDups fills SeeAlso of every passage of rep with the ids of its
// near duplicates in the same report (NearDupThreshold), in passage order.
func markNearDups(rep *Report) {
	for _, p := range nearDupPairs(rep.Bullets, NearDupThreshold) {
		a, b := &rep.Bullets[p.A], &rep.Bullets[p.B]
		a.SeeAlso = append(a.SeeAlso, b.ID)
		b.SeeAlso = append(b.SeeAlso, a.ID)
	}
	for i := range rep.Bullets {
		slices.Sort(rep.Bullets[i].SeeAlso)
	}
}
