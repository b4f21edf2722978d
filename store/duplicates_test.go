package store

import (
	"context"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/terms"
)

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

func TestDuplicateSignals(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	wd := func(id string) quad.Quad { return q("", terms.SameAs, quad.IRI("http://www.wikidata.org/entity/"+id)) }
	alias := func(a string) quad.Quad { return q("", terms.AlternateName, a) }
	a1 := Article{IRI: "ng:article/1", Hash: "1"}
	a1.Quads = append(a1.Quads, entity("ng:article/1", "ng:person/mikhail-saakashvili", "schema:Person", "Mikhail Saakashvili")...)
	a1.Quads = append(a1.Quads, entity("ng:article/1", "ng:person/saakashvili", "schema:Person", "Saakashvili")...)
	a2 := Article{IRI: "ng:article/2", Hash: "2"}
	a2.Quads = append(a2.Quads, entity("ng:article/2", "ng:org/nato", "schema:Organization", "North Atlantic Treaty Organisation", wd("Q7184"))...)
	a2.Quads = append(a2.Quads, entity("ng:article/2", "ng:org/atlantic-alliance", "schema:Organization", "Atlantic Alliance", wd("Q7184"))...)
	a2.Quads = append(a2.Quads, entity("ng:article/2", "ng:org/pfp", "schema:Organization", "Partnership for Peace", alias("PfP"))...)
	a2.Quads = append(a2.Quads, entity("ng:article/2", "ng:org/pfp-2", "schema:Organization", "PfP")...)
	a3 := Article{IRI: "ng:article/3", Hash: "3"}
	a3.Quads = append(a3.Quads, entity("ng:article/3", "ng:country/turkiye", "schema:Country", "Türkiye")...)
	a3.Quads = append(a3.Quads, entity("ng:article/3", "ng:country/turkiye-x", "schema:Country", "TURKIYE")...)
	a3.Quads = append(a3.Quads, entity("ng:article/3", "ng:person/george-smith", "schema:Person", "George Smith")...)
	a3.Quads = append(a3.Quads, entity("ng:article/3", "ng:place/georgia", "schema:Place", "Georgia")...)
	write(t, s, a1, a2, a3)

	ds, err := s.Duplicates(context.Background(), DuplicateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Duplicate{}
	for _, d := range ds {
		got[string(d.Keep.ID)+" = "+string(d.Other.ID)] = d
	}
	for pair, want := range map[string]struct {
		signal string
		score  float64
	}{
		"ng:org/nato = ng:org/atlantic-alliance":                {"wikidata", 1},
		"ng:country/turkiye = ng:country/turkiye-x":             {"name", 0.96},
		"ng:org/pfp = ng:org/pfp-2":                             {"alias", 0.85},
		"ng:person/mikhail-saakashvili = ng:person/saakashvili": {"surname", 0.9},
	} {
		d, ok := got[pair]
		if !ok || !slices.Contains(d.Signals, want.signal) || d.Score != want.score {
			t.Errorf("%s: %+v (%v), want %s at %.2f", pair, d, ok, want.signal, want.score)
		}
	}
	if len(ds) != 4 {
		t.Errorf("%d pairs, want 4: %+v", len(ds), ds)
	}
}

func TestNameSimilarity(t *testing.T) {
	for _, c := range []struct {
		a, b string
		min  float64
	}{
		{"elmar mammadyarov", "elmar mamedyarov", 0.85},
		{"rahm emmanuel", "rahm emanuel", 0.9},
		{"abc", "xyz", 0},
	} {
		if got := nameSimilarity(c.a, c.b); got < c.min || c.min == 0 && got > 0.01 {
			t.Errorf("nameSimilarity(%q, %q) = %.2f", c.a, c.b, got)
		}
	}
}

// Two one-word people of the same name and title, at two countries: the same name is weak
// evidence then, and the conflict is said.
func TestDuplicateConflictingRoles(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	king := func(art, person, role, country string) []quad.Quad {
		qs := entity(art, person, "schema:Person", "Abdullah")
		r := quad.IRI(role)
		return append(qs, q(r, terms.Holder, quad.IRI(person)), q(r, terms.RoleName, "King"), q(r, terms.Of, quad.IRI(country)),
			q(r, terms.Type, terms.Role))
	}
	a1 := Article{IRI: "ng:article/1", Hash: "1", Quads: king("ng:article/1", "ng:person/abdullah@1", "ng:role/1", "ng:country/jordan")}
	a2 := Article{IRI: "ng:article/2", Hash: "2", Quads: king("ng:article/2", "ng:person/abdullah@2", "ng:role/2", "ng:country/saudi-arabia")}
	a3 := Article{IRI: "ng:article/3", Hash: "3", Quads: king("ng:article/3", "ng:person/abdullah@3", "ng:role/3", "ng:country/jordan")}
	if _, err := s.WriteArticles([]Article{a1, a2, a3}); err != nil {
		t.Fatal(err)
	}
	ds, err := s.Duplicates(context.Background(), DuplicateOptions{MinScore: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	score := map[string]float64{}
	for _, d := range ds {
		score[string(d.Keep.ID)+" "+string(d.Other.ID)] = d.Score
		score[string(d.Other.ID)+" "+string(d.Keep.ID)] = d.Score
	}
	same, other := score["ng:person/abdullah@1 ng:person/abdullah@3"], score["ng:person/abdullah@1 ng:person/abdullah@2"]
	if same < 0.95 || other == 0 || other >= 0.5 {
		t.Errorf("kings of one country %.2f (want >= 0.95), of two countries %.2f (want listed, below 0.5): %+v", same, other, ds)
	}
}
