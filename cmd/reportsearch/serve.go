package main

import (
	"context"
	"errors"
	"io"
)

// runServe implements "reportsearch serve". TODO(owner): implement.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("serve: not implemented yet")
}
