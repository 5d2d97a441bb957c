package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Load reads a report file, or every .txt report in a folder and its
// sub-folders (sorted by path; hidden folders and other files are skipped).
//
// A folder may hold a manifest.json (see ManifestEntry): the reports it
// lists take their id, title, level, region, year and source from it; other
// reports, and every report without a manifest, take their id from the file
// name (ReportID) and their title, date, speaker and year from their front
// matter.
//
// A bad file gives an error naming it (and the line, where one applies).
// With a folder, the good reports are returned together with an error
// (errors.Join of one *Error per bad file or manifest entry); a folder
// without any .txt file is an error.
func Load(path string) ([]*Report, error) {
	return LoadContext(context.Background(), path)
}

// LoadContext is Load that stops between files when ctx ends, returning
// ctx's error (context.Cause) and no reports.
func LoadContext(ctx context.Context, path string) ([]*Report, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		rep, err := loadFile(path)
		if err != nil {
			return nil, err
		}
		return []*Report{rep}, nil
	}
	var errs []error
	manifest, err := readManifest(path)
	if err != nil {
		errs = append(errs, err)
	}
	var names []string // slash-separated paths below the folder
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			if d != nil && d.IsDir() && p != path {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != path && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(d.Name()), ".txt") {
			rel, err := filepath.Rel(path, p)
			if err != nil {
				return err
			}
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	present := map[string]bool{}
	for _, n := range names {
		present[n] = true
	}
	if len(names) == 0 {
		return nil, errors.Join(append([]error{fmt.Errorf("%s: no .txt reports in folder", path)}, errs...)...)
	}
	var reps []*Report
	seen := map[string]string{}
	listed := map[string]bool{}
	for _, name := range names {
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		file := filepath.Join(path, filepath.FromSlash(name))
		rep, err := loadFile(file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if e, ok := manifest[name]; ok {
			e.apply(rep)
			listed[name] = true
		}
		if other, ok := seen[rep.ID]; ok {
			errs = append(errs, &Error{File: file, Msg: fmt.Sprintf("report id %q already used by %s", rep.ID, other)})
			continue
		}
		seen[rep.ID] = name
		reps = append(reps, rep)
	}
	for _, file := range slices.Sorted(maps.Keys(manifest)) {
		if !listed[file] && !present[file] {
			errs = append(errs, &Error{File: filepath.Join(path, ManifestName), Msg: fmt.Sprintf("lists %s, which is not in the folder", file)})
		}
	}
	return reps, errors.Join(errs...)
}

func loadFile(path string) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, path)
}
