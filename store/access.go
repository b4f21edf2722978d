package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/rdf"
	"github.com/newsgraph/newsgraph/store/writes"
)

// Index lookups. Cayley's kv stores (bolt) keep two quad indexes, subject+predicate and
// object+predicate+subject, but QuadIterator uses only their first direction, and its
// optimiser cannot use a prefix of the second. These helpers scan the index prefix
// (subject, predicate) or (object, predicate) directly, so that "the names of X" or "the
// statements whose subject is X" cost what they return, however many other quads X has.
// Other backends (memstore) get the plain iterator and a filter.

var (
	indexSP  = kv.QuadIndex{Dirs: []quad.Direction{quad.Subject, quad.Predicate}}
	indexOPS = kv.QuadIndex{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}}
)

// lookups is what the index lookups keep per Store: whether its kv indexes are the default
// ones, and the value cache of resolveScan.
type lookups struct {
	mu      sync.Mutex
	indexes int // 0 not checked yet, 1 default (fast path), 2 other
	values  valueCache
}

// fastIndexes tells whether the store's kv indexes are the default ones, checked once on a
// sample quad (a database made by another tool may have others).
func (s *Store) fastIndexes(ctx context.Context) bool {
	if _, ok := s.qs.(*kv.QuadStore); !ok {
		return false
	}
	st := &s.lookups
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.indexes != 0 {
		return st.indexes == 1
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	if !it.Next(ctx) {
		return false // an empty store: nothing to find, check again later
	}
	q, err := s.qs.Quad(it.Result())
	if err != nil {
		return false
	}
	found := func(ind kv.QuadIndex, dirs ...quad.Direction) bool {
		var vals []uint64
		for _, d := range dirs {
			r, err := s.qs.ValueOf(q.Get(d))
			iv, ok := r.(kv.Int64Value)
			if err != nil || !ok {
				return false
			}
			vals = append(vals, uint64(iv))
		}
		sc := kv.IndexScan{Index: ind, Values: vals}.BuildIterator(s.qs).Iterate()
		defer sc.Close()
		for sc.Next(ctx) {
			if got, err := s.qs.Quad(sc.Result()); err == nil && keyOf(got) == keyOf(q) {
				return true
			}
		}
		return false
	}
	st.indexes = 2
	if found(indexSP, quad.Subject, quad.Predicate) && found(indexOPS, quad.Object, quad.Predicate) {
		st.indexes = 1
	}
	return st.indexes == 1
}

// quads calls fn with every stored quad whose direction dir (Subject or Object) is node and,
// when pred is not nil, whose predicate is pred. fn returning false stops the scan.
func (s *Store) quads(ctx context.Context, dir quad.Direction, node quad.Value, pred quad.Value, fn func(quad.Quad) bool) error {
	if nq, ok := s.qs.(nodeQuadser); ok {
		return nq.NodeQuads(ctx, dir, node, pred, fn) // one query, not one per quad (store/postgres/read.go)
	}
	nref, err := s.qs.ValueOf(node)
	if err != nil || nref == nil {
		return err
	}
	var pref refs.Ref
	if pred != nil {
		if pref, err = s.qs.ValueOf(pred); err != nil || pref == nil {
			return err
		}
	}
	if s.fastIndexes(ctx) {
		vals := []uint64{uint64(nref.(kv.Int64Value))}
		if pref != nil {
			vals = append(vals, uint64(pref.(kv.Int64Value)))
		}
		ind := indexSP
		if dir == quad.Object {
			ind = indexOPS
		}
		sc := kv.IndexScan{Index: ind, Values: vals}.BuildIterator(s.qs).Iterate()
		defer sc.Close()
		return s.resolveScan(ctx, sc, fn)
	}
	sc := s.qs.QuadIterator(dir, nref).Iterate()
	defer sc.Close()
	pkey := ""
	if pred != nil {
		pkey = keyOfValue(pred)
	}
	for sc.Next(ctx) {
		q, err := s.qs.Quad(sc.Result())
		if err != nil {
			return err
		}
		if pred != nil && keyOfValue(q.Predicate) != pkey {
			continue
		}
		if !fn(q) {
			break
		}
	}
	return sc.Err()
}

// valueCache maps a kv store's node ids to their values. Ids are never reused (kv stores draw
// them from a counter), so an entry never goes stale; a deleted node's entry is only unused.
type valueCache struct {
	mu sync.Mutex
	m  map[uint64]quad.Value
}

const maxCachedValues = 1 << 20

// resolveScan calls fn with the quads of a kv index scan, resolving their values through the
// store's value cache, a chunk of quads at a time (kv's own Quad resolves every value of every
// quad with a lookup of its own).
func (s *Store) resolveScan(ctx context.Context, sc iterator.Scanner, fn func(quad.Quad) bool) error {
	c := &s.lookups.values
	// Chunks grow from 1 to 256 quads: a scan that stops at its first quad (firstValue on a
	// hub's name) resolves one, a long one resolves its values 256 quads at a time.
	const maxChunk = 256
	chunk := 1
	prims := make([]*proto.Primitive, 0, maxChunk)
	flush := func() (bool, error) {
		var missing []refs.Ref
		var ids []uint64
		c.mu.Lock()
		seen := map[uint64]bool{}
		for _, p := range prims {
			for _, id := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
				if _, ok := c.m[id]; !ok && id != 0 && !seen[id] {
					seen[id] = true
					ids = append(ids, id)
					missing = append(missing, kv.Int64Value(id))
				}
			}
		}
		c.mu.Unlock()
		if len(missing) > 0 {
			vals, err := s.qs.(*kv.QuadStore).ValuesOf(ctx, missing)
			if err != nil {
				return false, err
			}
			c.mu.Lock()
			if c.m == nil || len(c.m)+len(vals) > maxCachedValues {
				c.m = map[uint64]quad.Value{}
			}
			for i, val := range vals {
				c.m[ids[i]] = val
			}
			c.mu.Unlock()
		}
		qs := make([]quad.Quad, len(prims))
		c.mu.Lock()
		for i, p := range prims {
			qs[i] = quad.Quad{Subject: c.m[p.Subject], Predicate: c.m[p.Predicate], Object: c.m[p.Object]}
			if p.Label != 0 {
				qs[i].Label = c.m[p.Label]
			}
		}
		c.mu.Unlock()
		prims = prims[:0]
		for _, q := range qs {
			if !fn(q) {
				return false, nil
			}
		}
		return true, nil
	}
	for sc.Next(ctx) {
		p, ok := sc.Result().(*proto.Primitive)
		if !ok {
			return fmt.Errorf("kv index scan gave a %T", sc.Result())
		}
		prims = append(prims, p)
		if len(prims) == chunk {
			if more, err := flush(); err != nil || !more {
				return err
			}
			chunk = min(2*chunk, maxChunk)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	_, err := flush()
	return err
}

// out returns the quads node -pred-> ?, every label.
func (s *Store) out(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.quads(ctx, quad.Subject, node, predValue(pred), func(q quad.Quad) bool { out = append(out, q); return true })
	return out, err
}

// in returns the quads ? -pred-> node, every label.
func (s *Store) in(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.quads(ctx, quad.Object, node, predValue(pred), func(q quad.Quad) bool { out = append(out, q); return true })
	return out, err
}

// predValue is pred as a quad value, nil (any predicate) for "".
func predValue(pred quad.IRI) quad.Value {
	if pred == "" {
		return nil
	}
	return pred
}

// objects returns the distinct objects of node -pred-> ?, in the order found.
func (s *Store) objects(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	qs, err := s.out(ctx, node, pred)
	return distinct(qs, quad.Object), err
}

// subjects returns the distinct subjects of ? -pred-> node.
func (s *Store) subjects(ctx context.Context, pred quad.IRI, node quad.Value) ([]quad.Value, error) {
	qs, err := s.in(ctx, node, pred)
	return distinct(qs, quad.Subject), err
}

// labels returns the distinct labels of the quads subj -pred-> obj.
func (s *Store) labels(ctx context.Context, subj quad.Value, pred quad.IRI, obj quad.Value) ([]quad.Value, error) {
	var out []quad.Quad
	skey := keyOfValue(subj)
	err := s.quads(ctx, quad.Object, obj, pred, func(q quad.Quad) bool {
		if keyOfValue(q.Subject) == skey {
			out = append(out, q)
		}
		return true
	})
	return distinct(out, quad.Label), err
}

// has tells whether the store has any quad about node (as subject or object).
func (s *Store) has(ctx context.Context, node quad.Value) (bool, error) {
	found := false
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.quads(ctx, d, node, nil, func(quad.Quad) bool { found = true; return false })
		if err != nil || found {
			return found, err
		}
	}
	return false, nil
}

// distinct, keyOf and keyOfValue are the write path's (one definition: store/writes).
func distinct(qs []quad.Quad, d quad.Direction) []quad.Value { return writes.Distinct(qs, d) }

// str is a value's text (rdf.Text), under the short name the store's many readers use.
var str = rdf.Text

// ownValues returns the distinct objects of node -pred-> ? stated by articles (not by
// merges), sorted.
func (s *Store) ownValues(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	qs, err := s.out(ctx, node, pred)
	if err != nil {
		return nil, err
	}
	qs = slices.DeleteFunc(qs, func(q quad.Quad) bool { return isMergeLabel(q.Label) })
	vs := distinct(qs, quad.Object)
	slices.SortFunc(vs, func(a, b quad.Value) int { return strings.Compare(str(a), str(b)) })
	return vs, nil
}

// firstValue returns the first object of node -pred-> ? that an article (not a merge) states,
// reading no further: a hub's name has one quad per article that names it.
func (s *Store) firstValue(ctx context.Context, node quad.Value, pred quad.IRI) (quad.Value, error) {
	if fv, ok := s.qs.(firstValuer); ok {
		// PostgreSQL: an index scan that stops after the first few (store/postgres/firstvalue.go).
		if v, ok, err := fv.FirstValue(ctx, node, predValue(pred), isMergeLabel); ok || err != nil {
			return v, err
		}
	}
	var v quad.Value
	err := s.quads(ctx, quad.Subject, node, pred, func(q quad.Quad) bool {
		if isMergeLabel(q.Label) {
			return true
		}
		v = q.Object
		return false
	})
	return v, err
}

type quadKey = writes.QuadKey

func keyOf(q quad.Quad) quadKey { return writes.KeyOf(q) }

func keyOfValue(v quad.Value) string { return writes.Key(v) }
