package server

import (
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestPagePastTheEnd checks that a page number past the last page says so
// and links to the last page, instead of "nothing found".
func TestPagePastTheEnd(t *testing.T) {
	h, _ := newReal(t)
	res := searchJSONOf(t, h, "section=05")
	last := (int(res.Total) + pageSize - 1) / pageSize
	if last < 2 {
		t.Fatalf("section 05 has %d hits; the test needs two pages", res.Total)
	}
	doc := page(t, h, "/search?section=05&page=99", 200)
	if doc.Find("#empty").Length() != 0 || strings.Contains(doc.Find("#results").Text(), "没有找到匹配的条目") {
		t.Error("page 99 says nothing was found")
	}
	notice := doc.Find("#past-end")
	href := notice.Find("a").AttrOr("href", "")
	if !strings.Contains(notice.Text(), "99") || !strings.Contains(notice.Text(), strconv.Itoa(last)) || !strings.Contains(href, "page="+strconv.Itoa(last)) {
		t.Errorf("past-the-end notice %q links to %q; want page %d", notice.Text(), href, last)
	}
	if doc.Find(".pager a").Length() == 0 {
		t.Error("no pager past the end")
	}
	// the link leads to the last page's hits
	if href == "" {
		return
	}
	if n := page(t, h, href, 200).Find("#hits .hit").Length(); n == 0 {
		t.Errorf("%s shows no hits", href)
	}
}

// TestEmptyResultHelps checks that a search that finds nothing offers
// queries that find something, the sections, and dropping the filters.
func TestEmptyResultHelps(t *testing.T) {
	h, _ := newReal(t)
	doc := page(t, h, "/search?q="+q("量子计算机")+"&section=01", 200)
	if doc.Find("#hits .hit").Length() != 0 {
		t.Skip("量子计算机 is found: pick another query")
	}
	examples := doc.Find("#empty .examples a")
	if examples.Length() < 2 {
		t.Fatalf("%d example queries", examples.Length())
	}
	examples.Each(func(_ int, a *goquery.Selection) {
		if n := page(t, h, a.AttrOr("href", ""), 200).Find("#hits .hit").Length(); n == 0 {
			t.Errorf("example %q (%s) finds nothing", a.Text(), a.AttrOr("href", ""))
		}
	})
	if n, want := doc.Find("#empty .browse li").Length(), len(realIndex(t).Sections()); n != want {
		t.Errorf("%d sections offered; want %d", n, want)
	}
	clear := doc.Find("#empty a").FilterFunction(func(_ int, a *goquery.Selection) bool { return strings.Contains(a.Text(), "筛选") })
	if href := clear.AttrOr("href", ""); href == "" || strings.Contains(href, "section=") || !strings.Contains(href, "q=") {
		t.Errorf("drop-the-filters link %q", href)
	}
}

// TestHitPlace checks that a hit says where it is in the report's terms,
// its section and its number there, with the source lines on hover.
func TestHitPlace(t *testing.T) {
	h, _ := newReal(t)
	doc := page(t, h, "/search?q="+q("财政收入"), 200)
	hit := doc.Find("#hits .hit").First()
	meta := hit.Find(".meta").Text()
	if strings.Contains(meta, "原文第") || !strings.Contains(meta, "第 1 条") || !strings.Contains(meta, "02 ") {
		t.Errorf("meta %q; want the section and 第 1 条, no line numbers", meta)
	}
	b, _ := realIndex(t).Bullet("02-01")
	if title := hit.Find(".place").AttrOr("title", ""); title != "原文第 "+formatLines(b.Lines)+" 行" {
		t.Errorf("place title %q; want the source lines %v", title, b.Lines)
	}
}

// TestBrowseSort checks that browsing a section without a query marks the
// order the hits are in (report order) and offers no relevance.
func TestBrowseSort(t *testing.T) {
	h, _ := newReal(t)
	doc := page(t, h, "/search?section=02", 200)
	if cur := doc.Find(`.sorts a[aria-current="true"]`).Text(); cur != "原文顺序" {
		t.Errorf("marked sort %q; want 原文顺序", cur)
	}
	if strings.Contains(doc.Find(".sorts").Text(), "相关度") {
		t.Error("relevance offered without a query")
	}
	doc = page(t, h, "/search?q="+q("企业"), 200)
	if cur := doc.Find(`.sorts a[aria-current="true"]`).Text(); cur != "相关度" {
		t.Errorf("marked sort %q with a query; want 相关度", cur)
	}
	// the list of sections is on every search page, for the script to show
	// when the box is cleared
	if n := doc.Find("template#browse-template").Length(); n != 1 {
		t.Errorf("%d browse templates", n)
	}
}
