// Package names is a bolt database's index of names for Gizmo's planner: every value that is
// the object of a schema:name quad, ordered by its text, kept beside Cayley's quads in their
// own file and made from Cayley's log (so that whoever wrote the quads, it misses none).
// Package store follows its writes with it (AfterWrite) and internal/gizmo reads it.
package names

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"log"
	"slices"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/newsgraph/newsgraph/internal/gizmo"
	"github.com/newsgraph/newsgraph/store/terms"
)

// The index: every distinct value that is the object of a schema:name quad, ordered by
// its text, for Gizmo's plans of name patterns (internal/gizmo/planner/names.go: a regex over
// names reads these values instead of every node of the store).
//
// It is made from Cayley's log, not from newsgraph's writes, so that whoever wrote the quads
// (a load, an import, a merge, a forget, Cayley's HTTP API, stock Cayley) it misses none. The
// log holds every node and quad under an id that grows with every write and never goes back
// (its last one is the "horizon" in Cayley's meta bucket); a quad deleted stays in it, marked.
// The index covers the log up to a horizon: bringing it up to date reads the log's entries
// after that one, in the same read transaction as the horizon it then covers. It may keep
// names whose quads were deleted since (every value the index gives is checked against the
// store by the query, which finds such a name's quads gone), and it never lacks one.
//
// It is kept in two buckets of Cayley's own file (indexes.bolt), so that it always describes
// the quads beside it (a copy of the file, a compaction, carries it along): names (key: text,
// 0, the value as Cayley stores it; value: that value) and names.meta (horizon). Open brings
// it up to date and saves it, and so does every write through the Store once the log has grown
// by SaveEvery ids (a load's log is read batch by batch, while it is in the cache); queries
// read it, with the log's entries written since read in memory and kept for the next query,
// so a query never writes the database (a bolt write from inside a query, whose iterators
// may hold read transactions, could wait on them for ever).
type Index struct {
	db *bolt.DB

	mu sync.Mutex
	// saved: the horizon the buckets cover; useSaved: false once the store's horizon was found
	// below it (the file was replaced under us): then only mem is read.
	saved    uint64
	useSaved bool
	// mem: entries found in the log after saved, not in the buckets (key -> value), up to memAt.
	mem   map[string][]byte
	memAt uint64
}

var (
	bucketNames     = []byte("ng.names")
	bucketNamesMeta = []byte("ng.names.meta")
	keyNamesHorizon = []byte("horizon")
	cayleyLogBucket = []byte("log")
	// Cayley's kv meta bucket and its key of the log's last id.
	cayleyMetaBucket = []byte("meta")
	cayleyHorizon    = []byte("horizon")
)

// Follow brings the name index of the bolt database db (holding the quad store qs) up to
// date and gives it to Gizmo's planner; the Store keeps it to follow its writes. A failure is
// logged and leaves queries to Cayley's own plans (and gives nil): the index is an
// accelerator, never needed for an answer.
func Follow(qs cgraph.QuadStore, db *bolt.DB) *Index {
	ix := &Index{db: db}
	if err := ix.save(); err != nil {
		log.Printf("name index: %v (name patterns are answered without it)", err)
		return nil
	}
	gizmo.UseNameIndex(qs, terms.Name, ix)
	return ix
}

// SaveEvery: after a write through the Store, the buckets are brought up to date once the
// log has grown by this many ids since they were (a batch of a load is 10,000 quads and
// their nodes); smaller writes are read from the log by the next query, in memory.
const SaveEvery = 4096

// AfterWrite runs after each write of the Store: the log of a load is read into the index
// batch by batch, while it is in the cache, not all at the next Open. A failure only leaves
// it to the next query or Open. A nil Index (Follow failed) does nothing.
func (ix *Index) AfterWrite() {
	if ix == nil {
		return
	}
	var horizon uint64
	_ = ix.db.View(func(tx *bolt.Tx) error { horizon = cayleyHorizonIn(tx); return nil })
	ix.mu.Lock() // never inside a bolt transaction: Values and save take it first
	behind := horizon >= ix.saved+SaveEvery
	ix.mu.Unlock()
	if behind {
		_ = ix.save()
	}
}

