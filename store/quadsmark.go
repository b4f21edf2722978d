package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The quads' mark tells whether anyone wrote a bolt database's quads since a moment, whoever
// wrote them (stock Cayley too): Cayley's kv store keeps, in the "meta" bucket of indexes.bolt,
// "horizon" (the last id it gave a node or a quad: it grows with every add, by anyone, and
// never goes back) and "size" (the number of quads: it changes with every delete). Every write
// that changes the quads changes one of them. The card index saves the mark with its clean mark
// (store/cards/cardindex/mark.go); compaction reads the horizon (compact.go).

// A QuadsMark is the mark of a store's quads: "h", then horizon and size, 8 bytes
// little-endian each (as Cayley stores them). Compare marks as bytes.
type QuadsMark []byte

// String shows a mark as "horizon H, N quads".
func (m QuadsMark) String() string {
	if len(m) != 17 {
		return fmt.Sprintf("no mark (%q)", []byte(m))
	}
	return fmt.Sprintf("horizon %d, %d quads", binary.LittleEndian.Uint64(m[1:9]), binary.LittleEndian.Uint64(m[9:]))
}

// QuadsMark reads the mark of the store's quads now (one bolt read transaction: microseconds);
// nil on a backend that keeps none (not bolt).
func (s *Store) QuadsMark() (QuadsMark, error) { return s.side.mark() }

// Cayley kv's meta bucket and keys (graph/kv/indexing.go, quadstore.go).
var (
	cayleyMetaBucket = []byte("meta")
	cayleyHorizon    = []byte("horizon")
	cayleySize       = []byte("size")
)

// quadsMark reads the mark of Cayley's store in the bolt database db; missing values read as
// zero.
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
