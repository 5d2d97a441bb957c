package server

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"reportsearch/corpus"
)

// page fetches a page and parses it; it fails unless the status is want.
func page(t *testing.T, h http.Handler, target string, want int) *goquery.Document {
	t.Helper()
	w := get(t, h, target)
	if w.Code != want {
		t.Fatalf("GET %s: status %d; want %d\n%s", target, w.Code, want, truncate(w.Body.String(), 500))
	}
	if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", target, ct)
	}
	if csp := w.Header().Get("Content-Security-Policy"); csp != pageCSP {
		t.Errorf("GET %s: CSP %q", target, csp)
	}
	doc, err := goquery.NewDocumentFromReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	checkPageBasics(t, target, doc)
	return doc
}

// checkPageBasics checks what every page has: language, landmarks, a skip
// link, and scripts only from files (the CSP forbids inline ones).
func checkPageBasics(t *testing.T, target string, doc *goquery.Document) {
	t.Helper()
	if lang, _ := doc.Find("html").Attr("lang"); lang != "zh-CN" {
		t.Errorf("%s: html lang %q", target, lang)
	}
	for _, sel := range []string{"header", "main#main", "footer", "nav[aria-label]", `a.skip[href="#main"]`, "title", `meta[name="viewport"]`} {
		if doc.Find(sel).Length() == 0 {
			t.Errorf("%s: no %s", target, sel)
		}
	}
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if src, ok := s.Attr("src"); !ok || !strings.HasPrefix(src, "/static/") || strings.TrimSpace(s.Text()) != "" {
			t.Errorf("%s: inline or foreign script %q", target, src)
		}
	})
	doc.Find("[style]").Each(func(_ int, s *goquery.Selection) {
		t.Errorf("%s: inline style on <%s> (the CSP forbids it)", target, goquery.NodeName(s))
	})
	doc.Find("input:not([type=hidden]), select").Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		if id == "" || doc.Find(`label[for="`+id+`"]`).Length() == 0 {
			t.Errorf("%s: form control %q has no label", target, id)
		}
	})
}

func TestHomePage(t *testing.T) {
	h, _ := newReal(t)
	doc := page(t, h, "/", 200)
	if doc.Find(`form[role=search][action="/search"] input#q[name=q]`).Length() != 1 {
		t.Error("no search box")
	}
	links := doc.Find(".browse li a")
	secs := realIndex(t).Sections()
	if links.Length() != len(secs) {
		t.Fatalf("%d section links; want %d", links.Length(), len(secs))
	}
	first := links.First()
	if href, _ := first.Attr("href"); !strings.Contains(href, "section=huacao-2023:00") || !strings.Contains(first.Text(), "奋进2023") {
		t.Errorf("first section link %q %q; want the introduction (00)", href, first.Text())
	}
	if doc.Find("#hits .hit").Length() != 0 {
		t.Error("hits on the home page")
	}
}

