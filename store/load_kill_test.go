package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// Issue 14: a load is all-or-nothing under SIGKILL with its merge refresh too. A load whose
// articles touch merged entities brings those merges' projections up to date after its last
// batch; killed before that, running it again skips its (stored) articles, so the refresh is
// journaled with the batches and the next writer completes it.

func init() {
	killOps["load"] = func(ctx context.Context, s *Store) error {
		defer func(n int) { s.batch = n }(s.batch)
		s.batch = 1 // one transaction per article (two for a replaced one)
		_, err := s.WriteArticles(loadKillArticles())
		return err
	}
}

// loadKillLinked is article L of loadKillBase: it names a person by one word, linked (a
// merge by LoadMergeBy) to p1.
var loadKillLinked = Article{IRI: "ng:article/L", Hash: "L1",
	Quads: append(entity("ng:article/L", "ng:person/bayramov", "schema:Person", "Bayramov"),
		entity("ng:article/L", "ng:person/p1", "schema:Person", "Jeyhun Bayramov")...),
	Links: []Link{{From: "ng:person/bayramov", To: "ng:person/p1", Reason: "one word"}},
}

// loadKillBase is killBase (p4 merged into p3 into p2) with article L.
func loadKillBase(t *testing.T, dir string) {
	killBase(t, dir)
	s, err := Open(Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st := write(t, s, loadKillLinked); st.Links != 1 {
		t.Fatalf("article L: %+v, want 1 link", st)
	}
}

// loadKillArticles is the load: new articles about the merged p2, p3 and p4 and about p1,
// one linking a one-word person to p4; article 3 (about p4) replaced by a version with other
// facts; article L replaced by a version without its one-word person (its link goes).
func loadKillArticles() []Article {
	var arts []Article
	for i := 12; i < 16; i++ {
		a := fmt.Sprint("ng:article/", i)
		p := fmt.Sprint("ng:person/p", 1+i%4)
		x := fmt.Sprint("ng:person/x", i)
		qs := entity(a, p, "schema:Person", "Jeyhun Bayramov")
		qs = append(qs, entity(a, x, "schema:Person", fmt.Sprint("Person ", i))...)
		qs = append(qs, q(quad.IRI(p), "ng:met", quad.IRI(x)), q(quad.IRI(x), "ng:met", quad.IRI(p)))
		arts = append(arts, Article{IRI: quad.IRI(a), Hash: fmt.Sprint(i), Quads: qs})
	}
	qs := entity("ng:article/16", "ng:person/jeyhun16", "schema:Person", "Jeyhun")
	qs = append(qs, entity("ng:article/16", "ng:org/o7", "schema:Organization", "Org 7")...)
	qs = append(qs, q("ng:person/jeyhun16", "schema:worksFor", quad.IRI("ng:org/o7")))
	arts = append(arts, Article{IRI: "ng:article/16", Hash: "16", Quads: qs,
		Links: []Link{{From: "ng:person/jeyhun16", To: "ng:person/p4", Reason: "one word"}}})
	qs = entity("ng:article/3", "ng:person/p4", "schema:Person", "Jeyhun Bayramov")
	qs = append(qs, entity("ng:article/3", "ng:org/o9", "schema:Organization", "Org 9")...)
	qs = append(qs, q("ng:person/p4", "schema:worksFor", quad.IRI("ng:org/o9")))
	arts = append(arts, Article{IRI: "ng:article/3", Hash: "3b", Quads: qs})
	qs = entity("ng:article/L", "ng:person/p1", "schema:Person", "Jeyhun Bayramov")
	arts = append(arts, Article{IRI: "ng:article/L", Hash: "L2", Quads: qs})
	return arts
}

func TestLoadSurvivesSIGKILL(t *testing.T) {
	base := filepath.Join(t.TempDir(), "base")
	loadKillBase(t, base)
	want := killEach(t, base, "load")
	// The uninterrupted load did refresh the merges: p4's new facts are p2's, article 3's old
	// ones are gone from p2, article L's link is gone, and no journal is left.
	for _, l := range []struct {
		line string
		in   bool
	}{
		{"<ng:person/p2> <ng:met> <ng:person/x15> <merge of <ng:person/p4>>", true},
		{"<ng:person/p2> <schema:worksFor> <ng:org/o9> <merge of <ng:person/p4>>", true},
		{"<ng:person/p2> <schema:worksFor> <ng:org/o0> <merge of <ng:person/p4>>", false},
		{"<ng:person/p2> <ng:met> <ng:person/x14> <merge of <ng:person/p3>>", true},
		{"<merge of <ng:person/bayramov>>", false},
		{"ng:journal", false},
	} {
		if strings.Contains(want, l.line) != l.in {
			t.Errorf("uninterrupted load: %q present %v, want %v; graph:\n%s", l.line, !l.in, l.in, want)
		}
	}
}
