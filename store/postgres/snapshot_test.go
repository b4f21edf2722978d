package postgres

import (
	"bytes"
	"context"
	"database/sql"
	"testing"
)

// A transaction that took its horizon before another committed a larger one may insert below
// the largest horizon; if it also deletes a quad, the count and the largest horizon are as
// before, and the mark must still change (snapshot.go).
func TestPostgresQuadsMarkSeesAWriteBelowTheLargestHorizon(t *testing.T) {
	addr := pgTestDB(t)
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	// Cayley's quads table is what QuadsMark reads; only its horizon column matters here.
	for _, q := range []string{`CREATE TABLE quads (horizon BIGSERIAL PRIMARY KEY, v int)`,
		`INSERT INTO quads (horizon, v) VALUES (1, 1), (2, 2), (5, 5)`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	mark := func() []byte {
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
	before := mark()
	// a late writer: inserts horizon 3 (below the largest, 5) and deletes horizon 1
	if _, err := db.ExecContext(ctx, `INSERT INTO quads (horizon, v) VALUES (3, 3); DELETE FROM quads WHERE horizon = 1`); err != nil {
		t.Fatal(err)
	}
	after := mark()
	if bytes.Equal(before[:16], after[:16]) == false {
		t.Fatalf("the test's write changed the count or the largest horizon: %x -> %x", before, after)
	}
	if bytes.Equal(before, after) {
		t.Errorf("the mark did not change: %x", after)
	}
}
