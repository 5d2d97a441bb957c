package main

import (
	"context"
	"errors"
	"io"
)

// runBullets implements "reportsearch bullets". TODO(owner): implement.
func runBullets(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("bullets: not implemented yet")
}
