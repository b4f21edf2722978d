package cardindex

import (
	"bytes"
	"encoding/binary"
	"github.com/newsgraph/newsgraph/store/fields"
	"slices"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/store"
)

// A hub's digest: the card of an entity that 80,000 articles mention is made of 80,000 rows,
// and counting its facts' corroboration over them takes longer than a page may. So for every
// entity at least HubArticles articles mention, the card index also keeps its facts and its
// timeline's events already counted. What a digest holds, and how it is made from the rows, is
// store/cards's (carddigest.go): the index keeps its bytes, with the merges it was made under
// and its facts' sources apart (a card reads the sources of the facts it shows only).
//
// A digest is made from the rows and the merges, so it is kept in step with both:
//   - putRows marks stale, in the transaction that changes an entity's rows, every entity whose
//     statement rows change and that has a digest (which it deletes) or is a hub;
//   - a digest records the merges it was made under (their fingerprint): after a merge or an
//     unmerge it is not read;
//   - store/cards makes the digests of stale entities and of those made under other merges
//     again (DigestsToRefresh, PutDigests, DropStale).
//
// Buckets:
//
//	digest     field(root) -> 8-byte merge fingerprint, the digest's body
//	digestsrc  field(root) uvarint(i) -> field(article)... (the sources of its fact i)
//	digestof   field(member) -> field(root) (for the root and each entity merged into it)
//	stale      field(entity) -> ""
var HubArticles = 500 // (a variable for tests)

var (
	bucketDigest    = []byte("digest")
	bucketDigestSrc = []byte("digestsrc")
	bucketDigestOf  = []byte("digestof")
	bucketStale     = []byte("stale")
	keyDigests      = []byte("digests") // meta: present once the hubs of an index made before digests were marked stale
)

// A Digest is one hub's digest as the index keeps it.
type Digest struct {
	Root    quad.IRI
	Body    []byte     // nil: root has no digest (any it had is dropped)
	Members []quad.IRI // the root and the entities merged into it, when the digest was made
	Sources [][]quad.IRI
}

// markChanged is called by putRows with the entities whose statement rows it changed.
func markChanged(tx *bolt.Tx, entities map[quad.IRI]bool) error {
	of, digests, stale := tx.Bucket(bucketDigestOf), tx.Bucket(bucketDigest), tx.Bucket(bucketStale)
	var k []byte
	for e := range entities {
		k = appendPackedField(k[:0], string(e))
		if root := of.Get(k); root != nil {
			if err := digests.Delete(root); err != nil {
				return err
			}
		} else if articleCount(tx, e) < HubArticles {
			continue
		}
		if stale.Get(k) == nil {
			if err := stale.Put(bytes.Clone(k), []byte{}); err != nil {
				return err
			}
		}
	}
	return nil
}

// markHubsStale marks every hub stale: after a rebuild, or in an index made before digests.
func markHubsStale(tx *bolt.Tx) error {
	stale := tx.Bucket(bucketStale)
	c := tx.Bucket(bucketCount).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if n, _ := binary.Varint(v); n >= int64(HubArticles) {
			if err := stale.Put(bytes.Clone(k), []byte{}); err != nil {
				return err
			}
		}
	}
	return tx.Bucket(bucketMeta).Put(keyDigests, []byte("1"))
}

// Digest is the body of root's digest if it was made under the merges whose fingerprint is fp,
// else nil; valid only during the transaction.
func (x Tx) Digest(root quad.IRI, fp uint64) []byte {
	v := x.tx.Bucket(bucketDigest).Get(appendPackedField(nil, string(root)))
	if len(v) < 8 || binary.LittleEndian.Uint64(v) != fp {
		return nil
	}
	return v[8:]
}

// DigestRoots calls fn with the root of every digest kept, under whatever merges.
func (x Tx) DigestRoots(fn func(root quad.IRI) error) error {
	c := x.tx.Bucket(bucketDigest).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		rd := fields.NewReader(k, nil)
		if err := fn(quad.IRI(unpacked(rd.Bytes()))); err != nil {
			return err
		}
	}
	return nil
}

