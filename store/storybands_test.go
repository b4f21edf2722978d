package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/terms"
)

// The articles' MinHash signatures and LSH bands are no quads where the text is kept: the
// wire-copy check finds copies by the bands the card index (bolt), PostgreSQL's table or a
// scan of the texts (memstore) derive from the text, across writes, and forgetting the
// story's article makes its first copy the story (the bands of a copy are not looked up).
// Without the text (load --no-text) they are quads, as before.
func TestWireCopiesWithoutFingerprintQuads(t *testing.T) {
	open := everyBackend()
	const story = "<https://dailystar.example/2024/03/04/baku-talks>"
	for name, o := range open {
		for _, text := range []bool{true, false} {
			t.Run(name+map[bool]string{true: "", false: "-notext"}[text], func(t *testing.T) {
				ctx := context.Background()
				s := o(t)
				wire := readJSONL(t, "testdata/wire.jsonl")
				write := func(arts ...store.Article) {
					t.Helper()
					if !text {
						for i := range arts {
							arts[i].Quads = schema.WithoutText(arts[i].Quads)
						}
					}
					if _, err := s.WriteArticles(arts); err != nil {
						t.Fatal(err)
					}
				}
				write(build(wire[0])...)
				write(build(wire[1:]...)...) // a copy in the store, a copy in the same write
				bands, minhashes := countPred(t, s, terms.LSHBand), countPred(t, s, terms.MinHash)
				if text && bands+minhashes != 0 || !text && (minhashes != len(wire) || bands == 0) {
					t.Errorf("%d ng:lshBand and %d ng:minhash quads", bands, minhashes)
				}
				copies := gizmo(t, s, `g.V().Out("<ng:copyOf>").All()`)
				if !slices.Equal(copies, []string{story}) {
					t.Fatalf("copies of: %q", copies)
				}
				copiesOf := gizmo(t, s, `g.V().Has("<ng:copyOf>", `+"`"+story+"`"+`).All()`)
				if len(copiesOf) != 2 {
					t.Fatalf("copies %q", copiesOf)
				}
				// Forget the story's article: the first of its copies is the story now, the
				// other its copy; written again, the forgotten one is a copy of it.
				if _, err := s.Forget(ctx, quad.IRI(wire[0].ID)); err != nil {
					t.Fatal(err)
				}
				first := slices.Min(copiesOf)
				if got := gizmo(t, s, `g.V().Out("<ng:copyOf>").All()`); !slices.Equal(got, []string{first}) {
					t.Errorf("after forgetting the story's article, copies of %q, want %q", got, first)
				}
				write(build(wire[0])...)
				if got := gizmo(t, s, `g.V("`+story+`").Out("<ng:copyOf>").All()`); !slices.Equal(got, []string{first}) {
					t.Errorf("written again, the story's first article is a copy of %q, want %q", got, first)
				}
			})
		}
	}
}
