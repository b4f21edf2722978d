// Package graph is newsgraph's store layer: it opens a Cayley quad store,
// writes articles' quads into it idempotently, runs Gizmo queries and
// serves Cayley's HTTP API and web UI.
//
// It knows nothing of how quads are made; it receives them. It is the only
// newsgraph package that imports Cayley backend packages.
package graph

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/cayley/clog"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/kv/bbolt" // registers Cayley's "bbolt" backend
	"github.com/cayleygraph/cayley/graph/memstore" // registers the "memstore" backend
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
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

// quadIndexes are the indexes of a new bolt database: Cayley's two ([subject, predicate] and
// [object, predicate, subject]) and [predicate, subject], without which every query that
// names a predicate but no node (g.V().Out(P), Has(P), the README's who-received-whom)
// scans every quad. Measured at 2,000 GMB articles: indexes.bolt 155 -> 174 MB (+12 %), load
// CPU unchanged, such queries 50 to 150 times faster (examples 02 5.0 s -> 0.06 s, 07 15 s
// -> 0.10 s). A database keeps the indexes it was made with (Cayley reads them from its
// metadata; stock Cayley too): an older database gains this one by export, then import
// into a new database.
var quadIndexes = append(append([]ckv.QuadIndex(nil), ckv.DefaultQuadIndexes...),
	ckv.QuadIndex{Dirs: []quad.Direction{quad.Predicate, quad.Subject}})

// Cayley's kv backends take a new database's indexes from this variable (CAYLEY_KV_INDEXES,
// when set, overrides it).
func init() { ckv.DefaultQuadIndexes = quadIndexes }

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
	// unsynced is the marker file of a bulk load (see BulkLoad): the database file is
	// synced and the marker removed by Close. "" when the store syncs every commit.
	unsynced string
	// path: a bolt database's folder; compact: Close may rewrite it (Compact).
	path    string
	compact bool

	writeMu writeLock // serialises writers (on PostgreSQL, across processes too: postgres.go)
	merges  mergeCache
	cards   *cardIndex // bolt only: cardindex.go
	// wrote: this Store changed quads (digests are refreshed at Close: carddigest.go);
	// refreshed: when they last were (read and written under writeMu).
	wrote     atomic.Bool
	refreshed time.Time
	// refreshEvery: see RefreshHubsEvery.
	refreshEvery time.Duration
	// writes counts this process's writes to the quads: on bolt, where no other process
	// writes (the lock), an explore index built at the same count is current.
	writes atomic.Int64
	// broken: a write failed and Cayley's memory of it could not be cleared (failedwrite.go):
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
// --writable): the hubs' digests that writes made stale (see carddigest.go) are made again
// after a write once d has passed since the last time, not only at Close. A load has no
// readers until it closes: it needs none.
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
	if backend == Bolt && isPostgresURL(path) {
		backend = Postgres // --db postgres://... needs no --backend
	}
	s := &Store{batch: c.batch, refreshEvery: c.refreshEvery}
	switch backend {
	case Memstore:
		qs, err := cgraph.NewQuadStore(Memstore, "", nil)
		if err != nil {
			return nil, fmt.Errorf("open memstore: %w", err)
		}
		s.qs = qs
		s.merges.on = true
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
		if err := checkUnsynced(path); err != nil {
			lock.Close()
			return nil, err
		}
		if err := removeCompactCopies(path); err != nil {
			lock.Close()
			return nil, fmt.Errorf("open bolt store %s: %w", path, err)
		}
		if err := checkDatabase(path, c.readMostly); err != nil {
			lock.Close()
			return nil, fmt.Errorf("open bolt store %s: %w", path, err)
		}
		var qs cgraph.QuadStore
		var quads *bolt.DB
		var unsynced string
		var isNew bool
		err = guard(boltFile(path), func() (err error) {
			qs, quads, unsynced, isNew, err = openBolt(path, c.readMostly, c.bulk)
			return err
		})
		if err != nil {
			lock.Close()
			return nil, fmt.Errorf("open bolt store %s: %w", path, err)
		}
		s.qs, s.lock, s.unsynced = qs, lock, unsynced
		followNames(qs, quads) // names_index.go
		s.path, s.compact = path, c.compact
		s.merges.on = true // the lock keeps other processes out
		if s.cards, err = openCardIndex(path, quads, isNew, unsynced != ""); err == nil && !c.readMostly {
			if s.cards.stale != "" {
				// Another program (stock Cayley, say) wrote the quads: the index is made again.
				// (Only here: a read-only Open reads the quads, as with a dirty index.)
				log.Printf("%s: %s: making the card index again", path, s.cards.stale)
			}
			err = guard(boltFile(path), func() error { return s.prepareCards(!s.cards.usable()) })
		}
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("open bolt store %s: %w", path, err)
		}
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

