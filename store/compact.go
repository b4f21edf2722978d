package store

import (
	"encoding/binary"
	"os"

	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/store/boltfile"
)

// A bolt database written by a load is about half air: bolt splits a full page into two half
// pages (its FillPercent, 0.5, which Cayley's kv layer gives no way to change), so Cayley's
// log of nodes and quads, whose ids only grow, ends at 48 % full, its indexes at 52-58 %, and
// the pages freed by copy-on-write stay in the file (15 % of it). Measured at 2,000 GMB
// articles (docs/storage.md): indexes.bolt and cards.bolt 186 + 34 MB as written, 86 + 15.5 MB
// after a rewrite that copies every key in order into full pages, in about 3 s. So a load that
// grew the database by a quarter or more since its last rewrite (or that made it) rewrites both
// files at Close (Compact).
//
// The rewrite (store/boltfile's Rewrite) goes to a new file beside each, synced, then renamed
// over it: a process killed at any moment leaves either file whole (the next Open deletes a
// half-written copy), and the copy holds the same keys and values, so Cayley (stock too) and
// the card index's mark of the quads (quadsmark.go) see the same database.

// compactGrowth is how much the database must have grown since its last rewrite for Compact to
// rewrite it again: each rewrite then costs at most a fixed share of the writes that led to it.
const compactGrowth = 1.25

// The card index's file (store/cards) keeps, in its bucket CardIndexMeta under the key
// CardIndexCompacted, Cayley's horizon at the database's last rewrite, 8 bytes little-endian:
// compactDatabase writes it into the closed file, the open index reads it (CompactedHorizon).
const (
	CardIndexMeta      = "meta"
	CardIndexCompacted = "compacted"
)

// Compact makes Close rewrite a bolt database into full pages when this Store wrote to it and
// it grew by a quarter or more since it was last rewritten (a database never rewritten, or
// whose card index was made again, counts as grown). For load; other backends ignore it.
func Compact() Option {
	return func(c *config) { c.compact = true }
}

// wantsCompaction tells whether the database has grown enough since its last rewrite, by
// Cayley's horizon (the ids it gave nodes and quads: it grows with every add and never goes
// back) now and then (saved in the card index). Not by the files' sizes: bolt grows a file 16
// MB ahead, and the first writes into full pages split many of them.
func (s *Store) wantsCompaction() bool {
	if !s.keepsCards() {
		return false
	}
	now, err := s.side.mark()
	if err != nil || len(now) != 17 {
		return false
	}
	last := s.cards.CompactedHorizon()
	return last == 0 || float64(binary.LittleEndian.Uint64(now[1:9])) >= compactGrowth*float64(last)
}

// compactDatabase rewrites the database's files (closed, the lock held) into full pages, and
// records Cayley's horizon at this rewrite in the card index.
func compactDatabase(path string) error {
	var horizon uint64
	err := boltfile.Rewrite(boltFile(path), func(tx *bolt.Tx) error {
		if b := tx.Bucket(cayleyMetaBucket); b != nil {
			if v := b.Get(cayleyHorizon); len(v) == 8 {
				horizon = binary.LittleEndian.Uint64(v)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := os.Stat(cardIndexFile(path)); err != nil {
		return nil
	}
	return boltfile.Rewrite(cardIndexFile(path), func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(CardIndexMeta))
		if b == nil || horizon == 0 {
			return nil
		}
		return b.Put([]byte(CardIndexCompacted), binary.LittleEndian.AppendUint64(nil, horizon))
	})
}

// removeCompactCopies deletes the copies a rewrite killed half-way left behind.
func removeCompactCopies(path string) error {
	for _, f := range []string{boltFile(path), cardIndexFile(path)} {
		if err := boltfile.RemoveCopy(f); err != nil {
			return err
		}
	}
	return nil
}
