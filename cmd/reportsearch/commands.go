package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"reportsearch/index"
)

// command is one subcommand: run parses its own flags from args.
type command struct {
	name    string
	summary string // one line for "reportsearch help"
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands returns the subcommands in the order help lists them.
func commands() []command {
	return []command{
		{"serve", "serve the search pages and the JSON API (the default command)", runServe},
		{"search", "search from the command line; --json prints the /api/search body", runSearch},
		{"bullets", "print every bullet of a corpus, one JSON object a line", runBullets},
		{"analyze", "print the analyzer's tokens of a text, one JSON object a line", runAnalyze},
		{"index", "build an on-disk index of a corpus for serve --index and search --index", runIndex},
		{"eval", "measure the ranking on a judged query set (nDCG, recall, P@5)", runEval},
		{"help", "list the commands, or show one command's flags: help COMMAND", nil},
	}
}

// run dispatches to a subcommand; with no subcommand (or only flags) it
// serves. "help", -h and --help list the commands on stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	name := "serve"
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "-help", "--help":
			return runHelp(ctx, args[1:], stdout, stderr)
		}
		if args[0] != "" && args[0][0] != '-' {
			name, args = args[0], args[1:]
		}
	}
	cmd, ok := lookup(name)
	if !ok {
		return usageErrorf("unknown command %q; run reportsearch help for the list", name)
	}
	return cmd.run(ctx, args, stdout, stderr)
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c, true
		}
	}
	return command{}, false
}

// runHelp lists the commands, or shows one command's flags.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) == 0 || len(args) == 1 && args[0] == "help":
		writeHelp(stdout)
		return nil
	case len(args) == 1:
		cmd, ok := lookup(args[0])
		if !ok {
			return usageErrorf("help: unknown command %q; run reportsearch help for the list", args[0])
		}
		return cmd.run(ctx, []string{"-h"}, stdout, stdout)
	default:
		return usageErrorf("help: give at most one command")
	}
}

func writeHelp(w io.Writer) {
	fmt.Fprintln(w, "reportsearch searches Chinese government work reports.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "usage: reportsearch [COMMAND] [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "reportsearch COMMAND -h" for a command's flags.`)
	fmt.Fprintln(w, "Exit status: 0 success, 1 failure, 2 bad usage.")
}

// usageError is a mistake in the command line: an unknown command or flag,
// a missing or extra argument, a value out of range. It exits with status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// parseFlags parses a command's flags; a bad flag is a usage error, -h is
// flag.ErrHelp (the flag package has printed the usage).
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return &usageError{fmt.Errorf("%s: %w", fs.Name(), err)}
}

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// exitStatus prints err to stderr, unless it is nil or a request for help,
// and returns the process's exit status: 0, 1 for a failure, 2 for a usage
// error. A query the engine rejects (*index.QueryError) is a usage error.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintln(stderr, "reportsearch:", strings.TrimSpace(err.Error()))
	var ue *usageError
	var qe *index.QueryError
	if errors.As(err, &ue) || errors.As(err, &qe) {
		return exitUsage
	}
	return exitFailure
}
