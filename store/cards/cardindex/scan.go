package cardindex

import (
	"bytes"
	"encoding/binary"
	"github.com/newsgraph/newsgraph/store/fields"

	bolt "go.etcd.io/bbolt"
)

// What the explorer (store/explore) reads of the card index and keeps in it: its index of the
// whole graph is built from the rows in key order (ViewRows: three scans instead of a few
// lookups per article and per entity), and saved beside them as a snapshot, read back while
// the rows' generation and the merges are the same.

var (
	bucketExplore = []byte("explore")
	keySnapshot   = []byte("snapshot")
	keyGen        = []byte("gen") // meta: the generation
)

// cardGen is the card index's generation.
func cardGen(tx *bolt.Tx) uint64 {
	v := tx.Bucket(bucketMeta).Get(keyGen)
	if len(v) != 8 {
		return 0
	}
	return binary.LittleEndian.Uint64(v)
}

// bumpGen is called by every transaction that changes rows.
func bumpGen(tx *bolt.Tx) error {
	return tx.Bucket(bucketMeta).Put(keyGen, binary.LittleEndian.AppendUint64(nil, cardGen(tx)+1))
}

// SaveSnapshot saves the explorer's snapshot b beside the rows.
func (ix *DB) SaveSnapshot(b []byte) error {
	if !ix.Kept() {
		return nil
	}
	return ix.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketExplore).Put(keySnapshot, b) })
}

// Rows reads the card index's rows in one read transaction (ViewRows). The byte slices it
// gives are valid only during the call that gives them.
type Rows struct{ tx *bolt.Tx }

// ViewRows runs fn over the card index's rows when the index is usable; ok false when it is
// not (the caller reads the quads).
func (ix *DB) ViewRows(fn func(Rows) error) (ok bool, err error) {
	return ix.view(func(tx *bolt.Tx) error { return fn(Rows{tx}) })
}

// Generation is the card index's generation: a counter every transaction that changes rows
// increments.
func (r Rows) Generation() uint64 { return cardGen(r.tx) }

// Snapshot is the explorer's saved snapshot, nil when there is none.
func (r Rows) Snapshot() []byte { return r.tx.Bucket(bucketExplore).Get(keySnapshot) }

// Articles calls fn with every article that has quads and its date, in key order.
func (r Rows) Articles(fn func(article []byte, date string)) {
	intern := map[string]string{}
	c := r.tx.Bucket(bucketArticle).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		rd := fields.NewReader(v, intern)
		fn(k, rd.Str())
	}
}

// Identities calls fn with every (entity, kind, value) articles say of an entity's identity
// and how many articles say it, an entity's rows together; kind is IdentName, IdentAlternate,
// IdentType or another (a link, a name key).
func (r Rows) Identities(fn func(entity []byte, kind byte, value []byte, n int)) error {
	c := r.tx.Bucket(bucketIdent).Cursor()
	var e, value []byte
	unpackEntity := entityUnpacker()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		rd := fields.NewReader(k, nil)
		e = unpackEntity(rd.Bytes())
		if rd.Bad() || len(rd.Rest()) == 0 {
			return errBadRow
		}
		n, _ := binary.Varint(v)
		value = unpack(value[:0], rd.Rest()[1:])
		fn(e, rd.Rest()[0], value, int(n))
	}
	return nil
}

// Mentions calls fn with every (entity, article that mentions it), an entity's rows together.
func (r Rows) Mentions(fn func(entity, article []byte)) error {
	c := r.tx.Bucket(bucketMention).Cursor()
	var e, art []byte
	unpackEntity := entityUnpacker()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		rd := fields.NewReader(k, nil)
		e = unpackEntity(rd.Bytes())
		if rd.Bad() {
			return errBadRow
		}
		art = unpack(art[:0], rd.Rest())
		fn(e, art)
	}
	return nil
}

// entityUnpacker unpacks the entity fields of rows read in key order: the same bytes while the
// entity is the same (an entity's rows come together: a caller may keep the last one to tell
// when it changes), new bytes for the next.
func entityUnpacker() func(p []byte) []byte {
	var last, e []byte
	return func(p []byte) []byte {
		if e == nil || !bytes.Equal(p, last) {
			last, e = p, unpack(nil, p)
		}
		return e
	}
}

// A StatementRow is one statement row filed under its subject (Rows.SubjectStatements).
type StatementRow struct {
	Subject, Predicate, Object, Value, Modality, Article []byte
	Negated                                              bool
	// SameFact: the row states the same fact (subject to modality) as the one before, in
	// another article.
	SameFact bool
}

// SubjectStatements calls fn with every statement row as filed under its subject (the rows
// filed under objects are skipped), a fact's rows together.
func (r Rows) SubjectStatements(fn func(*StatementRow) error) error {
	var lastFact, art, subj, pred, other []byte
	unpackEntity := entityUnpacker()
	var st StatementRow
	// row reads one row; it returns where to go next when that is not the next row.
	row := func(k []byte) (seek []byte, err error) {
		rd := fields.NewReader(k, nil)
		subjPacked := rd.Bytes()
		dir := rd.Byte()
		if rd.Bad() {
			return nil, errBadRow
		}
		if dir == factDir(true) {
			// An entity's rows as object come before those as subject: skip them all.
			return append(bytes.Clone(k[:len(k)-len(rd.Rest())-1]), factDir(false)), nil
		}
		subj = unpackEntity(subjPacked)
		pred, other = unpack(pred[:0], rd.Bytes()), unpack(other[:0], rd.Bytes())
		value := rd.Bytes()
		neg, mod := rd.Byte(), rd.Bytes()
		factPart := k[:len(k)-len(rd.Rest())]
		art = unpack(art[:0], rd.Bytes())
		if rd.Bad() {
			return nil, errBadRow
		}
		st = StatementRow{Subject: subj, Predicate: pred, Object: other, Value: value, Modality: mod, Article: art,
			Negated: neg != '0', SameFact: bytes.Equal(factPart, lastFact)}
		lastFact = factPart
		return nil, fn(&st)
	}
	c := r.tx.Bucket(bucketFact).Cursor()
	for k, _ := c.First(); k != nil; {
		seek, err := row(k)
		if err != nil {
			return err
		}
		if seek != nil {
			k, _ = c.Seek(seek)
		} else {
			k, _ = c.Next()
		}
	}
	return nil
}
