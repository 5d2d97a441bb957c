package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzSearchHandler sends any q, and any raw parameters after it, to the real
// router over the embedded report, for the JSON API and the search page: never
// a 5xx; the API always answers valid JSON, a search result on 200 and
// {"error":{"code","message"}} otherwise; the page answers HTML.
func FuzzSearchHandler(f *testing.F) {
	for _, s := range []struct{ q, raw string }{
		{"企业", ""},
		{"财政收入", "section=02&size=5"},
		{`"一网通办"`, "sort=order"},
		{">1亿元", "sort=-value&kind=money"},
		{"招商 >1000万元", "from=10&size=100"},
		{"", "kind=money&min=10000000&max=1e12"},
		{"+", ""}, {":", ""}, {"*", ""}, {`"`, ""}, {"section:02", ""}, {"企业~5", ""}, {"/企.*/", ""},
		{"a\x00b", ""}, {"\xff", ""}, {strings.Repeat("龘", 70), ""}, {strings.Repeat("企业 ", 33), ""},
		{"", "size=-1"}, {"", "min=NaN"}, {"", "min=5&max=1"}, {"", "section=99"}, {"", "q=a"},
		{"", "%ZZ"}, {"", "a;b"}, {"", "page=0"}, {"", "money=ge100m"}, {"", strings.Repeat("section=01&", 30)},
	} {
		f.Add(s.q, s.raw)
	}
	h, log := newReal(f)
	f.Fuzz(func(t *testing.T, q, raw string) {
		rawQuery := "q=" + url.QueryEscape(q)
		if raw != "" {
			rawQuery += "&" + raw
		}
		for _, path := range []string{"/api/search", "/search"} {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.URL.RawQuery = rawQuery
			req.RequestURI = path + "?" + rawQuery
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code >= 500 {
				t.Fatalf("GET %s?%s = %d %.300s\nlog: %s", path, rawQuery, w.Code, w.Body.Bytes(), truncate(log.String(), 1000))
			}
			if path == "/search" {
				if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Fatalf("GET /search?%s: Content-Type %q", rawQuery, ct)
				}
				continue
			}
			body := w.Body.Bytes()
			if !json.Valid(body) {
				t.Fatalf("GET /api/search?%s = %d, invalid JSON %.300s", rawQuery, w.Code, body)
			}
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			if w.Code == http.StatusOK {
				var res SearchResponse
				if err := dec.Decode(&res); err != nil || res.Hits == nil {
					t.Fatalf("GET /api/search?%s: %v in %.300s", rawQuery, err, body)
				}
				continue
			}
			var e errorBody
			if err := dec.Decode(&e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("GET /api/search?%s = %d: error body %.300s (%v)", rawQuery, w.Code, body, err)
			}
		}
	})
}
