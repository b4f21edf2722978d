package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A bolt database written by a load is about half air: bolt splits a full page into two half
// pages (its FillPercent, 0.5, which Cayley's kv layer gives no way to change), so Cayley's
// log of nodes and quads, whose ids only grow, ends at 48 % full, its indexes at 52-58 %, and
// the pages freed by copy-on-write stay in the file (15 % of it). Measured at 2,000 GMB
// articles (docs/storage.md): indexes.bolt and cards.bolt 186 + 34 MB as written, 86 + 15.5 MB
// after a rewrite that copies every key in order into full pages, in about 3 s. So a load that grew the database by a quarter
// or more since its last rewrite (or that made it) rewrites both files at Close (Compact).
//
// The rewrite goes to a new file beside each, synced, then renamed over it: a process killed
// at any moment leaves either file whole (the next Open deletes a half-written copy), and the
// copy holds the same keys and values, so Cayley (stock too) and the card index's mark of the
// quads (quadsmark.go) see the same database.

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

// compactSuffix names the copy being written.
const compactSuffix = ".compact"

// compactTxBytes bounds the keys and values one transaction of the rewrite copies: its dirty
// pages are held in memory until it commits.
const compactTxBytes = 32 << 20

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
	err := compactFile(boltFile(path), func(tx *bolt.Tx) error {
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
	return compactFile(cardIndexFile(path), func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(CardIndexMeta))
		if b == nil || horizon == 0 {
			return nil
		}
		return b.Put([]byte(CardIndexCompacted), binary.LittleEndian.AppendUint64(nil, horizon))
	})
}

// compactFile copies every bucket, key and value of the bolt file name, in order, into full
// pages of a new file, then puts it in the file's place. last, when given, runs in a final
// read-write transaction of the copy.
func compactFile(name string, last func(tx *bolt.Tx) error) error {
	tmp := name + compactSuffix
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	src, err := bolt.Open(name, 0o644, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("compact %s: %w", name, err)
	}
	defer src.Close()
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	// No sync per commit: the copy is synced once, before it replaces the file. NoGrowSync also
	// keeps bolt from growing the file ahead of its pages (16 MB at a time). The copy is mapped
	// as large as the file from the start: each time bolt maps a growing file again, it first
	// copies every key of the transaction out of the old map (half the time of the rewrite).
	dst, err := bolt.Open(tmp, 0o644, &bolt.Options{PageSize: src.Info().PageSize, NoSync: true, NoGrowSync: true,
		InitialMmapSize: int(fi.Size())})
	if err != nil {
		return fmt.Errorf("compact %s: %w", name, err)
	}
	err = copyBolt(src, dst)
	if err == nil && last != nil {
		err = dst.Update(last)
	}
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("compact %s: %w", name, err)
	}
	return syncDir(filepath.Dir(name))
}

// copyBolt copies src into the empty dst, bucket by bucket in key order, every page filled.
func copyBolt(src, dst *bolt.DB) error {
	tx, err := dst.Begin(true)
	if err != nil {
		return err
	}
	defer func() { tx.Rollback() }()
	var size int
	// fill sets every bucket of the path (from the root) to fill its pages: bolt keeps the
	// setting per transaction.
	fill := func(path [][]byte) *bolt.Bucket {
		b := tx.Cursor().Bucket() // the root bucket, which holds the top-level buckets
		b.FillPercent = 1
		for _, name := range path {
			b = b.Bucket(name)
			b.FillPercent = 1
		}
		return b
	}
	var walk func(path [][]byte, from *bolt.Bucket) error
	walk = func(path [][]byte, from *bolt.Bucket) error {
		return from.ForEach(func(k, v []byte) error {
			if size >= compactTxBytes {
				if err := tx.Commit(); err != nil {
					return err
				}
				if tx, err = dst.Begin(true); err != nil {
					return err
				}
				size = 0
			}
			size += len(k) + len(v)
			to := fill(path)
			if v != nil {
				return to.Put(k, v)
			}
			sub := from.Bucket(k)
			nb, err := to.CreateBucket(k)
			if err != nil {
				return err
			}
			if err := nb.SetSequence(sub.Sequence()); err != nil {
				return err
			}
			return walk(append(path[:len(path):len(path)], k), sub)
		})
	}
	err = src.View(func(stx *bolt.Tx) error {
		return stx.ForEach(func(name []byte, b *bolt.Bucket) error {
			nb, err := fill(nil).CreateBucket(name)
			if err != nil {
				return err
			}
			if err := nb.SetSequence(b.Sequence()); err != nil {
				return err
			}
			return walk([][]byte{name}, b)
		})
	})
	if err != nil {
		return err
	}
	return tx.Commit()
}

// removeCompactCopies deletes the copies a rewrite killed half-way left behind.
func removeCompactCopies(path string) error {
	for _, f := range []string{boltFile(path), cardIndexFile(path)} {
		if err := os.Remove(f + compactSuffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
