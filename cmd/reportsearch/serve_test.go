package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"reportsearch/corpus"
	"reportsearch/index"
)

var servingRE = regexp.MustCompile(`msg=serving url=(http://\S+)`)

// startServe runs the whole program as "reportsearch serve" on a free port
// and returns its base URL and a function that stops it and returns run's
// error. The port is read from the log line the server writes to stderr.
func startServe(t *testing.T, args ...string) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), io.Discard, pw)
		pw.CloseWithError(io.EOF)
		done <- err
	}()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		close(found)
		io.Copy(io.Discard, pr)
	}()
	select {
	case base = <-found:
	case err := <-done:
		cancel()
		t.Fatalf("serve exited before listening: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("serve did not log its address within 60s")
	}
	var once bool
	stop = func() error {
		if once {
			return nil
		}
		once = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not shut down within 15s")
			return nil
		}
	}
	t.Cleanup(func() { stop() })
	return strings.TrimSuffix(base, "/"), stop
}

// waitHealthy polls /healthz until it answers 200.
func waitHealthy(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s/healthz not healthy: %v", base, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestServeCommand(t *testing.T) {
	base, stop := startServe(t)
	waitHealthy(t, base)

	resp, err := http.Get(base + "/api/search?q=" + url.QueryEscape("财政收入"))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Total uint64 `json:"total"`
		Hits  []struct {
			ID        string `json:"id"`
			Report    string `json:"report"`
			Highlight string `json:"highlight"`
		} `json:"hits"`
	}
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /api/search: %d %v", resp.StatusCode, err)
	}
	if res.Total == 0 || res.Hits[0].Report == "" || !strings.Contains(res.Hits[0].Highlight, "<mark>") {
		t.Errorf("q=财政收入 over the embedded collection: %+v", res)
	}
	reports := map[string]bool{}
	for _, h := range res.Hits {
		reports[h.Report] = true
	}
	if len(reports) < 2 {
		t.Errorf("q=财政收入 over the embedded collection: hits of %d report(s); want several", len(reports))
	}

	resp, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `id="q"`) {
		t.Errorf("GET /: %d; want the search page", resp.StatusCode)
	}

	if err := stop(); err != nil {
		t.Errorf("after cancel, run = %v; want nil (graceful shutdown)", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// TestServeCorpusFlag serves a report file given with --corpus.
func TestServeCorpusFlag(t *testing.T) {
	base, _ := startServe(t, "--corpus", "../../corpus/huacao-2023.txt")
	waitHealthy(t, base)
	resp, err := http.Get(base + "/api/sections")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var secs struct {
		Reports []string `json:"reports"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&secs); err != nil || len(secs.Reports) != 1 || secs.Reports[0] != "huacao-2023" {
		t.Errorf("/api/sections reports = %v (%v); want [huacao-2023]", secs.Reports, err)
	}
}

// TestServeIndexFlag serves an on-disk index given with --index.
func TestServeIndexFlag(t *testing.T) {
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ix")
	if err := index.Build(context.Background(), []*corpus.Report{r}, dir, index.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	base, stop := startServe(t, "--index", dir)
	waitHealthy(t, base)
	resp, err := http.Get(base + "/api/bullets/02-01")
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	err = json.NewDecoder(resp.Body).Decode(&b)
	resp.Body.Close()
	if err != nil || b.ID != "huacao-2023:02-01" || !strings.Contains(b.Text, "财政总收入") {
		t.Errorf("/api/bullets/02-01 from the on-disk index = %+v (%v)", b, err)
	}
	if err := stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
}

func TestServeCommandErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--corpus", "a.txt", "--index", "dir"}, "not both"},
		{[]string{"serve", "--bogus"}, "flag provided but not defined"},
		{[]string{"serve", "extra"}, "unexpected argument"},
		{[]string{"serve", "--addr", "127.0.0.1:99999", "--corpus", "../../corpus/huacao-2023.txt"}, "serve:"},
		{[]string{"serve", "--corpus", "no/such/report.txt"}, "serve:"},
		{[]string{"serve", "--index", "no/such/index"}, "serve:"},
	}
	for _, tt := range tests {
		var stderr strings.Builder
		err := run(context.Background(), tt.args, io.Discard, &stderr)
		if err == nil || !strings.Contains(err.Error()+stderr.String(), tt.want) {
			t.Errorf("run(%q) = %v (stderr %q); want an error with %q", tt.args, err, truncateStr(stderr.String(), 200), tt.want)
		}
	}
}

func truncateStr(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// TestServeDrainsInFlight cancels the context (as SIGINT does) while a slow
// request runs: the request still completes, new connections are refused,
// and serving ends without error.
func TestServeDrainsInFlight(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- serveUntilDone(ctx, ln, h, slog.New(slog.NewTextHandler(io.Discard, nil))) }()

	base := "http://" + ln.Addr().String()
	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get(base + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{string(b), err}
	}()
	<-started
	cancel()
	r := <-got
	if r.err != nil || r.body != "finished" {
		t.Errorf("in-flight request during shutdown: %q, %v; want it finished", r.body, r.err)
	}
	if err := <-done; err != nil {
		t.Errorf("serveUntilDone = %v; want nil", err)
	}
	if _, err := http.Get(base + "/"); err == nil {
		t.Error("new request accepted after shutdown")
	}
}
