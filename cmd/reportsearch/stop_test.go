package main

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestUntilStopped checks the three ends of untilStopped: work done, work
// stopped when the context ends, and work that outlives its grace.
func TestUntilStopped(t *testing.T) {
	v, err := untilStopped(context.Background(), "adding", 0, func() (int, error) { return 42, nil })
	if v != 42 || err != nil {
		t.Errorf("untilStopped of finished work = %d, %v", v, err)
	}

	signal := errors.New("terminated signal received")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(signal)
	var stopped *stoppedError
	_, err = untilStopped(ctx, "adding", time.Second, func() (int, error) { return 0, ctx.Err() })
	if !errors.As(err, &stopped) || !errors.Is(err, signal) || err.Error() != "stopped (terminated signal received) while adding" {
		t.Errorf("untilStopped of stopped work = %v", err)
	}

	block := make(chan struct{})
	defer close(block)
	start := time.Now()
	_, err = untilStopped(ctx, "adding", 50*time.Millisecond, func() (int, error) { <-block; return 0, nil })
	if !errors.As(err, &stopped) || time.Since(start) > 5*time.Second {
		t.Errorf("untilStopped of work that does not stop = %v after %v; want a stoppedError after the grace", err, time.Since(start))
	}

	// work that completes although the context ended has succeeded
	v, err = untilStopped(ctx, "adding", time.Second, func() (int, error) { return 7, nil })
	if v != 7 || err != nil {
		t.Errorf("untilStopped of work done despite the signal = %d, %v; want 7, nil", v, err)
	}
}
