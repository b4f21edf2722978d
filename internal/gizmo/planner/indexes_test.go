package planner_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/gizmo"
	"github.com/newsgraph/newsgraph/internal/gizmo/planner"
)

// A plan uses an index only once it has found it in the store: on a database made with
// Cayley's two indexes, a predicate's quads are not read from [predicate subject], and every
// query answers as Cayley's plan does.
func TestPlansUseTheIndexesTheStoreHas(t *testing.T) {
	programs := []string{
		`g.V().Has("<name>").Out("<worksFor>").All()`,
		`g.V("<hub>").In("<worksFor>").Out("<name>").All()`,
		`g.V().Has("<type>", "<Person>").Tag("p").Out("<worksFor>").Out("<nameKey>").Tag("k").Back("p").Save("<name>", "n").All()`,
		`g.V().Has("<type>", "<Person>").And(g.V().Has("<worksFor>", "<hub>")).Save("<name>", "n").Unique().All()`,
		`g.emit(g.V().Has("<worksFor>").Count())`,
	}
	all3 := []kv.QuadIndex{
		{Dirs: []quad.Direction{quad.Subject, quad.Predicate}},
		{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}},
		{Dirs: []quad.Direction{quad.Predicate, quad.Subject}},
	}
	for _, c := range []struct {
		name    string
		indexes []kv.QuadIndex
		want    int
	}{{"cayley's two", nil, 2}, {"newsgraph's three", all3, 3}} {
		t.Run(c.name, func(t *testing.T) {
			kqs := planner.NewBoltStore(t, c.indexes, planner.HubQuads(60))
			has, ok := planner.IndexesFound(kqs)
			if !ok || len(has) != c.want {
				t.Fatalf("found indexes %v (%v), want %d", has, ok, c.want)
			}
			for _, p := range programs {
				planner.SetPlanRewrites(false)
				want, werr := runAll(kqs, p)
				planner.SetPlanRewrites(true)
				got, gerr := runAll(kqs, p)
				if werr != nil || gerr != nil || len(got) == 0 || !slices.Equal(got, want) {
					t.Errorf("%s: %d results (%v) with the rewrites, %d (%v) without", p, len(got), gerr, len(want), werr)
				}
			}
		})
	}
}

// runAll is every result of program, distinct, sorted: the plan may enumerate a result's
// paths differently (see plan_test.go).
func runAll(qs cgraph.QuadStore, program string) ([]string, error) {
	ctx := context.Background()
	it, err := query.GetLanguage(gizmo.Name).Session(qs).Execute(ctx, program, query.Options{Collation: query.JSON})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		out = append(out, fmt.Sprint(it.Result()))
	}
	slices.Sort(out)
	return slices.Compact(out), it.Err()
}
