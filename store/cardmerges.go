package store

import (
	"bytes"
	"context"
	"encoding/gob"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// The merge table, kept in the card index between sessions: reading it from the quads is an
// index lookup per merge (2 s for the 10,000 merges of a 100,000-article graph), paid by every
// `newsgraph entity`. The saved table is dropped (synced) before this process first changes
// any quad, and saved again by a writable Open and by Close; a process stopped in between
// leaves none, and the quads are read. Writes that go around the Store mark the whole index
// dirty, and a rebuild drops it.
var (
	bucketMerges  = []byte("merges")
	keyMergeTable = []byte("table")
)

// savedMerges is the saved merge table, or nil.
func (ix *cardIndex) savedMerges() *mergeTable {
	var t *mergeTable
	ix.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMerges).Get(keyMergeTable)
		if v == nil {
			return nil
		}
		t, _ = decodeMerges(v) // (nil when damaged: read from the quads)
		return nil
	})
	return t
}

// decodeMerges is the merge table encodeMerges encoded.
func decodeMerges(v []byte) (*mergeTable, error) {
	var list []MergeInfo
	if err := gob.NewDecoder(bytes.NewReader(v)).Decode(&list); err != nil {
		return nil, err
	}
	t := newMergeTable()
	for i := range list {
		t.add(&list[i])
	}
	return t, nil
}

// encodeMerges encodes t's merges as they are saved (by the card index, and on PostgreSQL with
// the explorer's snapshot: postgres_explore.go): in the order of their IRIs.
func encodeMerges(t *mergeTable) ([]byte, error) {
	list := make([]MergeInfo, 0, len(t.byIRI))
	for _, m := range t.byIRI {
		mi := *m
		mi.Quads = 0 // (not a merge's record: readMerges leaves it 0)
		list = append(list, mi)
	}
	slices.SortFunc(list, func(a, b MergeInfo) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(list); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// hasSavedMerges tells whether a merge table is saved (without decoding it).
func (ix *cardIndex) hasSavedMerges() bool {
	has := false
	ix.view(func(tx *bolt.Tx) error {
		has = tx.Bucket(bucketMerges).Get(keyMergeTable) != nil
		return nil
	})
	return has
}

func (ix *cardIndex) saveMerges(t *mergeTable) error {
	if !ix.usable() {
		return nil
	}
	b, err := encodeMerges(t)
	if err != nil {
		return err
	}
	return ix.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMerges).Put(keyMergeTable, b) })
}

func (ix *cardIndex) dropSavedMerges() error {
	if ix == nil {
		return nil
	}
	return ix.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMerges).Delete(keyMergeTable) })
}

// saveMerges saves the store's merge table in its card index.
func (s *Store) saveMerges(ctx context.Context) error {
	if !s.cards.usable() {
		return nil
	}
	t, err := s.loadMerges(ctx)
	if err != nil {
		return err
	}
	return s.cards.saveMerges(t)
}