func TestSearchPage(t *testing.T) {
	h, log := newReal(t)

	t.Run("hits", func(t *testing.T) {
		doc := page(t, h, "/search?q="+url.QueryEscape("财政收入"), 200)
		if v, _ := doc.Find("input#q").Attr("value"); v != "财政收入" {
			t.Errorf("search box value %q; want the query kept", v)
		}
		hits := doc.Find("#hits .hit")
		if hits.Length() == 0 {
			t.Fatal("no hits")
		}
		top := hits.First()
		if href, _ := top.Find("a.permalink").Attr("href"); href != "/b/huacao-2023:02-01" {
			t.Errorf("top permalink %q; want /b/huacao-2023:02-01", href)
		}
		if m := top.Find("mark").Text(); !strings.Contains(m, "财政") {
			t.Errorf("top hit marks %q; want 财政", m)
		}
		if sec := top.Find(".sec").Text(); !strings.HasPrefix(sec, "02 聚力发展第一要务") {
			t.Errorf("top hit section %q", sec)
		}
		chips := top.Find(".chips .chip")
		if chips.Length() != 4 || chips.First().Text() != "37.55亿元" || !chips.First().HasClass("kind-money") {
			t.Errorf("top hit chips %q; want 4 figures starting with 37.55亿元 (money)", chips.Text())
		}
		if s := doc.Find("#summary").Text(); !strings.Contains(s, "共") || !strings.Contains(s, "毫秒") {
			t.Errorf("summary %q; want total and time", s)
		}
		sec := doc.Find("#facet-section a")
		if sec.Length() == 0 {
			t.Fatal("no section facet")
		}
		sec.Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			v, _ := a.Attr("data-value")
			if !strings.Contains(href, "section="+v) || !strings.Contains(href, "q=") || a.Find(".count").Text() == "0" {
				t.Errorf("section facet %q → %q; want a link adding section=%s with a count", a.Text(), href, v)
			}
		})
		if doc.Find("#facet-kind a").Length() == 0 || doc.Find("#facet-money a").Length() == 0 {
			t.Error("no kind or money facet")
		}
		if doc.Find("#partial").Length() != 0 {
			t.Error("partial notice on a full match")
		}
	})

	t.Run("section filter", func(t *testing.T) {
		doc := page(t, h, "/search?q="+url.QueryEscape("企业")+"&section=02", 200)
		doc.Find("#hits .hit .sec").Each(func(_ int, s *goquery.Selection) {
			if !strings.HasPrefix(s.Text(), "02 ") {
				t.Errorf("hit in section %q under section=02", s.Text())
			}
		})
		active := doc.Find(".active-filters a")
		if active.Length() != 1 || !strings.Contains(active.Text(), "章节：聚力发展第一要务") {
			t.Fatalf("active filters %q; want the section title", active.Text())
		}
		if href, _ := active.Attr("href"); strings.Contains(href, "section=") || !strings.Contains(href, "q=") {
			t.Errorf("remove link %q; want the query without the section", href)
		}
		on := doc.Find("#facet-section a.on")
		if href, _ := on.Attr("href"); on.Length() != 1 || strings.Contains(href, "section=02") {
			t.Errorf("active facet link %q; want one that removes section=02", href)
		}
		if v, _ := doc.Find(`#search-form input[type=hidden][name=section]`).Attr("value"); v != "huacao-2023:02" {
			t.Errorf("hidden section input %q; want the filter kept for the next search", v)
		}
		if api, _ := doc.Find("#search-form").Attr("data-api"); !strings.Contains(api, "section=huacao-2023:02") {
			t.Errorf("data-api %q; want section=huacao-2023:02", api)
		}
	})

	t.Run("report filter", func(t *testing.T) {
		doc := page(t, h, "/search?q="+url.QueryEscape("企业")+"&report=huacao-2023", 200)
		active := doc.Find(".active-filters a")
		if !strings.Contains(active.Text(), "报告：huacao-2023") {
			t.Errorf("active filters %q; want the report", active.Text())
		}
		if href := doc.Find("#facet-section a").First().AttrOr("href", ""); !strings.Contains(href, "report=huacao-2023") {
			t.Errorf("facet link %q loses the report filter", href)
		}
	})

	t.Run("money filter", func(t *testing.T) {
		doc := page(t, h, "/search?money=ge100m&sort=-value", 200)
		if a := doc.Find(".active-filters a").Text(); !strings.Contains(a, "1亿元以上") {
			t.Errorf("active filters %q; want 1亿元以上", a)
		}
		if doc.Find("#hits .hit").Length() == 0 {
			t.Fatal("no hits for money=ge100m")
		}
		doc.Find("#hits .hit").Each(func(_ int, s *goquery.Selection) {
			if s.Find(".chip.kind-money").Length() == 0 {
				t.Errorf("hit without money figure: %q", s.Find(".text").Text())
			}
		})
		if a := doc.Find(`.sorts a[aria-current]`).Text(); a != "数值从大到小" {
			t.Errorf("current sort %q", a)
		}
	})

	t.Run("pagination", func(t *testing.T) {
		doc := page(t, h, "/search?q="+url.QueryEscape("社区"), 200)
		total, err := strconv.Atoi(doc.Find("#total").Text())
		if err != nil {
			t.Fatalf("#total: %v", err)
		}
		if total <= pageSize {
			t.Fatalf("%d hits for 社区; the test needs more than a page (%d)", total, pageSize)
		}
		next, ok := doc.Find(`.pager a[rel=next]`).Attr("href")
		if !ok || !strings.Contains(next, "page=2") {
			t.Fatalf("next link %q", next)
		}
		doc2 := page(t, h, next, 200)
		if start, _ := doc2.Find("#hits").Attr("start"); start != "11" {
			t.Errorf("page 2 list starts at %q; want 11", start)
		}
		if doc2.Find(`.pager span[aria-current=page]`).Text() != "2" {
			t.Error("page 2 not marked current")
		}
		p1 := doc.Find("#hits a.permalink").First().AttrOr("href", "")
		p2 := doc2.Find("#hits a.permalink").First().AttrOr("href", "")
		if p1 == p2 {
			t.Errorf("page 2 starts with the same hit as page 1: %s", p1)
		}
		last := (total + pageSize - 1) / pageSize
		docN := page(t, h, "/search?q="+url.QueryEscape("社区")+"&page="+strconv.Itoa(last), 200)
		if docN.Find(`.pager a[rel=next]`).Length() != 0 || docN.Find(`.pager a[rel=prev]`).Length() != 1 {
			t.Errorf("last page %d: want a previous link and no next link", last)
		}
		if n, want := docN.Find("#hits .hit").Length(), total-(last-1)*pageSize; n != want {
			t.Errorf("last page %d has %d hits; want %d of %d", last, n, want, total)
		}
	})

	t.Run("partial", func(t *testing.T) {
		doc := page(t, h, "/search?q="+url.QueryEscape("财政收入 火星"), 200)
		if doc.Find("#partial").Length() != 1 {
			t.Error("no partial-match notice")
		}
		// the word found nowhere is named, and every hit says it lacks it
		if got := doc.Find("#unmatched").Text(); !strings.Contains(got, "火星") {
			t.Errorf("unmatched notice %q; want it to name 火星", got)
		}
		hits := doc.Find("#hits .hit")
		if n := hits.Find(".missing s").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == "火星" }).Length(); n == 0 || n != hits.Length() {
			t.Errorf("%d of %d hits say they lack 火星", n, hits.Length())
		}
	})

	t.Run("no hits", func(t *testing.T) {
		doc := page(t, h, "/search?q=xylophone", 200)
		if doc.Find(".empty").Length() != 1 || doc.Find("#total").Text() != "0" {
			t.Error("no empty-result message")
		}
	})

	t.Run("escaping", func(t *testing.T) {
		evil := `<script>alert("x")</script>"><img src=x onerror=alert(1)>`
		w := get(t, h, "/search?q="+url.QueryEscape(evil))
		if w.Code != 200 {
			t.Fatalf("status %d", w.Code)
		}
		body := w.Body.String()
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Error("the query reaches the page unescaped")
		}
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
		if v, _ := doc.Find("input#q").Attr("value"); v != evil {
			t.Errorf("search box value %q; want the query as typed", v)
		}
	})

	t.Run("bad parameters", func(t *testing.T) {
		// each in Chinese, saying what is wrong and what to do; the
		// English detail only in the folded technical details
		for target, want := range map[string]string{
			"/search?page=0":             "页码",
			"/search?q=x&section=99":     "章节",
			"/search?money=lots":         "金额范围",
			"/search?q=%zz":              "链接有误",
			"/search?q=" + q("(((("):     "没有可以查找的文字",
			"/search?q=-":                "没有可以查找的文字",
			"/search?q=" + q("1亿元-50家"):  "单位",
			"/search?q=" + q("1亿-1000万"): "下限大于上限",
		} {
			doc := page(t, h, target, 400)
			msg := doc.Find("#error-message").Text()
			if !strings.Contains(msg, want) || !strings.Contains(msg, "请") || strings.ContainsFunc(msg, func(r rune) bool { return r >= 'a' && r <= 'z' }) {
				t.Errorf("%s: error message %q; want Chinese about %s, saying what to do", target, msg, want)
			}
			if detail := doc.Find("#error-detail").Text(); detail == "" {
				t.Errorf("%s: no technical detail", target)
			}
		}
		// the query stays in the box, to be mended
		doc := page(t, h, "/search?q="+q("(((("), 400)
		if v, _ := doc.Find("#mini-q").Attr("value"); v != "((((" {
			t.Errorf("search box after a bad query holds %q", v)
		}
	})

	if l := log.String(); !strings.Contains(l, "method=GET path=/search") || !strings.Contains(l, "status=200") || !strings.Contains(l, "duration=") {
		t.Errorf("access log lacks method, path, status or duration:\n%s", truncate(l, 500))
	}
}

