package store

import (
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/names"
)

// Writes through the Store save the name index as the log grows, so that the first query
// after a load does not read the whole load's log; the saved index holds each name once,
// found by its text.
func TestNameIndexSavedByWrites(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	var arts []Article
	for i := range 600 {
		arts = append(arts, Article{IRI: quad.IRI(fmt.Sprintf("news:n%d", i)), Hash: fmt.Sprint(i), Quads: []quad.Quad{
			q(quad.IRI(fmt.Sprintf("person:p%d", i)), name, fmt.Sprintf("Person %04d", i)),
			q(quad.IRI(fmt.Sprintf("person:p%d", i)), name, "Shared Name"),
		}})
	}
	write(t, s, arts...)
	ix := s.side.(*boltSide).names
	saved, horizon, values, err := ix.Saved()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, v := range values {
		if seen[string(v)] {
			t.Errorf("%q twice", v)
		}
		seen[string(v)] = true
	}
	if saved == 0 || saved+names.SaveEvery <= horizon {
		t.Fatalf("index saved at %d, the log is at %d", saved, horizon)
	}
	if len(seen) < 500 {
		t.Fatalf("%d names saved", len(seen))
	}
	rows, err := s.Query(t.Context(), `g.emit(g.V().Has("<schema:name>", regex("^Person 01")).Count())`, 0)
	if err != nil || len(rows) != 1 || fmt.Sprint(rows[0]) != "100" {
		t.Fatalf("people 0100-0199: %v %v", rows, err)
	}
}
