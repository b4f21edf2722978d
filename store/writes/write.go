package writes

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/longiri"
	"github.com/newsgraph/newsgraph/store/terms"
)

// ContentHash is the predicate of the quad <article> <ng:contentHash> "hash"
// <article> that WriteArticles keeps for every article it writes. Package
// schema documents it with the rest of the vocabulary.
const ContentHash = quad.IRI("ng:contentHash")

// Article is one article's worth of quads; every quad's Label is the
// article IRI (WriteArticles sets a missing Label to it).
type Article struct {
	IRI   quad.IRI
	Hash  string // content hash of the article, stored as <IRI> <ng:contentHash> "Hash" <IRI>
	Quads []quad.Quad
	// Links are entities the article mentions that are entities of other articles (a person
	// it names by one word, and the person named in full elsewhere). WriteArticles records each
	// as a merge by mergetable.LoadBy in the same transaction as the article, so the article and its
	// links are stored together or not at all; a link whose From is merged already, or whose
	// To is not in the store, is left out. Each is undone like any merge (Unmerge).
	Links []Link
}

// Link says that entity From is entity To, and why.
type Link struct {
	From, To quad.IRI
	Reason   string
}

// WriteStats counts what WriteArticles did.
type WriteStats struct {
	Added     int // articles that were not stored
	Replaced  int // articles stored with another content hash, now replaced
	Unchanged int // articles stored with the same content hash, skipped
	Quads     int // quads now stored for the added and replaced articles, contentHash quads included
	Links     int // links recorded as merges
}

func (st *WriteStats) add(o WriteStats) {
	st.Added += o.Added
	st.Replaced += o.Replaced
	st.Unchanged += o.Unchanged
	st.Quads += o.Quads
	st.Links += o.Links
}

// WriteError is the error of a WriteArticles call that stopped: the articles before Done
// (counted in the stats returned with it) are written or were stored already; from Done on,
// none is written (a batch that fails leaves the store as it was before it).
type WriteError struct {
	Done int
	Err  error
}

