package server

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/klauspost/compress/gzhttp"
)

// routes is the whole route table.
func (s *Server) routes() http.Handler {
	r := mux.NewRouter()
	r.StrictSlash(false)
	// Dot segments are not cleaned into a redirect (/api/bullets/..%2Fx
	// → 301 /x): a path that is not a route is a 404.
	r.SkipClean(true)
	get := []string{http.MethodGet, http.MethodHead}

	// JSON API.
	r.Handle("/healthz", s.handle(s.handleHealth)).Methods(get...)
	r.Handle("/api/search", s.handle(s.handleAPISearch)).Methods(get...)
	r.Handle("/api/bullets/{id}", s.handle(s.handleAPIBullet)).Methods(get...)
	r.Handle("/api/sections", s.handle(s.handleAPISections)).Methods(get...)
	r.Handle("/api/reports", s.handle(s.handleAPIReports)).Methods(get...)
	r.Handle("/api/metrics", s.handle(s.handleAPIMetrics)).Methods(get...)
	r.Handle("/api/series", s.handle(s.handleAPISeries)).Methods(get...)
	r.Handle("/api/openapi.json", s.handle(s.handleOpenAPI)).Methods(get...)

	// Pages.
	r.Handle("/", s.handle(s.handleSearchPage)).Methods(get...)
	r.Handle("/search", s.handle(s.handleSearchPage)).Methods(get...)
	r.Handle("/b/{id}", s.handle(s.handleBulletPage)).Methods(get...)
	r.Handle("/r/{report}", s.handle(s.handleReportPage)).Methods(get...)
	r.Handle("/figures", s.handle(s.handleFiguresPage)).Methods(get...)
	r.Handle("/series", s.handle(s.handleSeriesPage)).Methods(get...)
	r.Handle("/static/{name}", s.handle(s.handleStatic)).Methods(get...)
	r.Handle("/favicon.ico", s.handle(s.handleFavicon)).Methods(get...)

	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serveError(w, r, errRouteNotFound)
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serveError(w, r, errMethod)
	})

	return s.accessLog(gzipped(s.recoverPanics(secureHeaders(s.limitRequests(s.conditional(r))))))
}

// gzipped compresses answers of at least gzhttp's minimum size (1 kB) for
// clients that accept gzip: pages, JSON and CSV alike. It adds Vary:
// Accept-Encoding, and leaves the weak ETags as they are.
func gzipped(next http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper()
	if err != nil {
		panic(err) // the default options are valid
	}
	return wrap(next)
}

// handle adapts a handler that returns an error: the error is answered by
// serveError, as JSON under /api and as the HTML error page elsewhere.
func (s *Server) handle(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}
