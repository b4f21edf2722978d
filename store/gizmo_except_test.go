package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/store"
)

// TestExceptOfNothing: an exclusion that matches nothing (g.V("x") with no node x, as on an
// empty store) excludes nothing. Cayley's optimizer resolved such an exclusion to nil and its
// next pass called a method on that nil (internal/gizmo/planner/shapes.go, emptyExcludes).
func TestExceptOfNothing(t *testing.T) {
	empty := openBolt(t)
	full := openBolt(t)
	load(t, full, examples(t)...)
	for _, c := range []struct {
		query string
		full  string // the answer on the examples' graph, "" for any
	}{
		{`g.emit(g.V("<ng:country/azerbaijan>").Except(g.V("<nobody>")).Count())`, "[1]"},
		{`g.emit(g.V().Difference(g.V("Azerbaijan")).Count())`, ""},
		{`g.emit(g.V().Difference(g.V("Azerbaijan")).TagValue())`, ""},
		{`var x = g.V().SaveOutPredicates("<ng:received>").Difference(g.V(""), "<ng:mentions>"); x.ToArray()`, ""},
	} {
		for _, st := range []struct {
			name string
			s    *store.Store
		}{{"empty", empty}, {"examples", full}} {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			res, err := st.s.Query(ctx, c.query, 5)
			cancel()
			if err != nil {
				t.Errorf("%s store, %s: %v", st.name, c.query, err)
				continue
			}
			if got := fmt.Sprint(res); st.name == "examples" && c.full != "" && got != c.full {
				t.Errorf("%s store, %s: %s, want %s", st.name, c.query, got, c.full)
			}
		}
	}
}