func (e *WriteError) Error() string { return e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// WriteArticles writes articles idempotently, in batches of at least the
// store's batch size (DefaultBatchSize quads) per ApplyDeltas call:
//   - an article whose stored content hash equals Hash is skipped (Unchanged);
//   - an article stored with another hash (or none) is replaced: the quads
//     labelled with its IRI that are not among the new ones are removed and
//     the new ones added, in the same transaction, so no stale edge survives;
//   - an article's quads all go into one ApplyDeltas call (all or nothing per
//     article on bolt), or two when it replaces a stored version: the adds,
//     then the deletes (see the Store's ApplyDeltas, store/apply.go, for why,
//     and how a crash between is repaired).
//
// Duplicate quads within an article are written once. An article that is
// given twice is written twice, in order (the second one usually Unchanged).
// IRIs longer than longiri.MaxBytes are stored short (see longiri.Bound).
// On error (a *WriteError), the batches written before it stay written and are counted in
// the returned stats; the articles of the failed batch and after are not written, nor
// counted.
//
// On PostgreSQL, writers in several processes write at the same time (see lockForArticles):
// each takes the locks of a batch's articles before it reads their stored state, and gives
// them back once the batch is committed.
func WriteArticles(store Store, arts []Article) (WriteStats, error) {
	s := writer{store}
	locks := s.lockForArticles(arts)
	defer s.Unlock()
	ctx := context.Background()
	reader, _ := s.QuadStore().(ArticleLocks)
	bounded := make([]Article, len(arts))
	for i, a := range arts {
		bounded[i] = a.bounded()
	}

	var done, pending WriteStats
	start := 0 // the first article of the pending batch
	fail := func(err error) (WriteStats, error) { return done, &WriteError{Done: start, Err: err} }
	var deltas []cgraph.Delta
	inBatch := make(map[quad.IRI]bool)
	hooks, err := s.beginWrite(ctx) // wire copies and merges: hooks.go
	if err != nil {
		return fail(err)
	}
	var changes []ArticleChange // for the card index
	// The articles of the chunk being written, [start, end), whose stored quads are read
	// (fetched, by IRI) when the store reads many articles at once (reader).
	end := 0
	var fetched map[string][]quad.Quad
	flush := func(next int) error {
		if len(deltas) != 0 {
			if err := s.writeBatch(deltas, changes); err != nil {
				return fmt.Errorf("write %d articles (%d quad changes): %w", len(inBatch), len(deltas), err)
			}
		}
		done.add(pending)
		start = next
		pending, deltas, changes = WriteStats{}, deltas[:0], changes[:0]
		for iri := range inBatch {
			delete(fetched, key(iri)) // what was read of it is not what is stored now
		}
		clear(inBatch)
		return nil
	}
	for i, a := range bounded {
		if reader != nil && i >= end {
			// The next chunk of articles: the previous one written, its locks given back, its
			// articles locked (on PostgreSQL, writing shared) and their stored quads read in one
			// query, not two per article.
			if err := flush(i); err != nil {
				return fail(err)
			}
			end = chunkEnd(bounded, i, s.BatchSize())
			var err error
			if fetched, err = s.readChunk(ctx, reader, locks, hooks, bounded[i:end]); err != nil {
				return fail(err)
			}
		}
		if inBatch[a.IRI] {
			// the article's stored state must include its previous copy
			if err := flush(i); err != nil {
				return fail(err)
			}
		}
		quads, err := a.normalised()
		if err != nil {
			return fail(fmt.Errorf("article %d (%s): %w", i, a.IRI, err))
		}
		old, ok := fetched[key(a.IRI)]
		var hash string
		var hasHash bool
		if ok {
			hash, hasHash = hashIn(a.IRI, old)
		} else if hash, hasHash, err = s.storedHash(ctx, a.IRI); err != nil {
			return fail(fmt.Errorf("article %d (%s): read stored hash: %w", i, a.IRI, err))
		}
		if hasHash && hash == a.Hash {
			pending.Unchanged++ // counted once the articles before it are written
			continue
		}
		if !ok {
			if old, err = s.labelled(ctx, a.IRI); err != nil {
				return fail(fmt.Errorf("article %d (%s): read stored quads: %w", i, a.IRI, err))
			}
		}
		if quads, err = hooks.article(ctx, a.IRI, old, quads); err != nil {
			return fail(fmt.Errorf("article %d (%s): %w", i, a.IRI, err))
		}
		if len(old) == 0 {
			pending.Added++
		} else {
			pending.Replaced++
		}
		pending.Quads += len(quads)
		deltas = appendDiff(deltas, old, quads)
		if s.KeepsCards() {
			changes = append(changes, ArticleChange{Article: a.IRI, Old: old, New: quads})
		}
		links, n, err := hooks.links(ctx, a, quads)
		pending.Links += n
		if err != nil {
			return fail(fmt.Errorf("article %d (%s): %w", i, a.IRI, err))
		}
		for _, q := range links {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		inBatch[a.IRI] = true
		if len(deltas) >= s.BatchSize() {
			if err := flush(i + 1); err != nil {
				return fail(err)
			}
		}
	}
	if err := flush(len(arts)); err != nil {
		return fail(err)
	}
	if locks != nil {
		locks.UnlockArticles()
	}
	if err := hooks.finish(ctx); err != nil {
		return fail(err)
	}
	if err := s.RefreshDigests(ctx, true); err != nil {
		return fail(err)
	}
	return done, nil
}

// writeBatch applies one batch's deltas and the card index's rows for it. A failed batch
// leaves the quads as they were (apply) and forgets the merge table, which its hooks may have
// changed. The card index is marked dirty before the quads change and clean with the rows
// after: when its rows cannot be written (the disk full), the quads still are, and the index
// stays dirty, unread, until the next Open for writing makes it again from the quads.
func (s writer) writeBatch(deltas []cgraph.Delta, changes []ArticleChange) error {
	keep, err := s.BeginCards()
	if err != nil {
		return fmt.Errorf("card index: %w", err)
	}
	if err := s.ApplyDeltas(deltas); err != nil { // adds, then deletes: store/apply.go
		s.DropMerges()
		return err
	}
	_ = s.FinishCards(keep, changes) // on failure the index stays dirty: see above
	return nil
}

// lockForArticles takes the Store's write lock for WriteArticles, and returns the writer
// whose article locks it takes, or nil.
//
// On PostgreSQL (whose quad store has ArticleLocks) a write of articles that record no links takes the
// database's write lock shared: other processes' article writes run at the same time, and
// each takes the locks of a chunk's articles (readChunk) before it reads what is stored of
// them. An article's own quads are all it changes, but for two things that read other
// articles: wire copies, for which the article's LSH bands are locked with it, so that of
// two copies written at once one waits for the other and finds it, as in one load; and the
// merges its entities are part of, whose refresh (hooks.finish), like any change to merges,
// runs with the lock exclusive. Links record merges, which may not be made by two writers
// at once (two merges of one entity into two others): a write with links holds the lock
// exclusively throughout, as every write did before, and so does one that finds an
// interrupted operation to complete (beginWrite).
func (s writer) lockForArticles(arts []Article) ArticleLocks {
	for _, a := range arts {
		if len(a.Links) > 0 {
			s.Lock()
			return nil
		}
	}
	return s.LockArticles()
}

// chunkEnd returns the end of the chunk of articles that starts at i: at least one article,
// and as many as make batch quads.
func chunkEnd(arts []Article, i, batch int) int {
	n := 0
	for j := i; j < len(arts); j++ {
		if n += len(arts[j].Quads); n >= batch {
			return j + 1
		}
	}
	return len(arts)
}

// readChunk locks the chunk's articles, when locks is not nil (giving back the previous
// chunk's first), and returns their stored quads, by IRI (those of an article stored with its
// hash: only its hash quad, enough to pass it over); and gives the hooks the articles that
// state each of their LSH bands. Three queries whatever the number of articles, where
// reading them one by one is two for each, and one for each of its sixteen bands.
func (s writer) readChunk(ctx context.Context, r ArticleLocks, locks ArticleLocks, hooks *writeHooks, chunk []Article) (map[string][]quad.Quad, error) {
	bandsOf := func(a Article) []quad.Value {
		var out []quad.Value
		_, bands := fingerprint(a.IRI, a.Quads)
		for _, b := range bands {
			out = append(out, quad.String(b))
		}
		return out
	}
	if locks != nil && s.Shared() {
		locks.UnlockArticles()
		var keys []string
		for _, a := range chunk {
			keys = append(keys, "article "+key(a.IRI))
			for _, b := range bandsOf(a) {
				keys = append(keys, "band "+key(b))
			}
		}
		if err := locks.LockArticles(ctx, keys); err != nil {
			return nil, err
		}
	}
	labels := make([]quad.Value, 0, len(chunk))
	for _, a := range chunk {
		labels = append(labels, a.IRI)
	}
	hashes, err := r.QuadsOf(ctx, quad.Label, labels, ContentHash)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]quad.Quad, len(chunk))
	var changed, bands []quad.Value
	for _, a := range chunk {
		k := key(a.IRI)
		if h, ok := hashIn(a.IRI, hashes[k]); ok && h == a.Hash {
			out[k] = hashes[k]
			continue
		}
		changed = append(changed, a.IRI)
		bands = append(bands, bandsOf(a)...)
	}
	stored, err := r.QuadsOf(ctx, quad.Label, changed, nil)
	if err != nil {
		return nil, err
	}
	for _, iri := range changed {
		out[key(iri)] = stored[key(iri)]
	}
	byBand, err := r.QuadsOf(ctx, quad.Object, bands, terms.LSHBand)
	if err != nil {
		return nil, err
	}
	texts := make([]string, 0, len(bands))
	for _, b := range bands {
		texts = append(texts, str(b))
	}
	stories, err := s.StoryBands(ctx, texts)
	if err != nil {
		return nil, err
	}
	hooks.bands = make(map[string][]quad.Value, len(bands))
	for _, b := range bands {
		hooks.bands[key(b)] = append(distinct(byBand[key(b)], quad.Subject), stories[str(b)]...)
	}
	return out, nil
}

