package planner

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// One quad of a fact under Unique. A fact stated by many articles is as many quads, which
// differ only by their label: example 06's Has(type, Role)...Out(roleName), at 100,000
// articles, reads some 42 roleName quads of each role from the log, and checks each role's
// holder and organisation as often, for Unique to keep the first path and drop the other 41.
//
// Unique keeps, of each result, its first path, and drops every later path to the same
// result whatever its tags. So a step whose results feed Unique unchanged may skip any quad
// that could only give a result it gave before: the paths through it were dropped anyway.
// The steps that pass their results up unchanged are Save and Tag, the first member of an
// intersection (the one it iterates: its others are checks of a node, and a node that failed
// them once fails them again), each member of a union, and a nested Unique (itself such a
// step). A HasA there, whose quads are one index scan (and saves of other directions, which
// every quad passes), takes from each index entry only its first quad that passes: every
// quad of an entry has the entry's nodes (for [predicate subject], the predicate and the
// subject), and a HasA of one of those directions gives the same node for all of them. The
// results, their order and the first path of each (its tags) are those of Cayley's plan.

// uniqueShape is a Unique whose iterator lets the steps above skip such quads.
type uniqueShape struct{ shape.Unique }

func (s uniqueShape) BuildIterator(qs graph.QuadStore) iterator.Shape {
	it := s.Unique.BuildIterator(qs)
	if u, ok := it.(*iterator.Unique); ok {
		return &uniqueIterator{Unique: u}
	}
	return it
}

func (s uniqueShape) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

type uniqueIterator struct{ *iterator.Unique }

func (it *uniqueIterator) Iterate() iterator.Scanner {
	// Marked here, after the optimizer has chosen which member of each intersection is
	// iterated (it reorders them, and wraps some in new iterators).
	if subs := it.Unique.SubIterators(); len(subs) == 1 {
		markFirstPaths(subs[0], 0)
	}
	return it.Unique.Iterate()
}

func (it *uniqueIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	it.Unique.Optimize(ctx) // optimizes its subiterator in place
	return it, false
}

// markFirstPaths lets the HasAs whose results reach a Unique unchanged skip quads that can
// only repeat a result (see above).
func markFirstPaths(s iterator.Shape, depth int) {
	if depth > maxPlanDepth {
		return
	}
	switch x := s.(type) {
	case *viaIterator:
		x.firstPaths = true
	case sizedIterator:
		markFirstPaths(x.Shape, depth+1)
	case *iterator.Save:
		for _, sub := range x.SubIterators() {
			markFirstPaths(sub, depth+1)
		}
	case *andIterator:
		markFirstPaths(x.And, depth+1)
	case *iterator.And:
		// Iterate uses its first member; the others are only asked Contains, which marking
		// does not change (nor would it an optional member's, listed after them).
		if subs := x.SubIterators(); len(subs) > 0 {
			markFirstPaths(subs[0], depth+1)
		}
	case *iterator.Or:
		for _, sub := range x.SubIterators() {
			markFirstPaths(sub, depth+1)
		}
	}
}

// entryScan is the decomposition of a HasA's quads that lets it take one quad an entry: an
// index scan, and the quad sets that only tag other directions (Save over every node).
type entryScan struct {
	scan kv.IndexScan
	tags []shape.Shape
}

// entryScanOf is the quads of s as an entryScan, when they are one whose entries all have
// s's node: an index scan (a lookup by the leading directions of an index, plan.go), or quads
// with one fixed direction and saves of the others, which Cayley reads by a scan of the index
// that leads with that direction (kv.QuadStore.QuadIterator: the only one here that does).
func (p *planner) entryScanOf(s shape.NodesFrom) (entryScan, bool) {
	var e entryScan
	found := false
	var visit func(q shape.Shape) bool
	visit = func(q shape.Shape) bool {
		switch q := q.(type) {
		case kv.IndexScan:
			if found {
				return false
			}
			e.scan, found = q, true
		case shape.Quads:
			var saves shape.Quads
			for _, f := range q {
				if isSaveAll(f.Values) {
					saves = append(saves, f)
					continue
				}
				v, one := shape.One(f.Values)
				iv, ok := v.(kv.Int64Value)
				if !one || !ok || found {
					return false
				}
				ind, ok := p.ix.leadingIndex(f.Dir, quad.Any)
				if !ok {
					return false
				}
				e.scan, found = kv.IndexScan{Index: ind, Values: []uint64{uint64(iv)}}, true
			}
			if len(saves) > 0 {
				e.tags = append(e.tags, saves)
			}
		case shape.Intersect:
			for _, m := range q {
				if !visit(m) {
					return false
				}
			}
		default:
			return false
		}
		return true
	}
	if !visit(s.Quads) || !found || !hasDirection(e.scan.Index.Dirs, s.Dir) {
		return entryScan{}, false
	}
	return e, true
}

// entryNext is a HasA's Next that takes from each index entry the first quad that passes
// the tag filters, and its node in the HasA's direction.
type entryNext struct {
	it     *viaIterator
	every  bool // every quad of an entry, not only the first: the HasA's own Next
	scan   *rawScan
	tags   iterator.Index // nil: none
	result refs.Ref
	err    error
}

// entryNexts counts the HasAs that read one quad an entry, for tests.
var entryNexts atomic.Int64

