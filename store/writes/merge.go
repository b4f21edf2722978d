package writes

import (
	"context"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/mergetable"
	"github.com/newsgraph/newsgraph/store/terms"
)

// mergesForWrite returns a copy of the merge table for a writer (holding the write lock) to
// change; KeepMerges publishes it once the writes are done, DropMerges forgets the cache on
// failure.
func (s writer) mergesForWrite(ctx context.Context) (*mergeTable, error) {
	t, err := s.LoadMerges(ctx)
	if err != nil {
		return nil, err
	}
	t = t.Clone()
	if err := s.recoverJournal(ctx, t); err != nil {
		s.DropMerges()
		return nil, err
	}
	return t, nil
}

// Merge records that entity other is entity keep, and makes queries see one entity (see the
// comment at the top of store/merge.go). It fails if either has no quads, if they are already one
// entity, or if other is already merged into something (unmerge it first).
func Merge(ctx context.Context, store Store, keep, other quad.IRI, o mergetable.Options) (mergetable.Merge, error) {
	s := writer{store}
	s.Lock()
	defer s.Unlock()
	for _, e := range []quad.IRI{keep, other} {
		if ok, err := s.Has(ctx, e); err != nil {
			return mergeInfo{}, err
		} else if !ok {
			return mergeInfo{}, fmt.Errorf("merge: %s: %w", e, ErrNotFound)
		}
	}
	t, err := s.mergesForWrite(ctx)
	if err != nil {
		return mergeInfo{}, err
	}
	m, err := t.NewMerge(keep, other, o)
	if err != nil {
		return mergeInfo{}, err
	}
	t.Add(m)
	// The new merge has no projections yet; those of merges into other move with it. The
	// record and the journal go in one transaction: a merge is recorded iff it is completed.
	var j journal
	for _, a := range t.Affected(m) {
		j.refresh = append(j.refresh, a.IRI)
	}
	if err := s.journaled(ctx, t, j, m.Record(), nil); err != nil {
		s.DropMerges()
		return mergeInfo{}, fmt.Errorf("merge: %w", err)
	}
	s.KeepMerges(t)
	out := *m
	out.Root, _ = t.Root(other).(quad.IRI)
	out.Quads, _ = s.countMergeQuads(ctx, m)
	return out, nil
}

// Unmerge deletes a merge: every quad labelled with it. The graph is then what it would be had
// the merge never been made. merge is the merge's IRI, or the IRI of the entity it merged away.
func Unmerge(ctx context.Context, store Store, merge quad.IRI) (mergetable.Merge, error) {
	s := writer{store}
	s.Lock()
	defer s.Unlock()
	t, err := s.mergesForWrite(ctx)
	if err != nil {
		return mergeInfo{}, err
	}
	m := t.ByIRI(merge)
	if m == nil {
		if m = t.Of(merge); m == nil {
			return mergeInfo{}, fmt.Errorf("unmerge: no merge %s, and no merge of an entity %s: %w", merge, merge, ErrNotFound)
		}
	}
	n, err := s.countMergeQuads(ctx, m)
	if err != nil {
		return mergeInfo{}, err
	}
	if err := s.journaled(ctx, t, journal{drop: []quad.IRI{m.IRI}}, nil, nil); err != nil {
		s.DropMerges()
		return mergeInfo{}, fmt.Errorf("unmerge: %w", err)
	}
	s.KeepMerges(t)
	out := *m
	out.Quads = n
	return out, nil
}

// unmergeDeltas removes m from t and returns the deltas that delete its quads and bring the
// merges that went through it up to date, and how many quads m had.
func (s writer) unmergeDeltas(ctx context.Context, t *mergeTable, m *mergeInfo) ([]cgraph.Delta, int, error) {
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
	var rest []*mergeInfo
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
func (s writer) mergeQuads(ctx context.Context, m *mergeInfo) ([]quad.Quad, error) {
	label := key(m.IRI)
	seen := map[quadKey]bool{}
	var out []quad.Quad
	keep := func(q quad.Quad) bool {
		if key(q.Label) == label {
			if k := keyOf(q); !seen[k] {
				seen[k] = true
				out = append(out, q)
			}
		}
		return true
	}
	if err := s.Quads(ctx, quad.Subject, m.IRI, nil, keep); err != nil {
		return nil, err
	}
	if err := s.Quads(ctx, quad.Subject, m.Merged, terms.SameAs, keep); err != nil {
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

func (s writer) countMergeQuads(ctx context.Context, m *mergeInfo) (int, error) {
	qs, err := s.mergeQuads(ctx, m)
	return len(qs), err
}

// currentProjections returns the stored projections of m: the quads labelled m, other than
// its record, on the node recorded as ng:projectedOnto.
func (s writer) currentProjections(ctx context.Context, m *mergeInfo) ([]quad.Quad, error) {
	label := key(m.IRI)
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
func (s writer) projectionsOn(ctx context.Context, m *mergeInfo, root quad.IRI, label string, rec, seen map[quadKey]bool, out *[]quad.Quad) error {
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.Quads(ctx, d, root, nil, func(q quad.Quad) bool {
			k := keyOf(q)
			if key(q.Label) == label && !rec[k] && !seen[k] {
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
func (s writer) desiredProjections(ctx context.Context, t *mergeTable, m *mergeInfo) ([]quad.Quad, error) {
	seen := map[quadKey]bool{}
	var out []quad.Quad
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.Quads(ctx, d, m.Merged, nil, func(q quad.Quad) bool {
			if mergetable.IsLabel(q.Label) {
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
func (s writer) refreshDeltas(ctx context.Context, t *mergeTable, ms []*mergeInfo) ([]cgraph.Delta, error) {
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

// refreshJournaled brings up to date the merges of the journal entries j (j.refresh, each
// once: written by a load with the articles that touched them), deleting the load's merges whose merged
// entity no article mentions any more, and deletes the entries, in the same transactions:
// until they are gone, the next writer does it again (recoverJournal). t is the writer's
// table: the caller keeps it.
func (s writer) refreshJournaled(ctx context.Context, t *mergeTable, j journal) error {
	var ms []*mergeInfo
	for _, iri := range j.refresh {
		if m := t.ByIRI(iri); m != nil {
			ms = append(ms, m)
		}
	}
	deltas, err := s.refreshMergesDeltas(ctx, t, ms)
	if err != nil {
		return err
	}
	if err := s.ApplyDeltas(append(deltas, deltasOf(j.quads(), cgraph.Delete)...)); err != nil {
		return fmt.Errorf("refresh merges: %w", err)
	}
	return nil
}

// refreshMergesDeltas returns the deltas that bring the merges ms up to date with the stored
// articles' quads, deleting the load's merges whose merged entity no article mentions any more.
func (s writer) refreshMergesDeltas(ctx context.Context, t *mergeTable, ms []*mergeInfo) ([]cgraph.Delta, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	slices.SortFunc(ms, func(a, b *mergeInfo) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	var deltas []cgraph.Delta
	var rest []*mergeInfo
	for _, m := range ms {
		if m.By == mergetable.LoadBy {
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
func (s writer) hasArticleQuads(ctx context.Context, node quad.Value) (bool, error) {
	found := false
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.Quads(ctx, d, node, nil, func(q quad.Quad) bool {
			found = !mergetable.IsLabel(q.Label)
			return !found
		})
		if err != nil || found {
			return found, err
		}
	}
	return false, nil
}
