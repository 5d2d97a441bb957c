package corpus

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"reportsearch/corpus/fold"
)

// realReports is the folder of real reports, beside the module
// (../shared/reports from the repository root).
var realReports = filepath.Join("..", "..", "shared", "reports")

// minPassages is the fewest passages a real report gives: the shortest
// (national-1975, 20,000 characters of long paragraphs) has 36.
const minPassages = 30

var sectionIDRE = regexp.MustCompile(`^\d{2}(\.\d{2})*$`)

// TestRealReports parses every real report: each gives at least
// minPassages passages, none empty, none longer than MaxPassageRunes, none
// front matter; ids and section ids unique, section ids URL-safe, the
// manifest's metadata applied.
func TestRealReports(t *testing.T) {
	if _, err := os.Stat(filepath.Join(realReports, ManifestName)); err != nil {
		t.Skipf("no real reports: %v", err)
	}
	reps, err := Load(realReports)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(reps) != 73 {
		t.Errorf("Load = %d reports; want 73", len(reps))
	}
	levels := map[string]int{}
	for _, rep := range reps {
		levels[rep.Level]++
		if rep.Title == "" || rep.Year < 1949 || rep.Region == "" || rep.Source == "" {
			t.Errorf("%s: metadata %q %d %q %q", rep.ID, rep.Title, rep.Year, rep.Region, rep.Source)
		}
		if rep.Date != "" && !strings.HasPrefix(rep.Date, rep.ID[len(rep.ID)-4:]) {
			t.Errorf("%s: date %s", rep.ID, rep.Date)
		}
		if len(rep.Bullets) < minPassages {
			t.Errorf("%s: %d passages; want ≥ %d", rep.ID, len(rep.Bullets), minPassages)
		}
		secs := map[string]bool{}
		for _, s := range rep.Sections {
			if secs[s.ID] || !sectionIDRE.MatchString(s.ID) {
				t.Errorf("%s: section id %q repeated or not URL-safe", rep.ID, s.ID)
			}
			if s.Parent != "" && !secs[s.Parent] {
				t.Errorf("%s: section %s before its parent %s", rep.ID, s.ID, s.Parent)
			}
			secs[s.ID] = true
		}
		ids := map[string]bool{}
		for _, b := range rep.Bullets {
			if ids[b.ID] {
				t.Errorf("%s: passage id %s repeated", rep.ID, b.ID)
			}
			ids[b.ID] = true
			n := utf8.RuneCountInString(b.Text)
			if n == 0 || n > MaxPassageRunes || strings.TrimSpace(b.Text) != b.Text {
				t.Errorf("%s %s: %d characters: %.40q", rep.ID, b.ID, n, b.Text)
			}
			if len(b.Path) == 0 || b.Path[len(b.Path)-1] != b.Section || !secs[b.Section.ID] || !strings.HasPrefix(b.ID, b.Section.ID+"-") {
				t.Errorf("%s %s: section %v path %v", rep.ID, b.ID, b.Section, b.Path)
			}
			if len(b.Lines) == 0 {
				t.Errorf("%s %s: no lines", rep.ID, b.ID)
			}
			key := fold.String(b.Text)
			if k := frontKind(key); k == fkSource || k == fkDate || k == fkSalute || k == fkOffice || key == fold.String(rep.Title) ||
				strings.HasPrefix(key, "本作品") || strings.Contains(b.Text, "\u200b") {
				t.Errorf("%s %s: front or back matter as a passage: %q", rep.ID, b.ID, b.Text)
			}
		}
	}
	if levels[LevelNational] != 47 || levels[LevelProvincial] != 25 || levels[LevelTown] != 1 {
		t.Errorf("levels %v", levels)
	}
}

// TestRealReportsMetadata checks the front matter read from a few real
// reports (the manifest gives no date or speaker).
func TestRealReportsMetadata(t *testing.T) {
	tests := []struct{ file, title, date, speaker string }{
		{"national/national-2024.txt", "政府工作报告", "2024-03-05", "国务院总理 李强"},
		{"national/national-2017.txt", "政府工作报告", "2017-03-05", "国务院总理 李克强"},
		{"national/national-1957.txt", "政府工作报告", "1957-06-26", "周恩来"},
		{"national/national-1954.txt", "", "", ""},
		{"provincial/beijing-2025.txt", "2025年北京市政府工作报告", "2025-01-14", "北京市市长 殷勇"},
		{"provincial/chongqing-2025.txt", "2025年重庆市政府工作报告", "2025-01-19", "重庆市人民政府市长 胡衡华"},
		{"provincial/hainan-2025.txt", "2025年海南省政府工作报告", "2025-01-14", "海南省省长 刘小明"},
		{"provincial/jiangxi-2025.txt", "2025年江西省政府工作报告", "2025-01-17", "省长 叶建春"},
	}
	for _, tt := range tests {
		f, err := os.Open(filepath.Join(realReports, tt.file))
		if err != nil {
			t.Skipf("no real reports: %v", err)
		}
		rep, err := Parse(f, tt.file)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if rep.Title != tt.title || rep.Date != tt.date || rep.Speaker != tt.speaker {
			t.Errorf("%s: title %q date %q speaker %q; want %q %q %q", tt.file, rep.Title, rep.Date, rep.Speaker, tt.title, tt.date, tt.speaker)
		}
	}
}
