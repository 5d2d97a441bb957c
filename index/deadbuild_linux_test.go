package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"reportsearch/corpus"
)

// TestBuildRemovesDeadBuilds checks that Build clears the folders killed
// builds left behind, young or old, and only those: not a build folder
// whose index another process holds open. Holding the build lock, Build
// knows no other build is starting, so it need not wait for a folder to age.
func TestBuildRemovesDeadBuilds(t *testing.T) {
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	holder := func(name string, age time.Duration) (string, *os.File) {
		h := filepath.Join(parent, ".idx.building-"+name)
		store := filepath.Join(h, "index", "store")
		if err := os.MkdirAll(store, 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(store, "root.bolt"))
		if err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-age)
		if err := os.Chtimes(h, old, old); err != nil {
			t.Fatal(err)
		}
		return h, f
	}
	dead, f1 := holder("dead", time.Hour)
	f1.Close()
	live, f2 := holder("live", time.Hour)
	defer f2.Close()
	if err := unix.Flock(int(f2.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	young, f3 := holder("young", time.Minute)
	f3.Close()

	if err := Build(context.Background(), []*corpus.Report{r}, dir, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	for h, want := range map[string]bool{dead: false, live: true, young: false} {
		_, err := os.Stat(h)
		if got := err == nil; got != want {
			t.Errorf("after Build, %s exists = %v; want %v", filepath.Base(h), got, want)
		}
	}
}
