package store

import (
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/store/kvmemory"
)

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
