package main

import (
	"context"
	"errors"
	"io"
)

// runAnalyze implements "reportsearch analyze". TODO(owner): implement.
func runAnalyze(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("analyze: not implemented yet")
}
