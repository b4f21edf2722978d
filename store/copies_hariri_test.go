package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// copyArticle is an article of text with the minhash and band quads package schema writes.
func copyArticle(id, text string) Article {
	iri := quad.IRI("ng:article/" + id)
	fp, _ := textkey.FingerprintOf(text)
	a := Article{IRI: iri, Hash: id}
	a.Quads = append(a.Quads, q(iri, terms.MinHash, fp.Signature.String()))
	for _, b := range fp.Bands {
		a.Quads = append(a.Quads, q(iri, terms.LSHBand, b))
	}
	a.Quads = append(a.Quads, entity(string(iri), "ng:person/jeyhun-bayramov", "schema:Person", "Jeyhun Bayramov")...)
	return a
}

func countPred(t *testing.T, s *Store, pred quad.IRI) (n int, objects map[string]int) {
	t.Helper()
	objects = map[string]int{}
	for _, l := range strings.Split(dump(t, s), "\n") {
		if f := strings.Fields(l); len(f) >= 3 && f[1] == "<"+string(pred)+">" {
			n++
			objects[f[2]]++
		}
	}
	return n, objects
}

// Issue 14, D9: n articles of one text were n(n-1)/2 copy links (and a band lookup and a
// signature read per earlier copy). Each copy now points at the story's first article.
func TestWireCopiesAreLinear(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	const text = "Azerbaijan's Foreign Minister Jeyhun Bayramov received Armenia's Foreign Minister Ararat Mirzoyan in Baku on Monday to discuss the peace treaty and the border."
	const n = 120
	var arts []Article
	for i := range n {
		arts = append(arts, copyArticle(fmt.Sprintf("copy-%03d", i), text))
	}
	write(t, s, arts[:n/2]...) // half stored first, half found in the same write
	write(t, s, arts[n/2:]...)
	links, to := countPred(t, s, terms.CopyOf)
	if links != n-1 || to["<ng:article/copy-000>"] != n-1 {
		t.Fatalf("%d copy links (want %d, each to copy-000): %v", links, n-1, to)
	}
	if bands, _ := countPred(t, s, terms.LSHBand); bands != textkey.Bands {
		t.Errorf("%d ng:lshBand quads, want %d (the story's article's only)", bands, textkey.Bands)
	}
	// Forgetting the story's article makes the first copy the story's article.
	if _, err := s.Forget(context.Background(), arts[0].IRI); err != nil {
		t.Fatal(err)
	}
	links, to = countPred(t, s, terms.CopyOf)
	if links != n-2 || to["<ng:article/copy-001>"] != n-2 {
		t.Fatalf("after forgetting the story's article: %d copy links (want %d, to copy-001): %v", links, n-2, to)
	}
	if bands, _ := countPred(t, s, terms.LSHBand); bands != textkey.Bands {
		t.Errorf("after forget: %d ng:lshBand quads, want %d", bands, textkey.Bands)
	}
	// Loaded again, it is a copy of that one.
	write(t, s, arts[0])
	if links, to = countPred(t, s, terms.CopyOf); links != n-1 || to["<ng:article/copy-001>"] != n-1 {
		t.Errorf("reloaded: %d copy links: %v", links, to)
	}
	stories, copies, err := Corroboration(context.Background(), s, "ng:person/jeyhun-bayramov", terms.Name, quad.String("Jeyhun Bayramov"))
	if err != nil || stories != 1 || copies != n {
		t.Errorf("corroboration %d stories in %d copies, %v: want 1 story in %d copies", stories, copies, err, n)
	}
}

// entity makes the quads package schema writes for an entity in an article.
func entity(art, id, typ, name string, more ...quad.Quad) []quad.Quad {
	e := quad.IRI(id)
	qs := []quad.Quad{
		q(quad.IRI(art), terms.Mentions, e),
		q(e, terms.Type, quad.IRI(typ)),
		q(e, terms.Name, name),
	}
	for _, m := range more {
		m.Subject = e
		qs = append(qs, m)
	}
	return qs
}
