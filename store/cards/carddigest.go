package cards

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"slices"
	"time"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/store"
)

// A hub's digest: the card of an entity that 80,000 articles mention is made of 80,000 rows,
// and counting its facts' corroboration (wire copies counted once) over them takes longer than
// a page may. So for every entity at least hubArticles articles mention, the card index also
// keeps its facts and its timeline's events already counted (factGroups, eventGroups): a card
// reads those, sorts them and reads names and evidence for the ones it shows.
//
// A digest is made from the rows and the merges, so it is kept in step with both:
//   - putRows marks stale, in the transaction that changes an entity's rows, every entity whose
//     statement rows change and that has a digest (which it deletes) or is a hub;
//   - a digest records the merges it was made under (their fingerprint): after a merge or an
//     unmerge it is not read;
//   - refreshDigests makes the digests of stale entities and of those made under other merges
//     again; a Store that wrote runs it when it closes, a writable one when it opens, and one
//     opened with RefreshHubsEvery from a write when the last run is that old. Until then
//     cards are made from the rows, as before.
//
// Buckets:
//
//	digest     field(root) -> 8-byte merge fingerprint, gob(digestBody)
//	digestsrc  field(root) uvarint(i) -> field(article)... (the Sources of its fact i)
//	digestof   field(member) -> field(root) (for the root and each entity merged into it)
//	stale      field(entity) -> ""
var hubArticles = 500 // (a variable for tests)

var (
	bucketDigest    = []byte("digest")
	bucketDigestSrc = []byte("digestsrc")
	bucketDigestOf  = []byte("digestof")
	bucketStale     = []byte("stale")
	digestBuckets   = [][]byte{bucketDigest, bucketDigestSrc, bucketDigestOf, bucketStale}
	keyDigests      = []byte("digests") // meta: present once the hubs of an index made before digests were marked stale
)

type digestBody struct {
	Members []quad.IRI
	Facts   []digestFact
	Events  []digestEvent
}

type digestFact struct {
	Fact                  Fact // Sources in digestsrc
	Publishers            []quad.IRI
	BestStmt, BestArticle quad.IRI
}

type digestEvent struct {
	Event                 Event
	BestStmt, BestArticle quad.IRI
}

// markChanged is called by putRows with the entities whose statement rows it changed.
func markChanged(tx *bolt.Tx, entities map[quad.IRI]bool) error {
	of, digests, stale := tx.Bucket(bucketDigestOf), tx.Bucket(bucketDigest), tx.Bucket(bucketStale)
	var k []byte
	for e := range entities {
		k = appendKeyField(k[:0], string(e))
		if root := of.Get(k); root != nil {
			if err := digests.Delete(root); err != nil {
				return err
			}
		} else if articleCount(tx, e) < hubArticles {
			continue
		}
		if stale.Get(k) == nil {
			if err := stale.Put(bytes.Clone(k), []byte{}); err != nil {
				return err
			}
		}
	}
	return nil
}

// markHubsStale marks every hub stale: after a rebuild, or in an index made before digests.
func markHubsStale(tx *bolt.Tx) error {
	stale := tx.Bucket(bucketStale)
	c := tx.Bucket(bucketCount).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if n, _ := binary.Varint(v); n >= int64(hubArticles) {
			if err := stale.Put(bytes.Clone(k), []byte{}); err != nil {
				return err
			}
		}
	}
	return tx.Bucket(bucketMeta).Put(keyDigests, []byte("1"))
}

