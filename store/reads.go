package store

import (
	"context"

	"github.com/cayleygraph/quad"
)

// The reads that packages built on the store (store/curate) make of it: a node's quads,
// subjects and objects through the store's index lookups (access.go, lookup.go), and the merge
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
func (v MergeView) Root(node quad.Value) quad.Value { return v.t.root(node) }

// MergedAway tells whether node was merged into another entity.
func (v MergeView) MergedAway(node quad.Value) bool {
	if v.t == nil {
		return false
	}
	_, ok := v.t.byFrom[keyOfValue(node)]
	return ok
}
