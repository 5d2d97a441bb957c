package server

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
)

// HTTP caching. An index does not change while it is served, so every
// answer of a GET is a function of the index, the binary (templates,
// scripts, this document) and the request's URL (with its host, which the
// CSV's links name): its ETag is a hash of the three. Clients and shared caches may keep a 200 answer for cacheMaxAge
// and then revalidate it with If-None-Match, answered 304 while neither the
// index nor the binary changed. Errors are not cached. /healthz is live,
// and /static has its own versioned caching.

// cacheControl is the Cache-Control of a cacheable answer.
const cacheControl = "public, max-age=60"

// Fingerprinter is implemented by an Engine that can name the index it
// serves: a string that changes whenever the indexed content does (a hash of
// its build). Without it, the server's start time stands in for it, so an
// index swapped under a restart is never mistaken for the old one.
type Fingerprinter interface {
	Fingerprint() string
}

// identity is what every ETag of s hashes besides the request: the index's
// fingerprint (or the start time) and the hash of the embedded files.
func (s *Server) identity() string {
	h := sha256.New()
	if f, ok := s.engine.(Fingerprinter); ok {
		h.Write([]byte("index " + f.Fingerprint() + "\n"))
	} else {
		h.Write([]byte("started " + strconv.FormatInt(s.started.UnixNano(), 10) + "\n"))
	}
	for _, fsys := range []fs.FS{templateFS, staticFS} {
		fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, path)
			if err != nil {
				return err
			}
			h.Write([]byte(path + "\n"))
			h.Write(b)
			return nil
		})
	}
	h.Write(openAPIDoc)
	return hex.EncodeToString(h.Sum(nil))
}

// etag is the weak ETag of r's answer: weak, because the same answer is
// sent gzipped or not. The host and scheme count, as the CSV's links are
// built on them.
func (s *Server) etag(r *http.Request) string {
	sum := sha256.Sum256([]byte(s.ident + "\n" + siteURL(r) + "\n" + r.URL.Path + "?" + r.URL.RawQuery))
	return `W/"` + hex.EncodeToString(sum[:12]) + `"`
}

// cacheable tells whether the answers of path may be cached and revalidated.
func cacheable(path string) bool {
	return path != "/healthz" && !strings.HasPrefix(path, "/static/") && path != "/favicon.ico"
}

// conditional answers 304 to a GET or HEAD whose If-None-Match names the
// current ETag of its URL, and gives every 200 answer that ETag and
// cacheControl.
func (s *Server) conditional(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || !cacheable(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		tag := s.etag(r)
		if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatches(inm, tag) {
			h := w.Header()
			h.Set("ETag", tag)
			h.Set("Cache-Control", cacheControl)
			h.Set("Vary", "Accept-Encoding")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		next.ServeHTTP(&cacheWriter{ResponseWriter: w, tag: tag}, r)
	})
}

// etagMatches implements If-None-Match's weak comparison: any listed tag,
// W/ or not, or *.
func etagMatches(header, tag string) bool {
	bare := strings.TrimPrefix(tag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == bare {
			return true
		}
	}
	return false
}

// cacheWriter adds the ETag and Cache-Control to a 200 answer as its
// header is written.
type cacheWriter struct {
	http.ResponseWriter
	tag         string
	wroteHeader bool
}

func (w *cacheWriter) WriteHeader(status int) {
	if !w.wroteHeader {
		w.wroteHeader = true
		if status == http.StatusOK {
			h := w.Header()
			h.Set("ETag", w.tag)
			h.Set("Cache-Control", cacheControl)
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *cacheWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *cacheWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
