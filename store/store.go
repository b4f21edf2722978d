// Package store is newsgraph's graph store: it opens a Cayley quad store by backend name
// (bolt, memstore, postgres: each registers itself, backend.go), writes articles' quads into
// it idempotently, forgets and merges, imports, compacts, runs Gizmo queries and exports.
// Under it: the journaled write path (store/writes: article writes, forget, merges, the
// journal), which its WriteArticles, Forget, Merge, Unmerge and Recover call (writepath.go);
// the merge table (store/mergetable); the bound on stored IRIs (store/longiri).
//
// It knows nothing of how quads are made (it receives them) nor of HTTP (package server). It
// and store/postgres (the PostgreSQL quad store it registers) are the only newsgraph packages
// that import Cayley backend packages (and store/kvmemory Cayley's kv store, whose memory of a
// failed write it clears). Built on it: store/cards (cards, timelines, and the
// card index, which the write path keeps up to date through CardIndex: cardhooks.go),
// store/explore (the explorer, over store/cards), store/names (bolt's names index, which a bolt Store keeps and tells of its
// writes), store/curate (duplicates, through the reads of reads.go).
package store

import (
	"context"
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/cayley/clog"
	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/store/lockfile"
)

// DefaultBatchSize is the number of quads WriteArticles gathers before one
// ApplyDeltas call (an article is never split, so a batch may be larger).
const DefaultBatchSize = 10000

// ErrInUse is returned (wrapped) by Open when another process, or another
// Store in this process, has the database open (store/lockfile).
var ErrInUse = lockfile.ErrInUse

