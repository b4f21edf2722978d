package boltfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A damaged database file (a disk fault, a file cut short by a full disk or a copy, bytes
// overwritten) makes bbolt panic, or fault on its memory map, which a Go program cannot
// recover from unless it asked for a panic instead (debug.SetPanicOnFault): the user saw a
// Go trace. So the store's Open checks the file first (Check), and what bbolt and Cayley do
// while the database is opened runs under Guard, which turns a panic or a fault into one error
// naming the file.

// ErrDamaged is returned (wrapped, with the file's name and what is wrong) when a database
// file is damaged.
var ErrDamaged = errors.New("is damaged")

// damaged is the error for file, damaged as detail says.
func damaged(file string, detail any) error {
	return fmt.Errorf("database file %s %w (%v): restore it from a backup, or delete the database and load again", file, ErrDamaged, detail)
}

// Guard runs fn, turning a panic or a memory fault in it (on this goroutine) into an ErrDamaged
// error naming file.
func Guard(file string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damaged(file, r)
		}
	}()
	return fn()
}

// bbolt's meta page (page.go, db.go of go.etcd.io/bbolt v1): a 16-byte page header, then
// magic, version, page size, flags (4 bytes each), the root bucket (root page, sequence),
// the freelist page, the high-water page id, the transaction id and the checksum (8 each),
// the checksum an FNV-64a of the bytes before it.
const (
	boltMagic    = 0xED0CDAED
	boltVersion  = 2
	metaOffset   = 16
	metaSumStart = metaOffset + 56
)

type boltMeta struct {
	pageSize             uint32
	root, freelist, pgid uint64
	txid                 uint64
	valid                bool
}

func readMeta(b []byte) boltMeta {
	var m boltMeta
	if len(b) < metaSumStart+8 {
		return m
	}
	le := binary.LittleEndian
	h := fnv.New64a()
	h.Write(b[metaOffset:metaSumStart])
	m.valid = le.Uint32(b[metaOffset:]) == boltMagic && le.Uint32(b[metaOffset+4:]) == boltVersion &&
		h.Sum64() == le.Uint64(b[metaSumStart:])
	m.pageSize = le.Uint32(b[metaOffset+8:])
	m.root = le.Uint64(b[metaOffset+16:])
	m.freelist = le.Uint64(b[metaOffset+32:])
	m.pgid = le.Uint64(b[metaOffset+40:])
	m.txid = le.Uint64(b[metaOffset+48:])
	return m
}

// CheckHeader reads the two meta pages of the bolt file: at least one must be whole,
// and the file must hold every page up to its high-water mark (a file cut short faults when
// its missing pages are read). Microseconds: it is done at every Open.
func CheckHeader(file string) error {
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil // a new database
	} else if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return damaged(file, "it is empty")
	}
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(f, buf)
	m0 := readMeta(buf[:n])
	metas := []boltMeta{m0}
	if ps := int64(m0.pageSize); ps >= 512 && ps <= 1<<20 {
		b1 := make([]byte, 4096)
		n, _ := f.ReadAt(b1, ps)
		metas = append(metas, readMeta(b1[:n]))
	}
	var best *boltMeta
	for i := range metas {
		if m := &metas[i]; m.valid && (best == nil || m.txid > best.txid) {
			best = m
		}
	}
	switch {
	case best == nil:
		return damaged(file, "its meta pages are not valid")
	case best.root >= best.pgid || best.freelist >= best.pgid && best.freelist != ^uint64(0):
		return damaged(file, "its meta page points past its last page")
	case fi.Size() < int64(best.pgid)*int64(best.pageSize):
		return damaged(file, fmt.Sprintf("it is cut short: %d bytes, its pages run to %d", fi.Size(), int64(best.pgid)*int64(best.pageSize)))
	}
	return nil
}

// Check checks the header, then reads every bucket, key and value of the file
// (guarded): a page overwritten with other bytes is a panic or a fault of bbolt's reading,
// made an error. About 3 ms per MB once the file is in memory.
func Check(file string) error {
	if err := CheckHeader(file); err != nil {
		return err
	}
	var db *bolt.DB
	err := Guard(file, func() error {
		var err error
		db, err = bolt.Open(file, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if err != nil {
			return err
		}
		return db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walkBucket(b) })
		})
	})
	if db != nil {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil && !errors.Is(err, ErrDamaged) {
		err = damaged(file, err)
	}
	return err
}

func walkBucket(b *bolt.Bucket) error {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v != nil {
			continue
		}
		if sub := b.Bucket(k); sub != nil {
			if err := walkBucket(sub); err != nil {
				return err
			}
		}
	}
	return nil
}
