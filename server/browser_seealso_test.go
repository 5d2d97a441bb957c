package server

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"
)

// TestBrowserSeeAlsoAndSuggestions checks that what the script renders as
// the reader types matches the server's page: a near duplicate shown once
// with its 另见 link, and the words suggested when nothing is found.
func TestBrowserSeeAlsoAndSuggestions(t *testing.T) {
	ctx := newBrowser(t)
	h, _ := newReal(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
	); err != nil {
		t.Fatal(err)
	}
	typeQuery := func(s, wait string) {
		t.Helper()
		eval[chromedp.Void](t, ctx, `(() => { const q = document.getElementById('q'); q.value = `+jsString(s)+`; q.dispatchEvent(new Event('input', {bubbles: true})); })()`)
		cond := `document.title.startsWith(` + jsString(s) + `) && document.querySelector(` + jsString(wait) + `)`
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Fatalf("typing %s: no %s", s, wait)
		}
	}
	read := func(sel string) string {
		t.Helper()
		return eval[string](t, ctx, `Array.from(document.querySelectorAll(`+jsString(sel)+`), e => e.textContent + ' ' + (e.getAttribute('href') || '')).join('|').replace(/\s+/g, ' ')`)
	}
	served := func(target, sel string) string {
		var out []string
		page(t, h, target, 200).Find(sel).Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Attr("href")
			out = append(out, strings.Join(strings.Fields(s.Text()+" "+href), " "))
		})
		return strings.Join(out, "|")
	}

	typeQuery("配套用房", "#hits .hit")
	got, want := read("#hits .see-also a"), served("/search?q="+url.QueryEscape("配套用房"), "#hits .see-also a")
	if got == "" || got != want {
		t.Errorf("the script's 另见 links %q; the server's %q", got, want)
	}

	typeQuery("养老服物", "#results #empty")
	got, want = read("#suggest-words a"), served("/search?q="+url.QueryEscape("养老服物"), "#suggest-words a")
	if !strings.Contains(got, "养老服务") || got != want {
		t.Errorf("the script's suggested words %q; the server's %q; want 养老服务 among them", got, want)
	}
}
