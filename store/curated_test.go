package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/store"
)

// curatedStore has the examples, a wire story in three copies and a merge: every kind of quad.
// (export/export_test.go builds the same for the exports' tests.)
func curatedStore(t *testing.T) *store.Store {
	t.Helper()
	s := openBolt(t)
	load(t, s, examples(t)...)
	load(t, s, readJSONL(t, "testdata/wire.jsonl")...)
	load(t, s, readJSONL(t, "testdata/ministers.jsonl")...)
	load(t, s, readJSONL(t, "testdata/variant.jsonl")...)
	_, err := s.Merge(context.Background(), "ng:person/elmar-mammadyarov", "ng:person/elmar-mamedyarov",
		store.MergeOptions{By: "tester", Reason: "spelling", At: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
