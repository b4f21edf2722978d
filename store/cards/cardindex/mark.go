package cardindex

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/store"
)

// The card index follows the quads even when something else writes them. Stock Cayley (`cayley
// load`, `cayley http`, its Go client) may open a newsgraph database and add or delete quads
// that the card index never sees; it then still says "clean". So the index's clean mark carries
// the mark of the quads it was made from (store.QuadsMark: Cayley's horizon and size, one of
// which every write that changes the quads changes), and an index whose saved mark is not the
// store's is not used: an Open for writing rebuilds it (9-14 s at 2,000 articles), a read-only
// Open answers from the quads (as with a dirty index) until the next Open for writing. A
// newsgraph process killed after a write that changes no rows (a journal, merges' projections)
// but before Close leaves a mark behind the quads too: the index is made again, which is safe.
//
// The mark is saved in the transaction that marks the index clean (apply, rebuild, a new
// database), read from the store just after the write it follows; newsgraph's own writes go
// through the Store (under its write lock) or through its HTTP API (which marks the index
// dirty), so a mark saved by newsgraph is always the mark of quads the index holds. Reading it
// costs one bolt read transaction (microseconds).

// keyQuadsMark is the meta key of the store's mark saved with the clean mark.
var keyQuadsMark = []byte("quadsmark")

// putClean marks the index clean in tx, with the store's mark as it is now.
func (ix *DB) putClean(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	mark, err := ix.s.QuadsMark()
	if err != nil {
		return err
	}
	if mark != nil {
		if err := meta.Put(keyQuadsMark, mark); err != nil {
			return err
		}
	}
	return meta.Put(keyState, []byte("ok"))
}

// followsQuads tells whether the index's saved mark is the store's (in the transaction tx of
// the index). An index saved before marks were (no mark) does not.
func (ix *DB) followsQuads(tx *bolt.Tx) (bool, error) {
	mark, err := ix.s.QuadsMark()
	if err != nil {
		return false, err
	}
	if mark == nil {
		return true, nil // no mark to follow
	}
	saved := store.QuadsMark(tx.Bucket(bucketMeta).Get(keyQuadsMark))
	if !bytes.Equal(saved, mark) {
		ix.stale = fmt.Sprintf("the quads changed since the card index was written (by another program, or by a "+
			"newsgraph process stopped before it closed; the index was made at %s, the store is at %s)", saved, mark)
		return false, nil
	}
	return true, nil
}

// SaveMark saves the store's mark now, when the index is clean: for Close, after this Store's
// own writes that change no rows and mark nothing (a load's refresh of merges' projections
// after its last batch, say), so that the next Open does not take them for another program's.
func (ix *DB) SaveMark() error {
	if !ix.Usable() {
		return nil
	}
	return ix.db.Update(func(tx *bolt.Tx) error { return ix.putClean(tx) })
}
