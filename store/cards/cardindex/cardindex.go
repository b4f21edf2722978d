// Package cardindex is the card index's storage: on bolt, the rows cards are made of, kept per
// entity beside the quads in <path>/cards.bolt and written with every article write, the hubs'
// digests, the saved merge table, the quads' mark it was made from and the explorer's snapshot;
// the row types and how one article's quads make them (rows.go), which store/cards also uses to
// make the same rows from the quads when there is no usable index. What a card is made of those
// rows, and what is kept in a digest, are store/cards's: this package keeps their bytes.
package cardindex

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/newsgraph/newsgraph/store/fields"
	"slices"
	"strconv"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/longiri"
	"github.com/newsgraph/newsgraph/store/terms"
)

// The card index keeps, per entity, the rows its card is made of (rows.go), so that the
// card of an entity named by 80,000 articles reads those rows (one bolt key each, in order)
// instead of the 80,000 articles' quads one index lookup at a time. It is kept next to the
// quads of a bolt database, in <path>/cards.bolt, and written with every article write and
// forget. It holds nothing the quads do not: every row is made from one article's own quads,
// so it can always be made again from them.
//
// A write marks it dirty (synced) before the quads are written and clean in the transaction
// that writes its rows after them, so a process stopped between the two leaves it dirty, and a
// dirty index is never read: cards are made from the quads until the next Open for writing
// rebuilds it. Writes that go around the Store (Cayley's HTTP write API, an import) mark it
// dirty too.
//
// Buckets (field = uvarint length + bytes; packed(x): x packed, pack.go):
//
//	count    field(packed(entity)) -> uvarint articles that mention it
//	ident    field(packed(entity)) kind packed(value) -> uvarint articles that say it (kind: IdentName,
//	         IdentAlternate, IdentType, IdentLink; no IdentNameKey: its byname rows count)
//	byname   kind field(value) packed(entity) -> "" (the ident rows of names and alternate names, by
//	         value); IdentNameKey field(key) packed(entity) -> uvarint articles that say it
//	article  article -> field(date) (every article with quads)
//	mention  field(packed(entity)) packed(article) -> ""
//	fact     field(packed(entity)) dir field(packed(pred)) field(packed(other)) field(value) neg field(modality)
//	         field(packed(article)) field(packed(stmt)) -> field(confidence) field(eventDate) field(date)
//	         uvarint n field(packed(publisher))... uvarint n (8 bytes: articleHash of a copyOf)...
//	role     field(packed(holder)) field(packed(role)) field(packed(article)) -> field(title) field(of) field(seen)
//	         field(start) field(end) field(endedBy) former field(evidence) field(date)
//	band     field(packed(band)) packed(article) -> ""   (the LSH bands of an article that is no copy, from its text)
const cardIndexVersion = "5" // 5: IRIs and bands packed in the rows' keys (pack.go), name keys counted in their byname rows; 4: name keys derived from the names (textkey.EntityKeys), no longer read from ng:nameKey quads alone; band rows

var (
	bucketMeta    = []byte(store.CardIndexMeta)
	bucketCount   = []byte("count")
	bucketIdent   = []byte("ident")
	bucketMention = []byte("mention")
	bucketFact    = []byte("fact")
	bucketRole    = []byte("role")
	bucketByName  = []byte("byname")
	bucketArticle = []byte("article")
	bucketBand    = []byte("band")
	rowBuckets    = [][]byte{bucketCount, bucketIdent, bucketMention, bucketFact, bucketRole, bucketByName, bucketArticle, bucketBand,
		bucketDigest, bucketDigestSrc, bucketDigestOf, bucketStale, bucketMerges, bucketExplore}
	keyState   = []byte("state")
	keyVersion = []byte("version")
)