// checkDatabase checks the database's files before they are opened (see damaged.go): the
// header of indexes.bolt always; all its pages too when the store is opened for writing (a
// full read, 1.5 ms per MB, beside the bloom filter's read of the whole log that such an Open
// does anyway) or when it is small. A damaged card index is deleted: it is made again from
// the quads.
func checkDatabase(path string, readMostly bool) error {
	file := boltFile(path)
	check := checkBoltHeader
	if fi, err := os.Stat(file); err == nil && (!readMostly || fi.Size() <= fullCheckBytes) {
		check = checkBoltFile
	}
	if err := check(file); err != nil {
		return err
	}
	if _, err := os.Stat(cardIndexFile(path)); err == nil && checkBoltFile(cardIndexFile(path)) != nil {
		return removeCardIndex(path)
	}
	return nil
}

// fullCheckBytes: a database file up to this size has all its pages checked at every Open
// (50 ms).
const fullCheckBytes = 32 << 20

// prepareCards makes the card index ready for a writer: made again when rebuild (it is not
// usable), the hubs' digests brought up to date and the merge table saved.
func (s *Store) prepareCards(rebuild bool) error {
	ctx := context.Background()
	if rebuild {
		if err := s.cards.rebuild(ctx, s); err != nil {
			return err
		}
	}
	// A forget, merge or unmerge killed half-way is completed before anyone reads its
	// half-done state (deltas.go).
	if err := s.Recover(ctx); err != nil {
		return err
	}
	if err := s.refreshDigests(ctx); err != nil {
		return err
	}
	if !s.cards.hasSavedMerges() {
		return s.saveMerges(ctx)
	}
	return nil
}

// openBolt initialises the database when it is new, then opens it. With bulk,
// a new database is opened without an fsync per commit, and the marker file
// written first is returned (see BulkLoad). db is the bolt database under the
// quad store (its file, indexes.bolt), for the card index's mark of the quads
// (cardindex_mark.go): it is opened here as Cayley's "bbolt" backend opens it
// (graph/kv/bbolt), so that the two share it.
func openBolt(path string, readMostly, bulk bool) (qs cgraph.QuadStore, db *bolt.DB, unsynced string, isNew bool, err error) {
	err = cgraph.InitQuadStore(boltBackend, path, nil)
	isNew = err == nil
	if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, nil, "", false, fmt.Errorf("init: %w", err)
	}
	opts := cgraph.Options{}
	if readMostly {
		opts["no_bloom"] = true
	}
	if bulk && isNew {
		// The marker is on disk before any unsynced write can be.
		if err := writeSynced(unsyncedFile(path)); err != nil {
			return nil, nil, "", false, err
		}
		unsynced = unsyncedFile(path)
	}
	qs, db, err = newBoltQuadStore(path, unsynced != "", opts)
	if err != nil && unsynced != "" {
		os.Remove(unsynced)
		unsynced = ""
	}
	return qs, db, unsynced, isNew, err
}

