package main

import (
	"context"
	"errors"
	"io"
)

// runSearch implements "reportsearch search". TODO(owner): implement.
func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("search: not implemented yet")
}