// A DB is the card index of one bolt Store. Its methods do nothing on a nil DB (a Store
// without one), and reads through it tell that they did not read (View).
type DB struct {
	s     *store.Store
	db    *bolt.DB
	valid atomic.Bool // rows match the quads: cards may read them
	// writing: a write of articles that keeps the index is under way (between Begin and
	// Finish): the rows are those of the quads before it, which lookups by name key may read.
	writing atomic.Bool
	// stale says, when Open found the quads changed by another program, what it found ("").
	stale string
}

// Open opens (creating) the card index in the file o.File of the bolt Store s.
// o.Empty: the database has no quads, so an index without rows is right. An index whose saved
// mark is not the quads' is not usable (mark.go).
func Open(s *store.Store, o store.CardIndexOptions) (*DB, error) {
	db, err := bolt.Open(o.File, 0o644, &bolt.Options{Timeout: time.Second, NoSync: o.NoSync})
	if err != nil {
		return nil, fmt.Errorf("open card index %s: %w", o.File, err)
	}
	ix := &DB{s: s, db: db}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range append([][]byte{bucketMeta}, rowBuckets...) {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if o.Empty {
			if err := meta.Put(keyVersion, []byte(cardIndexVersion)); err != nil {
				return err
			}
			if err := meta.Put(keyDigests, []byte("1")); err != nil {
				return err
			}
			return ix.putClean(tx)
		}
		if meta.Get(keyDigests) == nil && string(meta.Get(keyState)) == "ok" {
			if err := markHubsStale(tx); err != nil { // an index made before digests
				return err
			}
		}
		clean := string(meta.Get(keyState)) == "ok" && string(meta.Get(keyVersion)) == cardIndexVersion
		if clean {
			follows, err := ix.followsQuads(tx)
			if err != nil {
				return err
			}
			clean = follows
		}
		ix.valid.Store(clean)
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open card index %s: %w", o.File, err)
	}
	if o.Empty {
		ix.valid.Store(true)
	}
	return ix, nil
}

// Close closes the index's file, after the quad store.
func (ix *DB) Close() error {
	if !ix.Kept() {
		return nil
	}
	return ix.db.Close()
}

// Kept tells whether the Store keeps a card index (bolt).
func (ix *DB) Kept() bool { return ix != nil && ix.db != nil }

// Stale says, when Open found the quads changed by another program, what it found; "" when
// nothing.
func (ix *DB) Stale() string {
	if ix == nil {
		return ""
	}
	return ix.stale
}

// Usable tells whether cards may read the index.
func (ix *DB) Usable() bool { return ix.Kept() && ix.valid.Load() }

// MarkDirty records, synced, that the quads are about to change: until clean, the index is
// not read.
func (ix *DB) MarkDirty() error {
	if !ix.Kept() {
		return nil
	}
	ix.valid.Store(false)
	ix.writing.Store(false)
	return ix.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyState, []byte("dirty")) })
}

// apply removes the rows of the changes' old quads, adds those of their new ones and marks the
// index clean, in one transaction.
func (ix *DB) apply(changes []store.ArticleChange) error {
	return ix.db.Update(func(tx *bolt.Tx) error {
		for _, c := range changes {
			if len(c.Old) > 0 {
				if err := putRows(tx, articleRows(c.Article, c.Old), -1); err != nil {
					return err
				}
			}
			if len(c.New) > 0 {
				if err := putRows(tx, articleRows(c.Article, c.New), +1); err != nil {
					return err
				}
			}
		}
		if err := bumpGen(tx); err != nil {
			return err
		}
		return ix.putClean(tx)
	})
}

