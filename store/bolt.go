package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/kv/bbolt" // registers Cayley's "bbolt" backend
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"github.com/newsgraph/newsgraph/internal/gizmo"
	"github.com/newsgraph/newsgraph/store/boltfile"
	"github.com/newsgraph/newsgraph/store/lockfile"
	"github.com/newsgraph/newsgraph/store/names"
	bolt "go.etcd.io/bbolt"
)

// Bolt is the backend of a database in a folder, in Cayley's bolt file (indexes.bolt), and
// the default one.
const Bolt = "bolt"

func init() { registerBackend(Bolt, backend{open: openBoltStore}) }

// openBoltStore opens the bolt database in the folder path: it takes the database's lock,
// checks its files, opens Cayley's quad store and newsgraph's indexes beside it (names, cards).
func openBoltStore(s *Store, path string, c config) error {
	if path == "" {
		return errors.New("open bolt store: a database path is required")
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return fmt.Errorf("open bolt store: %w", err)
	}
	lock, err := lockfile.Take(path, boltFile(path))
	if err != nil {
		return err
	}
	if err := checkUnsynced(path); err != nil {
		lock.Close()
		return err
	}
	if err := removeCompactCopies(path); err != nil {
		lock.Close()
		return fmt.Errorf("open bolt store %s: %w", path, err)
	}
	if err := checkDatabase(path, c.readMostly); err != nil {
		lock.Close()
		return fmt.Errorf("open bolt store %s: %w", path, err)
	}
	var qs cgraph.QuadStore
	var quads *bolt.DB
	var unsynced string
	var isNew bool
	err = boltfile.Guard(boltFile(path), func() (err error) {
		qs, quads, unsynced, isNew, err = openBolt(path, c.readMostly, c.bulk)
		return err
	})
	if err != nil {
		lock.Close()
		return fmt.Errorf("open bolt store %s: %w", path, err)
	}
	s.qs, s.unsynced = qs, unsynced
	// Gizmo's plans read an index entry's quads one at a time from the bolt file, where
	// Cayley's scan fetches them all before the first is looked at (internal/gizmo/planner/rawbolt.go).
	gizmo.UseBolt(qs, quads)
	s.side = &boltSide{lock: lock, names: names.Follow(qs, quads), quads: quads}
	s.path, s.compact = path, c.compact
	s.merges.on = true // the lock keeps other processes out
	err = s.attachCards(CardIndexOptions{File: cardIndexFile(path), Empty: isNew, NoSync: unsynced != "",
		ReadMostly: c.readMostly, RefreshEvery: c.refreshEvery})
	if err == nil && !c.readMostly && s.keepsCards() {
		// (An index whose mark is not the quads' is made again here; a read-only Open reads the
		// quads, as with a dirty index.)
		err = boltfile.Guard(boltFile(path), func() error { return s.prepareCards(!s.cards.Usable()) })
	}
	if err != nil {
		s.Close()
		return fmt.Errorf("open bolt store %s: %w", path, err)
	}
	return nil
}

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

// ErrDamaged is returned (wrapped, with the file's name and what is wrong) when a database
// file is damaged (store/boltfile).
var ErrDamaged = boltfile.ErrDamaged

// checkDatabase checks the database's files before they are opened (store/boltfile): the
// header of indexes.bolt always; all its pages too when the store is opened for writing (a
// full read, 1.5 ms per MB, beside the bloom filter's read of the whole log that such an Open
// does anyway) or when it is small. A damaged card index is deleted: it is made again from
// the quads.
func checkDatabase(path string, readMostly bool) error {
	file := boltFile(path)
	check := boltfile.CheckHeader
	if fi, err := os.Stat(file); err == nil && (!readMostly || fi.Size() <= fullCheckBytes) {
		check = boltfile.Check
	}
	if err := check(file); err != nil {
		return err
	}
	if _, err := os.Stat(cardIndexFile(path)); err == nil && boltfile.Check(cardIndexFile(path)) != nil {
		return removeCardIndex(path)
	}
	return nil
}

// fullCheckBytes: a database file up to this size has all its pages checked at every Open
// (50 ms).
const fullCheckBytes = 32 << 20

// openBolt initialises the database when it is new, then opens it. With bulk,
// a new database is opened without an fsync per commit, and the marker file
// written first is returned (see BulkLoad). db is the bolt database under the
// quad store (its file, indexes.bolt), for the card index's mark of the quads
// (quadsmark.go): it is opened here as Cayley's "bbolt" backend opens it
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
	return boltfile.SyncDir(filepath.Dir(name))
}

// finishBulk makes a bulk load's writes durable: the database file is synced, then the
// marker removed.
func finishBulk(path, marker string) error {
	for _, f := range []string{boltFile(path), cardIndexFile(path)} {
		if err := boltfile.SyncFile(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("sync %s: %w", f, err)
		}
	}
	if err := os.Remove(marker); err != nil {
		return err
	}
	return boltfile.SyncDir(path)
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
	if err := boltfile.Check(boltFile(path)); err != nil {
		return fmt.Errorf("open bolt store %s: a bulk load into it was stopped before its writes reached the disk, and the database is damaged (%v): delete it and run the load again", path, err)
	}
	// The card index may be damaged the same way; it is made again from the quads.
	if err := removeCardIndex(path); err != nil {
		return err
	}
	return finishBulk(path, marker)
}

// Exists reports whether a bolt database has been made at path (a folder holding Cayley's
// indexes.bolt). Reading commands check it first: opening a missing one would create it.
func Exists(path string) bool {
	st, err := os.Stat(boltFile(path))
	return err == nil && st.Mode().IsRegular()
}

// boltFile is the file in which Cayley's bolt backends keep a database.
func boltFile(path string) string { return filepath.Join(path, "indexes.bolt") }

// boltSide is what a bolt Store keeps beside the quad store: the database's lock file, held
// while it is open, and the names index of Gizmo's planner (store/names), which follows every
// write. Nothing but this Store writes the quads while it is open (the lock).
type boltSide struct {
	lock  *os.File
	names *names.Index // nil when it could not be made (logged; queries go without it)
	quads *bolt.DB     // the bolt database under the quad store, for its mark (quadsmark.go)
}

func (b *boltSide) afterWrite()           { b.names.AfterWrite() }
func (b *boltSide) exclusive() bool       { return true }
func (b *boltSide) close() error          { return b.lock.Close() }
func (b *boltSide) mark() ([]byte, error) { return quadsMark(b.quads) }
