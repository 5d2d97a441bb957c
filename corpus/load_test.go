package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "town-2024.txt", defaultText)
	reps, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].ID != "town-2024" || len(reps[0].Bullets) != 104 {
		t.Fatalf("Load(file) = %d reports", len(reps))
	}
	if b := reps[0].Bullets[0]; b.Report != "town-2024" || b.ID != "01-01" {
		t.Errorf("first bullet %s of report %s", b.ID, b.Report)
	}
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b-town.txt", []byte("01 一节\n- ◆新增3所学校。\n"))
	writeFile(t, dir, "a-town.txt", defaultText)
	writeFile(t, dir, "notes.md", []byte("not a report"))
	if err := os.Mkdir(filepath.Join(dir, "sub.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	reps, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 || reps[0].ID != "a-town" || reps[1].ID != "b-town" {
		t.Fatalf("Load(folder) = %v", ids(reps))
	}
}

func ids(reps []*Report) []string {
	var out []string
	for _, r := range reps {
		out = append(out, r.ID)
	}
	return out
}

// TestLoadFolderWithBadFiles: the good reports load, and the error names
// each bad file (and line).
func TestLoadFolderWithBadFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "good.txt", defaultText)
	writeFile(t, dir, "empty.txt", nil)
	writeFile(t, dir, "binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1})
	writeFile(t, dir, "latin1.txt", []byte("01 caf\xe9\n- \xe9t\xe9\n"))
	writeFile(t, dir, "prose.txt", []byte("Just some prose.\n"))
	writeFile(t, dir, "long.txt", []byte("01 标题\n- ◆"+strings.Repeat("很长", MaxLineBytes/6+1)+"\n"))
	reps, err := Load(dir)
	if len(reps) != 1 || reps[0].ID != "good" {
		t.Errorf("Load = %v; want [good]", ids(reps))
	}
	if err == nil {
		t.Fatal("Load: no error for the bad files")
	}
	msg := err.Error()
	for _, want := range []string{
		"empty.txt: empty report",
		"binary.txt: line 1: NUL byte",
		"latin1.txt: line 1: invalid UTF-8",
		"prose.txt: no passage of Chinese text",
		"long.txt: line 2: line longer than",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
	if strings.Contains(msg, "good.txt") {
		t.Errorf("error names the good file: %q", msg)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("error %v wraps no *Error", err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing.txt")); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("Load(missing) = %v", err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "no .txt reports") {
		t.Errorf("Load(empty folder) = %v", err)
	}
	p := writeFile(t, dir, "empty.txt", nil)
	if reps, err := Load(p); err == nil || reps != nil || !strings.Contains(err.Error(), "empty.txt: empty report") {
		t.Errorf("Load(empty file) = %v, %v", reps, err)
	}
}
