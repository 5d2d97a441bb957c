package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"reportsearch/analyzer"
)

// runAnalyze implements "reportsearch analyze [--query] TEXT": it prints the
// tokens of TEXT, one JSON object a line.
func runAnalyze(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	query := fs.Bool("query", false, "use the query-side analyzer (no sub-words)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: reportsearch analyze [--query] TEXT")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageErrorf("analyze: TEXT is required")
	}
	text := strings.Join(fs.Args(), " ")
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, t := range analyzer.Analyze(text, *query) {
		if err := enc.Encode(t); err != nil {
			return err
		}
	}
	return nil
}
