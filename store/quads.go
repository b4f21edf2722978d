package store

import (
	"context"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/rdf"
)

// Reading every quad, or every quad of a predicate: for exports and the server's reads.

// EachQuad calls fn with every stored quad, in the store's order; an error of fn stops it.
func (s *Store) EachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return err
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return it.Err()
}

// RDFMapper returns a mapper to the RDF form (package rdf) that has learnt the store's node
// types and statements, for a reader that maps some of the quads (the server's /api/v2/read)
// rather than all of them in memory as Export does.
func (s *Store) RDFMapper(ctx context.Context) (*rdf.Mapper, error) {
	m := rdf.NewMapper(nil)
	for _, p := range rdf.LearnPredicates {
		if err := s.quadsOf(ctx, p, func(q quad.Quad) { m.Learn(q) }); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// quadsOf calls fn with every quad whose predicate is p.
func (s *Store) quadsOf(ctx context.Context, p quad.IRI, fn func(quad.Quad)) error {
	ref, err := s.qs.ValueOf(p)
	if err != nil || ref == nil {
		return err
	}
	it := s.qs.QuadIterator(quad.Predicate, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return err
		}
		fn(q)
	}
	return it.Err()
}
