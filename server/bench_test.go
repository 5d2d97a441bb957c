package server

import (
	"net/http"
	"net/url"
	"testing"
)

// The cost of one request through the whole handler (routing, middleware,
// search, encoding or rendering) on the embedded report, without the network:
//
//	go test ./server -run '^$' -bench . -benchmem
func benchmarkGet(b *testing.B, target string) {
	h, _ := newReal(b)
	if w := get(b, h, target); w.Code != http.StatusOK {
		b.Fatalf("GET %s: %d", target, w.Code)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		get(b, h, target)
	}
}

func BenchmarkAPISearch(b *testing.B) {
	benchmarkGet(b, "/api/search?q="+url.QueryEscape("企业 服务"))
}

func BenchmarkAPISearchFiltered(b *testing.B) {
	benchmarkGet(b, "/api/search?kind=money&min=1e8&sort=-value")
}

func BenchmarkSearchPage(b *testing.B) {
	benchmarkGet(b, "/search?q="+url.QueryEscape("企业 服务"))
}

func BenchmarkBulletPage(b *testing.B) {
	benchmarkGet(b, "/b/huacao-2023:02-02")
}

func BenchmarkFiguresPage(b *testing.B) {
	benchmarkGet(b, "/figures")
}
