package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

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
	// stale are other roots recorded (ng:projectedOnto) besides Root: a refresh killed between
	// its adds and its deletes leaves the new and the old one. The next refresh clears them.
	// (Each followed by a NUL: a string keeps MergeInfo comparable.)
	stale string
}

// roots is every node m's projections may be on.
func (m *MergeInfo) roots() []quad.IRI {
	var out []quad.IRI
	if m.Root != "" {
		out = append(out, m.Root)
	}
	for _, r := range strings.Split(m.stale, "\x00") {
		if r != "" {
			out = append(out, quad.IRI(r))
		}
	}
	return out
}

// mergeTable is every merge of the store, read at once. A table a reader gets from
// loadMerges is shared and must not be changed; writers change a clone (mergesForWrite).
type mergeTable struct {
	byIRI  map[string]*MergeInfo
	byFrom map[string]*MergeInfo   // merged entity -> its merge
	byInto map[string][]*MergeInfo // entity -> the merges into it
	// fp caches fingerprint() (every card asks for it; 10,000 merges are sorted to make it)
	// while fpSet holds; add and remove clear it.
	fp    atomic.Uint64
	fpSet atomic.Bool
}

func newMergeTable() *mergeTable {
	return &mergeTable{byIRI: map[string]*MergeInfo{}, byFrom: map[string]*MergeInfo{}, byInto: map[string][]*MergeInfo{}}
}

func (t *mergeTable) empty() bool { return t == nil || len(t.byIRI) == 0 }

func (t *mergeTable) add(m *MergeInfo) {
	t.fpSet.Store(false)
	t.byIRI[string(m.IRI)] = m
	t.byFrom[keyOfValue(m.Merged)] = m
	k := keyOfValue(m.Into)
	t.byInto[k] = append(t.byInto[k], m)
}

func (t *mergeTable) remove(m *MergeInfo) {
	t.fpSet.Store(false)
	delete(t.byIRI, string(m.IRI))
	delete(t.byFrom, keyOfValue(m.Merged))
	k := keyOfValue(m.Into)
	t.byInto[k] = slices.DeleteFunc(t.byInto[k], func(x *MergeInfo) bool { return x == m })
	if len(t.byInto[k]) == 0 {
		delete(t.byInto, k)
	}
}

// clone copies the table and its merges, for a writer to change.
func (t *mergeTable) clone() *mergeTable {
	c := newMergeTable()
	for _, m := range t.byIRI {
		mc := *m
		c.add(&mc)
	}
	return c
}

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

// under returns the merges whose chain leads into the entity v, nearest first.
func (t *mergeTable) under(v quad.Value) []*MergeInfo {
	var out []*MergeInfo
	seen := map[string]bool{keyOfValue(v): true}
	queue := []string{keyOfValue(v)}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		for _, m := range t.byInto[k] {
			mk := keyOfValue(m.Merged)
			if !seen[mk] {
				seen[mk] = true
				out = append(out, m)
				queue = append(queue, mk)
			}
		}
	}
	return out
}

// members is cluster's entities (IRIs), the root first.
func (t *mergeTable) members(root quad.Value) []quad.IRI {
	var out []quad.IRI
	for _, m := range t.cluster(root) {
		if iri, ok := m.(quad.IRI); ok {
			out = append(out, iri)
		}
	}
	return out
}

// cluster returns the entities whose root is root, root first.
func (t *mergeTable) cluster(root quad.Value) []quad.Value {
	out := []quad.Value{root}
	more := t.under(root)
	slices.SortFunc(more, func(a, b *MergeInfo) int { return strings.Compare(keyOfValue(a.Merged), keyOfValue(b.Merged)) })
	for _, m := range more {
		out = append(out, m.Merged)
	}
	return out
}

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
	t = t.clone()
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

func isMergeLabel(v quad.Value) bool {
	iri, ok := v.(quad.IRI)
	return ok && strings.HasPrefix(string(iri), "ng:merge/")
}

// readMerges reads every merge record from the store.
func (s *Store) readMerges(ctx context.Context) (*mergeTable, error) {
	if pg, ok := s.qs.(pgTables); ok {
		return pgReadMerges(ctx, pg.DB()) // one SELECT, not one per merge (postgres_merges.go)
	}
	return s.readMergesByNode(ctx)
}

// readMergesByNode reads the merge nodes, then each one's quads.
func (s *Store) readMergesByNode(ctx context.Context) (*mergeTable, error) {
	t := newMergeTable()
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
		if m := mergeFromQuads(iri, qs); m != nil {
			t.add(m)
		}
	}
	return t, nil
}

