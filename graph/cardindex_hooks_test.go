package graph

import "context"

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
	st := s.exploreState()
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
