package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"reportsearch/index"
	"reportsearch/index/collection"
	"reportsearch/server"
)

// serveConfig is what "reportsearch serve" is told by its flags.
type serveConfig struct {
	Addr     string
	Corpus   string
	Index    string
	Synonyms string
}

// shutdownTimeout bounds how long in-flight requests may run after a signal.
const shutdownTimeout = 10 * time.Second

// runServe implements "reportsearch serve": it serves the embedded report, a
// report file or folder (--corpus), or an on-disk index (--index) until ctx
// is cancelled, then drains in-flight requests.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "listen on `host:port`")
	fs.StringVar(&cfg.Corpus, "corpus", "", "serve the report `file`, or every .txt report in a folder (default: the embedded collection)")
	fs.StringVar(&cfg.Index, "index", "", "serve the on-disk index in `dir` (built by reportsearch index)")
	fs.StringVar(&cfg.Synonyms, "synonyms", "", "extra synonyms `file`")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: reportsearch serve [--addr 127.0.0.1:8080] [--corpus PATH | --index DIR] [--synonyms FILE]")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("serve: unexpected argument %q", fs.Arg(0))
	}
	if cfg.Corpus != "" && cfg.Index != "" {
		return usageErrorf("serve: give --corpus or --index, not both")
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	// a signal during start-up ends it at once: loading and indexing stop
	// at their next check, or are left to end with the process
	ix, err := untilStopped(ctx, "starting", 0, func() (*index.Index, error) {
		return openEngine(ctx, cfg, log)
	})
	var stopped *stoppedError
	if errors.As(err, &stopped) {
		return fmt.Errorf("serve: %w", err)
	}
	if err != nil {
		return err
	}
	defer ix.Close()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/")
	return serveUntilDone(ctx, ln, server.New(ix, server.Options{Logger: log}), log)
}

// serveUntilDone serves h on ln until ctx is cancelled, then stops accepting
// and waits up to shutdownTimeout for the requests in flight to finish.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := server.HTTPServer(ln.Addr().String(), h, log)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// openEngine opens the index the flags ask for. It stops with ctx's
// error when ctx ends while it loads the corpus or indexes it.
func openEngine(ctx context.Context, cfg serveConfig, log *slog.Logger) (*index.Index, error) {
	opts := index.Options{Synonyms: cfg.Synonyms}
	if cfg.Index != "" {
		ix, err := index.OpenContext(ctx, cfg.Index, opts)
		if err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
		return ix, nil
	}
	if cfg.Corpus == "" {
		ix, err := collection.Open(opts)
		if err == nil {
			log.Info("opened the embedded collection", "reports", len(ix.Reports()), "passages", ix.Len())
			return ix, nil
		}
		log.Warn("the embedded index cannot be used; indexing the embedded reports", "err", err)
	}
	log.Info("loading", "corpus", cmp.Or(cfg.Corpus, "(embedded)"))
	reports, err := loadReports(ctx, cfg.Corpus)
	if err != nil && len(reports) == 0 {
		return nil, fmt.Errorf("serve: %w", err)
	}
	if err != nil {
		log.Warn("some reports were skipped", "err", err)
	}
	start := time.Now()
	log.Info("indexing", "reports", len(reports))
	ix, err := index.New(ctx, reports, opts)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	log.Info("indexed", "reports", len(reports), "duration", time.Since(start).Round(time.Millisecond))
	return ix, nil
}
