package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/query"
	"github.com/newsgraph/newsgraph/internal/gizmo" // registers the "gizmo" language, with limits
)

// Query runs a Gizmo query and returns its results collated as JSON values
// (what Cayley's HTTP API answers). limit caps the number of results; 0 or
// less means no cap. The query stops when ctx is done (its deadline bounds
// even a query that never yields, such as `while(true){}`), and the error
// then wraps ctx.Err().
//
// Results that have no JSON value (such as the value of a script's last
// expression) are left out: wrap a bare Count() in g.emit(...).
func (s *Store) Query(ctx context.Context, gizmo string, limit int) ([]any, error) {
	lang := query.GetLanguage("gizmo")
	if lang == nil {
		return nil, errors.New("gizmo query: language not registered")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("gizmo query: %w", err)
	}
	// Execute ignores its context; Next is what watches ctx.
	it, err := lang.Session(s.qs).Execute(ctx, gizmo, query.Options{
		Collation: query.JSON,
		Limit:     max(limit, 0),
	})
	if err != nil {
		return nil, fmt.Errorf("gizmo query: %w", err)
	}
	defer it.Close()
	out := []any{}
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			out = append(out, r)
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("gizmo query: %w", err)
	}
	return out, nil
}

// Stats returns the number of quads in the store.
func (s *Store) Stats(ctx context.Context) (quads int64, err error) {
	st, err := s.qs.Stats(ctx, false)
	if errors.Is(err, kv.ErrNoBucket) {
		return 0, nil // a new database, never written to
	}
	if err != nil {
		return 0, fmt.Errorf("store stats: %w", err)
	}
	return st.Quads.Value, nil
}

// Dump writes all quads as N-Quads lines, labels included, sorted, so that
// two stores' states can be compared as text.
func (s *Store) Dump(w io.Writer) error {
	ctx := context.Background()
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	var lines []string
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("dump: %w", err)
		}
		lines = append(lines, q.NQuad())
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	slices.Sort(lines)
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	return nil
}

// Explain returns the plan of each path final of a Gizmo query (see gizmo.Plan) without
// running it.
func (s *Store) Explain(ctx context.Context, gizmoQuery string) ([]gizmo.Plan, error) {
	plans, err := gizmo.Explain(ctx, s.qs, gizmoQuery)
	if err != nil {
		return nil, fmt.Errorf("gizmo explain: %w", err)
	}
	return plans, nil
}
