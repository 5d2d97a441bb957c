package server

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"reportsearch/corpus"
	"reportsearch/index"
)

// bigPassages is the size of the generated collection the bounds are
// tested on: the size at which /figures was a 28.9 MB page.
const bigPassages = 30000

var (
	bigOnce sync.Once
	bigIx   *index.Index
	bigErr  error
)

// bigIndex indexes copies of the seed report, as reports of several levels,
// regions and years, until they hold bigPassages passages.
func bigIndex(t testing.TB) *index.Index {
	t.Helper()
	if testing.Short() {
		t.Skip("builds an index of 30 k passages")
	}
	bigOnce.Do(func() {
		seed, err := corpus.Default()
		if err != nil {
			bigErr = err
			return
		}
		var reps []*corpus.Report
		for n, i := 0, 0; n < bigPassages; i++ {
			r := *seed
			r.ID = fmt.Sprintf("copy-%03d", i)
			r.Level = levels[i%len(levels)]
			r.Region = fmt.Sprintf("地区%d", i%7)
			r.Year = 1990 + i%35
			r.Bullets = make([]corpus.Bullet, 0, len(seed.Bullets))
			for _, b := range seed.Bullets {
				if n == bigPassages {
					break
				}
				b.Report = r.ID
				r.Bullets = append(r.Bullets, b)
				n++
			}
			reps = append(reps, &r)
		}
		bigIx, bigErr = index.New(context.Background(), reps, index.Options{})
	})
	if bigErr != nil {
		t.Fatal(bigErr)
	}
	return bigIx
}

