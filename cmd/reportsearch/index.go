package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"reportsearch/corpus"
	"reportsearch/index"
)

// runIndex implements "reportsearch index": it builds an on-disk index of a
// corpus, with a progress bar when stderr is a terminal and a summary line.
func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpusPath := fs.String("corpus", "", "index the report `file`, or every .txt report in a folder (default: the embedded report)")
	dir := fs.String("index", "", "write the index to `dir` (replaced only when the new index is complete)")
	batch := fs.Int("batch", 0, "bullets per batch (default 3000)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: reportsearch index [--corpus PATH] --index DIR")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("index: unexpected argument %q", fs.Arg(0))
	}
	if *dir == "" {
		fs.Usage()
		return usageErrorf("index: --index DIR is required")
	}
	if *batch < 0 {
		return usageErrorf("index: --batch must not be negative")
	}
	var progress func(done, total int)
	if isTerminal(stderr) {
		progress = func(done, total int) { drawBar(stderr, done, total) }
	}
	// locked first: a second build of the folder fails before reading
	// its corpus
	lock, err := index.LockBuild(*dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	// a signal stops the load between files and the build between
	// bullets; the build then removes its temporary folder, given
	// stopGrace to do so
	var took time.Duration
	reports, err := untilStopped(ctx, "building "+*dir+"; it is left as it was", stopGrace, func() ([]*corpus.Report, error) {
		reports, err := loadGoodReports(ctx, *corpusPath, stderr)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		start := time.Now()
		err = lock.Build(ctx, reports, index.Options{BatchSize: *batch}, progress)
		took = time.Since(start)
		return reports, err
	})
	if err != nil {
		if progress != nil {
			fmt.Fprintln(stderr)
		}
		var stopped *stoppedError
		if errors.As(err, &stopped) {
			return fmt.Errorf("index: %w", err)
		}
		return err
	}
	if progress != nil {
		fmt.Fprint(stderr, "\r\x1b[K")
	}
	n := 0
	for _, r := range reports {
		n += len(r.Bullets)
	}
	fmt.Fprintf(stdout, "indexed %d bullets of %d reports into %s in %s (%.0f bullets/s)\n",
		n, len(reports), *dir, took.Round(time.Millisecond), float64(n)/took.Seconds())
	return nil
}

// drawBar redraws a one-line progress bar.
func drawBar(w io.Writer, done, total int) {
	const width = 30
	if total <= 0 {
		return
	}
	filled := done * width / total
	fmt.Fprintf(w, "\rindexing [%s%s] %3d%% %d/%d", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done*100/total, done, total)
}
