package cardindex

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// The merge table, kept in the card index between sessions: reading it from the quads is an
// index lookup per merge (2 s for the 10,000 merges of a 100,000-article graph), paid by every
// `newsgraph entity`. The saved table is dropped (synced) before this process first changes
// any quad, and saved again by a writable Open and by Close; a process stopped in between
// leaves none, and the quads are read. Writes that go around the Store mark the whole index
// dirty, and a rebuild drops it. The Store encodes and decodes it (store.MergeView's
// MarshalBinary): the index keeps its bytes.
var (
	bucketMerges  = []byte("merges")
	keyMergeTable = []byte("table")
)

// SavedMerges is the saved merge table, or nil.
func (ix *DB) SavedMerges() []byte {
	var t []byte
	ix.view(func(tx *bolt.Tx) error {
		t = bytes.Clone(tx.Bucket(bucketMerges).Get(keyMergeTable))
		return nil
	})
	return t
}

// SaveMerges saves the merge table table, when the index is usable.
func (ix *DB) SaveMerges(table []byte) error {
	if !ix.Usable() {
		return nil
	}
	return ix.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMerges).Put(keyMergeTable, table) })
}

// DropSavedMerges drops the saved merge table (synced), before the quads first change.
func (ix *DB) DropSavedMerges() error {
	if !ix.Kept() {
		return nil
	}
	return ix.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMerges).Delete(keyMergeTable) })
}
