package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"regexp"
)

// ManifestName is the file in a corpus folder that lists its reports.
const ManifestName = "manifest.json"

// ManifestEntry is one report of a manifest.json: a JSON array of these
// objects. File is the report's path below the folder, with forward
// slashes; ID is its report id (letters, digits, "-", "_" and "."); Level
// is "town", "provincial" or "national"; Year the year it was delivered.
// Other keys (such as "chars") are ignored.
//
//	[{"id": "national-2024", "file": "national/national-2024.txt",
//	  "title": "2024年国务院政府工作报告", "level": "national",
//	  "region": "全国", "year": 2024, "source": "https://…"}]
type ManifestEntry struct {
	ID     string `json:"id"`
	File   string `json:"file"`
	Title  string `json:"title"`
	Level  string `json:"level"`
	Region string `json:"region"`
	Year   int    `json:"year"`
	Source string `json:"source"`
}

var reportIDRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// readManifest reads dir/manifest.json: its entries by file, or nil when the
// folder has none. Entries that are wrong (no file, a bad id or level, a
// file listed twice) are left out, each with an *Error naming the manifest
// and the entry; a manifest that is no JSON array is one *Error with the
// line of the fault.
func readManifest(dir string) (map[string]ManifestEntry, error) {
	name := dir + string(os.PathSeparator) + ManifestName
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	return parseManifest(data, name)
}

// parseManifest reads the manifest data of file name (see readManifest).
func parseManifest(data []byte, name string) (map[string]ManifestEntry, error) {
	var entries []ManifestEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		line := 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line = 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		case errors.As(err, &te):
			line = 1 + bytes.Count(data[:min(int(te.Offset), len(data))], []byte("\n"))
		}
		return nil, &Error{File: name, Line: line, Msg: "not a manifest (a JSON array of {id, file, title, level, region, year, source}): " + err.Error()}
	}
	byFile := map[string]ManifestEntry{}
	ids := map[string]bool{}
	var errs []error
	for i, e := range entries {
		bad := func(msg string) {
			errs = append(errs, &Error{File: name, Msg: fmt.Sprintf("entry %d (%q): %s", i+1, e.File, msg)})
		}
		file := path.Clean(e.File)
		switch {
		case e.File == "" || path.IsAbs(file) || file == ".." || len(file) > 2 && file[:3] == "../":
			bad("file must be a path below the folder")
		case !reportIDRE.MatchString(e.ID):
			bad(fmt.Sprintf("id %q: want letters, digits, '-', '_' or '.'", e.ID))
		case e.Level != "" && e.Level != LevelTown && e.Level != LevelProvincial && e.Level != LevelNational:
			bad(fmt.Sprintf("level %q: want town, provincial or national", e.Level))
		case e.Year < 0 || e.Year > 9999:
			bad(fmt.Sprintf("year %d out of range", e.Year))
		case ids[e.ID]:
			bad(fmt.Sprintf("id %q listed twice", e.ID))
		case byFile[file].ID != "":
			bad("file listed twice")
		default:
			ids[e.ID] = true
			byFile[file] = e
		}
	}
	return byFile, errors.Join(errs...)
}

// apply sets the report's metadata from the manifest entry; what the entry
// leaves empty keeps the value read from the text.
func (e ManifestEntry) apply(rep *Report) {
	rep.ID = e.ID
	if e.Title != "" {
		rep.Title = e.Title
	}
	if e.Level != "" {
		rep.Level = e.Level
	}
	if e.Region != "" {
		rep.Region = e.Region
	}
	if e.Year != 0 {
		rep.Year = e.Year
	}
	if e.Source != "" {
		rep.Source = e.Source
	}
	for i := range rep.Bullets {
		rep.Bullets[i].Report = rep.ID
	}
}
