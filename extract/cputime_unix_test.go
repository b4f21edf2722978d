//go:build unix

package extract

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time of the process so far: on a machine that others share it is a
// steadier measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
