package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// errLocked is checkStore's error when another process holds the index
// open for writing.
var errLocked = errors.New("locked by another process")

// damage is a damaged file of an index: File is its path inside the index
// folder ("store/000000000004.zap").
type damage struct {
	File string
	Err  error
}

func (d *damage) Error() string { return d.File + " " + d.Err.Error() }

// checkStore verifies the store of the scorch index in dir before bleve
// opens it, so that a damaged file is named instead of reported by bleve
// as "error parsing mapping JSON" after raw log lines. It opens
// store/root.bolt read-only, waiting up to timeout for a writer's lock
// (errLocked), reads all its snapshots, and checks that each
// segment file its latest snapshot lists exists and passes checkSegment.
// Errors other than errLocked and ctx's are a *damage.
//
// The layout read is scorch's (bleve v2 index/scorch/persister.go): bucket
// "s" holds one bucket per snapshot, keyed by epoch in ascending order;
// in a snapshot, bucket "m" is its metadata, buckets "i…" its internal
// values, and every other bucket a segment, whose key "p" is the segment's
// file name in the store.
func checkStore(ctx context.Context, dir string, timeout time.Duration) (err error) {
	const root = "store/root.bolt"
	path := filepath.Join(dir, filepath.FromSlash(root))
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return &damage{root, errors.New("is missing")}
	} else if err != nil {
		return &damage{root, fmt.Errorf("cannot be read (%w)", err)}
	}
	db, err := bolt.Open(path, 0, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if errors.Is(err, bolt.ErrTimeout) {
		return errLocked
	}
	if err != nil {
		return &damage{root, fmt.Errorf("is damaged (%w)", err)}
	}
	defer db.Close()
	defer func() { // bolt panics on some damaged pages
		if r := recover(); r != nil {
			err = &damage{root, fmt.Errorf("is damaged (%v)", r)}
		}
	}()
	var segments []string
	err = db.View(func(tx *bolt.Tx) error {
		snapshots := tx.Bucket([]byte("s"))
		if snapshots == nil {
			return &damage{root, errors.New("holds no snapshot of the index")}
		}
		walk(snapshots) // reads every page bleve will read: bolt panics on a bad one
		var snapshot *bolt.Bucket
		c := snapshots.Cursor()
		for k, v := c.Last(); k != nil && snapshot == nil; k, v = c.Prev() {
			if b := snapshots.Bucket(k); v == nil && b != nil && b.Bucket([]byte("m")) != nil {
				snapshot = b
			}
		}
		if snapshot == nil {
			return &damage{root, errors.New("holds no snapshot of the index")}
		}
		return snapshot.ForEachBucket(func(k []byte) error {
			if k[0] == 'm' || k[0] == 'i' {
				return nil
			}
			p := snapshot.Bucket(k).Get([]byte("p"))
			if len(p) == 0 {
				return &damage{root, fmt.Errorf("lists a segment %x without its file", k)}
			}
			segments = append(segments, string(p))
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, name := range segments {
		if err := checkSegment(ctx, filepath.Join(dir, "store", name)); err != nil {
			if ctx.Err() != nil {
				return err
			}
			return &damage{"store/" + name, err}
		}
	}
	return nil
}

// walk reads every key and value of b and of its buckets, nested.
// (bolt's own Tx.Check panics on damaged pages in a goroutine of its own,
// where the panic cannot be recovered.)
func walk(b *bolt.Bucket) {
	b.ForEach(func(k, v []byte) error {
		if v == nil {
			if nested := b.Bucket(k); nested != nil {
				walk(nested)
			}
		}
		return nil
	})
}

// checkChunk is how many bytes of a segment checkSegment reads between two
// looks at its context.
const checkChunk = 16 << 20

// checkSegment verifies a zap segment file against the checksum zap
// stores in its last 4 bytes (CRC-32 IEEE of the rest, big endian). Bleve
// does not check it: a segment damaged in its middle opens fine and then
// fails every search. It stops with ctx's error when ctx ends.
func checkSegment(ctx context.Context, name string) error {
	f, err := os.Open(name)
	if errors.Is(err, os.ErrNotExist) {
		return errors.New("is missing")
	}
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
	for left := fi.Size() - 4; left > 0; left -= checkChunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := io.CopyN(h, f, min(left, checkChunk)); err != nil {
			return err
		}
	}
	var sum [4]byte
	if _, err := io.ReadFull(f, sum[:]); err != nil {
		return err
	}
	if got, want := h.Sum32(), binary.BigEndian.Uint32(sum[:]); got != want {
		return fmt.Errorf("is damaged or truncated: it fails its checksum (%08x, stored %08x)", got, want)
	}
	return nil
}
