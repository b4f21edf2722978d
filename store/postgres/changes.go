package postgres

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"sync/atomic"

	"github.com/lib/pq"
)

// The quads' change counter: what makes the snapshots' mark (snapshot.go) cost the same at
// any size. The mark used to be read from the quads themselves (their count, the largest
// horizon and the sum of a hash of every horizon): a scan of the whole table, 20 ms at 1,000
// articles and seconds at 100,000, paid by every command that reads the explorer's index.
//
// newsgraph's table newsgraph_quads_changes holds a counter per slot (a server process's id
// modulo 1024), and a statement-level trigger on quads adds one to the slot of the process
// that runs any INSERT, UPDATE, DELETE or TRUNCATE of quads, whoever runs it: newsgraph,
// stock Cayley, psql. The counters only grow, so their sum, read in the same transaction as
// the quads, changes with every committed write of the quads: it is the mark. Concurrent
// writers are different server processes, so they do not wait for each other's slot (two of
// the 1,024 slots can be one, and then the second waits for the first to commit).
//
// The table, its function and the trigger are created by the first write of a store that
// finds them missing (ApplyDeltas; a role that may not create them writes as before),
// never by opening: a reader's role opens and reads without writing. Without the trigger
// (a database no newsgraph has written since, or a trigger dropped or disabled), or when the
// role may not read the counters, the mark is the scan of the quads as before: the two kinds
// of mark never equal each other, so a snapshot saved under one is stale under the other.
//
// The trigger is an ordinary one: it does not fire in a session with session_replication_role
// = replica (a logical replication's apply worker, pg_restore --disable-triggers). A logical
// replica must therefore replicate newsgraph_quads_changes with the quads (a publication FOR
// ALL TABLES does); a physical replica is the primary's copy, counters included.

const (
	changesTable   = "newsgraph_quads_changes"
	changesTrigger = "newsgraph_quads_changed"
	changesSlots   = 1024
)

// createChanges are the statements that create the counter table, the trigger's function
// and the trigger in schema, then count one change (the trigger's creation: a trigger dropped
// and made again while the quads were written without it must not leave the sum as it was).
func createChanges(schema string) []string {
	table := pq.QuoteIdentifier(schema) + "." + changesTable
	fn := pq.QuoteIdentifier(schema) + "." + changesTrigger
	return []string{
		`CREATE TABLE IF NOT EXISTS ` + table + ` (slot INT PRIMARY KEY, n BIGINT NOT NULL)`,
		// SECURITY DEFINER: a role that may write the quads but not this table (stock
		// Cayley's, say) still counts its writes.
		`CREATE OR REPLACE FUNCTION ` + fn + `() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
BEGIN
	INSERT INTO ` + table + ` AS c (slot, n) VALUES (pg_backend_pid() % ` + fmt.Sprint(changesSlots) + `, 1)
		ON CONFLICT (slot) DO UPDATE SET n = c.n + 1;
	RETURN NULL;
END
$f$`,
		`CREATE TRIGGER ` + changesTrigger + ` AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quads
			FOR EACH STATEMENT EXECUTE PROCEDURE ` + fn + `()`,
		`INSERT INTO ` + table + ` AS c (slot, n) VALUES (-1, 1) ON CONFLICT (slot) DO UPDATE SET n = c.n + 1`,
	}
}

// changeCounted tells whether the quads' writes are counted (the trigger exists and is
// enabled), whether the role may read the counters and whether it may read the snapshots.
const changeCounted = `SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('quads')
		AND tgname = '` + changesTrigger + `' AND tgenabled IN ('O', 'A')),
	coalesce(has_table_privilege(to_regclass('` + changesTable + `'), 'SELECT'), false),
	coalesce(has_table_privilege(to_regclass('` + snapshotTable + `'), 'SELECT'), false)`

// changes is a store's state of the change counter: whether its first write made sure
// the trigger exists.
type changes struct {
	ensured atomic.Bool
}

// ensureChanges creates the change counter and its trigger when missing, once per store:
// before its first write. A failure (a role that may write the quads but not create a
// trigger or a table) is no error: the marks are then read by scanning the quads.
func (p *QuadStore) ensureChanges(ctx context.Context) {
	if p.changes.ensured.Load() {
		return
	}
	defer p.changes.ensured.Store(true)
	_ = EnsureChangeCounter(ctx, p.lock.db)
}

// EnsureChangeCounter creates the quads' change counter and its trigger when missing.
// Two processes doing so at once take turns.
func EnsureChangeCounter(ctx context.Context, db *sql.DB) error {
	var counted, readable, snapshots bool
	if err := db.QueryRowContext(ctx, changeCounted).Scan(&counted, &readable, &snapshots); err != nil {
		return err
	}
	if counted {
		return nil
	}
	return inInitTurn(ctx, db, func(conn *sql.Conn) error { return makeChangeCounter(ctx, conn) })
}

func makeChangeCounter(ctx context.Context, conn *sql.Conn) error {
	var counted, readable, snapshots bool
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, changeCounted).Scan(&counted, &readable, &snapshots); err != nil || counted {
		return err
	}
	var schema string
	if err := tx.QueryRowContext(ctx, `SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.oid = to_regclass('quads')`).Scan(&schema); err != nil {
		return err
	}
	// A trigger there but disabled is dropped and made again.
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER IF EXISTS `+changesTrigger+` ON quads`); err != nil {
		return err
	}
	for _, q := range createChanges(schema) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create the quads' change counter: %w", OneLine(err))
		}
	}
	return tx.Commit()
}

// changeMark is the mark of the quads when their writes are counted (ok: tx sees the
// trigger and may read the counters): 1 then the counters' sum, 9 bytes (a scanned mark has
// 24); and whether tx may read the snapshot table.
func changeMark(ctx context.Context, tx *sql.Tx) (mark []byte, ok, snapshots bool, err error) {
	var counted, readable bool
	if err := tx.QueryRowContext(ctx, changeCounted).Scan(&counted, &readable, &snapshots); err != nil {
		return nil, false, false, err
	}
	if !counted || !readable {
		return nil, false, snapshots, nil
	}
	var sum int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0)::bigint FROM `+changesTable).Scan(&sum); err != nil {
		return nil, false, false, err
	}
	return binary.LittleEndian.AppendUint64([]byte{1}, uint64(sum)), true, snapshots, nil
}
