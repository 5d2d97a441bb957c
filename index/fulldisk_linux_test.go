package index

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"reportsearch/corpus"
	"reportsearch/index/internal/swap"
)

// smallDisk mounts a tmpfs of size bytes on a new folder for the test, or
// skips the test when it cannot (not root, no mount permission).
func smallDisk(t *testing.T, size uint64) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.FormatUint(size, 10)); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, 0) })
	return dir
}

// TestBuildFullDisk builds a corpus too big for an 8 MB disk, from memory
// and from a stream: the build is refused before it writes anything with
// a message saying so, and leaves the disk as it found it.
func TestBuildFullDisk(t *testing.T) {
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	reports := copies(r, 200)
	builds := map[string]func(dir string) error{
		"Build": func(dir string) error { return Build(context.Background(), reports, dir, Options{}, nil) },
		"BuildStream": func(dir string) error {
			return BuildStream(context.Background(), reportBullets(reports), dir, Options{}, nil)
		},
	}
	for name, build := range builds {
		disk := smallDisk(t, 8<<20)
		free0, _ := swap.Free(disk)
		dir := filepath.Join(disk, "idx")
		err = build(dir)
		if err == nil || !strings.Contains(err.Error(), "not enough free space") || !strings.Contains(err.Error(), dir) {
			t.Errorf("%s of 200 reports on an 8 MB disk: %v; want a refusal naming the folder", name, err)
		}
		entries, _ := os.ReadDir(disk)
		for _, e := range entries {
			t.Errorf("%s left on the disk: %s", name, e.Name())
		}
		if free, _ := swap.Free(disk); free != free0 {
			t.Errorf("free space after the failed %s: %d bytes; want %d as before", name, free, free0)
		}
	}
}

// TestBuildFitsItsEstimate builds on a disk just big enough for
// spaceNeeded: the build the check lets through must fit.
func TestBuildFitsItsEstimate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a corpus of 60 reports")
	}
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	reports := copies(r, 60)
	disk := smallDisk(t, spaceNeeded(reports)+64<<10)
	dir := filepath.Join(disk, "idx")
	if err := Build(context.Background(), reports, dir, Options{}, nil); err != nil {
		t.Fatalf("a build within its estimate failed: %v", err)
	}
}
