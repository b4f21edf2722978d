package store

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// Replacing an article by a version with fewer quads about the article node (its label
// included) used to store the new quads with a nil subject and label: Cayley's kv stores
// resolve a node whose references a call decreases only for that call's deletes.
func TestReplaceByShorterVersionKeepsEveryValue(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			s, _ := openTestStore(t, backend)
			long := Article{IRI: "news:a", Hash: "h1", Quads: []quad.Quad{
				q("news:a", "rdf:type", quad.IRI("schema:NewsArticle")),
				q("news:a", "schema:headline", "one"),
				q("news:a", "schema:mentions", quad.IRI("person:alice")),
				q("person:alice", name, "Alice"),
			}}
			short := Article{IRI: "news:a", Hash: "h2", Quads: []quad.Quad{
				q("news:a", "rdf:type", quad.IRI("schema:NewsArticle")),
				q("news:a", "schema:headline", "two"),
			}}
			write(t, s, long)
			write(t, s, short)
			got := dump(t, s)
			fresh, _ := openTestStore(t, backend)
			write(t, fresh, short)
			if want := dump(t, fresh); got != want || strings.Contains(got, "nil") {
				t.Errorf("after replacement:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
