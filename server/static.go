package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"time"

	"github.com/gorilla/mux"
)

//go:embed static
var staticFS embed.FS

// staticVersions hashes every static file: pages link to /static/NAME?v=HASH,
// so the files can be cached for long and still change with the binary.
func staticVersions() map[string]string {
	out := make(map[string]string)
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	for _, e := range entries {
		b, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		out[e.Name()] = hex.EncodeToString(sum[:6])
	}
	return out
}

// staticURL is the versioned URL of a static file, for templates.
func (s *Server) staticURL(name string) string {
	return "/static/" + name + "?v=" + s.static[name]
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) error {
	name := mux.Vars(r)["name"]
	if _, ok := s.static[name]; !ok {
		return notFound("no static file %q", name)
	}
	b, err := staticFS.ReadFile(path.Join("static", name))
	if err != nil {
		return err
	}
	if r.URL.Query().Get("v") == s.static[name] {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	http.ServeContent(w, r, name, s.started, bytes.NewReader(b))
	return nil
}

// handleFavicon answers browsers' automatic request with the SVG icon.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) error {
	b, err := staticFS.ReadFile("static/icon.svg")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(w, r, "icon.svg", time.Time{}, bytes.NewReader(b))
	return nil
}
