package explore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/explore"
)

// TestPostgresExploreAsBolt loads the README's examples and the spelling articles into bolt
// and into PostgreSQL, merges one entity into another on both, and asks both the explorer's
// questions (search, top by mentions and by connections, with a type and a date, an entity's
// card and neighbourhood, the predicates), from Go and through the explore API: the answers
// are the same. An entity's name is the one most of its articles give, as its card says
// ("Jean-Bertrand Aristide", not the first one written).
//
// PostgreSQL's index, saved as a snapshot by the Store that wrote, is read back by the next
// Store to open the database, and answers the same again.
func TestPostgresExploreAsBolt(t *testing.T) {
	addr := pgtest.Database(t)
	pg, err := store.Open(store.Postgres, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	bolt := openBolt(t)
	ctx := context.Background()
	arts := append(storetest.Build(storetest.Examples(t)...), storetest.SpellingArticles()...)
	const aristide = quad.IRI("ng:person/jean-bertrand-aristide")
	for _, s := range []*store.Store{bolt, pg} {
		if _, err := s.WriteArticles(arts); err != nil {
			t.Fatal(err)
		}
		ms, err := cards.Of(s).FindEntities(ctx, "Aristide")
		if err != nil {
			t.Fatal(err)
		}
		var alone quad.IRI
		for _, m := range ms {
			if strings.HasPrefix(string(m.IRI), "ng:person/aristide@") {
				alone = m.IRI
			}
		}
		if alone == "" {
			t.Fatalf("no one-word Aristide among %v", ms)
		}
		at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
		if _, err := s.Merge(ctx, aristide, alone, store.MergeOptions{By: "test", Reason: "the same man", At: at}); err != nil {
			t.Fatal(err)
		}
	}

	asks := []struct {
		name string
		ask  func(*store.Store) (any, error)
	}{
		{"search jean", func(s *store.Store) (any, error) { return explore.Of(s).Search(ctx, "jean", 100) }},
		{"search aristide", func(s *store.Store) (any, error) { return explore.Of(s).Search(ctx, "aristide", 100) }},
		{"search luiz", func(s *store.Store) (any, error) { return explore.Of(s).Search(ctx, "luiz inacio", 100) }},
		{"search a", func(s *store.Store) (any, error) { return explore.Of(s).Search(ctx, "a", 1000) }},
		{"search id", func(s *store.Store) (any, error) { return explore.Of(s).Search(ctx, "person/jeyhun-bayramov", 10) }},
		{"top", func(s *store.Store) (any, error) { return explore.Of(s).Top(ctx, explore.TopOptions{Limit: 1000}) }},
		{"top --by connections --type Person", func(s *store.Store) (any, error) {
			return explore.Of(s).Top(ctx, explore.TopOptions{By: "connections", Type: "Person", Limit: 1000})
		}},
		{"top --type Country", func(s *store.Store) (any, error) {
			return explore.Of(s).Top(ctx, explore.TopOptions{Type: "Country", Limit: 1000})
		}},
		{"top --since 2024-03-04", func(s *store.Store) (any, error) {
			return explore.Of(s).Top(ctx, explore.TopOptions{Since: "2024-03-04", By: "connections", Limit: 1000})
		}},
		{"entity Jean-Bertrand Aristide", func(s *store.Store) (any, error) { return cards.Of(s).Card(ctx, "Jean-Bertrand Aristide") }},
		{"entity Aristide", func(s *store.Store) (any, error) { return cards.Of(s).Card(ctx, "Aristide") }},
		{"entity Lula", func(s *store.Store) (any, error) { return cards.Of(s).Card(ctx, "Luiz Inacio Lula da Silva") }},
		{"entity Bayramov", func(s *store.Store) (any, error) { return cards.Of(s).Card(ctx, "Bayramov") }},
		{"neighbourhood Aristide", func(s *store.Store) (any, error) {
			return explore.Of(s).Neighbourhood(ctx, string(aristide), explore.NeighbourhoodOptions{Hops: 2})
		}},
		{"predicates", func(s *store.Store) (any, error) { return explore.Of(s).Predicates(ctx) }},
	}
	compare := func(pg *store.Store, how string) {
		for _, a := range asks {
			want, err := a.ask(bolt)
			if err != nil {
				t.Fatalf("bolt: %s: %v", a.name, err)
			}
			got, err := a.ask(pg)
			if err != nil {
				t.Errorf("PostgreSQL (%s): %s: %v", how, a.name, err)
				continue
			}
			if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
				t.Errorf("%s: PostgreSQL (%s) answers\n%s\nbolt\n%s", a.name, how, g, w)
			}
		}
	}
	if saved, err := explore.ExploreFromSnapshot(pg); err != nil || saved {
		t.Errorf("the writer's index: from a snapshot %v, %v; want built", saved, err)
	}
	compare(pg, "index built")
	defer func() {
		// Read by another Store: from the snapshot the writer saved.
		again, err := store.Open(store.Postgres, addr)
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		if saved, err := explore.ExploreFromSnapshot(again); err != nil || !saved {
			t.Errorf("another Store's index: from the snapshot %v, %v; want true", saved, err)
		}
		compare(again, "index from its snapshot")
	}()

	// The names themselves: the spellings most articles give.
	for _, s := range []struct {
		name  string
		store *store.Store
	}{{"bolt", bolt}, {"PostgreSQL", pg}} {
		top, err := explore.Of(s.store).Top(ctx, explore.TopOptions{By: "connections", Type: "Person", Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		names := map[quad.IRI]string{}
		for _, e := range top {
			names[e.ID] = e.Name
		}
		if n := names[aristide]; n != "Jean-Bertrand Aristide" {
			t.Errorf("%s: top --by connections names %s %q, want Jean-Bertrand Aristide", s.name, aristide, n)
		}
		if n := names["ng:person/luiz-inacio-lula-da-silva"]; n != "Luiz Inácio Lula da Silva" {
			t.Errorf("%s: top --by connections names Lula %q, want Luiz Inácio Lula da Silva", s.name, n)
		}
		res, err := explore.Of(s.store).Search(ctx, "jean bertrand", 10)
		if err != nil || len(res) == 0 || res[0].Name != "Jean-Bertrand Aristide" ||
			fmt.Sprint(res[0].Aliases) != "[Aristide Jean Bertrand Aristide]" {
			t.Errorf("%s: search jean bertrand: %+v %v", s.name, res, err)
		}
	}

	// The same through the explore API, whose search also tells namesakes apart.
	bsrv := httptest.NewServer(server.NewHandler(bolt, server.ServerOptions{}))
	defer bsrv.Close()
	psrv := httptest.NewServer(server.NewHandler(pg, server.ServerOptions{}))
	defer psrv.Close()
	for _, path := range []string{
		"search?q=aristide", "search?q=lu&limit=50", "top?by=connections&type=Person&limit=100", "top?since=2024-04",
		"entity?id=Aristide", "neighbours?id=" + string(aristide), "predicates",
	} {
		want, got := getBody(t, bsrv.URL+server.ExplorePrefix+path), getBody(t, psrv.URL+server.ExplorePrefix+path)
		if got != want {
			t.Errorf("GET %s: PostgreSQL answers\n%s\nbolt\n%s", path, got, want)
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func getBody(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}

// The explorer's index on PostgreSQL is saved as a snapshot by a writer's Store and read by
// the Stores that follow while the quads are those it was built from: its answers are the
// index built again's; after a write (by newsgraph, or by anything else: SQL) it is stale,
// the index is built again and the answers follow the new quads; a reading Store never saves
// it; and a read-only role answers every reading command, with the snapshot, with a stale
// one, and with none it may read.
func TestPostgresExploreSnapshot(t *testing.T) {
	addr := pgtest.Database(t)
	ctx := context.Background()
	arts := storetest.SpellingArticles()
	open := func(addr string, opts ...store.Option) *store.Store {
		t.Helper()
		s, err := store.Open(store.Postgres, addr, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	write := func(arts []store.Article, opts ...store.Option) {
		t.Helper()
		w := open(addr, opts...)
		if _, err := w.WriteArticles(arts); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil { // saves the snapshot
			t.Fatal(err)
		}
	}
	// answers are the reading commands' answers from a Store opened at addr, and whether its
	// index came from the snapshot.
	answers := func(addr string) (string, bool) {
		t.Helper()
		s := open(addr)
		defer s.Close()
		saved, err := explore.ExploreFromSnapshot(s)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range []struct {
			name string
			ask  func() (any, error)
		}{
			{"search a", func() (any, error) { return explore.Of(s).Search(ctx, "a", 1000) }},
			{"search jean", func() (any, error) { return explore.Of(s).Search(ctx, "jean", 1000) }},
			{"top", func() (any, error) { return explore.Of(s).Top(ctx, explore.TopOptions{Limit: 1000}) }},
			{"top --by connections --type Person", func() (any, error) {
				return explore.Of(s).Top(ctx, explore.TopOptions{By: "connections", Type: "Person", Limit: 1000})
			}},
			{"entity", func() (any, error) { return cards.Of(s).Card(ctx, "Jean-Bertrand Aristide") }},
			{"timeline", func() (any, error) { return cards.Of(s).Timeline(ctx, "Jean-Bertrand Aristide", "", "") }},
			{"path", func() (any, error) { return explore.Of(s).Paths(ctx, "Jean-Bertrand Aristide", "Hugo Chavez", 3, 10) }},
			{"neighbourhood", func() (any, error) {
				return explore.Of(s).Neighbourhood(ctx, "Jean-Bertrand Aristide", explore.NeighbourhoodOptions{Hops: 2})
			}},
			{"predicates", func() (any, error) { return explore.Of(s).Predicates(ctx) }},
			{"merges", func() (any, error) { return s.Merges(ctx) }},
			{"query", func() (any, error) { return s.Query(ctx, `g.V().Has("<schema:name>").Count()`, 0) }},
			{"export", func() (any, error) {
				n := 0
				err := s.EachQuad(ctx, func(quad.Quad) error { n++; return nil })
				return n, err
			}},
		} {
			res, err := a.ask()
			if err != nil {
				t.Fatalf("%s: %v", a.name, err)
			}
			out = append(out, a.name+": "+jsonOf(t, res))
		}
		return strings.Join(out, "\n"), saved
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snapshots := func() int {
		t.Helper()
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM newsgraph_snapshots`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	expect := func(how string, got string, saved bool, want string, wantSaved bool) {
		t.Helper()
		if saved != wantSaved {
			t.Errorf("%s: index from the snapshot %v, want %v", how, saved, wantSaved)
		}
		if got != want {
			t.Errorf("%s: answers\n%s\nwant\n%s", how, got, want)
		}
	}

	write(arts[:4])
	fromSnapshot, saved := answers(addr)
	if !saved {
		t.Fatal("after a load, the next Store did not read the index from its snapshot")
	}
	// The same answers as the index built again (the snapshot dropped), which a reading
	// Store does not save.
	if _, err := db.Exec(`DELETE FROM newsgraph_snapshots`); err != nil {
		t.Fatal(err)
	}
	built, saved := answers(addr)
	expect("the index built again", built, saved, fromSnapshot, false)
	if n := snapshots(); n != 0 {
		t.Errorf("a reading Store saved %d snapshots", n)
	}
	// A load that finds nothing to write saves it when missing.
	write(arts[:4], store.BulkLoad())
	if n := snapshots(); n != 2 {
		t.Errorf("a load of nothing new left %d snapshots, want 2 (the index and the merges)", n)
	}
	// The merges' alone missing (a snapshot saved before they were): saved too.
	if _, err := db.Exec(`DELETE FROM newsgraph_snapshots WHERE name = $1`, store.PGMergesSnapshot); err != nil {
		t.Fatal(err)
	}
	write(arts[:4], store.BulkLoad())
	if n := snapshots(); n != 2 {
		t.Errorf("a load of nothing new, the merges' snapshot missing, left %d snapshots, want 2", n)
	}
	got, saved := answers(addr)
	expect("after a load of nothing new", got, saved, fromSnapshot, true)

	// A read-only role, granted SELECT on the tables (the snapshot's too).
	reader := pgtest.ReadOnlyRole(t, addr)
	got, saved = answers(reader)
	expect("a read-only role", got, saved, fromSnapshot, true)

	// A write the snapshot does not know of: stale, and the answers follow the new quads.
	w := open(addr)
	if _, err := w.WriteArticles(arts[4:]); err != nil {
		t.Fatal(err)
	}
	after, saved := answers(addr)
	if saved || after == fromSnapshot {
		t.Errorf("after a write: from the snapshot %v, answers changed %v; want built again with the new quads", saved, after != fromSnapshot)
	}
	if !strings.Contains(after, "Marchers in Port-au-Prince") && !strings.Contains(after, "Port-au-Prince") {
		t.Errorf("after a write, the answers do not know the new article:\n%s", after)
	}
	got, saved = answers(reader)
	expect("a read-only role, stale snapshot", got, saved, after, false)
	if err := w.Close(); err != nil { // the writer saves it
		t.Fatal(err)
	}
	got, saved = answers(addr)
	expect("after the writer closed", got, saved, after, true)
	got, saved = answers(reader)
	expect("a read-only role, after the writer closed", got, saved, after, true)

	// A write by something else (stock Cayley, psql): a quad deleted, the count alone changes.
	if _, err := db.Exec(`DELETE FROM quads WHERE horizon = (SELECT min(horizon) FROM quads)`); err != nil {
		t.Fatal(err)
	}
	foreign, saved := answers(addr)
	if saved {
		t.Error("after a quad deleted by SQL, the snapshot was read")
	}
	got, saved = answers(reader)
	expect("a read-only role, after a quad deleted by SQL", got, saved, foreign, false)

	// A role that may not read the snapshot table (granted SELECT before it existed): built.
	u, _ := url.Parse(reader)
	write(nil, store.BulkLoad()) // saved again
	if _, err := db.Exec(`REVOKE SELECT ON newsgraph_snapshots FROM ` + u.User.Username()); err != nil {
		t.Fatal(err)
	}
	got, saved = answers(reader)
	expect("a read-only role without SELECT on the snapshots", got, saved, foreign, false)
}
