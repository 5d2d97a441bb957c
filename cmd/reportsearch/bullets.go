package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
)

// runBullets implements "reportsearch bullets [--corpus PATH]": it prints
// every bullet of the corpus as one JSON object a line.
func runBullets(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bullets", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpusPath := fs.String("corpus", "", "report file or folder of .txt reports (default: the embedded report)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: reportsearch bullets [--corpus PATH]")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageErrorf("bullets: unexpected argument %q", fs.Arg(0))
	}
	reps, loadErr := loadReports(ctx, *corpusPath)
	if len(reps) == 0 && loadErr != nil {
		return loadErr
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, rep := range reps {
		for _, b := range rep.Bullets {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := enc.Encode(b); err != nil {
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	// Some reports of a folder were bad: the good ones are printed, the
	// command still fails naming the bad ones.
	return loadErr
}
