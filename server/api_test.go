package server

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"reportsearch/index"
)

// TestAPIGolden checks whole responses of the real index against golden
// files: the deterministic answers and every error a client can cause.
func TestAPIGolden(t *testing.T) {
	h, log := newReal(t)
	long := "/api/search?q=" + strings.Repeat("a", maxURLBytes)
	tests := []struct {
		name, target string
		status       int
	}{
		{"healthz", "/healthz", 200},
		{"sections", "/api/sections", 200},
		{"bullet", "/api/bullets/huacao-2023:02-01", 200},
		{"bullet_bare_id", "/api/bullets/02-01", 200},
		{"search_section_order", "/api/search?section=05&sort=order&size=3", 200},
		{"metrics_section_kind", "/api/metrics?section=02&kind=money", 200},
		{"metrics_csv", "/api/metrics?format=csv&section=01&kind=percent", 200},

		{"err_size_zero", "/api/search?q=x&size=0", 400},
		{"err_size_big", "/api/search?q=x&size=101", 400},
		{"err_size_word", "/api/search?q=x&size=ten", 400},
		{"err_from_negative", "/api/search?q=x&from=-1", 400},
		{"err_from_big", "/api/search?q=x&from=10001", 400},
		{"err_sort", "/api/search?q=x&sort=best", 400},
		{"err_min_word", "/api/search?kind=money&min=lots", 400},
		{"err_min_nan", "/api/search?kind=money&min=NaN", 400},
		{"err_max_inf", "/api/search?kind=money&max=Inf", 400},
		{"err_min_above_max", "/api/search?kind=money&min=10&max=1", 400},
		{"err_section_unknown", "/api/search?q=x&section=99", 400},
		{"err_kind_unknown", "/api/search?q=x&kind=bogus", 400},
		{"err_report_unknown", "/api/search?q=x&report=nope", 400},
		{"err_q_long", "/api/search?q=" + strings.Repeat("财", index.MaxQueryRunes+1), 400},
		{"err_q_twice", "/api/search?q=a&q=b", 400},
		{"err_q_utf8", "/api/search?q=%ff%fe", 400},
		{"err_query_escape", "/api/search?q=%zz", 400},
		{"err_too_many_sections", "/api/search?" + manyValues("section", index.MaxValues+1), 400},
		{"err_metrics_format", "/api/metrics?format=xml", 400},
		{"err_metrics_section", "/api/metrics?section=99", 400},
		{"err_bullet_unknown", "/api/bullets/99-99", 404},
		{"err_route_unknown", "/api/nothing", 404},
		{"err_url_long", long, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, h, tt.target)
			if w.Code != tt.status {
				t.Fatalf("GET %s: status %d; want %d\n%s", truncate(tt.target, 80), w.Code, tt.status, w.Body)
			}
			ct := w.Header().Get("Content-Type")
			wantCT := "application/json; charset=utf-8"
			if strings.Contains(tt.target, "format=csv") {
				wantCT = "text/csv; charset=utf-8"
			}
			if ct != wantCT {
				t.Errorf("Content-Type = %q; want %q", ct, wantCT)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("Access-Control-Allow-Origin = %q; want *", got)
			}
			if tt.status >= 400 {
				var e errorBody
				decode(t, w.Body.Bytes(), &e)
				if e.Error.Code == "" || e.Error.Message == "" {
					t.Errorf("error body %s lacks code or message", w.Body)
				}
			}
			checkGolden(t, "api_"+tt.name, normalize(w.Body.Bytes()))
		})
	}
	if strings.Contains(log.String(), "level=ERROR") {
		t.Errorf("client errors were logged as server errors:\n%s", log)
	}
}

func manyValues(name string, n int) string {
	v := url.Values{}
	for i := range n {
		v.Add(name, fmt.Sprintf("%02d", i))
	}
	return v.Encode()
}

