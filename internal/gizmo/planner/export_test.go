package planner

import (
	"context"
	"testing"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// SetPlanRewrites turns plan.go's rewrites on or off and returns the previous setting.
func SetPlanRewrites(on bool) bool { return planRewrites.Swap(on) }

// SetMaxHeld sets how many quads a plan's quadReader keeps and returns the previous bound.
func SetMaxHeld(n int) int {
	old := maxHeld
	maxHeld = n
	return old
}

// SetSetChecks sets when node checks switch to a set (switchAfter, hubReads) and returns a
// function that restores the previous values.
func SetSetChecks(after, hub int) (restore func()) {
	a, h := switchAfter, hubReads
	switchAfter, hubReads = after, hub
	return func() { switchAfter, hubReads = a, h }
}

// SetRawReads turns the direct reads of the bolt file (rawbolt.go), and with them the reads
// of one quad an index entry (distinct.go), on or off, and returns the previous setting.
func SetRawReads(on bool) bool {
	old := rawReads
	rawReads = on
	return old
}

// EntryNexts is how many HasAs have read one quad an index entry so far.
func EntryNexts() int64 { return entryNexts.Load() }

// NewTestBoltStore is a new bolt store with newsgraph's three indexes holding quads, whose
// bolt database the planner knows (lookup_test.go's boltStore).
func NewTestBoltStore(t *testing.T, quads []quad.Quad) *kv.QuadStore {
	return boltStore(t, newsgraphIndexes, quads)
}

// NewBoltStore is a new bolt store with the given quad indexes (nil: Cayley's two) holding
// quads, whose bolt database the planner knows (lookup_test.go's boltStore).
func NewBoltStore(t *testing.T, indexes []kv.QuadIndex, quads []quad.Quad) *kv.QuadStore {
	return boltStore(t, indexes, quads)
}

// HubQuads is lookup_test.go's hubQuads: a hub that many people work for, named by articles.
func HubQuads(articles int) []quad.Quad { return hubQuads(articles) }

// IndexesFound is the indexes the planner found in qs, and whether it could look.
func IndexesFound(qs *kv.QuadStore) ([]kv.QuadIndex, bool) {
	ix, ok := indexesOf(context.Background(), qs)
	return ix.has, ok
}