// digestOf reads root's digest if it was made under merges t.
func digestOf(tx *bolt.Tx, root quad.IRI, t store.MergeView) (*digestBody, error) {
	v := tx.Bucket(bucketDigest).Get(appendKeyField(nil, string(root)))
	if len(v) < 8 || binary.LittleEndian.Uint64(v) != t.Fingerprint() {
		return nil, nil
	}
	var d digestBody
	if err := gob.NewDecoder(bytes.NewReader(v[8:])).Decode(&d); err != nil {
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

// digestSources reads the Sources of root's fact i.
func digestSources(tx *bolt.Tx, root quad.IRI, i int) ([]quad.IRI, error) {
	v := tx.Bucket(bucketDigestSrc).Get(binary.AppendUvarint(appendKeyField(nil, string(root)), uint64(i)))
	rd := fieldReader{b: v}
	var out []quad.IRI
	for len(rd.b) > 0 {
		out = append(out, quad.IRI(rd.bytes()))
	}
	if rd.bad {
		return nil, errBadRow
	}
	return out, nil
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
	todo := map[quad.IRI]bool{} // roots to make again or drop
	var stale [][]byte
	err = ix.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketStale).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			stale = append(stale, bytes.Clone(k))
			rd := fieldReader{b: k}
			if e := rd.bytes(); !rd.bad {
				if r, ok := t.Root(quad.IRI(e)).(quad.IRI); ok {
					todo[r] = true
				}
			}
		}
		c = tx.Bucket(bucketDigest).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			rd := fieldReader{b: k}
			e := quad.IRI(rd.bytes())
			if len(v) < 8 || binary.LittleEndian.Uint64(v) != fp || keyOfValue(t.Root(e)) != keyOfValue(e) {
				todo[e] = true
			}
		}
		return nil
	})
	if err != nil || (len(todo) == 0 && len(stale) == 0) {
		return err
	}
	roots := make([]quad.IRI, 0, len(todo))
	for r := range todo {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	// A few roots per transaction: a hub's digest is megabytes, and a commit is a sync.
	const perTx = 16
	for len(roots) > 0 {
		n := min(perTx, len(roots))
		batch := roots[:n]
		roots = roots[n:]
		bodies := make([]*digestBody, len(batch))
		sources := make([][][]quad.IRI, len(batch))
		err := ix.db.View(func(tx *bolt.Tx) error {
			for i, r := range batch {
				if keyOfValue(t.Root(r)) != keyOfValue(r) {
					continue // merged into another: its root's digest covers it
				}
				n, err := clusterCount(tx, t, r)
				if err != nil {
					return err
				}
				if n < hubArticles {
					continue
				}
				if bodies[i], sources[i], err = makeDigest(ctx, s, t, tx, r); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = ix.db.Update(func(tx *bolt.Tx) error {
			for i, r := range batch {
				if err := putDigest(tx, r, fp, bodies[i], sources[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return ix.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketStale)
		for _, k := range stale {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// makeDigest counts root's facts and events from its rows (and its merged entities').
func makeDigest(ctx context.Context, s Reader, t store.MergeView, tx *bolt.Tx, root quad.IRI) (*digestBody, [][]quad.IRI, error) {
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	members := t.Members(root)
	src := indexRows{tx: tx, intern: map[string]string{}}
	facts, err := cx.factGroups(ctx, members, src)
	if err != nil {
		return nil, nil, err
	}
	events, err := cx.eventGroups(ctx, members, src, "", "")
	if err != nil {
		return nil, nil, err
	}
	d := &digestBody{Members: members, Facts: make([]digestFact, len(facts)), Events: make([]digestEvent, len(events))}
	sources := make([][]quad.IRI, len(facts))
	for i, g := range facts {
		sources[i] = g.fact.Sources
		g.fact.Sources = nil
		d.Facts[i] = digestFact{Fact: g.fact, Publishers: g.publishers, BestStmt: g.bestStmt, BestArticle: g.bestArticle}
	}
	for i, g := range events {
		d.Events[i] = digestEvent{Event: g.ev, BestStmt: g.bestStmt, BestArticle: g.bestArticle}
	}
	return d, sources, nil
}

// putDigest replaces root's digest with d (none when d is nil).
func putDigest(tx *bolt.Tx, root quad.IRI, fp uint64, d *digestBody, sources [][]quad.IRI) error {
	k := appendKeyField(nil, string(root))
	digests, srcs, of := tx.Bucket(bucketDigest), tx.Bucket(bucketDigestSrc), tx.Bucket(bucketDigestOf)
	// Its old members (their digest may be gone already): digestof holds the hubs' members
	// only, a scan is cheap.
	var members [][]byte
	c := of.Cursor()
	for m, r := c.First(); m != nil; m, r = c.Next() {
		if bytes.Equal(r, k) {
			members = append(members, bytes.Clone(m))
		}
	}
	for _, m := range members {
		if err := of.Delete(m); err != nil {
			return err
		}
	}
	if err := deletePrefix(srcs, k); err != nil {
		return err
	}
	if d == nil {
		return digests.Delete(k)
	}
	var b bytes.Buffer
	b.Write(binary.LittleEndian.AppendUint64(nil, fp))
	if err := gob.NewEncoder(&b).Encode(d); err != nil {
		return err
	}
	if err := digests.Put(k, b.Bytes()); err != nil {
		return err
	}
	for i, list := range sources {
		var v []byte
		for _, a := range list {
			v = appendField(v, string(a))
		}
		if err := srcs.Put(binary.AppendUvarint(bytes.Clone(k), uint64(i)), v); err != nil {
			return err
		}
	}
	for _, m := range d.Members {
		if err := of.Put(appendKeyField(nil, string(m)), k); err != nil {
			return err
		}
	}
	return nil
}

func deletePrefix(b *bolt.Bucket, prefix []byte) error {
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
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
