package export

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/rdf"
)

// eachRDFQuad reads the store and calls fn with each of its quads in RDF form, full IRIs.
func eachRDFQuad(ctx context.Context, s *store.Store, fn func(quad.Quad)) error {
	var stored []quad.Quad
	if err := s.EachQuad(ctx, func(q quad.Quad) error { stored = append(stored, q); return nil }); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	m := rdf.NewMapper(stored)
	for _, q := range stored {
		for _, r := range m.RDF(q) {
			fn(r)
		}
	}
	return nil
}
