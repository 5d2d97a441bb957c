package main

import (
	"context"
	"fmt"
	"io"

	"reportsearch/corpus"
)

// loadReports reads the corpus at path, or the embedded report when path is
// "". With a folder, the good reports come back together with an error
// naming each bad file (see corpus.Load); callers decide whether that is
// fatal. It stops between files when ctx ends, with ctx's cause.
func loadReports(ctx context.Context, path string) ([]*corpus.Report, error) {
	if path == "" {
		r, err := corpus.Default()
		if err != nil {
			return nil, err
		}
		return []*corpus.Report{r}, nil
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
