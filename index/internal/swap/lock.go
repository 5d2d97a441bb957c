package swap

import "fmt"

// LockPath is the file whose lock Lock takes for dir: dir + ".lock".
func LockPath(dir string) string { return dir + ".lock" }

// ErrLocked is Lock's error when another process holds the lock.
type ErrLocked struct {
	Path string // the lock file
	PID  string // the holder's process id as it wrote it, "" if unknown
}

func (e *ErrLocked) Error() string {
	if e.PID == "" {
		return fmt.Sprintf("%s is held by another process", e.Path)
	}
	return fmt.Sprintf("%s is held by process %s", e.Path, e.PID)
}
