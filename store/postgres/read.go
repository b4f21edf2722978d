package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"
)

// Reading quads from PostgreSQL without a round trip per value.
//
// Cayley's SQL store answers QuadIterator and QuadsAllIterator with the quads' hashes only;
// each Quad(ref) then asks the nodes table for its four values, one SELECT each, behind an
// LRU of 1,024 values. newsgraph reads quads that way everywhere (the card and explorer
// indexes, export, lookups by name): at 400 GMB articles `top` made 98,632 round trips and
// `export` 93,048 (13 s and 10 s against 0.04 s and 1.2 s on bolt). Here a quad iterator
// is one SELECT that joins the nodes table for the four values, its rows streamed, and the
// values it reads are what Quad and NameOf answer from. The refs are Cayley's own
// (csql.QuadHashes), so every other iterator and Cayley's SQL optimizer see nothing new.

// pgValues caches node values by hash. A hash is the value's own (content-addressed), so an
// entry is never stale. Bounded by entries and bytes, and emptied when full: the scanners
// put each row's values just before their caller asks for them.
type pgValues struct {
	mu    sync.Mutex
	m     map[refs.ValueHash]quad.Value
	bytes int
}

const (
	pgMaxCachedValues = 1 << 18
	pgMaxCachedBytes  = 64 << 20
)

func (c *pgValues) get(h refs.ValueHash) (quad.Value, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[h]
	return v, ok
}

func (c *pgValues) put(h refs.ValueHash, v quad.Value, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= pgMaxCachedValues || c.bytes+size > pgMaxCachedBytes {
		c.m, c.bytes = make(map[refs.ValueHash]quad.Value, 1024), 0
	}
	if _, ok := c.m[h]; !ok {
		c.m[h] = v
		c.bytes += size + 64
	}
}

// ValueCols are the columns of the nodes table a value is made of, in NodeRow's order.
var ValueCols = []string{"value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// NodeRow is one node's value columns as scanned.
type NodeRow struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  sql.NullTime
}

func (r *NodeRow) Dests() []any {
	return []any{&r.data, &r.str, &r.typ, &r.lang, &r.iri, &r.bnode, &r.vint, &r.vbool, &r.vfloat, &r.vtime}
}

// value decodes the row as Cayley's SQL store does (csql.QuadStore.NameOf); nil for a row
// of NULLs (no node).
func (r *NodeRow) Value() (quad.Value, int, error) {
	unescape := func(s string) quad.String { return quad.String(strings.ReplaceAll(s, `\x00`, "\x00")) }
	switch {
	case r.str.Valid:
		n := len(r.str.String)
		switch {
		case r.iri.Bool:
			return quad.IRI(r.str.String), n, nil
		case r.bnode.Bool:
			return quad.BNode(r.str.String), n, nil
		case r.lang.Valid:
			return quad.LangString{Value: unescape(r.str.String), Lang: r.lang.String}, n, nil
		case r.typ.Valid:
			return quad.TypedString{Value: unescape(r.str.String), Type: quad.IRI(r.typ.String)}, n, nil
		}
		return unescape(r.str.String), n, nil
	case r.vint.Valid:
		return quad.Int(r.vint.Int64), 8, nil
	case r.vbool.Valid:
		return quad.Bool(r.vbool.Bool), 1, nil
	case r.vfloat.Valid:
		return quad.Float(r.vfloat.Float64), 8, nil
	case r.vtime.Valid:
		return quad.Time(r.vtime.Time.UTC()), 24, nil
	case r.data != nil:
		v, err := pquads.UnmarshalValue(r.data)
		if err != nil {
			return nil, 0, fmt.Errorf("unmarshal value: %w", err)
		}
		return v, len(r.data), nil
	}
	return nil, 0, nil
}

// pgDirs are the quads table's hash columns, in quad.Directions' order.
var pgDirs = [4]quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}

