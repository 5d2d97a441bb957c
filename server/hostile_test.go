package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"reportsearch/corpus"
	"reportsearch/index"
)

// startReal serves h on a free loopback port with the production
// http.Server settings and returns its address.
func startReal(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := HTTPServer(ln.Addr().String(), h, nil)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// rawRequest writes req to a new connection to addr as is (so that it can be
// malformed in ways net/http's client refuses to send) and reads the answer.
func rawRequest(t *testing.T, addr, method, req string) (*http.Response, []byte) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatalf("writing the request: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("reading the response: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return resp, body
}

// Where a hostile request is answered.
const (
	asJSON      = iota // the handler: {"error":{"code","message"}}
	asPage             // the handler: the HTML error page
	asTransport        // net/http itself, before any handler runs
)

type hostileCase struct {
	name   string
	method string // "" is GET
	target string // request target as sent, already percent-encoded (or not)
	header string // extra header lines, each ending in \r\n
	body   string
	status int
	answer int    // asJSON, asPage or asTransport
	about  string // the error message must contain this (JSON and pages)
}

// q percent-encodes a query value.
func q(s string) string { return url.QueryEscape(s) }

func hostileCases() []hostileCase {
	long := strings.Repeat("a", 10<<10)
	han201 := strings.Repeat("镇", 201)
	words33 := strings.TrimSpace(strings.Repeat("企业 ", 33))
	var sections21 []string
	for i := range 21 {
		sections21 = append(sections21, fmt.Sprintf("section=%02d", i))
	}
	xss := q(`<script>alert(1)</script>`)
	return []hostileCase{
		// Query strings that cannot be decoded.
		{name: "bad percent escape", target: "/api/search?q=%ZZ", status: 400, about: "query string"},
		{name: "lone percent", target: "/api/search?q=%", status: 400, about: "query string"},
		{name: "semicolon separator", target: "/api/search?q=a;b", status: 400, about: "query string"},
		{name: "truncated UTF-8", target: "/api/search?q=%E4%BC", status: 400, about: "q"},
		{name: "invalid UTF-8", target: "/api/search?q=%FF%FE", status: 400, about: "q"},
		{name: "overlong UTF-8 slash", target: "/api/search?q=%C0%AF", status: 400, about: "q"},
		{name: "UTF-16 surrogate", target: "/api/search?q=%ED%A0%80", status: 400, about: "q"},
		{name: "invalid UTF-8 in section", target: "/api/search?section=%FF", status: 400, about: "section"},
		{name: "invalid UTF-8 in kind", target: "/api/search?kind=%C3", status: 400, about: "kind"},
		{name: "NUL in section", target: "/api/search?section=01%00", status: 400, about: "section"},
		{name: "NUL in q", target: "/api/search?q=a%00b", status: 400, about: "q"},
		{name: "escape character in q", target: "/api/search?q=%1B%5B31m", status: 400, about: "q"},
		{name: "C1 control in kind", target: "/api/search?kind=mo%C2%85ney", status: 400, about: "kind"},

		// Queries too long or too big.
		{name: "10 KB query", target: "/api/search?q=" + long, status: 413},
		{name: "201 characters", target: "/api/search?q=" + q(han201), status: 400, about: "q"},
		{name: "33 words", target: "/api/search?q=" + q(words33), status: 400, about: "q"},
		{name: "70 one-character terms", target: "/api/search?q=" + q(strings.Repeat("龘", 70)), status: 400, about: "q"},
		{name: "q twice", target: "/api/search?q=a&q=b", status: 400, about: "q"},
		{name: "lone plus", target: "/api/search?q=%2B", status: 400, about: "nothing to search for"},
		{name: "lone minus", target: "/api/search?q=-", status: 400, about: "nothing to search for"},
		{name: "lone colon", target: "/api/search?q=:", status: 400, about: "nothing to search for"},
		{name: "lone star", target: "/api/search?q=*", status: 400, about: "nothing to search for"},
		{name: "lone quote", target: "/api/search?q=%22", status: 400, about: "nothing to search for"},
		{name: "empty phrase", target: "/api/search?q=%22%22", status: 400, about: "nothing to search for"},
		{name: "lone Chinese quote", target: "/api/search?q=" + q("“"), status: 400, about: "nothing to search for"},
		{name: "double minus", target: "/api/search?q=--", status: 400, about: "nothing to search for"},
		{name: "excluded quote", target: "/api/search?q=-%22", status: 400, about: "nothing to search for"},
		{name: "regular expression", target: "/api/search?q=" + q("/.*/"), status: 400, about: "nothing to search for"},
		{name: "operators only", target: "/api/search?q=" + q(`+ : * ? \ ^ ~`), status: 400, about: "nothing to search for"},
		{name: "page lone plus", target: "/search?q=%2B", status: 400, answer: asPage, about: "nothing to search for"},
		{name: "figure range upside down", target: "/api/search?q=" + q("1亿-1万"), status: 400, about: "q"},
		{name: "figure range mixing units", target: "/api/search?q=" + q("1亿元-50家"), status: 400, about: "q"},

		// Paging.
		{name: "negative from", target: "/api/search?from=-1", status: 400, about: "from"},
		{name: "from past the limit", target: "/api/search?from=10001", status: 400, about: "from"},
		{name: "from overflowing int64", target: "/api/search?from=99999999999999999999", status: 400, about: "from"},
		{name: "fractional from", target: "/api/search?from=1.5", status: 400, about: "from"},
		{name: "hexadecimal from", target: "/api/search?from=0x10", status: 400, about: "from"},
		{name: "word from", target: "/api/search?from=ten", status: 400, about: "from"},
		{name: "from twice", target: "/api/search?from=1&from=2", status: 400, about: "from"},
		{name: "size zero", target: "/api/search?size=0", status: 400, about: "size"},
		{name: "negative size", target: "/api/search?size=-5", status: 400, about: "size"},
		{name: "huge size", target: "/api/search?size=1000000", status: 400, about: "size"},
		{name: "exponent size", target: "/api/search?size=1e3", status: 400, about: "size"},
		{name: "NaN size", target: "/api/search?size=NaN", status: 400, about: "size"},

		// Figure bounds.
		{name: "NaN min", target: "/api/search?min=NaN", status: 400, about: "min"},
		{name: "Inf min", target: "/api/search?min=Inf", status: 400, about: "min"},
		{name: "-Infinity max", target: "/api/search?max=-Infinity", status: 400, about: "max"},
		{name: "+Inf max", target: "/api/search?max=%2BInf", status: 400, about: "max"},
		{name: "overflowing min", target: "/api/search?min=1e400", status: 400, about: "min"},
		{name: "word min", target: "/api/search?min=abc", status: 400, about: "min"},
		{name: "decimal comma min", target: "/api/search?min=1,5", status: 400, about: "min"},
		{name: "min above max", target: "/api/search?min=5&max=1", status: 400, about: "min"},
		{name: "min twice", target: "/api/search?min=1&min=2", status: 400, about: "min"},

		// Filters.
		{name: "unknown section", target: "/api/search?section=99", status: 400, about: "section"},
		{name: "script section", target: "/api/search?section=" + xss, status: 400, about: "section"},
		{name: "21 sections", target: "/api/search?" + strings.Join(sections21, "&"), status: 400, about: "section"},
		{name: "101-byte section", target: "/api/search?section=" + strings.Repeat("0", 101), status: 400, about: "section"},
		{name: "unknown kind", target: "/api/search?kind=nope", status: 400, about: "kind"},
		{name: "unknown report", target: "/api/search?report=nope", status: 400, about: "report"},
		{name: "path as report", target: "/api/search?report=" + q("../../etc/passwd"), status: 400, about: "report"},
		{name: "unknown sort", target: "/api/search?sort=score", status: 400, about: "sort"},
		{name: "sort twice", target: "/api/search?sort=value&sort=order", status: 400, about: "sort"},

		// Other API routes.
		{name: "unknown bullet", target: "/api/bullets/99-99", status: 404},
		{name: "bullet of another report", target: "/api/bullets/nope:01-01", status: 404},
		{name: "invalid UTF-8 bullet id", target: "/api/bullets/%FF", status: 400, about: "id"},
		{name: "300-byte bullet id", target: "/api/bullets/" + strings.Repeat("1", 300), status: 400, about: "id"},
		{name: "metrics format xml", target: "/api/metrics?format=xml", status: 400, about: "format"},
		{name: "metrics format twice", target: "/api/metrics?format=csv&format=json", status: 400, about: "format"},
		{name: "metrics unknown section", target: "/api/metrics?section=99", status: 400, about: "section"},
		{name: "metrics unknown kind", target: "/api/metrics?kind=" + xss, status: 400, about: "kind"},
		{name: "unknown API route", target: "/api/nope", status: 404},
		{name: "trailing slash", target: "/api/search/", status: 404},
		{name: "bare /api", target: "/api", status: 404},
		{name: "dot segments in bullet id", target: "/api/bullets/..%2F..%2Fetc%2Fpasswd", status: 404},
		{name: "dot segments in API path", target: "/api/../api/search", status: 404},
		{name: "10 KB path", target: "/api/" + long, status: 413},

		// Methods and bodies.
		{name: "POST search", method: "POST", target: "/api/search", header: "Content-Length: 0\r\n", status: 405},
		{name: "PUT search", method: "PUT", target: "/api/search?q=a", header: "Content-Length: 0\r\n", status: 405},
		{name: "DELETE bullet", method: "DELETE", target: "/api/bullets/02-01", status: 405},
		{name: "PATCH healthz", method: "PATCH", target: "/healthz", header: "Content-Length: 0\r\n", status: 405},
		{name: "TRACE search", method: "TRACE", target: "/api/search", status: 405},
		{name: "made-up method", method: "BREW", target: "/api/sections", status: 405},
		{name: "2 MB body", method: "POST", target: "/api/search", header: "Content-Length: 2097152\r\n", status: 413},
		{name: "GET with a body", target: "/api/search", header: "Content-Length: 2048\r\n", body: strings.Repeat("x", 2048), status: 413},

		// Pages answer the same mistakes with the HTML error page.
		{name: "page invalid UTF-8", target: "/search?q=%FF", status: 400, answer: asPage, about: "q"},
		{name: "page bad escape", target: "/search?q=%ZZ", status: 400, answer: asPage},
		{name: "page NUL in q", target: "/search?q=%E4%BC%81%00", status: 400, answer: asPage, about: "q"},
		{name: "page 201 characters", target: "/search?q=" + q(han201), status: 400, answer: asPage, about: "q"},
		{name: "page 0", target: "/search?q=a&page=0", status: 400, answer: asPage, about: "page"},
		{name: "page word", target: "/search?q=a&page=abc", status: 400, answer: asPage, about: "page"},
		{name: "page past the limit", target: "/search?q=a&page=100000", status: 400, answer: asPage, about: "page"},
		{name: "page unknown money range", target: "/search?money=zz", status: 400, answer: asPage, about: "money"},
		{name: "page unknown section", target: "/search?q=a&section=99", status: 400, answer: asPage, about: "section"},
		{name: "page script in section", target: "/search?q=" + xss + "&section=" + xss, status: 400, answer: asPage, about: "section"},
		{name: "page NaN min", target: "/search?kind=money&min=NaN", status: 400, answer: asPage, about: "min"},
		{name: "page unknown bullet", target: "/b/99-99", status: 404, answer: asPage},
		{name: "page invalid UTF-8 bullet", target: "/b/%FF", status: 400, answer: asPage},
		{name: "figures unknown section", target: "/figures?section=99", status: 400, answer: asPage, about: "section"},
		{name: "figures unknown kind", target: "/figures?kind=" + xss, status: 400, answer: asPage, about: "kind"},
		{name: "unknown static file", target: "/static/nope.js", status: 404, answer: asPage},
		{name: "dot segments in static path", target: "/static/..%2F..%2Fgo.mod", status: 404, answer: asPage},
		{name: "double slash", target: "//figures", status: 404, answer: asPage},
		{name: "unknown page", target: "/nope", status: 404, answer: asPage},
		{name: "upper-case API path", target: "/API/search", status: 404, answer: asPage},
		{name: "POST page", method: "POST", target: "/search", header: "Content-Length: 0\r\n", status: 405, answer: asPage},
		{name: "DELETE home", method: "DELETE", target: "/", status: 405, answer: asPage},
		{name: "10 KB page query", target: "/search?q=" + long, status: 413, answer: asPage},

		// Broken HTTP that net/http answers itself.
		{name: "70 KB header", target: "/healthz", header: "X-Big: " + strings.Repeat("a", 70<<10) + "\r\n", status: 431, answer: asTransport},
		{name: "NUL in request target", target: "/api/search?q=a\x00b", status: 400, answer: asTransport},
		{name: "space in header name", target: "/healthz", header: "Bad Name: x\r\n", status: 400, answer: asTransport},
		{name: "two Content-Lengths", method: "POST", target: "/api/search", header: "Content-Length: 1\r\nContent-Length: 2\r\n", body: "xx", status: 400, answer: asTransport},
		{name: "chunked with Content-Length", method: "POST", target: "/api/search", header: "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", body: "0\r\n\r\n", status: 405},
		{name: "unknown transfer encoding", method: "POST", target: "/api/search", header: "Transfer-Encoding: gzip\r\n", status: 501, answer: asTransport},
	}
}

// TestHostileRequests sends bad requests over real connections to the real
// router serving the embedded report: each is answered with a 4xx and the
// error in the route's format, no request breaks the server, and nothing is
// logged as a server error.
func TestHostileRequests(t *testing.T) {
	h, log := newReal(t)
	addr := startReal(t, h)
	cases := hostileCases()
	if n := len(cases); n < 60 {
		t.Fatalf("%d hostile cases; the issue asks for at least 60", n)
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = http.MethodGet
			}
			req := method + " " + tt.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + tt.header + "\r\n" + tt.body
			resp, body := rawRequest(t, addr, method, req)
			if resp.StatusCode != tt.status {
				t.Fatalf("%s %.80s = %d %.300s; want %d", method, tt.target, resp.StatusCode, body, tt.status)
			}
			if resp.StatusCode < 400 || (resp.StatusCode >= 500 && tt.answer != asTransport) {
				t.Fatalf("status %d is not a client error", resp.StatusCode)
			}
			if tt.answer != asJSON && bytes.Contains(body, []byte("<script>alert")) {
				t.Errorf("the response reflects the script unescaped:\n%s", body)
			}
			switch tt.answer {
			case asJSON:
				checkJSONError(t, resp, body, tt.about)
			case asPage:
				checkErrorPage(t, resp, body, tt.about)
			}
		})
	}

	// Still healthy, and still searching.
	resp, body := rawRequest(t, addr, "GET", "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"ok"`)) {
		t.Fatalf("GET /healthz after the hostile requests = %d %s", resp.StatusCode, body)
	}
	resp, body = rawRequest(t, addr, "GET", "GET /api/search?q="+q("财政收入")+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	var res SearchResponse
	if err := json.Unmarshal(body, &res); resp.StatusCode != 200 || err != nil || res.Total == 0 {
		t.Fatalf("GET /api/search?q=财政收入 after the hostile requests = %d %v %.200s", resp.StatusCode, err, body)
	}
	if l := log.String(); strings.Contains(l, "level=ERROR") {
		t.Errorf("server errors logged:\n%s", truncate(l, 2000))
	}
}

