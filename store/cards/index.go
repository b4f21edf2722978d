// Package cards is what newsgraph reads of an entity for people: its card (names, type,
// positions, facts with their evidence and corroboration), its timeline and the evidence of
// one fact, and entity lookups by name. On bolt it keeps the card index beside the quads
// (cards.bolt: the rows cards are made of, the hubs' digests, the saved merge table, the
// explorer's snapshot; stored by store/cards/cardindex), which the Store's write path keeps up
// to date through the hooks of store.CardIndex; on other backends cards are made from the
// quads, with cardindex's functions, into the same rows. The explorer (store/explore) is built
// on it: it reads the rows (ViewRows) and the card context (Context), and keeps its per-Store
// state in the Store's Index (RegisterExplorer).
//
// It reads the store through its exported reads (store/reads.go) and imports it; the Store
// reaches it only through store.CardIndex, which Index implements and which this package
// registers in its init: a program that reads cards links it in, and every Store it opens
// keeps an Index.
package cards

import (
	"context"
	"log"
	"path/filepath"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
	"github.com/newsgraph/newsgraph/store/rdf"
)

func init() {
	store.RegisterCardIndex(func(s *store.Store, o store.CardIndexOptions) (store.CardIndex, error) {
		if o.File == "" {
			return newIndex(s, nil), nil // no card index: what store/explore keeps only
		}
		db, err := cardindex.Open(s, o)
		if err != nil {
			return nil, err
		}
		if db.Stale() != "" && !o.ReadMostly {
			// Another program (stock Cayley, say) wrote the quads: the Store's Open makes the
			// index again.
			log.Printf("%s: %s: making the card index again", filepath.Dir(o.File), db.Stale())
		}
		ix := newIndex(s, db)
		ix.refreshEvery = o.RefreshEvery
		return ix, nil
	})
}

// Index is what this package keeps for one Store (store.CardIndex): on bolt the card index (its
// storage, whose methods it has, is store/cards/cardindex's DB: nil when none is kept), on
// every backend what store/explore keeps (the explorer's index).
type Index struct {
	*cardindex.DB
	s *store.Store
	// refreshed: when the hubs' digests were last refreshed (read and written under the
	// Store's write lock); refreshEvery: store.RefreshHubsEvery's interval.
	refreshed    time.Time
	refreshEvery time.Duration
	explorer     Explorer // store/explore's, for this Store (explorer.go); nil when not linked in
}

// newIndex is the Index of s, its card index in db (nil: none is kept), with the explorer's
// state when store/explore is linked in.
func newIndex(s *store.Store, db *cardindex.DB) *Index {
	ix := &Index{DB: db, s: s}
	if openExplorer != nil {
		ix.explorer = openExplorer(Reader{s, ix})
	}
	return ix
}

// A Reader reads one Store's cards, timelines and lookups (Of).
type Reader struct {
	st    *store.Store
	cards *Index // what this package keeps for st
}

// Of is the Reader of s.
func Of(s *store.Store) Reader {
	ix, _ := s.CardIndex().(*Index) // (every Store has one: this package registered its opener in init)
	return Reader{s, ix}
}

// The Store's merge table and quad store, under the short names this package's readers use
// (its other reads are called as the Store's: s.st.Out, s.st.Subjects ...).

func (s Reader) loadMerges(ctx context.Context) (store.MergeView, error) { return s.st.MergeView(ctx) }

func (s Reader) qs() cgraph.QuadStore { return s.st.QuadStore() }

// keyOfValue and distinct are the store's, under the short names the readers use.
var keyOfValue = store.ValueKey

// str is a value's text (rdf.Text), under the short name the many readers use.
var str = rdf.Text

var distinct = store.DistinctValues
