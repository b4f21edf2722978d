package store

import (
	"context"

	"github.com/cayleygraph/quad"
)

// manyReader reads the quads of many nodes in one query (PostgreSQL: store/postgres/read.go).
type manyReader interface {
	QuadsOfPreds(ctx context.Context, dir quad.Direction, nodes []quad.Value, preds []quad.Value) (map[string][]quad.Quad, error)
}

// OutMany returns the quads node -pred-> ? of each of nodes whose predicate is one of preds
// (any predicate when preds is empty), keyed by the node's ValueKey, each node's in the
// order they were written, as Out gives them; and false, with nothing read, when the
// backend reads them no faster together than one by one (bolt, memstore: call Out). On
// PostgreSQL it is one SELECT for all the nodes, where Out is a round trip per node.
func (s *Store) OutMany(ctx context.Context, nodes []quad.Value, preds []quad.IRI) (map[string][]quad.Quad, bool, error) {
	r, ok := s.qs.(manyReader)
	if !ok {
		return nil, false, nil
	}
	ps := make([]quad.Value, 0, len(preds))
	for _, p := range preds {
		ps = append(ps, p)
	}
	out, err := r.QuadsOfPreds(ctx, quad.Subject, nodes, ps)
	return out, err == nil, err
}
