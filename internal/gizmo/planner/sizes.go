package planner

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// Plans that start from the small side. Cayley's bolt store estimates every index scan that
// does not fix all of an index's directions at half the store, so an intersection such as
// Has(type, Statement).Has(predicate, joined).Save(subject, ...) starts from whichever member
// it meets first, often a scan of every quad of a predicate, and checks the 22 joined
// statements against it last. Before the iterators are built, the members of an intersection
// that are one index scan (Has, Save, In/Out from a fixed node, unions of those, unique or
// not) are counted,
// and the count is what their iterators report as their size: the intersection then starts
// from its smallest member and checks the others.
//
// The members are counted side by side, one quad each in turn: once one is exhausted, at n
// quads, the others are counted only up to a few times n, so counting costs a small multiple
// of the smallest member, not the sum of all of them.

// countCap bounds the count of one member: past it, the member is large, and how large no
// longer changes the plan. rawCountCap bounds it when the count reads only the index entries
// (rawbolt.go), with no read of the log for each quad: example 08's 5,885 negative statements
// (at 100,000 articles) are then told from the 660,000 statements with a subject, which at
// 4,096 all counted alike, so that the intersection started from the latter.
const (
	countCap    = 4096
	rawCountCap = 16384
)

// countRatio and minCount: once a member is exhausted at n, the others are counted up to
// max(countRatio*n, minCount): far enough to tell that they are larger.
const (
	countRatio = 8
	minCount   = 64
)

// countedLeaf is a node set that is one index scan, and where its sized form goes.
type countedLeaf struct {
	s    shape.Shape
	scan kv.IndexScan
	set  func(shape.Shape)
}

// sizeMembers gives the countable members of an intersection their counted sizes.
func (p *planner) sizeMembers(ms []shape.Shape) {
	if len(ms) < 2 {
		return
	}
	var leaves []countedLeaf
	for i := range ms {
		p.collectLeaves(ms[i], func(n shape.Shape) { ms[i] = n }, &leaves)
	}
	if len(leaves) == 0 {
		return
	}
	scans := make([]kv.IndexScan, len(leaves))
	for i, l := range leaves {
		scans[i] = l.scan
	}
	for i, sz := range countSideBySide(p.ctx, p.ix.kqs, p.r.db, scans) {
		if sz.Value >= 0 {
			leaves[i].set(sizedShape{Shape: leaves[i].s, size: sz})
		}
	}
}

func (p *planner) collectLeaves(s shape.Shape, set func(shape.Shape), out *[]countedLeaf) {
	switch s := s.(type) {
	case shape.Union:
		for i := range s {
			p.collectLeaves(s[i], func(n shape.Shape) { s[i] = n }, out)
		}
		return
	case shape.Save:
		p.collectLeaves(s.From, func(n shape.Shape) { s.From = n; set(s) }, out)
		return
	case shape.Unique:
		p.collectLeaves(s.From, func(n shape.Shape) { s.From = n; set(s) }, out)
		return
	case uniqueShape:
		p.collectLeaves(s.From, func(n shape.Shape) { s.From = n; set(s) }, out)
		return
	}
	if scan, ok := p.scanOf(s); ok {
		*out = append(*out, countedLeaf{s: s, scan: scan, set: set})
	}
}

// scanOf is the index scan whose quads are those of the node set s (one per quad: as Cayley
// sizes a HasA), when s is one.
func (p *planner) scanOf(s shape.Shape) (kv.IndexScan, bool) {
	switch s := s.(type) {
	case viaShape:
		return p.scanOf(s.NodesFrom)
	case shape.QuadsAction:
		if _, ok := s.Filter[s.Result]; ok {
			return kv.IndexScan{}, false
		}
		return p.fixedScan(s.Filter)
	case shape.NodesFrom:
		return p.quadsScan(s.Quads)
	}
	return kv.IndexScan{}, false
}

