package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// requestLog records the search requests a page sends to the server.
type requestLog struct {
	mu   sync.Mutex // guards reqs
	reqs []*url.URL
}

// wrap returns h recording every request to /api/search and /search.
func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/search" || r.URL.Path == "/search" {
			u := *r.URL
			l.mu.Lock()
			l.reqs = append(l.reqs, &u)
			l.mu.Unlock()
		}
		h.ServeHTTP(w, r)
	})
}

// take returns the requests recorded since the last take.
func (l *requestLog) take() []*url.URL {
	l.mu.Lock()
	defer l.mu.Unlock()
	reqs := l.reqs
	l.reqs = nil
	return reqs
}

// eval runs a JavaScript expression and fails the test on error.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.60s…: %v", expr, err)
	}
	return v
}

// pageProbe is installed in a page to record what a reader could have seen
// between two checks: every URL written into the address bar by the script,
// whether the empty state ("没有找到") was ever shown, and when the last
// input event and the first empty state happened (performance.now(), ms).
const pageProbe = `(() => {
  const p = window.__probe = {urls: [], empty: false, emptyAt: 0, lastInput: 0};
  for (const m of ['replaceState', 'pushState']) {
    const f = history[m].bind(history);
    history[m] = (s, t, u) => { p.urls.push(String(u)); return f(s, t, u); };
  }
  document.addEventListener('input', () => { p.lastInput = performance.now(); }, true);
  const seen = () => {
    if (p.empty) return;
    const s = document.getElementById('summary');
    if (document.querySelector('#results .empty') || (s && /共\s*0\s*条/.test(s.textContent))) {
      p.empty = true;
      p.emptyAt = performance.now();
    }
  };
  new MutationObserver(seen).observe(document.body, {subtree: true, childList: true, characterData: true});
})()`

type probe struct {
	URLs      []string `json:"urls"`
	Empty     bool     `json:"empty"`
	EmptyAt   float64  `json:"emptyAt"`
	LastInput float64  `json:"lastInput"`
}

// TestBrowserIME types 养老 through a simulated pinyin input method: while the
// word is being composed the page sends no search, keeps its address and
// never shows the empty state; once the composition ends it searches once.
// Then a query without hits, typed in one go, keeps the previous hits on
// screen until the reader pauses.
func TestBrowserIME(t *testing.T) {
	ctx := newBrowser(t)
	h, _ := newReal(t)
	var log requestLog
	ts := httptest.NewServer(log.wrap(h))
	defer ts.Close()

	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.Focus(chromedp.CSS("#q")),
	); err != nil {
		t.Fatal(err)
	}
	eval[chromedp.Void](t, ctx, pageProbe)
	log.take()

	// The input method shows its pinyin in the box as it is typed, one
	// keystroke at a time, slower than the page's typing pause.
	for _, s := range []string{"y", "ya", "yan", "yang", "yang'l", "yang'la", "yang'lao"} {
		n := int64(len(s))
		if _, err := chromedp.Call(ctx, input.ImeSetComposition, input.ImeSetCompositionParams{Text: s, SelectionStart: n, SelectionEnd: n}); err != nil {
			t.Fatalf("compose %q: %v", s, err)
		}
		time.Sleep(300 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	if v := eval[string](t, ctx, `document.getElementById('q').value`); v != "yang'lao" {
		t.Fatalf("while composing, the box holds %q; want the pinyin yang'lao (did the composition start?)", v)
	}
	for _, u := range log.take() {
		t.Errorf("request sent while composing: %s", u)
	}
	if loc := eval[string](t, ctx, `location.pathname + location.search`); loc != "/" {
		t.Errorf("address while composing = %s; want / unchanged", loc)
	}

	// Choosing 养老 ends the composition: one search, for 养老.
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: "养老"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](
		`new URLSearchParams(location.search).get('q') === '养老' && document.querySelector('#hits .hit mark')`,
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("no hits for 养老 after the composition ended: %v", err)
	}
	marks := eval[string](t, ctx, `Array.from(document.querySelectorAll('#hits mark'), m => m.textContent).join('')`)
	if !strings.Contains(marks, "养老") {
		t.Errorf("marked words after the composition = %q; want 养老", marks)
	}
	time.Sleep(300 * time.Millisecond) // a second search would have left by now
	reqs := log.take()
	if len(reqs) != 1 || reqs[0].Path != "/api/search" || reqs[0].Query().Get("q") != "养老" {
		t.Errorf("requests after the composition ended = %v; want one /api/search?q=养老", reqs)
	}
	p := eval[probe](t, ctx, `window.__probe`)
	for _, u := range p.URLs {
		if strings.ContainsAny(u, "yl'") {
			t.Errorf("the address held the pinyin: %s", u)
		}
	}
	if p.Empty {
		t.Error("the empty state was shown while 养老 was being typed")
	}

	// A query without hits, typed without an input method: the hits of 养老
	// stay until the reader pauses, then the empty state says so.
	eval[chromedp.Void](t, ctx, `window.__probe.empty = false; document.getElementById('q').select()`)
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: "zqxj"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`window.__probe.empty`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("no empty state for zqxj: %v", err)
	}
	p = eval[probe](t, ctx, `window.__probe`)
	if wait := p.EmptyAt - p.LastInput; wait < 900 {
		t.Errorf("the empty state showed %.0f ms after the last keystroke; want it held ≥ 900 ms while typing", wait)
	}
	if q := eval[string](t, ctx, `new URLSearchParams(location.search).get('q')`); q != "zqxj" {
		t.Errorf("address q = %q after the pause; want zqxj", q)
	}
}

