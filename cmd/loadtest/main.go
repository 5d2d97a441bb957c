// Command loadtest sends a bounded, realistic mix of requests to a running
// reportsearch server on this machine and reports status counts, connection
// errors, latency percentiles, throughput and (with -pid) the server's RSS.
//
//	go build -o /tmp/rs ./cmd/reportsearch && /tmp/rs serve --addr 127.0.0.1:8080 &
//	go run ./cmd/loadtest -url http://127.0.0.1:8080 -n 100000 -c 64 -pid $!
//
// It refuses any host that is not a loopback address: load is only ever sent
// to a server of ours on this machine. The run stops after -n requests or
// -max-time, whichever comes first.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
		}
		os.Exit(2)
	}
}

// mix is the request mix: path and query, weighted by repetition. It stands
// for residents' words (common and rare), journalists' figures, analysts'
// filters and facets, page views and a share of bad requests, which must be
// answered 4xx, never 5xx.
var mix = []struct {
	weight int
	path   string
}{
	{10, "/api/search?q=" + url.QueryEscape("企业")},
	{8, "/api/search?q=" + url.QueryEscape("社区")},
	{6, "/api/search?q=" + url.QueryEscape("服务")},
	{5, "/api/search?q=" + url.QueryEscape("华漕")},
	{5, "/api/search?q=" + url.QueryEscape("养老")},
	{4, "/api/search?q=" + url.QueryEscape("老人")},
	{4, "/api/search?q=" + url.QueryEscape("垃圾分类")},
	{3, "/api/search?q=" + url.QueryEscape("鹿鸣苑")},
	{3, "/api/search?q=" + url.QueryEscape("枫桥经验")},
	{3, "/api/search?q=" + url.QueryEscape("健康医疗")},
	{3, "/api/search?q=" + url.QueryEscape(`"一网通办"`)},
	{3, "/api/search?q=" + url.QueryEscape("电梯 -物联网")},
	{4, "/api/search?q=" + url.QueryEscape(">1亿元")},
	{3, "/api/search?q=" + url.QueryEscape("招商 >1000万元")},
	{3, "/api/search?q=" + url.QueryEscape("≥50家")},
	{2, "/api/search?q=" + url.QueryEscape("1000万-1亿")},
	{4, "/api/search?q=&section=huacao-2023:02"},
	{3, "/api/search?q=" + url.QueryEscape("服务") + "&section=huacao-2023:05&section=huacao-2023:06"},
	{4, "/api/search?q=" + url.QueryEscape("粮食产量")},
	{3, "/api/search?q=" + url.QueryEscape("新质生产力") + "&level=provincial"},
	{2, "/api/search?q=" + url.QueryEscape("国内生产总值") + "&years=1978-1990"},
	{2, "/api/search?q=" + url.QueryEscape("人工智能") + "&region=" + url.QueryEscape("北京市")},
	{3, "/api/search?kind=money&min=10000000&sort=-value"},
	{2, "/api/search?q=" + url.QueryEscape("企业") + "&from=10&size=20"},
	{2, "/api/search?q=" + url.QueryEscape("yue")},
	{2, "/api/search?q=" + url.QueryEscape("不存在的词汇组合")},
	{3, "/search?q=" + url.QueryEscape("养老")},
	{1, "/search?q=" + url.QueryEscape("企业") + "&section=huacao-2023:02"},
	{1, "/api/sections"},
	{1, "/api/bullets/huacao-2023:02-01"},
	{1, "/r/national-2024"},
	{1, "/healthz"},
	// Bad requests: each must be a 4xx.
	{1, "/api/search?size=-1"},
	{1, "/api/search?min=abc"},
	{1, "/api/search?section=99"},
	{1, "/api/search?q=%ZZ"},
	{1, "/api/nope"},
}

