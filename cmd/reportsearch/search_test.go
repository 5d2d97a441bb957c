package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"reportsearch/index"
)

func TestSearchCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"search", "--size", "3", "招商", ">1000万元"}, &out, &errOut); err != nil {
		t.Fatalf("search: %v (%s)", err, errOut.String())
	}
	got := out.String()
	for _, want := range []string{"1 hits", "02-07", "[招商]", "[2.76亿元]"} {
		if !strings.Contains(got, want) {
			t.Errorf("search output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<mark>") || strings.Contains(got, "\x1b[") {
		t.Errorf("search output to a pipe has HTML or ANSI marks:\n%s", got)
	}
}

func TestSearchCommandJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"search", "--json", "--section", "05", "--sort", "order", "老人"}, &out, &errOut)
	if err != nil {
		t.Fatalf("search --json: %v (%s)", err, errOut.String())
	}
	var res index.Result
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("search --json output is not a Result: %v\n%s", err, out.String())
	}
	if res.Total == 0 || len(res.Hits) == 0 || len(res.Facets.Sections) == 0 {
		t.Fatalf("search --json: %+v", res)
	}
	for i, h := range res.Hits {
		if h.Bullet.Section.ID != "05" || len(h.Spans) == 0 {
			t.Errorf("hit %s: section %s, spans %v", h.Bullet.ID, h.Bullet.Section.ID, h.Spans)
		}
		if i > 0 && res.Hits[i-1].Bullet.ID > h.Bullet.ID {
			t.Errorf("--sort order: %s after %s", h.Bullet.ID, res.Hits[i-1].Bullet.ID)
		}
	}
}

func TestSearchCommandErrors(t *testing.T) {
	for _, args := range [][]string{
		{"search", "--size", "1000", "招商"},
		{"search", "--sort", "best", "招商"},
		{"search", "--corpus", "a", "--index", "b", "招商"},
		{"search", "--index", filepath.Join(t.TempDir(), "none"), "招商"},
		{"search", "--nosuchflag"},
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), args, &out, &errOut); err == nil {
			t.Errorf("run(%q) succeeded: %s", args, out.String())
		}
	}
}

func TestIndexCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"index", "--index", dir}, &out, &errOut); err != nil {
		t.Fatalf("index: %v (%s)", err, errOut.String())
	}
	if !strings.Contains(out.String(), "indexed 104 bullets of 1 reports") {
		t.Errorf("index summary = %q", out.String())
	}
	if strings.Contains(errOut.String(), "indexing [") {
		t.Errorf("progress bar drawn on a pipe: %q", errOut.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"search", "--index", dir, `"口袋公园"`}, &out, &errOut); err != nil {
		t.Fatalf("search --index: %v", err)
	}
	if !strings.Contains(out.String(), "03-06") || !strings.Contains(out.String(), "[口袋公园]") {
		t.Errorf("search --index output:\n%s", out.String())
	}
	if err := run(context.Background(), []string{"index"}, &out, &errOut); err == nil {
		t.Error("index without --index succeeded")
	}
}

func TestTerminalMarks(t *testing.T) {
	const T, R = index.SpanTyped, index.SpanRelated
	tests := []struct {
		text        string
		spans       []index.Span
		plain, term string
	}{
		{"a&b<c", []index.Span{{Start: 1, End: 3, Kind: T}}, "a[&b]<c", "a\x1b[1;33m&b\x1b[0m<c"},
		{"xyz", []index.Span{{Start: 0, End: 1, Kind: T}, {Start: 1, End: 2, Kind: R}}, "[xy]z", "\x1b[1;33mx\x1b[0m\x1b[33my\x1b[0mz"},
		{"xyz", []index.Span{{Start: 2, End: 3, Kind: R}, {Start: 0, End: 1, Kind: T}, {Start: 1, End: 9, Kind: T}}, "xy[z]", "xy\x1b[33mz\x1b[0m"},
		{"xyz", nil, "xyz", "xyz"},
	}
	for _, tt := range tests {
		if got := terminalMarks(tt.text, tt.spans, false); got != tt.plain {
			t.Errorf("terminalMarks(%q, %v) = %q; want %q", tt.text, tt.spans, got, tt.plain)
		}
		if got := terminalMarks(tt.text, tt.spans, true); got != tt.term {
			t.Errorf("terminalMarks(%q, %v, term) = %q; want %q", tt.text, tt.spans, got, tt.term)
		}
	}
}
