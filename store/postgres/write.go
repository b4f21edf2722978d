package postgres

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// ApplyDeltas applies the deltas in one transaction, retried a few times on a deadlock
// (40P01) or a serialization failure (40001).
//
// It is not Cayley's ApplyDeltas, which adds to a node's reference count for every quad it
// is given, inserted or passed over by ON CONFLICT DO NOTHING, so that a quad two workers
// both write leaves counts too high and nodes that are never deleted; which ends every
// write that deletes with DELETE FROM nodes WHERE refs <= 0, a scan of the whole table; and
// which sends the quads as multi-row VALUES of five parameters each. Here the quads go first, each INSERT
// and DELETE returning the rows it really inserted or deleted, and the nodes' counts change
// by those rows only, at the end of the transaction: a count always equals the quads that
// use the node, whoever wrote them at the same time, and the rows of nodes every batch
// touches (the predicates, the types) stay locked only for the end of a transaction, so
// that concurrent writers' transactions overlap instead of queueing behind each other's.
// The tables and what they hold are Cayley's: stock Cayley reads and writes them as ever.
func (p *QuadStore) ApplyDeltas(in []cgraph.Delta, opts cgraph.IgnoreOpts) error {
	if err := p.lock.failed(); err != nil {
		return err
	}
	// The first write makes sure the quads' writes are counted (changes.go) and their names
	// indexed by subject and horizon (firstvalue.go).
	p.ensureChanges(context.Background())
	p.nameKeys().ensure(context.Background(), p.lock.db) // and the side tables (namekeys.go, bands.go)
	p.bands().ensure(context.Background(), p.lock.db)
	p.ensureFirstValueIndex(context.Background())
	d := graphlog.SplitDeltas(in)
	var err error
	for try := 0; try < 8; try++ {
		var added int64
		added, err = p.applyTx(context.Background(), in, d, opts)
		if err == nil {
			p.own.n.Add(added)
			return nil
		}
		if !pgRetryable(err) {
			return err
		}
		time.Sleep(time.Duration(try+1) * 20 * time.Millisecond)
	}
	return err
}

// pgChunk is the number of rows per statement: the quads go as four arrays (four
// parameters, whatever the number of rows), the nodes as multi-row INSERTs of at most 5
// parameters a row, far below PostgreSQL's 65,535.
const pgChunk = 5000

// applyTx runs one ApplyDeltas transaction and returns the quads it added less those it
// deleted.
func (p *QuadStore) applyTx(ctx context.Context, in []cgraph.Delta, d *graphlog.Deltas, opts cgraph.IgnoreOpts) (n int64, err error) {
	tx, err := p.lock.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	refsBy := map[refs.ValueHash]int{}
	count := func(q refs.QuadHash, by int) {
		for _, h := range q.Dirs() {
			if h.Valid() {
				refsBy[h] += by
			}
		}
	}
	inserted, err := insertQuads(ctx, tx, d.QuadAdd)
	if err != nil {
		return 0, err
	}
	if len(inserted) != len(d.QuadAdd) && !opts.IgnoreDup {
		return 0, &cgraph.DeltaError{Err: cgraph.ErrQuadExists}
	}
	for _, q := range inserted {
		count(q, +1)
	}
	// The deletes after the adds, as Cayley's SQL and kv stores apply them: a call that adds
	// and deletes one quad leaves it deleted.
	deleted, err := deleteQuads(ctx, tx, d.QuadDel)
	if err != nil {
		return 0, err
	}
	if len(deleted) != len(d.QuadDel) && !opts.IgnoreMissing {
		return 0, &cgraph.DeltaError{Err: cgraph.ErrQuadNotExist}
	}
	for _, q := range deleted {
		count(q, -1)
	}
	for _, t := range []sideTable{p.nameKeys(), p.bands()} {
		if err := t.writeRows(ctx, tx, in, d.QuadAdd, inserted, deleted); err != nil {
			return 0, err
		}
	}
	if err := updateNodes(ctx, tx, d.IncNode, refsBy); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return int64(len(inserted)) - int64(len(deleted)), nil
}

