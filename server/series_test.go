package server

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"reportsearch/corpus"
	"reportsearch/index"
)

// collectionHandler serves the embedded collection (every real report).
func collectionHandler(t testing.TB) (http.Handler, *index.Index) {
	t.Helper()
	ix := collectionIndex(t)
	return New(ix, Options{}).Handler(), ix
}

// TestAPISeries asks the national grain output series as JSON and CSV: one
// point per national report, by year, each linking to a passage that holds
// the figure, and the CSV with the same points.
func TestAPISeries(t *testing.T) {
	h, _ := collectionHandler(t)
	target := "/api/series?label=" + url.QueryEscape("粮食产量") + "&kind=weight&level=national"
	w := get(t, h, target)
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	var s seriesJSON
	if err := json.Unmarshal(w.Body.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	if s.By != "year" || s.Change != "level" || s.Subject != "粮食产量" || len(s.Points) < 20 {
		t.Fatalf("by %q, change %q, subject %q, %d points", s.By, s.Change, s.Subject, len(s.Points))
	}
	for i, p := range s.Points {
		if p.Level != corpus.LevelNational || i > 0 && p.Year < s.Points[i-1].Year || !strings.HasPrefix(p.Bullet, p.Report+":") {
			t.Errorf("point %d: %+v", i, p)
		}
		var b bulletJSON
		if err := json.Unmarshal(get(t, h, "/api/bullets/"+p.Bullet).Body.Bytes(), &b); err != nil {
			t.Fatal(err)
		}
		if r := []rune(b.Text); p.Metric.EndChar > len(r) || string(r[p.Metric.StartChar:p.Metric.EndChar]) != p.Metric.Text {
			t.Errorf("point %d: %q is not at %d–%d of %s", i, p.Metric.Text, p.Metric.StartChar, p.Metric.EndChar, p.Bullet)
		}
	}
	w = get(t, h, target+"&format=csv")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(s.Points)+1 || recs[0][0] != "报告" || recs[1][5] != s.Points[0].Bullet {
		t.Errorf("the CSV has %d rows (first %v); want a header and %d points", len(recs), recs[min(1, len(recs)-1)], len(s.Points))
	}

	// compared across regions: the provincial reports of one year
	w = get(t, h, "/api/series?label="+url.QueryEscape("地区生产总值增长")+"&level=provincial")
	var prov seriesJSON
	if err := json.Unmarshal(w.Body.Bytes(), &prov); err != nil {
		t.Fatal(err)
	}
	if len(prov.Points) < 5 || prov.By != "region" {
		t.Errorf("provincial GDP growth: %d points by %q; want several, by region", len(prov.Points), prov.By)
	}
	for i := 1; i < len(prov.Points); i++ {
		if prov.Points[i].Metric.Normalized > prov.Points[i-1].Metric.Normalized {
			t.Errorf("by region, point %d (%g) is above point %d", i, prov.Points[i].Metric.Normalized, i-1)
		}
	}

	for _, bad := range []string{"", "?label=" + url.QueryEscape("增长"), "?bullet=nope&figure=0", "?figure=1", "?label=x&by=diagonal", "?label=" + url.QueryEscape("粮食产量") + "&kind=nope"} {
		if w := get(t, h, "/api/series"+bad); w.Code != 400 {
			t.Errorf("GET /api/series%s: %d; want 400", bad, w.Code)
		}
	}
}

// TestSeriesFromAChip follows a figure chip of a search hit to its series:
// the series holds the passage it came from.
func TestSeriesFromAChip(t *testing.T) {
	h, _ := collectionHandler(t)
	doc := page(t, h, "/search?q="+url.QueryEscape("粮食产量")+"&report=national-2024", 200)
	var href string
	doc.Find("#hits .hit .chips a").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		if strings.Contains(a.Text(), "万亿斤") {
			href, _ = a.Attr("href")
			return false
		}
		return true
	})
	if href == "" {
		t.Fatal("no chip of a grain figure links anywhere")
	}
	u, err := url.Parse(href)
	if err != nil || u.Path != "/series" || u.Query().Get("bullet") == "" {
		t.Fatalf("the chip links to %q; want /series?bullet=…", href)
	}
	sp := page(t, h, href, 200)
	if n := sp.Find("table#series tbody tr").Length(); n < 10 {
		t.Errorf("the series of %s has %d rows; want the grain output of many reports", href, n)
	}
	if sp.Find(`table#series a[href="/b/`+url.PathEscape(u.Query().Get("bullet"))+`"]`).Length() != 1 {
		t.Errorf("the series of %s does not hold the passage it came from", href)
	}
	if sp.Find("svg#series-chart rect.bar").Length() == 0 {
		t.Error("no chart")
	}
}
