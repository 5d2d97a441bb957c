package server

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"reportsearch/corpus"
	"reportsearch/index"
)

// TestLongPassageWithinLimit searches a passage of 16,000 龘 with 60 龘 (a
// phrase of 59 identical bigrams in the character field) under a short
// search limit: the answer, or the timeout error, must come within 1.5
// times the limit, whether the parser cut the passage into pieces or the
// passage is one document.
func TestLongPassageWithinLimit(t *testing.T) {
	const limit = 200 * time.Millisecond
	text := strings.Repeat("龘", 16000)
	parsed, err := corpus.Parse(strings.NewReader("01 数字\n\n- "+text+"。\n- 其他内容。\n"), "long-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	sec := corpus.Section{ID: "01", Title: "数字"}
	whole := &corpus.Report{ID: "whole-2023", Sections: []corpus.Section{sec}, Bullets: []corpus.Bullet{
		{ID: "01-01", Report: "whole-2023", Section: sec, Path: []corpus.Section{sec}, Text: text + "。", Lines: []int{3}},
		{ID: "01-02", Report: "whole-2023", Section: sec, Path: []corpus.Section{sec}, Text: "其他内容。", Lines: []int{4}, Order: 1},
	}}
	for name, r := range map[string]*corpus.Report{"parsed": parsed, "one document": whole} {
		t.Run(name, func(t *testing.T) {
			ix, err := index.New(context.Background(), []*corpus.Report{r}, index.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { ix.Close() })
			h := New(ix, Options{SearchTimeout: limit}).Handler()
			for _, query := range []string{strings.Repeat("龘", 60), `"` + strings.Repeat("龘", 60) + `"`, "龘", strings.Repeat("龘", 2)} {
				start := time.Now()
				w := get(t, h, "/api/search?size=100&q="+q(query))
				took := time.Since(start)
				if w.Code != http.StatusOK && w.Code != http.StatusServiceUnavailable {
					t.Errorf("q=%d×龘: status %d %s", len([]rune(query)), w.Code, truncate(w.Body.String(), 200))
				}
				if testing.Verbose() {
					t.Logf("q=%d×龘: %v, status %d", len([]rune(query)), took, w.Code)
				}
				if took > limit*3/2 {
					t.Errorf("q=%d×龘: answered in %v; the limit is %v", len([]rune(query)), took, limit)
				}
				if w.Code == http.StatusOK {
					var res SearchResponse
					decode(t, w.Body.Bytes(), &res)
					if res.Total == 0 {
						t.Errorf("q=%q: no hit", query)
					}
				}
			}
		})
	}
}
