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

// TestLoadManifest: sub-folders are walked, the manifest's metadata
// applies to the reports it lists, the others keep what their text says.
func TestLoadManifest(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"national", "provincial", ".hidden"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "national/n-2024.txt", []byte("政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　\n李　强\n\n各位代表：\n\n一、2023年工作回顾\n\n经济回升向好。\n"))
	writeFile(t, dir, "provincial/bj.txt", []byte("2025年北京市政府工作报告\n来源：北京日报\n各位代表：\n　　一、2024年工作回顾\n　　经济稳中有进。\n"))
	writeFile(t, dir, "town.txt", defaultText)
	writeFile(t, dir, ".hidden/x.txt", []byte("各位代表：\n不读。\n"))
	writeFile(t, dir, ManifestName, []byte(`[
 {"id": "national-2024", "file": "national/n-2024.txt", "chars": 9, "title": "2024年政府工作报告", "level": "national", "region": "全国", "year": 2024, "source": "wiki"},
 {"id": "huacao-2023", "file": "town.txt", "title": "华漕镇2023年年终答卷", "level": "town", "region": "华漕镇", "year": 2023, "source": "seed"}
]`))
	reps, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ids(reps), " "); got != "national-2024 bj huacao-2023" {
		t.Fatalf("Load = %s", got)
	}
	n, bj, town := reps[0], reps[1], reps[2]
	if n.Title != "2024年政府工作报告" || n.Level != LevelNational || n.Region != "全国" || n.Year != 2024 || n.Source != "wiki" ||
		n.Date != "2024-03-05" || n.Speaker != "国务院总理 李强" || n.Bullets[0].Report != "national-2024" || n.Bullets[0].ID != "01-01" {
		t.Errorf("national report %+v", *n)
	}
	if bj.Title != "2025年北京市政府工作报告" || bj.Source != "北京日报" || bj.Year != 2025 || bj.Region != "" {
		t.Errorf("unlisted report %+v", *bj)
	}
	if town.Level != LevelTown || len(town.Bullets) != 104 || town.Bullets[0].Report != "huacao-2023" {
		t.Errorf("town report %s %s %d", town.ID, town.Level, len(town.Bullets))
	}
}

// TestLoadBadManifest: a bad manifest or entry is reported by name (and
// line), and the reports load with their file names as ids.
func TestLoadBadManifest(t *testing.T) {
	tests := []struct{ manifest, want string }{
		{"[\n {\"id\": \"a\",\n \"file\": }\n]", "manifest.json: line 3: not a manifest"},
		{`{"id": "a"}`, "manifest.json: line 1: not a manifest"},
		{`[{"id": "a b", "file": "a.txt"}]`, `entry 1 ("a.txt"): id "a b"`},
		{`[{"id": "a", "file": "a.txt", "level": "city"}]`, `level "city"`},
		{`[{"id": "a", "file": "../a.txt"}]`, "file must be a path below the folder"},
		{`[{"id": "a", "file": "gone.txt"}]`, "lists gone.txt, which is not in the folder"},
		{`[{"id": "x", "file": "a.txt"}, {"id": "x", "file": "b.txt"}]`, `id "x" listed twice`},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		writeFile(t, dir, "a.txt", []byte("各位代表：\n正文。\n"))
		writeFile(t, dir, "b.txt", []byte("各位代表：\n正文。\n"))
		writeFile(t, dir, ManifestName, []byte(tt.manifest))
		reps, err := Load(dir)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("manifest %s: error %v; want %q", tt.manifest, err, tt.want)
		}
		if len(reps) != 2 {
			t.Errorf("manifest %s: %d reports; want 2", tt.manifest, len(reps))
		}
	}
}
