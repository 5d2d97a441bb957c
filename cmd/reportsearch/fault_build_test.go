package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFaultTwoWriters runs two builds of one folder at once: the second
// must fail at once, naming the lock, while the first completes, even
// while the first is still reading its corpus. A build
// killed with SIGKILL leaves its lock free: the next build runs, and clears
// the killed build's folder at once.
func TestFaultTwoWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("builds indexes in child processes")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	corpusDir, ids := writeCorpus(t, 30)
	holders := func() []string {
		m, _ := filepath.Glob(filepath.Join(parent, ".idx.building-*"))
		return m
	}
	locked := func() bool {
		_, err := os.Stat(dir + ".lock")
		return err == nil
	}
	// startBuild starts a build and waits until it holds its lock: before it
	// has read its corpus.
	startBuild := func() (wait func() (int, string)) {
		cmd := child(t, "run", "index", "--corpus", corpusDir, "--index", dir)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		t.Cleanup(func() { cmd.Process.Kill(); <-exited })
		for start := time.Now(); !locked(); time.Sleep(time.Millisecond) {
			select {
			case <-exited:
				t.Fatalf("the first build ended before taking its lock:\n%s", out.String())
			default:
			}
			if time.Since(start) > time.Minute {
				t.Fatal("the first build took no lock within a minute")
			}
		}
		return func() (int, string) {
			<-exited
			return cmd.ProcessState.ExitCode(), out.String()
		}
	}

	wait := startBuild()
	code, out, took := runChild(t, 30*time.Second, "index", "--corpus", seedCorpus, "--index", dir)
	checkClearFailure(t, "a second build while one runs", code, out, "another build of "+dir)
	if !strings.Contains(out, dir+".lock") {
		t.Errorf("the second build's message does not name the lock file:\n%s", out)
	}
	if code != 1 || took > 5*time.Second {
		t.Errorf("the second build: exit %d after %v; want 1 at once", code, took)
	}
	if code, out := wait(); code != 0 {
		t.Fatalf("the first build: exit %d\n%s", code, out)
	}
	checkAnswers(t, dir, ids)

	// kill -9 a build: its lock goes with it
	cmd := child(t, "run", "index", "--index", dir, "--corpus", corpusDir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); len(holders()) == 0 && time.Since(start) < time.Minute; {
		time.Sleep(time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if len(holders()) == 0 {
		t.Fatal("the killed build left no folder: nothing to test")
	}
	if code, out, _ := runChild(t, 2*time.Minute, "index", "--corpus", seedCorpus, "--index", dir); code != 0 {
		t.Fatalf("a build after a killed one: exit %d\n%s", code, out)
	}
	if h := holders(); len(h) != 0 {
		t.Errorf("the killed build's folder is still there after the next build: %v", h)
	}
	checkAnswers(t, dir, []string{"huacao-2023"})
}
