package store

import (
	"context"
	"fmt"
	"slices"
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
	c, err := s.Corroboration(context.Background(), "ng:person/jeyhun-bayramov", terms.Name, quad.String("Jeyhun Bayramov"))
	if err != nil || c.Articles != 1 || c.Copies != n {
		t.Errorf("corroboration %+v, %v: want 1 story in %d copies", c, err, n)
	}
}

// Issue 14: duplicates --auto merged Saad Hariri into Rafik Hariri (a son into his father:
// both "Hariri", both Prime Minister of Lebanon). They stay a candidate pair, never merged.
func TestDifferentGivenNamesNeverAutoMerge(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	pm := func(art, person, name, role string) []quad.Quad {
		qs := entity(art, person, "schema:Person", name, q("", terms.AlternateName, "Hariri"))
		r := quad.IRI(role)
		return append(qs, q(r, terms.Holder, quad.IRI(person)), q(r, terms.RoleName, "Prime Minister"),
			q(r, terms.Of, quad.IRI("ng:country/lebanon")), q(r, terms.Type, terms.Role))
	}
	a1 := Article{IRI: "ng:article/1", Hash: "1", Quads: pm("ng:article/1", "ng:person/rafik-hariri", "Rafik Hariri", "ng:role/1")}
	a2 := Article{IRI: "ng:article/2", Hash: "2", Quads: pm("ng:article/2", "ng:person/saad-hariri", "Saad Hariri", "ng:role/2")}
	a3 := Article{IRI: "ng:article/3", Hash: "3", Quads: pm("ng:article/3", "ng:person/rafiq-hariri", "Rafiq Hariri", "ng:role/3")}
	write(t, s, a1, a2, a3)
	ctx := context.Background()
	ds, err := s.Duplicates(ctx, DuplicateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var saad, rafiq *Duplicate
	for i, d := range ds {
		pair := string(d.Keep.ID) + " " + string(d.Other.ID)
		switch {
		case strings.Contains(pair, "saad") && strings.Contains(pair, "rafik"):
			saad = &ds[i]
		case strings.Contains(pair, "rafiq") && strings.Contains(pair, "rafik"):
			rafiq = &ds[i]
		}
	}
	if saad == nil || saad.Score >= AutoMergeScore || !slices.Contains(saad.Signals, givenNamesSignal) {
		t.Errorf("Saad and Rafik Hariri: %+v, want listed below %.2f with %q", saad, AutoMergeScore, givenNamesSignal)
	}
	if rafiq == nil || rafiq.Score < AutoMergeScore {
		t.Errorf("Rafik and Rafiq Hariri (one name, two spellings): %+v, want at least %.2f", rafiq, AutoMergeScore)
	}
	ms, err := s.AutoMerge(ctx, ds, 0.5, "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if strings.Contains(string(m.Merged)+string(m.Into), "saad") {
			t.Errorf("merged %s into %s", m.Merged, m.Into)
		}
	}
}
