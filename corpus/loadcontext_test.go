package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestLoadContextStops loads a folder with a context that has ended: it
// stops before the first file with the context's cause.
func TestLoadContextStops(t *testing.T) {
	text, err := os.ReadFile(DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if reps, err := LoadContext(context.Background(), dir); err != nil || len(reps) != 2 {
		t.Fatalf("LoadContext = %d reports, %v; want 2", len(reps), err)
	}
	stop := errors.New("stopped by the test")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(stop)
	reps, err := LoadContext(ctx, dir)
	if !errors.Is(err, stop) || reps != nil {
		t.Errorf("LoadContext after the context ended = %d reports, %v; want none and %v", len(reps), err, stop)
	}
}
