// Package server serves reportsearch over HTTP: the JSON search API under
// /api, the server-rendered search, bullet and figures pages, and their
// embedded static assets.
//
// All routes are in routes.go. Handlers return errors, which serveError
// (errors.go) turns into responses in one place: JSON under /api, an HTML
// error page elsewhere.
package server

import (
	"context"
	"encoding/json"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"reportsearch/corpus"
	"reportsearch/index"
)

// Engine is what the server needs from a search index. *index.Index
// implements it; tests may use a fake.
type Engine interface {
	// Search runs a request; errors a client caused are *index.QueryError.
	Search(ctx context.Context, req index.Request) (*index.Result, error)
	// Bullet finds a bullet by key ("report:SS-NN", or "SS-NN" with one
	// report); index.ErrNotFound if there is none.
	Bullet(key string) (corpus.Bullet, error)
	// Neighbours returns up to n bullets before and after key in report
	// order; index.ErrNotFound if there is no such bullet.
	Neighbours(ctx context.Context, key string, n int) (before, after []corpus.Bullet, err error)
	// Suggest returns up to n words of the index close to what q types,
	// for a search that found nothing (index.Index.Suggest).
	Suggest(ctx context.Context, q string, n int) []string
	// Reports lists the report ids.
	Reports() []string
	// Sections lists every report's sections in report order, each with
	// its report.
	Sections() []index.SectionInfo
	// SectionKey resolves a section filter value ("report:id", or a bare id
	// with one report) to its key; false for no section.
	SectionKey(v string) (string, bool)
	// ReportInfos describes the reports, in index order.
	ReportInfos() []index.ReportInfo
	// ReportSections lists one report's sections in report order.
	ReportSections(report string) []index.SectionInfo
	// Kinds lists the metric kinds of every figure, sorted.
	Kinds() []string
	// Figures returns one page of the figures a filter selects, in report
	// order; a bad from or size is an *index.QueryError.
	Figures(ctx context.Context, f index.FigureFilter, from, size int) (*index.FigurePage, error)
	// FigureTotal is the number of figures a filter selects.
	FigureTotal(f index.FigureFilter) int
	// EachFigure calls fn with every figure a filter selects, in report
	// order, a batch of passages at a time, until ctx ends or fn fails.
	EachFigure(ctx context.Context, f index.FigureFilter, fn func(index.MetricRow) error) error
	// Series lines one figure up across reports; a bad request is an
	// *index.QueryError.
	Series(ctx context.Context, req index.SeriesRequest) (*index.Series, error)
}

// Options configure a Server.
type Options struct {
	// Logger receives the access log and server errors; nil discards them.
	Logger *slog.Logger
	// SearchTimeout bounds one search; 0 means 5 seconds.
	SearchTimeout time.Duration
}

// Server answers HTTP requests from one Engine. Create it with New.
type Server struct {
	engine  Engine
	log     *slog.Logger
	timeout time.Duration
	handler http.Handler
	pages   map[string]*template.Template // page name → its template set
	static  map[string]string             // static file name → "?v=" content hash
	started time.Time
	// ident is identity(): the index's fingerprint and the embedded
	// files' hash, the base of every ETag.
	ident string
	// kindsJSON is kindLabelsJSON, handed to every page's script.
	kindsJSON string

	examplesOnce sync.Once // computes examples, examplesJS
	examples     []string  // exampleQueries
	examplesJS   string    // examplesJSON

	browse        []facetView   // browseLinks, the same for every page
	browseReports []reportGroup // browseLinks' reports by level
	// collection names what is served, in every page's header.
	collection string
	// shortNames are the reports' short names by id.
	shortNames map[string]string
	// reportNamesJSON is shortNames as JSON when several reports are
	// served, "" with one.
	reportNamesJSON string
}

// New returns a Server for engine.
func New(engine Engine, opts Options) *Server {
	s := &Server{
		engine:    engine,
		log:       opts.Logger,
		timeout:   opts.SearchTimeout,
		started:   time.Now(),
		kindsJSON: kindLabelsJSON(),
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.timeout <= 0 {
		s.timeout = 5 * time.Second
	}
	s.collection, s.shortNames = describeCollection(engine.ReportInfos())
	if len(s.shortNames) > 1 {
		b, _ := json.Marshal(s.shortNames) // a map of strings always encodes
		s.reportNamesJSON = string(b)
	}
	s.static = staticVersions()
	s.ident = s.identity()
	s.browse, s.browseReports = s.browseLinks()
	s.pages = parsePages(s.templateFuncs())
	s.handler = s.routes()
	return s
}

// Handler returns the server's http.Handler: routes wrapped in the access
// log, gzip compression, panic recovery, security headers, request limits
// and conditional requests (ETag, 304).
func (s *Server) Handler() http.Handler { return s.handler }

// ServeHTTP makes a Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// HTTPServer returns an http.Server for h listening on addr, with the read,
// write and idle timeouts and header limit every public server needs.
func HTTPServer(addr string, h http.Handler, log *slog.Logger) *http.Server {
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadTimeout:       10 * time.Second,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	if log != nil {
		srv.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	}
	return srv
}
