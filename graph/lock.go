package graph

import (
	"fmt"
	"path/filepath"
)

// lockFileName is the file, inside a bolt database directory, that an open
// Store holds an exclusive lock on and writes its process id into.
const lockFileName = "newsgraph.lock"

func lockFile(path string) string { return filepath.Join(path, lockFileName) }

// inUseError says who holds a database. It matches ErrInUse with errors.Is.
type inUseError struct {
	path string
	pid  int  // 0 when unknown
	bolt bool // the holder is not newsgraph: it holds bolt's own lock
}

func (e *inUseError) Error() string {
	switch {
	case e.bolt:
		return fmt.Sprintf("database %s is in use by another process (it holds %s)", e.path, boltFile(e.path))
	case e.pid > 0:
		return fmt.Sprintf("database %s is in use by another newsgraph process (pid %d)", e.path, e.pid)
	default:
		return fmt.Sprintf("database %s is in use by another newsgraph process", e.path)
	}
}

func (e *inUseError) Is(target error) bool { return target == ErrInUse }
