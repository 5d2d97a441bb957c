package server

import (
	"html"
	"strings"
	"unicode/utf8"

	"reportsearch/index"
)

// highlightHTML returns text HTML-escaped with <mark> around the engine's
// spans (byte offsets into text). With kinds set, a related match
// (index.SpanRelated: a synonym, a part of a typed word) is marked
// <mark class="related">; without, spans that touch share one plain mark
// (the API's highlight field). Spans out of order, outside text or
// splitting a character are skipped. It is the only place the engine's
// matches become HTML.
func highlightHTML(text string, spans []index.Span, kinds bool) string {
	var b strings.Builder
	b.Grow(len(text) + 32*len(spans) + 16)
	at, open := 0, false
	for _, s := range spans {
		if s.Start < at || s.End > len(text) || s.Start >= s.End || !onBoundary(text, s.Start) || !onBoundary(text, s.End) {
			continue
		}
		join := open && s.Start == at && !kinds
		if open && !join {
			b.WriteString("</mark>")
			open = false
		}
		b.WriteString(html.EscapeString(text[at:s.Start]))
		if !join {
			if kinds && s.Kind == index.SpanRelated {
				b.WriteString(`<mark class="related">`)
			} else {
				b.WriteString("<mark>")
			}
			open = true
		}
		b.WriteString(html.EscapeString(text[s.Start:s.End]))
		at = s.End
	}
	if open {
		b.WriteString("</mark>")
	}
	b.WriteString(html.EscapeString(text[at:]))
	return b.String()
}

func onBoundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}
