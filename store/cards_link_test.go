package store_test

import (
	"context"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	_ "github.com/newsgraph/newsgraph/store/explore" // (what its Index keeps, as the program's)
)

// Linking store/cards and store/explore in gives every Store of the store's tests, internal
// ones too, its card index and the explorer's index, as the program's Stores have (see
// cardhooks_test.go).
func init() {
	store.CardSummary = func(ctx context.Context, s *store.Store, name string) (quad.IRI, string, int, int, error) {
		c, err := cards.Of(s).Card(ctx, name)
		if err != nil {
			return "", "", 0, 0, err
		}
		return c.ID, c.Name, c.Articles, len(c.Types), nil
	}
	store.Corroboration = func(ctx context.Context, s *store.Store, subj, pred quad.IRI, obj quad.Value) (int, int, error) {
		c, err := cards.Of(s).Corroboration(ctx, subj, pred, obj)
		return c.Articles, c.Copies, err
	}
}
