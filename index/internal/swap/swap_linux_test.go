package swap

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestRemoveDeadLocked leaves a holder whose lock file a process holds.
func TestRemoveDeadLocked(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	h := filepath.Join(parent, ".idx.building-live")
	if err := os.MkdirAll(h, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(h, "lock"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(h, old, old); err != nil {
		t.Fatal(err)
	}
	RemoveDead(dir, time.Minute, "lock")
	if _, err := os.Stat(h); err != nil {
		t.Errorf("RemoveDead removed a holder in use: %v", err)
	}
	unix.Flock(int(f.Fd()), unix.LOCK_UN)
	RemoveDead(dir, time.Minute, "lock")
	if _, err := os.Stat(h); err == nil {
		t.Error("RemoveDead left a holder no longer in use")
	}
}
