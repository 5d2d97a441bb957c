package server

import (
	"html"
	"testing"

	"reportsearch/index"
)

// TestHighlightHTML checks that the engine's spans become marks around
// escaped text, related ones with their class on pages, and that spans out
// of order, outside the text or splitting a character never break it.
func TestHighlightHTML(t *testing.T) {
	const T, R = index.SpanTyped, index.SpanRelated
	text := `税收<1亿元 & "增长"长者`
	i := len(`税收<1亿元 & "`)
	j := i + len("增长")
	k := j + len(`"`)
	tests := []struct {
		spans     []index.Span
		page, api string
	}{
		{nil, html.EscapeString(text), html.EscapeString(text)},
		{[]index.Span{{Start: i, End: j, Kind: T}},
			`税收&lt;1亿元 &amp; &#34;<mark>增长</mark>&#34;长者`, `税收&lt;1亿元 &amp; &#34;<mark>增长</mark>&#34;长者`},
		{[]index.Span{{Start: 0, End: len("税收<"), Kind: T}, {Start: k, End: len(text), Kind: R}},
			`<mark>税收&lt;</mark>1亿元 &amp; &#34;增长&#34;<mark class="related">长者</mark>`,
			`<mark>税收&lt;</mark>1亿元 &amp; &#34;增长&#34;<mark>长者</mark>`},
		// touching spans of two kinds: two marks on pages, one in the API
		{[]index.Span{{Start: i, End: i + 3, Kind: T}, {Start: i + 3, End: j, Kind: R}},
			`税收&lt;1亿元 &amp; &#34;<mark>增</mark><mark class="related">长</mark>&#34;长者`,
			`税收&lt;1亿元 &amp; &#34;<mark>增长</mark>&#34;长者`},
		// splitting a character, outside the text, out of order, empty
		{[]index.Span{{Start: 1, End: 3}, {Start: 0, End: 999}, {Start: j, End: j}, {Start: i, End: j}, {Start: 0, End: 3}},
			`税收&lt;1亿元 &amp; &#34;<mark>增长</mark>&#34;长者`, `税收&lt;1亿元 &amp; &#34;<mark>增长</mark>&#34;长者`},
	}
	for _, tt := range tests {
		if got := highlightHTML(text, tt.spans, true); got != tt.page {
			t.Errorf("highlightHTML(%v, kinds) = %q; want %q", tt.spans, got, tt.page)
		}
		if got := highlightHTML(text, tt.spans, false); got != tt.api {
			t.Errorf("highlightHTML(%v) = %q; want %q", tt.spans, got, tt.api)
		}
	}
}
