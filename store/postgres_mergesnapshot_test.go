package store_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/postgres"
)

// The merge table is read from its snapshot (store.PGMergesSnapshot) while the quads' mark is
// the one it was saved under, and from the quads once anything writes them: a snapshot of an
// older table put under the current mark is what the commands read, until a quad written by
// SQL makes it stale.
func TestPostgresMergesFromSnapshot(t *testing.T) {
	addr := store.PGTestDB(t)
	pg, err := store.Open(store.Postgres, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := pg.WriteArticles(storetest.SpellingArticles()); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	merge := func(keep, other quad.IRI) {
		t.Helper()
		at = at.Add(time.Hour)
		if _, err := pg.Merge(ctx, keep, other, store.MergeOptions{By: "test", At: at}); err != nil {
			t.Fatal(err)
		}
	}
	merge("ng:person/jean-bertrand-aristide", "ng:person/hugo-chavez")
	older, _, err := store.MergeTables(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	view, err := pg.MergeView(ctx)
	if err != nil {
		t.Fatal(err)
	}
	body, err := view.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	merge("ng:person/jean-bertrand-aristide", "ng:person/luiz-inacio-lula-da-silva")

	mark := func() []byte {
		t.Helper()
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		m, _, err := postgres.QuadsMark(ctx, tx)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := mark()
	if len(m) != 9 {
		t.Fatalf("the writes made no change counter: mark %x", m)
	}
	if err := postgres.SaveSnapshot(ctx, db, store.PGMergesSnapshot, m, body); err != nil {
		t.Fatal(err)
	}
	read, byNode, err := store.MergeTables(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	if read != older || read == byNode {
		t.Fatalf("with a snapshot under the current mark, the merges read are not the snapshot's:\n%s\nwant\n%s", read, older)
	}
	// Any write of the quads (here by SQL) makes it stale.
	if _, err := db.Exec(`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES ('\x01', '\x02', '\x03', NULL, now())`); err != nil {
		t.Fatal(err)
	}
	read, byNode, err = store.MergeTables(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	if read != byNode {
		t.Errorf("after a write, the merges read are still the snapshot's:\n%s\nwant\n%s", read, byNode)
	}
}
