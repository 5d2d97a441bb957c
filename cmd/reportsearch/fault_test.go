package main

// Fault tests with real child processes: the test binary re-executes itself
// as "reportsearch" (TestChildProcess), so that a build can be killed with
// SIGKILL at any moment and a lock held by another process.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"reportsearch/corpus"
	"reportsearch/index"
)

// childEnv marks a re-executed test binary: its value is what it should do.
const childEnv = "REPORTSEARCH_FAULT_CHILD"

// TestChildProcess is not a test: it is the child process of the fault tests.
// With childEnv=run it runs reportsearch with the arguments after "--", as
// main does; with childEnv=hold it opens the index in the folder after "--"
// for writing, says "holding", and waits to be killed.
func TestChildProcess(t *testing.T) {
	mode := os.Getenv(childEnv)
	if mode == "" {
		t.Skip("the child process of the fault tests")
	}
	args := os.Args
	if i := slices.Index(args, "--"); i >= 0 {
		args = args[i+1:]
	}
	switch mode {
	case "run":
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, args, os.Stdout, os.Stderr)
		stop()
		os.Exit(exitStatus(err, os.Stderr))
	case "hold":
		w, err := bleve.Open(args[0])
		if err != nil {
			fmt.Fprintln(os.Stderr, "hold:", err)
			os.Exit(3)
		}
		defer w.Close()
		fmt.Println("holding")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(4)
}

// child returns a command that runs the test binary as a child process.
func child(t *testing.T, mode string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestChildProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), childEnv+"="+mode)
	return cmd
}

// runChild runs reportsearch in a child process and returns its exit code,
// stderr, and how long it took. It fails the test if the child hangs.
func runChild(t *testing.T, limit time.Duration, args ...string) (code int, stderr string, took time.Duration) {
	t.Helper()
	cmd := child(t, "run", args...)
	var out bytes.Buffer
	cmd.Stderr = &out
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		took = time.Since(start)
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("reportsearch %s still running after %v (a hang?); output:\n%s", strings.Join(args, " "), limit, out.String())
	}
	return code, out.String(), took
}

// checkClearFailure checks that a child failed with one "reportsearch:"
// message containing want, and no panic.
func checkClearFailure(t *testing.T, what string, code int, out, want string) {
	t.Helper()
	if code == 0 {
		t.Errorf("%s: exit code 0; want a failure. Output:\n%s", what, out)
	}
	if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
		t.Errorf("%s panicked:\n%s", what, out)
	}
	if !strings.Contains(out, "reportsearch: ") || !strings.Contains(out, want) {
		t.Errorf("%s: output %q; want a reportsearch: message with %q", what, out, want)
	}
}

// writeCorpus writes n copies of the embedded report as n reports (r01.txt
// …) into a new folder, a corpus big enough that indexing it takes a while.
func writeCorpus(t *testing.T, n int) (dir string, ids []string) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "..", "corpus", corpus.DefaultName))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("r%02d", i)
		if err := os.WriteFile(filepath.Join(dir, id+".txt"), text, 0o644); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return dir, ids
}

// checkAnswers opens the index in dir and checks that it holds exactly one
// of the report sets in want and answers a search.
func checkAnswers(t *testing.T, dir string, want ...[]string) []string {
	t.Helper()
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		t.Fatalf("index.Open(%s): %v", dir, err)
	}
	defer ix.Close()
	got := ix.Reports()
	slices.Sort(got)
	if !slices.ContainsFunc(want, func(w []string) bool { return slices.Equal(w, got) }) {
		t.Fatalf("index holds reports %v; want one of %v", got, want)
	}
	res, err := ix.Search(context.Background(), index.Request{Query: "财政收入"})
	if err != nil || res.Total == 0 {
		t.Fatalf("Search(财政收入) on the index after the kill: %v, %+v", err, res)
	}
	return got
}

