package extract

import "testing"

func TestLinkerMergesOnEvidenceOnly(t *testing.T) {
	l := NewLinker()
	a := run(t, "Azerbaijan's Foreign Minister Jeyhun Bayramov visited Germany.", "")
	l.Link(&a)
	b := run(t, "Azerbaijani Foreign Minister Bayramov met German officials in Berlin.", "")
	l.Link(&b)
	p := entity(b, "Jeyhun Bayramov")
	if p == nil || p.ID != "person/jeyhun-bayramov" {
		t.Fatalf("surname not linked: %s", entityNames(b))
	}
	for _, r := range b.Relations {
		if r.Subject == "person/bayramov" || r.Object == "person/bayramov" {
			t.Errorf("relation still points at the surname: %+v", r)
		}
	}
	// Another Bayramov, with no shared title or employer, stays someone else.
	c := run(t, "Coach Bayramov praised the team in Ganja.", "")
	l.Link(&c)
	if entity(c, "Jeyhun Bayramov") != nil {
		t.Errorf("merged without evidence: %s", entityNames(c))
	}
}
