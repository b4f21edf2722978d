package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/newsgraph/newsgraph/store/mergetable"
	"github.com/newsgraph/newsgraph/store/writes"
)

// The card index (store/cards) and the explorer's index (store/explore, kept through
// store/cards) are built on the store: they read it through its exported reads (reads.go) and
// import it, so the Store cannot import them. It calls them instead through CardIndex, which
// store/cards gives every Store at Open by the opener it registers (RegisterCardIndex): its
// write path tells the card index of each write (Begin and Finish around the quads of
// articles, MarkDirty before a write it cannot follow), its Close has the digests, the merge
// table, the mark and the explorer's snapshot saved. A program that does not link store/cards
// in opens Stores without them; a bolt database it writes has its card index made again by
// the next Open for writing that has one (the index's mark no longer matches the quads:
// store/cards/cardindex/mark.go).

// A CardIndex is what store/cards keeps per Store: on bolt, the card index (cards.bolt, beside
// the quads); on every backend, the explorer's index. The Store calls the write hooks with its
// write lock held.
type CardIndex interface {
	// Kept tells whether a card index is kept beside the quads (bolt): writes around the Store
	// must then mark it dirty. The other methods do nothing when it is not.
	Kept() bool
	// Usable tells whether the index's rows match the quads (cards may read them).
	Usable() bool
	// Begin is called before a write of articles' quads: it marks the index dirty and tells
	// whether the write keeps it (a dirty index stays so until rebuilt). Finish is called once
	// the quads are written, with the articles' quads before and after.
	Begin() (keep bool, err error)
	Finish(keep bool, changes []ArticleChange) error
	// MarkDirty records, synced, that the quads are about to change in a way the index does
	// not follow (an import, Cayley's write API): it is not read until rebuilt.
	MarkDirty() error
	// Rebuild makes the index again from all the quads.
	Rebuild(ctx context.Context) error
	// SavedMerges is the merge table the index keeps between sessions (mergetable.Encode), nil
	// when none is saved or the index is not usable; SaveMerges saves one, DropSavedMerges
	// drops it (synced) before the quads first change.
	SavedMerges() []byte
	SaveMerges(table []byte) error
	DropSavedMerges() error
	// RefreshDigests makes the hubs' digests that writes made stale again; when every, only
	// once the interval RefreshHubsEvery gave has passed since the last time.
	RefreshDigests(ctx context.Context, every bool) error
	// SaveMark saves the quads' mark as they are now with the clean mark, after writes that
	// changed no rows (Close).
	SaveMark() error
	// SaveExplorer builds the explorer's index now and saves it for the next process (Close of
	// a writer): only a cache, whose failure loses nothing.
	SaveExplorer(ctx context.Context)
	// CompactedHorizon is Cayley's horizon at the database's last rewrite (compact.go), 0 when
	// none is recorded.
	CompactedHorizon() uint64
	// Close closes the index, after the quad store.
	Close() error
}

// ArticleChange is one article's quads before and after a write (either may be empty).
type ArticleChange = writes.ArticleChange

// CardIndexOptions is what Open tells the card index's opener.
type CardIndexOptions struct {
	// File is the card index's file (cards.bolt in a bolt database's folder); "" on a backend
	// that keeps none.
	File string
	// Empty: the database has no quads yet, so an index without rows is right.
	Empty bool
	// NoSync: a bulk load's (BulkLoad): the file is synced by Close.
	NoSync bool
	// ReadMostly: the Store was opened for reading (ReadMostly).
	ReadMostly bool
	// RefreshEvery is RefreshHubsEvery's interval (0: at Close only).
	RefreshEvery time.Duration
}

// openCardIndex is the opener store/cards registered; nil when it is not linked in.
var openCardIndex func(s *Store, o CardIndexOptions) (CardIndex, error)

// RegisterCardIndex registers the opener of the CardIndex every Store opened afterwards is
// given (store/cards, in its init).
func RegisterCardIndex(open func(s *Store, o CardIndexOptions) (CardIndex, error)) {
	if openCardIndex != nil {
		panic("store: card index registered twice")
	}
	openCardIndex = open
}

// CardIndex is what store/cards keeps for this Store; nil when it is not linked in.
func (s *Store) CardIndex() CardIndex { return s.cards }

// keepsCards tells whether the Store keeps a card index beside its quads (bolt, with
// store/cards linked in).
func (s *Store) keepsCards() bool { return s.cards != nil && s.cards.Kept() }

// cardsUsable tells whether the Store's card index is kept and usable.
func (s *Store) cardsUsable() bool { return s.keepsCards() && s.cards.Usable() }

// attachCards gives the Store its CardIndex, when store/cards is linked in.
func (s *Store) attachCards(o CardIndexOptions) error {
	if openCardIndex == nil {
		return nil
	}
	ix, err := openCardIndex(s, o)
	if err != nil {
		return err
	}
	s.cards = ix
	return nil
}

// beginCards and finishCards are CardIndex's Begin and Finish, when there is one.
func (s *Store) beginCards() (keep bool, err error) {
	if !s.keepsCards() {
		return false, nil
	}
	return s.cards.Begin()
}

func (s *Store) finishCards(keep bool, changes []ArticleChange) error {
	if !keep {
		return nil
	}
	return s.cards.Finish(keep, changes)
}

// markCardsDirty is CardIndex's MarkDirty, when a card index is kept.
func (s *Store) markCardsDirty() error {
	if !s.keepsCards() {
		return nil
	}
	return s.cards.MarkDirty()
}

// refreshDigests is CardIndex's RefreshDigests, when a card index is kept. The caller holds
// writeMu.
func (s *Store) refreshDigests(ctx context.Context, every bool) error {
	if !s.keepsCards() {
		return nil
	}
	return s.cards.RefreshDigests(ctx, every)
}

// saveMerges saves the store's merge table in its card index.
func (s *Store) saveMerges(ctx context.Context) error {
	if !s.cardsUsable() {
		return nil
	}
	t, err := s.loadMerges(ctx)
	if err != nil {
		return err
	}
	b, err := mergetable.Encode(t)
	if err != nil {
		return err
	}
	return s.cards.SaveMerges(b)
}

// savedMerges is the merge table the card index saved, or nil.
func (s *Store) savedMerges() *mergeTable {
	if !s.keepsCards() {
		return nil
	}
	b := s.cards.SavedMerges()
	if b == nil {
		return nil
	}
	t, _ := mergetable.Decode(b) // (nil when damaged: read from the quads)
	return t
}

// cardIndexFile is the card index's file in a bolt database's folder.
func cardIndexFile(path string) string { return filepath.Join(path, "cards.bolt") }

// removeCardIndex deletes the index file (it is made again from the quads).
func removeCardIndex(path string) error {
	err := os.Remove(cardIndexFile(path))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
