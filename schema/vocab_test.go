package schema

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/schema/vocab"
)

// The one vocabulary table: each predicate once, with an IRI, a meaning and an inverse; each
// verb (with its preposition) states one predicate only; at least 50 predicates (issue 15).
func TestVocabularyTable(t *testing.T) {
	names, iris, verbs := map[string]bool{}, map[string]bool{}, map[string]string{}
	for _, p := range vocab.Predicates {
		if names[p.Name] || iris[p.IRI] {
			t.Errorf("predicate %s (%s) twice", p.Name, p.IRI)
		}
		names[p.Name], iris[p.IRI] = true, true
		if p.Meaning == "" || p.Inverse == "" || !strings.Contains(p.IRI, ":") {
			t.Errorf("predicate %s: meaning %q, inverse %q, IRI %q", p.Name, p.Meaning, p.Inverse, p.IRI)
		}
		for _, v := range p.Verbs {
			if q, ok := verbs[v]; ok {
				t.Errorf("verb %q states both %s and %s", v, q, p.Name)
			}
			verbs[v] = p.Name
		}
		for _, typ := range []string{p.Subject, p.Object} {
			switch typ {
			case "", "actor", "any", "Person", "Organization", "Country", "City", "Place", "Event", "Agreement":
			default:
				t.Errorf("predicate %s: argument type %q", p.Name, typ)
			}
		}
		if _, ok := IRI(p.Name); !ok {
			t.Errorf("schema has no term %s", p.Name)
		}
	}
	if len(vocab.Predicates) < 50 {
		t.Errorf("%d predicates, want at least 50", len(vocab.Predicates))
	}
}
