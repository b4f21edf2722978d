package planner

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"sync"
	"weak"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	bolt "go.etcd.io/bbolt"
	pb "google.golang.org/protobuf/proto"
)

// Reading an index entry's quads one at a time. Cayley's scan of an index prefix reads each
// entry (a node and predicate, say, or an object, predicate and subject) and then fetches the
// quads it lists from the log, up to a hundred in one batch, before the first is looked at:
// a check that needs one quad of a person's name reads all the name quads of every article
// that names him, and a fact stated by 42 articles is 42 quads (their labels differ) read
// from the log where one answers. On a store whose bolt database is known (UseBolt), the
// plan's own iterators read the entries of Cayley's index buckets and the log records
// themselves, one quad as it is asked for, in the order and with the skipping of deleted
// quads of Cayley's scan.

var boltDBs sync.Map // weak.Pointer[kv.QuadStore] -> *bolt.DB

// UseBolt tells the planner that qs (a kv store) is kept in db, Cayley's bolt file, which
// it may then read directly. A nil db forgets it.
func UseBolt(qs graph.QuadStore, db *bolt.DB) {
	kqs, ok := graph.Unwrap(qs).(*kv.QuadStore)
	if !ok {
		return
	}
	key := weak.Make(kqs)
	if db == nil {
		boltDBs.Delete(key)
		return
	}
	if _, loaded := boltDBs.Swap(key, db); !loaded {
		runtime.AddCleanup(kqs, func(k weak.Pointer[kv.QuadStore]) { boltDBs.Delete(k) }, key)
	}
}

// rawReads turns the direct reads off (tests compare them with Cayley's scans).
var rawReads = true

func boltOf(kqs *kv.QuadStore) *bolt.DB {
	if !rawReads {
		return nil
	}
	v, ok := boltDBs.Load(weak.Make(kqs))
	if !ok {
		return nil
	}
	return v.(*bolt.DB)
}

// Cayley's log bucket (graph/kv/indexing.go): a primitive by its id, 8 bytes big-endian.
var logBucket = []byte("log")

// rawScan is the quads of an index prefix, as Cayley's scan of it gives them (its Next,
// Result, Err and Close), read one at a time in its own read transaction. skipEntry drops
// the rest of the current entry's quads unread.
type rawScan struct {
	db      *bolt.DB
	bucket  []byte // the index's bucket
	prefix  []byte // the prefix of the entries' keys
	tx      *bolt.Tx
	log     *bolt.Bucket
	cur     *bolt.Cursor // nil before the first entry
	ids     []uint64     // the current entry's quads
	i       int          // the next of ids
	res     *proto.Primitive
	done    bool
	err     error
	started bool
	keyBuf  [8]byte
	// countOnly: Next steps over the listed quads without reading them (Result is nil).
	countOnly bool
}

func newRawScan(db *bolt.DB, scan kv.IndexScan) *rawScan {
	k := scan.Index.Key(scan.Values)
	s := &rawScan{db: db, bucket: k[0]}
	if len(k) > 1 {
		s.prefix = k[1]
	}
	return s
}

// newRawCount is a scan that only counts the quads listed.
func newRawCount(db *bolt.DB, scan kv.IndexScan) *rawScan {
	s := newRawScan(db, scan)
	s.countOnly = true
	return s
}

func (s *rawScan) Next(ctx context.Context) bool {
	s.res = nil
	if s.done || s.err != nil {
		return false
	}
	if !s.started {
		s.started = true
		if s.err = ctx.Err(); s.err != nil {
			return false
		}
		if s.tx, s.err = s.db.Begin(false); s.err != nil {
			return false
		}
		b := s.tx.Bucket(s.bucket)
		s.log = s.tx.Bucket(logBucket)
		if b == nil || s.log == nil {
			// as Cayley's scan of a bucket that does not exist: nothing
			return s.finish()
		}
		s.cur = b.Cursor()
		k, v := s.cur.Seek(s.prefix)
		if !s.entry(k, v) {
			return s.finish()
		}
	}
	for {
		if s.countOnly && s.i < len(s.ids) {
			s.i++
			return true
		}
		for s.i < len(s.ids) {
			id := s.ids[s.i]
			s.i++
			binary.BigEndian.PutUint64(s.keyBuf[:], id)
			b := s.log.Get(s.keyBuf[:])
			if b == nil {
				continue // as Cayley's fetch: a missing record is skipped
			}
			p := new(proto.Primitive)
			if err := pb.Unmarshal(b, p); err != nil {
				s.err = err
				return false
			}
			if p.Deleted {
				continue
			}
			s.res = p
			return true
		}
		if s.err = ctx.Err(); s.err != nil {
			return false
		}
		k, v := s.cur.Next()
		if !s.entry(k, v) {
			return s.finish()
		}
	}
}

// entry starts the entry k, v; false past the prefix.
func (s *rawScan) entry(k, v []byte) bool {
	if k == nil || !bytes.HasPrefix(k, s.prefix) {
		return false
	}
	s.ids, s.i = s.ids[:0], 0
	for len(v) > 0 {
		x, n := binary.Uvarint(v)
		if n <= 0 {
			if n == 0 {
				s.err = io.ErrUnexpectedEOF
			} else {
				s.err = errors.New("varint: overflow")
			}
			return false
		}
		s.ids = append(s.ids, x)
		v = v[n:]
	}
	return true
}

func (s *rawScan) finish() bool {
	s.done = true
	s.closeTx()
	return false
}

// skipEntry leaves the rest of the current entry unread.
func (s *rawScan) skipEntry() { s.i = len(s.ids) }

func (s *rawScan) Result() refs.Ref {
	if s.res == nil {
		return nil
	}
	return s.res
}

func (s *rawScan) Err() error { return s.err }

func (s *rawScan) closeTx() {
	if s.tx != nil {
		if err := s.tx.Rollback(); err != nil && s.err == nil {
			s.err = err
		}
		s.tx, s.log, s.cur = nil, nil, nil
	}
}

func (s *rawScan) Close() error {
	s.closeTx()
	s.done = true
	return s.err
}
