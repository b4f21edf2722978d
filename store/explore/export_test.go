package explore

import (
	"context"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
)

// DropExploreIndex forgets the explore index this process built; ExploreIndexSaved tells
// whether the current one was read from its snapshot.
func DropExploreIndex(s *store.Store) {
	st := Of(s).state
	st.mu.Lock()
	st.idx = nil
	st.mu.Unlock()
}

func ExploreIndexSaved(s *store.Store) bool {
	st := Of(s).state
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.idx != nil && st.idx.saved
}

// FromQuads is s's Explorer as on a store without a card index: its index is built from the
// quads, and names are found in them (cards.Reader.WithoutIndex).
func FromQuads(s *store.Store) Explorer {
	r := cards.Of(s).WithoutIndex()
	return Explorer{s, r, &exploreState{r: r}}
}

// ExploreFromSnapshot tells whether the explorer's index s answers from was read from its
// snapshot (bolt's card index, PostgreSQL's snapshot table) rather than built.
func ExploreFromSnapshot(s *store.Store) (bool, error) {
	x, err := Of(s).exploreIndex(context.Background())
	if err != nil {
		return false, err
	}
	return x.saved, nil
}
