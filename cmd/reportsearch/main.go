// Command reportsearch indexes and searches government work reports.
//
//	reportsearch [serve] [--addr 127.0.0.1:8080] [--corpus PATH | --index DIR]
//	reportsearch bullets [--corpus PATH]
//	reportsearch analyze [--query] TEXT
//	reportsearch search [flags] QUERY
//	reportsearch index --corpus PATH --index DIR
//	reportsearch eval --judgments FILE
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "reportsearch:", err)
		}
		os.Exit(2)
	}
}

// command is one subcommand: it parses its own flags from args.
type command func(ctx context.Context, args []string, stdout, stderr io.Writer) error

var commands = map[string]command{
	"serve":   runServe,
	"bullets": runBullets,
	"analyze": runAnalyze,
	"search":  runSearch,
	"index":   runIndex,
	"eval":    runEval,
}

// run dispatches to a subcommand; with no subcommand (or only flags) it serves.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	name := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	cmd, ok := commands[name]
	if !ok {
		return fmt.Errorf("unknown command %q (want serve, bullets, analyze, search, index or eval)", name)
	}
	return cmd(ctx, args, stdout, stderr)
}