func TestBulletPage(t *testing.T) {
	h, _ := newReal(t)
	ix := realIndex(t)
	b, err := ix.Bullet("02-02")
	if err != nil {
		t.Fatalf("bullet 02-02: %v", err)
	}
	doc := page(t, h, "/b/huacao-2023:02-02", 200)
	if got := doc.Find("#bullet .current .text").Text(); got != b.Text {
		t.Errorf("current bullet %q; want %q", got, b.Text)
	}
	before, after, err := ix.Neighbours(context.Background(), "huacao-2023:02-02", 2)
	if err != nil {
		t.Fatal(err)
	}
	if n := doc.Find("#bullet .context li.near").Length(); n != len(before)+len(after) || n == 0 {
		t.Errorf("%d neighbours; want %d", n, len(before)+len(after))
	}
	if href, _ := doc.Find("#bullet .context li.near a").First().Attr("href"); href != "/b/huacao-2023:"+before[0].ID {
		t.Errorf("first neighbour link %q; want /b/huacao-2023:%s", href, before[0].ID)
	}
	if pl := doc.Find("#place").Text(); !strings.Contains(pl, b.Section.Title) || !strings.Contains(pl, "第 2 条") {
		t.Errorf("place %q; want the section and 第 2 条", pl)
	}
	if l := doc.Find("#lines").Text(); !strings.Contains(l, strconv.Itoa(b.Lines[0])) {
		t.Errorf("lines %q; want %d", l, b.Lines[0])
	}
	figs := doc.Find("#bullet .current .fig")
	if figs.Length() != len(b.Metrics) || figs.First().Text() != b.Metrics[0].Text {
		t.Errorf("marked figures %q; want the %d figures starting with %q", figs.Text(), len(b.Metrics), b.Metrics[0].Text)
	}
	if n := doc.Find("#bullet table.figures tbody tr").Length(); n != len(b.Metrics) {
		t.Errorf("%d figure rows; want %d", n, len(b.Metrics))
	}
	if href, _ := doc.Find(".crumbs a").Eq(2).Attr("href"); !strings.Contains(href, "section=huacao-2023:02") {
		t.Errorf("section crumb %q", href)
	}
	page(t, h, "/b/02-02", 200) // the bare id, with one report

	doc = page(t, h, "/b/99-99", 404)
	if doc.Find("#error-message").Length() != 1 {
		t.Error("404 page has no message")
	}
}

