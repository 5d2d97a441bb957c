//go:build unix

package swap

import "golang.org/x/sys/unix"

// Free returns the bytes an unprivileged process may still write to the
// file system holding path (statfs's available blocks × their size), and
// false when it cannot be known.
func Free(path string) (uint64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return 0, false
	}
	return uint64(st.Bavail) * uint64(st.Bsize), true
}
