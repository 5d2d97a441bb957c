package corpus

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// CollectionDir is the folder of the embedded collection below this
// package: every report of reports/manifest.json (national, provincial and
// town reports; reports/README.md says where each text comes from).
const CollectionDir = "reports"

//go:embed reports
var collectionFS embed.FS

// CollectionFS returns the embedded collection's files: the folder
// CollectionDir with manifest.json, README.md and the reports below it.
func CollectionFS() fs.FS { return collectionFS }

// Collection parses the embedded collection as Load parses a folder: every
// .txt report, with the metadata of the manifest. Files are named
// "reports/…" in errors and Report.File. The embedded reports all parse;
// an error here is a bug that the package's tests catch.
func Collection() ([]*Report, error) {
	return loadFS(collectionFS, CollectionDir)
}

// loadFS reads every .txt report below dir in fsys, sorted by path, with
// dir's manifest.json; see Load.
func loadFS(fsys fs.FS, dir string) ([]*Report, error) {
	var errs []error
	var manifest map[string]ManifestEntry
	mpath := path.Join(dir, ManifestName)
	if data, err := fs.ReadFile(fsys, mpath); err == nil {
		manifest, err = parseManifest(data, mpath)
		if err != nil {
			errs = append(errs, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, &Error{File: mpath, Msg: err.Error()})
	}
	var names []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(path.Ext(p), ".txt") {
			names = append(names, strings.TrimPrefix(p, dir+"/"))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var reps []*Report
	seen := map[string]bool{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rep, err := Parse(bytes.NewReader(data), path.Join(dir, name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if e, ok := manifest[name]; ok {
			e.apply(rep)
		}
		if seen[rep.ID] {
			errs = append(errs, &Error{File: path.Join(dir, name), Msg: fmt.Sprintf("report id %q used twice", rep.ID)})
			continue
		}
		seen[rep.ID] = true
		reps = append(reps, rep)
	}
	return reps, errors.Join(errs...)
}
