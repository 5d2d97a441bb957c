package swap

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// folder makes dir holding a file "name" with content.
func folder(t *testing.T, dir, content string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "name"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func content(dir string) string {
	b, _ := os.ReadFile(filepath.Join(dir, "name"))
	return string(b)
}

// TestExchange swaps two folders in one step where the system can (Linux):
// what Replace relies on so that no crash leaves the folder missing.
func TestExchange(t *testing.T) {
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	folder(t, a, "a")
	folder(t, b, "b")
	err := exchange(a, b)
	if errors.Is(err, errors.ErrUnsupported) && runtime.GOOS != "linux" {
		t.Skip("no atomic exchange on", runtime.GOOS)
	}
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	for d, want := range map[string]string{a: "b", b: "a"} {
		if got := content(d); got != want {
			t.Errorf("after exchange %s holds %q; want %q", filepath.Base(d), got, want)
		}
	}
}

// TestReplace puts a new folder in place of none and of an old one, and
// leaves nothing else behind.
func TestReplace(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	for i, want := range []string{"first", "second"} {
		h, err := Holder(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(filepath.Base(h), ".idx.building-") || filepath.Dir(h) != parent {
			t.Fatalf("Holder(%s) = %s", dir, h)
		}
		tmp := filepath.Join(h, "new")
		folder(t, tmp, want)
		if err := Replace(tmp, dir); err != nil {
			t.Fatalf("Replace %d: %v", i, err)
		}
		os.RemoveAll(h)
		if got := content(dir); got != want {
			t.Errorf("after Replace %d the folder holds %q; want %q", i, got, want)
		}
		entries, _ := os.ReadDir(parent)
		if len(entries) != 1 {
			t.Errorf("after Replace %d the parent holds %d entries; want only the folder", i, len(entries))
		}
	}
	if err := Replace(filepath.Join(parent, "missing"), dir); err == nil {
		t.Error("Replace of a missing folder succeeded")
	}
	if got := content(dir); got != "second" {
		t.Errorf("after a failed Replace the folder holds %q; want it untouched", got)
	}
}

// TestMovedAside finds the newest folder moved aside that has the marker.
func TestMovedAside(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	if got := MovedAside(dir, "name"); got != "" {
		t.Errorf("MovedAside with nothing aside = %q", got)
	}
	folder(t, dir+".old-100", "older")
	folder(t, dir+".old-200", "newer")
	if err := os.Mkdir(dir+".old-300", 0o755); err != nil { // no marker: a half-removed folder
		t.Fatal(err)
	}
	folder(t, filepath.Join(parent, "other.old-999"), "other")
	if got := MovedAside(dir, "name"); got != dir+".old-200" {
		t.Errorf("MovedAside = %q; want %s", got, dir+".old-200")
	}
}

// TestRemoveDeadAge removes old holders only, and leaves other folders.
func TestRemoveDeadAge(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("locks are not checked on", runtime.GOOS)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	mk := func(name string, age time.Duration) string {
		p := filepath.Join(parent, name)
		folder(t, p, name)
		old := time.Now().Add(-age)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dead := mk(".idx.building-1", time.Hour)
	young := mk(".idx.building-2", time.Second)
	other := mk(".other.building-3", time.Hour)
	RemoveDead(dir, time.Minute, "lock")
	for p, want := range map[string]bool{dead: false, young: true, other: true} {
		_, err := os.Stat(p)
		if got := err == nil; got != want {
			t.Errorf("after RemoveDead %s exists = %v; want %v", filepath.Base(p), got, want)
		}
	}
}