// putRows adds (sign +1) or removes (-1) an article's rows.
func putRows(tx *bolt.Tx, set articleRowSet, sign int) error {
	art := string(set.article)
	count, ident, mention := tx.Bucket(bucketCount), tx.Bucket(bucketIdent), tx.Bucket(bucketMention)
	facts, roles := tx.Bucket(bucketFact), tx.Bucket(bucketRole)
	var k []byte
	if err := putOrDelete(tx.Bucket(bucketArticle), []byte(keyText(art)), fields.Append(nil, set.date), sign); err != nil {
		return err
	}
	for _, e := range set.mentions {
		k = appendPackedField(k[:0], string(e))
		if _, err := addCount(count, k, sign); err != nil {
			return err
		}
		k = pack(k, keyText(art))
		if err := putOrDelete(mention, k, nil, sign); err != nil {
			return err
		}
	}
	byName := tx.Bucket(bucketByName)
	for e, id := range set.identity {
		for _, kv := range id {
			if kv[0][0] == IdentNameKey {
				// Read by value only (EntitiesNamed; cards show no name keys): no ident row,
				// the byname row counts the articles.
				k = pack(appendKeyField(append(k[:0], kv[0]...), kv[1]), keyText(string(e)))
				if _, err := addCount(byName, k, sign); err != nil {
					return err
				}
				continue
			}
			k = appendPackedField(k[:0], string(e))
			k = pack(append(k, kv[0]...), keyText(kv[1]))
			n, err := addCount(ident, k, sign)
			if err != nil {
				return err
			}
			if kv[0][0] == IdentType || kv[0][0] == IdentLink || n > 1 || n == 1 && sign < 0 {
				continue // the entity was already under this name, or still is
			}
			k = pack(appendKeyField(append(k[:0], kv[0]...), kv[1]), keyText(string(e)))
			if err := putOrDelete(byName, k, nil, sign); err != nil {
				return err
			}
		}
	}
	bands := tx.Bucket(bucketBand)
	for _, b := range set.bands {
		k = pack(appendPackedField(k[:0], b), keyText(art))
		if err := putOrDelete(bands, k, nil, sign); err != nil {
			return err
		}
	}
	var v []byte
	changed := map[quad.IRI]bool{}
	for i := range set.facts {
		k, v = factKey(k[:0], &set.facts[i]), factValue(v[:0], &set.facts[i])
		if err := putOrDelete(facts, k, v, sign); err != nil {
			return err
		}
		changed[set.facts[i].Entity] = true
	}
	if err := markChanged(tx, changed); err != nil {
		return err
	}
	for i := range set.roles {
		r := &set.roles[i]
		k = appendPackedField(appendPackedField(appendPackedField(k[:0], string(r.Holder)), string(r.Role)), art)
		v = v[:0]
		for _, f := range []string{r.Title, keyOfIRI(r.Of), r.Seen, r.Start, r.End, r.EndedBy, boolField(r.Former), r.Evidence, r.ArtDate} {
			v = fields.Append(v, f)
		}
		if err := putOrDelete(roles, k, v, sign); err != nil {
			return err
		}
	}
	return nil
}

func putOrDelete(b *bolt.Bucket, k, v []byte, sign int) error {
	if sign < 0 {
		return b.Delete(k)
	}
	if v == nil {
		v = []byte{}
	}
	return b.Put(bytes.Clone(k), bytes.Clone(v))
}

// addCount adds delta to the count at k (deleted at 0) and returns the new count.
func addCount(b *bolt.Bucket, k []byte, delta int) (int64, error) {
	n := int64(0)
	if v := b.Get(k); v != nil {
		n, _ = binary.Varint(v)
	}
	n += int64(delta)
	if n <= 0 {
		return 0, b.Delete(k)
	}
	return n, b.Put(bytes.Clone(k), binary.AppendVarint(nil, n))
}

// EntitiesNamed calls fn with each entity that has the name (kind IdentName), alternate name
// (IdentAlternate) or name key (IdentNameKey) value, in the order of their IRIs.
func (x Tx) EntitiesNamed(kind byte, value string, fn func(e quad.IRI)) error {
	prefix := appendKeyField([]byte{kind}, value)
	var es []quad.IRI
	err := scanPrefix(x.tx, bucketByName, prefix, func(k, _ []byte) error {
		es = append(es, quad.IRI(unpacked(k[len(prefix):])))
		return nil
	})
	slices.Sort(es) // (the keys hold them packed, in another order)
	for _, e := range es {
		fn(e)
	}
	return err
}