// TestFiguresByValue checks that /figures sorted by value compares figures
// only within a kind and unit, the kinds in corpus.Kinds' order (money
// first) in either direction, each run headed by its kind's label.
func TestFiguresByValue(t *testing.T) {
	h, _ := newReal(t)
	labels := map[string]string{}
	for _, k := range corpus.Kinds() {
		labels[k.Name] = k.Label
	}
	for _, dir := range []string{"", "desc"} {
		doc := page(t, h, "/figures?sort=value&dir="+dir, 200)
		var kinds []int
		var heading, prevGroup string
		var prev float64
		doc.Find("table#figures tbody tr").Each(func(i int, tr *goquery.Selection) {
			if tr.HasClass("group") {
				heading = tr.Text()
				return
			}
			kind, unit := tr.AttrOr("data-kind", ""), tr.AttrOr("data-unit", "")
			v, _ := strconv.ParseFloat(tr.AttrOr("data-value", ""), 64)
			group := kind + "/" + unit
			if want := labels[kind] + "（" + unit + "）"; heading != want {
				t.Errorf("dir=%s row %d (%s) under the heading %q; want %q", dir, i, group, heading, want)
			}
			if group == prevGroup && ((dir == "" && v < prev) || (dir == "desc" && v > prev)) {
				t.Errorf("dir=%s row %d: %v after %v in %s", dir, i, v, prev, group)
			}
			if group != prevGroup {
				kinds = append(kinds, kindRank(kind))
			}
			prevGroup, prev = group, v
		})
		if len(kinds) < 3 || kinds[0] != 0 || !slices.IsSorted(kinds) {
			t.Errorf("dir=%s: kinds in the order %v; want corpus.Kinds' order, money (0) first", dir, kinds)
		}
	}
}

