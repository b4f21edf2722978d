package store

import (
	"context"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// CardFromQuads makes the card as a store without a card index does (PostgreSQL, memstore, a
// dirty index), for tests that compare it with the card the index gives.
func (s *Store) CardFromQuads(ctx context.Context, name string, opts ...CardOption) (*Card, error) {
	saved := s.cards
	s.cards = nil
	defer func() { s.cards = saved }()
	return s.Card(ctx, name, opts...)
}

// CardIndexUsable tells whether cards are read from the card index.
func (s *Store) CardIndexUsable() bool { return s.cards.usable() }

// MarkCardIndexDirty marks the card index dirty, as a write stopped half-way leaves it.
func (s *Store) MarkCardIndexDirty() error { return s.cards.markDirty() }

// TimelineFromQuads makes the timeline as a store without a card index does.
func (s *Store) TimelineFromQuads(ctx context.Context, name string) (*Timeline, error) {
	saved := s.cards
	s.cards = nil
	defer func() { s.cards = saved }()
	return s.Timeline(ctx, name, "", "")
}

// ExploreFromQuads runs fn with the explore index built from the quads, as on a store
// without a card index.
func (s *Store) ExploreFromQuads(fn func()) {
	saved := s.cards
	st := &s.explorer
	st.mu.Lock()
	st.idx = nil
	st.mu.Unlock()
	s.cards = nil
	defer func() {
		s.cards = saved
		st.mu.Lock()
		st.idx = nil
		st.mu.Unlock()
	}()
	fn()
}

// EvidenceFromQuads gives a fact's evidence as a store without a card index does.
func (s *Store) EvidenceFromQuads(ctx context.Context, subject, predicate, object string) (*FactEvidence, error) {
	saved := s.cards
	s.cards = nil
	defer func() { s.cards = saved }()
	return s.Evidence(ctx, subject, predicate, object)
}

// SetHubArticles makes entities mentioned by n articles hubs, with digests (carddigest.go),
// until the returned function is called.
func SetHubArticles(n int) (restore func()) {
	saved := hubArticles
	hubArticles = n
	return func() { hubArticles = saved }
}

// RefreshDigests makes the stale hubs' digests, as Close does.
func (s *Store) RefreshDigests(ctx context.Context) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.refreshDigests(ctx)
}

// Digests counts the digests a card would read (made under the current merges).
func (s *Store) Digests(ctx context.Context) (int, error) {
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

// TimelineFirstFromQuads makes a timeline's first events as a store without a card index does.
func (s *Store) TimelineFirstFromQuads(ctx context.Context, name, from, to string, n int) (*Timeline, error) {
	saved := s.cards
	s.cards = nil
	defer func() { s.cards = saved }()
	return s.TimelineFirst(ctx, name, from, to, n)
}

// SavedMergesMatch tells whether the card index holds a saved merge table, and whether it is
// the table read from the quads.
func (s *Store) SavedMergesMatch(ctx context.Context) (saved, same bool, err error) {
	t := s.cards.savedMerges()
	if t == nil {
		return false, false, nil
	}
	q, err := s.readMerges(ctx)
	if err != nil {
		return true, false, err
	}
	if len(q.byIRI) != len(t.byIRI) {
		return true, false, nil
	}
	for k, m := range q.byIRI {
		o := t.byIRI[k]
		if o == nil || *o != *m {
			return true, false, nil
		}
	}
	return true, true, nil
}

// DropExploreIndex forgets the explore index this process built; ExploreIndexSaved tells
// whether the current one was read from its snapshot.
func (s *Store) DropExploreIndex() {
	st := &s.explorer
	st.mu.Lock()
	st.idx = nil
	st.mu.Unlock()
}

func (s *Store) ExploreIndexSaved() bool {
	st := &s.explorer
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.idx != nil && st.idx.saved
}
