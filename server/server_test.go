package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"reportsearch/corpus"
	"reportsearch/index"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current responses")

var (
	realOnce sync.Once
	realIx   *index.Index
	realErr  error
)

// realIndex indexes the embedded report once for all tests.
func realIndex(t testing.TB) *index.Index {
	t.Helper()
	realOnce.Do(func() {
		var r *corpus.Report
		r, realErr = corpus.Default()
		if realErr != nil {
			return
		}
		realIx, realErr = index.New(context.Background(), []*corpus.Report{r}, index.Options{})
	})
	if realErr != nil {
		t.Fatalf("indexing the embedded report: %v", realErr)
	}
	return realIx
}

// newReal returns a handler over the real index and the buffer its log goes to.
func newReal(t testing.TB) (http.Handler, *syncBuffer) {
	t.Helper()
	var log syncBuffer
	s := New(realIndex(t), Options{Logger: slogTo(&log)})
	return s.Handler(), &log
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex // guards b
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// do sends one request to h.
func do(t testing.TB, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func get(t testing.TB, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	return do(t, h, http.MethodGet, target, nil)
}

// decode parses a JSON body into v, failing on unknown fields.
func decode(t testing.TB, body []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decoding %s: %v", truncate(string(body), 300), err)
	}
}

var tookRE = regexp.MustCompile(`"took_ms": [0-9.e+-]+`)

// normalize indents a JSON body, for goldens a person can read, and replaces
// what changes from run to run (the time a search took).
func normalize(body []byte) []byte {
	var buf bytes.Buffer
	if json.Valid(body) && json.Indent(&buf, body, "", "  ") == nil {
		body = buf.Bytes()
	}
	return tookRE.ReplaceAll(body, []byte(`"took_ms": 0`))
}

// checkGolden compares got with testdata/name.golden, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./server -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n%s", t.Name(), path, diffLines(string(want), string(got)))
	}
}

// diffLines shows the first lines where want and got differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < max(len(w), len(g)) && len(out) < 12; i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, "line "+strconv.Itoa(i+1)+":\n  want "+a+"\n  got  "+b)
		}
	}
	return strings.Join(out, "\n")
}

// fakeEngine is an Engine whose search fails, panics or answers as told, for
// the error paths the real index cannot be made to take.
type fakeEngine struct {
	search func(ctx context.Context, req index.Request) (*index.Result, error)
}

var fakeSection = corpus.Section{ID: "01", Title: "第一节"}

var fakeBullet = corpus.Bullet{
	ID: "01-01", Report: "fake", Section: fakeSection,
	Text: `税收<1亿元 & "增长" 5%`, Lines: []int{3},
	Metrics: []corpus.Metric{{Text: "1亿元", Value: 1, Unit: "亿元", Normalized: 1e8, BaseUnit: "元", Kind: "money", Label: "税收", Start: 7, End: 14}},
}

func (f *fakeEngine) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	return f.search(ctx, req)
}

func (f *fakeEngine) Bullet(key string) (corpus.Bullet, error) {
	if key == "fake:01-01" || key == "01-01" {
		return fakeBullet, nil
	}
	return corpus.Bullet{}, index.ErrNotFound
}

func (f *fakeEngine) Neighbours(ctx context.Context, key string, n int) (before, after []corpus.Bullet, err error) {
	return nil, nil, nil
}
func (f *fakeEngine) Suggest(ctx context.Context, q string, n int) []string { return nil }
func (f *fakeEngine) Kinds() []string                                       { return []string{"money"} }
func (f *fakeEngine) Reports() []string                                     { return []string{"fake"} }
func (f *fakeEngine) Sections() []index.SectionInfo {
	return []index.SectionInfo{{Report: "fake", Section: fakeSection, Passages: 1}}
}
func (f *fakeEngine) ReportSections(report string) []index.SectionInfo {
	if report != "fake" {
		return nil
	}
	return f.Sections()
}
func (f *fakeEngine) SectionKey(v string) (string, bool) {
	if v == "01" || v == "fake:01" {
		return "fake:01", true
	}
	return v, false
}
func (f *fakeEngine) ReportInfos() []index.ReportInfo {
	return []index.ReportInfo{{ID: "fake", Title: "假报告", Short: "假报告", Level: corpus.LevelTown, Region: "某镇", Year: 2023, Passages: 1}}
}

func (f *fakeEngine) Figures(ctx context.Context, ff index.FigureFilter, from, size int) (*index.FigurePage, error) {
	return nil, errors.New("metrics store is down")
}

func (f *fakeEngine) FigureTotal(ff index.FigureFilter) int { return 1 }

func (f *fakeEngine) EachFigure(ctx context.Context, ff index.FigureFilter, fn func(index.MetricRow) error) error {
	return errors.New("metrics store is down")
}

func (f *fakeEngine) Series(ctx context.Context, req index.SeriesRequest) (*index.Series, error) {
	return nil, errors.New("metrics store is down")
}

func newFake(search func(ctx context.Context, req index.Request) (*index.Result, error)) (http.Handler, *syncBuffer) {
	var log syncBuffer
	s := New(&fakeEngine{search: search}, Options{Logger: slogTo(&log)})
	return s.Handler(), &log
}

func slogTo(w *syncBuffer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
