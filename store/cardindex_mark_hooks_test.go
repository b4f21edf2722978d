package store

import "context"

// FindEntitiesFromQuads finds entities as a store without a card index does.
func (s *Store) FindEntitiesFromQuads(ctx context.Context, q string) ([]EntityMatch, error) {
	saved := s.cards
	s.cards = nil
	defer func() { s.cards = saved }()
	return s.FindEntities(ctx, q)
}

// CardIndexStale is what Open found of the quads changed by another program ("" when nothing).
func (s *Store) CardIndexStale() string { return s.cards.stale }
