package mergetable

import (
	"slices"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/terms"
)

// Merges chain: B into A, then A into Z puts B's quads on Z; the table's saved form gives
// the same table back; a merge's record read back is the merge.
func TestChainsAndSavedForm(t *testing.T) {
	tb := New()
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	ba, err := tb.NewMerge("e:A", "e:B", Options{By: "test", At: at})
	if err != nil {
		t.Fatal(err)
	}
	tb.Add(ba)
	az, err := tb.NewMerge("e:Z", "e:A", Options{By: "test", At: at})
	if err != nil {
		t.Fatal(err)
	}
	tb.Add(az)
	if _, err := tb.NewMerge("e:B", "e:Z", Options{}); err == nil {
		t.Error("merging Z into B, which is part of Z, did not fail")
	}
	if _, err := tb.NewMerge("e:Y", "e:B", Options{}); err == nil {
		t.Error("merging B, merged already, did not fail")
	}
	if got := tb.Root(quad.IRI("e:B")); got != quad.IRI("e:Z") {
		t.Errorf("Root(B) = %v, want e:Z", got)
	}
	if got, want := tb.Members(quad.IRI("e:Z")), []quad.IRI{"e:Z", "e:A", "e:B"}; !slices.Equal(got, want) {
		t.Errorf("Members(Z) = %v, want %v", got, want)
	}
	if got := tb.Affected(az); len(got) != 2 || got[0] != az || got[1] != ba {
		t.Errorf("Affected(A into Z) = %v, want it and B into A", got)
	}
	p := tb.Project(ba, quad.Quad{Subject: quad.IRI("e:B"), Predicate: terms.Name, Object: quad.String("Bee")})
	if want := (quad.Quad{Subject: quad.IRI("e:Z"), Predicate: terms.AlternateName, Object: quad.String("Bee"), Label: ba.IRI}); p != want {
		t.Errorf("Project = %v, want %v", p, want)
	}

	b, err := Encode(tb)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if back.Fingerprint() != tb.Fingerprint() || back.Fingerprint() == 0 {
		t.Errorf("decoded fingerprint %x, want %x", back.Fingerprint(), tb.Fingerprint())
	}
	if got := back.Of(quad.IRI("e:B")); got == nil || *got != *ba {
		t.Errorf("decoded Of(B) = %+v, want %+v", got, ba)
	}

	rec := append(ba.Record(), ba.OntoQuad("e:Z"), ba.OntoQuad("e:A"))
	m := FromQuads(ba.IRI, rec)
	if m == nil || m.Merged != "e:B" || m.Into != "e:A" || m.By != "test" || m.At != ba.At {
		t.Fatalf("FromQuads = %+v, want %+v", m, ba)
	}
	if got := m.Roots(); !slices.Equal(got, []quad.IRI{"e:Z", "e:A"}) {
		t.Errorf("Roots = %v, want the recorded root then the stale one", got)
	}
	if gone, changed := m.Reroot("e:Z"); !changed || !slices.Equal(gone, []quad.IRI{"e:A"}) {
		t.Errorf("Reroot(Z) = %v, %v; want [e:A], true", gone, changed)
	}
	if _, changed := m.Reroot("e:Z"); changed {
		t.Error("Reroot to the only root changed something")
	}

	tb.Remove(az)
	if got := tb.Root(quad.IRI("e:B")); got != quad.IRI("e:A") || tb.Of(quad.IRI("e:A")) != nil {
		t.Errorf("after removing A into Z, Root(B) = %v", got)
	}
	if !IsLabel(ba.IRI) || IsLabel(quad.IRI("news:1")) {
		t.Error("IsLabel")
	}
}
