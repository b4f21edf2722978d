package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// RecordServer writes into the lock file of the bolt database at path, which this process
// holds (its Store is open), the URL of the server it runs over it ("http://127.0.0.1:64210"),
// so that a reading command turned away by the lock can ask the server instead (see
// ServerURL). The line follows the process id; the next process to take the lock rewrites
// the file, so a stale URL is never read while the lock is free.
func RecordServer(path, url string) error {
	name := lockFile(path)
	if _, err := os.Stat(name); err != nil {
		return nil // not a locked bolt database (memstore, PostgreSQL, or no flock)
	}
	return os.WriteFile(name, []byte(strconv.Itoa(os.Getpid())+"\n"+url+"\n"), 0o644)
}

// ServerURL is the URL recorded by RecordServer in the lock file of the bolt database at
// path, or "" when none is recorded.
func ServerURL(path string) string {
	b, err := os.ReadFile(lockFile(path))
	if err != nil {
		return ""
	}
	_, rest, _ := strings.Cut(string(b), "\n")
	url, _, _ := strings.Cut(rest, "\n")
	return strings.TrimSpace(url)
}

// Exists reports whether a bolt database has been made at path (a folder holding Cayley's
// indexes.bolt). Reading commands check it first: opening a missing one would create it.
func Exists(path string) bool {
	st, err := os.Stat(boltFile(path))
	return err == nil && st.Mode().IsRegular()
}