// Store is an open quad store. On bolt and PostgreSQL its methods are safe
// for concurrent use; Cayley's memstore has no locks, so a memstore Store must
// not be written while it is read (it is meant for tests).
type Store struct {
	qs cgraph.QuadStore
	// bandsOf: the LSH bands of the texts the scan of StoryBands has read (memstore), by
	// the text's hash (storybands.go).
	bandsOf sync.Map
	batch   int    // quads per ApplyDeltas call in WriteArticles
	backend string // its name, as Open took it
	// side: what the backend keeps beside the quad store (bolt: its lock file and the names
	// index); noSide for a backend with nothing. backend.go.
	side backendSide
	// unsynced is the marker file of a bulk load (see BulkLoad): the database file is
	// synced and the marker removed by Close. "" when the store syncs every commit.
	unsynced string
	// path: a bolt database's folder; compact: Close may rewrite it (Compact).
	path    string
	compact bool

	writeMu writeLock // serialises writers (on PostgreSQL, across processes too: backend.go)
	lookups lookups   // access.go
	merges  mergeCache
	// pgMerges: on PostgreSQL, the merge table last read with the quads' mark it was read
	// under (postgres_mergesnapshot.go)
	pgMerges pgMergesMemo
	// cards: the card index and the explorer's index, which store/cards keeps for this Store
	// (cardhooks.go); nil when store/cards is not linked in.
	cards CardIndex
	// wrote: this Store changed quads (the hubs' digests are refreshed at Close).
	wrote atomic.Bool
	// refreshEvery: see RefreshHubsEvery.
	refreshEvery time.Duration
	// writes counts this process's writes to the quads: on bolt, where no other process
	// writes (the lock), an explore index built at the same count is current.
	writes atomic.Int64
	// broken: a write failed and Cayley's memory of it could not be cleared (apply.go):
	// no more writes until the store is opened again.
	broken    atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

// Option configures Open.
type Option func(*config)

type config struct {
	batch      int
	readMostly bool
	bulk       bool
	compact    bool
	// refreshEvery: RefreshHubsEvery's interval; 0, at Close only.
	refreshEvery time.Duration
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

// BulkLoad lets a bolt database that this Open creates (a new one) be written
// without an fsync per transaction: each commit still goes to the file through
// the operating system, so a process killed at any moment (SIGKILL) leaves the
// last committed transaction whole, but nothing waits for the disk until Close,
// which syncs the file once. Until then a marker file in the database
// directory says the file may not all be on disk; if the machine stops before
// Close (power loss), the next Open finds the marker, checks every page of the
// file and refuses a damaged database (delete it and load again) or removes the
// marker. An existing database is opened as usual, with an fsync per commit.
// Other backends ignore it. For load.
func BulkLoad() Option {
	return func(c *config) { c.bulk = true }
}

// RefreshHubsEvery is for a long-running writer that also answers readers (serve
// --writable): the hubs' digests that writes made stale (see store/cards/carddigest.go) are
// made again after a write once d has passed since the last time, not only at Close. A load
// has no readers until it closes: it needs none.
func RefreshHubsEvery(d time.Duration) Option {
	return func(c *config) { c.refreshEvery = d }
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
	if backend == Bolt {
		for name, b := range registered {
			if b.claims != nil && b.claims(path) {
				backend = name // --db postgres://... needs no --backend
			}
		}
	}
	b, ok := registered[backend]
	if !ok {
		return nil, fmt.Errorf("unknown store backend %q (want %s)", backend, backendList())
	}
	s := &Store{backend: backend, batch: c.batch, refreshEvery: c.refreshEvery, side: noSide{}}
	if err := b.open(s, path, c); err != nil {
		return nil, err
	}
	if s.cards == nil { // (the bolt backend opened it, with its file)
		if err := s.attachCards(CardIndexOptions{ReadMostly: c.readMostly, RefreshEvery: c.refreshEvery}); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.writeMu.qs = s.qs
	s.writeMu.writer.Store(c.bulk)
	return s, nil
}

// prepareCards makes the card index ready for a writer: made again when rebuild (it is not
// usable), the hubs' digests brought up to date and the merge table saved.
func (s *Store) prepareCards(rebuild bool) error {
	ctx := context.Background()
	if rebuild {
		if err := s.cards.Rebuild(ctx); err != nil {
			return err
		}
	}
	// A forget, merge or unmerge killed half-way is completed before anyone reads its
	// half-done state (store/writes/journal.go).
	if err := s.Recover(ctx); err != nil {
		return err
	}
	if err := s.refreshDigests(ctx, false); err != nil {
		return err
	}
	if s.cards.SavedMerges() == nil {
		return s.saveMerges(ctx)
	}
	return nil
}

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
		var refreshErr error
		if s.wrote.Load() && s.cardsUsable() {
			s.writeMu.Lock()
			if refreshErr = s.refreshDigests(context.Background(), false); refreshErr == nil {
				refreshErr = s.saveMerges(context.Background())
			}
			if refreshErr == nil {
				refreshErr = s.cards.SaveMark()
			}
			if refreshErr == nil {
				// The explorer's index, built and saved for the next process (seconds at 100,000
				// articles, once).
				s.cards.SaveExplorer(context.Background())
			}
			if refreshErr != nil {
				refreshErr = fmt.Errorf("close: card index: %w", refreshErr)
			}
			s.writeMu.Unlock()
		}
		if _, pg := s.qs.(pgTables); pg && s.cards != nil && s.writeMu.writer.Load() && !s.broken.Load() {
			// On PostgreSQL, a writer (a load, forget or merge, whether it changed the quads
			// or found nothing to change) saves the explorer's index as a snapshot beside the
			// quads when the saved one is stale or missing (store/cards/postgres_explore.go),
			// for the commands that follow. Only a cache, too.
			s.cards.SaveExplorer(context.Background())
		}
		defer func() {
			if s.closeErr == nil {
				s.closeErr = refreshErr
			}
		}()
		compact := s.compact && refreshErr == nil && s.wrote.Load() && s.wantsCompaction()
		done := make(chan error, 1)
		go func() { done <- s.qs.Close() }()
		select {
		case s.closeErr = <-done:
		case <-time.After(closeWait):
			s.closeErr = fmt.Errorf("close: %w (by a query that outlived its deadline?); it stays open until the process ends", ErrStillInUse)
			return
		}
		if s.cards != nil {
			if err := s.cards.Close(); err != nil && s.closeErr == nil {
				s.closeErr = err
			}
		}
		if compact && s.closeErr == nil {
			s.closeErr = compactDatabase(s.path)
		}
		if s.unsynced != "" && s.closeErr == nil {
			s.closeErr = finishBulk(filepath.Dir(s.unsynced), s.unsynced)
		}
		if err := s.side.close(); err != nil && s.closeErr == nil {
			s.closeErr = err
		}
	})
	return s.closeErr
}

// QuadStore returns the underlying Cayley quad store, for the server and
// tests. Do not close it; close the Store. Do not write through it: once the
// Store has written too, its Close saves the card index's mark of the quads as
// they are (quadsmark.go), so such a write would go unseen by the index.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// Cayley's bolt backend logs "Running in nosync mode" at every open with nosync (a bulk
// load): newsgraph says nothing of it. Otherwise the logger is Cayley's default one.
func init() { clog.SetLogger(&cayleyLog{}) }

type cayleyLog struct{ verbosity int }

func (cayleyLog) Infof(format string, args ...any) {
	if format != "Running in nosync mode" {
		log.Printf(format, args...)
	}
}
func (cayleyLog) Warningf(format string, args ...any) { log.Printf("WARN: "+format, args...) }
func (cayleyLog) Errorf(format string, args ...any)   { log.Printf("ERROR: "+format, args...) }
func (cayleyLog) Fatalf(format string, args ...any)   { log.Fatalf("FATAL: "+format, args...) }
func (l cayleyLog) V(level int) bool                  { return l.verbosity >= level }
func (l *cayleyLog) SetV(level int)                   { l.verbosity = level }
