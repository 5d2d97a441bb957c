package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"reportsearch/corpus"
	"reportsearch/index"
)

// runEval implements "reportsearch eval": it runs a judged query set against
// an in-memory index of the corpus and prints nDCG@k, recall@k and P@5 per
// query, their means overall and per kind, and the zero-hit queries.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	judgments := fs.String("judgments", "testdata/judgments-reports.json", "judged query set (JSON); the seed report's sets (judgments.json …) need --corpus corpus/huacao-2023.txt")
	corpusPath := fs.String("corpus", "", "report file or folder of .txt reports (default: the embedded collection)")
	asJSON := fs.Bool("json", false, "print the full report as JSON")
	verbose := fs.Bool("v", false, "after each imperfect query, list missed judged bullets and irrelevant hits")
	k := fs.Int("k", 10, "cut-off rank for nDCG and recall")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: reportsearch eval [--judgments FILE] [--corpus PATH] [--json] [-v] [--k N]")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageErrorf("eval: unexpected argument %q", fs.Arg(0))
	}
	if *k < 1 {
		return usageErrorf("eval: --k must be at least 1, not %d", *k)
	}

	// A folder with a bad report is an error here: scoring part of a corpus
	// would give misleading figures.
	reps, err := loadReports(ctx, *corpusPath)
	if err != nil {
		return err
	}
	var bullets []corpus.Bullet
	for _, r := range reps {
		bullets = append(bullets, r.Bullets...)
	}

	f, err := os.Open(*judgments)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	j, err := index.LoadJudgments(f, bullets)
	f.Close()
	if err != nil {
		return fmt.Errorf("eval: %s: %w", *judgments, err)
	}

	ix, err := openIndex(ctx, *corpusPath, "", index.Options{}, stderr)
	if err != nil {
		return err
	}
	defer ix.Close()
	rep, err := index.Evaluate(ctx, ix, j, *k)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return writeEval(stdout, rep, *verbose)
}

// writeEval prints an evaluation report as text. The query comes last on
// each line: Han characters are wider than padding assumes.
func writeEval(w io.Writer, rep *index.EvalReport, verbose bool) error {
	fmt.Fprintf(w, "%7s %6s %5s %6s %5s %5s  %-7s  %-11s  %s\n", fmt.Sprintf("nDCG@%d", rep.K), fmt.Sprintf("R@%d", rep.K), "P@5", "judged", "hits", "full", "", "kind", "query")
	for _, q := range rep.Queries {
		flag := ""
		switch {
		case q.Err != "":
			flag = "error"
		case q.Partial:
			flag = "partial"
		}
		fmt.Fprintf(w, "%7.3f %6.3f %5.3f %6d %5d %5d  %-7s  %-11s  %s\n", q.NDCG, q.Recall, q.P5, q.Judged, q.Total, q.FullTotal, flag, q.Kind, q.Q)
		if verbose && (q.Err != "" || q.NDCG < 1 || q.Recall < 1) {
			writeMisses(w, q)
		}
	}

	fmt.Fprintf(w, "\nmean over %d queries: nDCG@%d %.3f  recall@%d %.3f  P@5 %.3f\n",
		len(rep.Queries), rep.K, rep.Mean.NDCG, rep.K, rep.Mean.Recall, rep.Mean.P5)
	fmt.Fprintf(w, "%-11s  %7s %7s %6s %5s\n", "kind", "queries", fmt.Sprintf("nDCG@%d", rep.K), fmt.Sprintf("R@%d", rep.K), "P@5")
	for _, ks := range rep.Kinds {
		fmt.Fprintf(w, "%-11s  %7d %7.3f %6.3f %5.3f\n", ks.Kind, ks.Queries, ks.NDCG, ks.Recall, ks.P5)
	}
	fmt.Fprintf(w, "zero-hit queries: %s\n", listOrNone(rep.ZeroHit))
	fmt.Fprintf(w, "queries with no judged bullet answered with no full match: %d of %d\n", rep.Empty.Clean, rep.Empty.Queries)
	fmt.Fprintf(w, "answered with partial matches: %d\n", rep.Partial)
	if len(rep.Errors) > 0 {
		fmt.Fprintf(w, "rejected by the engine: %s\n", listOrNone(rep.Errors))
	}
	return nil
}

// writeMisses lists what went wrong on one query: its error, the judged
// bullets missing from the first k hits and the irrelevant hits among them.
func writeMisses(w io.Writer, q index.QueryEval) {
	if q.Err != "" {
		fmt.Fprintf(w, "    error: %s\n", q.Err)
	}
	for _, m := range q.Missed {
		fmt.Fprintf(w, "    missed  g%d %s %s\n", m.Grade, m.Key, clip(m.Text, 40))
	}
	for _, r := range q.Ranked {
		if r.Grade == 0 {
			fmt.Fprintf(w, "    ranked  #%d %s %s\n", r.Rank, r.Key, clip(r.Text, 40))
		}
	}
}

func listOrNone(qs []string) string {
	if len(qs) == 0 {
		return "none"
	}
	return strings.Join(qs, ", ")
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
