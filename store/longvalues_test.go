package store

import (
	"context"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/longiri"
	"github.com/newsgraph/newsgraph/store/terms"
)

// An article with a 40 KB IRI, a 40 KB URL and an entity with a 40 KB IRI and a 42 KB name is
// stored, the store opens for writing again and takes more writes, the long IRIs are stored
// short with their full value kept as a literal, and the entity's card is found by its name
// (D1: the card index keyed rows by them; bolt refused the keys, and every later Open for
// writing failed).
func TestLongIRIsAndNamesKeepTheStoreWritable(t *testing.T) {
	s, dir := openTestStore(t, Bolt)
	long := strings.Repeat("x", 40<<10)
	art := quad.IRI("news:" + long)
	ent := quad.IRI("person:" + long)
	longName := strings.Repeat("Jeyhun Bayramov ", 42<<10/16)
	url := quad.IRI("https://example.org/" + long)
	write(t, s, Article{IRI: art, Hash: "h", Quads: []quad.Quad{
		q(art, terms.Mentions, ent),
		q(art, quad.IRI("schema:url"), url),
		q(ent, terms.Type, quad.IRI("schema:Person")),
		q(ent, name, longName),
	}})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(Bolt, dir)
	if err != nil {
		t.Fatalf("open again: %v", err)
	}
	defer s.Close()
	if st := write(t, s, Article{IRI: art, Hash: "h"}, article2()); st.Unchanged != 1 || st.Added != 1 {
		t.Errorf("writes after: %+v", st)
	}
	d := dump(t, s)
	for _, iri := range []quad.IRI{art, ent, url} {
		short := longiri.Bound(iri)
		if len(short) > 400 || !strings.Contains(d, short.String()+" <ng:fullIRI> "+quad.String(iri).String()) {
			t.Errorf("%.40s... is not stored short (%.40s...) with its full IRI", iri, short)
		}
	}
	if strings.Contains(d, long+">") {
		t.Error("a long IRI is stored as it is")
	}
	id, _, _, _, err := CardSummary(context.Background(), s, longName)
	if err != nil || id != longiri.Bound(ent) {
		t.Errorf("card by the long name: %v %v", id, err)
	}
}