// save brings the buckets up to date with the log, in one write transaction.
func (ix *Index) save() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.db.Update(func(tx *bolt.Tx) error {
		names, err := tx.CreateBucketIfNotExists(bucketNames)
		if err != nil {
			return err
		}
		meta, err := tx.CreateBucketIfNotExists(bucketNamesMeta)
		if err != nil {
			return err
		}
		from := uint64(0)
		if v := meta.Get(keyNamesHorizon); len(v) == 8 {
			from = binary.LittleEndian.Uint64(v)
		}
		horizon := cayleyHorizonIn(tx)
		if horizon < from { // not the log the index was made from
			if err := tx.DeleteBucket(bucketNames); err != nil {
				return err
			}
			if names, err = tx.CreateBucket(bucketNames); err != nil {
				return err
			}
			from = 0
		}
		err = namesInLog(tx, from, horizon, func(key, val []byte) error {
			if names.Get(key) != nil {
				return nil
			}
			return names.Put(key, val)
		})
		if err != nil {
			return err
		}
		buf := make([]byte, 8)
		binary.LittleEndian.PutUint64(buf, horizon)
		if err := meta.Put(keyNamesHorizon, buf); err != nil {
			return err
		}
		ix.saved, ix.useSaved, ix.mem, ix.memAt = horizon, true, nil, horizon
		return nil
	})
}

// Values is gizmo.NameIndex's: the values whose text starts with prefix, after reading the
// log written since the last call.
func (ix *Index) Values(ctx context.Context, prefix string, fn func(text string, v quad.Value) error) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.db.View(func(tx *bolt.Tx) error {
		horizon := cayleyHorizonIn(tx)
		if horizon < ix.memAt {
			ix.useSaved, ix.mem, ix.memAt = false, nil, 0
		}
		if horizon > ix.memAt {
			names := tx.Bucket(bucketNames)
			err := namesInLog(tx, ix.memAt, horizon, func(key, val []byte) error {
				if ix.useSaved && names != nil && names.Get(key) != nil {
					return nil
				}
				if ix.mem == nil {
					ix.mem = map[string][]byte{}
				}
				ix.mem[string(key)] = val
				return nil
			})
			if err != nil {
				return err
			}
			ix.memAt = horizon
		}
		if ix.useSaved {
			if names := tx.Bucket(bucketNames); names != nil {
				c := names.Cursor()
				p := []byte(prefix[:min(len(prefix), maxNameKeyText)])
				for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
					if err := ctx.Err(); err != nil {
						return err
					}
					if err := callName(k, v, fn); err != nil {
						return err
					}
				}
			}
		}
		var keys []string
		for k := range ix.mem {
			if strings.HasPrefix(k, prefix[:min(len(prefix), maxNameKeyText)]) {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			if err := callName([]byte(k), ix.mem[k], fn); err != nil {
				return err
			}
		}
		return nil
	})
}

func callName(key, val []byte, fn func(string, quad.Value) error) error {
	v, err := pquads.UnmarshalValue(val)
	if err != nil {
		return fmt.Errorf("name index: %w", err)
	}
	text, _ := gizmo.NameText(v)
	return fn(text, v)
}

// cayleyHorizonIn is the last id Cayley's kv store gave (meta "horizon", 8 bytes
// little-endian), 0 when none.
func cayleyHorizonIn(tx *bolt.Tx) uint64 {
	meta := tx.Bucket(cayleyMetaBucket)
	if meta == nil {
		return 0
	}
	if v := meta.Get(cayleyHorizon); len(v) == 8 {
		return binary.LittleEndian.Uint64(v)
	}
	return 0
}

