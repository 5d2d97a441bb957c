package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer that a child may write while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// signalled sends sig to a started child once ready reports true (polled
// every millisecond, up to a minute), and returns the child's exit code,
// output and how long it took to exit after the signal.
func signalled(t *testing.T, cmd *exec.Cmd, out fmt.Stringer, sig syscall.Signal, ready func() bool) (code int, output string, took time.Duration) {
	t.Helper()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-exited })
	for start := time.Now(); !ready(); time.Sleep(time.Millisecond) {
		select {
		case <-exited:
			t.Fatalf("the child ended before the signal:\n%s", out.String())
		default:
		}
		if time.Since(start) > time.Minute {
			t.Fatal("the child was not ready within a minute")
		}
	}
	sent := time.Now()
	cmd.Process.Signal(sig)
	select {
	case <-exited:
	case <-time.After(time.Minute):
		t.Fatalf("the child still runs a minute after %v:\n%s", sig, out.String())
	}
	return cmd.ProcessState.ExitCode(), out.String(), time.Since(sent)
}

// TestFaultSignalDuringStart stops serve with SIGTERM while it loads a
// corpus of 1,000 reports (seconds of loading) and with SIGINT while it
// indexes them: it must exit within 2 s with status 1 and a message saying
// it was stopped.
func TestFaultSignalDuringStart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers in child processes")
	}
	corpusDir, _ := writeCorpus(t, 1000)
	for _, tt := range []struct {
		sig   syscall.Signal
		after string // the log line of the step to stop
	}{
		{syscall.SIGTERM, "msg=loading"},
		{syscall.SIGINT, "msg=indexing"},
	} {
		cmd := child(t, "run", "serve", "--addr", "127.0.0.1:0", "--corpus", corpusDir)
		var out syncBuffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var seen time.Time
		code, output, took := signalled(t, cmd, &out, tt.sig, func() bool {
			if seen.IsZero() && strings.Contains(out.String(), tt.after) {
				seen = time.Now()
			}
			return !seen.IsZero() && time.Since(seen) > 200*time.Millisecond
		})
		t.Logf("%v 200ms after %s: exit %d after %v\n%s", tt.sig, tt.after, code, took.Round(time.Millisecond), output)
		checkClearFailure(t, "serve stopped by "+tt.sig.String(), code, output, "stopped")
		if code != 1 || took > 2*time.Second {
			t.Errorf("serve stopped by %v while starting: exit %d after %v; want 1 within 2 s", tt.sig, code, took)
		}
		if strings.Contains(output, "msg=serving") {
			t.Errorf("serve went on to serve after %v:\n%s", tt.sig, output)
		}
	}
}

// TestFaultSignalDuringBuild stops an index build with SIGTERM while it
// indexes: it must exit within stopGrace with status 1 and a message, leaving
// the previous index as it was, no building folder and no lock file.
func TestFaultSignalDuringBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds indexes in child processes")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	if code, out, _ := runChild(t, 2*time.Minute, "index", "--corpus", seedCorpus, "--index", dir); code != 0 {
		t.Fatalf("building the first index: exit %d\n%s", code, out)
	}
	corpusDir, _ := writeCorpus(t, 100)
	// small batches: the build checks its context between batches, and a
	// batch of the default 3000 bullets takes seconds under -race on a
	// loaded machine, longer than stopGrace
	cmd := child(t, "run", "index", "--batch", "200", "--corpus", corpusDir, "--index", dir)
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var indexing time.Time
	code, output, took := signalled(t, cmd, &out, syscall.SIGTERM, func() bool {
		if m, _ := filepath.Glob(filepath.Join(parent, ".idx.building-*", "index", "store")); len(m) > 0 && indexing.IsZero() {
			indexing = time.Now()
		}
		return !indexing.IsZero() && time.Since(indexing) > 300*time.Millisecond
	})
	t.Logf("exit %d %v after SIGTERM:\n%s", code, took.Round(time.Millisecond), output)
	checkClearFailure(t, "index stopped by SIGTERM", code, output, "stopped")
	if code != 1 || took > stopGrace+time.Second {
		t.Errorf("index stopped by SIGTERM while indexing: exit %d after %v; want 1 within %v", code, took, stopGrace)
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.Name() != "idx" {
			t.Errorf("left beside the index after SIGTERM: %s", e.Name())
		}
	}
	checkAnswers(t, dir, []string{"huacao-2023"})
}
