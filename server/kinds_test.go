package server

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"reportsearch/corpus"
)

// TestPagesLabelEveryKind checks that pages hand their script the labels of
// corpus.Kinds and label every kind the report has with them.
func TestPagesLabelEveryKind(t *testing.T) {
	h, _ := newReal(t)
	want := map[string]string{}
	for _, k := range corpus.Kinds() {
		want[k.Name] = k.Label
	}

	doc := page(t, h, "/", 200)
	var got map[string]string
	if err := json.Unmarshal([]byte(doc.Find("body").AttrOr("data-kinds", "")), &got); err != nil {
		t.Fatalf("body[data-kinds]: %v", err)
	}
	if !maps.Equal(got, want) {
		t.Errorf("body[data-kinds] = %v; want %v", got, want)
	}

	// Every kind of the report's figures is offered by its label.
	doc = page(t, h, "/figures", 200)
	seen := 0
	doc.Find("#f-kind option[value]").Each(func(_ int, o *goquery.Selection) {
		v := o.AttrOr("value", "")
		if v == "" {
			return
		}
		seen++
		if l, ok := want[v]; !ok || o.Text() != l {
			t.Errorf("figures page offers kind %q as %q; want %q", v, o.Text(), l)
		}
	})
	if seen < 3 {
		t.Errorf("figures page offers %d kinds; want the report's (money, percent, count …)", seen)
	}

	// The search page's kind facet uses the same labels.
	doc = page(t, h, "/search?q=%E5%A2%9E%E9%95%BF", 200) // 增长
	facets := doc.Find("#facet-kind a")
	if facets.Length() == 0 {
		t.Fatal("no kind facet on the search page for 增长")
	}
	facets.Each(func(_ int, a *goquery.Selection) {
		v, label := a.AttrOr("data-value", ""), a.Find(".label").Text()
		if l, ok := want[v]; !ok || label != l {
			t.Errorf("search page labels kind %q %q; want %q", v, label, l)
		}
	})
}
