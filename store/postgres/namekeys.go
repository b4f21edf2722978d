package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/newsgraph/newsgraph/store/textkey"
)

// Name keys (textkey.EntityKeys) are not quads: on bolt the card index keeps them; here
// newsgraph's table newsgraph_name_keys does, one row per key of each schema:name and
// schema:alternateName quad (the words of a name marked, since only a person's count),
// written in the transaction that inserts or deletes the quad, so that it always follows the
// quads newsgraph writes.
//
// The table is made by the first write of a store that finds it missing (with the rows of
// the names already stored, the quads' writers waiting meanwhile), never by opening: a
// reader's role opens and reads without writing. Without it (a role that may not create
// it, or a database no newsgraph has written since), or when the role may not read it, the
// store finds name keys by reading every name (store.NameKeyEntities). Quads written by
// another program (stock Cayley, psql) have no rows.

const nameKeysTable = "newsgraph_name_keys"

// A sideTable is a table of newsgraph's beside Cayley's whose rows are made from some quads'
// values, one row per key of each quad (the quad's four hashes, the label's empty when it has
// none): the name keys (here) and the articles' LSH bands (bands.go).
type sideTable struct {
	name  string
	preds pq.ByteaArray // the predicates of the quads that have rows
	// keys calls add with the keys of a quad (its hashes h) whose object's text is text.
	keys  func(h [4][]byte, text string, add func(key string, word bool))
	state *sideState
}

// sideState is what a store knows of a side table: whether its first write made sure of it,
// and whether it was seen to exist (newsgraph never drops one).
type sideState struct {
	ensured atomic.Bool
	seen    atomic.Bool
}

var nameKeysSide = sideTable{name: nameKeysTable, preds: nameKeyPreds, keys: nameKeysOf}

// nameKeysOf are the keys of a schema:name or schema:alternateName quad: the name's key and,
// of a name, its words (marked: a person's only count).
func nameKeysOf(h [4][]byte, name string, add func(key string, word bool)) {
	full := textkey.NameKey(name)
	if full != "" {
		add(full, false)
	}
	if string(h[1]) == string(nameIRI[:]) {
		for _, w := range textkey.NameWords(name) {
			if w != full {
				add(w, true)
			}
		}
	}
}

var (
	nameIRI      = refs.HashOf(quad.IRI("schema:name"))
	altNameIRI   = refs.HashOf(quad.IRI("schema:alternateName"))
	typeIRI      = refs.HashOf(quad.IRI("rdf:type"))
	personIRI    = refs.HashOf(quad.IRI("schema:Person"))
	dateTypeIRI  = refs.HashOf(quad.IRI("ng:Date"))
	nameKeyPreds = pq.ByteaArray{nameIRI[:], altNameIRI[:]}
)

// ensure makes the table when missing, once per store, before its first write; a failure (a
// role that may not create tables) is no error.
func (t sideTable) ensure(ctx context.Context, db *sql.DB) {
	if t.state.ensured.Load() {
		return
	}
	defer t.state.ensured.Store(true)
	if exists, err := tableExists(ctx, db, t.name); err != nil || exists {
		return
	}
	_ = inInitTurn(ctx, db, func(conn *sql.Conn) error { return t.make(ctx, conn) })
}

func tableExists(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, name string) (bool, error) {
	var exists bool
	err := q.QueryRowContext(ctx, `SELECT to_regclass('`+name+`') IS NOT NULL`).Scan(&exists)
	return exists, err
}

// make creates the table with the rows of the quads stored.
func (t sideTable) make(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if exists, err := tableExists(ctx, tx, t.name); err != nil || exists {
		return err
	}
	// The writers of quads wait until the rows of the quads stored are in the table: a
	// write that commits after it sees the table (writeRows).
	for _, q := range []string{
		`LOCK TABLE quads IN SHARE MODE`,
		`CREATE TABLE ` + t.name + ` (key TEXT NOT NULL, word BOOLEAN NOT NULL,
			subject_hash BYTEA NOT NULL, predicate_hash BYTEA NOT NULL, object_hash BYTEA NOT NULL, label_hash BYTEA NOT NULL,
			PRIMARY KEY (subject_hash, predicate_hash, object_hash, label_hash, key))`,
		`CREATE INDEX ` + t.name + `_key ON ` + t.name + ` (key)`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create %s: %w", t.name, OneLine(err))
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT q.subject_hash, q.predicate_hash, q.object_hash, coalesce(q.label_hash, ''::bytea), n.value_string
		FROM quads q JOIN nodes n ON n.hash = q.object_hash WHERE q.predicate_hash = ANY($1) AND n.value_string IS NOT NULL`, t.preds)
	if err != nil {
		return fmt.Errorf("fill %s: %w", t.name, OneLine(err))
	}
	var k keyRows
	for rows.Next() {
		var h [4][]byte
		var text string
		if err := rows.Scan(&h[0], &h[1], &h[2], &h[3], &text); err != nil {
			rows.Close()
			return err
		}
		k.add(t, h, text)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := k.insert(ctx, tx, t.name); err != nil {
		return err
	}
	return tx.Commit()
}

// keyRows are rows of a side table to insert, as columns.
type keyRows struct {
	key  []string
	word []bool
	h    [4]pq.ByteaArray
}

// add adds the rows of one quad (its four hashes, the label's empty when it has none).
func (k *keyRows) add(t sideTable, h [4][]byte, text string) {
	t.keys(h, text, func(key string, word bool) {
		k.key, k.word = append(k.key, key), append(k.word, word)
		for i := range h {
			k.h[i] = append(k.h[i], h[i])
		}
	})
}

func (k *keyRows) insert(ctx context.Context, tx *sql.Tx, table string) error {
	for i := 0; i < len(k.key); i += pgChunk {
		j := min(len(k.key), i+pgChunk)
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (key, word, subject_hash, predicate_hash, object_hash, label_hash)
			SELECT * FROM unnest($1::text[], $2::boolean[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[]) ON CONFLICT DO NOTHING`,
			pq.StringArray(k.key[i:j]), pq.BoolArray(k.word[i:j]), k.h[0][i:j], k.h[1][i:j], k.h[2][i:j], k.h[3][i:j]); err != nil {
			return fmt.Errorf("write %s: %w", table, err)
		}
	}
	return nil
}

