package server

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"reportsearch/index"
)

// The API as a client sees it: strict parameters, whole ids, offsets in
// characters, paging it can follow, compression and caching.

// TestAPIRefusesUnknownParams checks that a parameter a route does not take
// is a 400 naming it, as a bad value is, on every API route.
func TestAPIRefusesUnknownParams(t *testing.T) {
	h, _ := newReal(t)
	for _, tt := range []struct{ target, param string }{
		{"/api/search?q=养老&page=2", "page"},
		{"/api/search?q=养老&limit=50", "limit"},
		{"/api/search?q=养老&offset=10", "offset"},
		{"/api/search?offset=10&limit=5", "limit"}, // the first in sorted order
		{"/api/metrics?page=2", "page"},
		{"/api/metrics?format=csv&sort=value", "sort"},
		{"/api/sections?section=01", "section"},
		{"/api/bullets/02-01?pretty=1", "pretty"},
		{"/healthz?verbose", "verbose"},
	} {
		w := get(t, h, tt.target)
		if w.Code != http.StatusBadRequest {
			t.Errorf("GET %s: status %d; want 400\n%s", tt.target, w.Code, w.Body)
			continue
		}
		var e errorBody
		decode(t, w.Body.Bytes(), &e)
		if e.Error.Param != tt.param || e.Error.Code != codeBadRequest || !strings.Contains(e.Error.Message, tt.param) {
			t.Errorf("GET %s: error %+v; want code bad_request naming param %q", tt.target, e.Error, tt.param)
		}
	}
}

// TestAPIErrorsNameParam checks that every 400 names the parameter at
// fault in "param", the engine's QueryError included.
func TestAPIErrorsNameParam(t *testing.T) {
	h, _ := newReal(t)
	for _, tt := range []struct{ target, param string }{
		{"/api/search?q=x&size=0", "size"},
		{"/api/search?q=x&from=-1", "from"},
		{"/api/search?q=x&sort=best", "sort"},
		{"/api/search?kind=money&min=lots", "min"},
		{"/api/search?q=x&section=99", "section"},
		{"/api/search?q=" + q("(((("), "q"},
		{"/api/search?q=" + q("-"), "q"},
		{"/api/search?money=huge", "money"},
		{"/api/search?money=ge100m&money=lt1m", "money"},
		{"/api/metrics?format=xml", "format"},
	} {
		w := get(t, h, tt.target)
		var e errorBody
		decode(t, w.Body.Bytes(), &e)
		if w.Code != http.StatusBadRequest || e.Error.Param != tt.param {
			t.Errorf("GET %s: %d %+v; want 400 with param %q", tt.target, w.Code, e.Error, tt.param)
		}
	}
}

// TestAPIMoneyKeys checks that the keys the money facet returns are
// accepted as the money parameter, and give what the facet counted.
func TestAPIMoneyKeys(t *testing.T) {
	h, _ := newReal(t)
	all := searchJSONOf(t, h, "kind=money&size=1")
	if len(all.Facets.Money) == 0 {
		t.Fatal("no money facet")
	}
	ranges := index.MoneyRanges()
	for _, f := range all.Facets.Money {
		res := searchJSONOf(t, h, "money="+q(f.Value)+"&size=100")
		if res.Total != uint64(f.Count) {
			t.Errorf("money=%s: %d hits; the facet counted %d", f.Value, res.Total, f.Count)
		}
		var mr index.MoneyRange
		for _, r := range ranges {
			if r.Key == f.Value {
				mr = r
			}
		}
		for _, hit := range res.Hits {
			in := false
			for _, m := range hit.Metrics {
				if m.Kind == "money" && m.Normalized >= mr.Min && (mr.Max == 0 || m.Normalized < mr.Max) {
					in = true
				}
			}
			if !in {
				t.Errorf("money=%s: hit %s has no money figure in [%g, %g)", f.Value, hit.ID, mr.Min, mr.Max)
			}
		}
	}
	// the same as the page's money links
	res := searchJSONOf(t, h, "money=ge100m")
	page := mustDoc(t, get(t, h, "/search?money=ge100m").Body.Bytes())
	if got := page.Find("#total").Text(); got != strconv.FormatUint(res.Total, 10) {
		t.Errorf("money=ge100m: the page counts %s, the API %d", got, res.Total)
	}
}

