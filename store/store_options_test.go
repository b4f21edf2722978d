package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
)

// stuckClose is a quad store whose Close waits until released, as bolt's does while a
// Gizmo query that outlived its deadline still holds a read transaction and waits for
// another one (a deadlock inside bbolt that only the process's exit ends).
type stuckClose struct {
	cgraph.QuadStore
	release chan struct{}
}

func (s stuckClose) Close() error {
	<-s.release
	return s.QuadStore.Close()
}

// TestCloseDoesNotWaitForEver: Close gives up after closeWait, keeps the database open and
// locked, and says why.
func TestCloseDoesNotWaitForEver(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "newsgraph.db")
	s, err := Open(Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	stuck := stuckClose{QuadStore: s.qs, release: make(chan struct{})}
	s.qs = stuck
	start := time.Now()
	err = s.Close()
	if d := time.Since(start); d < closeWait || d > closeWait+2*time.Second {
		t.Errorf("Close returned after %v, want %v", d, closeWait)
	}
	if !errors.Is(err, ErrStillInUse) {
		t.Errorf("Close: %v, want ErrStillInUse", err)
	}
	if _, err := Open(Bolt, dir); !errors.Is(err, ErrInUse) {
		t.Errorf("the database should stay locked: Open: %v", err)
	}
	if err := s.Close(); !errors.Is(err, ErrStillInUse) {
		t.Errorf("Close again: %v", err)
	}
	close(stuck.release) // the Close begun goes on
	s.side.(*boltSide).lock.Close()
}

// TestReadMostly: a store opened ReadMostly reads and writes as a default one.
func TestReadMostly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "newsgraph.db")
	s, err := Open(Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteArticles([]Article{article1("h1"), article2()}); err != nil {
		t.Fatal(err)
	}
	want := dumpString(t, s)
	s.Close()
	r, err := Open(Bolt, dir, ReadMostly())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := dumpString(t, r); got != want {
		t.Errorf("read back %s, want %s", got, want)
	}
	st, err := r.WriteArticles([]Article{article1("h1"), article1b(), article2()})
	if err != nil || st != (WriteStats{Unchanged: 2, Replaced: 1, Quads: 4}) {
		t.Errorf("write: %+v, %v", st, err)
	}
}
