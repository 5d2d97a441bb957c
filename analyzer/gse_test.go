package analyzer

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/go-ego/gse"
)

// gseFor builds a gse segmenter whose dictionary holds the words of the
// embedded dictionary that occur in texts, with their frequencies, and a
// filler word that brings the total frequency to the whole dictionary's, so
// that its path lengths are those gse computes with the full dictionary.
func gseFor(t testing.TB, base *baseDict, texts []string) *gse.Segmenter {
	t.Helper()
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	seg.Dict = gse.NewDict()
	var sum float64
	seen := map[uint32]bool{}
	for _, text := range texts {
		for i := range text {
			r := []rune(text[i:min(len(text), i+4*maxWordRunes)])
			if len(r) == 0 || !isHan(r[0]) {
				continue
			}
			s := string(r)
			lo, hi, ok := base.firstRange(r[0])
			if !ok {
				continue
			}
			for w := lo; w < hi; w++ {
				if seen[w] || !strings.HasPrefix(s, base.word(w)) {
					continue
				}
				seen[w] = true
				line := base.data[base.end[w]+1:]
				freq := float64(atoi(line))
				sum += freq
				if err := seg.AddToken(base.word(w), freq); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	total := 0
	fmt.Sscanf(base.data, "#total %d", &total)
	if err := seg.AddToken("\ue000\ue001", float64(total)-sum); err != nil {
		t.Fatal(err)
	}
	seg.CalcToken()
	return seg
}

// hanRunsOf returns the runs of Han characters of text.
func hanRunsOf(text string) []string {
	var runs []string
	start := -1
	for i, r := range text + "\n" {
		if isHan(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			runs = append(runs, text[start:i])
			start = -1
		}
	}
	return runs
}

// compareGse segments the Han runs of texts with our segmenter (general
// dictionary only) and with gse, and returns the words that agree and all.
func compareGse(t testing.TB, texts []string) (agree, total int, diffs []string) {
	base := sharedBase()
	var runs []string
	for _, text := range texts {
		runs = append(runs, hanRunsOf(text)...)
	}
	seg := gseFor(t, base, runs)
	dc := &Dictionary{base: base, extra: &extraDict{dist: map[string]float32{}, prefixes: map[string]bool{}}}
	for _, run := range runs {
		sc := scanner{in: []byte(run), dict: dc}
		for _, r := range run {
			sc.runes = append(sc.runes, r)
		}
		ours := map[[2]int]bool{}
		var ourWords []string
		offs := []int{0}
		for _, r := range sc.runes {
			offs = append(offs, offs[len(offs)-1]+len(string(r)))
		}
		sc.segment(0, len(sc.runes), false)
		for _, w := range sc.spans {
			ours[[2]int{offs[w[0]], offs[w[1]]}] = true
			ourWords = append(ourWords, run[offs[w[0]]:offs[w[1]]])
		}
		var theirs []string
		for _, s := range seg.Segment([]byte(run)) {
			total++
			theirs = append(theirs, run[s.Start():s.End()])
			if ours[[2]int{s.Start(), s.End()}] {
				agree++
			}
		}
		if a, b := strings.Join(ourWords, "/"), strings.Join(theirs, "/"); a != b && len(diffs) < 20 {
			diffs = append(diffs, a+" ≠ gse "+b)
		}
	}
	return agree, total, diffs
}

// TestSameAsGse checks that, with the same dictionary, the segmenter cuts
// every Han run of the report as gse's Segment does.
func TestSameAsGse(t *testing.T) {
	agree, total, diffs := compareGse(t, reportLines(t))
	if agree != total || len(diffs) > 0 {
		t.Errorf("%d of %d gse words agree; differences:\n%s", agree, total, strings.Join(diffs, "\n"))
	}
	if total < 3000 {
		t.Errorf("only %d words compared", total)
	}
}

// TestSameAsGseCorpus does the same on the bench corpus when
// REPORTSEARCH_BENCH_CORPUS names one (see bench_test.go).
func TestSameAsGseCorpus(t *testing.T) {
	if os.Getenv("REPORTSEARCH_BENCH_CORPUS") == "" {
		t.Skip("REPORTSEARCH_BENCH_CORPUS not set")
	}
	text := benchTexts()["modern"]
	agree, total, diffs := compareGse(t, strings.Split(text, "\n"))
	t.Logf("%d of %d gse words agree (%.3f%%)", agree, total, 100*float64(agree)/float64(total))
	if float64(agree) < 0.999*float64(total) {
		t.Errorf("%d of %d gse words agree; differences:\n%s", agree, total, strings.Join(diffs, "\n"))
	}
}