// TestFaultKilledRebuild rebuilds an on-disk index in a child process and
// kills it with SIGKILL at several points: before it starts, once its
// building folder appears, once segments are being written, and at fixed
// delays. Each time, the index folder must still open and answer: the
// previous index, or the new one if the build had finished.
func TestFaultKilledRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds indexes in child processes")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	old := []string{"huacao-2023"}
	if code, out, _ := runChild(t, 2*time.Minute, "index", "--corpus", seedCorpus, "--index", dir); code != 0 {
		t.Fatalf("building the first index: exit %d\n%s", code, out)
	}
	checkAnswers(t, dir, old)
	corpusDir, newIDs := writeCorpus(t, 30)

	// building reports whether a build's holder folder exists; segments
	// whether it holds a segment file yet.
	holders := func() []string {
		m, _ := filepath.Glob(filepath.Join(parent, ".idx.building-*"))
		return m
	}
	building := func() bool { return len(holders()) > 0 }
	segments := func() bool {
		for _, h := range holders() {
			if m, _ := filepath.Glob(filepath.Join(h, "index", "store", "*.zap")); len(m) > 0 {
				return true
			}
		}
		return false
	}
	points := []struct {
		name string
		when func(time.Duration) bool
	}{
		{"at start", func(time.Duration) bool { return true }},
		{"building folder made", func(time.Duration) bool { return building() }},
		{"segments written", func(time.Duration) bool { return segments() }},
		{"after 500ms", func(d time.Duration) bool { return d > 500*time.Millisecond }},
		{"after 1.5s", func(d time.Duration) bool { return d > 1500*time.Millisecond }},
		{"after 3s", func(d time.Duration) bool { return d > 3*time.Second }},
	}
	completed := false
	for _, p := range points {
		cmd := child(t, "run", "index", "--corpus", corpusDir, "--index", dir)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		start := time.Now()
		killed := false
	poll:
		for time.Since(start) < 2*time.Minute {
			select {
			case <-exited:
				break poll
			default:
			}
			if p.when(time.Since(start)) {
				cmd.Process.Signal(syscall.SIGKILL)
				<-exited
				killed = true
				break
			}
			time.Sleep(time.Millisecond)
		}
		got := checkAnswers(t, dir, old, newIDs)
		t.Logf("killed %s (%v, killed=%v): index holds %d reports", p.name, time.Since(start).Round(time.Millisecond), killed, len(got))
		if !killed {
			completed = true
			old = newIDs // the build finished: its index is now the previous one
			continue
		}
		if completed && !slices.Equal(got, newIDs) {
			t.Fatalf("after a completed build and a killed one the index holds %v", got)
		}
	}

	t.Logf("left behind by the killed builds: %d building folders", len(holders()))

	// A build left to finish replaces the index.
	if code, out, _ := runChild(t, 3*time.Minute, "index", "--corpus", corpusDir, "--index", dir); code != 0 {
		t.Fatalf("rebuild: exit %d\n%s", code, out)
	}
	checkAnswers(t, dir, newIDs)
}

// TestFaultLockedIndex serves an index that another process holds open for
// writing: serve and search must fail within seconds, saying it is locked.
func TestFaultLockedIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index in a child process")
	}
	dir := filepath.Join(t.TempDir(), "idx")
	if code, out, _ := runChild(t, 2*time.Minute, "index", "--corpus", seedCorpus, "--index", dir); code != 0 {
		t.Fatalf("building the index: exit %d\n%s", code, out)
	}
	hold := child(t, "hold", dir)
	stdout, err := hold.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	hold.Stderr = os.Stderr
	if err := hold.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hold.Process.Kill(); hold.Wait() })
	buf := make([]byte, 64)
	if n, _ := stdout.Read(buf); !strings.Contains(string(buf[:n]), "holding") {
		t.Fatalf("the holding process said %q", buf[:n])
	}

	for _, args := range [][]string{
		{"serve", "--addr", "127.0.0.1:0", "--index", dir},
		{"search", "--index", dir, "财政收入"},
	} {
		code, out, took := runChild(t, 30*time.Second, args...)
		checkClearFailure(t, args[0]+" of a locked index", code, out, "locked by another process")
		if took > 15*time.Second {
			t.Errorf("%s of a locked index took %v to fail", args[0], took)
		}
	}
}

