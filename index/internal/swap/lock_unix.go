//go:build unix

package swap

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// Lock takes the exclusive write lock of dir: an flock on the file
// dir + ".lock" beside it (its parent is created if missing), holding this
// process's id. It fails at once, with an *ErrLocked naming the holder's
// process id when known, if another process holds it. The lock ends with
// the process, killed or not; unlock removes the file and releases it.
func Lock(dir string) (unlock func(), err error) {
	path := LockPath(dir)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, &ErrLocked{Path: path, PID: readPID(path)}
			}
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		// The holder before us may have removed the file between our open
		// and our flock: then the lock is on a file no longer at path.
		if same(f, path) {
			f.Truncate(0)
			fmt.Fprintf(f, "%d\n", os.Getpid())
			return func() {
				// removed while still held, so that nobody locks the old file
				// after us; only if it is still ours (not removed by hand
				// and taken by another build meanwhile)
				if same(f, path) {
					os.Remove(path)
				}
				f.Close()
			}, nil
		}
		f.Close()
	}
}

// same reports whether the open file f is the file at path.
func same(f *os.File, path string) bool {
	var a, b unix.Stat_t
	if unix.Fstat(int(f.Fd()), &a) != nil || unix.Stat(path, &b) != nil {
		return false
	}
	return a.Dev == b.Dev && a.Ino == b.Ino
}

// readPID returns the process id written in the lock file at path, or "".
func readPID(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
