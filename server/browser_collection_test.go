package server

import (
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserCollection drives a real browser over the embedded collection:
// a search across reports, the level facet narrowing it to the national
// reports (rendered by the script, then by the server), hits naming their
// report and linking to report:id permalinks, a long passage shown as a
// fragment with … and its whole text on its permalink, and the report page.
func TestBrowserCollection(t *testing.T) {
	ctx := newBrowser(t)
	ts := httptest.NewServer(newCollection(t))
	defer ts.Close()
	shots := t.TempDir()

	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			saveScreenshot(t, ctx, shots, "collection-failed.png")
			t.Fatalf("%s: %v", step, err)
		}
	}
	texts := func(sel string) []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(`+jsString(sel)+`), e => e.textContent.trim())`))
		must("read "+sel, err)
		return v
	}
	attrs := func(sel, name string) []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(`+jsString(sel)+`), e => e.getAttribute(`+jsString(name)+`))`))
		must("read "+sel, err)
		return v
	}
	location := func() *url.URL {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		must("location", err)
		u, err := url.Parse(loc)
		must("parse location", err)
		return u
	}

	// 1. Type a query: the script renders hits of several reports, each
	// naming its report, and the report facets.
	must("type query", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(".browse")),
		chromedp.SendKeys(chromedp.CSS("#q"), "粮食产量"),
		chromedp.Poll[chromedp.Void](`document.querySelector('#facet-level a[data-value="national"]') && document.querySelector('#hits .hit .rep')`, chromedp.WithPollingTimeout(20*time.Second)),
	))
	if reps := texts("#hits .hit .rep"); len(reps) == 0 {
		t.Fatal("hits do not name their report")
	}
	for _, href := range attrs("#hits .hit a.permalink", "href") {
		if !strings.HasPrefix(href, "/b/") || !strings.Contains(href, ":") {
			t.Errorf("hit link %q; want /b/report:id", href)
		}
	}

	// 2. The level facet: only national reports' hits remain, in the URL too.
	must("click level facet", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#facet-level a[data-value="national"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#facet-level a.on[data-value="national"]`)),
	))
	if u := location(); u.Query().Get("level") != "national" {
		t.Errorf("URL after the level facet = %s; want level=national", u)
	}
	reps := texts("#hits .hit .rep")
	if len(reps) == 0 {
		t.Fatal("no hits after the level facet")
	}
	for _, r := range reps {
		if !strings.Contains(r, "国务院") {
			t.Errorf("hit of report %q under level=national", r)
		}
	}
	saveScreenshot(t, ctx, shots, "collection-level.png")

	// 3. A long passage: the list shows a fragment cut with …, the
	// permalink the whole passage.
	must("long passage search", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/search?q="+url.QueryEscape("南水北调")+"&level=national"),
		chromedp.WaitVisible(chromedp.CSS("#hits .hit mark")),
	))
	hits := texts("#hits .hit a.permalink")
	links := attrs("#hits .hit a.permalink", "href")
	cut := -1
	for i, h := range hits {
		if strings.HasPrefix(h, "…") || strings.HasSuffix(h, "…") {
			cut = i
			break
		}
	}
	if cut < 0 {
		t.Fatalf("no hit shown as a fragment with …: %q", hits)
	}
	must("open long passage", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+links[cut]),
		chromedp.WaitVisible(chromedp.CSS("#bullet .current .text")),
	))
	whole := texts("#bullet .current .text")
	frag := strings.Trim(hits[cut], "…")
	if len(whole) != 1 || len([]rune(whole[0])) <= len([]rune(frag)) {
		t.Errorf("permalink %s shows %q; want the whole passage, longer than the fragment %q", links[cut], whole, frag)
	}
	for _, part := range strings.Split(frag, "…") {
		if !strings.Contains(whole[0], part) {
			t.Errorf("fragment part %q is not in the passage %q", part, whole[0])
		}
	}
	if u := location(); !strings.HasPrefix(u.Path, "/b/national-") {
		t.Errorf("permalink %s; want /b/national-…", u.Path)
	}

	// 4. The report page from the permalink's crumbs.
	must("report page", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`.crumbs a.report`)),
		chromedp.WaitVisible(chromedp.CSS(`#report .outline`)),
	))
	if n := len(texts("#report .outline li")); n < 3 {
		t.Errorf("report outline has %d sections", n)
	}
	saveScreenshot(t, ctx, shots, "collection-report.png")
}

// TestBrowserCollectionLayout opens the collection's pages (the home page's
// report list, a search with report facets, a report page, a permalink) at
// a phone's and a desktop's size: nothing sticks out, and axe-core finds no
// violation. Screenshots are kept as artefacts (collection-*.png).
func TestBrowserCollectionLayout(t *testing.T) {
	ctx := newBrowser(t)
	ts := httptest.NewServer(newCollection(t))
	defer ts.Close()
	dir := artefactsDir(t)
	axe, axeErr := axeSource()
	if axeErr != nil && os.Getenv("CI") != "" {
		t.Fatalf("CI is set but axe-core is missing (.ci/run installs it): %v", axeErr)
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"search", "/search?q=" + url.QueryEscape("南水北调") + "&level=national"},
		{"report", "/r/national-2024"},
		{"bullet", "/b/national-2024:03.01-02"},
	}
	for _, vp := range viewports {
		opts := []chromedp.EmulateViewportOption{}
		if vp.phone {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.width, vp.height, opts...)); err != nil {
			t.Fatal(err)
		}
		for _, pg := range pages {
			name := "collection-" + pg.name + "-" + vp.name
			if err := chromedp.Do(ctx,
				chromedp.Navigate(ts.URL+pg.path),
				chromedp.WaitVisible(chromedp.CSS("footer.site")),
			); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			saveScreenshot(t, ctx, dir, name+".png")
			for _, o := range eval[[]string](t, ctx, overflowScript) {
				t.Errorf("%s: %s", name, o)
			}
			t.Run("axe/"+name, func(t *testing.T) {
				if axeErr != nil {
					t.Skipf("no axe-core (%v): run .ci/run once, or set REPORTSEARCH_AXE to axe.min.js", axeErr)
				}
				checkAxe(t, ctx, axe, name)
			})
		}
	}
}