// mergeFromQuads reads the merge iri from its node's quads, in the order they were written;
// nil when they are not a merge newsgraph made.
func mergeFromQuads(iri quad.IRI, qs []quad.Quad) *MergeInfo {
	m := &MergeInfo{IRI: iri}
	for _, q := range qs {
		if keyOfValue(q.Label) != keyOfValue(iri) {
			continue
		}
		switch q.Predicate {
		case terms.Merged:
			m.Merged, _ = q.Object.(quad.IRI)
		case terms.MergedInto:
			m.Into, _ = q.Object.(quad.IRI)
		case terms.ProjectedOnto:
			if r, _ := q.Object.(quad.IRI); m.Root == "" {
				m.Root = r
			} else if r != m.Root {
				m.stale += string(r) + "\x00"
			}
		case terms.MergedBy:
			m.By = str(q.Object)
		case terms.MergedAt:
			m.At = str(q.Object)
		case terms.Reason:
			m.Reason = str(q.Object)
		}
	}
	if m.Merged == "" || m.Into == "" {
		return nil
	}
	return m
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
	t, err := s.mergesForWrite(ctx)
	if err != nil {
		return MergeInfo{}, err
	}
	m, err := t.newMerge(keep, other, o)
	if err != nil {
		return MergeInfo{}, err
	}
	t.add(m)
	// The new merge has no projections yet; those of merges into other move with it. The
	// record and the journal go in one transaction: a merge is recorded iff it is completed.
	var j journal
	for _, a := range t.affected(m) {
		j.refresh = append(j.refresh, a.IRI)
	}
	if err := s.journaled(ctx, t, j, m.record(), nil); err != nil {
		s.dropMerges()
		return MergeInfo{}, fmt.Errorf("merge: %w", err)
	}
	s.keepMerges(t)
	out := *m
	out.Root, _ = t.root(other).(quad.IRI)
	out.Quads, _ = s.countMergeQuads(ctx, m)
	return out, nil
}

// newMerge checks that other may be merged into keep and returns the merge, not yet in t.
func (t *mergeTable) newMerge(keep, other quad.IRI, o MergeOptions) (*MergeInfo, error) {
	if m, ok := t.byFrom[keyOfValue(other)]; ok {
		return nil, fmt.Errorf("merge: %s is already merged into %s (%s): unmerge it first", other, m.Into, m.IRI)
	}
	if keyOfValue(t.root(keep)) == keyOfValue(other) || keep == other {
		return nil, fmt.Errorf("merge: %s and %s are already one entity", keep, other)
	}
	when := o.At
	if when.IsZero() {
		when = time.Now()
	}
	by := o.By
	if by == "" {
		by = "unknown"
	}
	m := &MergeInfo{Merged: other, Into: keep, By: by, At: when.UTC().Format(time.RFC3339), Reason: o.Reason}
	at := m.At
	if by == LoadMergeBy {
		// A load's link has the same IRI whenever the load runs: a load run again after a
		// crash labels its quads as a clean load does.
		at = ""
	}
	h := sha256.Sum256([]byte(string(other) + "\x00" + string(keep) + "\x00" + at + "\x00" + by))
	m.IRI = quad.IRI("ng:merge/" + hex.EncodeToString(h[:])[:16])
	if _, dup := t.byIRI[string(m.IRI)]; dup {
		return nil, fmt.Errorf("merge: %s exists", m.IRI)
	}
	return m, nil
}

