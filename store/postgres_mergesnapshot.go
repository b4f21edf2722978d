package store

import (
	"context"
	"database/sql"

	"github.com/newsgraph/newsgraph/store/postgres"
)

// PGMergesSnapshot names the merge table among a PostgreSQL graph's snapshots
// (store/postgres/snapshot.go): saved by a writer with the explorer's index, under the mark of
// the quads both were read from (store/explore/postgres_explore.go). Every command reads the
// merge table, and the SELECT of every merge's quads (postgres_merges.go) grows with the
// merges: 0.4 to 0.7 s at 15,000 GMB articles and their 1,900 merges. While the quads are
// those of the saved table, a command reads that instead: two SELECTs of a few rows for the
// mark, one for the table. Its number is the version of the encoding (encodeMerges).
const PGMergesSnapshot = "merges/1"

// pgSavedMerges is the saved merge table when it is that of the quads now, else nil. Only
// with the quads' change counter (a 9-byte mark): without it the mark is a scan of the quads,
// which costs what the SELECT of the merges does. Read in a transaction of its own: a
// transaction given (the explorer's) has just found its own snapshot stale, and the merges
// were saved with it.
func pgSavedMerges(ctx context.Context, db pgQuerier) *mergeTable {
	pool, ok := db.(*sql.DB)
	if !ok {
		return nil
	}
	tx, err := pool.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil
	}
	defer tx.Rollback()
	mark, readable, err := postgres.QuadsMark(ctx, tx)
	if err != nil || !readable || len(mark) != 9 {
		return nil
	}
	body, err := postgres.ReadSnapshot(ctx, tx, PGMergesSnapshot, mark)
	if err != nil || body == nil {
		return nil
	}
	t, err := decodeMerges(body)
	if err != nil {
		return nil // (a damaged one is read from the quads)
	}
	return t
}
