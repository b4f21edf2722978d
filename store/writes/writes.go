// Package writes is the store's journaled write path: idempotent article writes with their
// wire copies and the merges a load's links record (write.go, hooks.go), forget (forget.go),
// merge and unmerge with their projections (merge.go), and the journal that makes each of them
// all-or-nothing under SIGKILL, and its replay (journal.go). It lies under package store, which
// owns Open, the backends, the reads and the card index's hooks: a Store's WriteArticles,
// Forget, Merge, Unmerge and Recover call it, handing it what it needs of the Store (Store,
// below). It keeps nothing of its own between calls.
package writes

import (
	"context"
	"errors"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/mergetable"
	"github.com/newsgraph/newsgraph/store/rdf"
)

// Store is what the write path is given of a store.Store.
type Store interface {
	Reader
	Locker
	MergeCache
	CardHooks
	// ApplyDeltas applies deltas, ignoring duplicate adds and missing deletes, as one
	// transaction or, when they both add and delete, two: the adds, then the deletes.
	ApplyDeltas(deltas []cgraph.Delta) error
	// BatchSize is how many quads WriteArticles gathers per ApplyDeltas call.
	BatchSize() int
}

// Reader is the Store's reads (store.Store's methods of these names).
type Reader interface {
	Quads(ctx context.Context, dir quad.Direction, node quad.Value, pred quad.Value, fn func(quad.Quad) bool) error
	Out(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Quad, error)
	Subjects(ctx context.Context, pred quad.IRI, node quad.Value) ([]quad.Value, error)
	Objects(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error)
	Has(ctx context.Context, node quad.Value) (bool, error)
	QuadStore() cgraph.QuadStore
	// StoryBands are, for each of the LSH bands, the stored articles that are no copy whose
	// fingerprint, derived from their text (textkey.FingerprintOf), has it, keyed by the
	// band; those stored with ng:lshBand quads are not among them (the caller reads those).
	StoryBands(ctx context.Context, bands []string) (map[string][]quad.Value, error)
}

// Locker is the Store's write lock, which serialises its writers (on PostgreSQL, across
// processes too).
type Locker interface {
	Lock()
	Unlock()
	// LockArticles locks for a write of articles only: shared on a store whose writers of
	// articles run together (PostgreSQL), which returns the locks of its articles; elsewhere
	// it is Lock, and returns nil.
	LockArticles() ArticleLocks
	// Exclusive makes a lock LockArticles took shared exclusive; Shared tells whether it is
	// still held shared.
	Exclusive()
	Shared() bool
}

// ArticleLocks are the locks of the articles a writer of articles writes (PostgreSQL), and
// the reads of a chunk of them in one query (QuadsOf: the quads whose direction dir is one of
// nodes, with predicate pred unless nil, keyed by that node's String).
type ArticleLocks interface {
	LockArticles(ctx context.Context, keys []string) error
	UnlockArticles()
	QuadsOf(ctx context.Context, dir quad.Direction, nodes []quad.Value, pred quad.Value) (map[string][]quad.Quad, error)
}

// MergeCache is the Store's merge table, cached between calls where no other process writes.
type MergeCache interface {
	// LoadMerges returns every merge; the table is shared: do not change it.
	LoadMerges(ctx context.Context) (*mergetable.Table, error)
	// KeepMerges publishes a writer's table once its writes are done; DropMerges forgets the
	// cached one (after a failed write).
	KeepMerges(t *mergetable.Table)
	DropMerges()
}

// CardHooks is the Store's card index, as its writes keep it up to date (store.CardIndex).
type CardHooks interface {
	// KeepsCards tells whether the Store keeps a card index beside its quads.
	KeepsCards() bool
	// BeginCards and FinishCards go around a write of articles: BeginCards marks the index
	// dirty (keep tells whether FinishCards is to write rows), FinishCards writes the rows of
	// the changed articles and marks it clean.
	BeginCards() (keep bool, err error)
	FinishCards(keep bool, changes []ArticleChange) error
	// RefreshDigests brings up to date the hubs' digests that writes made stale (every: at
	// the interval RefreshHubsEvery set, rather than at Close only).
	RefreshDigests(ctx context.Context, every bool) error
}

// ArticleChange is one article's quads before and after a write (either may be empty).
type ArticleChange struct {
	Article  quad.IRI
	Old, New []quad.Quad
}

// ErrNotFound is returned (wrapped) when a name, entity, article or merge is not in the graph.
var ErrNotFound = errors.New("not found")

// writer is the write path over a Store: the methods of this package's files.
type writer struct{ Store }

type (
	mergeTable = mergetable.Table
	mergeInfo  = mergetable.Merge
)

// QuadKey identifies a quad as Cayley does: by the String of its values.
type QuadKey [4]string

type quadKey = QuadKey

// KeyOf is q's QuadKey.
func KeyOf(q quad.Quad) QuadKey {
	var k QuadKey
	for i, d := range quad.Directions {
		k[i] = Key(q.Get(d))
	}
	return k
}

func keyOf(q quad.Quad) QuadKey { return KeyOf(q) }

// Key identifies a value as Cayley does: by its String ("" for none).
func Key(v quad.Value) string {
	if v == nil {
		return ""
	}
	return v.String()
}

func key(v quad.Value) string { return Key(v) }

// Distinct is the distinct values of the quads in direction d, in their first order.
func Distinct(qs []quad.Quad, d quad.Direction) []quad.Value {
	var out []quad.Value
	seen := map[string]bool{}
	for _, q := range qs {
		v := q.Get(d)
		if v == nil {
			continue
		}
		k := Key(v)
		if !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

func distinct(qs []quad.Quad, d quad.Direction) []quad.Value { return Distinct(qs, d) }

// str is a value's text (rdf.Text).
var str = rdf.Text

// firstStr is the text of the first value, or "".
func firstStr(vs []quad.Value) string {
	if len(vs) == 0 {
		return ""
	}
	return str(vs[0])
}

func cmpOr(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}