// QuadsSQL is a SELECT of quads with their four values; where is "" or a condition on q.
func QuadsSQL(where, order string) string {
	var b strings.Builder
	b.WriteString("SELECT q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash")
	joins := ""
	for i, d := range pgDirs {
		t := fmt.Sprintf("n%d", i)
		for _, c := range ValueCols {
			b.WriteString(", " + t + "." + c)
		}
		joins += fmt.Sprintf(" LEFT JOIN nodes %s ON %s.hash = q.%s_hash", t, t, d.String())
	}
	b.WriteString(" FROM quads q" + joins)
	if where != "" {
		b.WriteString(" WHERE " + where)
	}
	if order != "" {
		b.WriteString(" ORDER BY " + order)
	}
	return b.String()
}

// QuadIterator lists the quads whose direction d is the node v, in the order they were
// written (the horizon), as bolt lists a node's quads: one SELECT, and their values by
// chunks (pgNodeScanner).
func (p *QuadStore) QuadIterator(d quad.Direction, v cgraph.Ref) iterator.Shape {
	h, ok := pgHash(v)
	if !ok || d == quad.Any {
		return p.QuadStore.QuadIterator(d, v)
	}
	return &pgQuads{p: p, dir: d, node: h, inner: p.QuadStore.QuadIterator(d, v)}
}

// NodeQuads calls fn with the quads whose direction dir (Subject or Object) is node and, when
// pred is not nil, whose predicate is pred, in the order they were written, until fn returns
// false: one SELECT with both conditions (spo_index, ops_index). What the Store's lookups
// (access.go's quads) need; Cayley's QuadIterator has no predicate, and a hub's thousands of
// quads would be read once per predicate asked.
func (p *QuadStore) NodeQuads(ctx context.Context, dir quad.Direction, node, pred quad.Value, fn func(quad.Quad) bool) error {
	it := &pgQuads{p: p, dir: dir, node: csql.HashOf(node).ValueHash}
	if pred != nil {
		it.pred = csql.HashOf(pred).ValueHash
	}
	sc := &pgNodeScanner{pgScan: pgScan{it: it}, chunk: 1}
	defer sc.Close()
	for sc.Next(ctx) {
		q, err := p.Quad(sc.Result())
		if err != nil {
			return err
		}
		if !fn(q) {
			return nil
		}
	}
	return sc.Err()
}

// QuadsAllIterator lists every quad: one streaming SELECT with the quads' values.
func (p *QuadStore) QuadsAllIterator() iterator.Shape {
	return &pgQuads{p: p, inner: p.QuadStore.QuadsAllIterator()}
}

// NodesAllIterator is Cayley's, with its errors on one line.
func (p *QuadStore) NodesAllIterator() iterator.Shape {
	return pgIterator{p.QuadStore.NodesAllIterator()}
}

// pgHash is the node hash of a ref Cayley's SQL store gives or takes.
func pgHash(v cgraph.Ref) (refs.ValueHash, bool) {
	switch h := v.(type) {
	case csql.NodeHash:
		return h.ValueHash, h.Valid()
	case refs.ValueHash:
		return h, h.Valid()
	}
	return refs.ValueHash{}, false
}

// Quad resolves a quad's values from the cache the scanners fill; the missing ones (a ref
// from one of Cayley's own iterators) in one SELECT.
func (p *QuadStore) Quad(ref cgraph.Ref) (quad.Quad, error) {
	h, ok := ref.(csql.QuadHashes)
	if !ok {
		return p.QuadStore.Quad(ref)
	}
	var vals [4]quad.Value
	var missing [][]byte
	for i, d := range pgDirs {
		vh := h.Get(d)
		if !vh.Valid() {
			continue
		}
		if v, ok := p.values.get(vh); ok {
			vals[i] = v
		} else {
			missing = append(missing, vh[:])
		}
	}
	if len(missing) > 0 {
		if err := p.fetchValues(context.Background(), missing); err != nil {
			return quad.Quad{}, err
		}
		for i, d := range pgDirs {
			if vh := h.Get(d); vh.Valid() && vals[i] == nil {
				v, ok := p.values.get(vh)
				if !ok { // emptied meanwhile, or not in the nodes table: Cayley's own lookup
					var err error
					if v, err = p.QuadStore.NameOf(csql.NodeHash{ValueHash: vh}); err != nil {
						return quad.Quad{}, OneLine(err)
					}
				}
				vals[i] = v
			}
		}
	}
	return quad.Quad{Subject: vals[0], Predicate: vals[1], Object: vals[2], Label: vals[3]}, nil
}

