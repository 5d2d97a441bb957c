package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Load reads a report file, or every .txt report in a folder (sorted by file
// name; sub-folders and other files are ignored). The report id is the file
// name without extension.
//
// A bad file gives an error naming it (and the line, where one applies).
// With a folder, the good reports are returned together with an error
// (errors.Join of one *Error per bad file); a folder without any .txt file
// is an error.
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
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".txt") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no .txt reports in folder", path)
	}
	var reps []*Report
	var errs []error
	seen := map[string]string{}
	for _, name := range names {
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		rep, err := loadFile(filepath.Join(path, name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, ok := seen[rep.ID]; ok {
			errs = append(errs, &Error{File: filepath.Join(path, name), Msg: fmt.Sprintf("report id %q already used by %s", rep.ID, other)})
			continue
		}
		seen[rep.ID] = name
		reps = append(reps, rep)
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