// viewport is a window size the pages are checked at.
type viewport struct {
	name          string
	width, height int64
	phone         bool // a touch screen without hover
}

var viewports = []viewport{
	{"phone", 390, 844, true},
	{"desktop", 1280, 800, false},
}

// artefactsDir is where the layout test keeps its screenshots:
// $REPORTSEARCH_ARTEFACTS (created if needed), else a temporary folder.
func artefactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("REPORTSEARCH_ARTEFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// axeSource returns axe-core's browser script: $REPORTSEARCH_AXE, or
// reportsearch/axe/node_modules/axe-core/axe.min.js in the user's cache
// folder, where .ci/run installs it with npm.
func axeSource() (string, error) {
	path := os.Getenv("REPORTSEARCH_AXE")
	if path == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		path = filepath.Join(cache, "reportsearch", "axe", "node_modules", "axe-core", "axe.min.js")
	}
	src, err := os.ReadFile(path)
	return string(src), err
}

// axeViolation is one failed axe-core rule.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// overflowScript lists what makes a page or a box scroll sideways: the
// document wider than the window, or any element scrolling horizontally.
const overflowScript = `(() => {
  const out = [];
  const d = document.documentElement;
  if (d.scrollWidth > d.clientWidth) {
    out.push('document ' + d.scrollWidth + ' > ' + d.clientWidth + ' px, widest: ' +
      Array.from(document.body.querySelectorAll('*'))
        .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
        .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width) + 'px').join(', '));
  }
  for (const e of document.body.querySelectorAll('*')) {
    const o = getComputedStyle(e).overflowX;
    if ((o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1) {
      out.push(e.tagName.toLowerCase() + '.' + e.className + ' scrolls sideways: ' + e.scrollWidth + ' > ' + e.clientWidth + ' px');
    }
  }
  return out;
})()`

// contrastScript computes the contrast ratio (WCAG 2) of the element's
// border against its own background and against the background around it.
const contrastScript = `((sel) => {
  const rgb = c => c.match(/[\d.]+/g).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const bg = e => {
    for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (rgb(c).length < 4 || rgb(c)[3] > 0) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const e = document.querySelector(sel);
  const s = getComputedStyle(e);
  return {inside: ratio(s.borderTopColor, bg(e)), outside: ratio(s.borderTopColor, bg(e.parentElement)), width: parseFloat(s.borderTopWidth)};
})`

