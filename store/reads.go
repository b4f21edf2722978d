package store

import (
	"context"
	"database/sql"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/mergetable"
)

// The reads that packages built on the store (store/cards, store/curate) make of it: a node's quads,
// subjects and objects through the store's index lookups (access.go), and the merge
// table. They read the quads as stored: an entity merged away is still there, and the
// projections merges add carry a merge's label (IsMergeLabel).

// Out returns the quads node -pred-> ?, every label; pred "" is any predicate.
func (s *Store) Out(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	return s.out(ctx, node, pred)
}

// Subjects returns the distinct subjects of ? -pred-> node.
func (s *Store) Subjects(ctx context.Context, pred quad.IRI, node quad.Value) ([]quad.Value, error) {
	return s.subjects(ctx, pred, node)
}

// In returns the quads ? -pred-> node, every label; pred "" is any predicate.
func (s *Store) In(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	return s.in(ctx, node, pred)
}

// Quads calls fn with every quad whose direction dir (Subject or Object) is node and, when pred
// is not nil, whose predicate is pred, until fn returns false: what Out and In collect, read
// one at a time (a hub has a quad per article that names it).
func (s *Store) Quads(ctx context.Context, dir quad.Direction, node quad.Value, pred quad.Value, fn func(quad.Quad) bool) error {
	return s.quads(ctx, dir, node, pred, fn)
}

// QuadLabels returns the distinct labels of the quads subj -pred-> obj.
func (s *Store) QuadLabels(ctx context.Context, subj quad.Value, pred quad.IRI, obj quad.Value) ([]quad.Value, error) {
	return s.labels(ctx, subj, pred, obj)
}

// Has tells whether the store has any quad about node (as subject or object).
func (s *Store) Has(ctx context.Context, node quad.Value) (bool, error) { return s.has(ctx, node) }

// Objects returns the distinct objects of node -pred-> ?, in the order found.
func (s *Store) Objects(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	return s.objects(ctx, node, pred)
}

// OwnValues returns the distinct objects of node -pred-> ? stated by articles (not by
// merges), sorted.
func (s *Store) OwnValues(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	return s.ownValues(ctx, node, pred)
}

// FirstValue returns the first object of node -pred-> ? that an article (not a merge)
// states, or nil.
func (s *Store) FirstValue(ctx context.Context, node quad.Value, pred quad.IRI) (quad.Value, error) {
	return s.firstValue(ctx, node, pred)
}

// IsMergeLabel tells whether a quad's label is a merge's (a projection the merge added),
// not an article's.
func IsMergeLabel(v quad.Value) bool { return isMergeLabel(v) }

// A MergeView is the store's merge table as it stood when read (MergeView): which entity
// each merged one now is part of.
type MergeView struct{ t *mergeTable }

// MergeView reads the merge table (cached by the Store until the next merge, unmerge or
// foreign write).
func (s *Store) MergeView(ctx context.Context) (MergeView, error) {
	t, err := s.loadMerges(ctx)
	return MergeView{t}, err
}

// Root is the entity v is part of after every merge: v itself when it was not merged away.
func (v MergeView) Root(node quad.Value) quad.Value { return v.t.Root(node) }

// MergedAway tells whether node was merged into another entity.
func (v MergeView) MergedAway(node quad.Value) bool {
	return v.t.Of(node) != nil
}

// Under returns the merges whose chain leads into the entity node, nearest first.
func (v MergeView) Under(node quad.Value) []*MergeInfo { return v.t.Under(node) }

// Cluster returns the entities whose root is root, root first.
func (v MergeView) Cluster(root quad.Value) []quad.Value { return v.t.Cluster(root) }

// Members is Cluster's entities that are IRIs, the root first.
func (v MergeView) Members(root quad.Value) []quad.IRI { return v.t.Members(root) }

// MergeOf is the merge that merged node away, or nil.
func (v MergeView) MergeOf(node quad.Value) *MergeInfo {
	return v.t.Of(node)
}

// MergedInto tells whether another entity was merged into node.
func (v MergeView) MergedInto(node quad.Value) bool {
	return len(v.t.Into(node)) > 0
}

// Fingerprint identifies the merges (0 when there are none): what is made under some merges
// (the card index's digests, the explorer's snapshot) records it, and is not read under others.
func (v MergeView) Fingerprint() uint64 { return v.t.Fingerprint() }

// MarshalBinary encodes the merges as the card index and the explorer's snapshot save them.
func (v MergeView) MarshalBinary() ([]byte, error) { return mergetable.Encode(v.t) }

// DecodeMergeView is the MergeView that MarshalBinary encoded.
func DecodeMergeView(b []byte) (MergeView, error) {
	t, err := mergetable.Decode(b)
	return MergeView{t}, err
}

// Writes counts this process's writes to the quads through the Store. On a backend only this
// Store writes (Exclusive), what was derived from the quads at the same count is current.
func (s *Store) Writes() int64 { return s.writes.Load() }

// Exclusive tells whether no other process can write the quads while the Store is open (bolt:
// its lock).
func (s *Store) Exclusive() bool { return s.side.exclusive() }

// Writer tells whether the Store is a writer's (a load's, forget's or merge's: its writes took
// the write lock, or Open was given BulkLoad), which saves what it derives from the quads for
// the commands that follow when the saved one is stale.
func (s *Store) Writer() bool { return s.writeMu.writer.Load() }

// SQLTables is the PostgreSQL database whose tables hold the quads (store/postgres), which
// readers may query with a few set-based SELECTs of its dialect instead of lookups per node;
// nil on other backends.
func (s *Store) SQLTables() *sql.DB {
	if pg, ok := s.qs.(pgTables); ok {
		return pg.DB()
	}
	return nil
}

// ReadMergesSQL reads the merge table from Cayley's tables in PostgreSQL (SQLTables), in the
// transaction tx, so that it is that of the quads tx reads.
func ReadMergesSQL(ctx context.Context, tx *sql.Tx) (MergeView, error) {
	t, err := pgReadMerges(ctx, tx, nil)
	return MergeView{t}, err
}

// Ref names a node.
type Ref struct {
	ID   quad.IRI `json:"id"`
	Name string   `json:"name,omitempty"`
}

// MergesFromQuads reads the merge table from the quads, past the Store's cache and the copy
// the card index saves, for checks that they agree.
func (s *Store) MergesFromQuads(ctx context.Context) (MergeView, error) {
	t, err := s.readMerges(ctx)
	return MergeView{t}, err
}

// ValueKey identifies a value as Cayley does (and the store does): by its String; "" for none.
func ValueKey(v quad.Value) string { return keyOfValue(v) }

// DistinctValues is the distinct values of the quads' direction d, in the order found.
func DistinctValues(qs []quad.Quad, d quad.Direction) []quad.Value { return distinct(qs, d) }

// HasArticle reports whether the store holds the article iri with content hash hash, so that
// a load can pass over an article it wrote before without extracting it again. It looks the
// hash up by value (one index read) rather than reading the article's quads.
func (s *Store) HasArticle(iri quad.IRI, hash string) (bool, error) {
	ctx := context.Background()
	obj, err := s.qs.ValueOf(quad.String(hash))
	if err != nil || obj == nil {
		return false, err
	}
	it := s.qs.QuadIterator(quad.Object, obj).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return false, err
		}
		if keyOfValue(q.Subject) == keyOfValue(iri) && keyOfValue(q.Predicate) == keyOfValue(ContentHash) &&
			keyOfValue(q.Label) == keyOfValue(iri) {
			return true, nil
		}
	}
	return false, it.Err()
}
