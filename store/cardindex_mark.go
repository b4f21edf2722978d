package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The card index follows the quads even when something else writes them. Stock Cayley (`cayley
// load`, `cayley http`, its Go client) may open a newsgraph database and add or delete quads
// that the card index never sees; it then still says "clean". So the index's clean mark carries
// a mark of the quads it was made from: Cayley's kv store keeps, in the "meta" bucket of
// indexes.bolt, "horizon" (the last id it gave a node or a quad: it grows with every add, by
// anyone, and never goes back) and "size" (the number of quads: it changes with every delete).
// Every write that changes the quads changes one of them, so an index whose saved mark is not
// the store's is not used: an Open for writing rebuilds it (9-14 s at 2,000 articles), a
// read-only Open answers from the quads (as with a dirty index) until the next Open for
// writing. A newsgraph process killed after a write that changes no rows (a journal, merges'
// projections) but before Close leaves a mark behind the quads too: the index is made again,
// which is safe.
//
// The mark is saved in the transaction that marks the index clean (apply, rebuild, a new
// database), read from the store just after the write it follows; newsgraph's own writes go
// through the Store (under its write lock) or through its HTTP API (which marks the index
// dirty), so a mark saved by newsgraph is always the mark of quads the index holds. Reading it
// costs one bolt read transaction (microseconds).

// keyQuadsMark is the meta key of the store's mark saved with the clean mark.
var keyQuadsMark = []byte("quadsmark")

// Cayley kv's meta bucket and keys (graph/kv/indexing.go, quadstore.go).
var (
	cayleyMetaBucket = []byte("meta")
	cayleyHorizon    = []byte("horizon")
	cayleySize       = []byte("size")
)

// quadsMark reads the mark of Cayley's store in the bolt database db: horizon and size, 8 bytes
// little-endian each (as Cayley stores them), missing ones as zero.
func quadsMark(db *bolt.DB) ([]byte, error) {
	var mark []byte
	err := db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(cayleyMetaBucket)
		mark = []byte("h")
		for _, k := range [][]byte{cayleyHorizon, cayleySize} {
			var v []byte
			if meta != nil {
				v = meta.Get(k)
			}
			if v != nil && len(v) != 8 {
				return fmt.Errorf("cayley's %s is %d bytes, not 8", k, len(v))
			}
			if v == nil {
				v = make([]byte, 8)
			}
			mark = append(mark, v...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the store's mark: %w", err)
	}
	return mark, nil
}

// markString shows a mark as "horizon H, N quads".
func markString(mark []byte) string {
	if len(mark) != 17 {
		return fmt.Sprintf("no mark (%q)", mark)
	}
	return fmt.Sprintf("horizon %d, %d quads", binary.LittleEndian.Uint64(mark[1:9]), binary.LittleEndian.Uint64(mark[9:]))
}

// currentMark is the store's mark now; nil without a store to read (an index opened without
// one: every mark then matches).
func (ix *cardIndex) currentMark() ([]byte, error) {
	if ix.quads == nil {
		return nil, nil
	}
	return quadsMark(ix.quads)
}

// putClean marks the index clean in tx, with the store's mark as it is now.
func (ix *cardIndex) putClean(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if ix.quads != nil {
		mark, err := ix.currentMark()
		if err != nil {
			return err
		}
		if err := meta.Put(keyQuadsMark, mark); err != nil {
			return err
		}
	}
	return meta.Put(keyState, []byte("ok"))
}

// followsQuads tells whether the index's saved mark is the store's (in the transaction tx of
// the index). An index saved before marks were (no mark) does not.
func (ix *cardIndex) followsQuads(tx *bolt.Tx) (bool, error) {
	if ix.quads == nil {
		return true, nil
	}
	mark, err := ix.currentMark()
	if err != nil {
		return false, err
	}
	saved := tx.Bucket(bucketMeta).Get(keyQuadsMark)
	if !bytes.Equal(saved, mark) {
		ix.stale = fmt.Sprintf("the quads changed since the card index was written (by another program, or by a "+
			"newsgraph process stopped before it closed; the index was made at %s, the store is at %s)",
			markString(saved), markString(mark))
		return false, nil
	}
	return true, nil
}

// saveMark saves the store's mark now, when the index is clean: for Close, after this Store's
// own writes that change no rows and mark nothing (a load's refresh of merges' projections
// after its last batch, say), so that the next Open does not take them for another program's.
func (ix *cardIndex) saveMark() error {
	if ix == nil || ix.quads == nil || !ix.usable() {
		return nil
	}
	return ix.db.Update(func(tx *bolt.Tx) error { return ix.putClean(tx) })
}
