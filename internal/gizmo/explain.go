package gizmo

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/shape"

	"github.com/newsgraph/newsgraph/internal/gizmo/planner"
)

// Plan is one iterator of a query plan: what Cayley will run for a path's final (All,
// ToArray, Count, ForEach...), with the sizes the store estimates. A plan that scans a large
// iterator to find a few results is a slow plan.
type Plan struct {
	Iterator     string `json:"iterator"`
	Size         int64  `json:"size"`
	Exact        bool   `json:"exact,omitempty"`
	NextCost     int64  `json:"nextCost,omitempty"`
	ContainsCost int64  `json:"containsCost,omitempty"`
	Children     []Plan `json:"children,omitempty"`
	// Shape is the optimized query shape the iterators were built from (top level only).
	Shape string `json:"shape,omitempty"`
}

// Explain runs program without reading any results: each final of a path records the plan
// of its iterators instead, and Explain returns them in order.
func Explain(ctx context.Context, qs graph.QuadStore, program string) ([]Plan, error) {
	s := NewSession(qs)
	s.explain = true
	it, err := s.Execute(ctx, program, query.Options{Collation: query.Raw})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	for it.Next(ctx) {
	}
	if err := it.Err(); err != nil {
		return s.plans, err
	}
	if len(s.plans) == 0 {
		return nil, errors.New("explain: the query has no path final (All, ToArray, Count, ForEach...)")
	}
	return s.plans, nil
}

// explainPath records the plan of a path's shape (optimized as iteration would optimize
// it) and gives the final an empty iterator in its place.
func (s *Session) explainPath(sh shape.Shape) iterator.Shape {
	ctx := s.context()
	it := planner.BuildIterator(ctx, s.qs, sh)
	if opt, ok := it.Optimize(ctx); ok {
		it = opt
	}
	p := describe(ctx, it, 0)
	p.Shape = fmt.Sprintf("%+v", planner.Optimize(ctx, s.qs, sh))
	s.plans = append(s.plans, p)
	return iterator.NewNull()
}

func describe(ctx context.Context, it iterator.Shape, depth int) Plan {
	p := Plan{Iterator: it.String()}
	if st, err := it.Stats(ctx); err == nil {
		p.Size, p.Exact = st.Size.Value, st.Size.Exact
		p.NextCost, p.ContainsCost = st.NextCost, st.ContainsCost
	}
	if depth < 64 {
		for _, sub := range it.SubIterators() {
			p.Children = append(p.Children, describe(ctx, sub, depth+1))
		}
	}
	return p
}