// newBoltQuadStore opens the quad store at path as cgraph.NewQuadStore(boltBackend, path, opts)
// does (Cayley's graph/kv/bbolt Open, then kv.New), keeping the bolt database.
func newBoltQuadStore(path string, noSync bool, opts cgraph.Options) (cgraph.QuadStore, *bolt.DB, error) {
	hdb, err := hbolt.Open(boltFile(path), nil)
	if err != nil {
		return nil, nil, err
	}
	db := hdb.DB()
	db.NoSync, db.NoGrowSync = noSync, noSync
	qs, err := ckv.New(hdb, opts)
	if err != nil {
		hdb.Close()
		return nil, nil, err
	}
	return qs, db, nil
}

// unsyncedFile is the marker of a bulk load whose database file is not synced yet.
func unsyncedFile(path string) string { return filepath.Join(path, "bulkload.unsynced") }

// writeSynced creates the file name, empty, and syncs it and its directory.
func writeSynced(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return syncDir(filepath.Dir(name))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// syncFile fsyncs the file name.
func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// finishBulk makes a bulk load's writes durable: the database file is synced, then the
// marker removed.
func finishBulk(path, marker string) error {
	for _, f := range []string{boltFile(path), cardIndexFile(path)} {
		if err := syncFile(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("sync %s: %w", f, err)
		}
	}
	if err := os.Remove(marker); err != nil {
		return err
	}
	return syncDir(path)
}

// checkUnsynced runs when a bolt database is opened (its lock held): a marker left by a bulk
// load that did not end means the database file may not be on disk whole if the machine
// stopped since. The file is synced now (after a killed process, its writes are all in the
// operating system's cache: they reach the disk), every page of it checked, and the marker
// removed; a damaged database is refused.
func checkUnsynced(path string) error {
	marker := unsyncedFile(path)
	if _, err := os.Stat(marker); err != nil {
		return nil
	}
	if err := checkBolt(boltFile(path)); err != nil {
		return fmt.Errorf("open bolt store %s: a bulk load into it was stopped before its writes reached the disk, and the database is damaged (%v): delete it and run the load again", path, err)
	}
	// The card index may be damaged the same way; it is made again from the quads.
	if err := removeCardIndex(path); err != nil {
		return err
	}
	return finishBulk(path, marker)
}

// checkBolt checks every page of a bolt file (checkBoltFile: bbolt's own tx.Check runs in a
// goroutine of its own, where a damaged page's panic or fault would end the process).
func checkBolt(file string) error { return checkBoltFile(file) }

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
		var refreshErr error
		if s.wrote.Load() && s.cards.usable() {
			s.writeMu.Lock()
			if refreshErr = s.refreshDigests(context.Background()); refreshErr == nil {
				refreshErr = s.saveMerges(context.Background())
			}
			if refreshErr == nil {
				refreshErr = s.cards.saveMark() // cardindex_mark.go
			}
			if refreshErr == nil {
				// The explorer's index, built and saved for the next process (seconds at 100,000
				// articles, once). Only a cache: a failure loses nothing.
				_, _ = s.exploreIndex(context.Background())
			}
			if refreshErr != nil {
				refreshErr = fmt.Errorf("close: card index: %w", refreshErr)
			}
			s.writeMu.Unlock()
		}
		defer func() {
			if s.closeErr == nil {
				s.closeErr = refreshErr
			}
		}()
		compact := s.compact && refreshErr == nil && s.wrote.Load() && s.cards.wantsCompaction()
		done := make(chan error, 1)
		go func() { done <- s.qs.Close() }()
		select {
		case s.closeErr = <-done:
		case <-time.After(closeWait):
			s.closeErr = fmt.Errorf("close: %w (by a query that outlived its deadline?); it stays open until the process ends", ErrStillInUse)
			return
		}
		if err := s.cards.close(); err != nil && s.closeErr == nil {
			s.closeErr = err
		}
		if compact && s.closeErr == nil {
			s.closeErr = compactDatabase(s.path)
		}
		if s.unsynced != "" && s.closeErr == nil {
			s.closeErr = finishBulk(filepath.Dir(s.unsynced), s.unsynced)
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
// tests. Do not close it; close the Store. Do not write through it: once the
// Store has written too, its Close saves the card index's mark of the quads as
// they are (cardindex_mark.go), so such a write would go unseen by the index.
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
