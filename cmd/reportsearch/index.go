package main

import (
	"context"
	"errors"
	"io"
)

// runIndex implements "reportsearch index". TODO(owner): implement.
func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("index: not implemented yet")
}
