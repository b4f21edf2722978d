package planner

import (
	"context"
	"slices"
	"sync/atomic"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// Plans that use the store's indexes. Cayley's optimizer, on a kv store (bolt), leaves three
// things to chance that decide whether a query takes milliseconds or seconds:
//
//   - A lookup by two directions that are the leading part of an index, such as
//     Has(rdf:type, ng:Role) (object and predicate: [object predicate subject]), is built as
//     the intersection of two one-direction scans, each of a half-store estimate: every
//     quad pointing at ng:Role against every rdf:type quad. It becomes one scan of that
//     index prefix (prefixScan).
//   - Checking whether a node belongs to a step such as Out(P) or Save(P, tag) (a HasA
//     iterator's Contains), and following a set of nodes along P (a LinksTo's Next), read
//     every quad of each node, whatever its predicate, and fetch each from the log: a person
//     named by a thousand articles costs thousands of reads per check. When the step's quads
//     have fixed predicates, only the quads of the node and those predicates are read, an
//     index prefix ([subject predicate] or [object predicate subject]): see lookup.go.
//   - An intersection starts from whichever member Cayley estimates smallest, and its
//     estimates of index scans are half the store each: the members that are index scans are
//     counted instead (sizes.go).
//
// On a bolt store whose file the planner may read (rawbolt.go), the steps whose quads are one
// index scan also read one quad of each index entry where the other copies of a fact could
// only repeat a result (distinct.go).
//
// Each rewrite keeps the meaning of the shape it replaces: the same results, found by other
// iterators. (Which of a result's paths are listed, and how often, is Cayley's enumeration
// through an intersection, which follows the member it starts from: plan_test.go.)

// planRewrites turns this file's rewrites on; tests turn it off to compare results with the
// plans Cayley makes alone.
var planRewrites atomic.Bool

func init() { planRewrites.Store(true) }

// planner rewrites one optimized shape tree for the indexes of one store.
type planner struct {
	ctx context.Context
	ix  indexSet
	r   *quadReader // shared by the plan's iterators
	// names: the store's name index (names.go), when it has one; namePred: its predicate's
	// node, nil when the store has none.
	names    nameIndexOf
	namePred any
}

// planShape is s with the rewrites above, or s itself on a store that is not a kv store.
func planShape(ctx context.Context, qs graph.QuadStore, s shape.Shape) shape.Shape {
	if !planRewrites.Load() {
		return s
	}
	ix, ok := indexesOf(ctx, qs)
	if !ok {
		return s
	}
	p := &planner{ctx: ctx, ix: ix, r: newQuadReader(ix.kqs)}
	if n, ok := nameIndexFor(ix.kqs); ok {
		if ref, err := ix.kqs.ValueOf(n.pred); err == nil && ref != nil {
			p.names, p.namePred = n, ref
		}
	}
	return p.rewrite(s, 0)
}

// maxPlanDepth bounds the recursion; a deeper tree (a chain of thousands of steps) is left
// as Cayley built it below that depth.
const maxPlanDepth = 2000

func (p *planner) rewrite(s shape.Shape, depth int) shape.Shape {
	if depth > maxPlanDepth || s == nil {
		return s
	}
	d := depth + 1
	switch s := s.(type) {
	case shape.Intersect:
		out := make(shape.Intersect, len(s))
		for i, m := range s {
			out[i] = p.rewrite(m, d)
		}
		p.sizeMembers(out)
		if p.r.db != nil {
			return andShape{out}
		}
		return out
	case shape.IntersectOpt:
		sub := make(shape.Intersect, len(s.Sub))
		for i, m := range s.Sub {
			sub[i] = p.rewrite(m, d)
		}
		p.sizeMembers(sub)
		opt := make([]shape.Shape, len(s.Opt))
		for i, m := range s.Opt {
			opt[i] = p.rewrite(m, d)
		}
		return shape.IntersectOpt{Sub: sub, Opt: opt}
	case shape.Union:
		out := make(shape.Union, len(s))
		for i, m := range s {
			out[i] = p.rewrite(m, d)
		}
		return out
	case shape.Save:
		s.From = p.rewrite(s.From, d)
		return s
	case shape.Unique:
		s.From = p.rewrite(s.From, d)
		return uniqueShape{s}
	case shape.Page:
		s.From = p.rewrite(s.From, d)
		return s
	case shape.Sort:
		s.From = p.rewrite(s.From, d)
		return s
	case shape.Filter:
		if f, ok := p.byNameValues(s); ok {
			s = f
		}
		s.From = p.rewrite(s.From, d)
		return s
	case shape.Materialize:
		s.Values = p.rewrite(s.Values, d)
		return s
	case shape.Count:
		s.Values = p.rewrite(s.Values, d)
		return s
	case shape.FixedTags:
		s.On = p.rewrite(s.On, d)
		return s
	case shape.Except:
		s.Exclude = p.rewrite(s.Exclude, d)
		if s.From != nil {
			s.From = p.rewrite(s.From, d)
		}
		return exceptShape{s}
	case shape.NodesFrom:
		s.Quads = p.rewriteQuads(s.Quads, d)
		return p.lookupByPredicate(s)
	case shape.QuadsAction:
		return p.quadsAction(s)
	}
	return s
}

// rewriteQuads rewrites the node sets inside a set of quads (an intersection here is of quads,
// not nodes, and is left in its order).
func (p *planner) rewriteQuads(s shape.Shape, depth int) shape.Shape {
	if depth > maxPlanDepth {
		return s
	}
	switch s := s.(type) {
	case shape.Quads:
		s = p.byNameIndex(s)
		out := make(shape.Quads, len(s))
		for i, f := range s {
			out[i] = shape.QuadFilter{Dir: f.Dir, Values: p.rewrite(f.Values, depth+1)}
		}
		return p.readByPredicate(out)
	case shape.Intersect:
		out := make(shape.Intersect, len(s))
		for i, m := range s {
			out[i] = p.rewriteQuads(m, depth+1)
		}
		return out
	case shape.Union:
		// Labels() and LabelContext: the quads of a node set as subject or as object. Left
		// alone, the node set is as Cayley's optimizer leaves it there: a lookup such as
		// Has(P, X) unoptimized, whose two scans an intersection orders at random (a Go map's
		// order): example 04 at 100,000 articles took 10 ms or 5 s by the draw.
		out := make(shape.Union, len(s))
		for i, m := range s {
			out[i] = p.rewriteQuads(m, depth+1)
		}
		return out
	}
	return s
}

// readByPredicate gives the filters of q on the subject or object by a set of nodes, when q
// fixes the predicate, the scan of lookup.go's viaQuads.
func (p *planner) readByPredicate(q shape.Quads) shape.Shape {
	preds, ok := fixedPredicates(q)
	if !ok {
		return q
	}
	var index map[quad.Direction]kv.QuadIndex
	for _, f := range q {
		if f.Dir != quad.Subject && f.Dir != quad.Object {
			continue
		}
		if _, one := shape.One(f.Values); one {
			continue // Cayley reads one node's quads by its own index scan
		}
		if ind, ok := p.ix.leadingIndex(f.Dir, quad.Predicate); ok {
			if index == nil {
				index = map[quad.Direction]kv.QuadIndex{}
			}
			index[f.Dir] = ind
		}
	}
	if index == nil {
		return q
	}
	return viaQuads{Quads: q, r: p.r, index: index, preds: preds}
}

// quadsAction is a QuadsAction as a NodesFrom over one index scan when its fixed directions
// lead an index, checked by predicate when it has one.
func (p *planner) quadsAction(s shape.QuadsAction) shape.Shape {
	if _, ok := s.Filter[s.Result]; ok || len(s.Filter) == 0 {
		return s
	}
	if scan, ok := p.prefixScan(s.Filter); ok {
		return p.lookupByPredicate(s.SimplifyFrom(scan).(shape.NodesFrom))
	}
	if _, ok := s.Filter[quad.Predicate]; ok {
		return p.lookupByPredicate(s.Simplify().(shape.NodesFrom))
	}
	return s
}

// prefixScan is the scan of the index whose leading directions are exactly those of filter
// (Cayley's optimizer only uses an index when filter fixes all of its directions).
func (p *planner) prefixScan(filter map[quad.Direction]refs.Ref) (kv.IndexScan, bool) {
	if len(filter) < 2 {
		return kv.IndexScan{}, false // one direction: Cayley's own scan is that prefix already
	}
	dirs := make([]quad.Direction, 0, len(filter))
	for d := range filter {
		dirs = append(dirs, d)
	}
	ind, ok := p.ix.prefixIndex(dirs...)
	if !ok {
		return kv.IndexScan{}, false
	}
	scan := kv.IndexScan{Index: ind}
	for _, d := range ind.Dirs[:len(dirs)] {
		v, ok := filter[d].(kv.Int64Value)
		if !ok {
			return kv.IndexScan{}, false
		}
		scan.Values = append(scan.Values, uint64(v))
	}
	return scan, true
}

// lookupByPredicate gives s, when its quads have fixed predicates and the store has an index
// leading with s's direction and then the predicate, the iterator of lookup.go.
func (p *planner) lookupByPredicate(s shape.NodesFrom) shape.Shape {
	if s.Dir != quad.Subject && s.Dir != quad.Object {
		return s
	}
	preds, ok := fixedPredicates(s.Quads)
	if !ok {
		return s
	}
	ind, ok := p.ix.leadingIndex(s.Dir, quad.Predicate)
	if !ok {
		return s
	}
	v := viaShape{NodesFrom: s, r: p.r, index: ind, preds: preds}
	if p.r.db != nil {
		v.entries, v.byEntry = p.entryScanOf(s)
	}
	return v
}

// fixedPredicates are the predicates every quad of quads has (sorted, as the index holds
// them), when quads fix them.
func fixedPredicates(quads shape.Shape) ([]uint64, bool) {
	var preds []uint64
	found := false
	var visit func(s shape.Shape) bool
	visit = func(s shape.Shape) bool {
		switch s := s.(type) {
		case kv.IndexScan:
			for i, d := range s.Index.Dirs[:len(s.Values)] {
				if d == quad.Predicate && !found {
					preds, found = []uint64{s.Values[i]}, true
				}
			}
		case viaQuads:
			return visit(s.Quads)
		case shape.Quads:
			for _, f := range s {
				if f.Dir != quad.Predicate || found {
					continue
				}
				v := f.Values
				if sv, ok := v.(shape.Save); ok { // Out(P, "tag"): the predicate is tagged
					v = sv.From
				}
				if fx, ok := v.(shape.Fixed); ok && len(fx) > 0 {
					ps := make([]uint64, 0, len(fx))
					for _, r := range fx {
						v, ok := r.(kv.Int64Value)
						if !ok {
							return false
						}
						ps = append(ps, uint64(v))
					}
					preds, found = ps, true
				}
			}
		case shape.Intersect:
			for _, m := range s {
				if !visit(m) {
					return false
				}
			}
		default:
			return false // a kind of quad set not known here
		}
		return true
	}
	if !visit(quads) || !found {
		return nil, false
	}
	slices.Sort(preds)
	return slices.Compact(preds), true
}

// exceptShape is an Except whose iterator never reports a negative size. Cayley's Not
// estimates its size as that of its source less that of what it excludes, below zero when
// the excluded set's estimate is the larger, and an And containing it then divides by zero
// while it orders its members (a query that failed inside Cayley).
type exceptShape struct{ shape.Except }

func (s exceptShape) BuildIterator(qs graph.QuadStore) iterator.Shape {
	return nonNegative{s.Except.BuildIterator(qs)}
}

func (s exceptShape) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

type nonNegative struct{ iterator.Shape }

func (it nonNegative) Stats(ctx context.Context) (iterator.Costs, error) {
	c, err := it.Shape.Stats(ctx)
	c.Size.Value = max(c.Size.Value, 0)
	return c, err
}

func (it nonNegative) Optimize(ctx context.Context) (iterator.Shape, bool) {
	if n, ok := it.Shape.Optimize(ctx); ok {
		return nonNegative{n}, true
	}
	return it, false
}
