package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
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

// MergeInfo is one merge decision.
type MergeInfo struct {
	IRI    quad.IRI `json:"id"`
	Merged quad.IRI `json:"merged"` // the entity merged away (B)
	Into   quad.IRI `json:"into"`   // the entity it was merged into (A)
	Root   quad.IRI `json:"root"`   // the entity that now carries B's quads (A, or what A is merged into)
	By     string   `json:"by"`
	At     string   `json:"at"`
	Reason string   `json:"reason,omitempty"`
	Quads  int      `json:"quads"` // quads the merge adds (record and projections), after the operation
}

// mergeTable is every merge of the store, read at once (merges are human decisions: few).
type mergeTable struct {
	byIRI  map[string]*MergeInfo
	byFrom map[string]*MergeInfo // merged entity -> its merge
}

func (t *mergeTable) empty() bool { return t == nil || len(t.byIRI) == 0 }

// root follows merged -> into links to the entity that carries everything.
func (t *mergeTable) root(v quad.Value) quad.Value {
	if t == nil {
		return v
	}
	for i := 0; i <= len(t.byFrom); i++ {
		m, ok := t.byFrom[keyOfValue(v)]
		if !ok {
			return v
		}
		v = m.Into
	}
	return v // a cycle (cannot be made through Merge): stop
}

// cluster returns the entities whose root is root, root first.
func (t *mergeTable) cluster(root quad.Value) []quad.Value {
	out := []quad.Value{root}
	rk := keyOfValue(root)
	var more []string
	for k, m := range t.byFrom {
		if keyOfValue(t.root(m.Merged)) == rk {
			more = append(more, k)
		}
	}
	slices.Sort(more)
	for _, k := range more {
		out = append(out, t.byFrom[k].Merged)
	}
	return out
}

func isMergeLabel(v quad.Value) bool {
	iri, ok := v.(quad.IRI)
	return ok && strings.HasPrefix(string(iri), "ng:merge/")
}

