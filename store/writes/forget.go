package writes

import (
	"context"
	"fmt"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/mergetable"
)

// ForgetStats counts what Forget did.
type ForgetStats struct {
	Articles int // articles removed
	Missing  int // articles asked for that were not stored
	Quads    int // quads removed (the articles' own)
}

// ForgetChunk is how many articles Forget reads and deletes together: the nodes they share
// (a country every article mentions) are read once per chunk, not once per article. A
// variable for tests, which make it small to kill a forget between its chunks.
var ForgetChunk = 200

// Forget removes articles: every quad labelled with an article's IRI. Since every quad an
// article supports carries its label, and the same triple stated by another article carries
// that article's label, this removes exactly what the article alone supports: an entity no
// other article mentions has no quad left and leaves the graph (bolt keeps reference counts
// on nodes). Merges whose entities it mentioned are brought up to date. Wire copies of a
// forgotten article are re-pointed (see repointCopies).
//
// Articles go in chunks, each all-or-nothing under SIGKILL (see the journal, journal.go): a chunk
// a killed forget began is completed by the next writer, and forgetting the same articles
// again then finishes the rest. Forgetting an article and loading it again gives the same
// graph (but for its copies, see repointCopies), and loading an article then forgetting it
// gives back the graph as it was before.
func Forget(ctx context.Context, store Store, articles ...quad.IRI) (ForgetStats, error) {
	s := writer{store}
	s.Lock()
	defer s.Unlock()
	var st ForgetStats
	for _, iri := range articles {
		if mergetable.IsLabel(iri) {
			return st, fmt.Errorf("forget %s: a merge, not an article: use unmerge", iri)
		}
	}
	t, err := s.mergesForWrite(ctx)
	if err != nil {
		return st, err
	}
	seen := map[quad.IRI]bool{}
	var unique []quad.IRI
	for _, iri := range articles {
		if !seen[iri] {
			seen[iri] = true
			unique = append(unique, iri)
		}
	}
	for chunk := range slices.Chunk(unique, ForgetChunk) {
		if err := s.forgetChunk(ctx, t, chunk, &st); err != nil {
			s.DropMerges()
			return st, err
		}
	}
	s.KeepMerges(t)
	return st, s.RefreshDigests(ctx, true)
}

func (s writer) forgetChunk(ctx context.Context, t *mergeTable, arts []quad.IRI, st *ForgetStats) error {
	old, err := s.articleQuads(ctx, arts)
	if err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	var j journal
	var n int
	for _, iri := range arts {
		if len(old[iri]) == 0 {
			st.Missing++
			continue
		}
		j.forget = append(j.forget, iri)
		n += len(old[iri])
	}
	if len(j.forget) == 0 {
		return nil
	}
	j.refresh = mergesTouching(t, old)
	if err := s.journaled(ctx, t, j, nil, old); err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	st.Articles += len(j.forget)
	st.Quads += n
	return nil
}

// mergesTouching returns the merges whose merged entity is a subject or object of the quads.
func mergesTouching(t *mergeTable, quads map[quad.IRI][]quad.Quad) []quad.IRI {
	if t.Empty() {
		return nil
	}
	var out []quad.IRI
	for _, qs := range quads {
		for _, q := range qs {
			for _, v := range []quad.Value{q.Subject, q.Object} {
				if m := t.Of(v); m != nil && !slices.Contains(out, m.IRI) {
					out = append(out, m.IRI)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// articleQuads returns the stored quads labelled with each of the articles. Cayley's kv stores
// index quads by subject and by object, not by label (asking by label reads every quad of the
// store), so they are found by walking from the articles along the quads they label: every
// quad of an article is about the article, or about a node one of its quads names (the
// entities it mentions, its statements' nodes, which name the article).
func (s writer) articleQuads(ctx context.Context, arts []quad.IRI) (map[quad.IRI][]quad.Quad, error) {
	labels := make(map[string]quad.IRI, len(arts))
	visited := map[string]bool{}
	var queue []quad.Value
	for _, a := range arts {
		labels[key(a)] = a
		visited[key(a)] = true
		queue = append(queue, a)
	}
	out := map[quad.IRI][]quad.Quad{}
	seen := map[quadKey]bool{}
	visit := func(q quad.Quad) bool {
		a, ok := labels[key(q.Label)]
		if !ok {
			return true
		}
		if k := keyOf(q); !seen[k] {
			seen[k] = true
			out[a] = append(out[a], q)
		}
		for _, v := range []quad.Value{q.Subject, q.Object} {
			if k := key(v); isNode(v) && !visited[k] {
				visited[k] = true
				queue = append(queue, v)
			}
		}
		return true
	}
	for len(queue) > 0 {
		n := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, d := range []quad.Direction{quad.Subject, quad.Object} {
			if err := s.Quads(ctx, d, n, nil, visit); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func isNode(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return true
	}
	return false
}
