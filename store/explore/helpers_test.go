package explore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/store"
)

// These tests run the real extractor and mapping (ingest.Build) into real bolt stores, with
// the store's test data (../testdata).

func openBolt(t *testing.T) *store.Store { return storetest.OpenBolt(t) }

func readJSONL(t *testing.T, path string) []extract.Article { return storetest.ReadJSONL(t, path) }

func examples(t *testing.T) []extract.Article { return storetest.Examples(t) }

func load(t *testing.T, s *store.Store, arts ...extract.Article) store.WriteStats {
	return storetest.Load(t, s, arts...)
}

func diffLines(a, b string) string { return storetest.DiffLines(a, b) }

// entityIDs are the ids of every node with a name, sorted.
func entityIDs(t *testing.T, s *store.Store) []string {
	t.Helper()
	ids := storetest.Gizmo(t, s, `g.V().Has("<schema:name>").Unique().All()`)
	slices.Sort(ids)
	return ids
}

// curatedStore has the examples, a wire story in three copies and a merge: every kind of quad
// (as store/curated_test.go's).
func curatedStore(t *testing.T) *store.Store {
	t.Helper()
	s := openBolt(t)
	load(t, s, examples(t)...)
	load(t, s, readJSONL(t, "../testdata/wire.jsonl")...)
	load(t, s, readJSONL(t, "../testdata/ministers.jsonl")...)
	load(t, s, readJSONL(t, "../testdata/variant.jsonl")...)
	_, err := s.Merge(context.Background(), "ng:person/elmar-mammadyarov", "ng:person/elmar-mamedyarov",
		store.MergeOptions{By: "tester", Reason: "spelling", At: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
