package server

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"reportsearch/corpus"
	"reportsearch/corpus/fold"
	"reportsearch/index"
)

// bidiReport is a report whose section title and bullets hold bidirectional
// controls and other invisible format characters: "\u202E" (RIGHT-TO-LEFT
// OVERRIDE) would show "元亿5.1" reversed, "\u2066…\u2069" isolates, "\u200B"
// hides a break, "\u200F" marks right-to-left.
const bidiReport = "\n01 华漕\u202e单位名称\u202c节\n\n" +
	"- ◆举办\u202e活动\u202c3次,投入资金1.5\u200b亿元,覆盖50家企业。\n" +
	"- ◆新建\u2066绿地\u20692.5万平方米,步道\u200f12公里。\n"

// hasHidden reports whether s holds a character fold.Ignorable drops.
func hasHidden(s string) bool { return strings.ContainsFunc(s, fold.Ignorable) }

// bidiServers serves bidiReport twice: parsed from its text, and built by
// hand so that the controls reach the index whatever the parser keeps.
func bidiServers(t *testing.T) map[string]http.Handler {
	t.Helper()
	parsed, err := corpus.Parse(strings.NewReader(bidiReport), "bidi-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	sec := corpus.Section{ID: "01", Title: "华漕\u202e单位名称\u202c节"}
	text := "举办\u202e活动\u202c3次,投入资金1.5\u200b亿元,覆盖50家企业。"
	start := strings.Index(text, "1.5")
	end := strings.Index(text, "元") + len("元")
	byHand := &corpus.Report{ID: "hand-2023", Sections: []corpus.Section{sec}, Bullets: []corpus.Bullet{{
		ID: "01-01", Report: "hand-2023", Section: sec, Text: text, Lines: []int{3},
		Metrics: []corpus.Metric{{Text: text[start:end], Value: 1.5, Unit: "亿元", Normalized: 1.5e8, BaseUnit: "元", Kind: "money", Label: "投入\u202e资金", Start: start, End: end}},
	}}}
	out := map[string]http.Handler{}
	for name, r := range map[string]*corpus.Report{"parsed": parsed, "by hand": byHand} {
		ix, err := index.New(context.Background(), []*corpus.Report{r}, index.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		out[name] = New(ix, Options{}).Handler()
	}
	return out
}

// TestNoHiddenCharacters checks that the invisible format characters of a
// report or a query reach no title, page, JSON or CSV, and that the figures'
// offsets still point at their text once they are gone.
func TestNoHiddenCharacters(t *testing.T) {
	for name, h := range bidiServers(t) {
		t.Run(name, func(t *testing.T) {
			targets := []string{
				"/", "/search?q=" + q("活动"), "/search?q=" + q("活\u202e动"), "/search?q=" + q("\u202e资金"),
				"/search?section=01", "/figures", "/figures?sort=value",
				"/api/search?q=" + q("\u202e资金"), "/api/search?q=", "/api/sections",
				"/api/metrics", "/api/metrics?format=csv",
			}
			var res SearchResponse
			decode(t, get(t, h, "/api/search?size=100").Body.Bytes(), &res)
			if len(res.Hits) == 0 {
				t.Fatal("no bullets")
			}
			for _, hit := range res.Hits {
				targets = append(targets, "/b/"+hit.ID, "/api/bullets/"+hit.ID)
				for _, m := range hit.Metrics {
					if hit.Text[m.Start:m.End] != m.Text || string([]rune(hit.Text)[m.StartChar:m.EndChar]) != m.Text {
						t.Errorf("%s: figure %q at %d:%d (chars %d:%d) of %q", hit.ID, m.Text, m.Start, m.End, m.StartChar, m.EndChar, hit.Text)
					}
				}
			}
			for _, target := range targets {
				w := get(t, h, target)
				if w.Code != 200 {
					t.Errorf("GET %s: %d", target, w.Code)
					continue
				}
				if body := w.Body.String(); hasHidden(strings.TrimPrefix(body, "\ufeff")) {
					i := strings.IndexFunc(body[3:], fold.Ignorable) + 3
					t.Errorf("GET %s: an invisible format character reaches the answer: …%q…", target, body[max(0, i-40):min(len(body), i+40)])
				}
				if strings.HasPrefix(target, "/search") || target == "/" || strings.HasPrefix(target, "/b/") {
					if title := mustDoc(t, w.Body.Bytes()).Find("title").Text(); hasHidden(title) {
						t.Errorf("GET %s: title %q", target, title)
					}
				}
			}
			// the query is searched and shown without them
			page := mustDoc(t, get(t, h, "/search?q="+q("活\u202e动")).Body.Bytes())
			if v, _ := page.Find("#q").Attr("value"); v != "活动" {
				t.Errorf("search box holds %q; want 活动", v)
			}
			if page.Find(".hit").Length() == 0 {
				t.Error("活\u202e动 finds nothing; 活动 is in the report")
			}
		})
	}
}

func TestStripMapped(t *testing.T) {
	s := "a\u202eb\u200bc"
	got, at := stripMapped(s)
	if got != "abc" {
		t.Fatalf("stripMapped(%q) = %q", s, got)
	}
	// b starts at byte 4 of s, c at 8; the controls map to what follows them
	for i, want := range map[int]int{0: 0, 1: 1, 4: 1, 5: 2, 8: 2, 9: 3} {
		if at[i] != want {
			t.Errorf("at[%d] = %d; want %d", i, at[i], want)
		}
	}
	if at[len(s)] != len(got) {
		t.Errorf("at[len] = %d; want %d", at[len(s)], len(got))
	}
}
