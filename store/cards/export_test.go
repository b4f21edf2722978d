package cards

import (
	"bytes"
	"context"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
)

// FromQuads is s's Reader as a store without a card index reads (PostgreSQL, memstore, a dirty
// index), with an explorer's index of its own, for tests that compare its answers with those
// the index gives.
func FromQuads(s *store.Store) Reader { return Of(s).WithoutIndex() }

// Stale is what Open found of the quads changed by another program ("" when nothing).
func Stale(s *store.Store) string { return Of(s).cards.Stale() }

// SetHubArticles makes entities mentioned by n articles hubs, with digests (carddigest.go),
// until the returned function is called.
func SetHubArticles(n int) (restore func()) {
	saved := cardindex.HubArticles
	cardindex.HubArticles = n
	return func() { cardindex.HubArticles = saved }
}

// Digests counts the digests a card would read (made under the current merges).
func Digests(ctx context.Context, st *store.Store) (int, error) {
	s := Of(st)
	t, err := s.loadMerges(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	_, err = s.cards.View(func(tx cardindex.Tx) error {
		return tx.DigestRoots(func(root quad.IRI) error {
			d, err := digestOf(tx, root, t)
			if d != nil {
				n++
			}
			return err
		})
	})
	return n, err
}

// SavedMergesMatch tells whether the card index holds a saved merge table, and whether it is
// the table read from the quads.
func SavedMergesMatch(ctx context.Context, s *store.Store) (saved, same bool, err error) {
	b := Of(s).cards.SavedMerges()
	if b == nil {
		return false, false, nil
	}
	t, err := store.DecodeMergeView(b)
	if err != nil {
		return true, false, err
	}
	q, err := s.MergesFromQuads(ctx)
	if err != nil {
		return true, false, err
	}
	tb, err := t.MarshalBinary()
	if err != nil {
		return true, false, err
	}
	qb, err := q.MarshalBinary()
	return true, bytes.Equal(tb, qb), err
}
