//go:build unix

package swap

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestLock takes a folder's lock twice: the second fails at once naming
// this process, and after unlock the file is gone and the lock free.
func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "parent", "idx")
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(dir)
	var locked *ErrLocked
	if !errors.As(err, &locked) || locked.Path != dir+".lock" || locked.PID != strconv.Itoa(os.Getpid()) {
		t.Errorf("a second Lock = %v; want an ErrLocked naming %s and process %d", err, dir+".lock", os.Getpid())
	}
	unlock()
	if _, err := os.Stat(LockPath(dir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file after unlock: %v; want it removed", err)
	}
	unlock, err = Lock(dir)
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	unlock()
}

// TestLockStaleFile takes the lock over a file a killed process left: an
// unlocked file is no lock.
func TestLockStaleFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if err := os.WriteFile(LockPath(dir), []byte("99999999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatalf("Lock over a stale lock file: %v", err)
	}
	unlock()
}

// TestFree reports some free space on the test's own folder.
func TestFree(t *testing.T) {
	free, ok := Free(t.TempDir())
	if !ok || free == 0 {
		t.Errorf("Free(temp folder) = %d, %v; want some space", free, ok)
	}
	if _, ok := Free(filepath.Join(t.TempDir(), "missing")); ok {
		t.Error("Free of a missing folder succeeded")
	}
}
