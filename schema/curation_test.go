package schema

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/store"
)

// The store reads and writes some terms itself (cards, wire copies, merges): they must be
// the vocabulary's.
func TestGraphUsesTheVocabulary(t *testing.T) {
	for name, iri := range store.Vocabulary() {
		if got, ok := IRI(name); !ok || got != iri {
			t.Errorf("graph uses %s as %s; the vocabulary says %s (%v)", iri, name, got, ok)
		}
	}
	if store.NS != NS {
		t.Errorf("store.NS = %s, want %s", store.NS, NS)
	}
}

func quadLines(qs []quad.Quad) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(q.NQuad())
		b.WriteByte('\n')
	}
	return b.String()
}

func TestCurationQuads(t *testing.T) {
	a := extract.Article{ID: "fm", Published: "2020-07-20T09:30:00Z", Source: "APA",
		Text: "Azerbaijan's newly appointed Foreign Minister Jeyhun Bayramov met Turkish Foreign Minister Mevlut Cavusoglu in Ankara. Former President Heydar Aliyev was mentioned."}
	x := extract.New().Extract(a)
	all := quadLines(Quads(a, x))
	var role quad.IRI
	for _, e := range x.Entities {
		if e.ID == "person/jeyhun-bayramov" && len(e.Roles) == 1 {
			role = RoleIRI(e.ID, e.Roles[0].Title, e.Roles[0].Of) // of Azerbaijan, or of nothing said
		}
	}
	if role == "" {
		t.Fatalf("no position for Bayramov: %+v", x.Entities)
	}
	for _, want := range []string{
		"<" + string(role) + `> <rdf:type> <ng:Role> <ng:article/fm> .`,
		"<" + string(role) + `> <ng:holder> <ng:person/jeyhun-bayramov> <ng:article/fm> .`,
		"<" + string(role) + `> <schema:roleName> "Foreign Minister" <ng:article/fm> .`,
		"<" + string(role) + `> <ng:seen> "2020-07-20" <ng:article/fm> .`,
		"<" + string(role) + `> <schema:startDate> "2020-07-20" <ng:article/fm> .`,
		`<ng:endedBy> "2020-07-20" <ng:article/fm> .`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %s", want)
		}
	}
	// Name keys are derived from the names where they are looked up (textkey.EntityKeys), not
	// written as quads.
	if strings.Contains(all, "<ng:nameKey>") {
		t.Error("ng:nameKey quads written")
	}
	// The fingerprint is derived from the text where it is kept; without the text, it is
	// written in its place.
	if strings.Contains(all, "<ng:lshBand>") || strings.Contains(all, "<ng:minhash>") {
		t.Error("fingerprint quads written beside the text")
	}
	bare := quadLines(WithoutText(Quads(a, x)))
	if strings.Count(bare, "<ng:lshBand>") != 16 || !strings.Contains(bare, `<ng:article/fm> <ng:minhash> "`) ||
		!strings.Contains(bare, `<ng:article/fm> <ng:lshBand> "b15:`) || strings.Contains(bare, "<schema:articleBody>") {
		t.Errorf("without the text: %d LSH bands\n%s", strings.Count(bare, "<ng:lshBand>"), bare)
	}
	// Roles of the same holder, title and organisation are one node, whatever the case.
	if RoleIRI("person/x", "Foreign Minister", "country/y") != RoleIRI("person/x", "foreign minister", "country/y") ||
		RoleIRI("person/x", "Foreign Minister", "country/y") == RoleIRI("person/x", "Foreign Minister", "") {
		t.Error("RoleIRI")
	}
}

func TestStatedDates(t *testing.T) {
	for _, c := range []struct {
		text, start, end string
	}{
		{"Foreign Minister Elmar Mammadyarov, in office since 2004, met the envoy.", "2004", ""},
		{"Foreign Minister Elmar Mammadyarov, in office until 2020, spoke.", "", "2020"},
		{"Former Foreign Minister Elmar Mammadyarov (2004-2020) spoke.", "2004", "2020"},
		{"Newly appointed Foreign Minister Elmar Mammadyarov spoke.", "2021-05-01", ""},
		{"Foreign Minister Elmar Mammadyarov spoke about the 2004 treaty.", "", ""},
	} {
		a := extract.Article{ID: "x", Published: "2021-05-01", Text: c.text}
		x := extract.New().Extract(a)
		var start, end string
		for _, e := range x.Entities {
			if e.ID != "person/elmar-mammadyarov" {
				continue
			}
			for _, p := range e.Roles {
				start, end = statedDates(a.Text, p.Evidence, e, ArticleDate(x))
			}
		}
		if start != c.start || end != c.end {
			t.Errorf("%q: start %q end %q, want %q %q", c.text, start, end, c.start, c.end)
		}
	}
}

func TestArticleDate(t *testing.T) {
	for in, want := range map[string]string{
		"2019-04-15":                      "2019-04-15",
		"2019-04-15T10:00:00Z":            "2019-04-15",
		"Mon, 15 Apr 2019 10:00:00 +0000": "2019-04-15",
		"":                                "",
		"yesterday":                       "",
	} {
		if got := ArticleDate(extract.Extraction{Published: in}); got != want {
			t.Errorf("ArticleDate(%q) = %q, want %q", in, got, want)
		}
	}
	if got := ArticleDate(extract.Extraction{Dateline: &extract.Dateline{Date: "--01-22"}}); got != "" {
		t.Errorf("a dateline without a year gives %q", got)
	}
	if got := ArticleDate(extract.Extraction{Dateline: &extract.Dateline{Date: "2025-01-22"}}); got != "2025-01-22" {
		t.Errorf("dateline: %q", got)
	}
}
