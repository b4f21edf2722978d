package store_test

import (
	"context"
	"database/sql"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/terms"
)

// Name keys are no quads: the card index (bolt), PostgreSQL's table or a scan of the names
// (memstore) find entities by them, the load's linker (PeopleNamed) among them, and forget
// takes them away with the names.
func TestNameKeysWithoutQuads(t *testing.T) {
	backends := everyBackend()
	const bayramov = quad.IRI("ng:person/jeyhun-bayramov")
	for name, open := range backends {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			arts := examples(t)
			load(t, s, arts...)
			if n := countPred(t, s, terms.NameKey); n != 0 {
				t.Errorf("%d ng:nameKey quads stored", n)
			}
			people, err := s.PeopleNamed(ctx, "BAYRAMOV")
			if err != nil || !slices.ContainsFunc(people, func(p store.Person) bool { return p.IRI == bayramov }) {
				t.Errorf("PeopleNamed(BAYRAMOV) = %+v, %v", people, err)
			}
			for q, want := range map[string]bool{
				"bayramov":              true,  // a word of a person's name
				"JEYHUN BAYRAMOV":       true,  // the name in another case
				"partnership for peace": false, // (another entity)
				"peace":                 false, // a word of an organisation's name: no key
			} {
				es, err := s.NameKeyEntities(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if got := slices.Contains(es, bayramov); got != want {
					t.Errorf("NameKeyEntities(%q) = %v: Bayramov %v, want %v", q, es, got, want)
				}
				if q == "partnership for peace" && len(es) == 0 {
					t.Errorf("NameKeyEntities(%q): none", q)
				}
				if q == "peace" && len(es) != 0 {
					t.Errorf("NameKeyEntities(%q) = %v", q, es)
				}
			}
			ms, err := cards.Of(s).FindEntities(ctx, "bayramov")
			if err != nil || len(ms) == 0 || ms[0].IRI != bayramov || ms[0].Match != "nameKey" {
				t.Errorf("FindEntities(bayramov) = %+v, %v", ms, err)
			}
			// Forget every article that names him: no key finds him.
			var forget []quad.IRI
			for _, a := range arts {
				if strings.Contains(a.Text, "Bayramov") {
					forget = append(forget, build(a)[0].IRI)
				}
			}
			if _, err := s.Forget(ctx, forget...); err != nil {
				t.Fatal(err)
			}
			if es, err := s.NameKeyEntities(ctx, "bayramov"); err != nil || slices.Contains(es, bayramov) {
				t.Errorf("after forget: NameKeyEntities(bayramov) = %v, %v", es, err)
			}
			if people, err := s.PeopleNamed(ctx, "Bayramov"); err != nil || len(people) != 0 {
				t.Errorf("after forget: PeopleNamed(Bayramov) = %+v, %v", people, err)
			}
			if db := s.SQLTables(); db != nil {
				var n int
				if err := db.QueryRow(`SELECT count(*) FROM newsgraph_name_keys WHERE key = 'bayramov'`).Scan(&n); err != nil || n != 0 {
					t.Errorf("after forget: %d rows of bayramov in the table, %v", n, err)
				}
				if err := db.QueryRow(`SELECT count(*) FROM newsgraph_name_keys`).Scan(&n); err != nil || n == 0 {
					t.Errorf("%d rows in the table, %v", n, err)
				}
			}
		})
	}
}

// A database written before name keys left the quads keeps its ng:nameKey quads: they are
// still found, on every backend.
func TestNameKeysOfAnOlderDatabase(t *testing.T) {
	for _, backend := range []string{"bolt", store.Memstore} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			var s *store.Store
			if backend == "bolt" {
				s = openBolt(t)
			} else {
				var err error
				if s, err = store.Open(backend, ""); err != nil {
					t.Fatal(err)
				}
				defer s.Close()
			}
			art := extract.Article{ID: "old", Text: "Tevfik Zorlu arrived in Ankara on Monday."}
			built := build(art)
			a := built[0]
			// as package schema wrote them: a key of the name and each word
			e := quad.IRI("ng:person/old-zorlu")
			for _, q := range []quad.Quad{
				{Subject: e, Predicate: terms.Type, Object: quad.IRI("schema:Person"), Label: a.IRI},
				{Subject: e, Predicate: terms.Name, Object: quad.String("T. Zorlu"), Label: a.IRI},
				{Subject: e, Predicate: terms.NameKey, Object: quad.String("tevfik zorlu"), Label: a.IRI},
			} {
				a.Quads = append(a.Quads, q)
			}
			if _, err := s.WriteArticles([]store.Article{a}); err != nil {
				t.Fatal(err)
			}
			es, err := s.NameKeyEntities(ctx, "Tevfik Zorlu")
			if err != nil || !slices.Contains(es, e) {
				t.Errorf("NameKeyEntities(Tevfik Zorlu) = %v, %v", es, err)
			}
		})
	}
}