// NameOf is Cayley's, through the cache.
func (p *QuadStore) NameOf(ref cgraph.Ref) (quad.Value, error) {
	h, ok := pgHash(ref)
	if !ok {
		v, err := p.QuadStore.NameOf(ref)
		return v, OneLine(err)
	}
	if v, ok := p.values.get(h); ok {
		return v, nil
	}
	if err := p.fetchValues(context.Background(), [][]byte{h[:]}); err != nil {
		return nil, err
	}
	if v, ok := p.values.get(h); ok {
		return v, nil
	}
	v, err := p.QuadStore.NameOf(ref)
	return v, OneLine(err)
}

// fetchValues reads the values of the nodes hashes into the cache, in one SELECT.
func (p *QuadStore) fetchValues(ctx context.Context, hashes [][]byte) error {
	st, err := p.stmt(ctx, `SELECT hash, `+strings.Join(ValueCols, ", ")+` FROM nodes WHERE hash = ANY($1)`)
	if err != nil {
		return fmt.Errorf("read values: %w", err)
	}
	rows, err := st.QueryContext(ctx, pq.ByteaArray(hashes))
	if err != nil {
		return fmt.Errorf("read values: %w", err)
	}
	return p.scanValues(rows, nil)
}

// readValues reads the values of the nodes hashes in tx into vals and the cache.
func (p *QuadStore) readValues(ctx context.Context, tx *sql.Tx, hashes [][]byte, vals map[refs.ValueHash]quad.Value) error {
	rows, err := tx.QueryContext(ctx, `SELECT hash, `+strings.Join(ValueCols, ", ")+` FROM nodes WHERE hash = ANY($1)`, pq.ByteaArray(hashes))
	if err != nil {
		return fmt.Errorf("read values: %w", err)
	}
	return p.scanValues(rows, vals)
}

// scanValues reads rows of (hash, value columns) into the cache, and into vals when given, and
// closes them.
func (p *QuadStore) scanValues(rows *sql.Rows, vals map[refs.ValueHash]quad.Value) error {
	defer rows.Close()
	for rows.Next() {
		var hash []byte
		var r NodeRow
		if err := rows.Scan(append([]any{&hash}, r.Dests()...)...); err != nil {
			return fmt.Errorf("read values: %w", err)
		}
		v, size, err := r.Value()
		if err != nil {
			return err
		}
		var vh refs.ValueHash
		copy(vh[:], hash)
		if v != nil {
			if vals != nil {
				vals[vh] = v
			}
			p.values.put(vh, v, size)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read values: %w", err)
	}
	return nil
}

// pgStmts are a store's prepared statements: the quads of a node by direction, and the
// values of a set of nodes. Prepared, they are planned once per connection instead of at
// every call of a lookup made thousands of times.
type pgStmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (p *QuadStore) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	p.stmts.mu.Lock()
	defer p.stmts.mu.Unlock()
	if st := p.stmts.m[query]; st != nil {
		return st, nil
	}
	st, err := p.lock.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if p.stmts.m == nil {
		p.stmts.m = map[string]*sql.Stmt{}
	}
	p.stmts.m[query] = st
	return st, nil
}

// pgQuads is a quad iterator of one SELECT (see QuadIterator); lookups and sizes are
// Cayley's iterator's (inner).
type pgQuads struct {
	p     *QuadStore
	dir   quad.Direction // quad.Any: all quads
	node  refs.ValueHash
	pred  refs.ValueHash // with dir Subject or Object: only the quads of this predicate, when valid
	inner iterator.Shape
}

