package schema

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
)

func TestVocabularyIsConsistent(t *testing.T) {
	seen := map[string]bool{}
	iris := map[quad.IRI]bool{}
	for _, list := range [][]Term{Types, Attributes, Predicates} {
		for _, term := range list {
			if seen[term.Name] || iris[term.IRI] {
				t.Errorf("term %s / %s defined twice", term.Name, term.IRI)
			}
			seen[term.Name], iris[term.IRI] = true, true
			if term.Meaning == "" {
				t.Errorf("%s has no meaning", term.Name)
			}
			if !strings.HasPrefix(string(term.IRI), "schema:") && !strings.HasPrefix(string(term.IRI), "ng:") &&
				!strings.HasPrefix(string(term.IRI), "rdf:") && !strings.HasPrefix(string(term.IRI), "owl:") {
				t.Errorf("%s: IRI %s outside the known prefixes", term.Name, term.IRI)
			}
		}
	}
	for _, typ := range []string{extract.Person, extract.Organization, extract.Country, extract.City,
		extract.Place, extract.Event, extract.Date, extract.Agreement} {
		if _, ok := IRI(typ); !ok {
			t.Errorf("entity type %s has no IRI", typ)
		}
	}
	for _, p := range []string{extract.PredReceived, extract.PredMet, extract.PredVisited, extract.PredHeldTalksWith,
		extract.PredCalled, extract.PredDiscussed, extract.PredWorksFor, extract.PredHeads, extract.PredMemberOf,
		extract.PredJoined, extract.PredPartOf, extract.PredContainedIn, extract.PredHeadquartered,
		extract.PredAlliedWith, extract.PredCooperatesWith, extract.PredParticipatedIn, extract.PredSigned,
		extract.PredAgreedWith, extract.PredAttacked, extract.PredFoughtAgainst, extract.PredKilled,
		extract.PredArrested, extract.PredAccused, extract.PredThreatened, extract.PredCondemned,
		extract.PredSanctioned, extract.PredSaid, extract.PredPraised, extract.PredCriticised,
		extract.PredSupported, extract.PredRelated} {
		if _, ok := IRI(p); !ok {
			t.Errorf("predicate %s has no IRI", p)
		}
	}
	if FormerIRI("worksFor") != "ng:formerlyWorksFor" || FormerIRI("met") != "" {
		t.Error("FormerIRI")
	}
}

func TestQuads(t *testing.T) {
	a := extract.Article{ID: "a1", Title: "Talks", Source: "Trend", Published: "2025-01-22",
		Text: "Foreign Minister Jeyhun Bayramov received NATO Deputy Secretary General Radmila Shekerinska. Iran did not attack Israel."}
	x := extract.New().Extract(a)
	qs := Quads(a, x)
	art := ArticleIRI("a1")
	if art != "ng:article/a1" {
		t.Errorf("article IRI %s", art)
	}
	known := map[quad.IRI]bool{}
	for _, list := range [][]Term{Types, Attributes, Predicates} {
		for _, term := range list {
			known[term.IRI] = true
		}
	}
	var lines []string
	for _, q := range qs {
		if q.Label != art {
			t.Errorf("quad %s has label %v", q.NQuad(), q.Label)
		}
		if !known[q.Predicate.(quad.IRI)] {
			t.Errorf("predicate %s is not in the vocabulary", q.Predicate)
		}
		lines = append(lines, q.NQuad())
	}
	all := strings.Join(lines, "\n")
	for _, want := range []string{
		`<ng:person/jeyhun-bayramov> <ng:received> <ng:person/radmila-shekerinska> <ng:article/a1> .`,
		`<ng:person/jeyhun-bayramov> <schema:jobTitle> "Foreign Minister" <ng:article/a1> .`,
		`<ng:person/radmila-shekerinska> <schema:worksFor> <ng:org/north-atlantic-treaty-organisation> <ng:article/a1> .`,
		`<ng:article/a1> <rdf:type> <schema:NewsArticle> <ng:article/a1> .`,
		`<ng:article/a1> <schema:mentions> <ng:person/jeyhun-bayramov> <ng:article/a1> .`,
		`<ng:article/a1> <schema:datePublished> "2025-01-22" <ng:article/a1> .`,
		`<ng:person/radmila-shekerinska> <rdf:type> <schema:Person> <ng:article/a1> .`,
		`<ng:org/north-atlantic-treaty-organisation> <owl:sameAs> <http://www.wikidata.org/entity/Q7184> <ng:article/a1> .`,
		`<ng:polarity> "negative"`,
		`<ng:evidence> "Iran did not attack Israel."`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %s", want)
		}
	}
	// A negated relation has a statement and no direct edge.
	if strings.Contains(all, `<ng:country/iran> <ng:attacked> <ng:country/israel>`) {
		t.Error("negated relation written as a plain edge")
	}
}

func TestArticleIRI(t *testing.T) {
	for id, want := range map[string]quad.IRI{
		"https://example.org/a?b=1": "https://example.org/a?b=1",
		"sha256-abc":                "ng:article/sha256-abc",
		"my id <1>":                 "ng:article/my%20id%20%3C1%3E",
	} {
		if got := ArticleIRI(id); got != want {
			t.Errorf("ArticleIRI(%q) = %s, want %s", id, got, want)
		}
	}
}
