package server

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"reportsearch/corpus"
	"reportsearch/index"
)

//go:embed openapi.json
var openAPIDoc []byte

// writeJSON answers v as JSON (see encodeJSON), encoded before the headers
// are written so that an encoding error can still be answered with a proper
// status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error","hint":"服务器内部错误，请稍后再试。"}}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(b)
}

// query parses the raw query string strictly: a malformed one is a 400,
// where r.URL.Query would silently drop parts of it.
func query(r *http.Request) (url.Values, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, &Error{Status: http.StatusBadRequest, Code: codeBadRequest, Message: fmt.Sprintf("query string: malformed: %v", err), Reason: "malformed query string"}
	}
	return v, nil
}

// noParams refuses any query parameter, for the routes that take none.
func noParams(r *http.Request) error {
	v, err := query(r)
	if err != nil {
		return err
	}
	return allowOnly(v)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	reports := s.engine.Reports()
	if len(reports) == 0 {
		return &Error{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: "no report is indexed"}
	}
	writeJSON(w, http.StatusOK, healthJSON{Status: "ok", Reports: reports})
	return nil
}

// search runs req with the server's time limit.
func (s *Server) search(ctx context.Context, req index.Request) (*index.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	return s.engine.Search(ctx, req)
}

func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) error {
	v, err := query(r)
	if err != nil {
		return err
	}
	if err := allowOnly(v, searchParams...); err != nil {
		return err
	}
	req, _, err := s.parseSearch(v)
	if err != nil {
		return err
	}
	if req.From, err = intParam(v, "from", 0, 0, index.MaxFrom); err != nil {
		return err
	}
	if req.Size, err = intParam(v, "size", index.DefaultSize, 1, index.MaxSize); err != nil {
		return err
	}
	res, err := s.search(r.Context(), req)
	if err != nil {
		return err
	}
	out := NewSearchResponse(req, res)
	if res.Total == 0 {
		out.Suggestions = s.engine.Suggest(r.Context(), req.Query, maxSuggestions)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) lookupBullet(r *http.Request) (corpus.Bullet, error) {
	if isAPI(r.URL.Path) {
		if err := noParams(r); err != nil {
			return corpus.Bullet{}, err
		}
	}
	id := mux.Vars(r)["id"]
	if len(id) > 200 || !utf8.ValidString(id) {
		return corpus.Bullet{}, badParam("id", "not a bullet id")
	}
	b, err := s.engine.Bullet(id)
	if err != nil {
		return b, &bulletError{ID: id, Err: err}
	}
	return b, nil
}

// bulletError is an error looking bullet ID up; toError answers it 404
// when Err is index.ErrNotFound.
type bulletError struct {
	ID  string
	Err error
}

func (e *bulletError) Error() string {
	if errors.Is(e.Err, index.ErrNotFound) {
		return fmt.Sprintf("no bullet %q", e.ID)
	}
	return fmt.Sprintf("bullet %q: %v", e.ID, e.Err)
}

func (e *bulletError) Unwrap() error { return e.Err }

func (s *Server) handleAPIBullet(w http.ResponseWriter, r *http.Request) error {
	b, err := s.lookupBullet(r)
	if err != nil {
		return err
	}
	key := b.Key()
	before, after, err := s.engine.Neighbours(r.Context(), key, 2)
	if err != nil {
		return err
	}
	b = displayBullet(b)
	out := bulletJSON{
		ID:        key,
		Report:    b.Report,
		Section:   newSection(b.Section),
		Text:      b.Text,
		Truncated: b.Truncated,
		Metrics:   apiMetrics(b.Text, b.Metrics),
		Lines:     nonNil(b.Lines),
		Before:    []string{},
		After:     []string{},
		SeeAlso:   nearDupKeys(b),
	}
	for _, n := range before {
		out.Before = append(out.Before, n.Key())
	}
	for _, n := range after {
		out.After = append(out.After, n.Key())
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) handleAPISections(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	out := sectionsJSON{Reports: nonNil(s.engine.Reports()), Sections: []sectionJSON{}}
	for _, sec := range s.engine.Sections() {
		out.Sections = append(out.Sections, sectionJSON{
			Key: sec.Key(), Report: sec.Report, ID: sec.ID, Title: display(sec.Title),
			Parent: sec.Parent, Depth: sec.Depth, Passages: sec.Passages,
		})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// siteURL is "scheme://host" of the request when its Host is a plain host
// name or address with an optional port, else "" (links stay paths).
func siteURL(r *http.Request) string {
	host := r.Host
	if host == "" || len(host) > 255 || strings.ContainsFunc(host, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-:[]", c))
	}) {
		return ""
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + host
}

// textCell makes a text cell that a spreadsheet keeps as the same text, in
// LibreOffice Calc and Excel alike, without a formula:
//
//   - A cell that would start a formula (=, +, -, @, a tab or a carriage
//     return, or their full-width forms ＝ ＋ － ＠, which spreadsheets also
//     read as operators) gets a leading apostrophe, OWASP's advice against
//     CSV injection. The apostrophe shows, but such cells are rare and must
//     never run.
//   - A cell that is only digits and number punctuation ("01", "01-01",
//     "28.5%", "3:30") would be read as a number, date, time or percentage
//     (01 → 1, 01-01 → 1 January, 28.5% → 0.285). It gets a leading tab:
//     both read a field that starts with white space as text, and the tab
//     does not show. An apostrophe would show in both (it marks text only
//     when typed), and ="01-01" is a formula, which this file never holds.
//
// Checked with LibreOffice 7.4's CSV import, with and without "detect
// special numbers": "\t01-01", "\t01" and "\t28.5%" stay text, "'=1+1" and
// "＝1+1" are text, plain 01 becomes the number 1.
func textCell(s string) string {
	s = display(s)
	if s == "" {
		return s
	}
	first, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("=+-@\t\r＝＋－＠", first) {
		return "'" + s
	}
	if looksNumeric(s) {
		return "\t" + s
	}
	return s
}

// looksNumeric reports whether s holds only digits and the punctuation of
// numbers, dates, times and percentages, with at least one digit.
func looksNumeric(s string) bool {
	digit := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case strings.ContainsRune(".,:/%-+ eE", c):
		default:
			return false
		}
	}
	return digit
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPIDoc)
	return nil
}
