// Package postgres is newsgraph's PostgreSQL quad store: Cayley's SQL quad store with
// PostgreSQL's dialect, newsgraph's write transaction (write.go: set-based statements, exact
// reference counts), the write locks every process writing the database takes (lock.go), reads that fetch a quad's values with it
// (read.go) and Gizmo's SQL optimizer made safe (query.go). Package store opens it as its
// "postgres" backend; the explorer's and the merges' set-based SELECTs use its SQL helpers
// (QuadsSQL, NodeRow, ValueCols, OneLine) and its connections (DB).
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres" // Cayley's PostgreSQL dialect; registers lib/pq's "postgres" driver
	"github.com/lib/pq"
)

// pgBackend is Cayley's SQL quad store with PostgreSQL's dialect. Its writes are newsgraph's
// (QuadStore.ApplyDeltas, write.go), not Cayley's; RunTx is Cayley's own, for completeness.
// The schema is exactly Cayley's "postgres" backend's.
const pgBackend = "newsgraph-postgres"

func init() {
	csql.Register(pgBackend, csql.Registration{
		Driver:             "postgres",
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       postgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		NoForeignKeys:      true,
		Error:              postgres.ConvError,
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: postgres.RunTxPostgres,
	})
}

// Open opens (creating its tables when missing) the graph in the PostgreSQL
// database at addr.
func Open(addr string) (*QuadStore, error) {
	where := Redact(addr)
	if !IsURL(addr) && !strings.Contains(addr, "=") {
		return nil, fmt.Errorf("open postgres store: %q is not a database URL (--db postgres://user:password@host:5432/dbname)", addr)
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return nil, fmt.Errorf("open postgres store %s: %w", where, err)
	}
	ctx := context.Background()
	fail := func(err error) (*QuadStore, error) {
		db.Close()
		return nil, fmt.Errorf("open postgres store %s: %w", where, err)
	}
	if err := db.PingContext(ctx); err != nil {
		return fail(err)
	}
	if err := initPostgres(ctx, db, addr); err != nil {
		return fail(err)
	}
	qs, err := cgraph.NewQuadStore(pgBackend, withoutJIT(ctx, db, addr), nil)
	if err != nil {
		return fail(err)
	}
	return &QuadStore{QuadStore: qs, lock: &pgWriteLock{db: db}}, nil
}

