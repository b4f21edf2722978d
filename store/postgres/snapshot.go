package postgres

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"hash/fnv"
)

// Snapshots: what newsgraph derives from the quads and keeps beside Cayley's tables, so that
// a command need not derive it again (the explorer's index: package store,
// postgres_explore.go). A snapshot is one row of newsgraph_snapshots (name, mark, body),
// saved by a writer; its mark is the mark of the quads it was made from (QuadsMark), and it
// is read only while the quads' mark is still that one: nothing has to drop it, and a write
// by anything (another newsgraph, stock Cayley, psql) makes it stale.
//
// The mark is the one bolt's card index keeps of Cayley's kv store (store/cards/cardindex/mark.go):
// the last horizon (the quads' BIGSERIAL key: every insert, by anyone, takes a new one, and a
// sequence never goes back) and the number of quads (every delete changes it). A state of the
// quads with the same two numbers as an earlier one is that state: to come back to the same
// largest horizon, every quad inserted since must have been deleted, and to come back to the
// same count, nothing else can have been.

// With writers at work at once the two numbers alone are not enough: a transaction that took
// its horizons before another committed larger ones commits below the largest, so an insert
// and a delete in it could leave both numbers as they were. The mark therefore also holds the
// sum of a hash of every horizon, which such a pair changes unless the hashes of what it
// inserted and deleted sum alike (about one chance in four billion).

// snapshotTable holds the snapshots. It is created with Cayley's tables in a new database
// (initPostgres) and, in a database made before it existed, by the first SaveSnapshot.
const snapshotTable = "newsgraph_snapshots"

const createSnapshotTable = `CREATE TABLE IF NOT EXISTS ` + snapshotTable + ` (name TEXT PRIMARY KEY, mark BYTEA NOT NULL, body BYTEA NOT NULL)`

// QuadsMark is the mark of the quads as tx sees them, and whether tx may read the snapshot
// table (false when it does not exist yet or the role was granted SELECT on the tables
// before it did). When the quads' writes are counted (changes.go), the mark is the
// counters' sum (9 bytes): two SELECTs of a few rows, at any size. Otherwise it is read from
// the quads (24 bytes: the quad count, the last horizon and the sum of the horizons'
// hashes): a scan of the table.
func QuadsMark(ctx context.Context, tx *sql.Tx) (mark []byte, readable bool, err error) {
	mark, counted, readable, err := changeMark(ctx, tx)
	if err != nil || counted {
		return mark, readable, err
	}
	var n, horizon, hashes int64
	err = tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(horizon), 0), coalesce(sum(hashint8(horizon)), 0) FROM quads`).
		Scan(&n, &horizon, &hashes)
	if err != nil {
		return nil, false, err
	}
	mark = binary.LittleEndian.AppendUint64(nil, uint64(n))
	mark = binary.LittleEndian.AppendUint64(mark, uint64(horizon))
	return binary.LittleEndian.AppendUint64(mark, uint64(hashes)), readable, nil
}

// MarkVersion is a number of mark, for comparing marks as numbers: two marks of one number
// are one mark but for one chance in 2^64.
func MarkVersion(mark []byte) int64 {
	h := fnv.New64a()
	h.Write(mark)
	return int64(h.Sum64())
}

// ReadSnapshot returns the body of the snapshot name saved under mark, or nil when there is
// none such (none saved, or one of other quads). Call it only when QuadsMark said the table
// is readable: an error aborts tx.
func ReadSnapshot(ctx context.Context, tx *sql.Tx, name string, mark []byte) ([]byte, error) {
	var body []byte
	err := tx.QueryRowContext(ctx, `SELECT body FROM `+snapshotTable+` WHERE name = $1 AND mark = $2`, name, mark).Scan(&body)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return body, err
}

// HasSnapshot tells whether the snapshot name is saved under mark. Call it only when
// QuadsMark said the table is readable: an error aborts tx.
func HasSnapshot(ctx context.Context, tx *sql.Tx, name string, mark []byte) (bool, error) {
	var has bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+snapshotTable+` WHERE name = $1 AND mark = $2)`, name, mark).Scan(&has)
	return has, err
}

// SaveSnapshot saves body as the snapshot name of the quads of mark, creating the table
// when missing. Snapshots are only a cache: a role that may not write fails here, and
// nothing is lost. Two writers saving at once leave one of the two, whose mark says which
// quads it belongs to.
func SaveSnapshot(ctx context.Context, db *sql.DB, name string, mark, body []byte) error {
	if _, err := db.ExecContext(ctx, createSnapshotTable); err != nil {
		return fmt.Errorf("create the snapshot table: %w", OneLine(err))
	}
	_, err := db.ExecContext(ctx, `INSERT INTO `+snapshotTable+` (name, mark, body) VALUES ($1, $2, $3) `+
		`ON CONFLICT (name) DO UPDATE SET mark = EXCLUDED.mark, body = EXCLUDED.body`, name, mark, body)
	if err != nil {
		return fmt.Errorf("save snapshot %s: %w", name, OneLine(err))
	}
	return nil
}
