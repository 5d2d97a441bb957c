package index

import (
	"html"
	"strings"
	"testing"
)

// FuzzHighlight: any spans over any text give the escaped text with marks.
func FuzzHighlight(f *testing.F) {
	f.Add("上海市平安&<b>", 0, 6, 3, 9)
	f.Add("路口袋", 3, 9, 0, 3)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		got := highlight(text, []span{{a, b}, {c, d}})
		plain := strings.ReplaceAll(strings.ReplaceAll(got, "<mark>", ""), "</mark>", "")
		if plain != html.EscapeString(text) {
			t.Fatalf("highlight(%q) = %q loses or breaks text", text, got)
		}
		if strings.Count(got, "<mark>") > 2 || strings.Count(got, "<mark></mark>") > 0 {
			t.Fatalf("highlight(%q) = %q: empty or extra marks", text, got)
		}
	})
}
