package server

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"reportsearch/index"
)

// TestFacetCountsAreClickTotals follows the page's facet links on several
// filter combinations: a link that sets its facet's value (money always,
// a section or kind when none of its facet is chosen) finds as many
// bullets as its count says.
func TestFacetCountsAreClickTotals(t *testing.T) {
	h, _ := newReal(t)
	checked := 0
	for _, state := range []string{
		"kind=count",
		"kind=percent",
		"money=lt1m",
		"kind=count&money=1m-10m",
		"money=ge100m&section=02",
		"q=" + q("企业") + "&money=10m-100m",
		"q=" + q("项目") + "&kind=count",
		"q=" + q("发展"),
		"section=05&kind=money",
	} {
		doc := page(t, h, "/search?"+state, 200)
		doc.Find("section.facet").Each(func(_ int, facet *goquery.Selection) {
			anyActive := facet.Find("a.on").Length() > 0
			isMoney := facet.AttrOr("id", "") == "facet-money"
			facet.Find("a").Each(func(_ int, a *goquery.Selection) {
				if a.HasClass("on") || (anyActive && !isMoney) {
					return // removes its value, or adds one to a chosen set
				}
				href, _ := a.Attr("href")
				shown := strings.TrimSpace(a.Find(".count").Text())
				got := page(t, h, href, 200).Find("#total").Text()
				if got != shown {
					t.Errorf("/search?%s: %s link %q shows %s; following it finds %s", state, facet.AttrOr("id", "?"), href, shown, got)
				}
				checked++
			})
		})
	}
	if checked < 30 {
		t.Errorf("only %d facet links checked", checked)
	}
}

// TestMoneyFilterOwnFigures checks that money constrains the money figures
// only: with kind=count, every hit has a count figure and a money figure in
// the range, and a kind filter never lets in a bullet without money in the
// range.
func TestMoneyFilterOwnFigures(t *testing.T) {
	h, _ := newReal(t)
	for _, mr := range index.MoneyRanges() {
		for _, kind := range []string{"", "count", "percent"} {
			params := "money=" + mr.Key + "&size=100"
			if kind != "" {
				params += "&kind=" + kind
			}
			res := searchJSONOf(t, h, params)
			for _, hit := range res.Hits {
				hasKind, inRange := kind == "", false
				for _, m := range hit.Metrics {
					hasKind = hasKind || m.Kind == kind
					inRange = inRange || (m.Kind == "money" && m.Normalized >= mr.Min && (mr.Max == 0 || m.Normalized < mr.Max))
				}
				if !hasKind || !inRange {
					t.Errorf("%s: hit %s (has %s: %v, money in range: %v) %q", params, hit.ID, kind, hasKind, inRange, hit.Text)
				}
			}
		}
	}
}