// loadMerges reads every merge record.
func (s *Store) loadMerges(ctx context.Context) (*mergeTable, error) {
	t := &mergeTable{byIRI: map[string]*MergeInfo{}, byFrom: map[string]*MergeInfo{}}
	nodes, err := s.subjects(ctx, iriType, iriMerge)
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
		m := &MergeInfo{IRI: iri}
		for _, q := range qs {
			if keyOfValue(q.Label) != keyOfValue(iri) {
				continue
			}
			switch q.Predicate {
			case iriMerged:
				m.Merged, _ = q.Object.(quad.IRI)
			case iriMergedInto:
				m.Into, _ = q.Object.(quad.IRI)
			case iriProjectedOnto:
				m.Root, _ = q.Object.(quad.IRI)
			case iriMergedBy:
				m.By = str(q.Object)
			case iriMergedAt:
				m.At = str(q.Object)
			case iriReason:
				m.Reason = str(q.Object)
			}
		}
		if m.Merged == "" || m.Into == "" {
			continue // not a merge newsgraph made
		}
		t.byIRI[string(iri)] = m
		t.byFrom[keyOfValue(m.Merged)] = m
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
	for _, m := range t.byIRI {
		mi := *m
		mi.Root, _ = t.root(m.Merged).(quad.IRI)
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
type MergeOptions struct {
	By     string    // who decided (a user name, or "newsgraph duplicates --auto")
	Reason string    // why: the evidence
	At     time.Time // when; zero means now
}

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
	t, err := s.loadMerges(ctx)
	if err != nil {
		return MergeInfo{}, err
	}
	if m, ok := t.byFrom[keyOfValue(other)]; ok {
		return MergeInfo{}, fmt.Errorf("merge: %s is already merged into %s (%s): unmerge it first", other, m.Into, m.IRI)
	}
	if keyOfValue(t.root(keep)) == keyOfValue(other) || keep == other {
		return MergeInfo{}, fmt.Errorf("merge: %s and %s are already one entity", keep, other)
	}
	at := o.At
	if at.IsZero() {
		at = time.Now()
	}
	by := o.By
	if by == "" {
		by = "unknown"
	}
	m := &MergeInfo{Merged: other, Into: keep, By: by, At: at.UTC().Format(time.RFC3339), Reason: o.Reason}
	h := sha256.Sum256([]byte(string(other) + "\x00" + string(keep) + "\x00" + m.At + "\x00" + by))
	m.IRI = quad.IRI("ng:merge/" + hex.EncodeToString(h[:])[:16])
	if _, dup := t.byIRI[string(m.IRI)]; dup {
		return MergeInfo{}, fmt.Errorf("merge: %s exists", m.IRI)
	}

	var deltas []cgraph.Delta
	for _, q := range m.record() {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	t.byIRI[string(m.IRI)] = m
	t.byFrom[keyOfValue(other)] = m
	// The new merge has no projections yet; those of merges into other move with it.
	more, err := s.refreshDeltas(ctx, t, t.affected(m))
	if err != nil {
		return MergeInfo{}, err
	}
	if err := s.applyDeltas(append(deltas, more...)); err != nil {
		return MergeInfo{}, fmt.Errorf("merge: %w", err)
	}
	out := *m
	out.Root, _ = t.root(other).(quad.IRI)
	out.Quads, _ = s.countMergeQuads(ctx, m)
	return out, nil
}

// record is the quads that say what the merge is (without ng:projectedOnto, which
// refreshMerges keeps).
func (m *MergeInfo) record() []quad.Quad {
	l := m.IRI
	qs := []quad.Quad{
		{Subject: l, Predicate: iriType, Object: iriMerge, Label: l},
		{Subject: l, Predicate: iriMerged, Object: m.Merged, Label: l},
		{Subject: l, Predicate: iriMergedInto, Object: m.Into, Label: l},
		{Subject: l, Predicate: iriMergedBy, Object: quad.String(m.By), Label: l},
		{Subject: l, Predicate: iriMergedAt, Object: quad.String(m.At), Label: l},
		{Subject: m.Merged, Predicate: iriSameAs, Object: m.Into, Label: l},
	}
	if m.Reason != "" {
		qs = append(qs, quad.Quad{Subject: l, Predicate: iriReason, Object: quad.String(m.Reason), Label: l})
	}
	return qs
}

// affected returns the merges whose projections may change when m is added or removed: m and
// every merge whose chain passes through m's merged entity.
func (t *mergeTable) affected(m *MergeInfo) []*MergeInfo {
	out := []*MergeInfo{}
	if _, ok := t.byIRI[string(m.IRI)]; ok {
		out = append(out, m)
	}
	mk := keyOfValue(m.Merged)
	for _, x := range t.byIRI {
		if x == m {
			continue
		}
		for v, i := quad.Value(x.Merged), 0; i <= len(t.byFrom); i++ {
			if keyOfValue(v) == mk {
				out = append(out, x)
				break
			}
			next, ok := t.byFrom[keyOfValue(v)]
			if !ok {
				break
			}
			v = next.Into
		}
	}
	return out
}

// Unmerge deletes a merge: every quad labelled with it. The graph is then what it would be had
// the merge never been made. merge is the merge's IRI, or the IRI of the entity it merged away.
func (s *Store) Unmerge(ctx context.Context, merge quad.IRI) (MergeInfo, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	t, err := s.loadMerges(ctx)
	if err != nil {
		return MergeInfo{}, err
	}
	m, ok := t.byIRI[string(merge)]
	if !ok {
		if m, ok = t.byFrom[keyOfValue(merge)]; !ok {
			return MergeInfo{}, fmt.Errorf("unmerge: no merge %s, and no merge of an entity %s: %w", merge, merge, ErrNotFound)
		}
	}
	old, err := s.mergeQuads(ctx, m)
	if err != nil {
		return MergeInfo{}, err
	}
	var deltas []cgraph.Delta
	for _, q := range old {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	children := t.affected(m)
	delete(t.byIRI, string(m.IRI))
	delete(t.byFrom, keyOfValue(m.Merged))
	var rest []*MergeInfo
	for _, c := range children {
		if c != m {
			rest = append(rest, c)
		}
	}
	more, err := s.refreshDeltas(ctx, t, rest)
	if err != nil {
		return MergeInfo{}, err
	}
	if err := s.applyDeltas(append(deltas, more...)); err != nil {
		return MergeInfo{}, fmt.Errorf("unmerge: %w", err)
	}
	out := *m
	out.Quads = len(old)
	return out, nil
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
	if err := s.quads(ctx, quad.Subject, m.Merged, iriSameAs, keep); err != nil {
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
	if m.Root == "" {
		return nil, nil
	}
	label := keyOfValue(m.IRI)
	rec := map[quadKey]bool{}
	for _, q := range m.record() {
		rec[keyOf(q)] = true
	}
	rec[keyOf(m.ontoQuad(m.Root))] = true
	seen := map[quadKey]bool{}
	var out []quad.Quad
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.quads(ctx, d, m.Root, nil, func(q quad.Quad) bool {
			k := keyOf(q)
			if keyOfValue(q.Label) == label && !rec[k] && !seen[k] {
				seen[k] = true
				out = append(out, q)
			}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (m *MergeInfo) ontoQuad(root quad.IRI) quad.Quad {
	return quad.Quad{Subject: m.IRI, Predicate: iriProjectedOnto, Object: root, Label: m.IRI}
}

// desiredProjections computes what m projects given the articles' quads about m.Merged and the
// merge table t: each such quad with every merged node replaced by its root, labelled m.
func (s *Store) desiredProjections(ctx context.Context, t *mergeTable, m *MergeInfo) ([]quad.Quad, error) {
	seen := map[quadKey]bool{}
	var out []quad.Quad
	mapNode := func(v quad.Value) (quad.Value, bool) {
		if _, ok := v.(quad.IRI); !ok {
			return v, false
		}
		r := t.root(v)
		return r, keyOfValue(r) != keyOfValue(v)
	}
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.quads(ctx, d, m.Merged, nil, func(q quad.Quad) bool {
			if isMergeLabel(q.Label) {
				return true
			}
			sub, sm := mapNode(q.Subject)
			obj, _ := mapNode(q.Object)
			p := q.Predicate
			if sm && keyOfValue(p) == keyOfValue(iriName) {
				p = iriAlternateName
			}
			pq := quad.Quad{Subject: sub, Predicate: p, Object: obj, Label: m.IRI}
			if k := keyOf(pq); !seen[k] {
				seen[k] = true
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
		root, _ := t.root(m.Merged).(quad.IRI)
		if root != m.Root {
			if m.Root != "" {
				deltas = append(deltas, cgraph.Delta{Quad: m.ontoQuad(m.Root), Action: cgraph.Delete})
			}
			deltas = append(deltas, cgraph.Delta{Quad: m.ontoQuad(root), Action: cgraph.Add})
			m.Root = root
		}
		deltas = appendDiff(deltas, cur, want)
	}
	return deltas, nil
}

// refreshMergesTouching brings up to date the merges whose merged entity is among nodes (after
// articles that mention them were written or forgotten).
func (s *Store) refreshMergesTouching(ctx context.Context, t *mergeTable, nodes map[string]bool) error {
	if t.empty() {
		return nil
	}
	var ms []*MergeInfo
	for k, m := range t.byFrom {
		if nodes[k] {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return nil
	}
	slices.SortFunc(ms, func(a, b *MergeInfo) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	deltas, err := s.refreshDeltas(ctx, t, ms)
	if err != nil {
		return fmt.Errorf("refresh merges: %w", err)
	}
	if len(deltas) == 0 {
		return nil
	}
	if err := s.applyDeltas(deltas); err != nil {
		return fmt.Errorf("refresh merges: %w", err)
	}
	return nil
}
