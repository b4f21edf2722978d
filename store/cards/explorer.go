package cards

import (
	"context"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
)

// What the explorer (store/explore, built on this package) reads of the card index and keeps
// through it: its index of the whole graph is built from the card index's rows in key order
// (ViewRows, cardindex.Rows), and saved beside them as a snapshot, read back while the rows'
// generation and the merges are the same. Its per-Store state is held by the Store's Index (RegisterExplorer), so that none is
// kept in a global map.

// An Explorer is what store/explore keeps for one Store.
type Explorer interface {
	// SaveOnClose builds the explorer's index now and saves it for the next process (the
	// Close of a writer). Only a cache: a failure loses nothing.
	SaveOnClose(ctx context.Context)
}

// openExplorer is the opener store/explore registered; nil when it is not linked in.
var openExplorer func(Reader) Explorer

// RegisterExplorer registers the opener of the Explorer every Store opened afterwards keeps
// (store/explore, in its init).
func RegisterExplorer(open func(Reader) Explorer) {
	if openExplorer != nil {
		panic("cards: explorer registered twice")
	}
	openExplorer = open
}

// Explorer is what store/explore keeps for the Reader's Store; nil when it is not linked in.
func (s Reader) Explorer() Explorer { return s.cards.explorer }

// Store is the Reader's Store.
func (s Reader) Store() *store.Store { return s.st }

// SaveExplorer builds the explorer's index now and saves it for the next process (seconds at
// 100,000 articles, once). Only a cache: a failure loses nothing.
func (ix *Index) SaveExplorer(ctx context.Context) {
	if ix.explorer != nil {
		ix.explorer.SaveOnClose(ctx)
	}
}

// SaveSnapshot saves the explorer's snapshot b beside the card index's rows.
func (s Reader) SaveSnapshot(b []byte) error { return s.cards.SaveSnapshot(b) }

// ViewRows runs fn over the card index's rows when the index is usable; ok false when it is
// not (the caller reads the quads).
func (s Reader) ViewRows(fn func(cardindex.Rows) error) (ok bool, err error) {
	return s.cards.ViewRows(fn)
}
