package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore" // registers Cayley's "memstore" backend
	"github.com/cayleygraph/quad"
)

// A backend is where a Store's quads live. Each registers itself by name in its own file's
// init (registerBackend), as Cayley's quad stores do: Open looks the name up, and adding a
// backend touches no switch.
type backend struct {
	// open opens (creating when missing) the database at path into s, a Store with its
	// options set and no quad store yet.
	open func(s *Store, path string, c config) error
	// claims, when set, tells whether a path given with the default backend names one of
	// this backend's databases instead (a postgres:// URL).
	claims func(path string) bool
}

// What a backend's quad store may add to Cayley's interface, asked for by these interfaces
// rather than by its type (store/postgres's QuadStore has them all; bolt's and memstore's
// none).
type (
	// nodeQuadser reads a node's quads, with a predicate when pred is not nil, in one
	// query (see Store.quads).
	nodeQuadser interface {
		NodeQuads(ctx context.Context, dir quad.Direction, node, pred quad.Value, fn func(quad.Quad) bool) error
	}
	// firstValuer reads the first value of node -pred-> ? whose label skip does not
	// refuse, when it can do so cheaply (ok); see Store.firstValue.
	firstValuer interface {
		FirstValue(ctx context.Context, node, pred quad.Value, skip func(label quad.Value) bool) (v quad.Value, ok bool, err error)
	}
	// sharedWriter has a write lock that writers in other processes take too.
	sharedWriter interface {
		LockWrites()
		UnlockWrites()
	}
	// articleWriter lets writes of articles run together (PostgreSQL): each holds the write
	// lock shared (LockArticleWrites, given back by UnlockWrites) and locks the articles it
	// writes, a batch at a time, by their keys (LockArticles), and reads what it needs to
	// know of them a query for the batch (QuadsOf: the quads whose direction dir is one of
	// nodes, with predicate pred unless nil, keyed by that node's String).
	articleWriter interface {
		sharedWriter
		LockArticleWrites()
		LockArticles(ctx context.Context, keys []string) error
		UnlockArticles()
		QuadsOf(ctx context.Context, dir quad.Direction, nodes []quad.Value, pred quad.Value) (map[string][]quad.Quad, error)
	}
	// ownCounter counts the quads this store's writes added (Store.OwnQuadsAdded).
	ownCounter interface{ OwnQuadsAdded() int64 }
	// pinger is a database that may go away (Store.Unreachable).
	pinger interface{ Ping(context.Context) error }
	// pgTables keeps the quads in Cayley's tables in PostgreSQL, which the explorer's index
	// and the merge table read with a few set-based SELECTs of its dialect
	// (store/cards/postgres_explore.go, postgres_merges.go) instead of lookups per node.
	pgTables interface{ DB() *sql.DB }
)

// A backendSide is what a backend keeps beside Cayley's quad store, which the Store tells of
// its writes and closes: bolt's lock file and names index (boltSide, bolt.go); noSide for
// memstore and PostgreSQL.
type backendSide interface {
	// afterWrite runs after each write through the Store.
	afterWrite()
	// exclusive tells whether no other process can write the quads while the Store is open.
	exclusive() bool
	// close releases what the backend holds, after the quad store is closed.
	close() error
	// mark is the quads' mark (quadsmark.go); nil when the backend keeps none.
	mark() ([]byte, error)
}

type noSide struct{}

func (noSide) afterWrite()           {}
func (noSide) exclusive() bool       { return false }
func (noSide) close() error          { return nil }
func (noSide) mark() ([]byte, error) { return nil, nil }

// writeLock serialises a Store's writers: WriteArticles, Import, Forget, Merge and Unmerge
// lock it around their reads and writes. When the quad store is a sharedWriter
// (PostgreSQL) it also takes the database's write lock, so that writers in other processes
// take turns with them; when it is an articleWriter, a WriteArticles that changes nothing
// but its articles takes it shared (LockArticles), and other processes' article writes run
// at the same time (see WriteArticles).
type writeLock struct {
	mu     sync.Mutex
	qs     cgraph.QuadStore // set by Open
	shared bool             // held shared: by LockArticles, not yet made exclusive
	// writer: the Store is a writer's (its writes took the lock, or Open was given BulkLoad:
	// a load's, even when it finds nothing to write), which saves what it derives from the
	// quads when the saved one is stale (store/cards/postgres_explore.go).
	writer atomic.Bool
}

func (l *writeLock) Lock() {
	l.mu.Lock()
	l.writer.Store(true)
	if w, ok := l.qs.(sharedWriter); ok {
		w.LockWrites()
	}
}

// LockArticles locks for a write of articles only: on an articleWriter it takes the
// database's write lock shared, and returns the writer, whose article locks the caller
// takes; elsewhere it is Lock, and returns nil.
func (l *writeLock) LockArticles() articleWriter {
	w, ok := l.qs.(articleWriter)
	if !ok {
		l.Lock()
		return nil
	}
	l.mu.Lock()
	l.writer.Store(true)
	w.LockArticleWrites()
	l.shared = true
	return w
}

// Exclusive makes a lock LockArticles took exclusive, for what changes more than the
// writer's articles (merges): it gives back the shared lock and its article locks, then
// waits for the exclusive one. What was read under the shared lock may have changed since.
func (l *writeLock) Exclusive() {
	if !l.shared {
		return
	}
	w := l.qs.(sharedWriter)
	w.UnlockWrites()
	w.LockWrites()
	l.shared = false
}

func (l *writeLock) Unlock() {
	if w, ok := l.qs.(sharedWriter); ok {
		w.UnlockWrites()
	}
	l.shared = false
	l.mu.Unlock()
}

var registered = map[string]backend{}

func registerBackend(name string, b backend) {
	if _, dup := registered[name]; dup {
		panic("store: backend " + name + " registered twice")
	}
	registered[name] = b
}

// backendNames are the names Open takes, sorted.
func backendNames() []string {
	var names []string
	for n := range registered {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// backendList is backendNames for a message: "bolt", "memstore" or "postgres".
func backendList() string {
	var q []string
	for _, n := range backendNames() {
		q = append(q, fmt.Sprintf("%q", n))
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// Memstore keeps the quads in memory, for tests and for a copy of a served graph (Cayley's
// memstore has no locks: see Store).
const Memstore = memstore.QuadStoreType

func init() {
	registerBackend(Memstore, backend{open: func(s *Store, _ string, _ config) error {
		qs, err := cgraph.NewQuadStore(Memstore, "", nil)
		if err != nil {
			return fmt.Errorf("open memstore: %w", err)
		}
		s.qs = qs
		s.merges.on = true
		return nil
	}})
}

// Backend is the name of the store's backend (Bolt, Memstore, Postgres).
func (s *Store) Backend() string { return s.backend }
