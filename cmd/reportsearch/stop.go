package main

import (
	"context"
	"fmt"
	"time"
)

// stopGrace is how long a command stopped by a signal waits for its work
// to end cleanly (a build removing its temporary folder) before it exits
// anyway. A build checks its context between bullets and then closes its
// index and removes the folder, which takes well under a second on an idle
// machine but several on a loaded one (CI runs the tests with -race beside
// other work): 5 s leaves that margin.
const stopGrace = 5 * time.Second

// untilStopped runs work on a goroutine of its own and returns its result;
// if ctx ends first (SIGINT or SIGTERM), it waits up to grace for work to
// return and then, unless work succeeded all the same, returns a
// *stoppedError naming what was being done.
// Work should itself stop when ctx ends; untilStopped bounds the time to
// exit when a step cannot (parsing one large file, a batch in bleve). It
// is meant for steps after which the process exits: work left running
// ends with it.
func untilStopped[T any](ctx context.Context, what string, grace time.Duration, work func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := work()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		if r.err == nil || ctx.Err() == nil {
			return r.v, r.err
		}
	case <-ctx.Done():
		select {
		case r := <-done:
			if r.err == nil { // it completed all the same
				return r.v, nil
			}
		case <-time.After(grace):
		}
	}
	var zero T
	return zero, &stoppedError{what, context.Cause(ctx)}
}

// stoppedError is the error of a command stopped by a signal.
type stoppedError struct {
	what  string // what it was doing: "starting"
	cause error  // the context's cause: "terminated signal received"
}

func (e *stoppedError) Error() string {
	return fmt.Sprintf("stopped (%v) while %s", e.cause, e.what)
}

func (e *stoppedError) Unwrap() error { return e.cause }
