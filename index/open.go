package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"reportsearch/index/internal/swap"
)

// Open opens an on-disk index built by Build, read-only. It fails after
// Options.OpenTimeout (1 s) if another process holds it for writing, and
// refuses with an error asking to rebuild it an index that is damaged
// (naming the file: a segment missing, truncated or failing its checksum, a
// damaged store/root.bolt; see checkStore), of another format (metaVersion)
// or built with another vocabulary than this program's (dictionary,
// synonyms or analyzer version: see meta). A bad Options.Synonyms file is
// an error.
func Open(dir string, opts Options) (*Index, error) {
	return OpenContext(context.Background(), dir, opts)
}

// OpenContext is Open that stops with ctx's error when ctx ends while it
// checks the index's files (checkStore reads every segment).
func OpenContext(ctx context.Context, dir string, opts Options) (ix *Index, err error) {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		if old := swap.MovedAside(dir, "index_meta.json"); old != "" {
			return OpenContext(ctx, old, opts) // a build died between its two renames
		}
		return nil, fmt.Errorf("index: %s does not exist (build it with: reportsearch index --index %s)", dir, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("index: %s is not a folder", dir)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "index_meta.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("index: %s is not an index (no index_meta.json)", dir)
	}
	if err == nil && !json.Valid(raw) {
		err = &damage{"index_meta.json", errors.New("is damaged (not JSON)")}
	}
	if err != nil {
		return nil, fmt.Errorf("index: %s is damaged: %w; rebuild it with: reportsearch index --corpus PATH --index %s", dir, err, dir)
	}
	defer func() {
		if r := recover(); r != nil {
			ix, err = nil, fmt.Errorf("index: %s is damaged: %v", dir, r)
			if cerr := checkStore(context.Background(), dir, time.Second); cerr != nil {
				// bleve read the damage while opening: name the segment
				err = fmt.Errorf("index: %s is damaged: %w; rebuild it with: reportsearch index --corpus PATH --index %s", dir, cerr, dir)
			}
		}
	}()
	timeout := opts.OpenTimeout
	if timeout <= 0 {
		timeout = time.Second
	}
	if err := checkStore(ctx, dir, timeout); err != nil {
		if errors.Is(err, errLocked) {
			return nil, lockedError(dir)
		}
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, fmt.Errorf("index: %s is damaged: %w; rebuild it with: reportsearch index --corpus PATH --index %s", dir, err, dir)
	}
	bi, err := bleve.OpenUsing(dir, map[string]interface{}{
		"read_only":    true,
		"bolt_timeout": timeout.String(),
	})
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, lockedError(dir)
		}
		return nil, fmt.Errorf("index: %s cannot be opened (damaged?): %w; rebuild it with: reportsearch index --corpus PATH --index %s", dir, err, dir)
	}
	raw, err = bi.GetInternal([]byte(metaKey))
	var m meta
	if err == nil {
		if len(raw) == 0 {
			err = errors.New("no reportsearch metadata")
		} else {
			err = json.Unmarshal(raw, &m)
		}
	}
	if err == nil && m.Version != metaVersion {
		err = fmt.Errorf("index format %d, this program reads %d; rebuild it", m.Version, metaVersion)
	}
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("index: %s: %w", dir, err)
	}
	ix, err = newIndex(bi, m, opts)
	if err == nil {
		err = m.checkVocabulary(ix.dict)
	}
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("index: %s: %w; rebuild this index with: reportsearch index --corpus PATH --index %s", dir, err, dir)
	}
	return ix, nil
}

// lockedError is Open's error for an index another process holds open for
// writing.
func lockedError(dir string) error {
	return fmt.Errorf("index: %s is locked by another process (an index build still running?)", dir)
}
