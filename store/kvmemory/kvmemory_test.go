package kvmemory

import (
	"context"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv/bbolt" // registers Cayley's "bbolt" backend
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
)

// Forget finds every field it needs in the Cayley version go.mod pins, and the quad store
// reads and writes as before after it.
func TestForgetFindsCayleysFields(t *testing.T) {
	dir := t.TempDir()
	if err := cgraph.InitQuadStore(bbolt.Type, dir, nil); err != nil {
		t.Fatal(err)
	}
	qs, err := cgraph.NewQuadStore(bbolt.Type, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	add := func(s, o string) {
		t.Helper()
		d := cgraph.Delta{Quad: quad.Make(quad.IRI(s), quad.IRI("p"), quad.IRI(o), nil), Action: cgraph.Add}
		if err := qs.ApplyDeltas([]cgraph.Delta{d}, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
			t.Fatal(err)
		}
	}
	add("a", "b")
	if err := Forget(qs); err != nil {
		t.Fatalf("Forget: %v", err)
	}
	add("b", "c")
	add("a", "b") // stored already: the bloom filter is off, the lookup finds it
	st, err := qs.Stats(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if st.Quads.Value != 2 {
		t.Errorf("after Forget, %d quads stored, want 2", st.Quads.Value)
	}
}

// A quad store that is not Cayley's kv store has nothing to forget.
func TestForgetOtherQuadStores(t *testing.T) {
	if err := Forget(memstore.New()); err != nil {
		t.Errorf("Forget(memstore): %v", err)
	}
}
