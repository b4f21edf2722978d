package store_test

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	gz "github.com/newsgraph/newsgraph/internal/gizmo"
	"github.com/newsgraph/newsgraph/store"
)

// manyPathsQuads is one role whose every quad is stated by several articles, its
// organisation's name by 2,000: Cayley's SQL SELECT has one path per combination of those
// quads, 5 * 10 * 10 * 2,000 = 1,000,000 for the role, all with the same result and tags.
// At 1,000 GMB articles a role naming a country is like this (issue 21).
func manyPathsQuads() string {
	var b strings.Builder
	add := func(n int, s, p, o string) {
		for i := range n {
			fmt.Fprintf(&b, "%s %s %s <ng:article/a%d> .\n", s, p, o, i)
		}
	}
	add(5, "<ng:role/r1>", "<rdf:type>", "<ng:Role>")
	add(1, "<ng:role/r1>", "<ng:holder>", "<ng:person/bayramov>")
	add(10, "<ng:person/bayramov>", "<schema:name>", `"Jeyhun Bayramov"`)
	add(10, "<ng:role/r1>", "<schema:roleName>", `"Foreign Minister"`)
	add(1, "<ng:role/r1>", "<ng:of>", "<ng:country/azerbaijan>")
	add(2000, "<ng:country/azerbaijan>", "<schema:name>", `"Azerbaijan"`)
	return b.String()
}

// TestPostgresManyPathsUnderMemoryLimit runs example 06's shape and a count of the role's
// paths on a role with a million paths, under a 64 MB query memory limit: PostgreSQL
// answered neither (its guard of Cayley's SQL iterator held every path of a node before
// Unique() or Count() above it saw one), bolt both. Now PostgreSQL gives bolt's row, and
// counts the million paths without holding them.
func TestPostgresManyPathsUnderMemoryLimit(t *testing.T) {
	pg, err := store.Open(store.Postgres, store.PGTestDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pg.Close() })
	bolt := openPGTestBolt(t)
	for _, s := range []*store.Store{pg, bolt} {
		if _, err := s.Import(context.Background(), strings.NewReader(manyPathsQuads())); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	gz.SetLimits(gz.Limits{Memory: 64 << 20})
	defer gz.SetLimits(gz.Limits{})

	role := `g.V().Has("<rdf:type>", "<ng:Role>").Tag("role")
		.Out("<ng:holder>").Out("<schema:name>").Tag("person").Back("role")
		.Out("<schema:roleName>").Tag("title").Back("role")
		.Out("<ng:of>").Out("<schema:name>").Tag("of").Back("role")`
	run := func(name string, s *store.Store, q string) []string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		start := time.Now()
		res, err := s.Query(ctx, q, 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("%s: %d results in %v", name, len(res), time.Since(start).Round(time.Millisecond))
		return canonical(res)
	}

	want := run("bolt, Unique()", bolt, role+".Unique().All()")
	if len(want) != 1 || !strings.Contains(want[0], `"of":"Azerbaijan"`) {
		t.Fatalf("bolt: %v, want the one role", want)
	}
	if got := run("PostgreSQL, Unique()", pg, role+".Unique().All()"); !slices.Equal(got, want) {
		t.Errorf("PostgreSQL: %v, bolt: %v", got, want)
	}
	// No Unique(): the paths are PostgreSQL's own product (docs/postgresql.md), counted one
	// at a time.
	if got := run("PostgreSQL, Count()", pg, "g.emit("+role+".Count())"); !slices.Equal(got, []string{"1000000"}) {
		t.Errorf("PostgreSQL counts %v paths, want 1000000", got)
	}
}
