package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// A new database has a [predicate, subject] index: a query that names a predicate and no
// node reads that predicate's quads instead of scanning all of them. A database made with
// Cayley's two indexes only (before this one was added) still opens and answers the same.
func TestPredicateIndex(t *testing.T) {
	ctx := context.Background()
	art := Article{IRI: "ng:article/a", Hash: "h", Quads: []quad.Quad{
		{Subject: quad.IRI("ng:person/a"), Predicate: quad.IRI("ng:received"), Object: quad.IRI("ng:person/b")},
		{Subject: quad.IRI("ng:person/a"), Predicate: quad.IRI("schema:name"), Object: quad.String("A")},
	}}
	q := `g.V().Tag("source").Out("<ng:received>").Tag("target").All()`
	check := func(s *Store, indexed bool) {
		t.Helper()
		res, err := s.Query(ctx, q, 0)
		if err != nil || len(res) != 1 {
			t.Fatalf("query: %v %v", res, err)
		}
		plans, err := s.Explain(ctx, q)
		if err != nil || len(plans) != 1 {
			t.Fatal(plans, err)
		}
		var b strings.Builder
		stack := plans
		for len(stack) > 0 {
			p := stack[0]
			stack = append(stack[1:], p.Children...)
			b.WriteString(p.Iterator + "\n")
		}
		if got := strings.Contains(b.String(), "[predicate subject]"); got != indexed {
			t.Errorf("plan uses the predicate index: %v, want %v:\n%s", got, indexed, b.String())
		}
	}
	s, err := Open(Bolt, filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteArticles([]Article{art}); err != nil {
		t.Fatal(err)
	}
	check(s, true)
	s.Close()

	old := filepath.Join(t.TempDir(), "old.db")
	ckv.DefaultQuadIndexes = quadIndexes[:2]
	s, err = Open(Bolt, old)
	ckv.DefaultQuadIndexes = quadIndexes
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteArticles([]Article{art}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(Bolt, old); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check(s, false)
}
