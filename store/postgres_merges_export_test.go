package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// MergeTables returns the merge table of s as read for a command (one SELECT on PostgreSQL)
// and as bolt reads it (the merge nodes, then each one's quads), each written out whole.
func MergeTables(ctx context.Context, s *Store) (read, byNode string, err error) {
	t, err := s.readMerges(ctx)
	if err != nil {
		return "", "", err
	}
	b, err := s.readMergesByNode(ctx)
	if err != nil {
		return "", "", err
	}
	return t.String(), b.String(), nil
}

// String is every merge with its stale roots, and the order of the merges into each entity.
func (t *mergeTable) String() string {
	var lines []string
	for _, m := range t.byIRI {
		lines = append(lines, fmt.Sprintf("%s merged=%s into=%s root=%s by=%q at=%q reason=%q stale=%q",
			m.IRI, m.Merged, m.Into, m.Root, m.By, m.At, m.Reason, m.stale))
	}
	for k, ms := range t.byInto {
		var iris []string
		for _, m := range ms {
			iris = append(iris, string(m.IRI))
		}
		lines = append(lines, fmt.Sprintf("into %s: %s", k, strings.Join(iris, " ")))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// AddRawQuads writes quads as they are, past every rule of WriteArticles.
func AddRawQuads(s *Store, qs ...quad.Quad) error {
	var ds []cgraph.Delta
	for _, q := range qs {
		ds = append(ds, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	return s.qs.ApplyDeltas(ds, cgraph.IgnoreOpts{IgnoreDup: true})
}
