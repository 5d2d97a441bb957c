package index

import (
	"context"
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
	_, r := reportIndex(t)
	dir := filepath.Join(t.TempDir(), "idx")
	if err := Build(context.Background(), []*corpus.Report{r}, dir, Options{}, nil); err != nil {
		t.Fatal(err)
	}
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
