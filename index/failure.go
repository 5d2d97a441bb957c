package index

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"

	"reportsearch/corpus"
	"reportsearch/index/internal/swap"
)

// recoverInto turns a panic of the goroutine that defers it into an error
// given to fail. Bleve and zap panic on some write errors: on a full disk,
// zapx's "assignment to entry in nil map" from a batch. Deferred directly
// (defer recoverInto(fail)), as recover needs.
func recoverInto(fail func(error)) {
	if r := recover(); r != nil {
		fail(panicError(r))
	}
}

// panicError is the error of a panic recovered while writing an index.
func panicError(r any) error { return &writePanic{r} }

// writePanic is a panic of bleve's or zap's recovered while writing an
// index.
type writePanic struct{ value any }

func (p *writePanic) Error() string {
	return fmt.Sprintf("index: writing the index failed: %v", p.value)
}

func (p *writePanic) Unwrap() error {
	err, _ := p.value.(error)
	return err
}

// spaceFactor is how many bytes of disk a build takes at its peak (merged
// segments beside their sources, bolt's file) per byte of bullet text.
// Measured on copies of the embedded report (statfs every 10 ms, see
// BENCHMARKS.md): 60, 200 and 600 copies (1.0, 3.4 and 10.1 MB of text)
// left indexes of 7 to 8 times their text and peaked at up to 14.1, 9.8
// and 10.3 times it: a merge of everything at the end holds the index
// twice. The figure pairs of the figure filters and the character field
// (Han characters and pairs) grew the index to 18.5 times its text (60
// copies, 1.0 MB of text: 18.5 MB); 48 is a little more than twice the
// index at its peak, with a margin. Raise it when the mapping grows:
// TestBuildFitsItsEstimate builds on a disk of exactly this size.
const spaceFactor = 48

// spaceSlack is what any build needs beyond its text: bolt's file, the
// mapping, the first segments.
const spaceSlack = 1 << 20

// spaceNeeded estimates the bytes of disk a build of reports takes at its
// peak (spaceForText of their bullets' text).
func spaceNeeded(reports []*corpus.Report) uint64 {
	var text uint64
	for _, r := range reports {
		for _, b := range r.Bullets {
			text += uint64(len(b.Text))
		}
	}
	return spaceForText(text)
}

// spaceForText estimates the bytes of disk a build takes at its peak from
// the bytes of its bullets' text: spaceFactor per byte, plus spaceSlack.
func spaceForText(text uint64) uint64 { return text*spaceFactor + spaceSlack }

// checkSpace refuses a build into dir that takes need bytes of disk at its
// peak (spaceNeeded) when the free space of dir's file system (where it
// can be known) is below it: better than filling the disk and failing half
// way.
func checkSpace(dir string, need uint64) error {
	parent := filepath.Dir(dir)
	free, ok := swap.Free(parent)
	if !ok || free >= need {
		return nil
	}
	return fmt.Errorf("index: not enough free space to build %s: about %s needed, %s free in %s; free some space or build elsewhere",
		dir, megabytes(need), megabytes(free), parent)
}

// withFreeSpace explains a failed build of dir by the free space left on
// its file system, since bleve's own errors and panics on a full disk do
// not say so: it says the disk is full when it is (an ENOSPC error, or
// less than spaceSlack free), and gives the free space after a panic.
// Other errors are returned as they are.
func withFreeSpace(err error, dir string) error {
	parent := filepath.Dir(dir)
	free, ok := swap.Free(parent)
	if !ok {
		return err
	}
	// bleve formats its write errors with %v: ENOSPC is only in the text
	full := errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), syscall.ENOSPC.Error())
	var panicked *writePanic
	switch {
	case full || free < spaceSlack:
		return fmt.Errorf("%w (the disk holding %s is full: %s free; the partial build was removed)", err, parent, megabytes(free))
	case errors.As(err, &panicked):
		return fmt.Errorf("%w (%s free in %s)", err, megabytes(free), parent)
	}
	return err
}

// megabytes formats n bytes as megabytes with one decimal: "2.5 MB".
func megabytes(n uint64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// closeIndex closes bi, the index being built. After a failed build bleve
// may be left in a broken state by a recovered panic: a panic of its Close
// is returned as an error.
func closeIndex(bi interface{ Close() error }) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	return bi.Close()
}