// quadsScan: the quad sets of the rewritten QuadsActions (plan.go), an index scan and the
// saves of other directions, which every quad passes.
func (p *planner) quadsScan(q shape.Shape) (kv.IndexScan, bool) {
	switch q := q.(type) {
	case kv.IndexScan:
		return q, true
	case shape.Intersect:
		var scan kv.IndexScan
		found := false
		for _, m := range q {
			switch m := m.(type) {
			case kv.IndexScan:
				if found {
					return kv.IndexScan{}, false
				}
				scan, found = m, true
			case shape.Quads:
				if !onlySaves(m) {
					return kv.IndexScan{}, false
				}
			default:
				return kv.IndexScan{}, false
			}
		}
		return scan, found
	case shape.Quads:
		filter := map[quad.Direction]refs.Ref{}
		for _, f := range q {
			if isSaveAll(f.Values) {
				continue
			}
			v, ok := shape.One(f.Values)
			if _, dup := filter[f.Dir]; !ok || dup {
				return kv.IndexScan{}, false
			}
			filter[f.Dir] = v
		}
		return p.fixedScan(filter)
	}
	return kv.IndexScan{}, false
}

// fixedScan is the scan of the index prefix that filter fixes.
func (p *planner) fixedScan(filter map[quad.Direction]refs.Ref) (kv.IndexScan, bool) {
	if len(filter) == 1 {
		for d, v := range filter {
			ind, ok := p.ix.leadingIndex(d, quad.Any)
			iv, vok := v.(kv.Int64Value)
			if !ok || !vok {
				return kv.IndexScan{}, false
			}
			return kv.IndexScan{Index: ind, Values: []uint64{uint64(iv)}}, true
		}
	}
	return p.prefixScan(filter)
}

func onlySaves(q shape.Quads) bool {
	for _, f := range q {
		if !isSaveAll(f.Values) {
			return false
		}
	}
	return true
}

// isSaveAll: a Save of all nodes, which tags a direction and accepts every quad.
func isSaveAll(s shape.Shape) bool {
	sv, ok := s.(shape.Save)
	if !ok {
		return false
	}
	_, all := sv.From.(shape.AllNodes)
	return all
}

// countSideBySide counts the quads of each scan (see above); a size of -1: not counted. With
// the store's bolt database (db not nil) it counts the quads the index entries list without
// reading them from the log (rawbolt.go): deleted quads, which stay listed, count too, as
// they may in a size that only orders an intersection.
func countSideBySide(ctx context.Context, kqs *kv.QuadStore, db *bolt.DB, scans []kv.IndexScan) []refs.Size {
	type counter struct {
		sc   quadScanner
		n    int64
		done bool
		err  bool
	}
	cs := make([]counter, len(scans))
	for i, s := range scans {
		if db != nil {
			cs[i].sc = newRawCount(db, s)
		} else {
			cs[i].sc = s.BuildIterator(kqs).Iterate()
		}
	}
	defer func() {
		for _, c := range cs {
			c.sc.Close()
		}
	}()
	limit := int64(countCap)
	if db != nil {
		limit = rawCountCap
	}
	for active := len(cs); active > 0; {
		for i := range cs {
			c := &cs[i]
			if c.done {
				continue
			}
			switch {
			case c.n >= limit:
				c.done = true
			case c.sc.Next(ctx):
				c.n++
				continue
			default:
				c.done = true
				c.err = c.sc.Err() != nil
				if !c.err {
					limit = min(limit, max(countRatio*c.n, minCount))
				}
			}
			active--
		}
	}
	out := make([]refs.Size, len(cs))
	for i, c := range cs {
		// Never Exact: the count is of quads, and a node set (a HasA) has as many nodes only
		// when no node has two of them; and Cayley's And reports its smallest member's size
		// as its own, which Count() then answers without iterating when it is exact.
		out[i] = refs.Size{Value: c.n}
		if c.err {
			out[i].Value = -1
		}
	}
	return out
}

// sizedShape is a shape whose iterator reports a counted size.
type sizedShape struct {
	shape.Shape
	size refs.Size
}

func (s sizedShape) BuildIterator(qs graph.QuadStore) iterator.Shape {
	return sizedIterator{Shape: s.Shape.BuildIterator(qs), size: s.size}
}

func (s sizedShape) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

func (s sizedShape) String() string { return fmt.Sprintf("%+v counted %d", s.Shape, s.size.Value) }

type sizedIterator struct {
	iterator.Shape
	size refs.Size
}

func (it sizedIterator) Stats(ctx context.Context) (iterator.Costs, error) {
	c, err := it.Shape.Stats(ctx)
	c.Size = it.size
	return c, err
}

func (it sizedIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	if n, ok := it.Shape.Optimize(ctx); ok {
		return sizedIterator{Shape: n, size: it.size}, true
	}
	return it, false
}