func boolField(b bool) string {
	if b {
		return "1"
	}
	return ""
}

// keyOfIRI is an IRI's string, "" for nil or a literal.
func keyOfIRI(v quad.Value) string { return string(iriOfValue(v)) }

func iriOrNil(s string) quad.Value {
	if s == "" {
		return nil
	}
	return quad.IRI(s)
}

func factKey(k []byte, r *FactRow) []byte {
	k = appendPackedField(k, string(r.Entity))
	k = append(k, factDir(r.AsObject))
	k = appendPackedField(k, string(r.Pred))
	k = appendPackedField(k, keyOfIRI(r.Other))
	k = appendKeyField(k, r.Value)
	k = append(k, negByte(r.Negated))
	k = appendKeyField(k, r.Modality)
	k = appendPackedField(k, string(r.Article))
	return appendPackedField(k, string(r.Stmt))
}

func negByte(negated bool) byte {
	if negated {
		return '1'
	}
	return '0'
}

func factDir(asObject bool) byte {
	if asObject {
		return 'o'
	}
	return 's'
}

func factValue(v []byte, r *FactRow) []byte {
	v = fields.Append(v, strconv.FormatFloat(r.Confidence, 'f', -1, 64))
	v = fields.Append(v, r.EventDate)
	v = fields.Append(v, r.Art.Date)
	v = binary.AppendUvarint(v, uint64(len(r.Art.Publishers)))
	for _, p := range r.Art.Publishers {
		v = fields.Append(v, packed(string(p)))
	}
	v = binary.AppendUvarint(v, uint64(len(r.Art.CopyOf)))
	for _, c := range r.Art.CopyOf {
		v = binary.LittleEndian.AppendUint64(v, c)
	}
	return v
}

// appendKeyField appends a field of a key: bounded (keyText), so that no key reaches bolt's
// limit.
func appendKeyField(b []byte, s string) []byte { return fields.Append(b, keyText(s)) }

var errBadRow = errors.New("card index: a damaged row")

// A Tx reads the rows in one read transaction of the index (View). The strings of the fact
// rows it gives are interned for the transaction: a hub's rows repeat the same predicates,
// publishers and dates thousands of times.
type Tx struct {
	tx     *bolt.Tx
	intern map[string]string
}

// View runs fn in a read transaction when the index is usable; ok false when it is not (the
// caller reads the quads).
func (ix *DB) View(fn func(Tx) error) (ok bool, err error) {
	return ix.view(func(tx *bolt.Tx) error { return fn(Tx{tx: tx, intern: map[string]string{}}) })
}

// view is View over bolt's transaction.
func (ix *DB) view(fn func(tx *bolt.Tx) error) (ok bool, err error) {
	if !ix.Usable() {
		return false, nil
	}
	return true, ix.db.View(fn)
}