func (it *pgQuads) Iterate() iterator.Scanner {
	if it.dir == quad.Any {
		return &pgAllScanner{pgScan{it: it}}
	}
	return &pgNodeScanner{pgScan: pgScan{it: it}, chunk: 1}
}
func (it *pgQuads) Lookup() iterator.Index { return &pgIndex{Index: it.inner.Lookup()} }
func (it *pgQuads) Stats(ctx context.Context) (iterator.Costs, error) {
	c, err := it.inner.Stats(ctx)
	return c, OneLine(err)
}
func (it *pgQuads) Optimize(ctx context.Context) (iterator.Shape, bool) { return it, false }
func (it *pgQuads) SubIterators() []iterator.Shape                      { return nil }
func (it *pgQuads) String() string                                      { return "PostgreSQL" + it.inner.String() }

// pgScan is what both scanners share: the rows, the current quad, the error.
type pgScan struct {
	it   *pgQuads
	rows *sql.Rows
	res  csql.QuadHashes
	ok   bool
	err  error
	done bool
}

func (sc *pgScan) fail(err error) bool {
	if err != nil && sc.err == nil {
		sc.err = fmt.Errorf("read quads: %w", err)
	}
	sc.done, sc.ok = true, false
	if sc.rows != nil {
		sc.rows.Close()
	}
	return false
}

func (sc *pgScan) Result() refs.Ref {
	if !sc.ok {
		return nil
	}
	return sc.res
}
func (sc *pgScan) NextPath(context.Context) bool  { return false }
func (sc *pgScan) TagResults(map[string]refs.Ref) {}
func (sc *pgScan) Err() error                     { return sc.err }
func (sc *pgScan) String() string                 { return sc.it.String() }
func (sc *pgScan) Close() error {
	if sc.rows != nil {
		return sc.rows.Close()
	}
	return nil
}

func scanHashes(hashes [4][]byte) csql.QuadHashes {
	var q csql.QuadHashes
	for i, d := range pgDirs {
		if hashes[i] != nil {
			var vh refs.ValueHash
			copy(vh[:], hashes[i])
			q.Set(d, vh)
		}
	}
	return q
}

// pgAllScanner reads every quad with its values in one streaming SELECT (export, dump).
type pgAllScanner struct{ pgScan }

func (sc *pgAllScanner) Next(ctx context.Context) bool {
	if sc.err != nil || sc.done {
		return false
	}
	if sc.rows == nil {
		var err error
		if sc.rows, err = sc.it.p.lock.db.QueryContext(ctx, QuadsSQL("", "")); err != nil {
			return sc.fail(err)
		}
	}
	if !sc.rows.Next() {
		return sc.fail(sc.rows.Err())
	}
	var hashes [4][]byte
	var nodes [4]NodeRow
	dst := []any{&hashes[0], &hashes[1], &hashes[2], &hashes[3]}
	for i := range nodes {
		dst = append(dst, nodes[i].Dests()...)
	}
	if err := sc.rows.Scan(dst...); err != nil {
		return sc.fail(err)
	}
	sc.res, sc.ok = scanHashes(hashes), true
	for i, d := range pgDirs {
		v, size, err := nodes[i].Value()
		if err != nil {
			return sc.fail(err)
		}
		if v != nil {
			sc.it.p.values.put(sc.res.Get(d), v, size)
		}
	}
	return true
}

// pgNodeScanner reads a node's quads (their hashes: a node may have thousands, a caller
// may want one) and their values a chunk of quads at a time, the ones not in the cache in
// one SELECT per chunk. Chunks grow from 1 to pgMaxChunk quads, so that a caller that stops
// at the first quad asks for one quad's values.
type pgNodeScanner struct {
	pgScan
	buf   []csql.QuadHashes
	chunk int
}

const pgMaxChunk = 256

