package corpus

import (
	"path/filepath"
	"testing"
)

// The embedded collection parses whole, with every report's manifest
// metadata, and equals what Load reads from the same folder on disk.
func TestCollection(t *testing.T) {
	reps, err := Collection()
	if err != nil {
		t.Fatalf("Collection: %v", err)
	}
	disk, err := Load(filepath.Join(".", CollectionDir))
	if err != nil {
		t.Fatalf("Load(%s): %v", CollectionDir, err)
	}
	if len(reps) != len(disk) || len(reps) < 2 {
		t.Fatalf("Collection has %d reports, Load %d", len(reps), len(disk))
	}
	levels := map[string]int{}
	for i, r := range reps {
		if r.ID != disk[i].ID || len(r.Bullets) != len(disk[i].Bullets) || r.Title != disk[i].Title {
			t.Errorf("report %d: embedded %s (%d passages), on disk %s (%d)", i, r.ID, len(r.Bullets), disk[i].ID, len(disk[i].Bullets))
		}
		if r.Level == "" || r.Region == "" || r.Year == 0 {
			t.Errorf("report %s: level %q, region %q, year %d; want all from the manifest", r.ID, r.Level, r.Region, r.Year)
		}
		levels[r.Level]++
	}
	for _, l := range []string{LevelTown, LevelProvincial, LevelNational} {
		if levels[l] == 0 {
			t.Errorf("no %s report in the collection", l)
		}
	}
}