// withoutJIT is addr asking the server not to JIT-compile the store's queries, unless addr
// says otherwise or the server has no such setting (before PostgreSQL 11). Cayley's SELECTs
// are many and short; their row estimates switch JIT on, and compiling then costs more than
// the query (example 06 at 1,000 articles: 0.6 s of JIT for 50 ms of work, docs/postgresql.md).
func withoutJIT(ctx context.Context, db *sql.DB, addr string) string {
	if strings.Contains(addr, "jit") {
		return addr
	}
	var v string
	if err := db.QueryRowContext(ctx, `SHOW jit`).Scan(&v); err != nil {
		return addr
	}
	if !IsURL(addr) {
		return addr + " jit=off" // key=value form
	}
	u, err := url.Parse(addr)
	if err != nil {
		return addr
	}
	q := u.Query()
	q.Set("jit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

// initPostgres creates Cayley's tables and indexes and newsgraph's snapshot table in a new
// database, and newsgraph's label index in any. Two processes opening a new database at once
// take turns.
func initPostgres(ctx context.Context, db *sql.DB, addr string) error {
	return inInitTurn(ctx, db, func(conn *sql.Conn) error { return initTables(ctx, conn, addr) })
}

// inInitTurn runs f on a connection holding the advisory lock that processes making a
// database's tables take turns on.
func inInitTurn(ctx context.Context, db *sql.DB, f func(*sql.Conn) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, pgLockClass, pgLockInit); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1, $2)`, pgLockClass, pgLockInit)
	return f(conn)
}

func initTables(ctx context.Context, conn *sql.Conn, addr string) error {
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		// Cayley's Init logs an error and fails when the tables exist: asked only when not.
		if err := cgraph.InitQuadStore(pgBackend, addr, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return fmt.Errorf("create tables: %w", err)
		}
		// Cayley's osp_index starts as its ops_index does: lookups by object use ops_index,
		// and every write would pay for both.
		if _, err := conn.ExecContext(ctx, `DROP INDEX IF EXISTS osp_index`); err != nil {
			return fmt.Errorf("drop a redundant index: %w", err)
		}
		// newsgraph's snapshots (snapshot.go), beside Cayley's tables from the start, so that
		// a role granted SELECT on the tables of a new graph may read them too.
		if _, err := conn.ExecContext(ctx, createSnapshotTable); err != nil {
			return fmt.Errorf("create the snapshot table: %w", err)
		}
	}
	// WriteArticles reads an article's stored quads by label; Cayley indexes only the other
	// three directions, so without this every write would scan the quads table. Created
	// only when missing: a reader's role (SELECT only, or a read-only replica) may open a
	// database it cannot change.
	var indexed bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('quads_label_index') IS NOT NULL`).Scan(&indexed); err != nil {
		return err
	}
	if indexed {
		return nil
	}
	if _, err := conn.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS quads_label_index ON quads (label_hash)`); err != nil {
		if readOnlyRole(err) {
			return nil // reads do not need it, and this role cannot write
		}
		return fmt.Errorf("create label index: %w", err)
	}
	return nil
}

// readOnlyRole tells the errors of a role that may read but not change the database:
// insufficient privilege, not the owner, a read-only transaction (a replica, or
// default_transaction_read_only).
func readOnlyRole(err error) bool {
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "42501", "25006": // insufficient_privilege (also "must be owner"), read_only_sql_transaction
		return true
	}
	return false
}

// IsURL tells whether a database path is a PostgreSQL URL.
func IsURL(path string) bool {
	return strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://")
}

// Redact is addr with its password hidden, for messages.
func Redact(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.Scheme == "" {
		if strings.Contains(addr, "password") {
			return "(connection string)"
		}
		return addr
	}
	return u.Redacted()
}

// QuadStore is Cayley's SQL quad store as newsgraph uses it:
//
//   - Gizmo queries go through Cayley's SQL optimizer, with its SELECTs' iterators guarded
//     so that no query can crash the process (query.go).
//   - Writes are set-based statements with exact reference counts, retried on a deadlock or a
//     serialization failure: ApplyDeltas is one transaction, rolled back on error (write.go).
//   - Stats counts exactly: Cayley's estimate for PostgreSQL (pg_class.reltuples) is -1 for a
//     table never analysed, its exact count is cached until the store's own next write, and
//     load reports the quads it added from two counts.
type QuadStore struct {
	cgraph.QuadStore
	lock    *pgWriteLock
	values  pgValues // node values by hash (read.go)
	stmts   pgStmts
	own     pgOwnCount                          // quads this store's writes added (owncount.go)
	changes changes                             // whether its first write made sure the writes are counted (changes.go)
	sides   struct{ nameKeys, bands sideState } // its side tables (namekeys.go, bands.go)
	// whether the names' partial index exists (firstvalue.go)
	firstValues firstValues
}

// Stats counts the nodes and quads, exactly and afresh (see QuadStore; Cayley's store
// also keeps its count until its own next write, which misses other processes' writes).
func (p *QuadStore) Stats(ctx context.Context, exact bool) (cgraph.Stats, error) {
	var st cgraph.Stats
	err := p.lock.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM quads), (SELECT count(*) FROM nodes)`).
		Scan(&st.Quads.Value, &st.Nodes.Value)
	st.Quads.Exact, st.Nodes.Exact = true, true
	return st, err
}

// Close closes the store's connections.
func (p *QuadStore) Close() error {
	err := p.QuadStore.Close()
	if lerr := p.lock.db.Close(); err == nil {
		err = lerr
	}
	return err
}

// DB is the store's pool of connections, for set-based reads of Cayley's tables.
func (p *QuadStore) DB() *sql.DB { return p.lock.db }

// pgRetryable tells whether err is a PostgreSQL error after which the transaction may be
// run again: a deadlock or a serialization failure.
func pgRetryable(err error) bool {
	var st interface{ SQLState() string }
	if !errors.As(err, &st) {
		return false
	}
	code := st.SQLState()
	return code == "40P01" || code == "40001"
}

// multiRowInsert returns INSERT INTO table (cols) VALUES (...), (...) for rows, with
// numbered placeholders and, when last is not "", the SQL expression last as every row's
// last value; and the statement's arguments.
func multiRowInsert(table string, cols []string, last string, rows [][]any) (string, []any) {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	args := make([]any, 0, len(rows)*len(cols))
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j, v := range r {
			if j > 0 {
				b.WriteString(", ")
			}
			args = append(args, v)
			b.WriteString("$" + strconv.Itoa(len(args)))
		}
		if last != "" {
			b.WriteString(", " + last)
		}
		b.WriteByte(')')
	}
	return b.String(), args
}
