package postgres

import (
	"bytes"
	"context"
	"database/sql"
	"net/url"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/pgtest"
)

// With the change counter (changes.go) the mark reads a few rows instead of scanning the
// quads, and still changes with every write of the quads by anyone: an insert, a delete, an
// update, a truncate, a write by a role that may not touch the counters; a reader's role
// reads the same mark without writing; without the trigger (dropped or disabled) the mark
// is the scanned one again, which no counted mark equals.
func TestPostgresQuadsChangeCounter(t *testing.T) {
	addr := pgTestDB(t)
	qs, err := Open(addr) // Cayley's tables, in a new database
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	db := qs.DB()
	ctx := context.Background()
	exec := func(db *sql.DB, q string) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	markOf := func(db *sql.DB) []byte {
		t.Helper()
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		m, _, err := QuadsMark(ctx, tx)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	mark := func() []byte { return markOf(db) }
	insert := `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
		VALUES ('\x01', '\x02', '\x03', NULL, now()), ('\x04', '\x05', '\x06', '\x07', now())`
	exec(db, insert)
	if m := mark(); len(m) != 24 {
		t.Fatalf("before the counter exists the mark is the scanned one (24 bytes): %x", m)
	}

	// A store's first write creates the counter (and only its first: the second finds it).
	if err := EnsureChangeCounter(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := EnsureChangeCounter(ctx, db); err != nil {
		t.Fatal(err)
	}
	before := mark()
	if len(before) != 9 || before[0] != 1 {
		t.Fatalf("with the counter the mark is its sum (9 bytes): %x", before)
	}
	if again := mark(); !bytes.Equal(again, before) {
		t.Fatalf("nothing written, and the mark changed: %x -> %x", before, again)
	}
	changes := func(what string, write func()) {
		t.Helper()
		m0 := mark()
		write()
		if m1 := mark(); bytes.Equal(m0, m1) {
			t.Errorf("%s: the mark did not change (%x)", what, m1)
		}
	}
	changes("an insert", func() {
		exec(db, `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES ('\x11', '\x12', '\x13', NULL, now())`)
	})
	changes("a delete", func() { exec(db, `DELETE FROM quads WHERE subject_hash = '\x11'`) })
	changes("an update", func() { exec(db, `UPDATE quads SET ts = now() WHERE subject_hash = '\x01'`) })
	changes("an insert that a delete undoes in one transaction", func() {
		exec(db, `BEGIN; INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES ('\x21', '\x22', '\x23', NULL, now());
			DELETE FROM quads WHERE subject_hash = '\x21'; COMMIT`)
	})

	// A writer's role that may write the quads but not the counters (stock Cayley's, say):
	// its writes are counted all the same (the trigger's function runs as its owner).
	writer := pgtest.Name("ngwriter")
	u, _ := url.Parse(addr)
	exec(db, `CREATE ROLE `+writer+` LOGIN PASSWORD 'writer'`)
	t.Cleanup(func() {
		admin, err := sql.Open("postgres", addr)
		if err == nil {
			admin.Exec(`DROP OWNED BY ` + writer)
			admin.Exec(`DROP ROLE ` + writer)
			admin.Close()
		}
	})
	exec(db, `GRANT SELECT, INSERT, UPDATE, DELETE ON quads TO `+writer)
	exec(db, `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO `+writer)
	wu := *u
	wu.User = url.UserPassword(writer, "writer")
	wdb, err := sql.Open("postgres", wu.String())
	if err != nil {
		t.Fatal(err)
	}
	defer wdb.Close()
	changes("another role's insert", func() {
		exec(wdb, `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES ('\x31', '\x32', '\x33', NULL, now())`)
	})
	changes("another role's delete", func() { exec(wdb, `DELETE FROM quads WHERE subject_hash = '\x31'`) })
	if _, err := wdb.ExecContext(ctx, `SELECT * FROM `+changesTable); err == nil {
		t.Errorf("the writer's role may read the counters: the test does not test what it says")
	}

	// A reader's role reads the mark, the same, in a read-only transaction.
	reader := pgtest.ReadOnlyRole(t, addr)
	rdb, err := sql.Open("postgres", reader)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	if m, r := mark(), markOf(rdb); !bytes.Equal(m, r) {
		t.Errorf("the reader's mark %x, the owner's %x", r, m)
	}

	changes("a truncate", func() { exec(db, `TRUNCATE quads`) })

	// A disabled trigger counts nothing: the mark is scanned again; the next store's first
	// write makes the trigger again.
	counted := mark()
	exec(db, `ALTER TABLE quads DISABLE TRIGGER `+changesTrigger)
	if m := mark(); len(m) != 24 {
		t.Errorf("a disabled trigger, and the mark is not the scanned one: %x", m)
	}
	exec(db, insert)
	if err := EnsureChangeCounter(ctx, db); err != nil {
		t.Fatal(err)
	}
	if m := mark(); len(m) != 9 || bytes.Equal(m, counted) {
		t.Errorf("after the trigger is made again the mark is %x, before it was disabled %x", m, counted)
	}
}

// A store's first write makes the counter; a store's open does not (a reader's role opens
// without writing).
func TestPostgresChangeCounterMadeByTheFirstWrite(t *testing.T) {
	addr := pgTestDB(t)
	qs, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	ctx := context.Background()
	counted := func() bool {
		var c, r, s bool
		if err := qs.DB().QueryRowContext(ctx, changeCounted).Scan(&c, &r, &s); err != nil {
			t.Fatal(err)
		}
		return c
	}
	if counted() {
		t.Fatal("opening made the change counter")
	}
	if err := qs.ApplyDeltas([]cgraph.Delta{{Quad: quad.Make(quad.IRI("a"), quad.IRI("knows"), quad.IRI("b"), nil), Action: cgraph.Add}}, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if !counted() {
		t.Fatal("the first write did not make the change counter")
	}
}