// hashIn returns the content hash that the article iri's stored quads hold, as storedHash
// reads it: none when they hold two.
func hashIn(iri quad.IRI, stored []quad.Quad) (hash string, ok bool) {
	ik := key(iri)
	for _, q := range stored {
		if key(q.Subject) != ik || key(q.Predicate) != key(ContentHash) || key(q.Label) != ik {
			continue
		}
		if ok {
			return "", false
		}
		hash, ok = quad.NativeOf(q.Object).(string)
	}
	return hash, ok
}

// bounded returns the article with its IRI and its links' IRIs bounded (its quads are bounded
// by normalised).
func (a Article) bounded() Article {
	if len(a.IRI) > longiri.MaxBytes {
		full := a.IRI
		a.IRI = longiri.Bound(full)
		// the article node's full IRI, under its own label
		a.Quads = append(a.Quads[:len(a.Quads):len(a.Quads)], quad.Quad{Subject: a.IRI, Predicate: longiri.FullPredicate, Object: quad.String(full)})
	}
	for i, l := range a.Links {
		if len(l.From) > longiri.MaxBytes || len(l.To) > longiri.MaxBytes {
			a.Links = append([]Link(nil), a.Links...)
			a.Links[i].From, a.Links[i].To = longiri.Bound(l.From), longiri.Bound(l.To)
		}
	}
	return a
}

