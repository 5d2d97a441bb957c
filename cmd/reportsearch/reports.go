package main

import (
	"context"
	"fmt"
	"io"

	"reportsearch/index"
	"reportsearch/index/collection"

	"reportsearch/corpus"
)

// loadReports reads the corpus at path, or the embedded collection (every
// report of corpus/reports) when path is "". With a folder, the good reports come back together with an error
// naming each bad file (see corpus.Load); callers decide whether that is
// fatal. It stops between files when ctx ends, with ctx's cause.
func loadReports(ctx context.Context, path string) ([]*corpus.Report, error) {
	if path == "" {
		return corpus.Collection()
	}
	return corpus.LoadContext(ctx, path)
}

// loadGoodReports is loadReports for commands that go on with the good
// reports of a folder: the bad files are reported on stderr, and only a
// corpus with no good report is an error.
func loadGoodReports(ctx context.Context, path string, stderr io.Writer) ([]*corpus.Report, error) {
	reports, err := loadReports(ctx, path)
	if err != nil {
		if len(reports) == 0 {
			return nil, err
		}
		fmt.Fprintln(stderr, "warning:", err)
	}
	return reports, nil
}

// openIndex opens the on-disk index dir, or indexes the corpus at path in
// memory, or, when both are "", opens the embedded collection's prebuilt
// index (collection.Open), falling back to indexing the embedded reports
// when that index is not this program's (reported on stderr).
func openIndex(ctx context.Context, path, dir string, opts index.Options, stderr io.Writer) (*index.Index, error) {
	if dir != "" {
		return index.OpenContext(ctx, dir, opts)
	}
	if path == "" {
		ix, err := collection.Open(opts)
		if err == nil {
			return ix, nil
		}
		fmt.Fprintln(stderr, "warning:", err, "; indexing the embedded reports instead")
	}
	reports, err := loadGoodReports(ctx, path, stderr)
	if err != nil {
		return nil, err
	}
	return index.New(ctx, reports, opts)
}