// TestAPIPaging checks that a search echoes from and size and says whether
// more hits follow, so that a client can page to the end.
func TestAPIPaging(t *testing.T) {
	h, _ := newReal(t)
	first := searchJSONOf(t, h, "section=05")
	if first.From != 0 || first.Size != index.DefaultSize || !first.HasMore || first.Total <= uint64(first.Size) {
		t.Fatalf("first page: from %d size %d has_more %v total %d", first.From, first.Size, first.HasMore, first.Total)
	}
	seen := map[string]bool{}
	for from := 0; ; from += 7 {
		res := searchJSONOf(t, h, "section=05&size=7&from="+strconv.Itoa(from))
		if res.From != from || res.Size != 7 {
			t.Fatalf("from=%d size=7 echoed from %d size %d", from, res.From, res.Size)
		}
		for _, hit := range res.Hits {
			seen[hit.ID] = true
		}
		want := uint64(from+len(res.Hits)) < res.Total
		if res.HasMore != want {
			t.Fatalf("from=%d: has_more %v with %d hits of %d", from, res.HasMore, len(res.Hits), res.Total)
		}
		if !res.HasMore {
			break
		}
	}
	if uint64(len(seen)) != first.Total {
		t.Errorf("paging by has_more saw %d hits of %d", len(seen), first.Total)
	}
}

// TestAPIIdsWhole checks that every id the API gives is a whole key that
// /api/bullets takes: hits, neighbours and figures.
func TestAPIIdsWhole(t *testing.T) {
	h, _ := newReal(t)
	res := searchJSONOf(t, h, "q="+q("财政")+"&size=5")
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	var ids []string
	for _, hit := range res.Hits {
		if hit.ID != hit.Report+":"+strings.TrimPrefix(hit.ID, hit.Report+":") || !strings.HasPrefix(hit.ID, hit.Report+":") {
			t.Errorf("hit id %q is not report:id", hit.ID)
		}
		ids = append(ids, hit.ID)
	}
	var b bulletJSON
	decode(t, get(t, h, "/api/bullets/"+res.Hits[0].ID).Body.Bytes(), &b)
	if b.ID != res.Hits[0].ID {
		t.Errorf("bullet id %q; want %q", b.ID, res.Hits[0].ID)
	}
	ids = append(append(ids, b.Before...), b.After...)
	var m metricsJSON
	decode(t, get(t, h, "/api/metrics?section=03").Body.Bytes(), &m)
	for _, row := range m.Metrics {
		ids = append(ids, row.Bullet)
	}
	for _, id := range ids {
		if !strings.Contains(id, ":") {
			t.Errorf("id %q is not a key", id)
			continue
		}
		if w := get(t, h, "/api/bullets/"+id); w.Code != 200 {
			t.Errorf("GET /api/bullets/%s = %d", id, w.Code)
		}
	}
}

// TestAPICharOffsets checks the figures' offsets in code points and UTF-16
// units against their text, as Python and JavaScript would slice it.
func TestAPICharOffsets(t *testing.T) {
	h, _ := newReal(t)
	res := searchJSONOf(t, h, "kind=money&size=100")
	n := 0
	for _, hit := range res.Hits {
		runes := []rune(hit.Text)
		units := utf16.Encode(runes)
		for _, m := range hit.Metrics {
			n++
			if got := string(runes[m.StartChar:m.EndChar]); got != m.Text {
				t.Errorf("%s: text[start_char:end_char] = %q; want %q", hit.ID, got, m.Text)
			}
			if got := string(utf16.Decode(units[m.StartUTF16:m.EndUTF16])); got != m.Text {
				t.Errorf("%s: utf16 slice = %q; want %q", hit.ID, got, m.Text)
			}
			if hit.Text[m.Start:m.End] != m.Text {
				t.Errorf("%s: byte slice = %q; want %q", hit.ID, hit.Text[m.Start:m.End], m.Text)
			}
		}
	}
	if n == 0 {
		t.Fatal("no figures checked")
	}
	// an astral character counts 1 code point and 2 UTF-16 units
	cp, u := charOffsets("𠀀a亿", len("𠀀a"))
	if cp != 2 || u != 3 {
		t.Errorf("charOffsets after 𠀀a = %d, %d; want 2, 3", cp, u)
	}
}

