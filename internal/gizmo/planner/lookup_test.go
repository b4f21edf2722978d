package planner

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/kv/bbolt"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
)

// boltStore is a new bolt store with the given quad indexes (nil: Cayley's two) holding
// quads: a real kv store, as newsgraph's, made without newsgraph's graph package, opened as
// Cayley's bbolt backend opens it, with its bolt database given to the planner (UseBolt) as
// newsgraph's store gives it.
func boltStore(t *testing.T, indexes []kv.QuadIndex, quads []quad.Quad) *kv.QuadStore {
	t.Helper()
	if indexes == nil {
		indexes = []kv.QuadIndex{
			{Dirs: []quad.Direction{quad.Subject, quad.Predicate}},
			{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}},
		}
	}
	// A new kv store takes its indexes from this variable (newsgraph's graph package, linked
	// into this test binary by the package's other tests, sets it too).
	old := kv.DefaultQuadIndexes
	kv.DefaultQuadIndexes = indexes
	defer func() { kv.DefaultQuadIndexes = old }()
	path := filepath.Join(t.TempDir(), "db")
	if err := cgraph.InitQuadStore(bbolt.Type, path, nil); err != nil {
		t.Fatal(err)
	}
	hdb, err := hbolt.Open(filepath.Join(path, "indexes.bolt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := kv.New(hdb, nil)
	if err != nil {
		hdb.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { qs.Close() })
	UseBolt(qs, hdb.DB())
	if err := qs.ApplyDeltas(deltas(quads), cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		t.Fatal(err)
	}
	return qs.(*kv.QuadStore)
}

func deltas(qs []quad.Quad) []cgraph.Delta {
	out := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		out[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	return out
}

// hubQuads: a hub named by many articles (one name quad each), people who work for it,
// and a few other predicates.
func hubQuads(articles int) []quad.Quad {
	var qs []quad.Quad
	for i := 0; i < articles; i++ {
		art := quad.IRI(fmt.Sprintf("article/%d", i))
		person := quad.IRI(fmt.Sprintf("person/%d", i%40))
		qs = append(qs,
			quad.Make(quad.IRI("hub"), quad.IRI("name"), quad.String("Hub"), art),
			quad.Make(quad.IRI("hub"), quad.IRI("nameKey"), quad.String(fmt.Sprintf("hub %d", i%3)), art),
			quad.Make(person, quad.IRI("worksFor"), quad.IRI("hub"), art),
			quad.Make(person, quad.IRI("name"), quad.String(fmt.Sprintf("Person %d", i%40)), art),
			quad.Make(person, quad.IRI("type"), quad.IRI("Person"), art),
		)
	}
	return qs
}

func ids(t *testing.T, next func() (*proto.Primitive, bool)) []uint64 {
	t.Helper()
	var out []uint64
	for {
		p, ok := next()
		if !ok {
			return out
		}
		out = append(out, p.ID)
	}
}

// The cursors of one reader, reading the same node and predicate interleaved, each give the
// quads of the index scan in its order, however much of it another cursor has kept, and
// however little a reader may keep.
func TestReadCursorsGiveTheIndexScan(t *testing.T) {
	kqs := boltStore(t, nil, hubQuads(250))
	ctx := context.Background()
	hub, _ := kqs.ValueOf(quad.IRI("hub"))
	name, _ := kqs.ValueOf(quad.IRI("name"))
	ind := kv.QuadIndex{Dirs: []quad.Direction{quad.Subject, quad.Predicate}}
	scan := kv.IndexScan{Index: ind, Values: []uint64{uint64(hub.(kv.Int64Value)), uint64(name.(kv.Int64Value))}}
	sc := scan.BuildIterator(kqs).Iterate()
	want := ids(t, func() (*proto.Primitive, bool) {
		if !sc.Next(ctx) {
			return nil, false
		}
		return sc.Result().(*proto.Primitive), true
	})
	sc.Close()
	if len(want) != 250 {
		t.Fatalf("the scan has %d quads, want 250", len(want))
	}
	for _, held := range []int{1 << 16, 100, 5, 0} {
		t.Run(fmt.Sprint("held ", held), func(t *testing.T) {
			defer func(old int) { maxHeld = old }(maxHeld)
			maxHeld = held
			r := newQuadReader(kqs)
			cursor := func() *readCursor {
				c := r.cursor(ind, quad.Subject, scan.Values[0], scan.Values[1])
				return &c
			}
			read := func(c *readCursor, n int) []uint64 {
				var out []uint64
				for i := 0; i != n; i++ {
					q, ok := c.next(ctx)
					if !ok {
						if c.err != nil {
							t.Fatal(c.err)
						}
						break
					}
					out = append(out, q.(*proto.Primitive).ID)
				}
				return out
			}
			a, b := cursor(), cursor()
			got := read(a, 3)                   // a reads three, keeps them
			gotB := read(b, 1)                  // b reads the first from what a kept
			gotB = append(gotB, read(b, -1)...) // then past it, from the index
			got = append(got, read(a, 10)...)   // a goes on where it was
			a.close()
			c := cursor() // c reads everything a new reader would
			gotC := read(c, -1)
			got = append(got, read(a, -1)...) // a, closed, reopens its scan where it was
			for name, g := range map[string][]uint64{"a": got, "b": gotB, "c": gotC} {
				if !slices.Equal(g, want) {
					t.Errorf("cursor %s read %d quads, not the scan's %d (first %v, want %v)", name, len(g), len(want), firstIDs(g), firstIDs(want))
				}
			}
			if r.held > held {
				t.Errorf("the reader keeps %d quads, more than %d", r.held, held)
			}
		})
	}
}

func firstIDs(xs []uint64) []uint64 { return xs[:min(len(xs), 5)] }
