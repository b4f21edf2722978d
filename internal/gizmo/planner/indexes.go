package planner

import (
	"context"
	"runtime"
	"sync"
	"weak"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
)

// The quad indexes a plan may scan. Cayley's kv store (bolt) keeps its list of indexes in
// its metadata without exporting it, and a database made by another tool or an older
// newsgraph may lack one of them ([predicate subject] came later); a scan of an index the
// store does not have finds nothing, which would be a wrong answer, not a slow one. So an
// index is used only once it is known to hold a stored quad: each candidate is probed once
// per store with the first quad of the store's log.
var candidateIndexes = []kv.QuadIndex{
	{Dirs: []quad.Direction{quad.Subject, quad.Predicate}},
	{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}},
	{Dirs: []quad.Direction{quad.Predicate, quad.Subject}},
}

// indexSet is what a store was found to have.
type indexSet struct {
	kqs *kv.QuadStore
	has []kv.QuadIndex
}

var probedStores sync.Map // weak.Pointer[kv.QuadStore] -> indexSet

// indexesOf is the indexes of qs known to exist; ok is false for stores that are not kv
// stores and for an empty store (probed again next time: nothing to plan on it anyway).
func indexesOf(ctx context.Context, qs graph.QuadStore) (indexSet, bool) {
	kqs, ok := graph.Unwrap(qs).(*kv.QuadStore)
	if !ok {
		return indexSet{}, false
	}
	key := weak.Make(kqs)
	if v, ok := probedStores.Load(key); ok {
		return v.(indexSet), true
	}
	set, ok := probeIndexes(ctx, kqs)
	if !ok {
		return indexSet{}, false
	}
	if _, loaded := probedStores.LoadOrStore(key, set); !loaded {
		runtime.AddCleanup(kqs, func(k weak.Pointer[kv.QuadStore]) { probedStores.Delete(k) }, key)
	}
	return set, true
}

func probeIndexes(ctx context.Context, kqs *kv.QuadStore) (indexSet, bool) {
	all := kqs.QuadsAllIterator().Iterate()
	defer all.Close()
	if !all.Next(ctx) {
		return indexSet{}, false
	}
	sample, ok := all.Result().(*proto.Primitive)
	if !ok {
		return indexSet{}, false
	}
	set := indexSet{kqs: kqs}
	for _, ind := range candidateIndexes {
		vals := make([]uint64, len(ind.Dirs))
		for i, d := range ind.Dirs {
			vals[i] = sample.GetDirection(d)
		}
		found, err := scanFinds(ctx, kqs, kv.IndexScan{Index: ind, Values: vals}, sample.ID)
		if err != nil {
			return indexSet{}, false
		}
		if found {
			set.has = append(set.has, ind)
		}
	}
	return set, true
}

func scanFinds(ctx context.Context, kqs *kv.QuadStore, scan kv.IndexScan, id uint64) (bool, error) {
	sc := scan.BuildIterator(kqs).Iterate()
	defer sc.Close()
	for sc.Next(ctx) {
		if p, ok := sc.Result().(*proto.Primitive); ok && p.ID == id {
			return true, nil
		}
	}
	return false, sc.Err()
}

// prefixIndex is an index whose first directions are dirs, in some order, and those
// directions in the index's order.
func (s indexSet) prefixIndex(dirs ...quad.Direction) (kv.QuadIndex, bool) {
next:
	for _, ind := range s.has {
		if len(ind.Dirs) < len(dirs) {
			continue
		}
		for _, d := range ind.Dirs[:len(dirs)] {
			if !hasDirection(dirs, d) {
				continue next
			}
		}
		return ind, true
	}
	return kv.QuadIndex{}, false
}

// leadingIndex is an index whose first direction is d, then (when then is not quad.Any) then.
func (s indexSet) leadingIndex(d, then quad.Direction) (kv.QuadIndex, bool) {
	for _, ind := range s.has {
		if ind.Dirs[0] == d && (then == quad.Any || len(ind.Dirs) > 1 && ind.Dirs[1] == then) {
			return ind, true
		}
	}
	return kv.QuadIndex{}, false
}

func hasDirection(dirs []quad.Direction, d quad.Direction) bool {
	for _, x := range dirs {
		if x == d {
			return true
		}
	}
	return false
}
