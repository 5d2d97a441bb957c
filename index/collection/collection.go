// Package collection serves the embedded collection (corpus.Collection)
// from an index built ahead of time: `go generate ./index/collection`
// builds it from corpus/reports into data/ (one merged segment), and the
// binary embeds that folder. Open writes it to a temporary folder, opens
// it read-only and removes the folder at once (the open index keeps its
// files), which takes tens of milliseconds where indexing the collection
// takes seconds.
//
// The index must match the reports and the program: Open refuses one of
// another format or vocabulary (index.Open's checks), and the package's
// test fails when it was built from other texts, by another parser or
// with another mapping (index.CheckBuiltFrom): run go generate again.
package collection

//go:generate go run gen.go

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"reportsearch/index"
)

// dataDir is the embedded index folder.
const dataDir = "data"

//go:embed data
var data embed.FS

// Open opens the embedded collection's index. It fails when the embedded
// index is missing or was built for another format or vocabulary (run
// go generate ./index/collection), or when the temporary folder cannot be
// written.
func Open(opts index.Options) (*index.Index, error) {
	tmp, err := os.MkdirTemp("", "reportsearch-collection-")
	if err != nil {
		return nil, fmt.Errorf("collection: %w", err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "index")
	if err := copyTree(data, dataDir, dir); err != nil {
		return nil, fmt.Errorf("collection: %w", err)
	}
	ix, err := index.Open(dir, opts)
	if err != nil {
		return nil, fmt.Errorf("collection: the embedded index: %w (rebuild it: go generate ./index/collection)", err)
	}
	return ix, nil
}

// copyTree writes the files below src in fsys to dst.
func copyTree(fsys fs.FS, src, dst string) error {
	return fs.WalkDir(fsys, src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, filepath.FromSlash(p))
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(fsys, p, target)
	})
}

// copyFile copies name in fsys to target through a small buffer: reading
// the whole file (fs.ReadFile) would copy it onto the heap first.
func copyFile(fsys fs.FS, name, target string) error {
	in, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
