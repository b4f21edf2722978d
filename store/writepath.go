package store

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/mergetable"
	"github.com/newsgraph/newsgraph/store/writes"
)

// The journaled write path is package store/writes, under the Store: its types are the
// Store's, and the Store's writes call it with what it needs of the Store (writePath).

type (
	// Article is one article's worth of quads (writes.Article).
	Article = writes.Article
	// Link says that entity From is entity To, and why (writes.Link).
	Link = writes.Link
	// WriteStats counts what WriteArticles did (writes.WriteStats).
	WriteStats = writes.WriteStats
	// WriteError is the error of a WriteArticles call that stopped (writes.WriteError).
	WriteError = writes.WriteError
	// ForgetStats counts what Forget did (writes.ForgetStats).
	ForgetStats = writes.ForgetStats
)

// ContentHash is the predicate of the quad <article> <ng:contentHash> "hash" <article> that
// WriteArticles keeps for every article it writes. Package schema documents it with the rest
// of the vocabulary.
const ContentHash = writes.ContentHash

// CopyThreshold is the estimated Jaccard similarity of two articles' word shingles from which
// the later one is recorded as a copy of the earlier one (the same wire story).
const CopyThreshold = writes.CopyThreshold

// ErrNotFound is returned (wrapped) when a name, entity, article or merge is not in the graph.
var ErrNotFound = writes.ErrNotFound

// WriteArticles writes articles idempotently, in batches of at least the store's batch size
// (DefaultBatchSize quads) per ApplyDeltas call; an article whose stored content hash equals
// its Hash is skipped, one stored with another hash replaced, all of an article's quads in one
// transaction (or two: the adds, then the deletes). See writes.WriteArticles.
func (s *Store) WriteArticles(arts []Article) (WriteStats, error) {
	return writes.WriteArticles(writePath{s}, arts)
}

// Forget removes articles: every quad labelled with an article's IRI, bringing up to date the
// merges whose entities they mention and re-pointing their wire copies. See writes.Forget.
func (s *Store) Forget(ctx context.Context, articles ...quad.IRI) (ForgetStats, error) {
	return writes.Forget(ctx, writePath{s}, articles...)
}

// Merge records that entity other is entity keep, and makes queries see one entity (see the
// comment at the top of merge.go). It fails if either has no quads, if they are already one
// entity, or if other is already merged into something (unmerge it first).
func (s *Store) Merge(ctx context.Context, keep, other quad.IRI, o MergeOptions) (MergeInfo, error) {
	return writes.Merge(ctx, writePath{s}, keep, other, o)
}

// Unmerge deletes a merge: every quad labelled with it. The graph is then what it would be had
// the merge never been made. merge is the merge's IRI, or the IRI of the entity it merged away.
func (s *Store) Unmerge(ctx context.Context, merge quad.IRI) (MergeInfo, error) {
	return writes.Unmerge(ctx, writePath{s}, merge)
}

// Recover completes an operation (forget, merge, unmerge, a load's merge refresh) that a
// killed process left half done, if any. Writers do it before they write; a writable Open
// should too, so that readers never see the half-done state.
func (s *Store) Recover(ctx context.Context) error { return writes.Recover(ctx, writePath{s}) }

// writePath is what store/writes is given of the Store (writes.Store): its exported reads, and
// these.
type writePath struct{ *Store }

func (w writePath) ApplyDeltas(deltas []cgraph.Delta) error { return w.applyDeltas(deltas) }
func (w writePath) BatchSize() int                          { return w.batch }

func (w writePath) LoadMerges(ctx context.Context) (*mergetable.Table, error) {
	return w.loadMerges(ctx)
}
func (w writePath) KeepMerges(t *mergetable.Table) { w.keepMerges(t) }
func (w writePath) DropMerges()                    { w.dropMerges() }

func (w writePath) KeepsCards() bool                   { return w.keepsCards() }
func (w writePath) BeginCards() (keep bool, err error) { return w.beginCards() }
func (w writePath) FinishCards(keep bool, changes []ArticleChange) error {
	return w.finishCards(keep, changes)
}
func (w writePath) RefreshDigests(ctx context.Context, every bool) error {
	return w.refreshDigests(ctx, every)
}

func (w writePath) Lock()        { w.writeMu.Lock() }
func (w writePath) Unlock()      { w.writeMu.Unlock() }
func (w writePath) Exclusive()   { w.writeMu.Exclusive() }
func (w writePath) Shared() bool { return w.writeMu.shared }
func (w writePath) LockArticles() writes.ArticleLocks {
	if a := w.writeMu.LockArticles(); a != nil {
		return a
	}
	return nil
}