// quadArrays are quads as the four columns' arrays (a missing label as an empty bytea,
// which no hash is), for unnest.
func quadArrays(qs []graphlog.QuadUpdate) [4]pq.ByteaArray {
	var cols [4]pq.ByteaArray
	for i := range cols {
		cols[i] = make(pq.ByteaArray, 0, len(qs))
	}
	for _, u := range qs {
		for i, h := range u.Quad.Dirs() {
			var b []byte
			if h.Valid() {
				b = slices.Clone(h[:])
			}
			cols[i] = append(cols[i], b)
		}
	}
	return cols
}

const unnestQuads = `unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS d(s, p, o, l)`

// insertQuads inserts the quads that are not stored and returns them (ON CONFLICT DO
// NOTHING ... RETURNING: a quad another transaction inserted first is not among them).
func insertQuads(ctx context.Context, tx *sql.Tx, qs []graphlog.QuadUpdate) ([]refs.QuadHash, error) {
	var out []refs.QuadHash
	for len(qs) > 0 {
		n := min(len(qs), pgChunk)
		cols := quadArrays(qs[:n])
		rows, err := tx.QueryContext(ctx, `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
			SELECT s, p, o, NULLIF(l, ''::bytea), now() FROM `+unnestQuads+`
			ON CONFLICT DO NOTHING RETURNING subject_hash, predicate_hash, object_hash, label_hash`,
			cols[0], cols[1], cols[2], cols[3])
		if err != nil {
			return nil, fmt.Errorf("insert quads: %w", err)
		}
		if out, err = scanQuadHashes(rows, out); err != nil {
			return nil, fmt.Errorf("insert quads: %w", err)
		}
		qs = qs[n:]
	}
	return out, nil
}

// deleteQuads deletes the quads and returns those that were stored.
func deleteQuads(ctx context.Context, tx *sql.Tx, qs []graphlog.QuadUpdate) ([]refs.QuadHash, error) {
	var out []refs.QuadHash
	for len(qs) > 0 {
		n := min(len(qs), pgChunk)
		cols := quadArrays(qs[:n])
		// Labelled quads and others apart: label_hash = NULL matches nothing, and IS NOT
		// DISTINCT FROM would not use the indexes.
		rows, err := tx.QueryContext(ctx, `DELETE FROM quads q USING `+unnestQuads+`
			WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o
			AND (q.label_hash = d.l OR (d.l = ''::bytea AND q.label_hash IS NULL))
			RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash`,
			cols[0], cols[1], cols[2], cols[3])
		if err != nil {
			return nil, fmt.Errorf("delete quads: %w", err)
		}
		if out, err = scanQuadHashes(rows, out); err != nil {
			return nil, fmt.Errorf("delete quads: %w", err)
		}
		qs = qs[n:]
	}
	return out, nil
}

func scanQuadHashes(rows *sql.Rows, out []refs.QuadHash) ([]refs.QuadHash, error) {
	defer rows.Close()
	for rows.Next() {
		var hashes [4][]byte
		if err := rows.Scan(&hashes[0], &hashes[1], &hashes[2], &hashes[3]); err != nil {
			return nil, err
		}
		out = append(out, scanHashes(hashes).QuadHash)
	}
	return out, rows.Err()
}

