package extract

import (
	"strings"
	"testing"
)

func TestLocalNamesScopeOneWordPeople(t *testing.T) {
	x := run(t, "Foreign Minister Bayramov met Jeyhun Aliyev in Baku. Bayramov said talks went well.", "")
	p := entity(x, "Bayramov")
	if p == nil || !strings.HasPrefix(p.ID, "person/bayramov@") {
		t.Fatalf("one-word person not local to the article: %s", entityNames(x))
	}
	for _, r := range x.Relations {
		if r.Subject == "person/bayramov" || r.Object == "person/bayramov" {
			t.Errorf("relation points at the global id: %+v", r)
		}
	}
	if f := entity(x, "Jeyhun Aliyev"); f == nil || f.ID != "person/jeyhun-aliyev" {
		t.Errorf("full name not global: %s", entityNames(x))
	}
	y := run(t, "Foreign Minister Bayramov met German officials in Berlin.", "")
	if q := entity(y, "Bayramov"); q == nil || q.ID == p.ID {
		t.Errorf("two articles' Bayramovs share an id without evidence")
	}
}

func TestLinkerLinksOnEvidenceOnly(t *testing.T) {
	l := NewLinker()
	a := run(t, "Azerbaijan's Foreign Minister Jeyhun Bayramov visited Germany.", "")
	if links, _ := l.Link(&a); len(links) != 0 {
		t.Fatalf("links from an article naming no one by one word: %+v", links)
	}
	b := run(t, "Azerbaijani Foreign Minister Bayramov met German officials in Berlin.", "")
	links, err := l.Link(&b)
	if err != nil || len(links) != 1 || links[0].To != "person/jeyhun-bayramov" || links[0].From != entity(b, "Bayramov").ID {
		t.Fatalf("surname not linked: %+v %v (%s)", links, err, entityNames(b))
	}
	if !strings.Contains(links[0].Reason, "Foreign Minister") {
		t.Errorf("reason does not give the evidence: %q", links[0].Reason)
	}
	// Another Bayramov, with no shared title or employer, stays someone else.
	c := run(t, "Coach Bayramov praised the team in Ganja.", "")
	if links, _ := l.Link(&c); len(links) != 0 {
		t.Errorf("linked without evidence: %+v", links)
	}
	// ... and the coach is known now: a later coach Bayramov is that one.
	d := run(t, "Coach Bayramov said the team was tired.", "")
	if links, _ := l.Link(&d); len(links) != 1 || links[0].To != entity(c, "Bayramov").ID {
		t.Errorf("one-word namesakes with the same title not linked: %+v", links)
	}
}

func TestLinkerRecallsAndRefusesAmbiguity(t *testing.T) {
	l := NewLinker()
	asked := 0
	l.Recall = func(word string) ([]Known, error) {
		asked++
		if word != "bayramov" {
			return nil, nil
		}
		return []Known{
			{ID: "person/jeyhun-bayramov", Name: "Jeyhun Bayramov", Roles: []KnownRole{{Title: "Foreign Minister"}}},
			{ID: "person/elmar-bayramov", Name: "Elmar Bayramov", Roles: []KnownRole{{Title: "Foreign Minister"}}},
		}, nil
	}
	b := run(t, "Foreign Minister Bayramov met German officials in Berlin. Bayramov left.", "")
	if links, err := l.Link(&b); err != nil || len(links) != 0 {
		t.Errorf("linked to one of two candidates: %+v %v", links, err)
	}
	l.Link(&b)
	if asked != 1 {
		t.Errorf("Recall asked %d times for one name", asked)
	}
}

func TestLinkerSameTitleElsewhereIsNoEvidence(t *testing.T) {
	l := NewLinker()
	a := run(t, "Jordan's King Abdullah met officials in Amman.", "")
	l.Link(&a)
	b := run(t, "Saudi Arabia's King Abdullah opened a school in Riyadh.", "")
	if links, _ := l.Link(&b); len(links) != 0 {
		t.Errorf("kings of two countries linked: %+v", links)
	}
}

func TestLinkerPrefersFullNames(t *testing.T) {
	l := NewLinker()
	a := run(t, "President Bush spoke in Texas.", "")
	l.Link(&a)
	b := run(t, "President George Bush spoke in Ohio.", "")
	l.Link(&b)
	c := run(t, "President Bush spoke in Iowa.", "")
	links, _ := l.Link(&c)
	if len(links) != 1 || links[0].To != "person/george-bush" {
		t.Errorf("want a link to the full name, got %+v", links)
	}
}
