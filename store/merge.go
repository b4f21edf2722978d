package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
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
// forgotten (refreshMerges).

// ErrNotFound is returned (wrapped) when a name, entity, article or merge is not in the graph.
var ErrNotFound = errors.New("not found")

// MergeInfo is one merge decision (see store/mergetable).
type MergeInfo = mergetable.Merge

// mergeTable is every merge of the store, read at once. A table a reader gets from
// loadMerges is shared and must not be changed; writers change a clone (mergesForWrite).
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

// mergesForWrite returns a copy of the merge table for a writer (holding writeMu) to change;
// keepMerges publishes it once the writes are done, dropMerges forgets the cache on failure.
func (s *Store) mergesForWrite(ctx context.Context) (*mergeTable, error) {
	t, err := s.loadMerges(ctx)
	if err != nil {
		return nil, err
	}
	t = t.Clone()
	if err := s.recoverJournal(ctx, t); err != nil {
		s.dropMerges()
		return nil, err
	}
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
		return pgReadMerges(ctx, pg.DB()) // one SELECT, not one per merge (postgres_merges.go)
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

// Merge records that entity other is entity keep, and makes queries see one entity (see the
// comment at the top of merge.go). It fails if either has no quads, if they are already one
// entity, or if other is already merged into something (unmerge it first).
func (s *Store) Merge(ctx context.Context, keep, other quad.IRI, o MergeOptions) (MergeInfo, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	for _, e := range []quad.IRI{keep, other} {
		if ok, err := s.has(ctx, e); err != nil {
			return MergeInfo{}, err
		} else if !ok {
			return MergeInfo{}, fmt.Errorf("merge: %s: %w", e, ErrNotFound)
		}
	}
	t, err := s.mergesForWrite(ctx)
	if err != nil {
		return MergeInfo{}, err
	}
	m, err := t.NewMerge(keep, other, o)
	if err != nil {
		return MergeInfo{}, err
	}
	t.Add(m)
	// The new merge has no projections yet; those of merges into other move with it. The
	// record and the journal go in one transaction: a merge is recorded iff it is completed.
	var j journal
	for _, a := range t.Affected(m) {
		j.refresh = append(j.refresh, a.IRI)
	}
	if err := s.journaled(ctx, t, j, m.Record(), nil); err != nil {
		s.dropMerges()
		return MergeInfo{}, fmt.Errorf("merge: %w", err)
	}
	s.keepMerges(t)
	out := *m
	out.Root, _ = t.Root(other).(quad.IRI)
	out.Quads, _ = s.countMergeQuads(ctx, m)
	return out, nil
}

// Unmerge deletes a merge: every quad labelled with it. The graph is then what it would be had
// the merge never been made. merge is the merge's IRI, or the IRI of the entity it merged away.
func (s *Store) Unmerge(ctx context.Context, merge quad.IRI) (MergeInfo, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	t, err := s.mergesForWrite(ctx)
	if err != nil {
		return MergeInfo{}, err
	}
	m := t.ByIRI(merge)
	if m == nil {
		if m = t.Of(merge); m == nil {
			return MergeInfo{}, fmt.Errorf("unmerge: no merge %s, and no merge of an entity %s: %w", merge, merge, ErrNotFound)
		}
	}
	n, err := s.countMergeQuads(ctx, m)
	if err != nil {
		return MergeInfo{}, err
	}
	if err := s.journaled(ctx, t, journal{drop: []quad.IRI{m.IRI}}, nil, nil); err != nil {
		s.dropMerges()
		return MergeInfo{}, fmt.Errorf("unmerge: %w", err)
	}
	s.keepMerges(t)
	out := *m
	out.Quads = n
	return out, nil
}

// unmergeDeltas removes m from t and returns the deltas that delete its quads and bring the
// merges that went through it up to date, and how many quads m had.
func (s *Store) unmergeDeltas(ctx context.Context, t *mergeTable, m *MergeInfo) ([]cgraph.Delta, int, error) {
	old, err := s.mergeQuads(ctx, m)
	if err != nil {
		return nil, 0, err
	}
	var deltas []cgraph.Delta
	for _, q := range old {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	children := t.Affected(m)
	t.Remove(m)
	var rest []*MergeInfo
	for _, c := range children {
		if c != m {
			rest = append(rest, c)
		}
	}
	more, err := s.refreshDeltas(ctx, t, rest)
	if err != nil {
		return nil, 0, err
	}
	return append(deltas, more...), len(old), nil
}

// mergeQuads returns every stored quad labelled with the merge: its record, B's owl:sameAs,
// and its projections (found around the node they were projected onto).
func (s *Store) mergeQuads(ctx context.Context, m *MergeInfo) ([]quad.Quad, error) {
	label := keyOfValue(m.IRI)
	seen := map[quadKey]bool{}
	var out []quad.Quad
	keep := func(q quad.Quad) bool {
		if keyOfValue(q.Label) == label {
			if k := keyOf(q); !seen[k] {
				seen[k] = true
				out = append(out, q)
			}
		}
		return true
	}
	if err := s.quads(ctx, quad.Subject, m.IRI, nil, keep); err != nil {
		return nil, err
	}
	if err := s.quads(ctx, quad.Subject, m.Merged, terms.SameAs, keep); err != nil {
		return nil, err
	}
	proj, err := s.currentProjections(ctx, m)
	if err != nil {
		return nil, err
	}
	for _, q := range proj {
		keep(q)
	}
	return out, nil
}

func (s *Store) countMergeQuads(ctx context.Context, m *MergeInfo) (int, error) {
	qs, err := s.mergeQuads(ctx, m)
	return len(qs), err
}

// currentProjections returns the stored projections of m: the quads labelled m, other than
// its record, on the node recorded as ng:projectedOnto.
func (s *Store) currentProjections(ctx context.Context, m *MergeInfo) ([]quad.Quad, error) {
	label := keyOfValue(m.IRI)
	rec := map[quadKey]bool{}
	for _, q := range m.Record() {
		rec[keyOf(q)] = true
	}
	for _, r := range m.Roots() {
		rec[keyOf(m.OntoQuad(r))] = true
	}
	seen := map[quadKey]bool{}
	var out []quad.Quad
	for _, r := range m.Roots() {
		if err := s.projectionsOn(ctx, m, r, label, rec, seen, &out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// projectionsOn appends to out the quads labelled m on root that are not its record.
func (s *Store) projectionsOn(ctx context.Context, m *MergeInfo, root quad.IRI, label string, rec, seen map[quadKey]bool, out *[]quad.Quad) error {
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.quads(ctx, d, root, nil, func(q quad.Quad) bool {
			k := keyOf(q)
			if keyOfValue(q.Label) == label && !rec[k] && !seen[k] {
				seen[k] = true
				*out = append(*out, q)
			}
			return true
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// desiredProjections computes what m projects given the articles' quads about m.Merged and the
// merge table t: each such quad with every merged node replaced by its root, labelled m.
func (s *Store) desiredProjections(ctx context.Context, t *mergeTable, m *MergeInfo) ([]quad.Quad, error) {
	seen := map[quadKey]bool{}
	var out []quad.Quad
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.quads(ctx, d, m.Merged, nil, func(q quad.Quad) bool {
			if isMergeLabel(q.Label) {
				return true
			}
			if pq := t.Project(m, q); !seen[keyOf(pq)] {
				seen[keyOf(pq)] = true
				out = append(out, pq)
			}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// refreshDeltas returns the deltas that bring the projections of the merges ms in line with
// the table t and the articles' quads.
func (s *Store) refreshDeltas(ctx context.Context, t *mergeTable, ms []*MergeInfo) ([]cgraph.Delta, error) {
	var deltas []cgraph.Delta
	for _, m := range ms {
		cur, err := s.currentProjections(ctx, m)
		if err != nil {
			return nil, err
		}
		want, err := s.desiredProjections(ctx, t, m)
		if err != nil {
			return nil, err
		}
		root, _ := t.Root(m.Merged).(quad.IRI)
		if gone, changed := m.Reroot(root); changed {
			for _, r := range gone {
				deltas = append(deltas, cgraph.Delta{Quad: m.OntoQuad(r), Action: cgraph.Delete})
			}
			deltas = append(deltas, cgraph.Delta{Quad: m.OntoQuad(root), Action: cgraph.Add})
		}
		deltas = appendDiff(deltas, cur, want)
	}
	return deltas, nil
}

// LoadMergeBy is who the merges that loads make are recorded as made by (see
// mergetable.LoadBy).
const LoadMergeBy = mergetable.LoadBy

// refreshJournaled brings up to date the merges of the journal entries j (j.refresh, each
// once: written by a load with the articles that touched them), deleting the load's merges whose merged
// entity no article mentions any more, and deletes the entries, in the same transactions:
// until they are gone, the next writer does it again (recoverJournal). t is the writer's
// table: the caller keeps it.
func (s *Store) refreshJournaled(ctx context.Context, t *mergeTable, j journal) error {
	var ms []*MergeInfo
	for _, iri := range j.refresh {
		if m := t.ByIRI(iri); m != nil {
			ms = append(ms, m)
		}
	}
	deltas, err := s.refreshMergesDeltas(ctx, t, ms)
	if err != nil {
		return err
	}
	if err := s.applyDeltas(append(deltas, deltasOf(j.quads(), cgraph.Delete)...)); err != nil {
		return fmt.Errorf("refresh merges: %w", err)
	}
	return nil
}

// refreshMergesDeltas returns the deltas that bring the merges ms up to date with the stored
// articles' quads, deleting the load's merges whose merged entity no article mentions any more.
func (s *Store) refreshMergesDeltas(ctx context.Context, t *mergeTable, ms []*MergeInfo) ([]cgraph.Delta, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	slices.SortFunc(ms, func(a, b *MergeInfo) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	var deltas []cgraph.Delta
	var rest []*MergeInfo
	for _, m := range ms {
		if m.By == LoadMergeBy {
			stated, err := s.hasArticleQuads(ctx, m.Merged)
			if err != nil {
				return nil, fmt.Errorf("refresh merges: %w", err)
			}
			if !stated {
				more, _, err := s.unmergeDeltas(ctx, t, m)
				if err != nil {
					return nil, fmt.Errorf("refresh merges: %w", err)
				}
				deltas = append(deltas, more...)
				continue
			}
		}
		rest = append(rest, m)
	}
	more, err := s.refreshDeltas(ctx, t, rest)
	if err != nil {
		return nil, fmt.Errorf("refresh merges: %w", err)
	}
	return append(deltas, more...), nil
}

// hasArticleQuads tells whether an article (not a merge) states anything about node.
func (s *Store) hasArticleQuads(ctx context.Context, node quad.Value) (bool, error) {
	found := false
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.quads(ctx, d, node, nil, func(q quad.Quad) bool {
			found = !isMergeLabel(q.Label)
			return !found
		})
		if err != nil || found {
			return found, err
		}
	}
	return false, nil
}