// updateNodes changes the nodes' reference counts by refsBy: the nodes gaining references
// are inserted (values from inc, the added quads' nodes) or their counts raised, the others'
// counts lowered, and the nodes left without references deleted. Rows go in hash order, so
// that concurrent transactions lock them in the same order.
func updateNodes(ctx context.Context, tx *sql.Tx, inc []graphlog.NodeUpdate, refsBy map[refs.ValueHash]int) error {
	// The text values (IRIs, strings, blank nodes, typed and language strings: nearly every
	// node) go as arrays in one statement, the node stage being the part of a transaction
	// that concurrent writers wait for each other in; the others as multi-row VALUES.
	var text textNodes
	byType := map[csql.ValueType][][]any{}
	var types []csql.ValueType
	for _, n := range inc { // sorted by hash (graphlog.SplitDeltas)
		by := refsBy[n.Hash]
		if by <= 0 {
			continue
		}
		if text.add(n.Hash, n.Val, by) {
			continue
		}
		key, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return err
		}
		if _, ok := byType[key]; !ok {
			types = append(types, key)
		}
		byType[key] = append(byType[key], append([]any{by}, values...))
	}
	if len(text.hash) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO nodes (refs, hash, value_string, datatype, language, iri, bnode)
			SELECT * FROM unnest($1::int[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[])
			ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`,
			text.refs, text.hash, pq.GenericArray{A: text.str}, pq.GenericArray{A: text.typ},
			pq.GenericArray{A: text.lang}, pq.GenericArray{A: text.iri}, pq.GenericArray{A: text.bnode}); err != nil {
			return fmt.Errorf("insert nodes: %w", err)
		}
	}
	for _, key := range types {
		rows := byType[key]
		cols := append([]string{"refs", "hash"}, key.Columns()...)
		for len(rows) > 0 {
			n := min(len(rows), pgChunk/5)
			q, args := multiRowInsert("nodes", cols, "", rows[:n])
			q += ` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("insert nodes: %w", err)
			}
			rows = rows[n:]
		}
	}
	var dec []refs.ValueHash
	for h, by := range refsBy {
		if by < 0 {
			dec = append(dec, h)
		}
	}
	if len(dec) == 0 {
		return nil
	}
	slices.SortFunc(dec, func(a, b refs.ValueHash) int { return bytes.Compare(a[:], b[:]) })
	hashes := make(pq.ByteaArray, len(dec))
	by := make(pq.Int64Array, len(dec))
	for i, h := range dec {
		hashes[i], by[i] = slices.Clone(h[:]), int64(-refsBy[h])
	}
	if _, err := tx.ExecContext(ctx, `UPDATE nodes SET refs = nodes.refs - d.n
		FROM unnest($1::bytea[], $2::bigint[]) AS d(h, n) WHERE nodes.hash = d.h`, hashes, by); err != nil {
		return fmt.Errorf("update nodes: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1::bytea[]) AND refs <= 0`, hashes); err != nil {
		return fmt.Errorf("delete nodes: %w", err)
	}
	return nil
}

// textNodes are nodes whose values are text, as the columns of Cayley's nodes table
// (csql.NodeValues: value_string with the null byte escaped, and datatype, language, iri or
// bnode by kind), for unnest.
type textNodes struct {
	refs           pq.Int64Array
	hash           pq.ByteaArray
	str, typ, lang []sql.NullString
	iri, bnode     []sql.NullBool
}

// add adds a node of a text value and returns true, or returns false for another value.
func (t *textNodes) add(h refs.ValueHash, v quad.Value, by int) bool {
	var str, typ, lang sql.NullString
	var iri, bnode sql.NullBool
	switch v := v.(type) {
	case quad.IRI:
		str, iri = sql.NullString{String: string(v), Valid: true}, sql.NullBool{Bool: true, Valid: true}
	case quad.BNode:
		str, bnode = sql.NullString{String: string(v), Valid: true}, sql.NullBool{Bool: true, Valid: true}
	case quad.String:
		str = sql.NullString{String: escapeNull(string(v)), Valid: true}
	case quad.TypedString:
		str, typ = sql.NullString{String: escapeNull(string(v.Value)), Valid: true}, sql.NullString{String: string(v.Type), Valid: true}
	case quad.LangString:
		str, lang = sql.NullString{String: escapeNull(string(v.Value)), Valid: true}, sql.NullString{String: v.Lang, Valid: true}
	default:
		return false
	}
	t.refs = append(t.refs, int64(by))
	t.hash = append(t.hash, slices.Clone(h[:]))
	t.str, t.typ, t.lang = append(t.str, str), append(t.typ, typ), append(t.lang, lang)
	t.iri, t.bnode = append(t.iri, iri), append(t.bnode, bnode)
	return true
}

// escapeNull is Cayley's escape of the null byte in stored strings (csql.NodeValues).
func escapeNull(s string) string { return strings.ReplaceAll(s, "\u0000", `\x00`) }
