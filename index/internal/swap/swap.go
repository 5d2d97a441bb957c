// Package swap replaces a folder with a complete new one so that a crash at
// any moment leaves either the old or the new folder in place, and cleans
// up after builds that were killed.
//
// A build makes its new folder inside a holder next to the destination
// (Holder), fills it, then Replace puts it in place: in one step where the
// system can swap two folders (Linux's renameat2 RENAME_EXCHANGE), else by
// moving the old folder aside (dir.old-N) and the new one in, in which case
// MovedAside finds the old folder if a crash came between the two renames.
// RemoveDead removes the holders of builds that died. Lock keeps a second
// build of the same folder out (an flock on dir.lock, released when its
// process ends, even killed), and Free tells the space left for a build.
package swap

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Holder creates a fresh holder folder for a build of dir, in dir's parent
// (created if missing): ".NAME.building-RANDOM", removed by the caller when
// the build ends.
func Holder(dir string) (string, error) {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	return os.MkdirTemp(parent, holderPrefix(dir))
}

func holderPrefix(dir string) string { return "." + filepath.Base(dir) + ".building-" }

// RemoveDead removes the holders that killed builds of dir left in its
// parent (a build removes its own when it ends): those older than age
// (younger ones may be a build that has not opened its files yet) whose
// file lock (a path inside the holder) no process holds locked. Where
// locks cannot be checked (not Linux), none is removed. Errors are ignored:
// a holder left is only disk space.
func RemoveDead(dir string, age time.Duration, lock string) {
	parent := filepath.Dir(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), holderPrefix(dir)) {
			continue
		}
		holder := filepath.Join(parent, e.Name())
		fi, err := e.Info()
		if err != nil || time.Since(fi.ModTime()) < age || inUse(filepath.Join(holder, lock)) {
			continue
		}
		os.RemoveAll(holder)
	}
}

// Replace moves the complete folder tmp to dir, replacing what dir holds.
// Where the system can swap two folders in one step it does, so that a
// crash at any moment leaves dir complete, old or new. Elsewhere the old
// folder is moved aside first (dir.old-N), and MovedAside finds it there if
// a crash came between the two renames. On an error dir is as it was.
func Replace(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		if err := exchange(tmp, dir); err == nil {
			os.RemoveAll(tmp) // the old folder, now
			return nil
		}
		old = dir + ".old-" + fmt.Sprint(time.Now().UnixNano())
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("moving the old folder aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// MovedAside returns the newest folder Replace moved aside from dir
// (dir.old-N) that holds the file marker, or "".
func MovedAside(dir, marker string) string {
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		return ""
	}
	prefix := filepath.Base(dir) + ".old-"
	newest := ""
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) || (newest != "" && name <= newest) {
			continue
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(dir), name, marker)); err == nil {
			newest = name
		}
	}
	if newest == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(dir), newest)
}
