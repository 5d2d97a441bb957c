package index

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

// checkSegments verifies every segment of the index in dir against the
// checksum zap stores in its last 4 bytes (CRC-32 IEEE of the rest, big
// endian). Bleve does not check it: a segment damaged in its middle opens
// fine and then fails every search.
func checkSegments(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if err != nil {
		return err
	}
	for _, name := range files {
		if err := checkSegment(name); err != nil {
			return fmt.Errorf("segment %s %w", filepath.Base(name), err)
		}
	}
	return nil
}

func checkSegment(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() < 4 {
		return fmt.Errorf("is truncated (%d bytes)", fi.Size())
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, fi.Size()-4); err != nil {
		return err
	}
	var sum [4]byte
	if _, err := io.ReadFull(f, sum[:]); err != nil {
		return err
	}
	if got, want := h.Sum32(), binary.BigEndian.Uint32(sum[:]); got != want {
		return fmt.Errorf("fails its checksum (%08x, stored %08x)", got, want)
	}
	return nil
}
