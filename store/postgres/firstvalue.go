package postgres

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// A node's first name, read without reading all its names.
//
// Store.FirstValue (a card's names of the articles' publishers, a curator's names) wants the
// first quad node -schema:name-> ? in the order written that an article states. A hub (an
// articles' publisher) has one such quad per article that names it, all alike: 29,987 at
// 30,000 GMB articles, which NodeQuads's SELECT read and sorted by horizon for one row
// (0.16 s of a card's 0.4 s), because no index of Cayley's orders a node's quads of one
// predicate by horizon. An index on quads (subject_hash, predicate_hash, horizon) would, but
// it costs every write (8 % of the write path's rate, docs/postgresql.md). This one is
// partial: only the quads whose predicate is schema:name (about one in nine), keyed by subject
// and horizon, so that the first few of a node's names are an index scan that stops after
// them. The planner uses a partial index only for a query that states its condition, so the
// SELECT names the predicate's hash as a literal, not a parameter.
//
// Like the change counter (changes.go) the index is made by a store's first write when
// missing (an existing database gains it on its next write; CREATE INDEX holds off other
// writers while it is built: 2 s at 30,000 articles), never by opening, so that a reader's
// role opens and reads a database it may not change; and a store reads this way only when
// the index exists, the old way (NodeQuads) otherwise.

// firstValuePred is the predicate the partial index holds: schema:name (store/terms.Name).
const firstValuePred = quad.IRI("schema:name")

const firstValueIndex = "newsgraph_quads_name_index"

// firstValueHashLiteral is firstValuePred's hash as an SQL literal.
var firstValueHashLiteral = func() string {
	h := csql.HashOf(firstValuePred).ValueHash
	return `'\x` + hex.EncodeToString(h[:]) + `'::bytea`
}()

// createFirstValueIndex is the partial index's statement.
var createFirstValueIndex = `CREATE INDEX IF NOT EXISTS ` + firstValueIndex +
	` ON quads (subject_hash, horizon) WHERE predicate_hash = ` + firstValueHashLiteral

// firstValueIndexed tells whether the partial index exists and may be used.
const firstValueIndexed = `SELECT EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('` +
	firstValueIndex + `') AND indisvalid)`

// firstValuePage is how many of a node's first names one SELECT reads: the first is an
// article's unless a merge projected a name onto the node before any article named it.
const firstValuePage = 4

// firstValueSQL reads a node's first names with their values and labels.
var firstValueSQL = func() string {
	var b strings.Builder
	b.WriteString(`SELECT q.label_hash`)
	for _, t := range []string{"o", "l"} {
		for _, c := range ValueCols {
			b.WriteString(", " + t + "." + c)
		}
	}
	b.WriteString(` FROM (SELECT object_hash, label_hash, horizon FROM quads WHERE subject_hash = $1 AND predicate_hash = ` +
		firstValueHashLiteral + ` ORDER BY horizon LIMIT ` + fmt.Sprint(firstValuePage) + `) q
	LEFT JOIN nodes o ON o.hash = q.object_hash LEFT JOIN nodes l ON l.hash = q.label_hash ORDER BY q.horizon`)
	return b.String()
}()

// firstValues is a store's knowledge of the partial index: known to exist, or when it was
// last found missing (a writer may make it while a reader's store is open).
type firstValues struct {
	mu      sync.Mutex
	indexed bool
	checked time.Time
	ensured bool // the store's first write made sure it exists
}

// ensureFirstValueIndex creates the partial index when missing, once per store: before its
// first write. A failure (a role that may write the quads but not create an index) is no
// error: the first values are then read the old way.
func (p *QuadStore) ensureFirstValueIndex(ctx context.Context) {
	f := &p.firstValues
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ensured {
		return
	}
	f.ensured = true
	if err := EnsureFirstValueIndex(ctx, p.lock.db); err == nil {
		f.indexed = true
	}
}

// EnsureFirstValueIndex creates the partial index of the quads by subject and horizon whose
// predicate is schema:name, when missing. Two processes doing so at once take turns.
func EnsureFirstValueIndex(ctx context.Context, db *sql.DB) error {
	var indexed bool
	if err := db.QueryRowContext(ctx, firstValueIndexed).Scan(&indexed); err != nil || indexed {
		return err
	}
	return inInitTurn(ctx, db, func(conn *sql.Conn) error {
		if err := conn.QueryRowContext(ctx, firstValueIndexed).Scan(&indexed); err != nil || indexed {
			return err
		}
		// One left invalid (a CREATE INDEX CONCURRENTLY that failed) is made again.
		if _, err := conn.ExecContext(ctx, `DROP INDEX IF EXISTS `+firstValueIndex); err != nil {
			return fmt.Errorf("create the index of names: %w", OneLine(err))
		}
		if _, err := conn.ExecContext(ctx, createFirstValueIndex); err != nil {
			return fmt.Errorf("create the index of names: %w", OneLine(err))
		}
		return nil
	})
}

// hasFirstValueIndex tells whether the partial index exists, asked again at most once a
// minute while it does not.
func (p *QuadStore) hasFirstValueIndex(ctx context.Context) (bool, error) {
	f := &p.firstValues
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.indexed || (!f.checked.IsZero() && time.Since(f.checked) < time.Minute) {
		return f.indexed, nil
	}
	if err := p.lock.db.QueryRowContext(ctx, firstValueIndexed).Scan(&f.indexed); err != nil {
		return false, err
	}
	f.checked = time.Now()
	return f.indexed, nil
}

// FirstValue returns the object of the first quad node -pred-> ? in the order written whose
// label skip does not refuse, or nil; ok is false when it cannot tell cheaply (pred is not
// the indexed one, the index is missing, or the first few quads were all skipped), and the
// caller reads the node's quads instead (NodeQuads).
func (p *QuadStore) FirstValue(ctx context.Context, node, pred quad.Value, skip func(label quad.Value) bool) (v quad.Value, ok bool, err error) {
	if pred == nil || csql.HashOf(pred) != csql.HashOf(firstValuePred) {
		return nil, false, nil
	}
	if indexed, err := p.hasFirstValueIndex(ctx); err != nil || !indexed {
		return nil, false, err
	}
	st, err := p.stmt(ctx, firstValueSQL)
	if err != nil {
		return nil, false, fmt.Errorf("read a first value: %w", err)
	}
	h := csql.HashOf(node).ValueHash
	rows, err := st.QueryContext(ctx, h[:])
	if err != nil {
		return nil, false, fmt.Errorf("read a first value: %w", err)
	}
	defer rows.Close()
	var label []byte
	var obj, lab NodeRow
	n := 0
	for rows.Next() {
		n++
		if err := rows.Scan(append(append([]any{&label}, obj.Dests()...), lab.Dests()...)...); err != nil {
			return nil, false, fmt.Errorf("read a first value: %w", err)
		}
		o, _, err := obj.Value()
		if err != nil {
			return nil, false, err
		}
		l, _, err := lab.Value()
		if err != nil {
			return nil, false, err
		}
		if o == nil || (l == nil && label != nil) {
			return nil, false, nil // a node missing: let the old way say so
		}
		if !skip(l) {
			return o, true, nil
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("read a first value: %w", err)
	}
	return nil, n < firstValuePage, nil
}
