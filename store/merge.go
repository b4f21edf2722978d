package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/mergetable"
	"github.com/newsgraph/newsgraph/store/terms"
)

// Merges.
//
// A merge says that entity node B (merged) is entity node A (into). It is written as a merge
// node <ng:merge/ID> whose IRI labels every quad the merge adds:
//
//	<ng:merge/ID> rdf:type ng:Merge; ng:merged <B>; ng:mergedInto <A>; ng:mergedBy "who";
//	              ng:mergedAt "RFC 3339"; ng:reason "why"; ng:projectedOnto <R>
//	<B> owl:sameAs <A>
//	and, for every quad about B that an article (not a merge) supports, the same quad with B
//	(and any other merged node) replaced by its root R: <A> <ng:received> <X> <ng:merge/ID>.
//	B's names become alternate names of R.
//
// B's own quads are never touched: provenance stays with the articles, loading or forgetting
// articles keeps working as before, and unmerge deletes the quads labelled with the merge,
// which gives back exactly the graph before the merge. Queries by A's name see B's facts (the
// projected quads), and Labels() on them names the merge, whose ng:merged leads to B's own
// quads and their articles. Merges chain (B into A, then A into Z: B's quads go to Z); the
// projections follow the chain and are kept up to date when articles are written or
// forgotten. The table of merges is store/mergetable's; merging, unmerging and the refresh of
// projections are store/writes's (merge.go there); the Store keeps the table cached (below).

// MergeInfo is one merge decision (see store/mergetable).
type MergeInfo = mergetable.Merge

// mergeTable is every merge of the store, read at once. A table a reader gets from
// loadMerges is shared and must not be changed; writers change a clone (store/writes's
// mergesForWrite).
type mergeTable = mergetable.Table

// mergeCache keeps the merge table between calls on a store no other process writes (bolt,
// memstore): reading it means reading every merge, and loads record thousands of automatic
// merges. On PostgreSQL, where other processes write, every call reads it afresh.
type mergeCache struct {
	mu sync.Mutex
	on bool
	t  *mergeTable
}

// loadMerges returns every merge; the table is shared: do not change it.
func (s *Store) loadMerges(ctx context.Context) (*mergeTable, error) {
	s.merges.mu.Lock()
	t := s.merges.t
	s.merges.mu.Unlock()
	if t != nil {
		return t, nil
	}
	if s.merges.on {
		if t = s.savedMerges(); t != nil {
			s.keepMerges(t)
			return t, nil
		}
	}
	t, err := s.readMerges(ctx)
	if err != nil {
		return nil, err
	}
	s.keepMerges(t)
	return t, nil
}

func (s *Store) keepMerges(t *mergeTable) {
	s.merges.mu.Lock()
	defer s.merges.mu.Unlock()
	if s.merges.on {
		s.merges.t = t
	}
}

func (s *Store) dropMerges() {
	s.merges.mu.Lock()
	defer s.merges.mu.Unlock()
	s.merges.t = nil
}

func isMergeLabel(v quad.Value) bool { return mergetable.IsLabel(v) }

// readMerges reads every merge record from the store.
func (s *Store) readMerges(ctx context.Context) (*mergeTable, error) {
	if pg, ok := s.qs.(pgTables); ok {
		return pgReadMerges(ctx, pg.DB(), &s.pgMerges) // one SELECT, not one per merge (postgres_merges.go)
	}
	return s.readMergesByNode(ctx)
}

// readMergesByNode reads the merge nodes, then each one's quads.
func (s *Store) readMergesByNode(ctx context.Context) (*mergeTable, error) {
	t := mergetable.New()
	nodes, err := s.subjects(ctx, terms.Type, terms.Merge)
	if err != nil {
		return nil, fmt.Errorf("read merges: %w", err)
	}
	for _, n := range nodes {
		iri, ok := n.(quad.IRI)
		if !ok {
			continue
		}
		qs, err := s.out(ctx, iri, "")
		if err != nil {
			return nil, fmt.Errorf("read merge %s: %w", iri, err)
		}
		if m := mergetable.FromQuads(iri, qs); m != nil {
			t.Add(m)
		}
	}
	return t, nil
}

// Merges lists the store's merges, oldest first.
func (s *Store) Merges(ctx context.Context) ([]MergeInfo, error) {
	t, err := s.loadMerges(ctx)
	if err != nil {
		return nil, err
	}
	var out []MergeInfo
	for _, m := range t.All() {
		mi := *m
		mi.Root, _ = t.Root(m.Merged).(quad.IRI)
		out = append(out, mi)
	}
	slices.SortFunc(out, func(a, b MergeInfo) int {
		return cmpOr(strings.Compare(a.At, b.At), strings.Compare(string(a.IRI), string(b.IRI)))
	})
	return out, nil
}

func cmpOr(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}

// MergeOptions say who merges and why.
type MergeOptions = mergetable.Options

// LoadMergeBy is who the merges that loads make are recorded as made by (see
// mergetable.LoadBy).
const LoadMergeBy = mergetable.LoadBy
