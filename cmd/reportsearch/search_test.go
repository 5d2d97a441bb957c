package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"reportsearch/corpus"
	"reportsearch/index"
	"reportsearch/server"
)

func TestSearchCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"search", "--corpus", seedCorpus, "--size", "3", "招商", ">1000万元"}, &out, &errOut); err != nil {
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
	err := run(context.Background(), []string{"search", "--corpus", seedCorpus, "--json", "--section", "05", "--sort", "order", "老人"}, &out, &errOut)
	if err != nil {
		t.Fatalf("search --json: %v (%s)", err, errOut.String())
	}
	var res server.SearchResponse
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("search --json output is not a SearchResponse: %v\n%s", err, out.String())
	}
	if res.Total == 0 || len(res.Hits) == 0 || len(res.Facets.Section) == 0 {
		t.Fatalf("search --json: %+v", res)
	}
	for i, h := range res.Hits {
		if h.Section.ID != "05" || !strings.Contains(h.Highlight, "<mark>") {
			t.Errorf("hit %s: section %s, highlight %s", h.ID, h.Section.ID, h.Highlight)
		}
		if i > 0 && res.Hits[i-1].ID > h.ID {
			t.Errorf("--sort order: %s after %s", h.ID, res.Hits[i-1].ID)
		}
	}
}

// tookMS is the one field that differs between two runs of a search.
var tookMS = regexp.MustCompile(`"took_ms":[0-9.e+-]+`)

// TestSearchJSONIsAPIBody checks that search --json prints byte for byte
// what GET /api/search answers for the same query, apart from the time taken.
func TestSearchJSONIsAPIBody(t *testing.T) {
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.New(context.Background(), []*corpus.Report{r}, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	api := server.New(ix, server.Options{})
	for _, tc := range []struct {
		args   []string
		params url.Values
	}{
		{[]string{"养老"}, url.Values{"q": {"养老"}}},
		{[]string{"--section", "05", "--sort", "order", "老人"}, url.Values{"q": {"老人"}, "section": {"05"}, "sort": {"order"}}},
		{[]string{"--kind", "money", "--size", "3", "--from", "2", "企业"}, url.Values{"q": {"企业"}, "kind": {"money"}, "size": {"3"}, "from": {"2"}}},
		{[]string{"--kind", "money", "--sort", "-value"}, url.Values{"kind": {"money"}, "sort": {"-value"}}},
		{[]string{"招商", ">1000万元"}, url.Values{"q": {"招商 >1000万元"}}},
		{[]string{"财政收入", "火星"}, url.Values{"q": {"财政收入 火星"}}},  // partial
		{[]string{"xylophone"}, url.Values{"q": {"xylophone"}}}, // no hits
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), append([]string{"search", "--corpus", seedCorpus, "--json"}, tc.args...), &out, &errOut); err != nil {
			t.Fatalf("search --json %q: %v (%s)", tc.args, err, errOut.String())
		}
		w := httptest.NewRecorder()
		api.ServeHTTP(w, httptest.NewRequest("GET", "/api/search?"+tc.params.Encode(), nil))
		if w.Code != 200 {
			t.Fatalf("GET /api/search?%s: %d %s", tc.params.Encode(), w.Code, w.Body)
		}
		cli := tookMS.ReplaceAllString(out.String(), `"took_ms":0`)
		body := tookMS.ReplaceAllString(w.Body.String(), `"took_ms":0`)
		if cli != body {
			t.Errorf("search --json %q prints\n%s\nGET /api/search?%s answers\n%s", tc.args, cli, tc.params.Encode(), body)
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
	if err := run(context.Background(), []string{"index", "--corpus", seedCorpus, "--index", dir}, &out, &errOut); err != nil {
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

// Over the embedded collection, search prints each hit's report and takes
// the report filters.
func TestSearchCollectionFilters(t *testing.T) {
	var out, errOut bytes.Buffer
	args := []string{"search", "--level", "national", "--years", "1978-1990", "--size", "5", "粮食产量"}
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		t.Fatalf("run(%q) = %v (%s)", args, err, errOut.String())
	}
	s := out.String()
	hits := 0
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, ". national-") {
			hits++
			key := strings.Fields(line)[1]
			year, err := strconv.Atoi(strings.TrimPrefix(key, "national-")[:4])
			if err != nil || year < 1978 || year > 1990 || !strings.Contains(line, "国务院 · ") {
				t.Errorf("hit line %q; want a national report of 1978–1990 named by its short name", line)
			}
		} else if regexp.MustCompile(`^\d+\. `).MatchString(line) {
			t.Errorf("hit line %q outside the filters", line)
		}
	}
	if hits == 0 {
		t.Errorf("no hits:\n%s", s)
	}
	for _, bad := range [][]string{{"search", "--years", "1990-1978", "x"}, {"search", "--year", "x", "y"}, {"search", "--level", "county", "x"}} {
		if err := run(context.Background(), bad, &out, &errOut); err == nil {
			t.Errorf("run(%q) succeeded", bad)
		}
	}
}
