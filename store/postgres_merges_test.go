package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
)

// TestPostgresMergesAsBolt makes the same merges on bolt and on PostgreSQL (a chain, two
// merges into one entity, one undone, one with a stale root as a killed refresh leaves it)
// and reads the merge table: PostgreSQL's one SELECT gives the table bolt gives, and the one
// bolt's way of reading (node by node) gives on the same PostgreSQL database, down to the
// root chosen among two recorded and the order of the merges into an entity.
func TestPostgresMergesAsBolt(t *testing.T) {
	pg, err := store.Open(store.Postgres, store.PGTestDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	bolt := openPGTestBolt(t)
	ctx := context.Background()
	arts := append(pgExamples(t), storetest.SpellingArticles()...)
	const aristide = quad.IRI("ng:person/jean-bertrand-aristide")
	find := func(s *store.Store, name, prefix string) quad.IRI {
		t.Helper()
		ms, err := cards.Of(s).FindEntities(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if strings.HasPrefix(string(m.IRI), prefix) {
				return m.IRI
			}
		}
		t.Fatalf("no %s among %v", prefix, ms)
		return ""
	}
	tables := map[string]string{}
	for name, s := range map[string]*store.Store{"bolt": bolt, "PostgreSQL": pg} {
		if _, err := s.WriteArticles(arts); err != nil {
			t.Fatal(err)
		}
		alone := find(s, "Aristide", "ng:person/aristide@")
		lula := find(s, "Luiz Inácio Lula da Silva", "ng:person/")
		chavez := find(s, "Hugo Chavez", "ng:person/")
		kirchner := find(s, "Nestor Kirchner", "ng:person/")
		at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
		merge := func(keep, other quad.IRI, reason string) store.MergeInfo {
			t.Helper()
			at = at.Add(time.Hour)
			m, err := s.Merge(ctx, keep, other, store.MergeOptions{By: "test", Reason: reason, At: at})
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		first := merge(aristide, alone, "the same man")
		merge(lula, aristide, "a chain: Aristide's merge now projects onto Lula")
		merge(lula, chavez, "")
		undone := merge(lula, kirchner, "undone below")
		if _, err := s.Unmerge(ctx, undone.IRI); err != nil {
			t.Fatal(err)
		}
		// A second root recorded after the first, as a refresh killed between its adds and
		// its deletes leaves it: the first written stays the root, the other is stale.
		if err := store.AddRawQuads(s, quad.Quad{Subject: first.IRI, Predicate: quad.IRI("ng:projectedOnto"),
			Object: aristide, Label: first.IRI}); err != nil {
			t.Fatal(err)
		}
		read, byNode, err := store.MergeTables(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if read != byNode {
			t.Errorf("%s: the merge table read for commands differs from the one read node by node:\n%s\n----\n%s", name, read, byNode)
		}
		if !strings.Contains(read, `stale="ng:person/jean-bertrand-aristide\x00"`) || strings.Count(read, "ng:merge/") < 3+2 {
			t.Errorf("%s: not the merges made:\n%s", name, read)
		}
		tables[name] = read
	}
	if tables["PostgreSQL"] != tables["bolt"] {
		t.Errorf("merge tables differ:\nPostgreSQL:\n%s\nbolt:\n%s", tables["PostgreSQL"], tables["bolt"])
	}
}
