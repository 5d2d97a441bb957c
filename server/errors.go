package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"reportsearch/index"
)

// Error codes of the JSON API's {"error":{"code","message"}}.
const (
	codeBadRequest       = "bad_request"        // a parameter is malformed or out of range
	codeInvalidQuery     = "invalid_query"      // the engine rejected the query
	codeNotFound         = "not_found"          // no such route or bullet
	codeMethodNotAllowed = "method_not_allowed" // only GET and HEAD are served
	codeTooLarge         = "request_too_large"  // URL or body too long
	codeUnavailable      = "unavailable"        // the search took too long
	codeInternal         = "internal"           // our fault, logged
)

// Error is an error with the HTTP status and API code it is answered with.
// Handlers return it for what the client did wrong; anything else is a 500.
type Error struct {
	Status  int
	Code    string
	Message string // shown to the client, in English ("size: must be between 1 and 100, got 0")
	Param   string // the query parameter at fault ("size"); "" when none is
	// Reason is the fault without the parameter's name ("must be between 1
	// and 100, got 0"), for the Chinese page's message; "" when Message is all.
	Reason string
}

func (e *Error) Error() string { return e.Message }

// badParam reports a bad query parameter: 400 naming the parameter.
func badParam(param, format string, args ...any) error {
	reason := fmt.Sprintf(format, args...)
	return &Error{Status: http.StatusBadRequest, Code: codeBadRequest, Message: param + ": " + reason, Param: param, Reason: reason}
}

func notFound(format string, args ...any) error {
	return &Error{Status: http.StatusNotFound, Code: codeNotFound, Message: fmt.Sprintf(format, args...)}
}

var (
	errRouteNotFound = &Error{Status: http.StatusNotFound, Code: codeNotFound, Message: "no such page"}
	errMethod        = &Error{Status: http.StatusMethodNotAllowed, Code: codeMethodNotAllowed, Message: "only GET and HEAD are allowed"}
	errURLTooLong    = &Error{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge, Message: fmt.Sprintf("the URL is longer than %d bytes", maxURLBytes)}
	errBodyTooLarge  = &Error{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge, Message: fmt.Sprintf("request bodies are limited to %d bytes", maxBodyBytes)}
	errPanic         = errors.New("panic")
)

// toError translates any handler error into an *Error: the one place where
// errors become statuses.
func toError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if errors.Is(err, index.ErrNotFound) {
		return &Error{Status: http.StatusNotFound, Code: codeNotFound, Message: err.Error()}
	}
	var qe *index.QueryError
	if errors.As(err, &qe) {
		code := codeInvalidQuery
		if qe.Param != "q" {
			code = codeBadRequest
		}
		return &Error{Status: http.StatusBadRequest, Code: code, Message: qe.Error(), Param: qe.Param, Reason: qe.Message}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &Error{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: "the search took too long; try fewer words or filters"}
	}
	return &Error{Status: http.StatusInternalServerError, Code: codeInternal, Message: "internal error"}
}

// logError logs err if it is the server's fault (5xx) and not a client that
// went away.
func (s *Server) logError(r *http.Request, err error, e *Error) {
	if e.Status < 500 || errors.Is(err, context.Canceled) {
		return
	}
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", e.Status, "err", err)
}

// isAPI tells whether a path is answered in JSON rather than HTML.
func isAPI(path string) bool {
	return strings.HasPrefix(path, "/api/") || path == "/api" || path == "/healthz"
}

// serveError answers err in the format the path calls for.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	e := toError(err)
	s.logError(r, err, e)
	if isAPI(r.URL.Path) {
		writeJSONError(w, e)
		return
	}
	s.writePageError(w, r, e)
}

type errorBody struct {
	Error errorJSON `json:"error"`
}

type errorJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Param   string `json:"param,omitempty"` // the query parameter at fault, when one is
	Hint    string `json:"hint"`            // for a reader, in Chinese: what went wrong and what to do (readerMessage)
}

func writeJSONError(w http.ResponseWriter, e *Error) {
	if e.Status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
	}
	writeJSON(w, e.Status, errorBody{errorJSON{Code: e.Code, Message: display(e.Message), Param: display(e.Param), Hint: readerMessage(e)}})
}

// writePageError renders the HTML error page; if that fails it falls back to
// a fixed page.
func (s *Server) writePageError(w http.ResponseWriter, r *http.Request, e *Error) {
	if e.Status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", "GET, HEAD")
	}
	p := errorPage{basePage: s.base(errorTitle(e.Status)), Status: e.Status, Message: readerMessage(e)}
	if e.Status == http.StatusBadRequest {
		p.Detail = display(e.Message)
		// the header's search box holds the query, ready to be mended
		if v, err := url.ParseQuery(r.URL.RawQuery); err == nil && len(v["q"]) == 1 && checkText("q", v["q"][0]) == nil {
			p.Query = display(strings.TrimSpace(v["q"][0]))
		}
	}
	var buf bytes.Buffer
	if err := s.pages["error"].ExecuteTemplate(&buf, "base", p); err != nil {
		s.log.Error("rendering error page", "err", err)
		buf.Reset()
		buf.WriteString(fallbackErrorPage)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(e.Status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

const fallbackErrorPage = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>出错了</title><p>出错了，请稍后再试。<a href="/">返回首页</a></p></html>`

func errorTitle(status int) string {
	switch status {
	case http.StatusNotFound:
		return "找不到页面"
	case http.StatusBadRequest:
		return "请求有误"
	case http.StatusMethodNotAllowed:
		return "不支持的请求方法"
	case http.StatusRequestEntityTooLarge:
		return "请求太长"
	case http.StatusServiceUnavailable:
		return "服务繁忙"
	}
	return "服务器出错"
}
