package store

import (
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/store/kvmemory"
)

var ignoreDupAndMissing = cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}

// apply is the one way newsgraph applies deltas to the quad store: when Cayley's transaction
// fails (a full disk, an I/O error), bolt rolls the file back, but Cayley's kv store keeps in
// memory what the failed transaction did, and writes it with the next one:
//   - its value cache maps the IRIs of the nodes the failed transaction created to node ids
//     that were never stored (and that the next transaction hands out again, to other
//     primitives): quads written later point at nothing, a nil subject, or at a literal;
//   - its bloom filter of stored quads forgot the quads the failed transaction deleted: they
//     would be added again, twice;
//   - its buffer of index entries is left full when the failure comes before it is flushed.
//
// So a failed call clears that state (kvmemory.Forget) before it returns: the store is as it
// was before the call, in memory as on disk.
func (s *Store) apply(deltas []cgraph.Delta) error {
	if s.broken.Load() {
		return errBroken
	}
	err := s.qs.ApplyDeltas(deltas, ignoreDupAndMissing)
	if err == nil {
		s.side.afterWrite() // bolt: the names index (store/names)
	}
	if err != nil {
		if ferr := kvmemory.Forget(s.qs); ferr != nil {
			s.broken.Store(true)
			return fmt.Errorf("%w (and the store cannot be written again until it is reopened: %v)", err, ferr)
		}
	}
	return err
}

// errBroken is returned by writes after a failed one whose state could not be cleared.
var errBroken = errors.New("a write failed and left the store's memory inconsistent: close it and open it again")

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
	if !s.wrote.Swap(true) && s.keepsCards() { // hubs' digests are brought up to date at Close
		if err := s.cards.DropSavedMerges(); err != nil {
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
		return s.applyCall(deltas)
	}
	if err := s.applyCall(adds); err != nil {
		return err
	}
	return s.applyCall(dels)
}

// afterApply, when set (by tests), runs after each ApplyDeltas call: a test kills its process
// there to stop a write at each point a SIGKILL could.
var afterApply func()

func (s *Store) applyCall(deltas []cgraph.Delta) error {
	err := s.apply(deltas)
	if err == nil && afterApply != nil {
		afterApply()
	}
	return err
}
