//go:build !linux

package index

import "time"

// threadCPU is the CPU time the calling thread has used: -1, unknown here.
func threadCPU() time.Duration { return -1 }