// DigestSources reads the sources of root's fact i.
func (x Tx) DigestSources(root quad.IRI, i int) ([]quad.IRI, error) {
	v := x.tx.Bucket(bucketDigestSrc).Get(binary.AppendUvarint(appendPackedField(nil, string(root)), uint64(i)))
	rd := fields.NewReader(v, nil)
	var out []quad.IRI
	for len(rd.Rest()) > 0 {
		out = append(out, quad.IRI(rd.Bytes()))
	}
	if rd.Bad() {
		return nil, errBadRow
	}
	return out, nil
}

// StaleMarks are the stale marks DigestsToRefresh read (their keys), dropped by DropStale once
// the digests are made again.
type StaleMarks [][]byte

// DigestsToRefresh is the roots, in order, whose digests are to be made again or dropped under
// the merges t: the roots of stale entities, and those of digests made under other merges or
// of entities merged since into another; and the stale marks read.
func (ix *DB) DigestsToRefresh(t store.MergeView) (roots []quad.IRI, stale StaleMarks, err error) {
	fp := t.Fingerprint()
	todo := map[quad.IRI]bool{}
	err = ix.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketStale).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			stale = append(stale, bytes.Clone(k))
			rd := fields.NewReader(k, nil)
			if e := unpacked(rd.Bytes()); !rd.Bad() {
				if r, ok := t.Root(quad.IRI(e)).(quad.IRI); ok {
					todo[r] = true
				}
			}
		}
		c = tx.Bucket(bucketDigest).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			rd := fields.NewReader(k, nil)
			e := quad.IRI(unpacked(rd.Bytes()))
			if len(v) < 8 || binary.LittleEndian.Uint64(v) != fp || keyOfValue(t.Root(e)) != keyOfValue(e) {
				todo[e] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	roots = make([]quad.IRI, 0, len(todo))
	for r := range todo {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	return roots, stale, nil
}

// PutDigests replaces the digests of ds's roots, made under the merges whose fingerprint is fp,
// in one transaction.
func (ix *DB) PutDigests(fp uint64, ds []Digest) error {
	return ix.db.Update(func(tx *bolt.Tx) error {
		for i := range ds {
			if err := putDigest(tx, fp, &ds[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// DropStale drops the stale marks read by DigestsToRefresh.
func (ix *DB) DropStale(stale StaleMarks) error {
	return ix.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketStale)
		for _, k := range stale {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// putDigest replaces d.Root's digest with d (none when d.Body is nil).
func putDigest(tx *bolt.Tx, fp uint64, d *Digest) error {
	k := appendPackedField(nil, string(d.Root))
	digests, srcs, of := tx.Bucket(bucketDigest), tx.Bucket(bucketDigestSrc), tx.Bucket(bucketDigestOf)
	// Its old members (their digest may be gone already): digestof holds the hubs' members
	// only, a scan is cheap.
	var members [][]byte
	c := of.Cursor()
	for m, r := c.First(); m != nil; m, r = c.Next() {
		if bytes.Equal(r, k) {
			members = append(members, bytes.Clone(m))
		}
	}
	for _, m := range members {
		if err := of.Delete(m); err != nil {
			return err
		}
	}
	if err := deletePrefix(srcs, k); err != nil {
		return err
	}
	if d.Body == nil {
		return digests.Delete(k)
	}
	v := append(binary.LittleEndian.AppendUint64(nil, fp), d.Body...)
	if err := digests.Put(k, v); err != nil {
		return err
	}
	for i, list := range d.Sources {
		var v []byte
		for _, a := range list {
			v = fields.Append(v, string(a))
		}
		if err := srcs.Put(binary.AppendUvarint(bytes.Clone(k), uint64(i)), v); err != nil {
			return err
		}
	}
	for _, m := range d.Members {
		if err := of.Put(appendPackedField(nil, string(m)), k); err != nil {
			return err
		}
	}
	return nil
}

func deletePrefix(b *bolt.Bucket, prefix []byte) error {
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
