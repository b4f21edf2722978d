package cards

import (
	"bytes"
	"context"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/store"
)

// FromQuads is s's Reader as a store without a card index reads (PostgreSQL, memstore, a dirty
// index), with an explorer's index of its own, for tests that compare its answers with those
// the index gives.
func FromQuads(s *store.Store) Reader { return Of(s).WithoutIndex() }

// Stale is what Open found of the quads changed by another program ("" when nothing).
func Stale(s *store.Store) string { return Of(s).cards.stale }

// SetHubArticles makes entities mentioned by n articles hubs, with digests (carddigest.go),
// until the returned function is called.
func SetHubArticles(n int) (restore func()) {
	saved := hubArticles
	hubArticles = n
	return func() { hubArticles = saved }
}

// Digests counts the digests a card would read (made under the current merges).
func Digests(ctx context.Context, st *store.Store) (int, error) {
	s := Of(st)
	t, err := s.loadMerges(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	_, err = s.cards.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketDigest).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			rd := fieldReader{b: k}
			d, err := digestOf(tx, quad.IRI(rd.bytes()), t)
			if err != nil {
				return err
			}
			if d != nil {
				n++
			}
		}
		return nil
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