// checkJSONError checks an API error: JSON with exactly error.code and
// error.message, the message naming what was wrong.
func checkJSONError(t *testing.T, resp *http.Response, body []byte, about string) {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q; want JSON", ct)
	}
	var e errorBody
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("error body %s: %v", body, err)
	}
	if e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error body %s lacks a code or message", body)
	}
	if !strings.Contains(e.Error.Message, about) {
		t.Errorf("error message %q does not name %q", e.Error.Message, about)
	}
	if resp.StatusCode == 405 && resp.Header.Get("Allow") == "" {
		t.Error("405 without an Allow header")
	}
}

// checkErrorPage checks a page error: the HTML error page with the status in
// its heading and the reason in #error-message.
func checkErrorPage(t *testing.T, resp *http.Response, body []byte, about string) {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("Content-Type %q; want HTML", ct)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if h := doc.Find("h1").Text(); !strings.Contains(h, fmt.Sprint(resp.StatusCode)) {
		t.Errorf("error page heading %q lacks the status %d", h, resp.StatusCode)
	}
	msg := doc.Find("#error-message").Text()
	if !strings.Contains(msg, "请") || strings.ContainsFunc(msg, func(r rune) bool { return r >= 'a' && r <= 'z' }) {
		t.Errorf("error page message %q is not Chinese saying what to do", msg)
	}
	if detail := doc.Find("#error-detail").Text(); !strings.Contains(detail, about) {
		t.Errorf("error page detail %q does not name %q", detail, about)
	}
}

