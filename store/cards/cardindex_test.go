package cards_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/explore"
)

// entityIDs are the ids of every node with a name, sorted.
func entityIDs(t *testing.T, s *store.Store) []string {
	t.Helper()
	ids := gizmo(t, s, `g.V().Has("<schema:name>").Unique().All()`)
	slices.Sort(ids)
	return ids
}

// sameCards checks that every entity's card is the same from the card index as from the quads:
// with the hubs' digests as the writes left them (stale ones not read), then made again.
func sameCards(t *testing.T, s *store.Store, when string) {
	t.Helper()
	sameCardsNow(t, s, when)
	ctx := context.Background()
	if err := s.CardIndex().RefreshDigests(ctx, false); err != nil {
		t.Fatal(err)
	}
	if n, err := cards.Digests(ctx, s); err != nil || n == 0 {
		t.Fatalf("%s: %d digests in use (%v)", when, n, err)
	}
	sameCardsNow(t, s, when+", digests made")
}

func sameCardsNow(t *testing.T, s *store.Store, when string) {
	t.Helper()
	ctx := context.Background()
	if !s.CardIndex().Usable() {
		t.Fatalf("%s: the card index is not in use", when)
	}
	ids := entityIDs(t, s)
	if len(ids) < 20 {
		t.Fatalf("%s: only %d entities", when, len(ids))
	}
	for _, id := range ids {
		name := strings.Trim(id, "<>")
		got := fromBoth(t, fmt.Sprintf("%s: the card of %s", when, id),
			func() (*cards.Card, error) { return cards.FromQuads(s).Card(ctx, name) },
			func() (*cards.Card, error) { return cards.Of(s).Card(ctx, name) })
		for _, f := range got.Facts {
			obj := f.Value
			if f.Object != nil {
				obj = string(f.Object.ID)
			}
			sub, pred := string(f.Subject.ID), string(f.Predicate)
			fromBoth(t, fmt.Sprintf("%s: the evidence of %s %s %s", when, sub, pred, obj),
				func() (*cards.FactEvidence, error) { return cards.FromQuads(s).Evidence(ctx, sub, pred, obj) },
				func() (*cards.FactEvidence, error) { return cards.Of(s).Evidence(ctx, sub, pred, obj) })
		}
		fromBoth(t, fmt.Sprintf("%s: the timeline of %s", when, id),
			func() (*cards.Timeline, error) { return cards.FromQuads(s).Timeline(ctx, name, "", "") },
			func() (*cards.Timeline, error) { return cards.Of(s).Timeline(ctx, name, "", "") })
		// The first few facts and events, and the events of one year.
		fromBoth(t, fmt.Sprintf("%s: the card (2 facts) of %s", when, id),
			func() (*cards.Card, error) { return cards.FromQuads(s).Card(ctx, name, cards.MaxFacts(2)) },
			func() (*cards.Card, error) { return cards.Of(s).Card(ctx, name, cards.MaxFacts(2)) })
		fromBoth(t, fmt.Sprintf("%s: the 2019 timeline of %s", when, id),
			func() (*cards.Timeline, error) { return cards.FromQuads(s).TimelineFirst(ctx, name, "2019", "2019", 3) },
			func() (*cards.Timeline, error) { return cards.Of(s).TimelineFirst(ctx, name, "2019", "2019", 3) })
	}
}

// fromBoth fails the test unless fromQuads and fromIndex give the same JSON; it returns the
// index's answer.
func fromBoth[T any](t *testing.T, what string, fromQuads, fromIndex func() (T, error)) T {
	t.Helper()
	want, err := fromQuads()
	if err != nil {
		t.Fatalf("%s, from the quads: %v", what, err)
	}
	got, err := fromIndex()
	if err != nil {
		t.Fatalf("%s, from the index: %v", what, err)
	}
	w, _ := json.MarshalIndent(want, "", " ")
	g, _ := json.MarshalIndent(got, "", " ")
	if string(w) != string(g) {
		t.Fatalf("%s differs between the index and the quads:\n%s", what, diffLines(string(w), string(g)))
	}
	return got
}