func TestFiguresPage(t *testing.T) {
	h, _ := newReal(t)
	rows, truncated, err := realIndex(t).Metrics(context.Background(), nil, nil)
	if err != nil || truncated {
		t.Fatal(err, truncated)
	}
	money := 0
	for _, r := range rows {
		if r.Bullet.Metrics[r.I].Kind == "money" {
			money++
		}
	}
	doc := page(t, h, "/figures", 200)
	if n := doc.Find("table#figures tbody tr").Length(); n != len(rows) {
		t.Errorf("%d table rows; want every figure (%d)", n, len(rows))
	}
	if n := doc.Find("svg#money-chart rect.bar").Length(); n != min(money, chartMaxBars) || n == 0 {
		t.Errorf("%d bars; want %d money figures", n, money)
	}
	if doc.Find("svg#money-chart title").Length() == 0 || doc.Find("svg#money-chart[role=img]").Length() != 1 {
		t.Error("chart is not accessible")
	}
	if th := doc.Find(`th[aria-sort]`).AttrOr("data-key", ""); th != "order" {
		t.Errorf("sorted column %q; want order", th)
	}
	// Each row links to its bullet, named by the id readers see elsewhere.
	first := rows[0].Bullet
	link := doc.Find("table#figures tbody tr").First().Find("td:last-child a")
	if link.Text() != "第 "+first.ID+" 条" || link.AttrOr("href", "") != "/b/"+url.PathEscape(first.Key()) {
		t.Errorf("first row links %q to %q; want 第 %s 条 to the bullet %s", link.Text(), link.AttrOr("href", ""), first.ID, first.Key())
	}

	// Sorted by value, largest first: the first money row is the largest figure.
	doc = page(t, h, "/figures?kind=money&sort=value&dir=desc", 200)
	var prev float64 = 1e300
	doc.Find("table#figures tbody tr[data-order]").Each(func(i int, tr *goquery.Selection) {
		v, err := strconv.ParseFloat(tr.AttrOr("data-value", ""), 64)
		if err != nil || v > prev {
			t.Errorf("row %d value %v after %v; want descending", i, v, prev)
		}
		prev = v
		if tr.AttrOr("data-kind", "") != "money" {
			t.Errorf("row %d kind %q under kind=money", i, tr.AttrOr("data-kind", ""))
		}
	})
	if s := doc.Find(`th[aria-sort]`); s.AttrOr("data-key", "") != "value" || s.AttrOr("aria-sort", "") != "descending" {
		t.Errorf("sorted column %q %q", s.AttrOr("data-key", ""), s.AttrOr("aria-sort", ""))
	}
	if v := doc.Find("#f-kind option[selected]").AttrOr("value", ""); v != "money" {
		t.Errorf("kind select %q; want money kept", v)
	}

	doc = page(t, h, "/figures?section=05", 200)
	doc.Find("table#figures tbody tr td:first-child").Each(func(_ int, td *goquery.Selection) {
		if !strings.HasPrefix(td.Text(), "05 ") {
			t.Errorf("row in section %q under section=05", td.Text())
		}
	})
	page(t, h, "/figures?sort=weight", 400)
	page(t, h, "/figures?dir=up", 400)
}

