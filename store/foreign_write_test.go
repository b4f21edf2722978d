package store

import (
	"testing"

	"github.com/cayleygraph/quad"
)

// A write around the Store (the server's Cayley write API) leaves the card index unread until
// the next Open for writing makes it again, and the merge table forgotten.
func TestForeignWriteMarksTheCardIndexDirty(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	write(t, s, article1("h1"))
	if !s.cardsUsable() {
		t.Fatal("the card index is not usable after an article write")
	}
	err := s.ForeignWrite(func() {
		if err := s.APIWriter().AddQuad(quad.Make(quad.IRI("person:carol"), name, "Carol", quad.IRI("news:a3"))); err != nil {
			t.Error(err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.cardsUsable() {
		t.Error("the card index is read after a write that went around it")
	}
	if s.merges.t != nil {
		t.Error("the merge table outlived a write that went around the Store")
	}
}
