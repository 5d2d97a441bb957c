package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"reportsearch/corpus"
	"reportsearch/corpus/fold"
)

// reportText is every passage of rep, one a line.
func reportText(rep *corpus.Report) string {
	var b strings.Builder
	for _, p := range rep.Bullets {
		b.WriteString(p.Text + "\n")
	}
	return b.String()
}

func TestSuggest(t *testing.T) {
	ix, rep := reportIndex(t)
	ctx := context.Background()
	tests := []struct {
		q     string
		first string // the best suggestion
	}{
		{"养老服物", "养老服务"},    // a misspelt word
		{"養老服物", "养老服务"},    // typed in traditional characters
		{"垃圾分内", "垃圾分类"},    // another
		{"财政 养老服物", "养老服务"}, // among other words
	}
	for _, tt := range tests {
		res := mustSearch(t, ix, Request{Query: tt.q})
		if strings.HasSuffix(tt.q, "服物") && !strings.Contains(tt.q, " ") && res.Total != 0 {
			t.Errorf("%q finds %d passages; the test wants a query that finds none", tt.q, res.Total)
		}
		got := ix.Suggest(ctx, tt.q, 5)
		t.Logf("Suggest(%q) = %v", tt.q, got)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("Suggest(%q) = %v; want %s first", tt.q, got, tt.first)
		}
		if len(got) > 5 {
			t.Errorf("Suggest(%q) gave %d words; want at most 5", tt.q, len(got))
		}
		for _, w := range got {
			// every suggestion is a word the report holds and that shares
			// a character bigram with what was typed
			if !strings.Contains(reportText(rep), w) {
				t.Errorf("Suggest(%q) gave %s, which the report does not hold", tt.q, w)
			}
			if !slices.ContainsFunc(pairsOf(w), func(p string) bool { return strings.Contains(fold.String(tt.q), p) }) {
				t.Errorf("Suggest(%q) gave %s, which shares no bigram with it", tt.q, w)
			}
			if res := mustSearch(t, ix, Request{Query: w}); res.Total == 0 {
				t.Errorf("suggestion %s finds nothing", w)
			}
		}
	}
	for _, q := range []string{"", "x", "养", "abc 123"} {
		if got := ix.Suggest(ctx, q, 5); got != nil {
			t.Errorf("Suggest(%q) = %v; want nil", q, got)
		}
	}
	if got := ix.Suggest(ctx, "养老服物", 0); got != nil {
		t.Errorf("Suggest(n=0) = %v; want nil", got)
	}
	if got := ix.Suggest(ctx, "养老服务", 5); slices.Contains(got, "养老服务") {
		t.Errorf("Suggest(养老服务) = %v: suggests the typed word", got)
	}
}

// BenchmarkSuggest times a suggestion for a misspelt word once the
// bigram table is made (the first call makes it: one pass over the
// term dictionary).
func BenchmarkSuggest(b *testing.B) {
	ix, _ := reportIndex(b)
	ctx := context.Background()
	ix.Suggest(ctx, "养老服物", 8)
	b.ResetTimer()
	for b.Loop() {
		ix.Suggest(ctx, "养老服物 垃圾分内", 8)
	}
}