// searchJSONOf runs a search against h and decodes the answer strictly.
func searchJSONOf(t *testing.T, h http.Handler, params string) SearchResponse {
	t.Helper()
	w := get(t, h, "/api/search?"+params)
	if w.Code != http.StatusOK {
		t.Fatalf("GET /api/search?%s: status %d\n%s", params, w.Code, w.Body)
	}
	var res SearchResponse
	decode(t, w.Body.Bytes(), &res)
	return res
}

// TestAPISearch checks the search API's behaviour on the real report.
func TestAPISearch(t *testing.T) {
	h, _ := newReal(t)

	t.Run("ranked and highlighted", func(t *testing.T) {
		res := searchJSONOf(t, h, "q="+url.QueryEscape("财政收入"))
		if res.Query != "财政收入" || res.Total == 0 || len(res.Hits) == 0 {
			t.Fatalf("q=财政收入: query %q, total %d, %d hits; want the query echoed and hits", res.Query, res.Total, len(res.Hits))
		}
		top := res.Hits[0]
		if top.ID != "huacao-2023:02-01" || !strings.Contains(top.Text, "财政收入") {
			t.Errorf("top hit = %s %q; want 02-01 with 财政收入", top.ID, top.Text)
		}
		if !strings.Contains(top.Highlight, "<mark>") || !strings.Contains(markedText(top.Highlight), "财政") {
			t.Errorf("top highlight = %q; want 财政 inside <mark>", top.Highlight)
		}
		if top.Section.ID != "02" || top.Section.Title == "" || len(top.Lines) == 0 || len(top.Metrics) == 0 {
			t.Errorf("top hit section %+v, lines %v, %d metrics; want section 02 with its title, lines and figures", top.Section, top.Lines, len(top.Metrics))
		}
		if res.TookMS <= 0 {
			t.Errorf("took_ms = %v; want > 0", res.TookMS)
		}
		checkHits(t, res)
	})

	t.Run("escaped highlight", func(t *testing.T) {
		// Bullets quote titles in “” and 《》; the highlight must be the
		// escaped text plus marks, whatever the text holds.
		for _, q := range []string{"一方案两清单", "华漕镇", "养老", "13号线"} {
			checkHits(t, searchJSONOf(t, h, "size=100&q="+url.QueryEscape(q)))
		}
	})

	t.Run("section filter", func(t *testing.T) {
		res := searchJSONOf(t, h, "q="+url.QueryEscape("企业")+"&section=02&size=100")
		if res.Total == 0 {
			t.Fatal("q=企业&section=02: no hits")
		}
		for _, hit := range res.Hits {
			if hit.Section.ID != "02" {
				t.Errorf("section=02 returned %s in section %s", hit.ID, hit.Section.ID)
			}
		}
		all := searchJSONOf(t, h, "q="+url.QueryEscape("企业"))
		if res.Total >= all.Total {
			t.Errorf("section=02 total %d; want fewer than unfiltered %d", res.Total, all.Total)
		}
		// The unfiltered section facet's count for 02 is the filtered total.
		for _, f := range all.Facets.Section {
			if f.Value == "02" && uint64(f.Count) != res.Total {
				t.Errorf("facet section 02 count %d; filtered total %d", f.Count, res.Total)
			}
		}
	})

	t.Run("paging", func(t *testing.T) {
		two := searchJSONOf(t, h, "q="+url.QueryEscape("企业")+"&size=2")
		second := searchJSONOf(t, h, "q="+url.QueryEscape("企业")+"&size=1&from=1")
		if len(two.Hits) != 2 || len(second.Hits) != 1 || second.Hits[0].ID != two.Hits[1].ID {
			t.Fatalf("from=1&size=1 gave %v; want the second of %v", ids(second), ids(two))
		}
		if two.Total != second.Total {
			t.Errorf("total changes with paging: %d vs %d", two.Total, second.Total)
		}
		big := searchJSONOf(t, h, "q="+url.QueryEscape("企业")+"&size=100")
		if uint64(len(big.Hits)) != min(big.Total, 100) {
			t.Errorf("size=100: %d hits of %d", len(big.Hits), big.Total)
		}
	})

	t.Run("money filter and value sort", func(t *testing.T) {
		res := searchJSONOf(t, h, "kind=money&min=100000000&sort=-value&size=100")
		if res.Total == 0 {
			t.Fatal("kind=money&min=1e8: no hits")
		}
		prev := -1.0
		for i, hit := range res.Hits {
			top := 0.0
			for _, m := range hit.Metrics {
				if m.Kind == "money" && m.Normalized > top {
					top = m.Normalized
				}
			}
			if top < 1e8 {
				t.Errorf("hit %s has no money figure ≥ 1亿元", hit.ID)
			}
			if i > 0 && top > prev {
				t.Errorf("sort=-value: hit %s (%g) after a smaller one (%g)", hit.ID, top, prev)
			}
			prev = top
		}
	})

	t.Run("partial", func(t *testing.T) {
		res := searchJSONOf(t, h, "q="+url.QueryEscape("财政收入 火星"))
		if !res.Partial || res.Total == 0 {
			t.Errorf("q=财政收入 火星: partial %v, total %d; want partial hits", res.Partial, res.Total)
		}
		full := searchJSONOf(t, h, "q="+url.QueryEscape("财政收入"))
		if full.Partial {
			t.Error("q=财政收入: partial; want full matches")
		}
	})

	t.Run("no match", func(t *testing.T) {
		res := searchJSONOf(t, h, "q="+url.QueryEscape("xylophone"))
		if res.Total != 0 || res.Hits == nil || len(res.Hits) != 0 {
			t.Errorf("q=xylophone: total %d, hits %v; want 0 and []", res.Total, res.Hits)
		}
	})
}

