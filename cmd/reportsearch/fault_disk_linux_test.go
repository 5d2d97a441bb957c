package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestFaultFullDisk builds an index too big for its disk, an 8 MB tmpfs:
// the build must fail with exit status 1 and a message saying why, leave
// nothing on the disk and give its space back. It needs root to mount the
// tmpfs and skips otherwise.
func TestFaultFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index in a child process")
	}
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	disk := t.TempDir()
	if err := unix.Mount("tmpfs", disk, "tmpfs", 0, "size=8m"); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { unix.Unmount(disk, 0) })
	free := func() uint64 {
		var st unix.Statfs_t
		if err := unix.Statfs(disk, &st); err != nil {
			t.Fatal(err)
		}
		return st.Bavail * uint64(st.Bsize)
	}
	free0 := free()
	corpusDir, _ := writeCorpus(t, 200) // an index of about 25 MB
	dir := filepath.Join(disk, "idx")
	code, out, _ := runChild(t, 2*time.Minute, "index", "--corpus", corpusDir, "--index", dir)
	checkClearFailure(t, "a build on a full disk", code, out, "free space")
	if code != 1 {
		t.Errorf("a build on a full disk: exit %d; want 1", code)
	}
	entries, _ := os.ReadDir(disk)
	for _, e := range entries {
		t.Errorf("left on the disk: %s", e.Name())
	}
	if got := free(); got != free0 {
		t.Errorf("free space after the failed build: %d bytes; want %d as before", got, free0)
	}
	t.Logf("%s", out)
}
