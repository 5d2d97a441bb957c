package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
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

	// a stream knows the sections of its bullets only, in the order they come
	var bulletSections []corpus.Section
	for _, bl := range r.Bullets {
		if !slices.Contains(bulletSections, bl.Section) {
			bulletSections = append(bulletSections, bl.Section)
		}
	}
	if !slices.Equal(b.meta.Sections, bulletSections) {
		t.Errorf("stream sections %v; want %v", b.meta.Sections, bulletSections)
	}
	ma, mb := a.meta, b.meta
	ma.Sections, mb.Sections = nil, nil
	if !equalMeta(ma, mb) {
		t.Errorf("meta from a stream %+v; from memory %+v", mb, ma)
	}
	for _, q := range []string{"", "招商 >1000万元", "老人", `"口袋公园"`, "养老 火箭", "企业 服务"} {
		req := Request{Query: q, Size: 100}
		x, y := mustSearch(t, a, req), mustSearch(t, b, req)
		if !slices.Equal(ids(x), ids(y)) || x.Total != y.Total {
			t.Errorf("Search(%q): from a stream %v, from memory %v", q, ids(y), ids(x))
		}
	}
}

func equalMeta(a, b meta) bool {
	return a.Version == b.Version && slices.Equal(a.Reports, b.Reports) && slices.Equal(a.Kinds, b.Kinds) &&
		slices.Equal(a.Counters, b.Counters) && a.Docs == b.Docs && a.Dictionary == b.Dictionary && a.Synonyms == b.Synonyms
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