func TestCardIndexGivesTheCardsOfTheQuads(t *testing.T) {
	defer cards.SetHubArticles(2)()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "news.db")
	s, err := store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	arts := readJSONL(t, "../testdata/ministers.jsonl")
	load(t, s, examples(t)...)
	load(t, s, readJSONL(t, "../testdata/wire.jsonl")...)
	load(t, s, arts...)
	load(t, s, readJSONL(t, "../testdata/variant.jsonl")...)
	sameCards(t, s, "loaded")

	// A replaced article, a forgotten one, a merge.
	edited := byID(arts, "fm-2019")
	edited.Text = strings.Replace(edited.Text, "Russian Foreign Minister Sergei Lavrov in Moscow", "Chinese Foreign Minister Wang Yi in Beijing", 1)
	if st := load(t, s, edited); st.Replaced != 1 {
		t.Fatalf("stats %+v", st)
	}
	forgotten := build(byID(arts, "fm-2018"))[0].IRI
	if _, err := s.Forget(ctx, forgotten); err != nil {
		t.Fatal(err)
	}
	sameCards(t, s, "replaced, forgotten") // (a stale digest read would differ here)
	keep, err := cards.Of(s).ResolveEntity(ctx, "Elmar Mammadyarov")
	if err != nil {
		t.Fatal(err)
	}
	other, err := cards.Of(s).ResolveEntity(ctx, "person/jeyhun-bayramov")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Merge(ctx, keep, other, store.MergeOptions{By: "test", Reason: "a test"})
	if err != nil {
		t.Fatal(err)
	}
	sameCards(t, s, "merged")
	// The merge table is saved at Close, and read (as the quads give it) by the next session.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = store.Open(store.Bolt, dir, store.ReadMostly()); err != nil {
		t.Fatal(err)
	}
	if saved, same, err := cards.SavedMergesMatch(ctx, s); !saved || !same || err != nil {
		t.Fatalf("the saved merge table: saved %v, the quads' %v (%v)", saved, same, err)
	}
	sameCards(t, s, "merged, reopened")
	if _, err := s.Unmerge(ctx, m.IRI); err != nil {
		t.Fatal(err)
	}
	sameCards(t, s, "unmerged")
	if saved, _, _ := cards.SavedMergesMatch(ctx, s); saved {
		t.Error("a merge table is still saved after a write")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = store.Open(store.Bolt, dir); err != nil {
		t.Fatal(err)
	}
	if saved, same, err := cards.SavedMergesMatch(ctx, s); !saved || !same || err != nil {
		t.Fatalf("after the unmerge: saved %v, the quads' %v (%v)", saved, same, err)
	}

	// A write stopped half-way leaves the index dirty: the next Open for writing rebuilds it,
	// and a read-only one reads the quads.
	want := cardJSON(t, s, "Bayramov")
	if err := s.CardIndex().MarkDirty(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(store.Bolt, dir, store.ReadMostly())
	if err != nil {
		t.Fatal(err)
	}
	if s.CardIndex().Usable() {
		t.Error("a dirty index is read")
	}
	if got := cardJSON(t, s, "Bayramov"); got != want {
		t.Errorf("the card from the quads differs:\n%s", diffLines(want, got))
	}
	s.Close()
	// A database without its index (written before it existed) gets one too.
	if err := os.Remove(filepath.Join(dir, "cards.bolt")); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	sameCards(t, s, "rebuilt")
	if got := cardJSON(t, s, "Bayramov"); got != want {
		t.Errorf("the card from the rebuilt index differs:\n%s", diffLines(want, got))
	}
	s.Close()
	// An index of an older version (its rows laid out otherwise) is not read: a read-only open
	// reads the quads, the next Open for writing makes it again.
	b, err := bolt.Open(filepath.Join(dir, "cards.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(store.CardIndexMeta)).Put([]byte("version"), []byte("4"))
	})
	if err := errors.Join(err, b.Close()); err != nil {
		t.Fatal(err)
	}
	if s, err = store.Open(store.Bolt, dir, store.ReadMostly()); err != nil {
		t.Fatal(err)
	}
	if s.CardIndex().Usable() {
		t.Error("an index of an older version is read")
	}
	if got := cardJSON(t, s, "Bayramov"); got != want {
		t.Errorf("the card from the quads, beside an older index, differs:\n%s", diffLines(want, got))
	}
	s.Close()
	if s, err = store.Open(store.Bolt, dir); err != nil {
		t.Fatal(err)
	}
	sameCards(t, s, "rebuilt from an older version")
}

func cardJSON(t *testing.T, s *store.Store, name string) string {
	t.Helper()
	c, err := cards.Of(s).Card(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(c, "", " ")
	return string(b)
}

// NEWSGRAPH_CARD_DB=DIR compares the cards of the most mentioned entities and of a sample of
// others on a large bolt database (bench/scale.sh with WORK=DIR keeps one).
func TestCardIndexOnALargeDatabase(t *testing.T) {
	dir := os.Getenv("NEWSGRAPH_CARD_DB")
	if dir == "" {
		t.Skip("NEWSGRAPH_CARD_DB is not set")
	}
	s, err := store.Open(store.Bolt, dir, store.ReadMostly())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	// The most mentioned entities of each type, and the least (by the explorer's index).
	var sample []string
	for _, ty := range []string{"Person", "Country", "Organization", "City", "Place", "Event"} {
		top, err := explore.Of(s).Top(ctx, explore.TopOptions{Type: ty, Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(top); i += max(1, len(top)/30) {
			sample = append(sample, string(top[i].ID))
		}
	}
	sample = append(sample, "United States", "Iraq", "Bush", "George Bush", "United Nations", "Voice of America")
	for _, name := range sample {
		want, err := cards.FromQuads(s).Card(ctx, name, cards.MaxFacts(50))
		if err != nil {
			t.Fatalf("%s from the quads: %v", name, err)
		}
		got, err := cards.Of(s).Card(ctx, name, cards.MaxFacts(50))
		if err != nil {
			t.Fatalf("%s from the index: %v", name, err)
		}
		w, _ := json.MarshalIndent(want, "", " ")
		g, _ := json.MarshalIndent(got, "", " ")
		if string(w) != string(g) {
			t.Errorf("the card of %s differs between the index and the quads:\n%s", name, diffLines(string(w), string(g)))
		}
	}
	t.Logf("%d cards compared", len(sample))
}