// allocated is the memory allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// peakHeap is the most heap in use above the start, sampled every few
// milliseconds while f runs, after a collection at the start. The garbage
// collector runs at 5 % growth meanwhile, so that the heap is mostly what
// f holds, not garbage.
func peakHeap(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var top uint64
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > base {
				top = max(top, m.HeapAlloc-base)
			}
			select {
			case <-done:
				peak <- top
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	return <-peak
}

// TestFiguresBoundedOnALargeCollection asks the figures page, the JSON
// list and the CSV of a 30 k passage collection: the page and the JSON hold
// one page of rows (their size and the memory they allocate stay small),
// and the CSV holds every figure while allocating far less than its rows.
func TestFiguresBoundedOnALargeCollection(t *testing.T) {
	ix := bigIndex(t)
	h := New(ix, Options{}).Handler()
	total := ix.FigureTotal(index.FigureFilter{})
	if total < 40000 {
		t.Fatalf("the collection has %d figures; want a large one", total)
	}
	for _, c := range []struct {
		target   string
		maxBody  int
		maxAlloc uint64
	}{
		// the allocation bounds leave room for the index's own background
		// merging, which runs meanwhile; before paging, /figures was a
		// 19 MB page that allocated 1.9 GB
		{"/figures", 400 << 10, 128 << 20},
		{"/figures?page=50", 400 << 10, 128 << 20},
		{"/api/metrics", 200 << 10, 128 << 20},
		{"/api/metrics?size=1000&from=20000", 2 << 20, 256 << 20},
	} {
		var w *httptest.ResponseRecorder
		alloc := allocated(func() { w = get(t, h, c.target) })
		if w.Code != 200 {
			t.Fatalf("GET %s: %d %s", c.target, w.Code, truncate(w.Body.String(), 200))
		}
		if w.Body.Len() > c.maxBody || alloc > c.maxAlloc {
			t.Errorf("GET %s: %d bytes, %d MB allocated; want at most %d bytes and %d MB", c.target, w.Body.Len(), alloc>>20, c.maxBody, c.maxAlloc>>20)
		}
		t.Logf("GET %s: %d kB, %d MB allocated", c.target, w.Body.Len()>>10, alloc>>20)
	}

	// the CSV streams: every row, through a writer that keeps none; at
	// every write, the figures read but not yet sent are at most a few
	// hundred (the CSV writer's buffer), not the whole list
	counted := &countingEngine{Engine: ix}
	h = New(counted, Options{}).Handler()
	var rows int
	lag := int64(0)
	cw := &countingRecorder{header: http.Header{}}
	cw.onWrite = func() { lag = max(lag, counted.rows.Load()-int64(cw.lines)) }
	held := peakHeap(func() {
		h.ServeHTTP(cw, httptest.NewRequest("GET", "/api/metrics?format=csv", nil))
		rows = cw.lines - 1
	})
	if rows != total {
		t.Errorf("the CSV has %d rows; want %d", rows, total)
	}
	if lag > 2*csvFlushRows {
		t.Errorf("up to %d figures were read but not yet sent; want the CSV streamed", lag)
	}
	t.Logf("CSV: %d rows, at most %d read ahead of those sent, in %d writes, at most %d MB held (process heap, GC at 5 %%)", rows, lag, cw.writes, held>>20)
}

// countingEngine counts the figures EachFigure yields.
type countingEngine struct {
	Engine
	rows atomic.Int64
}

func (c *countingEngine) EachFigure(ctx context.Context, f index.FigureFilter, fn func(index.MetricRow) error) error {
	return c.Engine.EachFigure(ctx, f, func(row index.MetricRow) error {
		c.rows.Add(1)
		return fn(row)
	})
}

// countingRecorder is a ResponseWriter that counts the lines written and
// keeps nothing; cancel, when set, is called once after the first write,
// onWrite, when set, before every write.
type countingRecorder struct {
	header  http.Header
	status  int
	lines   int
	writes  int
	cancel  func()
	onWrite func()
}

func (c *countingRecorder) Header() http.Header { return c.header }
func (c *countingRecorder) WriteHeader(s int)   { c.status = s }
func (c *countingRecorder) Write(p []byte) (int, error) {
	if c.onWrite != nil {
		c.onWrite()
	}
	c.writes++
	c.lines += strings.Count(string(p), "\n")
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	return len(p), nil
}
func (c *countingRecorder) Flush() {}

// TestMetricsCSVStopsWhenTheClientLeaves cancels the request's context as
// the first rows arrive: the CSV must stop soon after, not read and write
// every figure of the collection.
func TestMetricsCSVStopsWhenTheClientLeaves(t *testing.T) {
	ix := bigIndex(t)
	h := New(ix, Options{}).Handler()
	total := ix.FigureTotal(index.FigureFilter{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cw := &countingRecorder{header: http.Header{}, cancel: cancel}
	h.ServeHTTP(cw, httptest.NewRequest("GET", "/api/metrics?format=csv", nil).WithContext(ctx))
	if cw.lines == 0 || cw.lines > total/10 {
		t.Errorf("the CSV wrote %d of %d rows after its client left; want it to stop within a few batches", cw.lines, total)
	}
}

// TestFiguresPageStopsWhenTheClientLeaves asks a sorted figures page, which
// reads every figure, with a context already ended: it must not read them.
func TestFiguresPageStopsWhenTheClientLeaves(t *testing.T) {
	ix := bigIndex(t)
	var log syncBuffer
	h := New(ix, Options{Logger: slogTo(&log)}).Handler()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	alloc := allocated(func() {
		h.ServeHTTP(w, httptest.NewRequest("GET", "/figures?sort=value", nil).WithContext(ctx))
	})
	if w.Code == 200 || alloc > 16<<20 {
		t.Errorf("a cancelled sorted page: status %d, %d MB allocated; want it abandoned early", w.Code, alloc>>20)
	}
}

// TestMetricsPages walks /api/metrics page by page with filters and checks
// the pages join into the CSV's rows, in order, with total and has_more
// consistent.
func TestMetricsPages(t *testing.T) {
	h, _ := newReal(t)
	var csvKeys []string
	w := get(t, h, "/api/metrics?format=csv&kind=money")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		csvKeys = append(csvKeys, r[1]+" "+r[5])
	}
	var got []string
	for from := 0; ; from += 7 {
		var page metricsJSON
		w := get(t, h, fmt.Sprintf("/api/metrics?kind=money&from=%d&size=7", from))
		if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil {
			t.Fatal(err)
		}
		if page.Total != len(csvKeys) || page.From != from || page.Size != 7 {
			t.Fatalf("page at %d: total %d, from %d, size %d; want %d, %d, 7", from, page.Total, page.From, page.Size, len(csvKeys), from)
		}
		for _, m := range page.Metrics {
			got = append(got, m.Bullet+" "+m.Text)
		}
		if !page.HasMore {
			if len(page.Metrics) == 0 && from > 0 {
				t.Errorf("has_more was true before an empty page at %d", from)
			}
			break
		}
		if len(page.Metrics) != 7 {
			t.Fatalf("a page with more to come has %d rows", len(page.Metrics))
		}
	}
	if strings.Join(got, "|") != strings.Join(csvKeys, "|") || len(got) == 0 {
		t.Errorf("the pages hold %d figures, the CSV %d, or in another order", len(got), len(csvKeys))
	}
	for _, c := range []struct {
		target string
		total  int
	}{
		{"/api/metrics?kind=money&report=huacao-2023", len(csvKeys)},
		{"/api/metrics?kind=money&year=1990-2000", 0},
		{"/api/metrics?kind=money&level=national", 0},
		{"/api/metrics?kind=money&region=" + url.QueryEscape("北京市"), 0},
	} {
		var page metricsJSON
		if err := json.Unmarshal(get(t, h, c.target).Body.Bytes(), &page); err != nil {
			t.Fatal(err)
		}
		if page.Total != c.total || len(page.Metrics) != min(c.total, metricsDefaultSize) {
			t.Errorf("GET %s: total %d with %d rows; want %d", c.target, page.Total, len(page.Metrics), c.total)
		}
	}
	for _, bad := range []string{"?from=-1", "?size=1001", "?year=2024-2020", "?year=abc", "?level=city", "?format=csv&size=5"} {
		if w := get(t, h, "/api/metrics"+bad); w.Code != 400 {
			t.Errorf("GET /api/metrics%s: %d; want 400", bad, w.Code)
		}
	}
}

// TestFiguresPageFiltersAndPager filters the big collection's figures page
// by level, region and year and follows its pager.
func TestFiguresPageFiltersAndPager(t *testing.T) {
	ix := bigIndex(t)
	h := New(ix, Options{}).Handler()
	f := index.FigureFilter{Levels: []string{corpus.LevelNational}, Regions: []string{"地区3"}, YearFrom: 2000, YearTo: 2010}
	want := ix.FigureTotal(f)
	doc := page(t, h, "/figures?level=national&region="+url.QueryEscape("地区3")+"&year=2000-2010", 200)
	if got := doc.Find("#figures-total").Text(); got != fmt.Sprint(want) || want == 0 {
		t.Errorf("total %s; want %d", got, want)
	}
	rows := doc.Find("table#figures tbody tr:not(.group)")
	if rows.Length() != min(want, figuresPageSize) {
		t.Errorf("%d rows; want a page of %d", rows.Length(), min(want, figuresPageSize))
	}
	next, ok := doc.Find(`nav.pager a[rel="next"]`).Attr("href")
	if want > figuresPageSize && (!ok || !strings.Contains(next, "page=2") || !strings.Contains(next, "level=national")) {
		t.Errorf("next page link %q; want page 2 with the filters", next)
	}
	if doc.Find(`#figures[data-paged]`).Length() != 1 {
		t.Error("a paged table is not marked for the script")
	}
}
