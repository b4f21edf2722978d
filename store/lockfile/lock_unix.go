//go:build unix

package lockfile

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Take takes the Store's lock on the bolt database in directory path, whose bolt file is
// boltFile, without waiting, and writes this process's id into the lock file. Closing the
// returned file releases the lock.
//
// Cayley opens bolt with no timeout, and bolt waits for ever for its own
// flock on its file; so a second opener is turned away here first.
func Take(path, boltFile string) (*os.File, error) {
	name := lockFile(path)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open bolt store: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid := holderPID(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &inUseError{path: path, pid: pid}
		}
		return nil, fmt.Errorf("open bolt store: lock %s: %w", name, err)
	}
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open bolt store: write %s: %w", name, err)
	}
	// A process that is not newsgraph (cayley itself, say) may hold bolt's
	// own lock: test it without waiting, and let it go before bolt takes it.
	if err := probeBolt(path, boltFile); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// holderPID reads the process id written in a lock file; 0 if unknown.
func holderPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	// The first line; a server adds its URL on the second (RecordServer).
	first, _, _ := strings.Cut(string(buf[:n]), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// probeBolt fails with an inUseError if another process holds the flock
// that bolt takes on boltFile.
func probeBolt(path, boltFile string) error {
	f, err := os.OpenFile(boltFile, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("open bolt store: %w", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return &inUseError{path: path, boltFile: boltFile}
		}
		return fmt.Errorf("open bolt store: lock %s: %w", boltFile, err)
	}
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
