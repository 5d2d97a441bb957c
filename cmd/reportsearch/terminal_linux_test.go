package main

import (
	"os"
	"testing"
)

// TestIsTerminalPTY checks that a pseudo-terminal counts as a terminal, so
// that TestIsTerminal's negatives are not the answer to everything.
func TestIsTerminalPTY(t *testing.T) {
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	if !isTerminal(ptmx) {
		t.Error("isTerminal(/dev/ptmx) = false")
	}
}