// has tells whether a quad's predicate is one whose quads have rows.
func (t sideTable) has(q refs.QuadHash) bool {
	for _, p := range t.preds {
		if string(q.Predicate[:]) == string(p) {
			return true
		}
	}
	return false
}

func quadHashBytes(q refs.QuadHash) [4][]byte {
	var out [4][]byte
	for i, h := range q.Dirs() {
		if h.Valid() {
			out[i] = append([]byte(nil), h[:]...)
		} else {
			out[i] = []byte{}
		}
	}
	return out
}

// writeRows writes, in the write's transaction tx, the rows of the quads it inserted and
// deletes those of the quads it deleted, when the table exists. in are the write's deltas,
// adds the updates of its added quads (their values are in[Ind]).
func (t sideTable) writeRows(ctx context.Context, tx *sql.Tx, in []cgraph.Delta, adds []graphlog.QuadUpdate, inserted, deleted []refs.QuadHash) error {
	var added, gone bool
	for _, q := range inserted {
		added = added || t.has(q)
	}
	for _, q := range deleted {
		gone = gone || t.has(q)
	}
	if !added && !gone {
		return nil
	}
	if exists, err := tableExists(ctx, tx, t.name); err != nil || !exists {
		return err
	}
	if added {
		text := map[refs.QuadHash]string{}
		for _, u := range adds {
			if t.has(u.Quad) {
				text[u.Quad] = textOf(in[u.Ind].Quad.Object)
			}
		}
		var k keyRows
		for _, q := range inserted {
			if s, ok := text[q]; ok {
				k.add(t, quadHashBytes(q), s)
			}
		}
		if err := k.insert(ctx, tx, t.name); err != nil {
			return err
		}
	}
	if gone {
		var cols [4]pq.ByteaArray
		for _, q := range deleted {
			if t.has(q) {
				h := quadHashBytes(q)
				for i := range h {
					cols[i] = append(cols[i], h[i])
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.name+` k USING `+unnestQuads+`
			WHERE k.subject_hash = d.s AND k.predicate_hash = d.p AND k.object_hash = d.o AND k.label_hash = d.l`,
			cols[0], cols[1], cols[2], cols[3]); err != nil {
			return fmt.Errorf("delete from %s: %w", t.name, err)
		}
	}
	return nil
}

// textOf is a literal's text, as the nodes table's value_string holds it.
func textOf(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case nil:
		return ""
	}
	return fmt.Sprint(quad.NativeOf(v))
}

// seen tells whether the table exists (once it was seen, without asking again).
func (t sideTable) exists(ctx context.Context, db *sql.DB) (bool, error) {
	if t.state.seen.Load() {
		return true, nil
	}
	exists, err := tableExists(ctx, db, t.name)
	if err != nil {
		return false, OneLine(err)
	}
	if exists {
		t.state.seen.Store(true)
	}
	return exists, nil
}

// NameKeyEntities are the entities with the name key key (a key of one of their names or
// aliases, or a word of a person's name; a date has none), read from the table; ok false
// when there is none, or the role may not read it.
func (p *QuadStore) NameKeyEntities(ctx context.Context, key string) (es []quad.Value, ok bool, err error) {
	if ok, err := p.nameKeys().exists(ctx, p.lock.db); err != nil || !ok {
		return nil, false, err
	}
	rows, err := p.lock.db.QueryContext(ctx, `SELECT DISTINCT ON (k.subject_hash) `+prefixed("n.", ValueCols)+`
		FROM `+nameKeysTable+` k JOIN nodes n ON n.hash = k.subject_hash
		WHERE k.key = $1 AND CASE WHEN k.word
			THEN EXISTS (SELECT 1 FROM quads t WHERE t.subject_hash = k.subject_hash AND t.predicate_hash = $2 AND t.object_hash = $3)
			ELSE NOT EXISTS (SELECT 1 FROM quads t WHERE t.subject_hash = k.subject_hash AND t.predicate_hash = $2 AND t.object_hash = $4) END`,
		key, typeIRI[:], personIRI[:], dateTypeIRI[:])
	if err != nil {
		if readOnlyRole(err) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("read name keys: %w", OneLine(err))
	}
	defer rows.Close()
	for rows.Next() {
		var r NodeRow
		if err := rows.Scan(r.Dests()...); err != nil {
			return nil, false, err
		}
		v, _, err := r.Value()
		if err != nil {
			return nil, false, err
		}
		if v != nil {
			es = append(es, v)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("read name keys: %w", OneLine(err))
	}
	return es, true, nil
}

func prefixed(p string, cols []string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = p + c
	}
	return strings.Join(out, ", ")
}

// nameKeys is the name keys' table, with what this store knows of it.
func (p *QuadStore) nameKeys() sideTable {
	t := nameKeysSide
	t.state = &p.sides.nameKeys
	return t
}
