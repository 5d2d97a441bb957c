package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reportsearch/corpus"
)

// TestExitStatus runs the program in a child process, as main does, and
// checks its exit status: 0 for success and help, 1 for a failure, 2 for a
// wrong command line.
func TestExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs reportsearch in child processes")
	}
	missing := filepath.Join(t.TempDir(), "none")
	for _, tc := range []struct {
		args []string
		want int
		out  string // in stdout or stderr
	}{
		{[]string{"search", "招商"}, 0, "hits"},
		{[]string{"help"}, 0, "commands:"},
		{[]string{"-h"}, 0, "commands:"},
		{[]string{"--help"}, 0, "commands:"},
		{[]string{"help", "search"}, 0, "usage: reportsearch search"},
		{[]string{"help", "help"}, 0, "commands:"},
		{[]string{"search", "-h"}, 0, "usage: reportsearch search"},
		{[]string{"index", "--help"}, 0, "usage: reportsearch index"},

		{[]string{"search", "--index", missing, "招商"}, 1, "reportsearch: search:"},
		{[]string{"bullets", "--corpus", missing}, 1, "reportsearch: "},
		{[]string{"eval", "--judgments", missing}, 1, "reportsearch: eval:"},

		{[]string{"nosuch"}, 2, `unknown command "nosuch"`},
		{[]string{"help", "nosuch"}, 2, `unknown command "nosuch"`},
		{[]string{"help", "search", "index"}, 2, "at most one command"},
		{[]string{"search", "--nosuchflag", "x"}, 2, "flag provided but not defined"},
		{[]string{"search", "--size", "x", "招商"}, 2, "invalid value"},
		{[]string{"search", "--size", "1000", "招商"}, 2, "size"},
		{[]string{"search", "--corpus", "a", "--index", "b", "招商"}, 2, "not both"},
		{[]string{"serve", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"--addr"}, 2, "flag needs an argument"},
		{[]string{"index"}, 2, "--index DIR is required"},
		{[]string{"analyze"}, 2, "TEXT is required"},
		{[]string{"bullets", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"eval", "--k", "0"}, 2, "--k must be at least 1"},
	} {
		code, out, _ := runChild(t, 60*time.Second, tc.args...)
		if code != tc.want {
			t.Errorf("reportsearch %s: exit status %d; want %d\n%s", strings.Join(tc.args, " "), code, tc.want, out)
		}
		if !strings.Contains(out, tc.out) {
			t.Errorf("reportsearch %s: output lacks %q:\n%s", strings.Join(tc.args, " "), tc.out, out)
		}
		if strings.Contains(out, "panic") {
			t.Errorf("reportsearch %s panicked:\n%s", strings.Join(tc.args, " "), out)
		}
	}
}

// TestHelp checks that help lists every command, one line each, on stdout.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"-help"}} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), args, &out, &errOut); err != nil {
			t.Errorf("run(%q) = %v; want nil", args, err)
		}
		if errOut.Len() != 0 {
			t.Errorf("run(%q) wrote to stderr: %s", args, errOut.String())
		}
		lines := strings.Split(out.String(), "\n")
		for _, c := range commands() {
			n := 0
			for _, l := range lines {
				if strings.HasPrefix(l, "  "+c.name+" ") && strings.Contains(l, c.summary) {
					n++
				}
			}
			if n != 1 || c.summary == "" {
				t.Errorf("run(%q): command %s is on %d lines with its summary; want 1:\n%s", args, c.name, n, out.String())
			}
		}
	}
	// help COMMAND shows the command's flags on stdout and is not an error.
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"help", "eval"}, &out, &errOut)
	if exitStatus(err, &errOut) != exitOK || !strings.Contains(out.String(), "-judgments") {
		t.Errorf("help eval: %v, stdout %q, stderr %q", err, out.String(), errOut.String())
	}
}

func TestExitStatusOf(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
		msg  string
	}{
		{nil, 0, ""},
		{flag.ErrHelp, 0, ""},
		{errors.New("disk full"), 1, "reportsearch: disk full\n"},
		{usageErrorf("unknown command %q", "x"), 2, "reportsearch: unknown command \"x\"\n"},
		{errors.Join(errors.New("search"), usageErrorf("bad")), 2, "reportsearch: search\nbad\n"},
	} {
		var stderr bytes.Buffer
		if got := exitStatus(tc.err, &stderr); got != tc.want || stderr.String() != tc.msg {
			t.Errorf("exitStatus(%v) = %d, printing %q; want %d, %q", tc.err, got, stderr.String(), tc.want, tc.msg)
		}
	}
}

// TestIsTerminal checks that /dev/null, a pipe, a file and a buffer are not
// terminals: progress bars and colours stay out of them.
func TestIsTerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Errorf("isTerminal(%s) = true", os.DevNull)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(w) {
		t.Error("isTerminal(pipe) = true")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("isTerminal(file) = true")
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Error("isTerminal(buffer) = true")
	}
}

// seedCorpus is the seed report (corpus.DefaultName), for the tests that
// check its bullets: the commands' default is the whole collection.
var seedCorpus = filepath.Join("..", "..", "corpus", corpus.DefaultName)