// checkHits checks what holds for every hit: the highlight is the escaped
// text with marks, and the section facet counts add up to the total.
func checkHits(t *testing.T, res SearchResponse) {
	t.Helper()
	for _, hit := range res.Hits {
		plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(hit.Highlight)
		if strings.ContainsAny(plain, "<>") || html.UnescapeString(plain) != hit.Text {
			t.Errorf("%s: highlight %q is not the escaped text %q with marks", hit.ID, hit.Highlight, hit.Text)
		}
		if sec, _, ok := strings.Cut(strings.TrimPrefix(hit.ID, hit.Report+":"), "-"); !ok || sec != hit.Section.ID || hit.Report == "" || !strings.HasPrefix(hit.ID, hit.Report+":") {
			t.Errorf("hit id %q is not report:SS-NN of its section %q (report %q)", hit.ID, hit.Section.ID, hit.Report)
		}
	}
	sum := 0
	for _, f := range res.Facets.Section {
		sum += f.Count
		if f.Label == "" {
			t.Errorf("section facet %q has no title", f.Value)
		}
	}
	if uint64(sum) != res.Total {
		t.Errorf("q=%q: section facet counts add up to %d; total %d", res.Query, sum, res.Total)
	}
}

func markedText(hl string) string {
	var out []string
	for _, part := range strings.Split(hl, "<mark>")[1:] {
		out = append(out, strings.SplitN(part, "</mark>", 2)[0])
	}
	return strings.Join(out, "")
}

