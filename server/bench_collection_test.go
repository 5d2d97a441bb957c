package server

import (
	"context"
	"slices"
	"testing"
	"time"

	"reportsearch/index"
)

// collectionQueries mix searches over the whole collection: words common
// and rare, across reports and filtered by report level, region, year
// range and section, figures, a phrase and the empty query.
var collectionQueries = []index.Request{
	{Query: "粮食产量"},
	{Query: "新质生产力", Levels: []string{"provincial"}},
	{Query: "国内生产总值 增长"},
	{Query: "人工智能", Regions: []string{"北京市"}},
	{Query: "南水北调"},
	{Query: "财政赤字", YearFrom: 1978, YearTo: 1990},
	{Query: `"一网通办"`},
	{Query: "养老 服务"},
	{Query: ">1000亿元"},
	{Query: ""},
	{Query: "发展", Sections: []string{"national-2024:03.01"}},
	{Query: "企业"},
}

// BenchmarkCollectionSearch is one search over the embedded collection as
// /api/search answers it, in process: the engine's search with facets and
// spans, then the response's fragments and highlighting, encoded as JSON.
// It reports the p50 and p99 latency of one search.
//
//	go test ./server -run '^$' -bench CollectionSearch -benchtime 3000x
func BenchmarkCollectionSearch(b *testing.B) {
	ix := collectionIndex(b)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		req := collectionQueries[i%len(collectionQueries)]
		res, err := ix.Search(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := NewSearchResponse(req, res).JSON(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
