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
// every passage of the corpus as one JSON object a line (corpus.Bullet: id,
// report, section, path, text, lines, truncated, metrics). Reports that
// cannot be read are named on stderr with their file and line, and the
// others are printed; only a corpus of which nothing can be read is an
// error.
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
	reps, err := loadGoodReports(ctx, *corpusPath, stderr)
	if err != nil {
		return err
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
	return w.Flush()
}
