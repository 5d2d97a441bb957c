package index

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"reportsearch/corpus"

	"github.com/blevesearch/bleve/v2/search/query"
)

// benchQueries mix what the page sees: words, several words, a phrase,
// synonyms, figure filters, the empty query, a section filter and a miss
// that falls back to partial matches.
var benchQueries = []Request{
	{Query: "招商"},
	{Query: "养老 医疗"},
	{Query: `"口袋公园"`},
	{Query: "老人"},
	{Query: "招商 >1000万元"},
	{Query: ">=50家", Sort: SortValueDesc},
	{Query: ""},
	{Query: "企业", Sections: []string{"02"}},
	{Query: "养老 火箭"},
	{Query: "上海市"},
}

// BenchmarkSearch runs the mix on the report, with facets and highlighting
// (always on), and reports the p50 and p99 latency of one search.
func BenchmarkSearch(b *testing.B) {
	ix, _ := reportIndex(b)
	benchSearch(b, ix, benchQueries)
}

func benchSearch(b *testing.B, ix *Index, reqs []Request) {
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	// the searching thread's own CPU time as well: on a loaded machine
	// the wall-clock tail is mostly waiting for a core
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start, cpu0 := time.Now(), threadCPU()
		if _, err := ix.Search(ctx, reqs[i%len(reqs)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		cpu = append(cpu, threadCPU()-cpu0)
	}
	b.StopTimer()
	slices.Sort(lat)
	slices.Sort(cpu)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	if threadCPU() >= 0 { // known on this system
		b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds()), "cpu-p50-µs")
		b.ReportMetric(float64(cpu[len(cpu)*99/100].Microseconds()), "cpu-p99-µs")
	}
}