// namesInLog calls fn with the index entry (key, value) of the object of each schema:name quad
// of the log with an id in (from, to], deleted or not. Ids are 8 bytes big-endian keys of
// Cayley's "log" bucket (graph/kv/indexing.go); a node's entry holds its value, a quad's the
// ids of its nodes.
func namesInLog(tx *bolt.Tx, from, to uint64, fn func(key, val []byte) error) error {
	logb := tx.Bucket(cayleyLogBucket)
	if logb == nil || to <= from {
		return nil
	}
	nameID, err := nodeIDIn(tx, terms.Name)
	if err != nil || nameID == 0 {
		return err // no name quad can exist without the predicate's node
	}
	objects := map[uint64]struct{}{}
	start := make([]byte, 8)
	binary.BigEndian.PutUint64(start, from+1)
	c := logb.Cursor()
	var p cproto.Primitive
	for k, v := c.Seek(start); k != nil; k, v = c.Next() {
		if len(k) != 8 || binary.BigEndian.Uint64(k) > to {
			break
		}
		p.Reset()
		if err := proto.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("cayley's log entry %x: %w", k, err)
		}
		if !p.IsNode() && p.Predicate == nameID && p.Object != 0 {
			objects[p.Object] = struct{}{}
		}
	}
	ids := make([]uint64, 0, len(objects))
	for id := range objects {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	key := make([]byte, 8)
	for _, id := range ids {
		binary.BigEndian.PutUint64(key, id)
		raw := logb.Get(key)
		if raw == nil {
			continue // the node is gone, and with it every quad naming it
		}
		var n cproto.Primitive
		if err := proto.Unmarshal(raw, &n); err != nil {
			return fmt.Errorf("cayley's log entry %x: %w", key, err)
		}
		v, err := pquads.UnmarshalValue(n.Value)
		if err != nil {
			return fmt.Errorf("cayley's node %d: %w", id, err)
		}
		text, ok := gizmo.NameText(v)
		if !ok {
			continue // no regex or like pattern matches a value without text
		}
		if err := fn(nameKey(text, n.Value), slices.Clone(n.Value)); err != nil {
			return err
		}
	}
	return nil
}

// maxNameKeyText bounds the text in an entry's key (bolt's keys are at most 32 KB): a longer
// text is cut there, and its value is hashed into the key.
const maxNameKeyText = 16 << 10

func nameKey(text string, value []byte) []byte {
	if len(text) <= maxNameKeyText && len(value) <= maxNameKeyText {
		return append(append([]byte(text), 0), value...)
	}
	h := sha256.Sum256(value)
	return append(append([]byte(text[:min(len(text), maxNameKeyText)]), 0), h[:]...)
}

// nodeIDIn is the id of the node v in Cayley's value index (bucket 'v' h[0] h[1], key the
// value's hash, value the id as a uvarint), 0 when v is not stored.
func nodeIDIn(tx *bolt.Tx, v quad.Value) (uint64, error) {
	h := refs.HashOf(v)
	b := tx.Bucket([]byte{'v', h[0], h[1]})
	if b == nil {
		return 0, nil
	}
	raw := b.Get(h[:])
	if raw == nil {
		return 0, nil
	}
	id, n := binary.Uvarint(raw)
	if n <= 0 {
		return 0, fmt.Errorf("cayley's id of %v is not a uvarint", v)
	}
	return id, nil
}

// Saved is what the index's buckets hold, for checks: the horizon of the log they cover, the
// log's own horizon, and the values, in the order of their keys (text).
func (ix *Index) Saved() (saved, horizon uint64, values [][]byte, err error) {
	err = ix.db.View(func(tx *bolt.Tx) error {
		horizon = cayleyHorizonIn(tx)
		if m := tx.Bucket(bucketNamesMeta); m != nil {
			if v := m.Get(keyNamesHorizon); len(v) == 8 {
				saved = binary.LittleEndian.Uint64(v)
			}
		}
		b := tx.Bucket(bucketNames)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			values = append(values, slices.Clone(v))
			return nil
		})
	})
	return saved, horizon, values, err
}