// evilReport is a report in the shape of the real one whose text is full of
// HTML: every piece of it must reach pages and JSON as text, never as markup.
const evilReport = `
01 华漕<script>alert("节")</script>&amp;标题

- ◆举办<script>alert('x')</script>活动3次,投入“专项”资金1.5亿元 & 'A&B'计划覆盖50家企业。
- ◆新建<img src=x onerror=alert(1)>绿地2.5万平方米,"口袋公园"&amp;步道12公里。

02 第二节<b>粗体</b>

- ◆</textarea><svg onload=alert(2)>服务企业120家,税收=1+1亿元。
`

// evilTitle is section 01's title: markup and an entity, to be shown as text.
const evilTitle = `华漕<script>alert("节")</script>&amp;标题`

// evilServer serves evilReport from an in-memory index.
func evilServer(t *testing.T) (http.Handler, *corpus.Report) {
	t.Helper()
	r, err := corpus.Parse(strings.NewReader(evilReport), "evil-2023.txt")
	if err != nil {
		t.Fatalf("corpus.Parse: %v", err)
	}
	if len(r.Bullets) != 3 || r.Sections[0].Title != evilTitle {
		t.Fatalf("corpus.Parse found %d bullets in %+v; want 3 in 2 sections", len(r.Bullets), r.Sections)
	}
	for i, want := range []string{"<script>", "<img", "<svg"} {
		if !strings.Contains(r.Bullets[i].Text, want) {
			t.Fatalf("bullet %d %q lost its %s", i, r.Bullets[i].Text, want)
		}
	}
	ix, err := index.New(context.Background(), []*corpus.Report{r}, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return New(ix, Options{}).Handler(), r
}

// markup are the pieces of the evil report that would be live HTML if they
// reached a page unescaped.
var markup = []string{"<script>alert", "<img src=x", "<svg onload", "<b>粗体", "</textarea>", `alert("节")`}

// checkNoMarkup fails if body contains any of the report's markup as is.
func checkNoMarkup(t *testing.T, what string, body []byte) {
	t.Helper()
	for _, m := range markup {
		if bytes.Contains(body, []byte(m)) {
			i := bytes.Index(body, []byte(m))
			t.Errorf("%s contains %q unescaped: …%s…", what, m, body[max(0, i-80):min(len(body), i+80)])
		}
	}
}

// TestEvilReportEscaped serves a report whose text is HTML and checks that
// the search page, its highlights, the bullet page, the figures page, the
// API's highlight and the CSV carry that text as text: escaped once (what a
// browser shows is exactly the bullet), never live markup.
func TestEvilReportEscaped(t *testing.T) {
	h, r := evilServer(t)
	byText := map[string]bool{}
	for _, b := range r.Bullets {
		byText[b.Text] = true
	}

	t.Run("search page", func(t *testing.T) {
		for _, query := range []string{"活动", "企业", "绿地", `<script>alert(1)</script>`, `"专项" & 'A&B'`} {
			w := get(t, h, "/search?q="+q(query))
			if w.Code != 200 {
				t.Fatalf("GET /search?q=%s = %d", query, w.Code)
			}
			body := w.Body.Bytes()
			checkNoMarkup(t, "/search?q="+query, body)
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if v, _ := doc.Find("#q").Attr("value"); v != query {
				t.Errorf("search box value %q; want %q", v, query)
			}
			doc.Find(".hit .permalink").Each(func(_ int, s *goquery.Selection) {
				if !byText[s.Text()] {
					t.Errorf("hit shows %q, not a bullet's text", s.Text())
				}
				if s.Find("*").Not("mark").Length() > 0 {
					t.Errorf("hit holds elements other than <mark>: %s", must(s.Html()))
				}
			})
			if doc.Find(".hit").Length() > 0 && !strings.Contains(doc.Find("#facet-section").Text(), evilTitle) {
				t.Errorf("section facet %q lacks the title %q as text", doc.Find("#facet-section").Text(), evilTitle)
			}
		}
		// the highlight marks the match inside the escaped text
		doc := mustDoc(t, get(t, h, "/search?q="+q("活动")).Body.Bytes())
		hl, _ := doc.Find(".hit .permalink").First().Html()
		if !strings.Contains(hl, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<mark>活动</mark>") &&
			!strings.Contains(hl, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<mark>活动") {
			t.Errorf("highlight of 活动 = %s", hl)
		}
	})

	t.Run("bullet page", func(t *testing.T) {
		for _, b := range r.Bullets {
			w := get(t, h, "/b/"+url.PathEscape(b.Key()))
			if w.Code != 200 {
				t.Fatalf("GET /b/%s = %d", b.Key(), w.Code)
			}
			checkNoMarkup(t, "/b/"+b.ID, w.Body.Bytes())
			doc := mustDoc(t, w.Body.Bytes())
			if got := doc.Find("#current .text").Text(); got != b.Text {
				t.Errorf("/b/%s shows %q; want %q", b.ID, got, b.Text)
			}
			if got := doc.Find("#bullet-h").Text(); got != b.Section.Title {
				t.Errorf("/b/%s heading %q; want %q", b.ID, got, b.Section.Title)
			}
		}
	})

	t.Run("figures page", func(t *testing.T) {
		w := get(t, h, "/figures")
		if w.Code != 200 {
			t.Fatalf("GET /figures = %d", w.Code)
		}
		checkNoMarkup(t, "/figures", w.Body.Bytes())
		doc := mustDoc(t, w.Body.Bytes())
		if doc.Find("#figures tbody tr").Length() == 0 {
			t.Fatal("/figures lists no figure")
		}
		if doc.Find("#money-chart script, #money-chart foreignObject, #figures script").Length() > 0 {
			t.Error("/figures holds a script or foreign object in its chart or table")
		}
		opts := doc.Find("#f-section option").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
		if !strings.Contains(strings.Join(opts, "|"), evilTitle) {
			t.Errorf("section options %q lack the section title as text", opts)
		}
	})

	t.Run("JSON", func(t *testing.T) {
		w := get(t, h, "/api/search?size=100&q=")
		if w.Code != 200 {
			t.Fatalf("GET /api/search = %d", w.Code)
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("Content-Type %q, X-Content-Type-Options %q", ct, w.Header().Get("X-Content-Type-Options"))
		}
		for _, query := range []string{"", "活动", "企业", "公园"} {
			var res SearchResponse
			decode(t, get(t, h, "/api/search?size=100&q="+q(query)).Body.Bytes(), &res)
			if len(res.Hits) == 0 {
				t.Fatalf("q=%s: no hits", query)
			}
			for _, hit := range res.Hits {
				if !byText[hit.Text] {
					t.Errorf("text %q is not a bullet's text", hit.Text)
				}
				plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(hit.Highlight)
				if strings.ContainsAny(plain, "<>") || html.UnescapeString(plain) != hit.Text {
					t.Errorf("q=%s highlight %q is not the escaped text %q with marks", query, hit.Highlight, hit.Text)
				}
			}
		}
		w = get(t, h, "/api/metrics?format=csv")
		if w.Code != 200 {
			t.Fatalf("GET /api/metrics?format=csv = %d", w.Code)
		}
		for _, line := range strings.Split(w.Body.String(), "\n") {
			for _, cell := range strings.Split(line, ",") {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) && !isNumber(cell) {
					t.Errorf("CSV cell %q would be a spreadsheet formula", cell)
				}
			}
		}
	})
}

func isNumber(s string) bool {
	var f float64
	_, err := fmt.Sscan(s, &f)
	return err == nil
}

func mustDoc(t *testing.T, body []byte) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func must(s string, err error) string {
	if err != nil {
		return err.Error()
	}
	return s
}

// TestWorstRequestsBounded sends the costliest requests the limits let
// through (the most terms, the rarest characters, every filter, the deepest
// page, the largest page, whole-report pages) and checks the memory each one
// allocates, a measure of the work done that does not depend on the
// machine's speed. Requests one step past a limit are in the hostile table.
func TestWorstRequestsBounded(t *testing.T) {
	h, _ := newReal(t)
	var words []string
	for _, w := range strings.Fields("企业 社区 服务 华漕 养老 老人 垃圾分类 鹿鸣苑 枫桥经验 健康医疗 一网通办 电梯 物联网 招商 人才 非遗 城市更新 数字政务 财政收入 党建 文化 教育 医疗 交通 环境 安全 治理 园区 项目 经济 民生 就业") {
		words = append(words, w)
	}
	var rare []string // 10 words of 6 characters no dictionary has
	for i := range 10 {
		var b strings.Builder
		for j := range 6 {
			b.WriteRune(rune(0x9F00 + i*6 + j))
		}
		rare = append(rare, b.String())
	}
	all := "section=00&section=01&section=02&section=03&section=04&section=05&section=06&kind=money&kind=count&kind=percent&kind=area&kind=duration&min=0&max=1e15"
	const limit = 16 << 20 // bytes one request may allocate; the worst measured 2.6 MB
	for _, target := range []string{
		"/api/search?size=100&sort=-value&q=" + q(strings.Join(words, " ")),
		"/api/search?size=100&q=" + q(strings.Join(rare, " ")),
		"/api/search?size=100&q=" + q(strings.Repeat("龘", 64)),
		"/api/search?size=100&q=" + q(strings.Repeat("企业", 32)),
		"/api/search?size=100&q=" + q(`"`+strings.Join(words[:20], "")+`"`),
		"/api/search?size=100&q=" + q(strings.Join([]string{">1亿元", "≥50家", "1000万-1亿", "10亿以上", "<5%", "超过1万平方米"}, " ")),
		"/api/search?size=100&sort=value&" + all,
		"/api/search?size=100&from=10000&q=" + q("企业"),
		"/api/search?size=100&q=" + q(strings.Join(words[:16], " -")),
		"/search?q=" + q(strings.Join(words, " ")) + "&" + all,
		"/figures",
		"/api/metrics",
		"/api/metrics?format=csv",
		"/b/02-01",
	} {
		get(t, h, target) // warm caches
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		w := get(t, h, target)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%-70.70s %d %6d KB %6d allocs %v", target, w.Code, alloc>>10, after.Mallocs-before.Mallocs, took.Round(time.Microsecond))
		if w.Code != 200 {
			t.Errorf("GET %s = %d %.200s; want 200: the limits let it through", target, w.Code, w.Body.Bytes())
		}
		if alloc > limit {
			t.Errorf("GET %s allocated %d MB; want at most %d MB", target, alloc>>20, limit>>20)
		}
	}
}

// TestQuerySyntaxIsText checks that bleve's query syntax typed in the box is
// taken as text, never run as a query: section:02 does not filter by section,
// _all:企业 and 企业^5 find what 企业 finds or less, and none is an error (a
// regular expression of operators alone, /.*/, is a 400 in the hostile table).
func TestQuerySyntaxIsText(t *testing.T) {
	h, _ := newReal(t)
	search := func(query string) SearchResponse {
		t.Helper()
		w := get(t, h, "/api/search?size=100&q="+q(query))
		if w.Code != 200 {
			t.Fatalf("GET /api/search?q=%s = %d %s", query, w.Code, w.Body)
		}
		var res SearchResponse
		decode(t, w.Body.Bytes(), &res)
		return res
	}
	var sec SearchResponse
	decode(t, get(t, h, "/api/search?size=100&section=02").Body.Bytes(), &sec)
	if got := search("section:02"); got.Total == sec.Total && sec.Total > 0 {
		t.Errorf("q=section:02 found the %d bullets of section 02: taken as a field query", got.Total)
	}
	word := search("企业")
	for _, query := range []string{"_all:企业", "企业^5", "企业~5"} {
		// the partial tier may add bullets with one of the parts
		if got := search(query); got.FullTotal > word.Total {
			t.Errorf("q=%s found %d full matches, more than 企业's %d bullets", query, got.FullTotal, word.Total)
		}
	}
}
