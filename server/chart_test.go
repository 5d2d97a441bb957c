package server

import (
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestMoneyChartMarkup checks the chart's markup without a browser: an SVG
// image with a name and no links, drawn unscaled (no viewBox: its text keeps
// its size on a phone); each bar's point linked from the list beside it, in
// the same order, its bar in its row and its length the share of the axis.
func TestMoneyChartMarkup(t *testing.T) {
	h, _ := newReal(t)
	doc := page(t, h, "/figures", 200)
	svg := doc.Find("svg#money-chart")
	if svg.Length() != 1 || svg.AttrOr("role", "") != "img" || svg.AttrOr("aria-labelledby", "") == "" {
		t.Fatalf("chart: %d svg, role %q, aria-labelledby %q; want one named img", svg.Length(), svg.AttrOr("role", ""), svg.AttrOr("aria-labelledby", ""))
	}
	if _, scaled := svg.Attr("viewBox"); scaled {
		t.Error("the chart has a viewBox: scaled down on a phone, its text shrinks")
	}
	if n := svg.Find("a, [href], [tabindex]").Length(); n > 0 {
		t.Errorf("%d links inside the chart image (axe: nested-interactive)", n)
	}
	bars := svg.Find("rect.bar")
	links := doc.Find(".chart-points li a")
	if bars.Length() == 0 || links.Length() != bars.Length() {
		t.Fatalf("%d bars, %d linked points; want one each", bars.Length(), links.Length())
	}
	prev := 101.0
	bars.Each(func(i int, b *goquery.Selection) {
		y, err := strconv.Atoi(b.AttrOr("y", ""))
		if err != nil || y/chartRowH != i {
			t.Errorf("bar %d at y = %q: not in row %d (%d px rows)", i, b.AttrOr("y", ""), i, chartRowH)
		}
		w, err := strconv.ParseFloat(strings.TrimSuffix(b.AttrOr("width", ""), "%"), 64)
		if err != nil || w <= 0 || w > 100 || w > prev {
			t.Errorf("bar %d is %q wide; want a share of the axis, no wider than the one above", i, b.AttrOr("width", ""))
		}
		prev = w
		a := links.Eq(i)
		if !strings.HasPrefix(a.AttrOr("href", ""), "/b/") || a.Find(".label").Text() == "" || a.Find(".value").Text() == "" {
			t.Errorf("point %d links %q with label %q, value %q", i, a.AttrOr("href", ""), a.Find(".label").Text(), a.Find(".value").Text())
		}
	})
}