func TestErrorPagesAndStatic(t *testing.T) {
	h, _ := newReal(t)
	doc := page(t, h, "/no/such/page", 404)
	if !strings.Contains(doc.Find("h1").Text(), "找不到页面") {
		t.Errorf("404 heading %q", doc.Find("h1").Text())
	}
	w := do(t, h, http.MethodPost, "/search", nil)
	if w.Code != http.StatusMethodNotAllowed || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") || w.Header().Get("Allow") == "" {
		t.Errorf("POST /search: %d %q; want a 405 page with Allow", w.Code, w.Header().Get("Content-Type"))
	}
	w = get(t, h, "/search?q="+strings.Repeat("x", maxURLBytes))
	if w.Code != http.StatusRequestEntityTooLarge || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Errorf("long URL: %d %q; want a 413 page", w.Code, w.Header().Get("Content-Type"))
	}

	s := New(realIndex(t), Options{})
	for _, name := range []string{"app.js", "style.css", "icon.svg"} {
		w := get(t, h, s.staticURL(name))
		if w.Code != 200 || w.Body.Len() == 0 || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("GET %s: %d, %d bytes, Cache-Control %q", s.staticURL(name), w.Code, w.Body.Len(), w.Header().Get("Cache-Control"))
		}
	}
	if ct := get(t, h, "/static/app.js").Header().Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("app.js Content-Type %q", ct)
	}
	for _, target := range []string{"/static/", "/static/nope.js", "/static/..%2fserver.go", "/static", "/static/app.js/"} {
		if w := get(t, h, target); w.Code == 200 {
			t.Errorf("GET %s: 200 %q; want nothing served", target, truncate(w.Body.String(), 80))
		}
	}
	if w := get(t, h, "/favicon.ico"); w.Code != 200 || w.Header().Get("Content-Type") != "image/svg+xml" {
		t.Errorf("favicon: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
}

// TestPanicPage checks that a panic while rendering a page is a logged 500.
func TestPanicPage(t *testing.T) {
	h, log := newFake(nil) // a nil search func panics when called
	doc := page(t, h, "/search?q=x", 500)
	if !strings.Contains(doc.Find("#error-message").Text(), "服务器内部错误") {
		t.Errorf("500 page message %q", doc.Find("#error-message").Text())
	}
	if !strings.Contains(log.String(), "level=ERROR msg=panic") || !strings.Contains(log.String(), "status=500") {
		t.Errorf("panic not logged:\n%s", log.String())
	}
}

func TestFigureParts(t *testing.T) {
	text := "收入5亿元，增长8%。"
	m := func(start, end int) corpus.Metric { return corpus.Metric{Start: start, End: end, Kind: "money"} }
	i5 := strings.Index(text, "5亿元")
	i8 := strings.Index(text, "8%")
	tests := []struct {
		ms   []corpus.Metric
		want []string // parts; figures in [brackets]
	}{
		{nil, []string{text}},
		{[]corpus.Metric{m(i5, i5+len("5亿元")), m(i8, i8+2)}, []string{"收入", "[5亿元]", "，增长", "[8%]", "。"}},
		{[]corpus.Metric{m(0, len(text))}, []string{"[" + text + "]"}},
		{[]corpus.Metric{m(i8, i8+2), m(i5, i5+1)}, []string{text}},   // out of order
		{[]corpus.Metric{m(1, 4)}, []string{text}},                    // inside a character
		{[]corpus.Metric{m(i5, len(text)+1)}, []string{text}},         // out of range
		{[]corpus.Metric{m(i5, i5+4), m(i5+1, i5+4)}, []string{text}}, // overlapping
	}
	for _, tt := range tests {
		var got []string
		for _, p := range figureParts(text, tt.ms) {
			if p.Kind != "" {
				got = append(got, "["+p.Text+"]")
			} else {
				got = append(got, p.Text)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("figureParts(%v) = %q; want %q", tt.ms, got, tt.want)
		}
	}
}