// countPred counts the stored quads whose predicate is p.
func countPred(t *testing.T, s *store.Store, p quad.IRI) int {
	t.Helper()
	n := 0
	err := s.EachQuad(context.Background(), func(q quad.Quad) error {
		if q.Predicate == p {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// PostgreSQL's table of name keys is made by the first write that finds it missing, with the
// keys of the names stored before, never by opening; without it, lookups read the names.
func TestPostgresNameKeysTableMadeAtFirstWrite(t *testing.T) {
	addr := store.PGTestDB(t)
	ctx := context.Background()
	const bayramov = quad.IRI("ng:person/jeyhun-bayramov")
	s, err := store.Open(store.Postgres, addr)
	if err != nil {
		t.Fatal(err)
	}
	load(t, s, examples(t)...)
	if _, err := s.SQLTables().Exec(`DROP TABLE newsgraph_name_keys`); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(store.Postgres, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	table := func() bool {
		var ok bool
		if err := s.SQLTables().QueryRow(`SELECT to_regclass('newsgraph_name_keys') IS NOT NULL`).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if es, err := s.NameKeyEntities(ctx, "bayramov"); err != nil || !slices.Contains(es, bayramov) || table() {
		t.Errorf("without the table: NameKeyEntities(bayramov) = %v, %v; table made: %v", es, err, table())
	}
	if _, err := s.WriteArticles(storetest.SpellingArticles()); err != nil {
		t.Fatal(err)
	}
	if !table() {
		t.Fatal("no table after a write")
	}
	var n int
	if err := s.SQLTables().QueryRow(`SELECT count(*) FROM newsgraph_name_keys WHERE key = 'bayramov'`).Scan(&n); err != nil || n == 0 {
		t.Errorf("%d rows of bayramov, %v: the names stored before are not in the table", n, err)
	}
	if es, err := s.NameKeyEntities(ctx, "bayramov"); err != nil || !slices.Contains(es, bayramov) {
		t.Errorf("NameKeyEntities(bayramov) = %v, %v", es, err)
	}
}

// A role that may only read opens the database and finds people by name key: from the table
// when it may read it, else by reading the names.
func TestPostgresNameKeysReadOnlyRole(t *testing.T) {
	addr := store.PGTestDB(t)
	ctx := context.Background()
	const bayramov = quad.IRI("ng:person/jeyhun-bayramov")
	w, err := store.Open(store.Postgres, addr)
	if err != nil {
		t.Fatal(err)
	}
	load(t, w, examples(t)...)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	reader := pgtest.ReadOnlyRole(t, addr)
	find := func(how string) {
		t.Helper()
		r, err := store.Open(store.Postgres, reader)
		if err != nil {
			t.Fatalf("open as a read-only role: %v", err)
		}
		defer r.Close()
		people, err := r.PeopleNamed(ctx, "Bayramov")
		if err != nil || !slices.ContainsFunc(people, func(p store.Person) bool { return p.IRI == bayramov }) {
			t.Errorf("%s: PeopleNamed(Bayramov) = %+v, %v", how, people, err)
		}
		ms, err := cards.Of(r).FindEntities(ctx, "bayramov")
		if err != nil || len(ms) == 0 || ms[0].IRI != bayramov {
			t.Errorf("%s: FindEntities(bayramov) = %+v, %v", how, ms, err)
		}
	}
	find("the table")
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, _ := url.Parse(reader)
	if _, err := db.Exec(`REVOKE SELECT ON newsgraph_name_keys FROM ` + u.User.Username()); err != nil {
		t.Fatal(err)
	}
	find("without the right to read the table")
}