// scanPrefix calls fn for every key of bucket b that starts with prefix.
func scanPrefix(tx *bolt.Tx, b []byte, prefix []byte, fn func(k, v []byte) error) error {
	c := tx.Bucket(b).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// Facts reads the fact rows filed under entity e, a fact's rows one after the other. fn may
// keep the rows.
func (x Tx) Facts(e quad.IRI, fn func(r *FactRow) error) error {
	return factRowsIn(x.tx, e, appendPackedField(nil, string(e)), x.intern, fn)
}

// SubjectFacts reads the rows of the statements whose subject is e and predicate pred.
func (x Tx) SubjectFacts(e, pred quad.IRI, fn func(r *FactRow) error) error {
	scan := append(appendPackedField(nil, string(e)), factDir(false))
	return factRowsIn(x.tx, e, appendPackedField(scan, string(pred)), x.intern, fn)
}

// factRowsIn reads the fact rows filed under e whose keys begin with scan.
func factRowsIn(tx *bolt.Tx, e quad.IRI, scan []byte, intern map[string]string, fn func(r *FactRow) error) error {
	prefix := appendPackedField(nil, string(e))
	var row FactRow
	var lastFact, scratch []byte
	confidences := map[string]float64{} // a few distinct values ("0.85")
	var slab []FactRow
	return scanPrefix(tx, bucketFact, scan, func(k, v []byte) error {
		rd := fields.NewReader(k[len(prefix):], intern)
		start := rd.Rest()
		// The fact part (direction to modality) repeats over a fact's rows: decode it once.
		dir := rd.Byte()
		pred, other, value := rd.Bytes(), rd.Bytes(), rd.Bytes()
		neg := rd.Byte()
		mod := rd.Bytes()
		factPart := start[:len(start)-len(rd.Rest())]
		if rd.Bad() {
			return errBadRow
		}
		if !bytes.Equal(factPart, lastFact) {
			lastFact = factPart
			row = FactRow{Entity: e, AsObject: dir == 'o', Pred: quad.IRI(internBytes(intern, unpack(nil, pred))),
				Other: iriOrNil(internBytes(intern, unpack(nil, other))), Value: internBytes(intern, value),
				Negated: neg == '1', Modality: internBytes(intern, mod)}
		}
		// Each its own: not interned.
		scratch = unpack(scratch[:0], rd.Bytes())
		row.Article = quad.IRI(scratch)
		scratch = unpack(scratch[:0], rd.Bytes())
		row.Stmt = quad.IRI(scratch)
		vr := fields.NewReader(v, intern)
		cb := vr.Bytes()
		conf, ok := confidences[string(cb)]
		if !ok {
			conf, _ = strconv.ParseFloat(string(cb), 64)
			confidences[string(cb)] = conf
		}
		row.Confidence = conf
		row.EventDate, row.Art.Date = vr.Str(), vr.Str()
		np := vr.Count()
		row.Art.Publishers = make([]quad.IRI, 0, np)
		for range np {
			scratch = unpack(scratch[:0], vr.Bytes())
			row.Art.Publishers = append(row.Art.Publishers, quad.IRI(internBytes(intern, scratch)))
		}
		nc := vr.Count()
		if nc*8 > len(vr.Rest()) {
			return errBadRow
		}
		row.Art.CopyOf = make([]uint64, nc)
		for i := range row.Art.CopyOf {
			row.Art.CopyOf[i] = vr.Uint64()
		}
		if rd.Bad() || vr.Bad() {
			return errBadRow
		}
		if len(slab) == cap(slab) {
			// Rows are kept by the caller: allocated in slabs, small first (a merged cluster
			// reads hundreds of entities of a row or two each).
			slab = make([]FactRow, 0, min(max(2*cap(slab), 8), 1024))
		}
		slab = append(slab, row)
		return fn(&slab[len(slab)-1])
	})
}

func internBytes(intern map[string]string, b []byte) string {
	if s, ok := intern[string(b)]; ok {
		return s
	}
	s := string(b)
	intern[s] = s
	return s
}

// Roles reads the role rows of holder e.
func (x Tx) Roles(e quad.IRI, fn func(r RoleRow) error) error {
	prefix := appendPackedField(nil, string(e))
	intern := map[string]string{}
	return scanPrefix(x.tx, bucketRole, prefix, func(k, v []byte) error {
		rd := fields.NewReader(k[len(prefix):], intern)
		r := RoleRow{Holder: e, Role: quad.IRI(unpacked(rd.Bytes())), Article: quad.IRI(unpacked(rd.Bytes()))}
		vr := fields.NewReader(v, intern)
		r.Title = vr.Str()
		r.Of = iriOrNil(vr.Str())
		r.Seen, r.Start, r.End, r.EndedBy = vr.Str(), vr.Str(), vr.Str(), vr.Str()
		r.Former = vr.Str() == "1"
		r.Evidence, r.ArtDate = vr.Str(), vr.Str()
		if rd.Bad() || vr.Bad() {
			return errBadRow
		}
		return fn(r)
	})
}

// ArticleCount is the number of articles that mention e.
func (x Tx) ArticleCount(e quad.IRI) int { return articleCount(x.tx, e) }

func articleCount(tx *bolt.Tx, e quad.IRI) int {
	v := tx.Bucket(bucketCount).Get(appendPackedField(nil, string(e)))
	n, _ := binary.Varint(v)
	return int(n)
}

// An ArticleCounter is ArticleCount for many entities: one cursor, its stack reused (a Get
// makes a cursor each; "Bush" finds 19,000 entities).
type ArticleCounter struct {
	c *bolt.Cursor
	k []byte
}

// ArticleCounter is an ArticleCounter valid in the transaction.
func (x Tx) ArticleCounter() *ArticleCounter {
	return &ArticleCounter{c: x.tx.Bucket(bucketCount).Cursor()}
}

// Count is the number of articles that mention e.
func (a *ArticleCounter) Count(e quad.IRI) int {
	a.k = appendPackedField(a.k[:0], string(e))
	k, v := a.c.Seek(a.k)
	if !bytes.Equal(k, a.k) {
		return 0
	}
	n, _ := binary.Varint(v)
	return int(n)
}

// ClusterCount is the number of articles that mention e or, when e is the root of merges, any
// entity merged into it (as a store without the index counts them: merges project their
// entities' mentions onto the root).
func (x Tx) ClusterCount(t store.MergeView, e quad.IRI) (int, error) {
	if keyOfValue(t.Root(e)) != keyOfValue(e) || len(t.Under(e)) == 0 {
		return x.ArticleCount(e), nil
	}
	seen := map[string]bool{}
	for _, m := range t.Cluster(e) {
		iri, ok := m.(quad.IRI)
		if !ok {
			continue
		}
		if err := x.Mentions(iri, func(a []byte) { seen[string(a)] = true }); err != nil {
			return 0, err
		}
	}
	return len(seen), nil
}

// Mentions calls fn with each article that mentions e; article is valid only during the call.
func (x Tx) Mentions(e quad.IRI, fn func(article []byte)) error {
	prefix := appendPackedField(nil, string(e))
	var art []byte
	return scanPrefix(x.tx, bucketMention, prefix, func(k, _ []byte) error {
		art = unpack(art[:0], k[len(prefix):])
		fn(art)
		return nil
	})
}

// Identity calls fn with each (kind, value) articles say of e's identity (IdentName, IdentAlternate,
// IdentType, IdentLink: not its name keys, which only EntitiesNamed reads), and
// how many articles say it.
func (x Tx) Identity(e quad.IRI, fn func(kind byte, value string, n int)) error {
	prefix := appendPackedField(nil, string(e))
	return scanPrefix(x.tx, bucketIdent, prefix, func(k, v []byte) error {
		rest := k[len(prefix):]
		if len(rest) == 0 {
			return errBadRow
		}
		n, _ := binary.Varint(v)
		fn(rest[0], unpacked(rest[1:]), int(n))
		return nil
	})
}

// rowPredicates are the predicates whose quads articleRows reads.
var rowPredicates = []quad.IRI{terms.Mentions, terms.Name, terms.AlternateName, terms.Type, terms.SameAs, terms.NameKey,
	terms.DatePublished, terms.DateCreated, terms.Publisher, terms.CopyOf,
	terms.Subject, terms.Predicate, terms.Object, terms.Value, terms.Date, terms.Modality, terms.Polarity, terms.Confidence,
	terms.Holder, terms.RoleName, terms.Of, terms.Seen, terms.StartDate, terms.EndDate, terms.EndedBy, terms.Former, terms.Evidence,
	terms.ArticleBody}

// Rebuild makes the index again from all the quads, in one pass over Cayley's log: an
// article's quads are written before its contentHash quad (WriteArticles appends it last, and
// a replaced article's kept quads are older still), so an article's rows are made and its
// quads let go when its contentHash goes by; only the articles being read are in memory.
// Quads under labels without a contentHash (written by other tools) are made into rows at the
// end.
func (ix *DB) Rebuild(ctx context.Context) error {
	if !ix.Kept() {
		return nil
	}
	qs := ix.s.QuadStore()
	if err := ix.MarkDirty(); err != nil {
		return err
	}
	err := ix.db.Update(func(tx *bolt.Tx) error {
		for _, b := range rowBuckets {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	wanted := map[any]bool{}
	var hashRef any
	for _, p := range append(rowPredicates, store.ContentHash) {
		ref, err := qs.ValueOf(p)
		if err != nil {
			return err
		}
		if ref != nil {
			wanted[refs.ToKey(ref)] = true
			if p == store.ContentHash {
				hashRef = refs.ToKey(ref)
			}
		}
	}
	// An article's copy links are written just after its contentHash: an article whose hash went
	// by is made into rows once rebuildWindow more quads have.
	const rebuildWindow = 200_000
	type group struct {
		quads  []quad.Quad
		hashAt int // the quad count when its contentHash went by; 0 before
	}
	groups := map[quad.IRI]*group{}
	var hashed []quad.IRI // in the order their hashes went by
	n := 0
	write := func(upTo int) error {
		var done []quad.IRI
		for len(hashed) > 0 && groups[hashed[0]].hashAt <= upTo {
			done, hashed = append(done, hashed[0]), hashed[1:]
		}
		if len(done) == 0 {
			return nil
		}
		err := ix.db.Update(func(tx *bolt.Tx) error {
			for _, l := range done {
				if err := putRows(tx, articleRows(l, groups[l].quads), +1); err != nil {
					return err
				}
			}
			return nil
		})
		for _, l := range done {
			delete(groups, l)
		}
		return err
	}
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		n++
		if n%10_000 == 0 {
			if err := write(n - rebuildWindow); err != nil {
				return err
			}
		}
		r := it.Result()
		p, err := qs.QuadDirection(r, quad.Predicate)
		if err != nil {
			return err
		}
		pk := refs.ToKey(p)
		if !wanted[pk] {
			continue
		}
		q, err := qs.Quad(r)
		if err != nil {
			return err
		}
		l, ok := q.Label.(quad.IRI)
		if !ok || store.IsMergeLabel(l) {
			continue
		}
		g := groups[l]
		if g == nil {
			g = &group{}
			groups[l] = g
		}
		if pk == hashRef && q.Subject == l {
			if g.hashAt == 0 {
				g.hashAt = n
				hashed = append(hashed, l)
			}
			continue
		}
		g.quads = append(g.quads, q)
	}
	if err := it.Err(); err != nil {
		return err
	}
	if err := write(n); err != nil {
		return err
	}
	// Labels without a contentHash.
	err = ix.db.Update(func(tx *bolt.Tx) error {
		for l, g := range groups {
			if err := putRows(tx, articleRows(l, g.quads), +1); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = ix.db.Update(func(tx *bolt.Tx) error {
		if err := markHubsStale(tx); err != nil {
			return err
		}
		if err := bumpGen(tx); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keyVersion, []byte(cardIndexVersion)); err != nil {
			return err
		}
		return ix.putClean(tx)
	})
	if err == nil {
		ix.valid.Store(true)
		ix.stale = ""
	}
	return err
}

// Begin is called before a write of articles' quads: it marks the index dirty and tells
// whether the write keeps it (a dirty index stays so until rebuilt).
func (ix *DB) Begin() (keep bool, err error) {
	if !ix.Usable() {
		if ix.Kept() {
			ix.writing.Store(false) // (a write that failed before its Finish left it set)
		}
		return false, nil
	}
	ix.writing.Store(true) // before valid goes: a lookup by name key never finds neither
	ix.valid.Store(false)
	if err := ix.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyState, []byte("dirty")) }); err != nil {
		ix.writing.Store(false)
		return false, err
	}
	return true, nil
}

// Finish is called once the quads of changes are written: it writes their rows and marks the
// index clean.
func (ix *DB) Finish(keep bool, changes []store.ArticleChange) error {
	if !keep {
		return nil
	}
	defer ix.writing.Store(false)
	if err := ix.apply(changes); err != nil {
		return fmt.Errorf("card index: %w", err)
	}
	ix.valid.Store(true)
	return nil
}

// keyOfValue is the store's, under the short name the readers use.
var keyOfValue = store.ValueKey

// maxKeyField is the longest string a card-index key field holds as it is. A key has at most
// eight fields, so no key comes near bolt's limit of 32 KB.
const maxKeyField = longiri.MaxBytes

// keyText is s as a field of a card-index key holds it: s itself up to maxKeyField bytes
// (every IRI the store holds: longiri.Bound); a longer text (a name of 40 KB) is cut to 256
// bytes and ends with "…sha256-" and its hash, so that the key stays unique, and a lookup by
// the same text (keyText again) finds it. Cards show such a name cut.
func keyText(s string) string {
	if len(s) <= maxKeyField {
		return s
	}
	n := 256
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	h := sha256.Sum256([]byte(s))
	return s[:n] + "…sha256-" + hex.EncodeToString(h[:])
}

// KeyText is s as the card index's rows hold it (keyText): answers made without the index
// (the explorer's on PostgreSQL) hold their texts so too, to be the same.
func KeyText(s string) string { return keyText(s) }

// CompactedHorizon is Cayley's horizon at the database's last rewrite (store.Compact), which
// the store records in the index's file; 0 when none is.
func (ix *DB) CompactedHorizon() uint64 {
	var last uint64
	if !ix.Kept() {
		return 0
	}
	_ = ix.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get([]byte(store.CardIndexCompacted)); len(v) == 8 {
			last = binary.LittleEndian.Uint64(v)
		}
		return nil
	})
	return last
}

