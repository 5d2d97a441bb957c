//go:build !unix

package swap

// Free cannot tell the free space here: it returns false.
func Free(path string) (uint64, bool) { return 0, false }
