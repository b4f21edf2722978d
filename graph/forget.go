package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// ForgetStats counts what Forget did.
type ForgetStats struct {
	Articles int // articles removed
	Missing  int // articles asked for that were not stored
	Quads    int // quads removed (the articles' own)
}

// Forget removes articles: every quad labelled with an article's IRI, in one transaction per
// article. Since every quad an article supports carries its label, and the same triple stated
// by another article carries that article's label, this removes exactly what the article alone
// supports: an entity no other article mentions has no quad left and leaves the graph (bolt
// keeps reference counts on nodes). Links other articles hold to it (their ng:copyOf) are
// theirs and stay. Merges whose entities it mentioned are brought up to date.
//
// Forgetting an article and loading it again gives the same graph, and loading an article then
// forgetting it gives back the graph as it was before.
func (s *Store) Forget(ctx context.Context, articles ...quad.IRI) (ForgetStats, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	var st ForgetStats
	t, err := s.mergesForWrite(ctx)
	if err != nil {
		return st, err
	}
	touched := map[string]bool{}
	for _, iri := range articles {
		if isMergeLabel(iri) {
			return st, fmt.Errorf("forget %s: a merge, not an article: use unmerge", iri)
		}
		old, err := s.labelled(ctx, iri)
		if err != nil {
			return st, fmt.Errorf("forget %s: %w", iri, err)
		}
		if len(old) == 0 {
			st.Missing++
			continue
		}
		deltas := make([]cgraph.Delta, 0, len(old))
		for _, q := range old {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			if !t.empty() {
				touched[keyOfValue(q.Subject)] = true
				touched[keyOfValue(q.Object)] = true
			}
		}
		keep, err := s.cards.begin()
		if err != nil {
			return st, fmt.Errorf("forget %s: %w", iri, err)
		}
		if err := s.applyDeltas(deltas); err != nil {
			s.dropMerges()
			return st, fmt.Errorf("forget %s: %w", iri, err)
		}
		if err := s.cards.finish(keep, []articleChange{{article: iri, old: old}}); err != nil {
			return st, fmt.Errorf("forget %s: %w", iri, err)
		}
		st.Articles++
		st.Quads += len(old)
	}
	if err := s.refreshMergesTouching(ctx, t, touched); err != nil {
		s.dropMerges()
		return st, err
	}
	s.keepMerges(t)
	return st, s.refreshDigestsEvery(ctx)
}
