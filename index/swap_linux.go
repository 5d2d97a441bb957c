//go:build linux

package index

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step (renameat2 with
// RENAME_EXCHANGE), so that no crash leaves either name missing.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// inUse reports whether a process holds the bolt file of the index being
// built in holder (bolt keeps an exclusive flock on it while open).
func inUse(holder string) bool {
	f, err := os.Open(filepath.Join(holder, "index", "store", "root.bolt"))
	if err != nil {
		return false
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		return true
	}
	unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return false
}
