package server

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromiumNames are the names Chromium goes by on the PATH: Debian's
// package, other distributions', and Google's build.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome"}

// findChromium returns the path of the first of chromiumNames on the PATH.
func findChromium() (string, error) {
	for _, name := range chromiumNames {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("none of %s is on the PATH", strings.Join(chromiumNames, ", "))
}

var screenshots = flag.String("screenshots", "", "also copy the browser test's screenshots into this `dir`")

// newBrowser starts a headless Chromium for one test. Without Chromium the
// test is skipped, unless CI is set: there it must have been installed.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	chromium, err := findChromium()
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no Chromium: %v (install Debian's chromium; CI must have it)", err)
		}
		t.Fatalf("CI is set but there is no Chromium: %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}

// saveScreenshot writes a full-page screenshot under the test's temp dir
// (and into -screenshots, if given).
func saveScreenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if len(png) < 1000 {
		t.Errorf("screenshot %s is only %d bytes", name, len(png))
	}
	for _, d := range []string{dir, *screenshots} {
		if d == "" {
			continue
		}
		if err := os.WriteFile(filepath.Join(d, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowser drives a real browser through the pages: type a query and see
// highlighted hits arrive as you type, narrow by a section facet, use the
// keyboard, open a permalink, and sort the figures table.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	h, _ := newReal(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	shots := t.TempDir()

	// Collect script errors and console errors (a CSP violation is one).
	var mu sync.Mutex // guards problems
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			problems = append(problems, "exception: "+msg)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				problems = append(problems, "console: "+ev.Entry.Text)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}

	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			saveScreenshot(t, ctx, shots, "failed.png")
			t.Fatalf("%s: %v", step, err)
		}
	}
	location := func() *url.URL {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		must("location", err)
		u, err := url.Parse(loc)
		must("parse location", err)
		return u
	}
	texts := func(sel string) []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(`+jsString(sel)+`), e => e.textContent.trim())`))
		must("read "+sel, err)
		return v
	}

	// 1. The home page; "/" focuses the search box; typing updates the
	// results through the API without a page load.
	start := time.Now()
	must("open home", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(".browse")),
		chromedp.KeyEvent("/"),
	))
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	must("focus", err)
	if focused != "q" {
		t.Errorf(`after "/", focus is on %q; want the search box`, focused)
	}
	// The synthetic key event also delivers its character to the now
	// focused box, which a real keypress does not (the script cancels it).
	must("clear box", chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`)))
	must("type query", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#q"), "财政收入"),
		chromedp.WaitVisible(chromedp.CSS("#hits .hit mark")),
	))
	t.Logf("typed query to highlighted hits: %v", time.Since(start).Round(time.Millisecond))
	marks := texts("#hits .hit mark")
	if len(marks) == 0 || !strings.Contains(strings.Join(marks, ""), "财政") {
		t.Errorf("marks after typing = %q; want 财政", marks)
	}
	if u := location(); u.Path != "/search" || u.Query().Get("q") != "财政收入" {
		t.Errorf("URL after typing = %s; want /search?q=财政收入", u)
	}
	if ids := texts("#facet-section a"); len(ids) == 0 {
		t.Fatal("no section facet after typing")
	}
	saveScreenshot(t, ctx, shots, "typed.png")

	// What the script rendered is what the server renders for that URL.
	scripted := [][]string{texts("#hits .hit"), texts("#facets a"), texts(".sorts a")}
	must("reload", chromedp.Do(ctx,
		chromedp.Navigate(location().String()),
		chromedp.WaitVisible(chromedp.CSS("#hits .hit mark")),
	))
	served := [][]string{texts("#hits .hit"), texts("#facets a"), texts(".sorts a")}
	for i, what := range []string{"hits", "facets", "sort links"} {
		if flat(scripted[i]) != flat(served[i]) {
			t.Errorf("%s rendered by the script differ from the server's:\n script %q\n server %q", what, scripted[i], served[i])
		}
	}

	// 2. A broader query, then the section facet 02 (rendered by the script):
	// the list narrows and the URL holds the filter.
	must("broader query", chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById('q').select()`),
		chromedp.SendKeys(chromedp.CSS("#q"), "企业"),
		chromedp.Poll[chromedp.Void](`new URLSearchParams(location.search).get('q') === '企业' && document.querySelector('#facet-section a[data-value="huacao-2023:02"]')`, chromedp.WithPollingTimeout(20*time.Second)),
	))
	before := texts("#hits .hit .sec")
	must("click section facet", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#facet-section a[data-value="huacao-2023:02"]`)),
		chromedp.WaitVisible(chromedp.CSS(".active-filters")),
	))
	u := location()
	if u.Query().Get("section") != "huacao-2023:02" || u.Query().Get("q") != "企业" {
		t.Errorf("URL after the facet = %s; want q=企业&section=02", u)
	}
	secs := texts("#hits .hit .sec")
	if len(secs) == 0 {
		t.Fatal("no hits in section 02")
	}
	for _, s := range secs {
		if !strings.HasPrefix(s, "02 ") {
			t.Errorf("hit in section %q after choosing 02", s)
		}
	}
	if strings.Join(before, "|") == strings.Join(secs, "|") {
		t.Errorf("the facet did not change the list: %q", secs)
	}
	if active := texts(".active-filters a"); len(active) != 1 || !strings.Contains(active[0], "聚力发展第一要务") {
		t.Errorf("active filters = %q; want the section title", active)
	}
	saveScreenshot(t, ctx, shots, "filtered.png")

	// 3. The keyboard: ↓ from the box reaches the first hit.
	must("arrow down", chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS("#q")),
		chromedp.KeyEvent(kb.ArrowDown),
	))
	cls, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className + ' ' + document.activeElement.closest('.hit')?.className`))
	must("active element", err)
	if !strings.Contains(cls, "permalink") || !strings.Contains(cls, "current") {
		t.Errorf("after ↓, the focused element is %q; want the first hit's link", cls)
	}

	// 4. The permalink: the bullet in context.
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#hits a.permalink').getAttribute('href')`))
	must("permalink href", err)
	must("open permalink", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#hits a.permalink")),
		chromedp.WaitVisible(chromedp.CSS("#bullet .current")),
	))
	if u := location(); u.Path != first || !strings.HasPrefix(u.Path, "/b/huacao-2023:02-") {
		t.Errorf("permalink URL = %s; want %s in section 02", u.Path, first)
	}
	if near := texts("#bullet .context li.near"); len(near) == 0 {
		t.Error("no neighbouring bullets on the permalink page")
	}
	saveScreenshot(t, ctx, shots, "bullet.png")

	// 5. The figures page: the chart, and the table sorted by a header click.
	must("open figures", chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/figures?kind=money"),
		chromedp.WaitVisible(chromedp.CSS("#money-chart")),
		chromedp.Click(chromedp.CSS(`th[data-key="value"] a`)),
	))
	vals, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`Array.from(document.querySelectorAll('#figures tbody tr'), r => parseFloat(r.dataset.value))`))
	must("table values", err)
	for i := 1; i < len(vals); i++ {
		if vals[i] < vals[i-1] {
			t.Errorf("after sorting by value, row %d (%g) < row %d (%g)", i, vals[i], i-1, vals[i-1])
		}
	}
	if u := location(); u.Query().Get("sort") != "value" || u.Query().Get("kind") != "money" {
		t.Errorf("figures URL after sorting = %s; want sort=value kept with kind=money", u)
	}
	saveScreenshot(t, ctx, shots, "figures.png")

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser reported %s", p)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// flat joins texts without their whitespace, which the script and the
// templates lay out differently.
func flat(texts []string) string {
	return strings.Join(strings.Fields(strings.Join(texts, "|")), "")
}
