package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"reportsearch/corpus"
	"reportsearch/index"
	"reportsearch/server"
)

// listFlag is a repeatable string flag (--section 02 --section 03); a value
// may also list several, comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// runSearch implements "reportsearch search": it searches the embedded
// report, a report file or folder (--corpus) or an on-disk index (--index)
// and prints the hits, marked for a terminal, or the body GET /api/search
// would answer (--json).
func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpusPath := fs.String("corpus", "", "search the report `file`, or every .txt report in a folder (default: the embedded collection)")
	indexDir := fs.String("index", "", "search the on-disk index in `dir` (built by reportsearch index)")
	synonyms := fs.String("synonyms", "", "extra synonyms `file`")
	asJSON := fs.Bool("json", false, "print the result as GET /api/search answers it (one line of JSON)")
	var sections, kinds, reports, levels, regions, years listFlag
	fs.Var(&sections, "section", "only passages of section `report:id` (a bare id with one report; repeatable)")
	fs.Var(&levels, "level", "only reports of `level` town, provincial or national (repeatable)")
	fs.Var(&regions, "region", "only reports of `region` (全国, 北京市 …; repeatable)")
	fs.Var(&years, "year", "only reports of `year` (repeatable)")
	yearRange := fs.String("years", "", "only reports of the years `from-to` (1978-1990, 1978-, -1990)")
	fs.Var(&kinds, "kind", "only bullets with a figure of metric `kind` (repeatable: "+kindNames()+")")
	fs.Var(&reports, "report", "only bullets of report `id` (repeatable)")
	size := fs.Int("size", index.DefaultSize, fmt.Sprintf("number of hits to print (at most %d)", index.MaxSize))
	from := fs.Int("from", 0, "skip the first `n` hits")
	sortBy := fs.String("sort", index.SortRelevance, "order of hits: relevance, order, value or -value")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: reportsearch search [--corpus PATH | --index DIR] [--json] [--section ID]... [--kind K]... [--size N] [--sort S] QUERY")
		fmt.Fprintln(fs.Output(), "QUERY: words (all must match), \"a phrase\", -excluded, figures (>1亿元, ≥50家, 1000万-1亿); put -- before a query that starts with -")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *corpusPath != "" && *indexDir != "" {
		return usageErrorf("search: give --corpus or --index, not both")
	}
	ix, err := loadIndex(ctx, *corpusPath, *indexDir, index.Options{Synonyms: *synonyms}, stderr)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer ix.Close()
	req := index.Request{
		Query:    strings.Join(fs.Args(), " "),
		Sections: sections,
		Kinds:    kinds,
		Reports:  reports,
		Levels:   levels,
		Regions:  regions,
		From:     *from,
		Size:     *size,
		Sort:     *sortBy,
	}
	for _, y := range years {
		n, err := strconv.Atoi(y)
		if err != nil {
			return usageErrorf("search: --year %q is not a year", y)
		}
		req.Years = append(req.Years, n)
	}
	if *yearRange != "" {
		if req.YearFrom, req.YearTo, err = index.ParseYears(*yearRange); err != nil {
			return usageErrorf("search: --years: %v", err)
		}
	}
	res, err := ix.Search(ctx, req)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if *asJSON {
		// The same body as GET /api/search with these parameters.
		b, err := server.NewSearchResponse(req, res).JSON()
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		_, err = stdout.Write(b)
		return err
	}
	w := bufio.NewWriter(stdout)
	writeHits(w, res, req.From, reportNames(ix), isTerminal(stdout))
	return w.Flush()
}

// kindNames lists the metric kinds for the --kind flag's help.
func kindNames() string {
	var names []string
	for _, k := range corpus.Kinds() {
		names = append(names, k.Name)
	}
	return strings.Join(names, ", ")
}

// loadIndex opens dir, or indexes the corpus at path (the embedded report
// when path is "") in memory.
func loadIndex(ctx context.Context, path, dir string, opts index.Options, stderr io.Writer) (*index.Index, error) {
	return openIndex(ctx, path, dir, opts, stderr)
}

// reportNames are the reports' short names by id when the index holds
// several (nil with one: every hit is of it).
func reportNames(ix *index.Index) map[string]string {
	infos := ix.ReportInfos()
	if len(infos) < 2 {
		return nil
	}
	names := make(map[string]string, len(infos))
	for _, r := range infos {
		names[r.ID] = r.Short
	}
	return names
}

// writeHits prints the hits: each with its key (report:id), its report's
// short name when names has it, its section and score, and its text with the
// matches marked.
func writeHits(w io.Writer, res *index.Result, from int, names map[string]string, term bool) {
	switch {
	case res.Total == 0:
		fmt.Fprintf(w, "no hits for %q\n", res.Query)
		return
	case res.Partial:
		fmt.Fprintf(w, "no bullet has every word; %d partial matches\n", res.Total)
	default:
		fmt.Fprintf(w, "%d hits\n", res.Total)
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "\n%d. %s  ", from+i+1, h.Bullet.Key())
		if n := names[h.Bullet.Report]; n != "" {
			fmt.Fprintf(w, "%s · ", n)
		}
		fmt.Fprintf(w, "%s %s", h.Bullet.Section.ID, h.Bullet.Section.Title)
		if h.Score > 0 {
			fmt.Fprintf(w, "  score %.3f", h.Score)
		}
		fmt.Fprintf(w, "\n   %s\n", terminalMarks(h.Bullet.Text, h.Spans, term))
	}
}

// terminalMarks returns text with the spans marked: in bold yellow on a
// terminal (related matches in plain yellow), in [brackets] elsewhere,
// where spans that touch share one pair. Spans out of order or outside
// text are skipped.
func terminalMarks(text string, spans []index.Span, term bool) string {
	var b strings.Builder
	at, open := 0, false
	for _, s := range spans {
		if s.Start < at || s.End > len(text) || s.Start >= s.End {
			continue
		}
		join := open && s.Start == at && !term
		if open && !join {
			b.WriteString(closeMark(term))
		}
		b.WriteString(text[at:s.Start])
		if !join {
			b.WriteString(openMark(s.Kind, term))
		}
		b.WriteString(text[s.Start:s.End])
		at, open = s.End, true
	}
	if open {
		b.WriteString(closeMark(term))
	}
	b.WriteString(text[at:])
	return b.String()
}

func openMark(k index.SpanKind, term bool) string {
	switch {
	case !term:
		return "["
	case k == index.SpanRelated:
		return "\x1b[33m"
	}
	return "\x1b[1;33m"
}

func closeMark(term bool) string {
	if term {
		return "\x1b[0m"
	}
	return "]"
}

// isTerminal reports whether w is a terminal: an *os.File that
// term.IsTerminal accepts. A file, a pipe or /dev/null (a character device,
// but no terminal) is not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
