package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/pgtest"
)

// pgEnv names the test server's variable; pgTestDB gives a test a database of its own on it
// (internal/pgtest).
const pgEnv = pgtest.Env

func pgTestDB(tb testing.TB) string { return pgtest.Database(tb) }

// PGTestDB is pgTestDB for the external tests (package graph_test).
var PGTestDB = pgTestDB

func openPG(tb testing.TB, addr string) *Store {
	tb.Helper()
	s, err := Open(Postgres, addr)
	if err != nil {
		tb.Fatalf("Open(postgres): %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

func dumpString(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	if err := s.Dump(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestPostgresWritesAsBolt runs the same writes on PostgreSQL and on bolt: the same stats,
// the same graph after each step, and the write rules of WriteArticles (idempotent,
// replacing a changed article, the same article twice in one call, duplicate quads).
func TestPostgresWritesAsBolt(t *testing.T) {
	pg := openPG(t, pgTestDB(t))
	bolt, _ := openTestStore(t, Bolt)
	dup := article2()
	dup.Quads = append(dup.Quads, dup.Quads[0])
	steps := []struct {
		name string
		arts []Article
		want WriteStats
	}{
		{"new", []Article{article1("h1"), dup}, WriteStats{Added: 2, Quads: 3 + 1 + 5 + 1}},
		{"again", []Article{article1("h1"), article2()}, WriteStats{Unchanged: 2}},
		{"changed", []Article{article1b()}, WriteStats{Replaced: 1, Quads: 4}},
		{"twice in one call", []Article{article1("h1"), article1b()}, WriteStats{Replaced: 2, Quads: 8}},
	}
	for _, st := range steps {
		for _, s := range []*Store{pg, bolt} {
			got, err := s.WriteArticles(st.arts)
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if got != st.want {
				t.Errorf("%s: stats %+v, want %+v", st.name, got, st.want)
			}
		}
		if p, b := dumpString(t, pg), dumpString(t, bolt); p != b {
			t.Fatalf("%s: PostgreSQL holds\n%s\nbolt holds\n%s", st.name, p, b)
		}
		if p, b := quadCount(t, pg), quadCount(t, bolt); p != b {
			t.Errorf("%s: %d quads on PostgreSQL, %d on bolt", st.name, p, b)
		}
	}
	res, err := pg.Query(context.Background(), `g.V("<person:alice>").Out("<ng:received>").All()`, 0)
	if err != nil || fmt.Sprint(res) != "[map[id:<award:pulitzer>] map[id:<award:nobel>]]" {
		t.Errorf("query: %v, %v", res, err)
	}
}

// TestPostgresReopenAndShare: the graph stays in the database; two Stores (two
// processes' worth) have it open at once and see each other's writes.
func TestPostgresReopenAndShare(t *testing.T) {
	addr := pgTestDB(t)
	s1, err := Open(Postgres, addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s1.WriteArticles([]Article{article1("h1")}); err != nil {
		t.Fatal(err)
	}
	s2 := openPG(t, addr)
	if _, err := s2.WriteArticles([]Article{article2()}); err != nil {
		t.Fatal(err)
	}
	want := dumpString(t, s2)
	if got := dumpString(t, s1); got != want {
		t.Errorf("the two stores differ:\n%s\n%s", got, want)
	}
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}
	s3 := openPG(t, addr)
	if got := dumpString(t, s3); got != want {
		t.Errorf("reopened: %s, want %s", got, want)
	}
	// A --db that is a postgres:// URL needs no --backend.
	s4, err := Open(Bolt, addr)
	if err != nil {
		t.Fatalf("Open(bolt, postgres://...): %v", err)
	}
	defer s4.Close()
	if got := dumpString(t, s4); got != want {
		t.Errorf("opened by URL: %s, want %s", got, want)
	}
}

// TestPostgresOpenNewDatabaseAtOnce: processes opening a new database at the same time
// create its tables once, without failing.
func TestPostgresOpenNewDatabaseAtOnce(t *testing.T) {
	addr := pgTestDB(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(Postgres, addr)
			if err == nil {
				_, err = s.WriteArticles([]Article{article1("h1")})
				s.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// TestPostgresBatchIsAllOrNothing: a batch is one transaction. A server-side failure in
// the middle of a batch (a trigger refusing one value) leaves none of its articles, and the
// next write goes through.
func TestPostgresBatchIsAllOrNothing(t *testing.T) {
	addr := pgTestDB(t)
	s := openPG(t, addr)
	if _, err := s.WriteArticles([]Article{article2()}); err != nil {
		t.Fatal(err)
	}
	before := dumpString(t, s)
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN
			IF NEW.value_string = 'POISON' THEN RAISE EXCEPTION 'poisoned value'; END IF;
			RETURN NEW; END $$ LANGUAGE plpgsql`,
		`CREATE TRIGGER refuse_poison BEFORE INSERT ON nodes FOR EACH ROW EXECUTE FUNCTION refuse_poison()`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	poisoned := Article{IRI: "news:bad", Hash: "hb", Quads: []quad.Quad{
		q("person:carol", name, "Carol"), q("person:carol", name, "POISON")}}
	third := Article{IRI: "news:a3", Hash: "h3", Quads: []quad.Quad{q("person:dan", name, "Dan")}}
	_, err = s.WriteArticles([]Article{article1("h1"), poisoned, third})
	if err == nil || !strings.Contains(err.Error(), "poisoned value") {
		t.Fatalf("write with a poisoned article: %v", err)
	}
	if got := dumpString(t, s); got != before {
		t.Errorf("a failed batch left quads:\n%s\nwant\n%s", got, before)
	}
	if st, err := s.WriteArticles([]Article{article1("h1")}); err != nil || st.Added != 1 {
		t.Errorf("write after a failed batch: %+v, %v", st, err)
	}
}

// TestPostgresWritersTakeTurns: a writer of one Store waits while a writer of another
// Store (another session, as another process would have) is in its turn.
func TestPostgresWritersTakeTurns(t *testing.T) {
	addr := pgTestDB(t)
	s1, s2 := openPG(t, addr), openPG(t, addr)
	s1.writeMu.Lock()
	done := make(chan error, 1)
	go func() {
		_, err := s2.WriteArticles([]Article{article1("h1")})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("the second writer did not wait: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	if n := quadCount(t, s1); n != 0 {
		t.Errorf("%d quads written while the first writer held its turn", n)
	}
	s1.writeMu.Unlock()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second writer still waits after the first one's turn ended")
	}
	if n := quadCount(t, s1); n != 4 {
		t.Errorf("%d quads, want 4", n)
	}
}

// TestPostgresQueryStopsAtDeadline: a query that never ends stops at its deadline.
func TestPostgresQueryStopsAtDeadline(t *testing.T) {
	s := openPG(t, pgTestDB(t))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := s.Query(ctx, `while (true) {}`, 0)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want a deadline", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopped after %v", d)
	}
}

func TestPostgresOpenErrors(t *testing.T) {
	for _, path := range []string{"", "./newsgraph.db"} {
		if _, err := Open(Postgres, path); err == nil || !strings.Contains(err.Error(), "not a database URL") {
			t.Errorf("Open(postgres, %q): %v", path, err)
		}
	}
	_, err := Open(Postgres, "postgres://someone:secret@127.0.0.1:1/nowhere?sslmode=disable&connect_timeout=2")
	if err == nil {
		t.Fatal("Open of a server that does not exist: no error")
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("the error shows the password: %v", err)
	}
}

// P2: serve printed a PostgreSQL URL with its password.
func TestRedactDB(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://ng:s3cret@db.example:5432/news": "postgres://ng:xxxxx@db.example:5432/news",
		"./newsgraph.db":                      "./newsgraph.db",
		"host=db password=s3cret dbname=news": "(connection string)",
	} {
		if got := RedactDB(in); got != want {
			t.Errorf("RedactDB(%q) = %q, want %q", in, got, want)
		}
	}
}

// P1: a role that may only read (SELECT, default_transaction_read_only) could open nothing:
// every open created the label index.
func TestPostgresReadOnlyRole(t *testing.T) {
	addr := pgTestDB(t)
	s := openPG(t, addr)
	if _, err := s.WriteArticles([]Article{{IRI: "ng:article/a", Hash: "h1", Quads: []quad.Quad{
		{Subject: quad.IRI("ng:person/x"), Predicate: quad.IRI("schema:name"), Object: quad.String("X")}}}}); err != nil {
		t.Fatal(err)
	}
	u := pgtest.ReadOnlyRole(t, addr)
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Drop the index so that the reader's open would have to create it.
	if _, err := db.Exec("DROP INDEX IF EXISTS quads_label_index"); err != nil {
		t.Fatal(err)
	}
	r, err := Open(Postgres, u)
	if err != nil {
		t.Fatalf("open as a read-only role: %v", err)
	}
	defer r.Close()
	res, err := r.Query(context.Background(), `g.V().Has("<schema:name>", "X").All()`, 0)
	if err != nil || len(res) != 1 {
		t.Fatalf("query as a read-only role: %v %v", res, err)
	}
}
