package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"reportsearch/corpus"
)

// TestBuildStreamSameAsBuild builds the report from a stream and from
// memory: the same description, dictionary and answers.
func TestBuildStreamSameAsBuild(t *testing.T) {
	_, r := reportIndex(t)
	reports := []*corpus.Report{r}
	tmp := t.TempDir()
	memDir, streamDir := filepath.Join(tmp, "mem"), filepath.Join(tmp, "stream")
	if err := Build(context.Background(), reports, memDir, Options{BatchSize: 7}, nil); err != nil {
		t.Fatal(err)
	}
	var calls, last, total int
	err := BuildStream(context.Background(), reportBullets(reports), streamDir, Options{BatchSize: 7}, func(done, all int) {
		calls++
		last, total = done, all
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != len(r.Bullets) || total != len(r.Bullets) || calls != (len(r.Bullets)+6)/7 {
		t.Errorf("progress: %d calls, last (%d, %d); want %d calls, last (%d, %d)",
			calls, last, total, (len(r.Bullets)+6)/7, len(r.Bullets), len(r.Bullets))
	}
	a, err := Open(memDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(streamDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	// a stream knows its reports by id, and the sections of its
	// bullets' paths only (see TestMetaCounterStream)
	want := a.meta
	want.ReportInfo = []ReportInfo{{ID: r.ID, Short: r.ID, Passages: len(r.Bullets)}}
	inPath := map[string]bool{}
	for _, bl := range r.Bullets {
		for _, s := range bl.Path {
			inPath[s.ID] = true
		}
	}
	want.Sections = slices.DeleteFunc(slices.Clone(want.Sections), func(s SectionInfo) bool { return !inPath[s.ID] })
	if !reflect.DeepEqual(b.meta, want) {
		t.Errorf("meta from a stream differs from memory's: %s", metaDiff(b.meta, want))
	}
	for _, q := range []string{"", "招商 >1000万元", "老人", `"口袋公园"`, "养老 火箭", "企业 服务"} {
		req := Request{Query: q, Size: 100}
		x, y := mustSearch(t, a, req), mustSearch(t, b, req)
		// the same hits; their order may differ where scores are close,
		// as between two Builds of one corpus: BM25's statistics depend on
		// how the segments happened to be merged
		xs, ys := ids(x), ids(y)
		slices.Sort(xs)
		slices.Sort(ys)
		if !slices.Equal(xs, ys) || x.Total != y.Total {
			t.Errorf("Search(%q): from a stream %v, from memory %v", q, ids(y), ids(x))
		}
	}
}

// TestBuildStreamReadError: an error of the stream, in either of its two
// passes, is BuildStream's error, and no index is left behind.
func TestBuildStreamReadError(t *testing.T) {
	_, r := reportIndex(t)
	errRead := errors.New("line 51: bad JSON")
	for pass := 1; pass <= 2; pass++ {
		calls := 0
		src := func(yield func(corpus.Bullet) error) error {
			calls++
			for i, b := range r.Bullets {
				if calls == pass && i == 50 {
					return errRead
				}
				if err := yield(b); err != nil {
					return err
				}
			}
			return nil
		}
		dir := filepath.Join(t.TempDir(), "idx")
		err := BuildStream(context.Background(), src, dir, Options{BatchSize: 10}, nil)
		if !errors.Is(err, errRead) {
			t.Errorf("pass %d: BuildStream = %v; want the stream's error", pass, err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("pass %d: %s exists after a failed build (%v)", pass, dir, err)
		}
		if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 0 {
			t.Errorf("pass %d: the build left %d entries behind", pass, len(entries))
		}
	}
}

// TestBuildStreamCancelled: a build cancelled while the stream is read
// stops with the context's error.
func TestBuildStreamCancelled(t *testing.T) {
	_, r := reportIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	src := func(yield func(corpus.Bullet) error) error {
		calls++
		for i, b := range r.Bullets {
			if calls == 2 && i == 30 {
				cancel()
			}
			if err := yield(b); err != nil {
				return err
			}
		}
		return nil
	}
	dir := filepath.Join(t.TempDir(), "idx")
	if err := BuildStream(ctx, src, dir, Options{BatchSize: 10}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("BuildStream = %v; want context.Canceled", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s exists after a cancelled build (%v)", dir, err)
	}
}

// TestBuildStreamLocked: BuildStream takes the build lock as Build does; a
// lock's own BuildStream builds, and fails once the lock is released.
func TestBuildStreamLocked(t *testing.T) {
	_, r := reportIndex(t)
	src := reportBullets([]*corpus.Report{firstBullets(r, 3)})
	dir := filepath.Join(t.TempDir(), "idx")
	l, err := LockBuild(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := BuildStream(context.Background(), src, dir, Options{}, nil); err == nil || !strings.Contains(err.Error(), "another build") {
		t.Errorf("BuildStream while the lock is held: %v; want another build's error", err)
	}
	if err := l.BuildStream(context.Background(), src, Options{}, nil); err != nil {
		t.Fatalf("the lock holder's BuildStream: %v", err)
	}
	l.Unlock()
	if err := l.BuildStream(context.Background(), src, Options{}, nil); err == nil {
		t.Error("BuildStream with a released lock succeeded")
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.meta.Docs != 3 {
		t.Errorf("the locked build indexed %d bullets; want 3", ix.meta.Docs)
	}
}
