package server

import (
	"fmt"
	"net/http"
	"runtime/debug"
	"time"
)

// HTTP request limits. Every route is a GET with its state in the URL, so a
// long URL or any sizeable body is a client mistake. The limits on a
// search's parameters are index.Request's (index.MaxQueryRunes …).
const (
	maxURLBytes   = 4096
	maxBodyBytes  = 1 << 10
	maxValueBytes = 100 // bytes in one value of a repeatable parameter
)

// Content security policies: pages load only their own scripts, styles and
// images; the API's JSON may not load anything.
const (
	pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	apiCSP  = "default-src 'none'; frame-ancestors 'none'"
)

// statusWriter records the status and size of a response for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// accessLog logs one line per request: method, path, status, bytes, duration.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.log.Info("request",
			"method", r.Method,
			"path", r.URL.Path,
			"query", truncate(r.URL.RawQuery, 200),
			"status", sw.status,
			"bytes", sw.bytes,
			"duration", time.Since(start),
		)
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// recoverPanics turns a panic in a handler into a logged 500.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			s.serveError(w, r, errPanic)
		}()
		next.ServeHTTP(w, r)
	})
}

// secureHeaders sets the security headers, and CORS for the API: its data is
// public and read-only, so any origin may GET it.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if !isAPI(r.URL.Path) {
			h.Set("Content-Security-Policy", pageCSP)
			next.ServeHTTP(w, r)
			return
		}
		h.Set("Content-Security-Policy", apiCSP)
		h.Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Accept, Content-Type")
			h.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitRequests answers 413 to an overlong URL or a request with a body
// larger than maxBodyBytes, and caps what a handler could read of any body.
func (s *Server) limitRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.RequestURI) > maxURLBytes || len(r.URL.RawQuery) > maxURLBytes {
			s.serveError(w, r, errURLTooLong)
			return
		}
		if r.ContentLength > maxBodyBytes {
			s.serveError(w, r, errBodyTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		next.ServeHTTP(w, r)
	})
}
