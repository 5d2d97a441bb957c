package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"reportsearch/corpus"
)

func TestBuildOpen(t *testing.T) {
	mem, r := reportIndex(t)
	dir := filepath.Join(t.TempDir(), "idx")
	var calls, last int
	err := Build(context.Background(), []*corpus.Report{r}, dir, Options{BatchSize: 10}, func(done, total int) {
		calls++
		if done < last || total != len(r.Bullets) {
			t.Errorf("progress(%d, %d) after %d", done, total, last)
		}
		last = done
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != len(r.Bullets) || calls < len(r.Bullets)/10 {
		t.Errorf("progress: %d calls, last %d; want about %d calls ending at %d", calls, last, len(r.Bullets)/10, len(r.Bullets))
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("after Build the parent holds %d entries; want only the index", len(entries))
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "招商 >1000万元", "老人", `"口袋公园"`, "养老 火箭"} {
		req := Request{Query: q, Size: 100}
		a := mustSearch(t, mem, req)
		b := mustSearch(t, ix, req)
		if !slices.Equal(ids(a), ids(b)) || a.Total != b.Total || a.Partial != b.Partial {
			t.Errorf("Search(%q): on disk %v, in memory %v", q, ids(b), ids(a))
		}
		for i := range a.Hits {
			if !slices.Equal(a.Hits[i].Spans, b.Hits[i].Spans) {
				t.Errorf("Search(%q) hit %d spans differ: %v vs %v", q, i, b.Hits[i].Spans, a.Hits[i].Spans)
			}
		}
	}
	if b, err := ix.Bullet("05-18"); err != nil || b.Text == "" {
		t.Errorf("on disk Bullet(05-18) = %v, %v", b, err)
	}
	if before, after, err := ix.Neighbours(context.Background(), "05-18", 1); err != nil || len(before) != 1 || len(after) != 1 {
		t.Errorf("on disk Neighbours = %v, %v, %v", before, after, err)
	}
	if got := ix.Sections(); len(got) != len(r.Sections) {
		t.Errorf("on disk Sections() = %v", got)
	}
	// A second reader may open it too.
	ix2, err := Open(dir, Options{})
	if err != nil {
		t.Errorf("second read-only Open: %v", err)
	} else {
		ix2.Close()
	}
	ix.Close()

	// Rebuilding replaces the index.
	if err := Build(context.Background(), []*corpus.Report{firstBullets(r, 5)}, dir, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if res := mustSearch(t, ix, Request{Size: 100}); res.Total != 5 {
		t.Errorf("rebuilt index has %d bullets; want 5", res.Total)
	}
}

func TestBuildCancelledKeepsOldIndex(t *testing.T) {
	_, r := reportIndex(t)
	dir := filepath.Join(t.TempDir(), "idx")
	buildSmall(t, r, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Build(ctx, []*corpus.Report{r}, dir, Options{BatchSize: 1}, nil); err == nil {
		t.Fatal("Build with a cancelled context succeeded")
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if res := mustSearch(t, ix, Request{}); res.Total != 3 {
		t.Errorf("after a cancelled build the index has %d bullets; want the old 3", res.Total)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("a cancelled build left %d entries; want only the index", len(entries))
	}
}

func TestBuildRefusesOtherFolders(t *testing.T) {
	_, r := reportIndex(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	err := Build(context.Background(), []*corpus.Report{r}, dir, Options{}, nil)
	if err == nil || !strings.Contains(err.Error(), "not an index") {
		t.Errorf("Build over a folder of notes: %v; want a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("the folder's file is gone: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	tmp := t.TempDir()
	corrupt := filepath.Join(tmp, "corrupt")
	os.MkdirAll(filepath.Join(corrupt, "store"), 0o755)
	os.WriteFile(filepath.Join(corrupt, "index_meta.json"), []byte(`{"storage":"scorch","index_type":"scorch"}`), 0o644)
	os.WriteFile(filepath.Join(corrupt, "store", "root.bolt"), []byte("not a bolt file at all, just text"), 0o644)
	garbage := filepath.Join(tmp, "garbage")
	os.MkdirAll(garbage, 0o755)
	os.WriteFile(filepath.Join(garbage, "index_meta.json"), []byte("{{{"), 0o644)
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, tt := range []struct{ dir, want string }{
		{filepath.Join(tmp, "missing"), "does not exist"},
		{tmp, "not an index"},
		{file, "not a folder"},
		{corrupt, "store/root.bolt is damaged"},
		{garbage, "index_meta.json is damaged"},
	} {
		ix, err := Open(tt.dir, Options{})
		if err == nil {
			ix.Close()
			t.Errorf("Open(%s) succeeded", tt.dir)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(%s) = %v; want %q", tt.dir, err, tt.want)
		}
	}
}

func TestOpenLockedFailsFast(t *testing.T) {
	_, r := reportIndex(t)
	dir := filepath.Join(t.TempDir(), "idx")
	buildSmall(t, r, dir)
	w, err := bleve.Open(dir) // a writer holds the lock
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	start := time.Now()
	ix, err := Open(dir, Options{OpenTimeout: 200 * time.Millisecond})
	if err == nil {
		ix.Close()
		t.Fatal("Open of a locked index succeeded")
	}
	if !strings.Contains(err.Error(), "locked") || time.Since(start) > 5*time.Second {
		t.Errorf("Open of a locked index = %v after %v; want a quick lock error", err, time.Since(start))
	}
}

func TestTwoReports(t *testing.T) {
	_, r := reportIndex(t)
	a, b := *r, *r
	a.ID, b.ID = "town-a", "town-b"
	a.Bullets = slices.Clone(r.Bullets[:10])
	b.Bullets = slices.Clone(r.Bullets[:4])
	for i := range a.Bullets {
		a.Bullets[i].Report = a.ID
	}
	for i := range b.Bullets {
		b.Bullets[i].Report = b.ID
	}
	ix, err := New(context.Background(), []*corpus.Report{&a, &b}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := ix.Reports(); !slices.Equal(got, []string{"town-a", "town-b"}) {
		t.Errorf("Reports() = %v", got)
	}
	id := r.Bullets[1].ID
	if _, err := ix.Bullet(id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Bullet(%s) with two reports: %v; want ErrNotFound (a report-qualified key is needed)", id, err)
	}
	if got, err := ix.Bullet("town-b:" + id); err != nil || got.Report != "town-b" {
		t.Errorf("Bullet(town-b:%s) = %v, %v", id, got, err)
	}
	res := mustSearch(t, ix, Request{Size: 100})
	if res.Total != 14 || res.Hits[9].Bullet.Report != "town-a" || res.Hits[10].Bullet.Report != "town-b" || res.Hits[10].Bullet.Order != 0 {
		t.Errorf("browse: total %d, hits %v", res.Total, ids(res))
	}
	res = mustSearch(t, ix, Request{Reports: []string{"town-b"}, Size: 100})
	if res.Total != 4 {
		t.Errorf("report filter: %d hits; want 4", res.Total)
	}
	before, after, err := ix.Neighbours(context.Background(), "town-b:"+b.Bullets[0].ID, 3)
	if err != nil || len(before) != 0 || len(after) != 3 || after[0].Report != "town-b" {
		t.Errorf("Neighbours at a report's start = %v, %v", before, after)
	}
}

func TestSynonymsFile(t *testing.T) {
	_, r := reportIndex(t)
	path := filepath.Join(t.TempDir(), "syn.txt")
	os.WriteFile(path, []byte("# ours\n火箭 => 赛艇\n"), 0o644)
	ix, err := New(context.Background(), []*corpus.Report{r}, Options{Synonyms: path})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res := mustSearch(t, ix, Request{Query: "火箭"})
	// 赛艇 stands in for 火箭: a related match, not a full one
	if res.Total == 0 || !strings.Contains(res.Hits[0].Bullet.Text, "赛艇") || !res.Partial || !slices.Equal(res.Hits[0].Missing, []string{"火箭"}) {
		t.Errorf("Search(火箭) with 火箭 => 赛艇: %v", ids(res))
	}
	if _, err := New(context.Background(), []*corpus.Report{r}, Options{Synonyms: filepath.Join(t.TempDir(), "missing.txt")}); err == nil {
		t.Error("New with a missing synonyms file succeeded")
	}
}

// firstBullets is r with only its first n bullets: a small, different index.
func firstBullets(r *corpus.Report, n int) *corpus.Report {
	small := *r
	small.Bullets = r.Bullets[:n]
	return &small
}

// buildSmall builds an on-disk index of r's first 3 bullets in dir.
func buildSmall(t *testing.T, r *corpus.Report, dir string) {
	t.Helper()
	if err := Build(context.Background(), []*corpus.Report{firstBullets(r, 3)}, dir, Options{}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestHarvestInOrder checks that harvest, which reads runs of bullets in
// parallel, returns the terms a single pass finds, in the same order.
func TestHarvestInOrder(t *testing.T) {
	rep, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	var reports []*corpus.Report
	var all []corpus.Bullet
	for r := range 3 {
		x := &corpus.Report{ID: fmt.Sprintf("r%d", r)}
		for i := range 9000 {
			b := rep.Bullets[i%len(rep.Bullets)]
			// a new quoted name every 7 bullets, some seen again later
			b.Text = fmt.Sprintf("推进“项目%d”和《规划%d》。", (r*9000+i)/7, i%500) + b.Text
			x.Bullets = append(x.Bullets, b)
		}
		reports = append(reports, x)
		all = append(all, x.Bullets...)
	}
	want := harvestBullets(all)
	if len(want) < 4000 {
		t.Fatalf("only %d terms in the reference: the test corpus is too small", len(want))
	}
	if got := harvest(reports); !slices.Equal(got, want) {
		t.Fatalf("harvest: %d terms, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
