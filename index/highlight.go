package index

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"
)

// span is a byte range [Start, End) of a bullet's text to mark.
type span struct{ Start, End int }

// highlight returns text HTML-escaped with <mark> around the spans. Spans
// that overlap or touch are merged (上海市 and 上海 mark 上海市 once; 城市 and
// 更新 side by side mark 城市更新 once). Spans outside the text or not on
// character boundaries are dropped, so a mark never splits a character or an
// entity.
func highlight(text string, spans []span) string {
	ok := spans[:0:0]
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		if !boundary(text, s.Start) || !boundary(text, s.End) {
			continue
		}
		ok = append(ok, s)
	}
	sort.Slice(ok, func(i, j int) bool {
		if ok[i].Start != ok[j].Start {
			return ok[i].Start < ok[j].Start
		}
		return ok[i].End > ok[j].End
	})
	var merged []span
	for _, s := range ok {
		if n := len(merged); n > 0 && s.Start <= merged[n-1].End {
			if s.End > merged[n-1].End {
				merged[n-1].End = s.End
			}
			continue
		}
		merged = append(merged, s)
	}
	var b strings.Builder
	b.Grow(len(text) + 13*len(merged) + 16)
	at := 0
	for _, s := range merged {
		b.WriteString(html.EscapeString(text[at:s.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.Start:s.End]))
		b.WriteString("</mark>")
		at = s.End
	}
	b.WriteString(html.EscapeString(text[at:]))
	return b.String()
}

func boundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}