// TestBrowserLayout opens the home page, a search and the figures page at a
// phone's and a desktop's size: nothing scrolls sideways, the filters sit
// above the results on a phone, the chart's text is legible, the keyboard
// hint shows only where there is a keyboard, the search box's border stands
// out, and axe-core finds no violation. Screenshots are kept as artefacts.
func TestBrowserLayout(t *testing.T) {
	ctx := newBrowser(t)
	h, _ := newReal(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	dir := artefactsDir(t)

	// Without axe-core its checks skip, unless CI is set.
	axe, axeErr := axeSource()
	if axeErr != nil && os.Getenv("CI") != "" {
		t.Fatalf("CI is set but axe-core is missing (.ci/run installs it): %v", axeErr)
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"search", "/search?q=" + url.QueryEscape("养老")},
		{"figures", "/figures"},
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
			name := pg.name + "-" + vp.name
			if err := chromedp.Do(ctx,
				chromedp.Navigate(ts.URL+pg.path),
				chromedp.WaitVisible(chromedp.CSS("footer.site")),
			); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if w := eval[int](t, ctx, `document.documentElement.clientWidth`); w != int(vp.width) {
				t.Fatalf("%s: window is %d px wide; want %d", name, w, vp.width)
			}
			saveScreenshot(t, ctx, dir, name+".png")
			t.Logf("%s: page %d px tall", name, eval[int](t, ctx, `document.documentElement.scrollHeight`))

			for _, o := range eval[[]string](t, ctx, overflowScript) {
				t.Errorf("%s: %s", name, o)
			}

			if pg.name != "figures" {
				hidden := eval[bool](t, ctx, `(e => !!e && getComputedStyle(e).display === 'none')(document.querySelector('#q-hint .keys'))`)
				if hidden != vp.phone {
					t.Errorf("%s: keyboard hint hidden = %v; want it hidden only on a touch screen", name, hidden)
				}
				// The placeholder fits the box it is written in.
				fits := eval[[]float64](t, ctx, `(() => {
				  const q = document.getElementById('q'), s = getComputedStyle(q);
				  const c = document.createElement('canvas').getContext('2d');
				  c.font = s.fontSize + ' ' + s.fontFamily;
				  return [c.measureText(q.placeholder).width, q.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)];
				})()`)
				if fits[0] > fits[1] {
					t.Errorf("%s: the placeholder is %.0f px wide in a %.0f px box", name, fits[0], fits[1])
				}
			}
			box := "#q"
			if pg.name == "figures" {
				box = "#mini-q"
			}
			c := eval[struct{ Inside, Outside, Width float64 }](t, ctx, contrastScript+`(`+jsString(box)+`)`)
			if c.Inside < 3 || c.Outside < 3 || c.Width < 1 {
				t.Errorf("%s: %s border contrast %.2f:1 inside, %.2f:1 outside, %.1f px; want ≥ 3:1 (WCAG 1.4.11)", name, box, c.Inside, c.Outside, c.Width)
			}

			if pg.name == "search" {
				// The filters open from the top, above the first hit's end.
				pos := eval[[]float64](t, ctx, `[document.getElementById('filters')?.getBoundingClientRect().top ?? 1e9, document.querySelector('#hits .hit').getBoundingClientRect().bottom]`)
				if pos[0] >= pos[1] {
					t.Errorf("%s: the filters start at y = %.0f, below the first hit's end (%.0f)", name, pos[0], pos[1])
				}
			}

			if pg.name == "figures" {
				checkChart(t, ctx, name)
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

// checkChart checks the money chart: an image with a name and no links in
// it, its points linked from a list beside it, and all text at least 11 px
// as drawn on the screen (a scaled-down SVG shrinks its text).
func checkChart(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	c := eval[struct {
		Role, Name  string
		Interactive int
		Bars, Links int
		Small       []string
	}](t, ctx, `(() => {
	  const svg = document.getElementById('money-chart');
	  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
	  const small = [];
	  for (const e of document.querySelectorAll('#money-chart text, .chart-points a, .chart-points .value, .chart .axis text')) {
	    let px = parseFloat(getComputedStyle(e).fontSize);
	    if (e instanceof SVGElement) px *= e.getScreenCTM().a;
	    if (px < 11 && e.getClientRects().length) small.push(e.textContent.trim() + ' ' + px.toFixed(1) + 'px');
	  }
	  return {
	    role: svg.getAttribute('role'),
	    name: svg.getAttribute('aria-label') || ids.map(id => document.getElementById(id)?.textContent || '').join(' ').trim(),
	    interactive: svg.querySelectorAll('a, [tabindex], [href], button, input').length,
	    bars: svg.querySelectorAll('rect.bar').length,
	    links: document.querySelectorAll('.chart-points a[href^="/b/"]').length,
	    small: small,
	  };
	})()`)
	if c.Role != "img" || c.Name == "" {
		t.Errorf("%s: chart role %q, name %q; want an img with a name", name, c.Role, c.Name)
	}
	if c.Interactive != 0 {
		t.Errorf("%s: %d links or controls inside the chart image", name, c.Interactive)
	}
	if c.Bars == 0 || c.Links != c.Bars {
		t.Errorf("%s: %d bars, %d links to their passages beside the chart; want one each", name, c.Bars, c.Links)
	}
	for _, s := range c.Small {
		t.Errorf("%s: chart text smaller than 11 px: %s", name, s)
	}
}

// checkAxe runs axe-core on the page and fails on any violation.
func checkAxe(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	loaded := eval[bool](t, ctx, `typeof axe !== 'undefined'`)
	if !loaded {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe+"\n;void 0")); err != nil {
			t.Fatalf("%s: load axe-core: %v", name, err)
		}
	}
	raw := eval[string](t, ctx, `axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))`)
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		t.Fatalf("%s: axe result: %v", name, err)
	}
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("%s: axe %s (%s): %s at %s", name, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
	}
}

