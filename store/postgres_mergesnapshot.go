package store

import (
	"bytes"
	"context"
	"database/sql"
	"sync"

	"github.com/newsgraph/newsgraph/store/mergetable"
	"github.com/newsgraph/newsgraph/store/postgres"
)

// The merge table of a PostgreSQL store without its SELECT. Every command reads the merge
// table, and a writer several times a batch (PostgreSQL's Store keeps no cache of it: other
// processes merge); the SELECT of every merge's quads (postgres_merges.go) grows with the
// merges: 0.4 to 0.7 s at 15,000 GMB articles and their 1,900 merges. When the quads' writes
// are counted (store/postgres/changes.go: their mark is then two SELECTs of a few rows), the
// table is instead, in this order:
//
//   - the one this process last read, while the quads' mark is still the one it was read
//     under (any write of the quads, by anyone, changes the mark);
//   - the snapshot a writer saved with the explorer's index (PGMergesSnapshot, under the
//     mark of the quads both were read from: store/explore/postgres_explore.go), while the
//     mark is that one;
//   - the SELECT, in the same read-only transaction as the mark.
//
// Without the counter (its mark is a scan of the quads, which costs what the SELECT does) or
// inside a transaction given (the explorer's build, which has just found its own snapshot
// stale), the SELECT as before.

// PGMergesSnapshot names the merge table among a PostgreSQL graph's snapshots
// (store/postgres/snapshot.go); its number is the version of the encoding (mergetable.Encode).
const PGMergesSnapshot = "merges/1"

// pgMergesMemo is the merge table a Store last read from its database, with the mark of the
// quads it was read under. Tables are shared, never changed (a writer changes a clone:
// mergesForWrite), as bolt's Store shares its cached one.
type pgMergesMemo struct {
	sync.Mutex
	db   *sql.DB
	mark []byte
	t    *mergeTable
}

// pgReadMerges reads the merge table (see above), remembered in m (nil: not remembered).
func pgReadMerges(ctx context.Context, db pgQuerier, m *pgMergesMemo) (*mergeTable, error) {
	pool, ok := db.(*sql.DB)
	if !ok || m == nil {
		return pgSelectMerges(ctx, db)
	}
	tx, err := pool.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return pgSelectMerges(ctx, db) // (its error, if the server is gone)
	}
	defer tx.Rollback()
	mark, readable, err := postgres.QuadsMark(ctx, tx)
	if err != nil || len(mark) != 9 {
		tx.Rollback()
		return pgSelectMerges(ctx, db)
	}
	m.Lock()
	if m.db == pool && bytes.Equal(m.mark, mark) {
		t := m.t
		m.Unlock()
		return t, nil
	}
	m.Unlock()
	var t *mergeTable
	if readable {
		body, err := postgres.ReadSnapshot(ctx, tx, PGMergesSnapshot, mark)
		if err != nil {
			tx.Rollback()
			return pgSelectMerges(ctx, db)
		}
		if body != nil {
			t, _ = mergetable.Decode(body) // (nil when damaged: selected)
		}
	}
	if t == nil {
		if t, err = pgSelectMerges(ctx, tx); err != nil {
			return nil, err
		}
	}
	m.Lock()
	m.db, m.mark, m.t = pool, mark, t
	m.Unlock()
	return t, nil
}
