package gizmo

// What a store gives Gizmo's planner (package planner), so that the stores, which run Gizmo,
// import this package alone.

import (
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/internal/gizmo/planner"
)

// NameIndex lists the objects of a predicate's quads (planner.NameIndex).
type NameIndex = planner.NameIndex

// UseNameIndex makes the plans of queries on qs (a kv store, such as bolt) look up the objects
// of pred's quads through ix. Done again, it replaces the index; a nil ix removes it.
func UseNameIndex(qs graph.QuadStore, pred quad.Value, ix NameIndex) {
	planner.UseNameIndex(qs, pred, ix)
}

// NameText is the text of a value that regex and like filters match, and whether it has one:
// a string's (plain, typed or with a language), an IRI's or a blank node's. A NameIndex orders
// its values by it.
func NameText(v quad.Value) (string, bool) { return planner.NameText(v) }

// UseBolt tells the planner that qs (a kv store) is kept in db, Cayley's bolt file, which
// it may then read directly. A nil db forgets it.
func UseBolt(qs graph.QuadStore, db *bolt.DB) { planner.UseBolt(qs, db) }
