//go:build unix

package parse

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time of the process so far: on a busy machine it is a steadier measure
// of a benchmark than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
