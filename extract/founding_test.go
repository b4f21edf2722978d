package extract

import (
	"os"
	"strings"
	"testing"
)

// The founding article and what a careful reader takes from it
// (../shared/examples/trend-azerbaijan-nato.expected.md).
func foundingArticle(t *testing.T) (string, Extraction) {
	t.Helper()
	b, err := os.ReadFile("../examples/testdata/trend-azerbaijan-nato.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b), run(t, string(b), "")
}

func TestFoundingArticleEntities(t *testing.T) {
	_, x := foundingArticle(t)
	want := []struct {
		name, typ string
		mentions  []string // every one of these texts is a mention
	}{
		{"Jeyhun Bayramov", Person, []string{"Jeyhun Bayramov", "Azerbaijan's Foreign Minister Jeyhun Bayramov"}},
		{"Radmila Shekerinska", Person, []string{"Radmila Shekerinska", "NATO Deputy Secretary General Radmila Shekerinska"}},
		{"Heydar Aliyev", Person, []string{"Heydar Aliyev", "late President Heydar Aliyev"}},
		{"Azerbaijan", Country, []string{"Azerbaijan", "Azerbaijani"}},
		{"Armenia", Country, []string{"Armenia"}},
		{"Afghanistan", Country, []string{"Afghanistan"}},
		{"Kosovo", Country, []string{"Kosovo"}},
		{"Baku", City, []string{"BAKU"}},
		{"Washington, D.C.", City, []string{"Washington"}},
		{"North Atlantic Treaty Organisation", Organization, []string{"NATO"}},
		{"Ministry of Foreign Affairs of Azerbaijan", Organization, []string{"Azerbaijani Ministry of Foreign Affairs"}},
		{"Trend News Agency", Organization, []string{"Trend", "Trend News Agency"}},
		{"North Atlantic Cooperation Council", Organization, []string{"North Atlantic Cooperation Council", "NACC"}},
		{"Partnership for Peace", Organization, []string{"Partnership for Peace", "PfP"}},
		{"Euro-Atlantic Partnership Council", Organization, []string{"Euro-Atlantic Partnership Council", "EAPC"}},
		{"Planning and Review Process", Organization, []string{"Planning and Review Process", "PARP"}},
		{"Partnership for Peace Framework Document", Agreement, nil},
		{"Washington summit", Event, []string{"Washington summit"}},
	}
	for _, w := range want {
		e := entity(x, w.name)
		if e == nil {
			t.Errorf("missing %s (%s); have %s", w.name, w.typ, entityNames(x))
			continue
		}
		if e.Type != w.typ {
			t.Errorf("%s typed %s, want %s", w.name, e.Type, w.typ)
		}
		for _, m := range w.mentions {
			found := false
			for _, em := range e.Mentions {
				found = found || em.Text == m
			}
			if !found {
				t.Errorf("%s: no mention %q in %+v", w.name, m, e.Mentions)
			}
		}
	}
	// PfP is mentioned three times (once by its long name), Afghanistan twice.
	if n := len(entity(x, "Partnership for Peace").Mentions); n != 3 {
		t.Errorf("PfP has %d mentions, want 3", n)
	}
	if n := len(entity(x, "Afghanistan").Mentions); n != 2 {
		t.Errorf("Afghanistan has %d mentions, want 2", n)
	}
	if e := entity(x, "Washington summit"); e != nil && e.Value != "--08-08" {
		t.Errorf("summit date %q", e.Value)
	}
}

func TestFoundingArticleMustNotAppear(t *testing.T) {
	_, x := foundingArticle(t)
	for _, e := range x.Entities {
		if e.Type == Person && e.Name != "Jeyhun Bayramov" && e.Name != "Radmila Shekerinska" && e.Name != "Heydar Aliyev" {
			t.Errorf("unexpected person %q", e.Name)
		}
		for _, bad := range []string{"Affairs", "Trend reports", "Framework Document", "Review Process", "BAKU", "PfP", "NACC", "EAPC", "PARP", "Bayramov"} {
			if e.Name == bad {
				t.Errorf("node named %q (%s)", bad, e.Type)
			}
		}
	}
}

func TestFoundingArticleFacts(t *testing.T) {
	text, x := foundingArticle(t)
	want := []string{
		"Jeyhun Bayramov -received-> Radmila Shekerinska",
		"Jeyhun Bayramov -worksFor-> Azerbaijan",
		"Radmila Shekerinska -worksFor-> North Atlantic Treaty Organisation",
		"Heydar Aliyev -heads-> Azerbaijan",
		"Azerbaijan -heldTalksWith-> North Atlantic Treaty Organisation [by Ministry of Foreign Affairs of Azerbaijan]",
		"Azerbaijan -memberOf-> Partnership for Peace",
		"Azerbaijan -joined-> Partnership for Peace",
		"Azerbaijan -memberOf-> North Atlantic Cooperation Council",
		"Azerbaijan -joined-> Euro-Atlantic Partnership Council",
		"Azerbaijan -joined-> Planning and Review Process",
		"Heydar Aliyev -signed-> Partnership for Peace Framework Document",
		"Azerbaijan -participatedIn-> Kosovo",
		"Azerbaijan -participatedIn-> Afghanistan",
		"Ministry of Foreign Affairs of Azerbaijan -partOf-> Azerbaijan",
		"Baku -containedInPlace-> Azerbaijan",
		"Azerbaijan -related-> Armenia",
	}
	for _, f := range want {
		if !hasFact(x, f) {
			t.Errorf("missing fact %s", f)
		}
	}
	if x.Publisher != "org/trend-news-agency" {
		t.Errorf("publisher %q", x.Publisher)
	}
	dates := map[string]string{}
	for _, r := range x.Relations {
		dates[r.Predicate+" "+r.Object] = r.Date
		// Every relation's evidence contains a mention of both its ends.
		ev := text[r.Evidence.Start:r.Evidence.End]
		for _, id := range []string{r.Subject, r.Object} {
			if id == "" {
				continue
			}
			in := false
			for _, e := range x.Entities {
				if e.ID != id {
					continue
				}
				for _, m := range e.Mentions {
					in = in || m.Start >= r.Evidence.Start && m.End <= r.Evidence.End
				}
			}
			if !in {
				t.Errorf("relation %s %s %s: evidence %q does not mention %s", r.Subject, r.Predicate, r.Object, ev, id)
			}
		}
		if !strings.HasSuffix(strings.TrimSpace(ev), ".") {
			t.Errorf("evidence is not a whole sentence: %q", ev)
		}
	}
	for k, v := range map[string]string{
		"received person/radmila-shekerinska":                       "--01-22",
		"joined org/euro-atlantic-partnership-council":              "1997",
		"memberOf org/north-atlantic-cooperation-council":           "1992-03",
		"signed agreement/partnership-for-peace-framework-document": "1994-05-04",
		"joined org/partnership-for-peace":                          "1994-05-04", // since then a member
	} {
		if dates[k] != v {
			t.Errorf("date of %s = %q, want %q", k, dates[k], v)
		}
	}
}
