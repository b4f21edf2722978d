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
	return tableString(t), tableString(b), nil
}

// tableString is every merge of t with its stale roots, and the order of the merges into each
// entity.
func tableString(t *mergeTable) string {
	var lines []string
	for _, m := range t.All() {
		stale := ""
		for _, r := range m.Roots() {
			if r != m.Root {
				stale += string(r) + "\x00"
			}
		}
		lines = append(lines, fmt.Sprintf("%s merged=%s into=%s root=%s by=%q at=%q reason=%q stale=%q",
			m.IRI, m.Merged, m.Into, m.Root, m.By, m.At, m.Reason, stale))
		var iris []string
		for _, m := range t.Into(m.Into) {
			iris = append(iris, string(m.IRI))
		}
		lines = append(lines, fmt.Sprintf("into %s: %s", m.Into, strings.Join(iris, " ")))
	}
	slices.Sort(lines)
	return strings.Join(slices.Compact(lines), "\n")
}

// AddRawQuads writes quads as they are, past every rule of WriteArticles.
func AddRawQuads(s *Store, qs ...quad.Quad) error {
	var ds []cgraph.Delta
	for _, q := range qs {
		ds = append(ds, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	return s.qs.ApplyDeltas(ds, cgraph.IgnoreOpts{IgnoreDup: true})
}
