// Package graph is newsgraph's store layer: it opens a Cayley quad store,
// writes articles' quads into it idempotently, runs Gizmo queries and
// serves Cayley's HTTP API and web UI.
//
// It knows nothing of how quads are made; it receives them. It is the only
// newsgraph package that imports Cayley backend packages.
package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv/bbolt" // registers Cayley's "bbolt" backend
	"github.com/cayleygraph/cayley/graph/memstore" // registers the "memstore" backend
)

// Backend names accepted by Open (and Postgres, postgres.go).
const (
	Bolt     = "bolt"
	Memstore = memstore.QuadStoreType
)

// boltBackend is the Cayley backend behind Bolt: "bbolt", on
// go.etcd.io/bbolt, the maintained fork of boltdb with the same file format
// and the same file (<path>/indexes.bolt), so Cayley's own "bolt" backend
// opens our databases and the other way round. Cayley's "bolt" backend
// (graph/kv/bolt) is on github.com/boltdb/bolt v1.3.1, whose unsafe pointer
// conversions make the race detector's checkptr abort the process
// (bucket.go:626, "converted pointer straddles multiple allocations").
const boltBackend = bbolt.Type

// DefaultBatchSize is the number of quads WriteArticles gathers before one
// ApplyDeltas call (an article is never split, so a batch may be larger).
const DefaultBatchSize = 10000

// ErrInUse is returned (wrapped) by Open when another process, or another
// Store in this process, has the database open.
var ErrInUse = errors.New("database is in use")

// Store is an open quad store. On bolt and PostgreSQL its methods are safe
// for concurrent use; Cayley's memstore has no locks, so a memstore Store must
// not be written while it is read (it is meant for tests).
type Store struct {
	qs    cgraph.QuadStore
	batch int      // quads per ApplyDeltas call in WriteArticles
	lock  *os.File // held while a bolt Store is open; nil for memstore and PostgreSQL

	writeMu   writeLock // serialises writers (on PostgreSQL, across processes too: postgres.go)
	closeOnce sync.Once
	closeErr  error
}

// Option configures Open.
type Option func(*config)

type config struct {
	batch      int
	readMostly bool
}

// WithBatchSize sets how many quads WriteArticles gathers per ApplyDeltas
// call (default DefaultBatchSize). Values below 1 are ignored.
func WithBatchSize(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.batch = n
		}
	}
}

// ReadMostly opens a bolt store for reading: without the bloom filter of
// stored quads that Cayley builds at every open by reading the whole database
// (4.6 s at 10,000 articles, growing with the database), so that it opens in
// a millisecond. Writes still work, about 20 % slower (each added quad is
// looked up instead of tested against the filter). For query, entity, export,
// a read-only serve; not for load. Other backends ignore it.
func ReadMostly() Option {
	return func(c *config) { c.readMostly = true }
}

// Open opens (creating when missing) a store. backend: "bolt" (default when
// ""), "memstore" or "postgres". For bolt, path is a directory holding
// indexes.bolt; for memstore it is ignored; for postgres it is the database's
// URL, postgres://user:password@host:port/dbname?sslmode=disable.
//
// A bolt database is opened by one Store at a time: Open fails at once with
// an error wrapping ErrInUse when another one (in any process) has it open,
// instead of blocking as Cayley would. A PostgreSQL database is shared: any
// number of Stores, in any processes, may have it open and write to it
// (their writes take turns: see pgWriteLock).
func Open(backend, path string, opts ...Option) (*Store, error) {
	c := config{batch: DefaultBatchSize}
	for _, o := range opts {
		o(&c)
	}
	if backend == "" {
		backend = Bolt
	}
	if backend == Bolt && isPostgresURL(path) {
		backend = Postgres // --db postgres://... needs no --backend
	}
	s := &Store{batch: c.batch}
	switch backend {
	case Memstore:
		qs, err := cgraph.NewQuadStore(Memstore, "", nil)
		if err != nil {
			return nil, fmt.Errorf("open memstore: %w", err)
		}
		s.qs = qs
	case Bolt:
		if path == "" {
			return nil, errors.New("open bolt store: a database path is required")
		}
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, fmt.Errorf("open bolt store: %w", err)
		}
		lock, err := lockDatabase(path)
		if err != nil {
			return nil, err
		}
		qs, err := openBolt(path, c.readMostly)
		if err != nil {
			lock.Close()
			return nil, fmt.Errorf("open bolt store %s: %w", path, err)
		}
		s.qs, s.lock = qs, lock
	case Postgres:
		qs, err := openPostgres(path)
		if err != nil {
			return nil, err
		}
		s.qs, s.writeMu.pg = qs, qs.lock
	default:
		return nil, fmt.Errorf("unknown store backend %q (want %q, %q or %q)", backend, Bolt, Memstore, Postgres)
	}
	return s, nil
}

// openBolt initialises the database when it is new, then opens it.
func openBolt(path string, readMostly bool) (cgraph.QuadStore, error) {
	err := cgraph.InitQuadStore(boltBackend, path, nil)
	if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, fmt.Errorf("init: %w", err)
	}
	var opts cgraph.Options
	if readMostly {
		opts = cgraph.Options{"no_bloom": true}
	}
	return cgraph.NewQuadStore(boltBackend, path, opts)
}

// boltFile is the file in which Cayley's bolt backends keep a database.
func boltFile(path string) string { return filepath.Join(path, "indexes.bolt") }

// ErrStillInUse is returned (wrapped) by Close when the database could not be
// closed because something still reads it.
var ErrStillInUse = errors.New("the database is still being read")

// closeWait is how long Close waits for the database to close.
const closeWait = 5 * time.Second

// Close closes the store and releases the database lock. Calling it again
// does nothing.
//
// A Gizmo query stopped at its deadline returns, but Cayley goes on running
// it in its own goroutine until the loop it is in ends (a Filter over every
// name, say, checks no deadline); on bolt, closing the database then waits
// for that query's read transaction while the query waits for a new one, for
// ever. So Close waits at most closeWait: then it returns an error wrapping
// ErrStillInUse and leaves the database open (and locked), for the process's
// exit to close.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		done := make(chan error, 1)
		go func() { done <- s.qs.Close() }()
		select {
		case s.closeErr = <-done:
		case <-time.After(closeWait):
			s.closeErr = fmt.Errorf("close: %w (by a query that outlived its deadline?); it stays open until the process ends", ErrStillInUse)
			return
		}
		if s.lock != nil {
			if err := s.lock.Close(); err != nil && s.closeErr == nil {
				s.closeErr = err
			}
		}
	})
	return s.closeErr
}

// QuadStore returns the underlying Cayley quad store, for the server and
// tests. Do not close it; close the Store.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }
