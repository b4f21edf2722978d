package explore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
	"github.com/newsgraph/newsgraph/store/postgres"
	"github.com/newsgraph/newsgraph/store/terms"
)

// The explore index of a PostgreSQL store. On bolt it is read from the card index
// (explore_cards.go), which PostgreSQL does not have; reading it with a few lookups per
// article and per entity made `search` and `top` take 20 s at 1,000 articles, each lookup a
// round trip. Here the rows the card index would hold come from four set-based SELECTs over
// Cayley's quads table (the identity quads, the mentions, the statements' quads, the articles'
// dates) and one over its nodes table (the values those rows name), in one read-only
// snapshot, so that an article another process writes meanwhile is seen whole or not at all.
// They are put together as exploreIndexFromCards puts the card index's rows together, by the
// same rules (cardrows.go): a name counts the articles that give it, an entity's name is the
// one most of its own articles give, and the edges are the statements whose object is an
// entity and that are neither negated, hypothetical nor a value.

// pgRow is one quad read: its predicate as the position of its hash in the query's list, its
// other nodes as ids (pgExplore.id).
type pgRow struct {
	s, o, l int32
	p       uint8
}

// pgExplore is what one build reads. Nodes are numbered as they are met (ids), so that the
// rest of the build indexes slices rather than maps of hashes.
type pgExplore struct {
	tx     *sql.Tx
	ids    map[uint64]int32
	shared map[refs.ValueHash]int32
	hashes []refs.ValueHash // by id
	want   []bool           // by id: its value is to be read
	vals   []quad.Value     // by id, once read
}

// hashBytes is v's hash as Cayley's SQL tables key nodes by it.
func hashBytes(v quad.Value) []byte {
	h := refs.HashOf(v)
	return h[:]
}

func hashArray(vs ...quad.IRI) pq.ByteaArray {
	out := make(pq.ByteaArray, 0, len(vs))
	for _, v := range vs {
		out = append(out, hashBytes(v))
	}
	return out
}

// The index is saved as a snapshot beside Cayley's tables (store/postgres/snapshot.go), with
// the merge table it was built under, by a writer's Store (at Close: after a load, forget or
// merge, or a load that found nothing to write, when the saved one is stale or missing; and
// when a writable server builds it again), marked with the quads both were read from, and
// read back while the quads are still those: one SELECT of a row of about a megabyte and
// its decoding instead of five SELECTs and the merges' (at 1,000 GMB articles a `search`
// took 0.3 to 0.4 s, now about 0.06, of which the index 0.03). A stale snapshot (the quads changed since, by anyone), none, or one the role may
// not read (a Reader's role granted SELECT before the table existed), and the index is
// built as before, with the same answers. A reading command never saves: opening and
// reading never write.

// pgExploreSnapshot names the explorer's index among the snapshots; its number is the
// version of the encoding (encodePGExplore), to be raised when that changes.
const pgExploreSnapshot = "explore/1"

// pgExploreIndex reads the explore index from its snapshot when current, else builds it from
// the quads and nodes tables (and the merges read with them), then saving the snapshot when
// the Store is a writer's.
func (s Explorer) pgExploreIndex(ctx context.Context, db *sql.DB) (*exploreIndex, error) {
	fail := func(err error) (*exploreIndex, error) {
		return nil, fmt.Errorf("explore index: %w", postgres.OneLine(err))
	}
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	// The mark, the snapshot, the merges and the rows are read in one transaction: the mark
	// is that of the quads the rest is read from.
	mark, readable, err := postgres.QuadsMark(ctx, tx)
	if err != nil {
		return fail(err)
	}
	x := &exploreIndex{size: postgres.MarkVersion(mark), built: time.Now(), byKey: map[string]*xEntity{}}
	if readable {
		body, err := postgres.ReadSnapshot(ctx, tx, pgExploreSnapshot, mark)
		if err != nil {
			return fail(err)
		}
		if body != nil && decodePGExplore(body, x) == nil { // (a damaged one is built again)
			x.saved = true
			// A writer saves the merges when missing (a snapshot saved before they were).
			if s.st.Writer() {
				if has, err := postgres.HasSnapshot(ctx, tx, store.PGMergesSnapshot, mark); err == nil && !has {
					tx.Rollback()
					if m, err := x.merges.MarshalBinary(); err == nil {
						_ = postgres.SaveSnapshot(ctx, db, store.PGMergesSnapshot, mark, m)
					}
				}
			}
			return x, nil
		}
		x.articles, x.entities, x.byKey = nil, nil, map[string]*xEntity{}
	}
	if x.merges, err = store.ReadMergesSQL(ctx, tx); err != nil {
		return nil, fmt.Errorf("explore index: %w", err)
	}
	r := &pgExplore{tx: tx, ids: map[uint64]int32{}, shared: map[refs.ValueHash]int32{}}
	if err := r.build(ctx, x.merges, x); err != nil {
		return fail(err)
	}
	if s.st.Writer() {
		tx.Rollback()
		// A failure to save it only means that the next command builds it again.
		if body, err := encodePGExplore(x); err == nil {
			_ = postgres.SaveSnapshot(ctx, db, pgExploreSnapshot, mark, body)
		}
		// The merges too, under the same mark: every command reads them (store.PGMergesSnapshot).
		if m, err := x.merges.MarshalBinary(); err == nil {
			_ = postgres.SaveSnapshot(ctx, db, store.PGMergesSnapshot, mark, m)
		}
	}
	return x, nil
}

// pgQuadsVersion is the number of the quads' mark now (postgres.MarkVersion, as the index's
// size): what a serving explorer compares with its index's before answering from it. With
// the quads' change counter (store/postgres/changes.go) it reads a few rows, at any size;
// without it, it scans the quads once (it was two counts, of the quads and of the nodes).
func pgQuadsVersion(ctx context.Context, db *sql.DB) (int64, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return 0, fmt.Errorf("explore index: %w", postgres.OneLine(err))
	}
	defer tx.Rollback()
	mark, _, err := postgres.QuadsMark(ctx, tx)
	if err != nil {
		return 0, fmt.Errorf("explore index: %w", postgres.OneLine(err))
	}
	return postgres.MarkVersion(mark), nil
}

// encodePGExplore encodes x and its merges: the length of the merges' encoding
// (store.MergeView's MarshalBinary), the merges, the index (encodeExplore).
func encodePGExplore(x *exploreIndex) ([]byte, error) {
	m, err := x.merges.MarshalBinary()
	if err != nil {
		return nil, err
	}
	b := binary.AppendUvarint(nil, uint64(len(m)))
	return encodeExplore(append(b, m...), x), nil
}

func decodePGExplore(b []byte, x *exploreIndex) error {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return errBadSnapshot
	}
	t, err := store.DecodeMergeView(b[w : w+int(n)])
	if err != nil {
		return err
	}
	x.merges = t
	return decodeExplore(b[w+int(n):], x)
}

// id numbers the node of hash b. Nodes are found by the first 8 bytes of their hash (a
// map of integers is several times faster than one of 20-byte arrays), and by the whole hash
// in the rare case two share them.
func (r *pgExplore) id(b []byte) int32 {
	var h refs.ValueHash
	copy(h[:], b)
	k := binary.LittleEndian.Uint64(h[:8])
	if i, ok := r.ids[k]; ok {
		if r.hashes[i] == h {
			return i
		}
		if i, ok := r.shared[h]; ok {
			return i
		}
	}
	i := int32(len(r.hashes))
	if _, taken := r.ids[k]; taken {
		r.shared[h] = i
	} else {
		r.ids[k] = i
	}
	r.hashes = append(r.hashes, h)
	r.want = append(r.want, false)
	return i
}

// idOf is the id of v's node, or -1 when no row named it.
func (r *pgExplore) idOf(v quad.Value) int32 {
	h := refs.HashOf(v)
	if i, ok := r.ids[binary.LittleEndian.Uint64(h[:8])]; ok && r.hashes[i] == h {
		return i
	}
	if i, ok := r.shared[h]; ok {
		return i
	}
	return -1
}

// rows runs a SELECT of (subject, predicate, object, label) hashes, or of (object, label)
// when preds is nil; a row's predicate is its index in preds.
func (r *pgExplore) rows(ctx context.Context, preds []quad.IRI, query string, args ...any) ([]pgRow, error) {
	ph := make([][]byte, len(preds))
	for i, p := range preds {
		ph[i] = hashBytes(p)
	}
	rows, err := r.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pgRow
	var raw [4]sql.RawBytes
	dst := []any{&raw[0], &raw[1], &raw[2], &raw[3]}
	if preds == nil {
		dst = dst[:2]
	}
	for rows.Next() {
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		var q pgRow
		if preds == nil {
			q.o, q.l = r.id(raw[0]), r.id(raw[1])
		} else {
			q.s, q.o, q.l = r.id(raw[0]), r.id(raw[2]), r.id(raw[3])
			q.p = uint8(slices.IndexFunc(ph, func(h []byte) bool { return bytes.Equal(h, raw[1]) }))
		}
		out = append(out, q)
		if len(out)%10_000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
	return out, rows.Err()
}

// fetch reads the values of the nodes wanted, in one SELECT.
func (r *pgExplore) fetch(ctx context.Context) error {
	var hs pq.ByteaArray
	for i, w := range r.want {
		if w {
			hs = append(hs, r.hashes[i][:])
		}
	}
	r.vals = make([]quad.Value, len(r.hashes))
	rows, err := r.tx.QueryContext(ctx, `SELECT hash, `+strings.Join(postgres.ValueCols, ", ")+` FROM nodes WHERE hash = ANY($1)`, hs)
	if err != nil {
		return err
	}
	defer rows.Close()
	var hash sql.RawBytes
	var n postgres.NodeRow
	dst := append([]any{&hash}, n.Dests()...)
	for rows.Next() {
		if err := rows.Scan(dst...); err != nil {
			return err
		}
		v, _, err := n.Value()
		if err != nil {
			return err
		}
		r.vals[r.id(hash)] = v
	}
	return rows.Err()
}

// The predicates each SELECT reads, in the order its rows number them.
var (
	pgIdentPreds = []quad.IRI{terms.Name, terms.AlternateName, terms.Type}
	pgStmtPreds  = []quad.IRI{terms.Subject, terms.Object, terms.Predicate, terms.Value, terms.Modality, terms.Polarity, terms.Type}
	pgDatePreds  = []quad.IRI{terms.DatePublished, terms.DateCreated}
)

const (
	pgName, pgAlternate, pgType                                                                      = 0, 1, 2
	pgStmtSubject, pgStmtObject, pgStmtPred, pgStmtValue, pgStmtModality, pgStmtPolarity, pgStmtType = 0, 1, 2, 3, 4, 5, 6
	pgPublished                                                                                      = 0
)

// build reads the rows and puts them together as exploreIndexFromCards does.
func (r *pgExplore) build(ctx context.Context, t store.MergeView, x *exploreIndex) error {
	// Identity: names, alternate names and entity types, each with the article that states it.
	// (A statement's or a role's node has neither a name nor an entity type: leaving out their
	// quads, as the card index does, changes nothing here.)
	idents, err := r.rows(ctx, pgIdentPreds, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads
		WHERE label_hash IS NOT NULL AND (predicate_hash = ANY($1) OR predicate_hash = $2 AND object_hash = ANY($3))`,
		hashArray(terms.Name, terms.AlternateName), hashBytes(terms.Type), hashArray(terms.EntityTypes...))
	if err != nil {
		return err
	}
	// Mentions: an article's own mentions quads.
	mentions, err := r.rows(ctx, nil, `SELECT object_hash, label_hash FROM quads WHERE predicate_hash = $1 AND subject_hash = label_hash`,
		hashBytes(terms.Mentions))
	if err != nil {
		return err
	}
	// Statements: their type and the quads statementRows reads, in the order they were written
	// (of two values of one property, statementRows keeps the last).
	stmts, err := r.rows(ctx, pgStmtPreds, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads
		WHERE label_hash IS NOT NULL AND (predicate_hash = ANY($1) OR predicate_hash = $2 AND object_hash = $3)
		ORDER BY horizon`, hashArray(pgStmtPreds[:pgStmtType]...), hashBytes(terms.Type), hashBytes(terms.Statement))
	if err != nil {
		return err
	}
	// Dates: an article's own datePublished and dateCreated, in the order they were written.
	dates, err := r.rows(ctx, pgDatePreds, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads
		WHERE predicate_hash = ANY($1) AND subject_hash = label_hash ORDER BY horizon`, hashArray(pgDatePreds...))
	if err != nil {
		return err
	}

	// The values wanted: all but the types' and the relations' (known by their hashes).
	for _, q := range idents {
		r.want[q.s], r.want[q.l] = true, true
		if q.p != pgType {
			r.want[q.o] = true
		}
	}
	for _, q := range mentions {
		r.want[q.o], r.want[q.l] = true, true
	}
	for _, q := range stmts {
		r.want[q.l] = true
		switch q.p {
		case pgStmtType:
			r.want[q.s] = true
		case pgStmtPred:
		default:
			r.want[q.o] = true
		}
	}
	for _, q := range dates {
		r.want[q.o], r.want[q.l] = true, true
	}
	if err := r.fetch(ctx); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	artOf := r.articles(x, dates, idents, mentions, stmts)
	names, typeCount := r.entities(t, x, idents, artOf)
	entityOf := r.entityOf(t, x)
	for _, q := range mentions {
		if a := artOf[q.l]; a >= 0 {
			if e := entityOf(q.o); e != nil {
				e.mentions = append(e.mentions, a)
			}
		}
	}
	for _, e := range x.byKey {
		slices.Sort(e.mentions)
		e.mentions = slices.Compact(e.mentions)
	}
	r.edges(stmts, artOf, entityOf)
	x.finish(names, typeCount)
	return nil
}

// articles lists in x every article that labels a row read, in the card index's order (by
// IRI), with its date: published, else created; and returns each node's article number (-1:
// not an article: a merge, or no label).
func (r *pgExplore) articles(x *exploreIndex, dates []pgRow, all ...[]pgRow) []int {
	artOf := make([]int, len(r.hashes))
	for i := range artOf {
		artOf[i] = -1
	}
	var arts []int32
	for _, rs := range append(all, dates) {
		for _, q := range rs {
			if artOf[q.l] != -1 {
				continue
			}
			if iri, ok := r.vals[q.l].(quad.IRI); ok && !store.IsMergeLabel(iri) {
				artOf[q.l] = 0
				arts = append(arts, q.l)
			} else {
				artOf[q.l] = -2
			}
		}
	}
	for i, a := range artOf {
		if a == -2 {
			artOf[i] = -1
		}
	}
	key := func(l int32) string { return cardindex.KeyText(string(r.vals[l].(quad.IRI))) }
	slices.SortFunc(arts, func(a, b int32) int { return strings.Compare(key(a), key(b)) })
	published, created := map[int32]string{}, map[int32]string{}
	for _, q := range dates {
		if d := str(r.vals[q.o]); reYear.MatchString(d) {
			if q.p == pgPublished {
				published[q.l] = d
			} else {
				created[q.l] = d
			}
		}
	}
	for i, l := range arts {
		artOf[l] = i
		d := published[l]
		if d == "" {
			d = created[l]
		}
		x.articles = append(x.articles, xArticle{iri: quad.IRI(key(l)), date: d})
	}
	return artOf
}

// entities makes the index's entities from the identity rows: a node is an entity when an
// article gives it an entity type, and is part of its merge root's entity. Names and types
// count the articles that give them, as the card index's identity rows do.
func (r *pgExplore) entities(t store.MergeView, x *exploreIndex, idents []pgRow, artOf []int) (map[*xEntity][]string, map[*xEntity]map[string]int) {
	typeOf := map[int32]quad.IRI{}
	for _, ty := range terms.EntityTypes {
		if i := r.idOf(ty); i >= 0 {
			typeOf[i] = ty
		}
	}
	value := func(q pgRow) string {
		if q.p == pgType {
			return cardindex.KeyText(string(typeOf[q.o]))
		}
		return cardindex.KeyText(str(r.vals[q.o]))
	}
	// Quads are unique by (subject, predicate, object, label), so a row is one article's; but
	// two objects of one text (a string and a language string) are one name, and an article
	// that gives both counts once: those few are counted again by article.
	type objectKey struct {
		s, o int32
		p    uint8
	}
	type valueKey struct {
		s int32
		p uint8
		v string
	}
	rowCount := map[objectKey]int{}
	for _, q := range idents {
		if _, ok := r.vals[q.s].(quad.IRI); ok && artOf[q.l] >= 0 {
			rowCount[objectKey{q.s, q.o, q.p}]++
		}
	}
	count := map[valueKey]int{}
	from := map[valueKey]int32{}
	twice := map[valueKey]bool{}
	for k, n := range rowCount {
		vk := valueKey{k.s, k.p, value(pgRow{s: k.s, o: k.o, p: k.p})}
		if o, seen := from[vk]; seen && o != k.o {
			twice[vk] = true
		}
		from[vk] = k.o
		count[vk] += n
	}
	if len(twice) > 0 {
		labels := map[valueKey]map[int32]bool{}
		for _, q := range idents {
			vk := valueKey{q.s, q.p, value(q)}
			if twice[vk] && artOf[q.l] >= 0 {
				if labels[vk] == nil {
					labels[vk] = map[int32]bool{}
				}
				labels[vk][q.l] = true
			}
		}
		for vk, ls := range labels {
			count[vk] = len(ls)
		}
	}
	type ident struct {
		names, types map[string]int
		alternates   []string
	}
	idOf := map[int32]*ident{}
	for k, n := range count {
		id := idOf[k.s]
		if id == nil {
			id = &ident{names: map[string]int{}, types: map[string]int{}}
			idOf[k.s] = id
		}
		switch k.p {
		case pgName:
			id.names[k.v] += n
		case pgAlternate:
			id.alternates = append(id.alternates, k.v)
		case pgType:
			id.types[k.v] += n
		}
	}

	names := map[*xEntity][]string{}
	typeCount := map[*xEntity]map[string]int{}
	for s, id := range idOf {
		if len(id.types) == 0 {
			continue // a date, or not an entity
		}
		m := r.vals[s].(quad.IRI)
		root, ok := t.Root(m).(quad.IRI)
		if !ok {
			continue
		}
		e := x.entityOf(root, typeCount)
		for ty, n := range id.types {
			typeCount[e][terms.TypeName(quad.IRI(ty))] += n
		}
		if m == root {
			e.name = commonest(id.names, "")
		}
		for n := range id.names {
			names[e] = append(names[e], n)
		}
		names[e] = append(names[e], id.alternates...)
	}
	return names, typeCount
}

// entityOf returns the entity (of x) a node id is part of, or nil.
func (r *pgExplore) entityOf(t store.MergeView, x *exploreIndex) func(int32) *xEntity {
	done := make([]bool, len(r.hashes))
	ents := make([]*xEntity, len(r.hashes))
	return func(i int32) *xEntity {
		if !done[i] {
			done[i] = true
			if iri, ok := r.vals[i].(quad.IRI); ok {
				ents[i] = x.byKey[keyOfValue(t.Root(iri))]
			}
		}
		return ents[i]
	}
}

// edges makes the relation edges from the statements' rows: per statement and article, its
// subject, object, predicate, value, modality and polarity (the last written of each), as
// statementRows reads them.
func (r *pgExplore) edges(stmts []pgRow, artOf []int, entityOf func(int32) *xEntity) {
	relOf := map[int32]quad.IRI{}
	for p := range relationSet {
		if i := r.idOf(p); i >= 0 {
			relOf[i] = p
		}
	}
	type stmtKey struct{ s, l int32 }
	type stmt struct {
		typed                     bool
		subject, object, pred     int32
		value, modality, polarity string
	}
	byKey := map[stmtKey]*stmt{}
	var order []stmtKey
	for _, q := range stmts {
		if artOf[q.l] < 0 {
			continue
		}
		k := stmtKey{q.s, q.l}
		st := byKey[k]
		if st == nil {
			st = &stmt{subject: -1, object: -1, pred: -1}
			byKey[k] = st
			order = append(order, k)
		}
		switch q.p {
		case pgStmtType:
			_, st.typed = r.vals[q.s].(quad.IRI)
		case pgStmtSubject:
			st.subject = q.o
		case pgStmtObject:
			st.object = q.o
		case pgStmtPred:
			st.pred = q.o
		case pgStmtValue:
			st.value = str(r.vals[q.o])
		case pgStmtModality:
			st.modality = str(r.vals[q.o])
		case pgStmtPolarity:
			st.polarity = str(r.vals[q.o])
		}
	}
	type edgeKey struct {
		s, o *xEntity
		p    quad.IRI
	}
	edges := map[edgeKey]*xEdge{}
	for _, k := range order {
		st := byKey[k]
		p, isRel := relOf[st.pred]
		if !st.typed || !isRel || st.subject < 0 || st.object < 0 || st.value != "" || st.modality != "" || st.polarity == "negative" {
			continue
		}
		if _, ok := r.vals[st.object].(quad.IRI); !ok {
			continue
		}
		s, o := entityOf(st.subject), entityOf(st.object)
		if s == nil || o == nil || s == o {
			continue
		}
		ek := edgeKey{s, o, p}
		ed := edges[ek]
		if ed == nil {
			ed = &xEdge{s: s, o: o, pred: p}
			edges[ek] = ed
			s.edges = append(s.edges, ed)
			o.edges = append(o.edges, ed)
		}
		ed.articles = append(ed.articles, artOf[k.l])
	}
	for _, ed := range edges {
		slices.Sort(ed.articles)
		ed.articles = slices.Compact(ed.articles)
	}
}