// TestBrowserNoScript opens a search at a phone's size with JavaScript off:
// the filters panel is open at the top, its links usable, and nothing
// scrolls sideways.
func TestBrowserNoScript(t *testing.T) {
	ctx := newBrowser(t)
	h, _ := newReal(t)
	ts := httptest.NewServer(h)
	defer ts.Close()

	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch),
		chromedp.Navigate(ts.URL+"/search?q="+url.QueryEscape("养老")),
		chromedp.WaitVisible(chromedp.CSS(`#facet-section a`)),
	); err != nil {
		t.Fatal(err)
	}
	// (With the script, a phone's panel starts folded.)
	if !eval[bool](t, ctx, `document.getElementById('filters').open`) {
		t.Error("without JavaScript the filters panel is closed")
	}
	pos := eval[[]float64](t, ctx, `[document.getElementById('filters').getBoundingClientRect().top, document.querySelector('#hits .hit').getBoundingClientRect().top]`)
	if pos[0] >= pos[1] {
		t.Errorf("without JavaScript the filters start at y = %.0f, below the first hit (%.0f)", pos[0], pos[1])
	}
	for _, o := range eval[[]string](t, ctx, overflowScript) {
		t.Errorf("without JavaScript: %s", o)
	}
}

// TestBrowserReaderWords checks what the script shows a reader: clearing the
// box brings back the list of sections, a query with nothing to search says
// in Chinese what to do, hits say where they are in their section, and the
// figures table sorted by value in place groups rows by kind, money first.
func TestBrowserReaderWords(t *testing.T) {
	ctx := newBrowser(t)
	h, _ := newReal(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	sections := len(realIndex(t).Sections())

	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/search?q="+url.QueryEscape("养老")),
		chromedp.WaitVisible(chromedp.CSS("#hits .hit")),
	); err != nil {
		t.Fatal(err)
	}
	clear := `(() => { const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input', {bubbles: true})); })()`
	eval[chromedp.Void](t, ctx, clear)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.querySelectorAll('#results .browse li').length > 0`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("after clearing the box, no list of sections: %q", eval[string](t, ctx, `document.getElementById('results').innerText`))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#results .browse li').length`); n != sections {
		t.Errorf("after clearing the box, %d sections listed; want %d", n, sections)
	}

	// typed hits show their place, as the server renders it
	typeQuery := func(s string) {
		t.Helper()
		eval[chromedp.Void](t, ctx, `(() => { const q = document.getElementById('q'); q.value = `+jsString(s)+`; q.dispatchEvent(new Event('input', {bubbles: true})); })()`)
	}
	typeQuery("财政收入")
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.querySelector('#hits .hit .place')`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatal("typed hits show no place")
	}
	if place := eval[string](t, ctx, `document.querySelector('#hits .hit .place').textContent + '|' + document.querySelector('#hits .hit .place').title`); !strings.HasPrefix(place, "第 1 条|原文第 ") {
		t.Errorf("the first typed hit's place = %q; want 第 1 条 with the lines on hover", place)
	}

	for _, bad := range []string{"((((", "-"} {
		typeQuery(bad)
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.querySelector('#results .notice')`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Fatalf("%s: no notice", bad)
		}
		msg := eval[string](t, ctx, `document.querySelector('#results .notice').textContent`)
		if !strings.Contains(msg, "请") || strings.Contains(msg, "nothing") || strings.Contains(msg, "q:") {
			t.Errorf("typing %q shows %q; want Chinese saying what to do", bad, msg)
		}
	}

	// the script's empty state helps as the server's does
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/search?section=01&q="+url.QueryEscape("养老")),
		chromedp.WaitVisible(chromedp.CSS("#q")),
	); err != nil {
		t.Fatal(err)
	}
	typeQuery("量子计算机")
	// (the page's own empty state, of 养老, shows until the script renders)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.title.startsWith('量子计算机') && document.querySelector('#results #empty')`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatal("no empty state after a query that finds nothing")
	}
	scripted := eval[string](t, ctx, `document.querySelector('#results #empty').textContent.replace(/\s+/g, '')`)
	served := page(t, h, "/search?q="+url.QueryEscape("量子计算机")+"&section=01", 200).Find("#empty").Text()
	if scripted != strings.Join(strings.Fields(served), "") || !strings.Contains(scripted, "可以试试") || !strings.Contains(scripted, "去掉筛选条件") {
		t.Errorf("the script's empty state %q differs from the server's %q", scripted, strings.Join(strings.Fields(served), ""))
	}

	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/figures"),
		chromedp.WaitVisible(chromedp.CSS(`th[data-key="value"] a`)),
		chromedp.Click(chromedp.CSS(`th[data-key="value"] a`)),
	); err != nil {
		t.Fatal(err)
	}
	groups := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#figures tbody tr.group')).map(r => r.textContent)`)
	if len(groups) < 3 || !strings.HasPrefix(groups[0], "金额") {
		t.Errorf("groups after sorting by value in place = %q; want money first", groups)
	}
	servedGroups := page(t, h, "/figures?sort=value", 200).Find("#figures tbody tr.group").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if strings.Join(groups, "|") != strings.Join(servedGroups, "|") {
		t.Errorf("groups sorted in place %q differ from the server's %q", groups, servedGroups)
	}
}