func (it *viaIterator) entryNext() *entryNext {
	n := &entryNext{it: it, scan: newRawScan(it.r.db, it.entries.scan)}
	if len(it.entries.tags) > 0 {
		its := make([]iterator.Shape, len(it.entries.tags))
		for i, t := range it.entries.tags {
			its[i] = t.BuildIterator(it.r.kqs)
		}
		if len(its) == 1 {
			n.tags = its[0].Lookup()
		} else {
			n.tags = iterator.NewAnd(its...).Lookup()
		}
	}
	return n
}

func (n *entryNext) Next(ctx context.Context) bool {
	if n.result != nil && !n.every {
		n.scan.skipEntry() // its other quads give this result again
	}
	n.result = nil
	for n.scan.Next(ctx) {
		q := n.scan.Result()
		if n.tags != nil && !n.tags.Contains(ctx, q) {
			if n.err = n.tags.Err(); n.err != nil {
				return false
			}
			continue
		}
		r, err := n.it.r.kqs.QuadDirection(q, n.it.Direction())
		if err != nil {
			n.err = err
			return false
		}
		n.result = r
		return true
	}
	n.err = n.scan.Err()
	return false
}

func (n *entryNext) NextPath(ctx context.Context) bool {
	if n.tags == nil {
		return false
	}
	return n.tags.NextPath(ctx)
}

func (n *entryNext) TagResults(dst map[string]refs.Ref) {
	if n.tags != nil {
		n.tags.TagResults(dst)
	}
}

// allPaths is the HasA's own Next, reading the quads from the bolt file when its quads are
// entries (one at a time, where Cayley's scan also looks up the log's bucket for each).
func (it *viaIterator) allPaths() iterator.Scanner {
	if !it.byEntry {
		return it.HasA.Iterate()
	}
	n := it.entryNext()
	n.every = true
	return n
}

func (n *entryNext) Result() refs.Ref { return n.result }
func (n *entryNext) Err() error       { return n.err }
func (n *entryNext) String() string   { return fmt.Sprintf("HasANext(%v) by entry", n.it.Direction()) }

func (n *entryNext) Close() error {
	err := n.scan.Close()
	if n.tags != nil {
		if terr := n.tags.Close(); terr != nil && err == nil {
			err = terr
		}
	}
	return err
}

// andShape is an intersection whose iteration skips the rest of an index entry once a node
// from it has failed the checks. Cayley's And takes each result of its first member and
// checks it against the others, whose answer depends on the node alone: when the first
// member is a HasA reading entries (above), a node that failed fails again for every other
// quad of its entry, which can be thousands (example 03 at 100,000 articles: the countries,
// each typed by every article that names it, checked for membership of NATO).
type andShape struct{ shape.Intersect }

func (s andShape) BuildIterator(qs graph.QuadStore) iterator.Shape {
	return wrapAnd(s.Intersect.BuildIterator(qs))
}

func (s andShape) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

// wrapAnd is it as an andIterator when it is one of Cayley's Ands.
func wrapAnd(it iterator.Shape) iterator.Shape {
	if a, ok := it.(*iterator.And); ok {
		return &andIterator{And: a}
	}
	return it
}

// andIterator is an And built from an Intersect, so without optional members: its
// SubIterators are its members, the first the one it iterates.
type andIterator struct{ *iterator.And }

func (it *andIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	// Cayley's And optimizes into a new And (its members reordered) or a replacement
	n, ok := it.And.Optimize(ctx)
	if !ok {
		return it, false
	}
	return wrapAnd(n), true
}

func (it *andIterator) Iterate() iterator.Scanner {
	subs := it.And.SubIterators()
	if len(subs) < 2 {
		return it.And.Iterate()
	}
	n := &skipAndNext{primary: subs[0].Iterate(), secondary: iterator.NewAnd(subs[1:]...).Lookup()}
	n.entries, _ = n.primary.(*entryNext)
	return n
}

// skipAndNext is Cayley's andNext (graph/iterator/and.go), which also skips the rest of its
// primary's entry after a failed check.
type skipAndNext struct {
	primary   iterator.Scanner
	secondary iterator.Index
	entries   *entryNext // the primary, when it reads entries
	result    refs.Ref
}

func (it *skipAndNext) Next(ctx context.Context) bool {
	for it.primary.Next(ctx) {
		cur := it.primary.Result()
		if it.secondary.Contains(ctx, cur) {
			it.result = cur
			return true
		}
		if it.entries != nil {
			it.entries.scan.skipEntry()
		}
	}
	return false
}

func (it *skipAndNext) TagResults(dst map[string]refs.Ref) {
	it.primary.TagResults(dst)
	it.secondary.TagResults(dst)
}

func (it *skipAndNext) Err() error {
	if err := it.primary.Err(); err != nil {
		return err
	}
	return it.secondary.Err()
}

func (it *skipAndNext) Result() refs.Ref { return it.result }

func (it *skipAndNext) NextPath(ctx context.Context) bool {
	if it.primary.NextPath(ctx) {
		return true
	} else if err := it.primary.Err(); err != nil {
		return false
	}
	return it.secondary.NextPath(ctx)
}

func (it *skipAndNext) Close() error {
	err := it.primary.Close()
	if err2 := it.secondary.Close(); err2 != nil && err == nil {
		err = err2
	}
	return err
}

func (it *skipAndNext) String() string { return "AndNext skipping entries" }
