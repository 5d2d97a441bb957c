package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

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
	reports, err := loadGoodReports(*corpusPath, stderr)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	var progress func(done, total int)
	if isTerminal(stderr) {
		progress = func(done, total int) { drawBar(stderr, done, total) }
	}
	start := time.Now()
	if err := index.Build(ctx, reports, *dir, index.Options{BatchSize: *batch}, progress); err != nil {
		if progress != nil {
			fmt.Fprintln(stderr)
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
	took := time.Since(start)
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
