package server

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"reportsearch/corpus"
	"reportsearch/index"
)

func TestFoldNearDups(t *testing.T) {
	hit := func(id string, also ...string) index.Hit {
		return index.Hit{Bullet: corpus.Bullet{ID: id, Report: "r", SeeAlso: also}}
	}
	// a~b, b~c, d~e with e ranked above d; f's duplicate is not on the page
	hits := []index.Hit{hit("01-01", "01-02"), hit("02-05", "02-01"), hit("01-02", "01-01", "01-03"),
		hit("01-03", "01-02"), hit("02-01", "02-05"), hit("03-01", "03-09")}
	var got []string
	for _, f := range foldNearDups(hits) {
		s := f.Bullet.ID
		for _, o := range f.Folded {
			s += "+" + o.ID
		}
		got = append(got, s)
	}
	want := []string{"01-01+01-02", "02-05+02-01", "01-03", "03-01"}
	if !slices.Equal(got, want) {
		t.Errorf("folded %v; want %v", got, want)
	}
}

// TestNearDupsShownOnce searches the seed report for words its two near
// duplicates 02-15 and 02-19 share: the API, the page and the permalink
// show the pair once, linked.
func TestNearDupsShownOnce(t *testing.T) {
	h, _ := newReal(t)
	var res SearchResponse
	decode(t, get(t, h, "/api/search?q=配套用房").Body.Bytes(), &res)
	var keys []string
	var pair *SearchHit
	for i, hit := range res.Hits {
		keys = append(keys, hit.ID)
		if hit.ID == "huacao-2023:02-15" || hit.ID == "huacao-2023:02-19" {
			pair = &res.Hits[i]
		}
	}
	n := 0
	for _, k := range keys {
		if k == "huacao-2023:02-15" || k == "huacao-2023:02-19" {
			n++
		}
	}
	if n != 1 || pair == nil {
		t.Fatalf("hits %v: want one of 02-15, 02-19", keys)
	}
	other := "huacao-2023:02-19"
	if pair.ID == other {
		other = "huacao-2023:02-15"
	}
	if !slices.Equal(pair.SeeAlso, []string{other}) || !slices.Equal(pair.Folded, []string{other}) {
		t.Errorf("%s see_also %v folded %v; want both [%s]", pair.ID, pair.SeeAlso, pair.Folded, other)
	}

	page := get(t, h, "/?q=配套用房").Body.String()
	_, otherID, _ := strings.Cut(other, ":")
	link := `<p class="see-also">另见 <a href="/b/huacao-2023:` + otherID + `"`
	if !strings.Contains(page, link) {
		t.Errorf("search page lacks %s", link)
	}
	if c := strings.Count(page, `href="/b/huacao-2023:`+otherID+`"`); c != 1 {
		t.Errorf("search page links %s %d times; want once, as 另见", otherID, c)
	}

	var bj bulletJSON
	decode(t, get(t, h, "/api/bullets/huacao-2023:05-04").Body.Bytes(), &bj)
	if !slices.Equal(bj.SeeAlso, []string{"huacao-2023:05-16"}) {
		t.Errorf("API bullet 05-04 see_also %v; want [huacao-2023:05-16]", bj.SeeAlso)
	}
	bp := get(t, h, "/b/huacao-2023:05-04").Body.String()
	if want := `<dt>另见</dt><dd id="see-also"><a href="/b/huacao-2023:05-16"`; !strings.Contains(bp, want) {
		t.Errorf("permalink page of 05-04 lacks %s", want)
	}
	if bp := get(t, h, "/b/huacao-2023:05-05").Body.String(); strings.Contains(bp, "<dt>另见</dt>") {
		t.Error("permalink page of 05-05, which has no near duplicate, shows 另见")
	}
}

// TestEmptySuggestsWords searches for a misspelt word that finds nothing:
// the page and the API suggest the index's word it resembles.
func TestEmptySuggestsWords(t *testing.T) {
	h, _ := newReal(t)
	var res SearchResponse
	decode(t, get(t, h, "/api/search?q="+url.QueryEscape("养老服物")).Body.Bytes(), &res)
	if res.Total != 0 || len(res.Suggestions) == 0 || res.Suggestions[0] != "养老服务" {
		t.Errorf("API: total %d, suggestions %v; want 0 and 养老服务 first", res.Total, res.Suggestions)
	}
	var found SearchResponse
	decode(t, get(t, h, "/api/search?q="+url.QueryEscape("养老服务")).Body.Bytes(), &found)
	if found.Total == 0 || found.Suggestions != nil {
		t.Errorf("API with hits: total %d, suggestions %v; want hits and no suggestions", found.Total, found.Suggestions)
	}
	doc := page(t, h, "/search?q="+url.QueryEscape("养老服物"), 200)
	first := doc.Find("#empty #suggest-words a").First()
	if href, _ := first.Attr("href"); first.Text() != "养老服务" || href != "/search?q="+url.QueryEscape("养老服务") {
		t.Errorf("page's first suggested word %q → %q; want 养老服务 → its search", first.Text(), href)
	}

}
