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

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv/bbolt" // registers Cayley's "bbolt" backend
	"github.com/cayleygraph/cayley/graph/memstore" // registers the "memstore" backend
)

// Backend names accepted by Open.
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

// Store is an open quad store. On bolt its methods are safe for concurrent
// use; Cayley's memstore has no locks, so a memstore Store must not be
// written while it is read (it is meant for tests).
type Store struct {
	qs    cgraph.QuadStore
	batch int      // quads per ApplyDeltas call in WriteArticles
	lock  *os.File // held while a bolt Store is open; nil for memstore

	writeMu   sync.Mutex // serialises WriteArticles
	closeOnce sync.Once
	closeErr  error
}

// Option configures Open.
type Option func(*config)

type config struct {
	batch int
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

// Open opens (creating when missing) a store. backend: "bolt" (default when
// ""), "memstore". For bolt, path is a directory holding indexes.bolt; for
// memstore it is ignored.
//
// A bolt database is opened by one Store at a time: Open fails at once with
// an error wrapping ErrInUse when another one (in any process) has it open,
// instead of blocking as Cayley would.
func Open(backend, path string, opts ...Option) (*Store, error) {
	c := config{batch: DefaultBatchSize}
	for _, o := range opts {
		o(&c)
	}
	if backend == "" {
		backend = Bolt
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
		qs, err := openBolt(path)
		if err != nil {
			lock.Close()
			return nil, fmt.Errorf("open bolt store %s: %w", path, err)
		}
		s.qs, s.lock = qs, lock
	default:
		return nil, fmt.Errorf("unknown store backend %q (want %q or %q)", backend, Bolt, Memstore)
	}
	return s, nil
}

// openBolt initialises the database when it is new, then opens it.
func openBolt(path string) (cgraph.QuadStore, error) {
	err := cgraph.InitQuadStore(boltBackend, path, nil)
	if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, fmt.Errorf("init: %w", err)
	}
	return cgraph.NewQuadStore(boltBackend, path, nil)
}

// boltFile is the file in which Cayley's bolt backends keep a database.
func boltFile(path string) string { return filepath.Join(path, "indexes.bolt") }

// Close closes the store and releases the database lock. Calling it again
// does nothing.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.closeErr = s.qs.Close()
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
