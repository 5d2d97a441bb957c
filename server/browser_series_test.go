package server

import (
	"net/http/httptest"
	"net/url"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSeries opens a figure series (the national grain output by
// year) at a phone's and a desktop's size: the chart is an image with a
// name, each of its bars linked to its passage from the list beside it, its
// text legible; nothing scrolls sideways; axe-core finds no violation; and
// following a chart point opens its passage.
func TestBrowserSeries(t *testing.T) {
	h, _ := collectionHandler(t) // first: building the index is not the browser's time
	ctx := newBrowser(t)
	ts := httptest.NewServer(h)
	defer ts.Close()
	dir := artefactsDir(t)
	axe, axeErr := axeSource()
	if axeErr != nil && os.Getenv("CI") != "" {
		t.Fatalf("CI is set but axe-core is missing (.ci/run installs it): %v", axeErr)
	}
	target := ts.URL + "/series?label=" + url.QueryEscape("粮食产量") + "&kind=weight&level=national"
	for _, vp := range viewports {
		opts := []chromedp.EmulateViewportOption{}
		if vp.phone {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		name := "series-" + vp.name
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(vp.width, vp.height, opts...),
			chromedp.Navigate(target),
			chromedp.WaitVisible(chromedp.CSS("footer.site")),
		); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		saveScreenshot(t, ctx, dir, name+".png")
		for _, o := range eval[[]string](t, ctx, overflowScript) {
			t.Errorf("%s: %s", name, o)
		}
		c := eval[struct {
			Role, Name  string
			Interactive int
			Bars, Links int
			Rows        int
			Small       []string
		}](t, ctx, `(() => {
		  const svg = document.getElementById('series-chart');
		  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
		  const small = [];
		  for (const e of document.querySelectorAll('#series-chart text, .chart-points a, .chart-points .value')) {
		    let px = parseFloat(getComputedStyle(e).fontSize);
		    if (e instanceof SVGElement) px *= e.getScreenCTM().a;
		    if (px < 11 && e.getClientRects().length) small.push(e.textContent.trim() + ' ' + px.toFixed(1) + 'px');
		  }
		  return {
		    role: svg.getAttribute('role'),
		    name: ids.map(id => document.getElementById(id)?.textContent || '').join(' ').trim(),
		    interactive: svg.querySelectorAll('a, [tabindex], [href], button, input').length,
		    bars: svg.querySelectorAll('rect.bar').length,
		    links: document.querySelectorAll('.chart-points a[href^="/b/national-"]').length,
		    rows: document.querySelectorAll('table#series tbody tr').length,
		    small: small,
		  };
		})()`)
		if c.Role != "img" || c.Name == "" || c.Interactive != 0 {
			t.Errorf("%s: chart role %q, name %q, %d controls inside; want a named img without controls", name, c.Role, c.Name, c.Interactive)
		}
		if c.Bars < 10 || c.Links != c.Bars || c.Rows < c.Bars {
			t.Errorf("%s: %d bars, %d linked points, %d table rows; want a bar and a link for each report", name, c.Bars, c.Links, c.Rows)
		}
		for _, s := range c.Small {
			t.Errorf("%s: chart text smaller than 11 px: %s", name, s)
		}
		// the bars are drawn under their points: the first bar's top lies
		// within the first point's row
		pos := eval[[]float64](t, ctx, `(() => {
		  const li = document.querySelector('.chart-points li').getBoundingClientRect();
		  const bar = document.querySelector('#series-chart rect.bar').getBoundingClientRect();
		  return [li.top, li.bottom, bar.top, bar.width];
		})()`)
		if pos[2] < pos[0] || pos[2] > pos[1] || pos[3] <= 0 {
			t.Errorf("%s: the first bar (top %.0f, width %.0f) is not in its point's row (%.0f–%.0f)", name, pos[2], pos[3], pos[0], pos[1])
		}
		t.Run("axe/"+name, func(t *testing.T) {
			if axeErr != nil {
				t.Skipf("no axe-core (%v): run .ci/run once, or set REPORTSEARCH_AXE to axe.min.js", axeErr)
			}
			checkAxe(t, ctx, axe, name)
		})
	}
	// a point of the chart opens its passage
	href := eval[string](t, ctx, `document.querySelector('.chart-points li:first-child a').getAttribute('href')`)
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`.chart-points li:first-child a`)),
		chromedp.WaitVisible(chromedp.CSS("footer.site")),
	); err != nil {
		t.Fatal(err)
	}
	if path := eval[string](t, ctx, `location.pathname`); path != href || path == "" {
		t.Errorf("the first point links to %q; the browser opened %q", href, path)
	}
}
