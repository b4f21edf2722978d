package cards

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"slices"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
)

// A hub's digest: the card of an entity that 80,000 articles mention is made of 80,000 rows,
// and counting its facts' corroboration (wire copies counted once) over them takes longer than
// a page may. So for every entity at least cardindex.HubArticles articles mention, the card
// index also keeps its facts and its timeline's events already counted (factGroups,
// eventGroups): a card reads those, sorts them and reads names and evidence for the ones it
// shows. The index keeps a digest's bytes and knows when it is stale (cardindex/digests.go);
// what it holds is made here, with the cards' own grouping, and gob-encoded.
//
// refreshDigests makes the digests of stale entities and of those made under other merges
// again; a Store that wrote runs it when it closes, a writable one when it opens, and one
// opened with RefreshHubsEvery from a write when the last run is that old. Until then cards
// are made from the rows, as before.

type digestBody struct {
	Members []quad.IRI
	Facts   []digestFact
	Events  []digestEvent
}

type digestFact struct {
	Fact                  Fact // Sources kept apart (cardindex.Digest.Sources)
	Publishers            []quad.IRI
	BestStmt, BestArticle quad.IRI
}

type digestEvent struct {
	Event                 Event
	BestStmt, BestArticle quad.IRI
}

// digestOf reads root's digest if it was made under merges t.
func digestOf(tx cardindex.Tx, root quad.IRI, t store.MergeView) (*digestBody, error) {
	v := tx.Digest(root, t.Fingerprint())
	if v == nil {
		return nil, nil
	}
	var d digestBody
	if err := gob.NewDecoder(bytes.NewReader(v)).Decode(&d); err != nil {
		return nil, fmt.Errorf("card index: digest of %s: %w", root, err)
	}
	return &d, nil
}

func (d *digestBody) factGroups() []factGroup {
	out := make([]factGroup, len(d.Facts))
	for i, f := range d.Facts {
		out[i] = factGroup{fact: f.Fact, publishers: f.Publishers, bestStmt: f.BestStmt, bestArticle: f.BestArticle}
	}
	return out
}

func (d *digestBody) eventGroups() []eventGroup {
	out := make([]eventGroup, len(d.Events))
	for i, e := range d.Events {
		out[i] = eventGroup{ev: e.Event, bestStmt: e.BestStmt, bestArticle: e.BestArticle}
	}
	return out
}

// digestFor is the digest a card of members (the root first) may read, or nil.
func (x indexRows) digestFor(members []quad.IRI, t store.MergeView) (*digestBody, error) {
	d, err := digestOf(x.tx, members[0], t)
	if err != nil || d == nil || !slices.Equal(d.Members, members) {
		return nil, err
	}
	return d, nil
}

// RefreshDigests makes the digests that writes made stale again (refreshDigests); when every,
// only once refreshEvery has passed since the last time (refreshDigestsEvery). The caller
// holds the Store's write lock.
func (ix *Index) RefreshDigests(ctx context.Context, every bool) error {
	s := Reader{ix.s, ix}
	if every {
		return s.refreshDigestsEvery(ctx)
	}
	return s.refreshDigests(ctx)
}

// refreshDigests makes again the digests of stale entities' roots (those still hubs) and of
// digests made under other merges, and drops those of entities no longer hubs or roots.
// The caller holds the Store's write lock.
func (s Reader) refreshDigests(ctx context.Context) error {
	ix := s.cards
	if !ix.Usable() {
		return nil
	}
	defer func() { s.cards.refreshed = time.Now() }()
	t, err := s.loadMerges(ctx)
	if err != nil {
		return err
	}
	fp := t.Fingerprint()
	roots, stale, err := ix.DigestsToRefresh(t)
	if err != nil || (len(roots) == 0 && len(stale) == 0) {
		return err
	}
	// A few roots per transaction: a hub's digest is megabytes, and a commit is a sync.
	const perTx = 16
	for len(roots) > 0 {
		n := min(perTx, len(roots))
		batch := roots[:n]
		roots = roots[n:]
		digests := make([]cardindex.Digest, len(batch))
		_, err := ix.View(func(tx cardindex.Tx) error {
			for i, r := range batch {
				digests[i].Root = r // without a Body: dropped
				if keyOfValue(t.Root(r)) != keyOfValue(r) {
					continue // merged into another: its root's digest covers it
				}
				n, err := tx.ClusterCount(t, r)
				if err != nil {
					return err
				}
				if n < cardindex.HubArticles {
					continue
				}
				if err := makeDigest(ctx, s, t, tx, &digests[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := ix.PutDigests(fp, digests); err != nil {
			return err
		}
	}
	return ix.DropStale(stale)
}

// makeDigest counts d.Root's facts and events from its rows (and its merged entities') into d.
func makeDigest(ctx context.Context, s Reader, t store.MergeView, tx cardindex.Tx, d *cardindex.Digest) error {
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	members := t.Members(d.Root)
	src := indexRows{tx}
	facts, err := cx.factGroups(ctx, members, src)
	if err != nil {
		return err
	}
	events, err := cx.eventGroups(ctx, members, src, "", "")
	if err != nil {
		return err
	}
	body := &digestBody{Members: members, Facts: make([]digestFact, len(facts)), Events: make([]digestEvent, len(events))}
	d.Members, d.Sources = members, make([][]quad.IRI, len(facts))
	for i, g := range facts {
		d.Sources[i] = g.fact.Sources
		g.fact.Sources = nil
		body.Facts[i] = digestFact{Fact: g.fact, Publishers: g.publishers, BestStmt: g.bestStmt, BestArticle: g.bestArticle}
	}
	for i, g := range events {
		body.Events[i] = digestEvent{Event: g.ev, BestStmt: g.bestStmt, BestArticle: g.bestArticle}
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(body); err != nil {
		return err
	}
	d.Body = b.Bytes()
	return nil
}

// refreshDigestsEvery refreshes digests when the last refresh is s.cards.refreshEvery old (see
// RefreshHubsEvery), so that a long-running writer's hubs do not stay on the slow path. The
// caller holds the Store's write lock.
func (s Reader) refreshDigestsEvery(ctx context.Context) error {
	switch {
	case s.cards.refreshEvery <= 0:
	case s.cards.refreshed.IsZero():
		s.cards.refreshed = time.Now()
	case time.Since(s.cards.refreshed) >= s.cards.refreshEvery:
		return s.refreshDigests(ctx)
	}
	return nil
}
