package explore_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/explore"
)

// The explorer's index, built from the card index, answers as the one built from the quads.
func TestExploreIndexFromTheCardIndex(t *testing.T) {
	ctx := context.Background()
	s := curatedStore(t)
	if !s.CardIndex().Usable() {
		t.Fatal("the card index is not in use: the test would compare the quads with themselves")
	}
	ids := entityIDs(t, s)
	answers := func(e explore.Explorer) string {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		for _, ty := range []string{"", "Person", "Country", "Organization"} {
			for _, by := range []string{"mentions", "connections"} {
				top, err := e.Top(ctx, explore.TopOptions{Type: ty, By: by, Limit: 1000})
				if err != nil {
					t.Fatal(err)
				}
				enc.Encode(top)
			}
		}
		for _, p := range []string{"a", "b", "m", "n", "s", "u", "Az", "Bay"} {
			res, err := e.Search(ctx, p, 100)
			if err != nil {
				t.Fatal(err)
			}
			enc.Encode(res)
		}
		for _, id := range ids {
			n, err := e.Neighbourhood(ctx, strings.Trim(id, "<>"), explore.NeighbourhoodOptions{Hops: 2, Limit: 500})
			if err != nil {
				enc.Encode(err.Error()) // not an entity of the explorer (a date): the same error
				continue
			}
			enc.Encode(n)
		}
		return b.String()
	}
	want := answers(explore.FromQuads(s))
	if got := answers(explore.Of(s)); got != want {
		t.Errorf("the explorer answers differently from the card index:\n%s", diffLines(want, got))
	}
	if explore.ExploreIndexSaved(s) {
		t.Fatal("the first explore index was read from a snapshot")
	}
	// The index just built was saved: the next one is read from it.
	explore.DropExploreIndex(s)
	got := answers(explore.Of(s))
	if !explore.ExploreIndexSaved(s) {
		t.Fatal("the explore index was not read from its snapshot")
	}
	if got != want {
		t.Errorf("the explorer answers differently from the snapshot:\n%s", diffLines(want, got))
	}
	// A write makes the snapshot stale: the next index is built from the rows.
	edited := readJSONL(t, "../testdata/ministers.jsonl")[0]
	edited.Text += " The minister later met Josep Borrell in Brussels."
	if st := load(t, s, edited); st.Replaced != 1 {
		t.Fatalf("stats %+v", st)
	}
	explore.DropExploreIndex(s)
	answers(explore.Of(s))
	if explore.ExploreIndexSaved(s) {
		t.Error("a stale snapshot was read")
	}
}

// TestExploreSnapshotAfterALoad: a process that wrote leaves the explorer's index saved, so
// the next one reads it instead of building it.
func TestExploreSnapshotAfterALoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "news.db")
	s, err := store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	load(t, s, examples(t)...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(store.Bolt, dir, store.ReadMostly())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if res, err := explore.Of(s).Search(context.Background(), "Bay", 5); err != nil || len(res) == 0 {
		t.Fatalf("search: %v %v", res, err)
	}
	if !explore.ExploreIndexSaved(s) {
		t.Error("the explorer's index was built again, not read from the snapshot the load left")
	}
}
