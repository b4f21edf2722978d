package planner

import (
	"context"
	"fmt"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
)

var newsgraphIndexes = []kv.QuadIndex{
	{Dirs: []quad.Direction{quad.Subject, quad.Predicate}},
	{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}},
	{Dirs: []quad.Direction{quad.Predicate, quad.Subject}},
}

// The direct reads of the bolt file give every index prefix's quads as Cayley's scan of it
// does, in its order, without the quads deleted since (which the index entries still list),
// and the count of an entry's quads is what the entries list.
func TestRawScansGiveCayleysScans(t *testing.T) {
	quads := hubQuads(120)
	kqs := boltStore(t, newsgraphIndexes, quads)
	// forget some articles: their quads stay in the log, marked deleted, and in the entries
	var del []cgraph.Delta
	for _, q := range quads {
		if l := fmt.Sprint(q.Label); l == "<article/7>" || l == "<article/30>" || l == "<article/31>" {
			del = append(del, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
	}
	if err := kqs.ApplyDeltas(del, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	db := boltOf(kqs)
	if db == nil {
		t.Fatal("the test store's bolt database is not known")
	}
	ctx := context.Background()
	node := func(v quad.Value) uint64 {
		r, err := kqs.ValueOf(v)
		if err != nil || r == nil {
			t.Fatalf("no node %v: %v", v, err)
		}
		return uint64(r.(kv.Int64Value))
	}
	hub, name, worksFor, p3, absent := node(quad.IRI("hub")), node(quad.IRI("name")), node(quad.IRI("worksFor")), node(quad.IRI("person/3")), uint64(1<<40)
	scans := []kv.IndexScan{
		{Index: newsgraphIndexes[0]},
		{Index: newsgraphIndexes[0], Values: []uint64{hub}},
		{Index: newsgraphIndexes[0], Values: []uint64{p3, name}},
		{Index: newsgraphIndexes[1], Values: []uint64{hub}},
		{Index: newsgraphIndexes[1], Values: []uint64{hub, worksFor}},
		{Index: newsgraphIndexes[1], Values: []uint64{hub, worksFor, p3}},
		{Index: newsgraphIndexes[2], Values: []uint64{name}},
		{Index: newsgraphIndexes[2], Values: []uint64{worksFor, p3}},
		{Index: newsgraphIndexes[2], Values: []uint64{absent}},
		{Index: kv.QuadIndex{Dirs: []quad.Direction{quad.Label}}, Values: []uint64{hub}}, // no such index
	}
	listedDeleted := false
	for _, sc := range scans {
		it := sc.BuildIterator(kqs).Iterate()
		want := ids(t, func() (*proto.Primitive, bool) {
			if !it.Next(ctx) {
				return nil, false
			}
			return it.Result().(*proto.Primitive), true
		})
		if err := it.Close(); err != nil {
			t.Fatal(err)
		}
		raw := newRawScan(db, sc)
		got := ids(t, func() (*proto.Primitive, bool) {
			if !raw.Next(ctx) {
				return nil, false
			}
			return raw.Result().(*proto.Primitive), true
		})
		if err := raw.Close(); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%v %v: read %d quads (%v), Cayley's scan %d (%v)", sc.Index.Dirs, sc.Values, len(got), firstIDs(got), len(want), firstIDs(want))
		}
		n, count := 0, newRawCount(db, sc)
		for count.Next(ctx) {
			n++
		}
		if count.Close() != nil || n < len(want) {
			t.Errorf("%v %v: counted %d quads, fewer than the %d it has (%v)", sc.Index.Dirs, sc.Values, n, len(want), count.Err())
		}
		listedDeleted = listedDeleted || n > len(want)
	}
	if !listedDeleted {
		t.Error("no entry lists a deleted quad: the test does not try the skipping of deleted quads")
	}
}