// normalised returns the article's quads to store: each labelled with the
// article IRI, duplicates dropped, and the contentHash quad appended.
func (a Article) normalised() ([]quad.Quad, error) {
	if a.IRI == "" {
		return nil, errors.New("article has no IRI")
	}
	if a.Hash == "" {
		return nil, errors.New("article has no content hash")
	}
	label := key(a.IRI)
	seen := make(map[quadKey]bool, len(a.Quads)+1)
	out := make([]quad.Quad, 0, len(a.Quads)+1)
	var long longiri.Shortened
	for i, q := range a.Quads {
		q = long.BoundQuad(q)
		if q.Label == nil {
			q.Label = a.IRI
		} else if key(q.Label) != label {
			return nil, fmt.Errorf("quad %d (%s) has label %s, want the article IRI", i, q.NQuad(), q.Label)
		}
		if !q.IsValid() {
			return nil, fmt.Errorf("quad %d (%s) is invalid: subject, predicate and object are required", i, q.NQuad())
		}
		if key(q.Predicate) == key(ContentHash) && key(q.Subject) == label {
			return nil, fmt.Errorf("quad %d sets %s, which WriteArticles writes from Article.Hash", i, ContentHash)
		}
		k := keyOf(q)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, q)
	}
	for _, f := range long.FullQuads(a.IRI) {
		if k := keyOf(f); !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return append(out, quad.Quad{Subject: a.IRI, Predicate: ContentHash, Object: quad.String(a.Hash), Label: a.IRI}), nil
}

// storedHash returns the content hash stored for the article iri.
func (s writer) storedHash(ctx context.Context, iri quad.IRI) (hash string, ok bool, err error) {
	sub, err := s.QuadStore().ValueOf(iri)
	if err != nil || sub == nil {
		return "", false, err
	}
	pred, err := s.QuadStore().ValueOf(ContentHash)
	if err != nil || pred == nil {
		return "", false, err
	}
	it := s.QuadStore().QuadIterator(quad.Subject, sub).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		r := it.Result()
		if p, err := s.QuadStore().QuadDirection(r, quad.Predicate); err != nil {
			return "", false, err
		} else if refs.ToKey(p) != refs.ToKey(pred) {
			continue
		}
		if l, err := s.QuadStore().QuadDirection(r, quad.Label); err != nil {
			return "", false, err
		} else if refs.ToKey(l) != refs.ToKey(sub) {
			continue
		}
		q, err := s.QuadStore().Quad(r)
		if err != nil {
			return "", false, err
		}
		if ok { // more than one hash: treat the article as changed
			return "", false, nil
		}
		hash, ok = quad.NativeOf(q.Object).(string)
	}
	return hash, ok, it.Err()
}

// labelled returns all stored quads labelled iri.
func (s writer) labelled(ctx context.Context, iri quad.IRI) ([]quad.Quad, error) {
	ref, err := s.QuadStore().ValueOf(iri)
	if err != nil || ref == nil {
		return nil, err
	}
	it := s.QuadStore().QuadIterator(quad.Label, ref).Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := s.QuadStore().Quad(it.Result())
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, it.Err()
}

// appendDiff appends the deltas that turn the quads old into the quads new.
// A quad in both is left alone: Cayley's kv ApplyDeltas applies all the adds
// of a call before its deletes, so adding and deleting the same quad in one
// call would delete it.
func appendDiff(deltas []cgraph.Delta, old, new []quad.Quad) []cgraph.Delta {
	oldSet := make(map[quadKey]bool, len(old))
	for _, q := range old {
		oldSet[keyOf(q)] = true
	}
	keep := make(map[quadKey]bool, len(new))
	for _, q := range new {
		k := keyOf(q)
		keep[k] = true
		if !oldSet[k] {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
	}
	for _, q := range old {
		if !keep[keyOf(q)] {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
	}
	return deltas
}
