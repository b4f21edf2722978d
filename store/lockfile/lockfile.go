// Package lockfile is the lock a newsgraph process holds on a bolt database's folder while a
// Store has it open (newsgraph.lock, with the process's id and, under a server, its URL), so
// that a second opener is turned away with who holds it instead of waiting for bolt's own lock
// for ever.
package lockfile

import (
	"errors"
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

// ErrInUse is returned (wrapped) by Take when another process has the database open.
var ErrInUse = errors.New("database is in use")

// inUseError says who holds a database. It matches ErrInUse with errors.Is.
type inUseError struct {
	path     string
	pid      int    // 0 when unknown
	boltFile string // when the holder is not newsgraph: the bolt file whose own lock it holds
}

func (e *inUseError) Error() string {
	switch {
	case e.boltFile != "":
		return fmt.Sprintf("database %s is in use by another process (it holds %s)", e.path, e.boltFile)
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