// EntitiesWithNameKey are the entities one of whose name keys (textkey.EntityKeys) is key, in
// the index's order; ok false when the index is not usable (the store then finds them in the
// quads: store.NameKeyEntities).
//
// During a write of articles that keeps the index (the load's linker looks people up while
// the previous batch is written), it reads the rows as the last finished write left them.
func (ix *DB) EntitiesWithNameKey(key string) (es []quad.IRI, ok bool, err error) {
	if !ix.Kept() || !ix.valid.Load() && !ix.writing.Load() {
		return nil, false, nil
	}
	err = ix.db.View(func(tx *bolt.Tx) error {
		return Tx{tx: tx, intern: map[string]string{}}.EntitiesNamed(IdentNameKey, key, func(e quad.IRI) { es = append(es, e) })
	})
	return es, err == nil, err
}

// StoryBands are, for each band, the articles that are no copy and whose text's LSH bands
// have it (store.StoryBands); ok false when the index is not usable. During a write of
// articles that keeps the index, the rows as the last finished write left them (the write
// path knows the articles of its own call).
func (ix *DB) StoryBands(bands []string) (arts map[string][]quad.IRI, ok bool, err error) {
	if !ix.Kept() || !ix.valid.Load() && !ix.writing.Load() {
		return nil, false, nil
	}
	arts = map[string][]quad.IRI{}
	err = ix.db.View(func(tx *bolt.Tx) error {
		for _, b := range bands {
			prefix := appendPackedField(nil, b)
			err := scanPrefix(tx, bucketBand, prefix, func(k, _ []byte) error {
				arts[b] = append(arts[b], quad.IRI(unpacked(k[len(prefix):])))
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return arts, err == nil, err
}