// BenchmarkNew measures indexing the report in memory (what serve does at
// start-up), in bullets per second.
func BenchmarkNew(b *testing.B) {
	_, r := reportIndex(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := New(context.Background(), []*corpus.Report{r}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
	b.ReportMetric(float64(len(r.Bullets)*b.N)/b.Elapsed().Seconds(), "bullets/s")
}

// Scale benchmarks read a JSON-lines corpus of {"id","section","text"}
// (see the bench folder's make_corpus.sh) named by REPORTSEARCH_BENCH_CORPUS,
// its first REPORTSEARCH_BENCH_LIMIT lines when that is set, and are
// skipped without it.

// benchCorpus returns the bench corpus as a stream of the bullets of one
// report, "bench", metrics extracted: it is never held in memory.
func benchCorpus(tb testing.TB) Bullets {
	tb.Helper()
	path := os.Getenv("REPORTSEARCH_BENCH_CORPUS")
	if path == "" {
		tb.Skip("REPORTSEARCH_BENCH_CORPUS not set")
	}
	limit := 0
	if v := os.Getenv("REPORTSEARCH_BENCH_LIMIT"); v != "" {
		var err error
		if limit, err = strconv.Atoi(v); err != nil {
			tb.Fatalf("REPORTSEARCH_BENCH_LIMIT: %v", err)
		}
	}
	return jsonLinesBullets(path, limit, os.Getenv("REPORTSEARCH_BENCH_ORDERED_IDS") != "")
}

// jsonLinesBullets streams the first limit (0: all) JSON lines of path as
// bullets of report "bench"; a section's name is cut at its first '/'
// (tang/poet.tang.0 → tang: a handful of sections). With ordered, each id
// is prefixed with its line number (00000042/…), so that ids come in
// increasing byte order, as the keys of reports read in order do
// (REPORTSEARCH_BENCH_ORDERED_IDS=1; see BENCHMARKS.md on scorch's id check).
func jsonLinesBullets(path string, limit int, ordered bool) Bullets {
	return func(yield func(corpus.Bullet) error) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		n := 0
		for sc.Scan() {
			if limit > 0 && n == limit {
				break
			}
			n++
			var d struct{ ID, Section, Text string }
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				return fmt.Errorf("%s:%d: %w", path, n, err)
			}
			sec := d.Section
			if i := strings.IndexByte(sec, '/'); i > 0 {
				sec = sec[:i]
			}
			if ordered {
				d.ID = fmt.Sprintf("%08d/%s", n, d.ID)
			}
			err := yield(corpus.Bullet{
				ID: d.ID, Report: "bench", Section: corpus.Section{ID: sec, Title: sec},
				Text: d.Text, Order: n - 1, Metrics: corpus.ExtractMetrics(d.Text),
			})
			if err != nil {
				return err
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
}

// BenchmarkBuildScale builds an on-disk index of the bench corpus, streamed
// (read twice, never held), and reports bullets per second, CPU time per
// bullet (the whole process: reading and decoding the JSON lines and
// extracting figures included, twice), the CPU of one reading pass alone
// (read-cpu-µs/bullet, measured before, not included in the timed
// figures), the index's size on disk and the process's peak RSS.
// REPORTSEARCH_BENCH_BATCH sets the batch size, REPORTSEARCH_BENCH_SCORCH
// scorch's configuration (JSON), REPORTSEARCH_BENCH_OUT the folder to build
// into and keep (a temporary folder otherwise).
func BenchmarkBuildScale(b *testing.B) {
	src := benchCorpus(b)
	var opts Options
	if v := os.Getenv("REPORTSEARCH_BENCH_BATCH"); v != "" {
		opts.BatchSize, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("REPORTSEARCH_BENCH_SCORCH"); v != "" {
		if err := json.Unmarshal([]byte(v), &opts.ScorchConfig); err != nil {
			b.Fatal(err)
		}
	}
	n := 0
	cpuRead := cpuTime()
	if err := src(func(corpus.Bullet) error { n++; return nil }); err != nil {
		b.Fatal(err)
	}
	cpuRead = cpuTime() - cpuRead
	dir := os.Getenv("REPORTSEARCH_BENCH_OUT")
	if dir == "" {
		dir = b.TempDir() + "/idx"
	}
	stop := sampleRSS()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if err := BuildStream(context.Background(), src, dir, opts, nil); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuTime() - cpu0
	b.StopTimer()
	anon, file := stop()
	docs := float64(n * b.N)
	b.ReportMetric(docs/b.Elapsed().Seconds(), "bullets/s")
	// CPU time is the fairer figure on a machine shared with other work
	b.ReportMetric(float64(cpu.Microseconds())/docs, "cpu-µs/bullet")
	b.ReportMetric(float64(cpuRead.Microseconds())/float64(n), "read-cpu-µs/bullet")
	b.ReportMetric(float64(dirSize(b, dir))/1e6, "index-MB")
	segs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	b.ReportMetric(float64(len(segs)), "segments")
	b.ReportMetric(float64(peakRSS())/1e6, "peak-rss-MB")
	b.ReportMetric(float64(anon)/1e6, "peak-anon-MB")
	b.ReportMetric(float64(file)/1e6, "peak-file-MB")
}

// sampleRSS samples the process's resident memory every 50 ms until the
// function it returns is called, which returns the largest anonymous
// (heap, stacks) and file-backed (mapped index segments, the binary) parts
// seen, in bytes: the peak RSS counts the pages of mapped segment files,
// which the kernel may drop at any time, as well as the heap.
func sampleRSS() func() (anon, file int64) {
	done := make(chan struct{})
	var maxAnon, maxFile int64
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			a, f := rssParts()
			maxAnon, maxFile = max(maxAnon, a), max(maxFile, f)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() (int64, int64) {
		close(done)
		<-finished
		return maxAnon, maxFile
	}
}

// rssParts reads RssAnon and RssFile of /proc/self/status, in bytes (0 where
// they cannot be read).
func rssParts() (anon, file int64) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		name, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch name {
		case "RssAnon":
			anon = kb * 1024
		case "RssFile":
			file = kb * 1024
		}
	}
	return anon, file
}

// dirSize is the size in bytes of the files under dir.
func dirSize(tb testing.TB, dir string) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// peakRSS is the process's peak resident set size in bytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss * 1024 // KiB on Linux
}

// openBenchIndex opens REPORTSEARCH_BENCH_INDEX, built from the bench corpus
// first if that folder does not exist yet.
func openBenchIndex(b *testing.B) *Index {
	dir := os.Getenv("REPORTSEARCH_BENCH_INDEX")
	if dir == "" {
		b.Skip("REPORTSEARCH_BENCH_INDEX not set")
	}
	if _, err := os.Stat(dir); err != nil {
		src := benchCorpus(b)
		start := time.Now()
		if err := BuildStream(context.Background(), src, dir, Options{}, nil); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "built %s in %v\n", dir, time.Since(start))
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkSearchScale searches an on-disk index of the bench corpus (see
// openBenchIndex): the queries of REPORTSEARCH_BENCH_QUERIES (|-separated),
// or those of the query log REPORTSEARCH_BENCH_QUERYLOG (one a line), split
// by what their words are (queryLogClasses).
func BenchmarkSearchScale(b *testing.B) {
	ix := openBenchIndex(b)
	defer ix.Close()
	qs := strings.Split(os.Getenv("REPORTSEARCH_BENCH_QUERIES"), "|")
	if qs[0] == "" {
		qs = []string{"文件", "用户 设置", "明月", "春风 故人", `"命令行"`, "打印机", "选项", "山水"}
	}
	var reqs []Request
	for _, q := range qs {
		reqs = append(reqs, Request{Query: q})
	}
	if log := os.Getenv("REPORTSEARCH_BENCH_QUERYLOG"); log != "" {
		// the query log, split by what its words are
		classes, err := queryLogClasses(ix, log)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range []string{"all", "dictionary", "outside", "single"} {
			if len(classes[c]) > 0 {
				b.Run("log-"+c, func(b *testing.B) { benchSearch(b, ix, classes[c]) })
			}
		}
		return
	}
	b.Run("mix", func(b *testing.B) { benchSearch(b, ix, reqs) })
	b.Run("browse", func(b *testing.B) {
		benchSearch(b, ix, []Request{{}, {Sections: []string{ix.Sections()[0].ID}, From: 20}})
	})
	for _, q := range qs {
		b.Run(q, func(b *testing.B) { benchSearch(b, ix, []Request{{Query: q}}) })
	}
}

// BenchmarkSearchLog runs the queries of a log, one a line, in order and
// over again (REPORTSEARCH_BENCH_QUERYLOG, e.g. the bench folder's
// queries-common-1000.txt), on an on-disk index of the bench corpus (see
// openBenchIndex), with facets and highlighting, and reports the p50 and
// p99 latency of one search. One untimed pass over the log comes first, so
// that the figures are those of a warm server.
func BenchmarkSearchLog(b *testing.B) {
	path := os.Getenv("REPORTSEARCH_BENCH_QUERYLOG")
	if path == "" {
		b.Skip("REPORTSEARCH_BENCH_QUERYLOG not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var reqs []Request
	for _, q := range strings.Split(string(data), "\n") {
		if q = strings.TrimSpace(q); q != "" {
			reqs = append(reqs, Request{Query: q})
		}
	}
	if len(reqs) == 0 {
		b.Fatalf("%s: no queries", path)
	}
	ix := openBenchIndex(b)
	defer ix.Close()
	for _, r := range reqs {
		if _, err := ix.Search(context.Background(), r); err != nil {
			b.Fatalf("%q: %v", r.Query, err)
		}
	}
	// the thread's CPU time per search too: the latency a search would
	// have on a core of its own, which the machine's load does not change
	benchSearch(b, ix, reqs)
}

// queryLogClasses reads a query log (one query a line) and splits it by
// what its words are: "dictionary" (every unit a word of the dictionary),
// "outside" (text outside it, matched in the character field) and "single"
// (a single character), besides "all".
func queryLogClasses(ix *Index, path string) (map[string][]Request, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string][]Request{}
	for _, q := range strings.Split(string(data), "\n") {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		class := "dictionary"
		for g, w := range strings.Fields(q) {
			for _, u := range ix.units(w, g) {
				switch {
				case u.Kind == unitChars && utf8.RuneCountInString(u.Text) == 1:
					class = "single"
				case u.Kind == unitChars && class == "dictionary":
					class = "outside"
				}
			}
		}
		out[class] = append(out[class], Request{Query: q})
		out["all"] = append(out["all"], Request{Query: q})
	}
	return out, nil
}

// cpuTime is the user and system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCandidatesSameResults checks that candidates (which lead conjunctions
// only on large indexes) change nothing: every judged query and a few
// several-word ones answer the same, hits, order, scores, highlights and
// facets, with and without them.
func TestCandidatesSameResults(t *testing.T) {
	_, r := reportIndex(t)
	on, err := New(context.Background(), []*corpus.Report{r}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer on.Close()
	on.leadMinDocs = 1
	off, _ := reportIndex(t)
	off.leadMinDocs = math.MaxInt
	defer func() { off.leadMinDocs = 0 }()
	qs := []string{"养老 医疗", "老人 吃饭", "城市 更新 项目", "招商 >1000万元", `"口袋公园" 建设`, "社区 服务 -养老", "养老 火箭", "企业 服务 招商 人才"}
	for _, path := range []string{"../testdata/judgments.json", "../testdata/judgments-blind.json"} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		js, err := LoadJudgments(f, r.Bullets)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range js.Queries {
			qs = append(qs, q.Q)
		}
	}
	led := 0
	for _, q := range qs {
		pq, err := parseQuery(q)
		if err != nil {
			continue
		}
		if p, err := on.plan(pq, Request{Query: q}); err == nil && hasCandidates(p.main) {
			led++
		}
		for _, req := range []Request{{Query: q}, {Query: q, From: 5, Size: 5}, {Query: q, Sections: []string{"02"}}} {
			a, errA := on.Search(context.Background(), req)
			b, errB := off.Search(context.Background(), req)
			if (errA == nil) != (errB == nil) {
				t.Fatalf("%q: errors differ: %v, %v", q, errA, errB)
			}
			if errA != nil {
				continue
			}
			a.Took, b.Took = 0, 0
			for i := range a.Hits {
				if i < len(b.Hits) && sameScore(a.Hits[i].Score, b.Hits[i].Score) {
					a.Hits[i].Score = b.Hits[i].Score // summed in another order
				}
			}
			// The two indexes are two builds, whose documents are in
			// another order: hits tied with the page's last one may be
			// others beyond it (partial matches of one word often tie).
			a.Hits, b.Hits = withoutLastTies(a.Hits), withoutLastTies(b.Hits)
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if string(ja) != string(jb) {
				t.Errorf("%+v: results differ with candidates:\n%s\nwithout:\n%s", req, ja, jb)
			}
		}
	}
	if led < 10 {
		t.Errorf("candidates led %d queries; want at least 10", led)
	}
}

// withoutLastTies returns hits without those tied with the last one, when
// they fill a page.
func withoutLastTies(hits []Hit) []Hit {
	n := len(hits)
	for n > 0 && sameScore(hits[n-1].Score, hits[len(hits)-1].Score) && slices.Equal(hits[n-1].Missing, hits[len(hits)-1].Missing) {
		n--
	}
	return hits[:n]
}

func hasCandidates(q query.Query) bool {
	switch q := q.(type) {
	case candidates:
		return true
	case *query.BooleanQuery:
		return q.Must != nil && hasCandidates(q.Must)
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			if hasCandidates(c) {
				return true
			}
		}
	}
	return false
}
