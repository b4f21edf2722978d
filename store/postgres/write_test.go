package postgres

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// ApplyDeltas (write.go) on the cases newsgraph's own writes do not make but Cayley's API
// (serve --writable) and import do: quads without a label, a quad added twice, deletes of
// quads that are not stored, and the errors Cayley gives without IgnoreDup and
// IgnoreMissing. After each step every node's reference count is the number of quad
// directions that name it, and nothing else is stored.
func TestPostgresApplyDeltasCountsExactly(t *testing.T) {
	p, err := Open(pgTestDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	labelled := quad.Make(quad.IRI("a"), quad.IRI("knows"), quad.IRI("b"), quad.IRI("art1"))
	bare := quad.Make(quad.IRI("a"), quad.IRI("knows"), quad.IRI("b"), nil)
	other := quad.Make(quad.IRI("b"), quad.IRI("name"), quad.String("Bea"), nil)
	add := func(qs ...quad.Quad) []cgraph.Delta {
		var out []cgraph.Delta
		for _, q := range qs {
			out = append(out, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		return out
	}
	del := func(qs ...quad.Quad) []cgraph.Delta {
		var out []cgraph.Delta
		for _, q := range qs {
			out = append(out, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
		return out
	}
	ignore := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	check := func(step string, quads, nodes int, own int64) {
		t.Helper()
		var nq, nn int
		if err := p.DB().QueryRow(`SELECT (SELECT count(*) FROM quads), (SELECT count(*) FROM nodes)`).Scan(&nq, &nn); err != nil {
			t.Fatal(err)
		}
		if nq != quads || nn != nodes {
			t.Errorf("%s: %d quads and %d nodes, want %d and %d", step, nq, nn, quads, nodes)
		}
		rows, err := p.DB().Query(`SELECT encode(n.hash, 'hex'), n.refs, (SELECT count(*) FROM quads q WHERE q.subject_hash = n.hash)
			+ (SELECT count(*) FROM quads q WHERE q.predicate_hash = n.hash) + (SELECT count(*) FROM quads q WHERE q.object_hash = n.hash)
			+ (SELECT count(*) FROM quads q WHERE q.label_hash = n.hash) FROM nodes n`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var wrong []string
		for rows.Next() {
			var h string
			var refs, uses int
			if err := rows.Scan(&h, &refs, &uses); err != nil {
				t.Fatal(err)
			}
			if refs != uses {
				wrong = append(wrong, fmt.Sprintf("%s: refs %d, used %d times", h[:8], refs, uses))
			}
		}
		if len(wrong) > 0 {
			t.Errorf("%s: reference counts: %s", step, strings.Join(wrong, "; "))
		}
		if got := p.OwnQuadsAdded(); got != own {
			t.Errorf("%s: OwnQuadsAdded %d, want %d", step, got, own)
		}
	}
	if err := p.ApplyDeltas(add(labelled, bare, other, bare), ignore); err != nil {
		t.Fatal(err)
	}
	check("added, one twice", 3, 6, 3) // a, knows, b, art1, name, "Bea"
	if err := p.ApplyDeltas(add(labelled, other), ignore); err != nil {
		t.Fatal(err)
	}
	check("added again", 3, 6, 3)
	if err := p.ApplyDeltas(add(bare), cgraph.IgnoreOpts{}); !errors.Is(err, cgraph.ErrQuadExists) {
		t.Errorf("a stored quad added without IgnoreDup: %v, want ErrQuadExists", err)
	}
	check("refused add", 3, 6, 3)
	if err := p.ApplyDeltas(del(bare, other, other), ignore); err != nil {
		t.Fatal(err)
	}
	check("deleted the unlabelled ones, one twice", 1, 4, 1)
	if err := p.ApplyDeltas(del(other), cgraph.IgnoreOpts{}); !errors.Is(err, cgraph.ErrQuadNotExist) {
		t.Errorf("a missing quad deleted without IgnoreMissing: %v, want ErrQuadNotExist", err)
	}
	check("refused delete", 1, 4, 1)
	// Adding and deleting one quad in one call leaves it deleted, as Cayley's stores do.
	if err := p.ApplyDeltas(append(add(other), del(other, labelled)...), ignore); err != nil {
		t.Fatal(err)
	}
	check("added and deleted in one call", 0, 0, 0)
}