// TestFaultBrokenIndex serves missing, empty, corrupt and truncated index
// folders: each fails at start with a message naming the problem, never a
// panic and never a server that answers 500s.
func TestFaultBrokenIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index in a child process")
	}
	tmp := t.TempDir()
	good := filepath.Join(tmp, "good")
	if code, out, _ := runChild(t, 2*time.Minute, "index", "--corpus", seedCorpus, "--index", good); code != 0 {
		t.Fatalf("building the index: exit %d\n%s", code, out)
	}
	// broken copies good and breaks the copy with f.
	broken := func(name string, f func(dir string) error) string {
		dir := filepath.Join(tmp, name)
		if err := os.CopyFS(dir, os.DirFS(good)); err != nil {
			t.Fatal(err)
		}
		if err := f(dir); err != nil {
			t.Fatalf("breaking %s: %v", name, err)
		}
		return dir
	}
	segment := func(dir string) string {
		m, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
		if len(m) == 0 {
			t.Fatalf("no segment in %s", dir)
		}
		return m[0]
	}
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, []byte("not an index"), 0o644)
	empty := filepath.Join(tmp, "empty")
	os.Mkdir(empty, 0o755)

	for _, tt := range []struct {
		name, dir, want string
	}{
		{"missing", filepath.Join(tmp, "missing"), "does not exist"},
		{"empty folder", empty, "not an index"},
		{"a file", file, "not a folder"},
		{"garbage meta", broken("garbage-meta", func(d string) error {
			return os.WriteFile(filepath.Join(d, "index_meta.json"), []byte("{{{"), 0o644)
		}), "index_meta.json is damaged"},
		{"no store", broken("no-store", func(d string) error { return os.RemoveAll(filepath.Join(d, "store")) }), "store/root.bolt is missing"},
		{"garbage root.bolt", broken("garbage-bolt", func(d string) error {
			return os.WriteFile(filepath.Join(d, "store", "root.bolt"), bytes.Repeat([]byte("x"), 4096), 0o644)
		}), "store/root.bolt is damaged"},
		{"truncated root.bolt", broken("truncated-bolt", func(d string) error {
			return os.Truncate(filepath.Join(d, "store", "root.bolt"), 100)
		}), "store/root.bolt is damaged"},
		{"zeroed root.bolt pages", broken("zeroed-bolt", func(d string) error {
			return zeroFrom(filepath.Join(d, "store", "root.bolt"), 8192) // all but the two meta pages
		}), "store/root.bolt is damaged"},
		{"no segment", broken("no-segment", func(d string) error { return os.Remove(segment(d)) }), "store/" + filepath.Base(segment(good)) + " is missing"},
		{"truncated segment", broken("truncated-segment", func(d string) error { return os.Truncate(segment(d), 64) }), "store/" + filepath.Base(segment(good)) + " is damaged or truncated"},
		{"half a segment", broken("half-segment", func(d string) error {
			fi, err := os.Stat(segment(d))
			if err != nil {
				return err
			}
			return os.Truncate(segment(d), fi.Size()/2)
		}), "store/" + filepath.Base(segment(good)) + " is damaged or truncated"},
		{"zeroed segment", broken("zeroed-segment", func(d string) error {
			fi, err := os.Stat(segment(d))
			if err != nil {
				return err
			}
			return os.WriteFile(segment(d), make([]byte, fi.Size()), 0o644)
		}), "store/" + filepath.Base(segment(good))},
		{"bytes flipped mid-segment", broken("flipped-segment", func(d string) error {
			b, err := os.ReadFile(segment(d))
			if err != nil {
				return err
			}
			for i := len(b) / 4; i < len(b)/2; i += 97 {
				b[i] ^= 0x5a
			}
			return os.WriteFile(segment(d), b, 0o644)
		}), "damaged"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := runChild(t, 20*time.Second, "serve", "--addr", "127.0.0.1:0", "--index", tt.dir)
			if strings.Contains(out, "msg=serving") {
				t.Fatalf("serve started on a broken index:\n%s", out)
			}
			checkClearFailure(t, "serve --index "+tt.name, code, out, tt.want)
			t.Logf("%s", strings.TrimSpace(out))
			if code != 1 {
				t.Errorf("serve --index %s: exit %d; want 1", tt.name, code)
			}
			if !strings.Contains(out, tt.dir) {
				t.Errorf("the message does not name the folder %s:\n%s", tt.dir, out)
			}
			// one message, no log lines of bleve's
			if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 {
				t.Errorf("serve --index %s printed %d lines; want the one message:\n%s", tt.name, len(lines), out)
			}
		})
	}
}

// zeroFrom overwrites the file at path with zeros from offset to its end.
func zeroFrom(path string, offset int64) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteAt(make([]byte, max(fi.Size()-offset, 0)), offset)
	return err
}

// TestFaultRebuildWhileServing rebuilds the index a running server serves:
// the server keeps answering from the index it opened, and a restart serves
// the new one.
func TestFaultRebuildWhileServing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds indexes in child processes")
	}
	dir := filepath.Join(t.TempDir(), "idx")
	if code, out, _ := runChild(t, 2*time.Minute, "index", "--corpus", seedCorpus, "--index", dir); code != 0 {
		t.Fatalf("building the index: exit %d\n%s", code, out)
	}
	base, stop := startServe(t, "--index", dir)
	waitHealthy(t, base)
	corpusDir, newIDs := writeCorpus(t, 3)
	if code, out, _ := runChild(t, 2*time.Minute, "index", "--corpus", corpusDir, "--index", dir); code != 0 {
		t.Fatalf("rebuilding the index: exit %d\n%s", code, out)
	}
	for _, path := range []string{"/healthz", "/api/search?q=%E8%B4%A2%E6%94%BF%E6%94%B6%E5%85%A5", "/api/bullets/02-01", "/figures"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s after the rebuild: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s after the index was rebuilt under the server = %d; want 200", path, resp.StatusCode)
		}
	}
	if err := stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	checkAnswers(t, dir, newIDs)
}
