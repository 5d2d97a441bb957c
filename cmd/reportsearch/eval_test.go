package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"reportsearch/index"
)

const judgedSet = "../../testdata/judgments.json"

// judgedQueries counts the queries of the judged set.
func judgedQueries(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile(judgedSet)
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Queries []json.RawMessage }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return len(f.Queries)
}

func TestEvalText(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"eval", "--corpus", seedCorpus, "--judgments", judgedSet}, &out, &errb); err != nil {
		t.Fatalf("eval: %v (stderr %q)", err, errb.String())
	}
	s := out.String()
	n := judgedQueries(t)
	if lines := strings.Count(s, "\n"); lines < n {
		t.Errorf("eval printed %d lines for %d queries", lines, n)
	}
	for _, want := range []string{
		"nDCG@10", "  concept  ", "  养老\n", `  "主题教育"` + "\n",
		"mean over " + strconv.Itoa(n) + " queries: nDCG@10 ",
		"zero-hit queries: ",
		"queries with no judged bullet answered with no full match: ",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("eval output lacks %q:\n%s", want, s)
		}
	}
	for _, kind := range []string{"concept", "place", "figure", "phrase", "multi", "everyday", "latin", "pagebreak", "boundary", "filter"} {
		if !strings.Contains(s, fmt.Sprintf("\n%-11s  ", kind)) {
			t.Errorf("eval output has no mean line for kind %s", kind)
		}
	}
}

func TestEvalJSON(t *testing.T) {
	var out, errb bytes.Buffer
	if err := runEval(context.Background(), []string{"--corpus", seedCorpus, "--judgments", judgedSet, "--json", "--k", "5"}, &out, &errb); err != nil {
		t.Fatalf("eval --json: %v (stderr %q)", err, errb.String())
	}
	var rep index.EvalReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("eval --json printed invalid JSON: %v", err)
	}
	if n := judgedQueries(t); len(rep.Queries) != n || rep.K != 5 {
		t.Errorf("got %d queries at k=%d; want %d at k=5", len(rep.Queries), rep.K, n)
	}
	if rep.Mean.NDCG <= 0 || rep.Mean.NDCG > 1 {
		t.Errorf("mean nDCG = %v; want in (0, 1]", rep.Mean.NDCG)
	}
	for _, q := range rep.Queries {
		if len(q.Ranked) > 5 {
			t.Errorf("%s: %d ranked hits reported at k=5", q.Q, len(q.Ranked))
		}
	}
}

// A deliberately wrong judgment makes -v list both kinds of mistake.
func TestEvalVerbose(t *testing.T) {
	file := filepath.Join(t.TempDir(), "j.json")
	const j = `{"queries":[{"q":"诸翟","kind":"place","relevant":{"财政总收入37.55亿元":2}}]}`
	if err := os.WriteFile(file, []byte(j), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := runEval(context.Background(), []string{"-v", "--judgments", file}, &out, &errb); err != nil {
		t.Fatalf("eval -v: %v (stderr %q)", err, errb.String())
	}
	s := out.String()
	for _, want := range []string{
		"  0.000  0.000 0.000      1 ",
		"    missed  g2 huacao-2023:02-01 预计全年完成财政总收入37.55亿元",
		"    ranked  #1 ",
		"诸翟",
		"mean over 1 queries: nDCG@10 0.000  recall@10 0.000  P@5 0.000",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("eval -v output lacks %q:\n%s", want, s)
		}
	}
}

func TestEvalErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"queries":[{"q":"a","kind":"concept","relevant":{"并无此句":2}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--no-such-flag"}, "not defined"},
		{[]string{"--judgments", judgedSet, "extra"}, `unexpected argument "extra"`},
		{[]string{"--judgments", judgedSet, "--k", "0"}, "--k must be at least 1"},
		{[]string{"--judgments", filepath.Join(dir, "missing.json")}, "missing.json"},
		{[]string{"--judgments", bad}, `"并无此句" matches no bullet`},
		{[]string{"--judgments", judgedSet, "--corpus", filepath.Join(dir, "nothing")}, "nothing"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		err := runEval(context.Background(), tt.args, &out, &errb)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("eval %q: err = %v; want one containing %q", tt.args, err, tt.want)
		}
	}
	var out, errb bytes.Buffer
	if err := runEval(context.Background(), []string{"-h"}, &out, &errb); !errors.Is(err, flag.ErrHelp) || !strings.Contains(errb.String(), "usage: reportsearch eval") {
		t.Errorf("eval -h: err = %v, stderr %q; want flag.ErrHelp and the usage", err, errb.String())
	}
}