func (sc *pgNodeScanner) Next(ctx context.Context) bool {
	if sc.err != nil {
		return false
	}
	if len(sc.buf) == 0 && !sc.fill(ctx) {
		sc.ok = false
		return false
	}
	sc.res, sc.ok, sc.buf = sc.buf[0], true, sc.buf[1:]
	return true
}

// fill reads the next chunk of quads and the values missing from the cache.
func (sc *pgNodeScanner) fill(ctx context.Context) bool {
	if sc.done {
		return false
	}
	if sc.rows == nil {
		where, args := sc.it.dir.String()+`_hash = $1`, []any{sc.it.node[:]}
		if sc.it.pred.Valid() {
			where, args = where+` AND predicate_hash = $2`, append(args, sc.it.pred[:])
		}
		st, err := sc.it.p.stmt(ctx, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads WHERE `+
			where+` ORDER BY horizon`)
		if err != nil {
			return sc.fail(err)
		}
		if sc.rows, err = st.QueryContext(ctx, args...); err != nil {
			return sc.fail(err)
		}
	}
	seen := map[refs.ValueHash]bool{}
	var missing [][]byte
	for len(sc.buf) < sc.chunk && sc.rows.Next() {
		var hashes [4][]byte
		if err := sc.rows.Scan(&hashes[0], &hashes[1], &hashes[2], &hashes[3]); err != nil {
			return sc.fail(err)
		}
		q := scanHashes(hashes)
		sc.buf = append(sc.buf, q)
		for _, d := range pgDirs {
			if h := q.Get(d); h.Valid() && !seen[h] {
				seen[h] = true
				if _, ok := sc.it.p.values.get(h); !ok {
					missing = append(missing, h[:])
				}
			}
		}
	}
	if len(sc.buf) < sc.chunk {
		if err := sc.rows.Err(); err != nil {
			return sc.fail(err)
		}
		sc.done = true
		sc.rows.Close()
	}
	sc.chunk = min(2*sc.chunk, pgMaxChunk)
	if len(missing) > 0 {
		if err := sc.it.p.fetchValues(ctx, missing); err != nil {
			sc.err = err
			return false
		}
	}
	return len(sc.buf) > 0
}

// OneLine is err with Cayley's SQL text cut off: its SQL iterators fail with "sql query
// failed: REASON\nquery: SELECT ...", which would print the statement in a command's error
// and a server's answer.
func OneLine(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	i := strings.Index(msg, "\nquery: ")
	if i < 0 {
		return err
	}
	return &pgQueryError{msg: msg[:i], err: err}
}

// pgQueryError is an error of Cayley's SQL iterators without its statement.
type pgQueryError struct {
	msg string
	err error
}

func (e *pgQueryError) Error() string { return e.msg }
func (e *pgQueryError) Unwrap() error { return e.err }

// QuadsOf returns the quads whose direction dir is one of the nodes and, when pred is not
// nil, whose predicate is pred, keyed by that node's String, each node's in the order they
// were written: one SELECT with their values for all the nodes. A writer reads a batch's
// articles (dir Label) and their LSH bands' articles (dir Object) so, where reading them
// node by node (Cayley's QuadIterator, NodeQuads) is a round trip each; by label, a prepared
// statement may even be planned as a scan of the table in horizon order.
func (p *QuadStore) QuadsOf(ctx context.Context, dir quad.Direction, nodes []quad.Value, pred quad.Value) (map[string][]quad.Quad, error) {
	var preds []quad.Value
	if pred != nil {
		preds = []quad.Value{pred}
	}
	return p.QuadsOfPreds(ctx, dir, nodes, preds)
}

// QuadsOfPreds is QuadsOf with any of preds as the predicate (any predicate when preds is
// empty): what a card reads of each of many statements and articles, one SELECT for all of
// them instead of a round trip per node and predicate (store.Store.OutMany).
func (p *QuadStore) QuadsOfPreds(ctx context.Context, dir quad.Direction, nodes []quad.Value, preds []quad.Value) (map[string][]quad.Quad, error) {
	out := make(map[string][]quad.Quad, len(nodes))
	if len(nodes) == 0 {
		return out, nil
	}
	col := -1
	for i, d := range pgDirs {
		if d == dir {
			col = i
		}
	}
	if col < 0 {
		return nil, fmt.Errorf("read quads: no such direction %v", dir)
	}
	hashes := make(pq.ByteaArray, 0, len(nodes))
	for _, n := range nodes {
		h := csql.HashOf(n).ValueHash
		hashes = append(hashes, h[:])
	}
	where, args := `q.`+dir.String()+`_hash = ANY($1::bytea[])`, []any{hashes}
	switch len(preds) {
	case 0:
	case 1:
		h := csql.HashOf(preds[0]).ValueHash
		where, args = where+` AND q.predicate_hash = $2`, append(args, h[:])
	default:
		ph := make(pq.ByteaArray, 0, len(preds))
		for _, pr := range preds {
			h := csql.HashOf(pr).ValueHash
			ph = append(ph, h[:])
		}
		where, args = where+` AND q.predicate_hash = ANY($2::bytea[])`, append(args, ph)
	}
	// The rows are found by index lookups of the nodes given, and their values by the nodes'
	// key; the planner, estimating ten times more rows than there are, chose otherwise: a
	// hash join of the whole nodes table (when this SELECT joined the values) (a write's read of its batch's articles by label:
	// 0.5 s at 14,000 GMB articles, for no row), or a parallel bitmap scan whose workers took
	// 0.5 s to start on a busy machine for 18 ms of scanning (a card's statements at 30,000).
	// So, in this transaction: nested loops, no parallel workers. Nor bitmap scans: with a
	// card's 500 statements and four predicates, the planner ANDed a bitmap of the 57,602
	// quads of the predicates (pos_index) with one of the statements' (spo_index), 17 ms,
	// where spo_index's scan with both conditions takes 6 ms (30,000 GMB articles). Nor JIT:
	// the store's own connections are not Cayley's (which open with jit=off, withoutJIT),
	// and a card's read of 2,349 quads of 226 nodes, estimated at 33,116, spent 36 ms
	// compiling for 17 ms of work.
	tx, err := p.lock.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;
		SET LOCAL enable_bitmapscan = off; SET LOCAL jit = off`); err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	// The quads' hashes first, then the values of the distinct nodes they name that the
	// cache lacks, in the same snapshot: a card's 2,349 quads name 453 nodes, which the
	// join of the four values read 9,396 times (10.5 ms, against 2.3 + 2.5 ms; and four
	// times the rows sent and decoded).
	rows, err := tx.QueryContext(ctx, `SELECT q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash FROM quads q WHERE `+
		where+` ORDER BY q.horizon`, args...)
	if err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	defer rows.Close()
	var found []csql.QuadHashes
	vals := map[refs.ValueHash]quad.Value{}
	var missing [][]byte
	for rows.Next() {
		var raw [4][]byte
		if err := rows.Scan(&raw[0], &raw[1], &raw[2], &raw[3]); err != nil {
			return nil, fmt.Errorf("read quads: %w", err)
		}
		q := scanHashes(raw)
		found = append(found, q)
		for _, d := range pgDirs {
			h := q.Get(d)
			if _, seen := vals[h]; seen || !h.Valid() {
				continue
			}
			v, _ := p.values.get(h)
			vals[h] = v
			if v == nil {
				missing = append(missing, h[:])
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	rows.Close()
	if len(missing) > 0 {
		if err := p.readValues(ctx, tx, missing, vals); err != nil {
			return nil, fmt.Errorf("read quads: %w", err)
		}
	}
	for _, h := range found {
		var q quad.Quad
		for _, d := range pgDirs {
			vh := h.Get(d)
			if !vh.Valid() {
				continue
			}
			v := vals[vh]
			if v == nil {
				return nil, fmt.Errorf("read quads: the node of a quad's %s is missing", d)
			}
			q.Set(d, v)
		}
		k := q.Get(dir).String()
		out[k] = append(out[k], q)
	}
	return out, nil
}
