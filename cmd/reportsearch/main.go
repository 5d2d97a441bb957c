// Command reportsearch indexes and searches government work reports.
//
//	reportsearch [serve] [--addr 127.0.0.1:8080] [--corpus PATH | --index DIR]
//	reportsearch search [flags] QUERY
//	reportsearch bullets [--corpus PATH]
//	reportsearch analyze [--query] TEXT
//	reportsearch index --corpus PATH --index DIR
//	reportsearch eval --judgments FILE
//	reportsearch help [COMMAND]
//
// The exit status is 0 on success and for help, 1 when the command failed,
// and 2 when the command line was wrong (unknown command or flag, missing or
// extra argument, a query the engine rejects).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitStatus(err, os.Stderr))
}