func ids(res SearchResponse) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// TestAPIHTTP checks methods, CORS, HEAD and body limits.
func TestAPIHTTP(t *testing.T) {
	h, _ := newReal(t)

	w := do(t, h, http.MethodPost, "/api/search?q=x", nil)
	if w.Code != http.StatusMethodNotAllowed || !strings.Contains(w.Body.String(), `"code":"method_not_allowed"`) {
		t.Errorf("POST /api/search: %d %s; want 405 JSON", w.Code, w.Body)
	}
	if w.Header().Get("Allow") == "" {
		t.Error("405 without an Allow header")
	}

	w = do(t, h, http.MethodOptions, "/api/search?q=x", map[string]string{"Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("CORS preflight: %d %v; want 204 allowing GET from any origin", w.Code, w.Header())
	}

	w = do(t, h, http.MethodHead, "/api/search?q="+url.QueryEscape("财政"), nil)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("HEAD /api/search: %d %q", w.Code, w.Header().Get("Content-Type"))
	}

	req := httptest.NewRequest(http.MethodGet, "/api/search?q=x", strings.NewReader(strings.Repeat("x", 2*maxBodyBytes)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), codeTooLarge) {
		t.Errorf("GET with a %d-byte body: %d %s; want 413", 2*maxBodyBytes, rec.Code, rec.Body)
	}

	w = get(t, h, "/api/openapi.json")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"openapi": "3.1.0"`) {
		t.Errorf("GET /api/openapi.json: %d", w.Code)
	}
	if w.Header().Get("Content-Security-Policy") != apiCSP || w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("API security headers: %v", w.Header())
	}
}

// TestEngineErrors checks the error paths only a failing engine takes: its
// errors become 400, 503 or a logged 500, and a panic a logged 500.
func TestEngineErrors(t *testing.T) {
	tests := []struct {
		name   string
		search func(ctx context.Context, req index.Request) (*index.Result, error)
		status int
		code   string
		logged string
	}{
		{"query error", func(context.Context, index.Request) (*index.Result, error) {
			return nil, &index.QueryError{Param: "q", Message: "unbalanced quote"}
		}, 400, codeInvalidQuery, ""},
		{"param error", func(context.Context, index.Request) (*index.Result, error) {
			return nil, fmt.Errorf("wrapped: %w", &index.QueryError{Param: "kind", Message: "no such kind"})
		}, 400, codeBadRequest, ""},
		{"timeout", func(ctx context.Context, req index.Request) (*index.Result, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}, 503, codeUnavailable, "deadline exceeded"},
		{"failure", func(context.Context, index.Request) (*index.Result, error) {
			return nil, errors.New("disk on fire")
		}, 500, codeInternal, "disk on fire"},
		{"panic", func(context.Context, index.Request) (*index.Result, error) {
			panic("boom")
		}, 500, codeInternal, "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log syncBuffer
			s := New(&fakeEngine{search: tt.search}, Options{Logger: slogTo(&log), SearchTimeout: 50 * time.Millisecond})
			h := s.Handler()
			w := get(t, h, "/api/search?q=x")
			if w.Code != tt.status {
				t.Fatalf("status %d; want %d\n%s", w.Code, tt.status, w.Body)
			}
			var e errorBody
			decode(t, w.Body.Bytes(), &e)
			if e.Error.Code != tt.code {
				t.Errorf("code %q; want %q", e.Error.Code, tt.code)
			}
			if tt.status == 500 && strings.Contains(w.Body.String(), tt.logged) {
				t.Errorf("the 500 leaks the cause: %s", w.Body)
			}
			if tt.logged != "" && (!strings.Contains(log.String(), tt.logged) || !strings.Contains(log.String(), "level=ERROR")) {
				t.Errorf("log lacks an error with %q:\n%s", tt.logged, log.String())
			}
			if tt.logged == "" && strings.Contains(log.String(), "level=ERROR") {
				t.Errorf("a client error was logged as a server error:\n%s", log.String())
			}
			if tt.status == 400 && !strings.Contains(e.Error.Message, "no such kind") && !strings.Contains(e.Error.Message, "unbalanced") {
				t.Errorf("message %q does not say why", e.Error.Message)
			}

			// The same failure on a page is an HTML error page.
			w = get(t, h, "/search?q=x")
			if w.Code != tt.status || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
				t.Errorf("page: status %d %q; want %d HTML", w.Code, w.Header().Get("Content-Type"), tt.status)
			}
		})
	}

	t.Run("metrics failure", func(t *testing.T) {
		h, log := newFake(nil)
		w := get(t, h, "/api/metrics")
		if w.Code != 500 || !strings.Contains(log.String(), "metrics store is down") {
			t.Errorf("status %d, log %s; want a logged 500", w.Code, log)
		}
	})
}
