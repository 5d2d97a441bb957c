package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"reportsearch/corpus"
	"reportsearch/index/internal/swap"
)

// copies returns n copies of r as the reports c001 … : a corpus n times
// the size of r.
func copies(r *corpus.Report, n int) []*corpus.Report {
	out := make([]*corpus.Report, n)
	for i := range out {
		c := *r
		c.ID = fmt.Sprintf("c%03d", i+1)
		c.Bullets = make([]corpus.Bullet, len(r.Bullets))
		for j, b := range r.Bullets {
			b.Report = c.ID
			c.Bullets[j] = b
		}
		out[i] = &c
	}
	return out
}

// TestBuildSecondWriterFails starts a second build of a folder while the
// first is running: it must fail at once naming the lock, and the first
// must finish and leave no lock file behind.
func TestBuildSecondWriterFails(t *testing.T) {
	_, r := reportIndex(t)
	dir := filepath.Join(t.TempDir(), "idx")
	started := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	first := make(chan error, 1)
	go func() {
		first <- Build(context.Background(), []*corpus.Report{r}, dir, Options{BatchSize: 10, Workers: 1}, func(done, total int) {
			once.Do(func() { close(started); <-release })
		})
	}()
	<-started
	err := Build(context.Background(), []*corpus.Report{firstBullets(r, 3)}, dir, Options{}, nil)
	close(release)
	if err == nil || !strings.Contains(err.Error(), "another build") || !strings.Contains(err.Error(), swap.LockPath(dir)) {
		t.Errorf("a second build while the first runs: %v; want an error naming the lock %s", err, swap.LockPath(dir))
	}
	if err := <-first; err != nil {
		t.Fatalf("the first build: %v", err)
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if res := mustSearch(t, ix, Request{}); int(res.Total) != len(r.Bullets) {
		t.Errorf("the index holds %d bullets; want the first build's %d", res.Total, len(r.Bullets))
	}
	if _, err := os.Stat(swap.LockPath(dir)); !os.IsNotExist(err) {
		t.Errorf("the lock file is left after the build: %v", err)
	}
	// the lock is free again
	buildSmall(t, r, dir)
}

// panickyIndex is a bleve index whose batches panic, as zap's do on a full
// disk.
type panickyIndex struct{ bleveIndex }

// bleveIndex names bleve.Index for embedding (its Index method would clash
// with a field named Index).
type bleveIndex = bleve.Index

func (panickyIndex) Batch(*bleve.Batch) error { panic("assignment to entry in nil map") }

// TestIndexReportsRecoversPanics checks that a panic in a batch, on one of
// the goroutines indexBullets starts, comes back as an error instead of
// ending the process.
func TestIndexReportsRecoversPanics(t *testing.T) {
	_, r := reportIndex(t)
	_, im, err := prepare([]*corpus.Report{r})
	if err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	err = indexBullets(context.Background(), panickyIndex{bi}, reportBullets([]*corpus.Report{r}), Options{BatchSize: 10, Workers: 2}, nil)
	if err == nil || !strings.Contains(err.Error(), "assignment to entry in nil map") {
		t.Errorf("indexBullets with a panicking batch: %v; want the panic as an error", err)
	}
}

// TestLockBuild holds a folder's build lock as a command does before it
// reads its corpus: other builds fail, the holder builds, and after Unlock
// the lock's own Build fails and others succeed.
func TestLockBuild(t *testing.T) {
	_, r := reportIndex(t)
	small := []*corpus.Report{firstBullets(r, 3)}
	dir := filepath.Join(t.TempDir(), "idx")
	l, err := LockBuild(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := Build(context.Background(), small, dir, Options{}, nil); err == nil || !strings.Contains(err.Error(), "another build") {
		t.Errorf("Build while the lock is held: %v; want another build's error", err)
	}
	if err := l.Build(context.Background(), small, Options{}, nil); err != nil {
		t.Fatalf("the lock holder's Build: %v", err)
	}
	l.Unlock()
	l.Unlock() // a second Unlock does nothing
	if err := l.Build(context.Background(), small, Options{}, nil); err == nil {
		t.Error("Build with a released lock succeeded")
	}
	buildSmall(t, r, dir)
	if l, err := LockBuild(t.TempDir()); err != nil {
		t.Errorf("LockBuild of an empty folder: %v", err)
	} else {
		l.Unlock()
	}
	notes := t.TempDir()
	os.WriteFile(filepath.Join(notes, "notes.txt"), []byte("mine"), 0o644)
	if _, err := LockBuild(notes); err == nil || !strings.Contains(err.Error(), "not an index") {
		t.Errorf("LockBuild of a folder of notes: %v; want a refusal", err)
	}
}
