// Package boltfile is what newsgraph does to a bolt file on disk, whichever it is (Cayley's
// indexes.bolt, the card index's cards.bolt): checking it for damage before bbolt maps it and
// guarding bbolt's reads of it (damaged.go), rewriting it into full pages (Rewrite) and
// syncing it. It knows nothing of what the file holds: the store says which files and what to
// record in them.
package boltfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A rewrite goes to a new file beside the old one (its name and CopySuffix), synced, then
// renamed over it: a process killed at any moment leaves the file whole, and a half-written
// copy behind, which RemoveCopy deletes.
const CopySuffix = ".compact"

// rewriteTxBytes bounds the keys and values one transaction of the rewrite copies: its dirty
// pages are held in memory until it commits.
const rewriteTxBytes = 32 << 20

// Rewrite copies every bucket, key and value of the bolt file name, in order, into full
// pages of a new file, then puts it in the file's place. last, when given, runs in a final
// read-write transaction of the copy.
func Rewrite(name string, last func(tx *bolt.Tx) error) error {
	tmp := name + CopySuffix
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
		err = SyncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("compact %s: %w", name, err)
	}
	return SyncDir(filepath.Dir(name))
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
			if size >= rewriteTxBytes {
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

// RemoveCopy deletes the copy of the file name that a rewrite killed half-way left behind.
func RemoveCopy(name string) error {
	if err := os.Remove(name + CopySuffix); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// SyncDir fsyncs the directory dir (a file created or renamed in it is then on disk).
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// SyncFile fsyncs the file name.
func SyncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
