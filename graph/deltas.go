package graph

import (
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
)

// applyDeltas applies deltas, ignoring duplicate adds and missing deletes, working around a
// fault of Cayley's kv stores (bolt): in an ApplyDeltas call that both adds and deletes, a node
// whose references the call decreases overall is resolved only for the deletes, so every quad
// the call adds loses its value in that node's direction: it is stored with a nil subject,
// object or label. Replacing an article by a version with fewer quads does exactly that to the
// article's own node (the label of all its quads). So a call that does both is split in two:
// the adds, then the deletes. A crash between the two leaves the article with its old and new
// quads and both content hashes, which the next load takes for a changed article and repairs.
func (s *Store) applyDeltas(deltas []cgraph.Delta) error {
	s.writes.Add(1)
	if !s.wrote.Swap(true) && s.cards != nil { // hubs' digests are brought up to date at Close
		if err := s.cards.dropSavedMerges(); err != nil {
			return fmt.Errorf("card index: %w", err)
		}
	}
	var adds, dels []cgraph.Delta
	for _, d := range deltas {
		if d.Action == cgraph.Delete {
			dels = append(dels, d)
		} else {
			adds = append(adds, d)
		}
	}
	if len(adds) == 0 || len(dels) == 0 {
		if len(deltas) == 0 {
			return nil
		}
		return s.qs.ApplyDeltas(deltas, ignoreDupAndMissing)
	}
	if err := s.qs.ApplyDeltas(adds, ignoreDupAndMissing); err != nil {
		return err
	}
	return s.qs.ApplyDeltas(dels, ignoreDupAndMissing)
}
