// Package mergetable is a store's merge table: every merge decision (entity B is entity A),
// read at once from the merges' records, and what follows from them without reading the
// quads: the entity each merged one now is part of (Root), the merges under an entity, a new
// merge's IRI and record, the projection of an article's quad about a merged entity, the
// table's fingerprint and its saved form. Package store reads the table from the quads, keeps
// it per Store and writes the merges; see store/merge.go for how a merge is stored.
package mergetable

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/rdf"
	"github.com/newsgraph/newsgraph/store/terms"
)

// Merge is one merge decision.
type Merge struct {
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
	// (Each followed by a NUL: a string keeps Merge comparable.)
	stale string
}

// Roots is every node m's projections may be on: Root, then the stale roots.
func (m *Merge) Roots() []quad.IRI {
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

// Reroot makes root m's only root. It returns the roots m had other than root (whose
// ng:projectedOnto quads go) and whether anything changed (when so, root's goes in).
func (m *Merge) Reroot(root quad.IRI) (gone []quad.IRI, changed bool) {
	if root == m.Root && m.stale == "" {
		return nil, false
	}
	for _, r := range m.Roots() {
		if r != root {
			gone = append(gone, r)
		}
	}
	m.Root, m.stale = root, ""
	return gone, true
}

// Record is the quads that say what the merge is (without ng:projectedOnto, which the
// merges' refresh keeps: OntoQuad).
func (m *Merge) Record() []quad.Quad {
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

// OntoQuad is the quad that records root as the node m's projections are on.
func (m *Merge) OntoQuad(root quad.IRI) quad.Quad {
	return quad.Quad{Subject: m.IRI, Predicate: terms.ProjectedOnto, Object: root, Label: m.IRI}
}

// FromQuads reads the merge iri from its node's quads, in the order they were written; nil
// when they are not a merge newsgraph made.
func FromQuads(iri quad.IRI, qs []quad.Quad) *Merge {
	m := &Merge{IRI: iri}
	for _, q := range qs {
		if key(q.Label) != key(iri) {
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
			m.By = rdf.Text(q.Object)
		case terms.MergedAt:
			m.At = rdf.Text(q.Object)
		case terms.Reason:
			m.Reason = rdf.Text(q.Object)
		}
	}
	if m.Merged == "" || m.Into == "" {
		return nil
	}
	return m
}

// IsLabel tells whether a quad's label is a merge's (a projection the merge added, or its
// record), not an article's.
func IsLabel(v quad.Value) bool {
	iri, ok := v.(quad.IRI)
	return ok && strings.HasPrefix(string(iri), "ng:merge/")
}

// LoadBy is who the merges that loads make are recorded as made by (the links of one-word
// people to the person they are: extract.Linker). Such a merge goes when its merged entity
// does (the article that named it forgotten or replaced), so that forgetting an article
// gives back the graph as it was before it was loaded.
const LoadBy = "newsgraph load"

// Options say who merges and why.
type Options struct {
	By     string    // who decided (a user name, or "newsgraph duplicates --auto")
	Reason string    // why: the evidence
	At     time.Time // when; zero means now
}

// Table is every merge of a store, read at once. A table shared by readers must not be
// changed; writers change a Clone. A nil Table has no merges.
type Table struct {
	byIRI  map[string]*Merge
	byFrom map[string]*Merge   // merged entity -> its merge
	byInto map[string][]*Merge // entity -> the merges into it
	// fp caches Fingerprint() (every card asks for it; 10,000 merges are sorted to make it)
	// while fpSet holds; Add and Remove clear it.
	fp    atomic.Uint64
	fpSet atomic.Bool
}

// New returns an empty table.
func New() *Table {
	return &Table{byIRI: map[string]*Merge{}, byFrom: map[string]*Merge{}, byInto: map[string][]*Merge{}}
}

// Empty tells whether t has no merges.
func (t *Table) Empty() bool { return t == nil || len(t.byIRI) == 0 }

// Add adds m.
func (t *Table) Add(m *Merge) {
	t.fpSet.Store(false)
	t.byIRI[string(m.IRI)] = m
	t.byFrom[key(m.Merged)] = m
	k := key(m.Into)
	t.byInto[k] = append(t.byInto[k], m)
}

// Remove removes m.
func (t *Table) Remove(m *Merge) {
	t.fpSet.Store(false)
	delete(t.byIRI, string(m.IRI))
	delete(t.byFrom, key(m.Merged))
	k := key(m.Into)
	t.byInto[k] = slices.DeleteFunc(t.byInto[k], func(x *Merge) bool { return x == m })
	if len(t.byInto[k]) == 0 {
		delete(t.byInto, k)
	}
}

// Clone copies the table and its merges, for a writer to change.
func (t *Table) Clone() *Table {
	c := New()
	for _, m := range t.byIRI {
		mc := *m
		c.Add(&mc)
	}
	return c
}

// All is every merge, in no order.
func (t *Table) All() []*Merge {
	if t == nil {
		return nil
	}
	out := make([]*Merge, 0, len(t.byIRI))
	for _, m := range t.byIRI {
		out = append(out, m)
	}
	return out
}

// ByIRI is the merge iri, or nil.
func (t *Table) ByIRI(iri quad.IRI) *Merge {
	if t == nil {
		return nil
	}
	return t.byIRI[string(iri)]
}

// Of is the merge that merged node away, or nil.
func (t *Table) Of(node quad.Value) *Merge {
	if t == nil {
		return nil
	}
	return t.byFrom[key(node)]
}

// OfKey is Of for the node whose key (its String, as Cayley identifies it) is k.
func (t *Table) OfKey(k string) *Merge {
	if t == nil {
		return nil
	}
	return t.byFrom[k]
}

// Into is the merges into node, in the order they were added.
func (t *Table) Into(node quad.Value) []*Merge {
	if t == nil {
		return nil
	}
	return t.byInto[key(node)]
}

// Root follows merged -> into links to the entity that carries everything.
func (t *Table) Root(v quad.Value) quad.Value {
	if t == nil {
		return v
	}
	for i := 0; i <= len(t.byFrom); i++ {
		m, ok := t.byFrom[key(v)]
		if !ok {
			return v
		}
		v = m.Into
	}
	return v // a cycle (cannot be made through Merge): stop
}

// Under returns the merges whose chain leads into the entity v, nearest first.
func (t *Table) Under(v quad.Value) []*Merge {
	var out []*Merge
	seen := map[string]bool{key(v): true}
	queue := []string{key(v)}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		for _, m := range t.byInto[k] {
			mk := key(m.Merged)
			if !seen[mk] {
				seen[mk] = true
				out = append(out, m)
				queue = append(queue, mk)
			}
		}
	}
	return out
}

// Members is Cluster's entities that are IRIs, the root first.
func (t *Table) Members(root quad.Value) []quad.IRI {
	var out []quad.IRI
	for _, m := range t.Cluster(root) {
		if iri, ok := m.(quad.IRI); ok {
			out = append(out, iri)
		}
	}
	return out
}

// Cluster returns the entities whose root is root, root first.
func (t *Table) Cluster(root quad.Value) []quad.Value {
	out := []quad.Value{root}
	more := t.Under(root)
	slices.SortFunc(more, func(a, b *Merge) int { return strings.Compare(key(a.Merged), key(b.Merged)) })
	for _, m := range more {
		out = append(out, m.Merged)
	}
	return out
}

// NewMerge checks that other may be merged into keep and returns the merge, not yet in t.
func (t *Table) NewMerge(keep, other quad.IRI, o Options) (*Merge, error) {
	if m, ok := t.byFrom[key(other)]; ok {
		return nil, fmt.Errorf("merge: %s is already merged into %s (%s): unmerge it first", other, m.Into, m.IRI)
	}
	if key(t.Root(keep)) == key(other) || keep == other {
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
	m := &Merge{Merged: other, Into: keep, By: by, At: when.UTC().Format(time.RFC3339), Reason: o.Reason}
	at := m.At
	if by == LoadBy {
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

// Affected returns the merges whose projections may change when m is added or removed: m and
// every merge whose chain passes through m's merged entity.
func (t *Table) Affected(m *Merge) []*Merge {
	out := []*Merge{}
	if _, ok := t.byIRI[string(m.IRI)]; ok {
		out = append(out, m)
	}
	return append(out, t.Under(m.Merged)...)
}

// Project is what m makes of an article's quad about its merged entity: the quad with every
// merged node replaced by its root, labelled m (a merged node's name becomes an alternate name).
func (t *Table) Project(m *Merge, q quad.Quad) quad.Quad {
	mapNode := func(v quad.Value) (quad.Value, bool) {
		if _, ok := v.(quad.IRI); !ok {
			return v, false
		}
		r := t.Root(v)
		return r, key(r) != key(v)
	}
	sub, sm := mapNode(q.Subject)
	obj, _ := mapNode(q.Object)
	p := q.Predicate
	if sm && key(p) == key(terms.Name) {
		p = terms.AlternateName
	}
	return quad.Quad{Subject: sub, Predicate: p, Object: obj, Label: m.IRI}
}

// Fingerprint identifies the merges in t (0 when there are none).
func (t *Table) Fingerprint() uint64 {
	if t.Empty() {
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

// Decode is the table Encode encoded.
func Decode(v []byte) (*Table, error) {
	var list []Merge
	if err := gob.NewDecoder(bytes.NewReader(v)).Decode(&list); err != nil {
		return nil, err
	}
	t := New()
	for i := range list {
		t.Add(&list[i])
	}
	return t, nil
}

// Encode encodes t's merges as they are saved (by the card index, and on PostgreSQL with the
// explorer's snapshot: store/cards/postgres_explore.go): in the order of their IRIs.
func Encode(t *Table) ([]byte, error) {
	list := make([]Merge, 0, len(t.byIRI))
	for _, m := range t.byIRI {
		mi := *m
		mi.Quads = 0 // (not a merge's record: reading the merges leaves it 0)
		list = append(list, mi)
	}
	slices.SortFunc(list, func(a, b Merge) int { return strings.Compare(string(a.IRI), string(b.IRI)) })
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(list); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// key identifies a value as Cayley does: by its String.
func key(v quad.Value) string {
	if v == nil {
		return ""
	}
	return v.String()
}
