package store_test

import (
	"context"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/curate"
)

// duplicates --auto killed after any of its transactions (TestOperationsSurviveSIGKILL):
// its merges are the store's, its choice of pairs store/curate's.
func init() {
	store.KillOps["auto"] = func(ctx context.Context, s *store.Store) error {
		ds, err := curate.Duplicates(ctx, s, curate.Options{})
		if err != nil {
			return err
		}
		_, err = curate.AutoMerge(ctx, s, ds, curate.AutoMergeScore, "test")
		return err
	}
}
