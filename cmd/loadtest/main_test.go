package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestCheckLoopback(t *testing.T) {
	for host, ok := range map[string]bool{
		"127.0.0.1": true, "127.3.4.5": true, "::1": true, "localhost": true,
		"10.0.0.1": false, "192.168.1.1": false, "8.8.8.8": false, "example.com": false, "": false,
	} {
		if err := checkLoopback(host); (err == nil) != ok {
			t.Errorf("checkLoopback(%q) = %v; want ok=%v", host, err, ok)
		}
	}
}

// TestRunCountsStatuses runs a small load against a fake server that fails
// one path, and checks the report counts what the server answered.
func TestRunCountsStatuses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/healthz":
			w.WriteHeader(http.StatusInternalServerError)
		case strings.HasPrefix(r.URL.Path, "/api/search") && r.URL.Query().Get("size") == "-1":
			w.WriteHeader(http.StatusBadRequest)
		default:
			w.Write([]byte("ok"))
		}
	}))
	defer srv.Close()

	n := 0
	for _, m := range mix {
		n += m.weight
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-url", srv.URL, "-n", strconv.Itoa(n), "-c", "4", "-warmup", "0"}, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	// One full cycle of the mix: exactly one /healthz (500) and one size=-1 (400).
	if !regexp.MustCompile(`(?m)^requests: ` + strconv.Itoa(n) + ` in`).MatchString(got) {
		t.Errorf("report does not count %d requests:\n%s", n, got)
	}
	if !strings.Contains(got, "400:1 ") || !strings.Contains(got, "500:1") {
		t.Errorf("report status counts wrong:\n%s", got)
	}
	if !strings.Contains(got, "5xx: 1, connection errors: 0") {
		t.Errorf("report 5xx/errors wrong:\n%s", got)
	}
}

func TestRunRefusesRemote(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"-url", "http://192.168.0.10:8080", "-n", "1"}, &out)
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("run against a remote host: err = %v; want a loopback refusal", err)
	}
}