// TestCompressionAndCaching checks gzip for pages, JSON and CSV, and that a
// 200 carries an ETag that If-None-Match turns into a 304.
func TestCompressionAndCaching(t *testing.T) {
	h, _ := newReal(t)
	for _, target := range []string{"/figures", "/search?q=" + q("养老"), "/api/metrics", "/api/metrics?format=csv", "/api/search?q=" + q("养老")} {
		plain := get(t, h, target)
		w := do(t, h, "GET", target, map[string]string{"Accept-Encoding": "gzip"})
		if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s with Accept-Encoding: gzip: %d, Content-Encoding %q", target, w.Code, w.Header().Get("Content-Encoding"))
			continue
		}
		zr, err := gzip.NewReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(target, "q=") && string(body) != plain.Body.String() {
			t.Errorf("GET %s: the gzipped body differs from the plain one", target)
		}
		if !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET %s: Vary %q lacks Accept-Encoding", target, w.Header().Get("Vary"))
		}

		tag := plain.Header().Get("ETag")
		if !strings.HasPrefix(tag, `W/"`) || w.Header().Get("ETag") != tag {
			t.Errorf("GET %s: ETag %q, gzipped %q; want the same weak tag", target, tag, w.Header().Get("ETag"))
		}
		if cc := plain.Header().Get("Cache-Control"); !strings.Contains(cc, "public") || !strings.Contains(cc, "max-age") {
			t.Errorf("GET %s: Cache-Control %q", target, cc)
		}
		again := do(t, h, "GET", target, map[string]string{"If-None-Match": tag})
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 || again.Header().Get("ETag") != tag {
			t.Errorf("GET %s with If-None-Match: %d, %d bytes, ETag %q; want 304", target, again.Code, again.Body.Len(), again.Header().Get("ETag"))
		}
		if other := do(t, h, "GET", target, map[string]string{"If-None-Match": `W/"other"`}); other.Code != 200 {
			t.Errorf("GET %s with another tag: %d; want 200", target, other.Code)
		}
	}
	// different requests, different tags; errors are not cached
	a, b := get(t, h, "/api/search?q=a"), get(t, h, "/api/search?q=b")
	if a.Header().Get("ETag") == b.Header().Get("ETag") {
		t.Error("two searches share an ETag")
	}
	if e := get(t, h, "/api/search?size=0"); e.Header().Get("ETag") != "" || strings.Contains(e.Header().Get("Cache-Control"), "public") {
		t.Errorf("a 400 has ETag %q, Cache-Control %q", e.Header().Get("ETag"), e.Header().Get("Cache-Control"))
	}
	// the CSV links to its host: another host, another tag
	other := httptest.NewRequest("GET", "/api/metrics?format=csv", nil)
	other.Host = "other.example"
	ow := httptest.NewRecorder()
	h.ServeHTTP(ow, other)
	if ow.Header().Get("ETag") == get(t, h, "/api/metrics?format=csv").Header().Get("ETag") {
		t.Error("the CSV of two hosts shares an ETag")
	}
	if w := get(t, h, "/healthz"); w.Header().Get("ETag") != "" {
		t.Error("/healthz has an ETag")
	}
	// another server over another index: other tags
	h2, _ := evilServer(t)
	if get(t, h2, "/api/sections").Header().Get("ETag") == get(t, h, "/api/sections").Header().Get("ETag") {
		t.Error("two indexes share an ETag")
	}
}

// fingerprinted is an engine that names its index.
type fingerprinted struct {
	Engine
	fp string
}

func (f fingerprinted) Fingerprint() string { return f.fp }

// TestETagFollowsFingerprint checks that an engine's fingerprint, not the
// server's start, decides the ETag: two servers over the same index agree,
// a changed index changes the tag.
func TestETagFollowsFingerprint(t *testing.T) {
	ix := realIndex(t)
	tag := func(fp string) string {
		return get(t, New(fingerprinted{ix, fp}, Options{}).Handler(), "/api/sections").Header().Get("ETag")
	}
	if a, b := tag("build-1"), tag("build-1"); a == "" || a != b {
		t.Errorf("two servers over index build-1: ETags %q and %q; want one", a, b)
	}
	if tag("build-1") == tag("build-2") {
		t.Error("index builds 1 and 2 share an ETag")
	}
}