type result struct {
	status  int
	latency time.Duration
	err     bool
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "server base URL (loopback only)")
	n := fs.Int("n", 100000, "number of requests")
	conc := fs.Int("c", 64, "concurrent connections")
	warm := fs.Int("warmup", 2000, "requests sent before measuring RSS and latency")
	maxTime := fs.Duration("max-time", 5*time.Minute, "stop after this long whatever -n says")
	pid := fs.Int("pid", 0, "server process id, to sample its RSS (Linux /proc)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n <= 0 || *conc <= 0 || *warm < 0 {
		return errors.New("-n and -c must be positive, -warmup not negative")
	}
	u, err := url.Parse(*base)
	if err != nil {
		return fmt.Errorf("-url: %v", err)
	}
	if err := checkLoopback(u.Hostname()); err != nil {
		return err
	}

	var paths []string
	for _, m := range mix {
		for i := 0; i < m.weight; i++ {
			paths = append(paths, m.path)
		}
	}
	client := &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        *conc,
			MaxIdleConnsPerHost: *conc,
			MaxConnsPerHost:     *conc,
		},
	}
	ctx, cancel := context.WithTimeout(ctx, *maxTime)
	defer cancel()

	// Warm up, then sample RSS as the baseline.
	send(ctx, client, *base, paths, *warm, *conc)
	rssStart := rss(*pid)

	var rssMax atomic.Int64
	rssMax.Store(rssStart)
	stopSampling := make(chan struct{})
	var sampler sync.WaitGroup
	if *pid > 0 {
		sampler.Add(1)
		go func() {
			defer sampler.Done()
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stopSampling:
					return
				case <-t.C:
					if r := rss(*pid); r > rssMax.Load() {
						rssMax.Store(r)
					}
				}
			}
		}()
	}

	start := time.Now()
	results := send(ctx, client, *base, paths, *n, *conc)
	elapsed := time.Since(start)
	close(stopSampling)
	sampler.Wait()
	rssEnd := rss(*pid)
	if rssEnd > rssMax.Load() {
		rssMax.Store(rssEnd)
	}

	report(stdout, results, elapsed, *conc)
	if *pid > 0 {
		fmt.Fprintf(stdout, "server RSS: %.1f MB after warm-up, %.1f MB at end, %.1f MB peak\n",
			float64(rssStart)/1024, float64(rssEnd)/1024, float64(rssMax.Load())/1024)
	}
	if len(results) < *n {
		fmt.Fprintf(stdout, "stopped early after %d of %d requests (-max-time or interrupt)\n", len(results), *n)
	}
	return nil
}

// checkLoopback refuses any target but this machine.
func checkLoopback(host string) error {
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("refusing to load %q: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed", host)
	}
	return nil
}

// send issues n requests from conc workers and returns their results.
func send(ctx context.Context, client *http.Client, base string, paths []string, n, conc int) []result {
	results := make([]result, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				results[i] = get(ctx, client, base+paths[i%len(paths)])
			}
		}()
	}
	wg.Wait()
	// Keep only the requests that were sent.
	kept := results[:0]
	for _, r := range results {
		if r.status != 0 || r.err {
			kept = append(kept, r)
		}
	}
	return kept
}

func get(ctx context.Context, client *http.Client, u string) result {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return result{err: true}
	}
	t := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return result{} // stopped by -max-time: not counted
		}
		return result{err: true, latency: time.Since(t)}
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return result{status: resp.StatusCode, latency: time.Since(t)}
}

func report(w io.Writer, results []result, elapsed time.Duration, conc int) {
	byStatus := map[int]int{}
	var errs, fivexx int
	lat := make([]time.Duration, 0, len(results))
	for _, r := range results {
		if r.err {
			errs++
			continue
		}
		byStatus[r.status]++
		if r.status >= 500 {
			fivexx++
		}
		lat = append(lat, r.latency)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	var codes []string
	for c, k := range byStatus {
		codes = append(codes, strconv.Itoa(c)+":"+strconv.Itoa(k))
	}
	sort.Strings(codes)
	fmt.Fprintf(w, "requests: %d in %.2fs at %d connections: %.0f req/s\n",
		len(results), elapsed.Seconds(), conc, float64(len(results))/elapsed.Seconds())
	fmt.Fprintf(w, "status: %s\n", strings.Join(codes, " "))
	fmt.Fprintf(w, "5xx: %d, connection errors: %d\n", fivexx, errs)
	fmt.Fprintf(w, "latency: p50 %v, p90 %v, p99 %v, max %v\n",
		pct(0.50).Round(time.Microsecond), pct(0.90).Round(time.Microsecond),
		pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
}

// rss returns the resident set size of pid in KiB, or 0.
func rss(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb
			}
		}
	}
	return 0
}
