package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportsearch/corpus"
)

// TestOpenDamagedSegment flips bytes in the middle of a built index's
// segment, where bleve notices nothing until a search reads them: Open must
// refuse the index, naming the segment, rather than serve 500s.
func TestOpenDamagedSegment(t *testing.T) {
	dir := buildReport(t)
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open of the intact index: %v", err)
	}
	ix.Close()

	segs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment file")
	}
	b, err := os.ReadFile(segs[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 4; i < len(b)/2; i += 97 {
		b[i] ^= 0x5a
	}
	if err := os.WriteFile(segs[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, Options{})
	if err == nil {
		ix.Close()
		t.Fatal("Open of an index with a damaged segment succeeded")
	}
	if !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), filepath.Base(segs[0])) {
		t.Errorf("Open = %v; want it to say the segment %s is damaged", err, filepath.Base(segs[0]))
	}
}

// TestBuildReplacesOldIndex rebuilds an index over an older one: nothing is
// left beside it, and the new index is the one that opens.
func TestBuildReplacesOldIndex(t *testing.T) {
	_, r := reportIndex(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	for _, rep := range []*corpus.Report{firstBullets(r, 3), r} {
		if err := Build(context.Background(), []*corpus.Report{rep}, dir, Options{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after a rebuild the folder holds %q; want only idx", names)
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Len() != len(r.Bullets) {
		t.Errorf("rebuilt index has %d bullets; want %d", ix.Len(), len(r.Bullets))
	}
}

// TestOpenAfterInterruptedSwap recreates what a build killed between moving
// the old index aside and renaming the new one into place leaves (on systems
// without an atomic swap): Open must still find the previous index.
func TestOpenAfterInterruptedSwap(t *testing.T) {
	_, r := reportIndex(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	buildSmall(t, r, dir)
	if err := os.Rename(dir, dir+".old-1764000000000000000"); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(parent, ".idx.building-123", "index"), 0o755) // the dead build's holder
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after an interrupted swap: %v", err)
	}
	defer ix.Close()
	if ix.Len() != 3 {
		t.Errorf("Open after an interrupted swap found %d bullets; want the previous index's 3", ix.Len())
	}
	// and the next build puts an index back in place
	if err := Build(context.Background(), []*corpus.Report{r}, dir, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		t.Errorf("after the next build: %v", err)
	}
}

// buildReport builds an on-disk index of the embedded report in a fresh
// folder and returns the folder.
func buildReport(t *testing.T) string {
	t.Helper()
	_, r := reportIndex(t)
	dir := filepath.Join(t.TempDir(), "idx")
	if err := Build(context.Background(), []*corpus.Report{r}, dir, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestOpenNamesDamagedFile damages one file of a built index at a time: a
// segment missing, truncated or cut in half, root.bolt zeroed past its meta
// pages. Open must refuse each, naming the file and asking for a rebuild.
func TestOpenNamesDamagedFile(t *testing.T) {
	good := buildReport(t)
	segs, _ := filepath.Glob(filepath.Join(good, "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment file")
	}
	seg := "store/" + filepath.Base(segs[0])
	bolt := "store/root.bolt"
	for _, tt := range []struct {
		name, file, want string
		damage           func(path string) error
	}{
		{"missing segment", seg, "is missing", os.Remove},
		{"truncated segment", seg, "is damaged or truncated", func(p string) error { return os.Truncate(p, 64) }},
		{"half a segment", seg, "is damaged or truncated", func(p string) error {
			fi, err := os.Stat(p)
			if err != nil {
				return err
			}
			return os.Truncate(p, fi.Size()/2)
		}},
		{"missing root.bolt", bolt, "is missing", os.Remove},
		{"zeroed root.bolt", bolt, "is damaged", func(p string) error {
			fi, err := os.Stat(p)
			if err != nil {
				return err
			}
			f, err := os.OpenFile(p, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt(make([]byte, fi.Size()-8192), 8192) // past the two meta pages
			return err
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			if err := os.CopyFS(dir, os.DirFS(good)); err != nil {
				t.Fatal(err)
			}
			if err := tt.damage(filepath.Join(dir, filepath.FromSlash(tt.file))); err != nil {
				t.Fatal(err)
			}
			ix, err := Open(dir, Options{})
			if err == nil {
				ix.Close()
				t.Fatal("Open of a damaged index succeeded")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.file+" "+tt.want) || !strings.Contains(msg, "rebuild") || !strings.Contains(msg, dir) {
				t.Errorf("Open = %v; want it to say %s %s and to rebuild %s", err, tt.file, tt.want, dir)
			}
		})
	}
}

// TestOpenContextStops opens an index with a context that has ended: Open
// stops with the context's error instead of reading the segments.
func TestOpenContextStops(t *testing.T) {
	dir := buildReport(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ix, err := OpenContext(ctx, dir, Options{})
	if err == nil {
		ix.Close()
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("OpenContext with an ended context = %v; want %v", err, context.Canceled)
	}
}