// record is the quads that say what the merge is (without ng:projectedOnto, which
// refreshMerges keeps).
func (m *MergeInfo) record() []quad.Quad {
	l := m.IRI
	qs := []quad.Quad{
		{Subject: l, Predicate: terms.Type, Object: terms.Merge, Label: l},
		{Subject: l, Predicate: terms.Merged, Object: m.Merged, Label: l},
		{Subject: l, Predicate: terms.MergedInto, Object: m.Into, Label: l},
		{Subject: l, Predicate: terms.MergedBy, Object: quad.String(m.By), Label: l},
		{Subject: l, Predicate: terms.MergedAt, Object: quad.String(m.At), Label: l},
		{Subject: m.Merged, Predicate: terms.SameAs, Object: m.Into, Label: l},
	}
	if m.Reason != "" {
		qs = append(qs, quad.Quad{Subject: l, Predicate: terms.Reason, Object: quad.String(m.Reason), Label: l})
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
	return append(out, t.under(m.Merged)...)
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
	m, ok := t.byIRI[string(merge)]
	if !ok {
		if m, ok = t.byFrom[keyOfValue(merge)]; !ok {
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
	children := t.affected(m)
	t.remove(m)
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
	for _, q := range m.record() {
		rec[keyOf(q)] = true
	}
	for _, r := range m.roots() {
		rec[keyOf(m.ontoQuad(r))] = true
	}
	seen := map[quadKey]bool{}
	var out []quad.Quad
	for _, r := range m.roots() {
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

func (m *MergeInfo) ontoQuad(root quad.IRI) quad.Quad {
	return quad.Quad{Subject: m.IRI, Predicate: terms.ProjectedOnto, Object: root, Label: m.IRI}
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
			if pq := t.project(m, q); !seen[keyOf(pq)] {
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

// project is what m makes of an article's quad about its merged entity: the quad with every
// merged node replaced by its root, labelled m (a merged node's name becomes an alternate name).
func (t *mergeTable) project(m *MergeInfo, q quad.Quad) quad.Quad {
	mapNode := func(v quad.Value) (quad.Value, bool) {
		if _, ok := v.(quad.IRI); !ok {
			return v, false
		}
		r := t.root(v)
		return r, keyOfValue(r) != keyOfValue(v)
	}
	sub, sm := mapNode(q.Subject)
	obj, _ := mapNode(q.Object)
	p := q.Predicate
	if sm && keyOfValue(p) == keyOfValue(terms.Name) {
		p = terms.AlternateName
	}
	return quad.Quad{Subject: sub, Predicate: p, Object: obj, Label: m.IRI}
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
		if root != m.Root || len(m.stale) > 0 {
			for _, r := range m.roots() {
				if r != root {
					deltas = append(deltas, cgraph.Delta{Quad: m.ontoQuad(r), Action: cgraph.Delete})
				}
			}
			deltas = append(deltas, cgraph.Delta{Quad: m.ontoQuad(root), Action: cgraph.Add})
			m.Root, m.stale = root, ""
		}
		deltas = appendDiff(deltas, cur, want)
	}
	return deltas, nil
}

// LoadMergeBy is who the merges that loads make are recorded as made by (the links of
// one-word people to the person they are: extract.Linker). Such a merge goes when its merged
// entity does (the article that named it forgotten or replaced), so that forgetting an
// article gives back the graph as it was before it was loaded.
const LoadMergeBy = "newsgraph load"

// refreshJournaled brings up to date the merges of the journal entries j (j.refresh, each
// once: written by a load with the articles that touched them), deleting the load's merges whose merged
// entity no article mentions any more, and deletes the entries, in the same transactions:
// until they are gone, the next writer does it again (recoverJournal). t is the writer's
// table: the caller keeps it.
func (s *Store) refreshJournaled(ctx context.Context, t *mergeTable, j journal) error {
	var ms []*MergeInfo
	for _, iri := range j.refresh {
		if m, ok := t.byIRI[string(iri)]; ok {
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

// fingerprint identifies the merges in t.
func (t *mergeTable) fingerprint() uint64 {
	if t.empty() {
		return 0
	}
	if t.fpSet.Load() {
		return t.fp.Load()
	}
	defer t.fpSet.Store(true)
	keys := make([]string, 0, len(t.byIRI))
	for k := range t.byIRI {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	h := fnv.New64a()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	t.fp.Store(h.Sum64())
	return h.Sum64()
}

// decodeMerges is the merge table encodeMerges encoded.
func decodeMerges(v []byte) (*mergeTable, error) {
	var list []MergeInfo
	if err := gob.NewDecoder(bytes.NewReader(v)).Decode(&list); err != nil {
		return nil, err
	}
	t := newMergeTable()
	for i := range list {
		t.add(&list[i])
	}
	return t, nil
}

// encodeMerges encodes t's merges as they are saved (by the card index, and on PostgreSQL with
// the explorer's snapshot: store/cards/postgres_explore.go): in the order of their IRIs.
func encodeMerges(t *mergeTable) ([]byte, error) {
	list := make([]MergeInfo, 0, len(t.byIRI))
	for _, m := range t.byIRI {
		mi := *m
		mi.Quads = 0 // (not a merge's record: readMerges leaves it 0)
		list = append(list, mi)
	}
	slices.SortFunc(list, func(a, b MergeInfo) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(list); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
