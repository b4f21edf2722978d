package writes

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/mergetable"
	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// CopyThreshold is the estimated Jaccard similarity of two articles' word shingles from which
// the later one is recorded as a copy of the earlier one (the same wire story).
const CopyThreshold = 0.9

// iriCopyBand holds a copy's LSH bands (ng:lshBand on the article it copies): band lookups then
// find only the articles that are no copy, one per story, so that n copies of a story cost n
// lookups and n links, not n(n-1)/2. A copy's bands become ng:lshBand again when it becomes
// the story's article (repointCopies).
var iriCopyBand = quad.IRI("ng:copyBand")

// writeHooks is what WriteArticles does besides writing each article's own quads:
//   - it links wire copies: an article whose MinHash signature (ng:minhash, written by package
//     schema) is near-identical to a stored article's, or to one written earlier in the same
//     call, gets one link <article> <ng:copyOf> <story> labelled with itself, story being the
//     story's first article (the one that is no copy), so that forgetting or replacing it
//     removes the link and nothing else changes; its bands are stored as ng:copyBand;
//   - it keeps merges' projections up to date (see store/merge.go) when the written articles
//     touch a merged entity: each such merge is recorded in the journal (journal.go) in the
//     transaction of the first article that touches it, and finish refreshes the merges and
//     deletes their journal entries in its own transactions. A load killed in between leaves
//     the journal, and the next writer (or writable Open) completes the refresh: running the
//     load again would not, its articles being stored already.
//
// Candidates are found by index lookups of the article's LSH bands (ng:lshBand values), never
// by a scan of the store.
type writeHooks struct {
	s       writer
	pending map[string][]pendingCopy // band -> articles of this call
	shared  *mergeTable              // the store's merges when the call began: read only
	own     *mergeTable              // the writer's copy, once the call changes merges
	cur     map[string]bool          // nodes of the article being written, when there are merges
	refresh map[quad.IRI]bool        // merges to refresh at finish, each in the journal
	nodes   map[string]bool          // subjects of the articles of this call: link targets
	// bands, when not nil, are the stored articles that state each LSH band (ng:lshBand) of
	// the articles being written, read for all of them at once (readChunk); a band not in it
	// is looked up.
	bands map[string][]quad.Value
	now   time.Time
}

type pendingCopy struct {
	iri quad.IRI
	sig textkey.Signature
}

func (s writer) beginWrite(ctx context.Context) (*writeHooks, error) {
	h := &writeHooks{s: s, pending: map[string][]pendingCopy{}, nodes: map[string]bool{}, cur: map[string]bool{},
		refresh: map[quad.IRI]bool{}, now: time.Now()}
	t, err := s.LoadMerges(ctx)
	if err != nil {
		return nil, err
	}
	h.shared = t
	if j, _, err := s.readJournal(ctx); err != nil {
		return nil, err
	} else if !j.empty() {
		if s.Shared() {
			// Completing it changes merges or deletes articles: not for a writer of articles
			// among others (see lockForArticles). Exclusive, the journal and the merges are
			// read again: another writer may have completed it meanwhile.
			s.Exclusive()
			return s.beginWrite(ctx)
		}
		// A forget, merge, unmerge or load was killed: complete it before writing on top of it.
		if err := s.recoverJournal(ctx, h.table()); err != nil {
			s.DropMerges()
			return nil, err
		}
		s.KeepMerges(h.own)
	}
	return h, nil
}

// current returns the merges as the call has them now (read only).
func (h *writeHooks) current() *mergeTable {
	if h.own != nil {
		return h.own
	}
	return h.shared
}

// table returns the merges for the call to change.
func (h *writeHooks) table() *mergeTable {
	if h.own == nil {
		h.own = h.shared.Clone()
	}
	return h.own
}

// links returns the quads to add with article a (called after article, given the article's
// quads to write): those that record a's links as merges (see Article.Links), and the journal
// entries of the merges a touches that this call has not journaled yet; and how many links
// they record.
func (h *writeHooks) links(ctx context.Context, a Article, quads []quad.Quad) ([]quad.Quad, int, error) {
	for _, q := range quads {
		h.nodes[key(q.Subject)] = true
	}
	out, n, err := h.linkMerges(ctx, a, quads)
	if err != nil {
		return nil, 0, err
	}
	return h.journalTouched(out), n, nil
}

// journalTouched appends to out the journal entries of the merges whose merged entity the
// current article touches (h.cur) and that the call has not journaled yet, and clears h.cur.
// A merge the article's own links made is not among them: its projections are made from
// the article's quads.
func (h *writeHooks) journalTouched(out []quad.Quad) []quad.Quad {
	if len(h.cur) == 0 {
		return out
	}
	t := h.current()
	var j journal
	for k := range h.cur {
		if m := t.OfKey(k); m != nil && !h.refresh[m.IRI] {
			h.refresh[m.IRI] = true
			j.refresh = append(j.refresh, m.IRI)
		}
	}
	clear(h.cur)
	slices.Sort(j.refresh)
	return append(out, j.quads()...)
}

// linkMerges returns the quads that record a's links as merges, and how many links they record.
func (h *writeHooks) linkMerges(ctx context.Context, a Article, quads []quad.Quad) ([]quad.Quad, int, error) {
	if len(a.Links) == 0 {
		return nil, 0, nil
	}
	t := h.table()
	var out []quad.Quad
	n := 0
	for _, l := range a.Links {
		m, err := t.NewMerge(l.To, l.From, mergetable.Options{By: mergetable.LoadBy, Reason: l.Reason, At: h.now})
		if err != nil {
			continue // merged already (the article is a new version), or one entity already
		}
		if !h.nodes[key(l.To)] {
			if ok, err := h.s.Has(ctx, l.To); err != nil {
				return nil, 0, err
			} else if !ok {
				continue
			}
		}
		t.Add(m)
		m.Root, _ = t.Root(m.Merged).(quad.IRI)
		out = append(out, m.Record()...)
		out = append(out, m.OntoQuad(m.Root))
		seen := map[quadKey]bool{}
		fk := key(l.From)
		for _, q := range quads {
			if (key(q.Subject) == fk || key(q.Object) == fk) && !mergetable.IsLabel(q.Label) {
				if p := t.Project(m, q); !seen[keyOf(p)] {
					seen[keyOf(p)] = true
					out = append(out, p)
				}
			}
		}
		// Its projections are made here from the article's quads: nothing to refresh.
		delete(h.cur, fk)
		n++
	}
	return out, n, nil
}

// article is called for each article about to be written (added or replaced), with its
// stored quads and its new ones; it returns the new quads with the copy links added.
func (h *writeHooks) article(ctx context.Context, iri quad.IRI, old, quads []quad.Quad) ([]quad.Quad, error) {
	clear(h.cur)
	if !h.current().Empty() {
		// Only a merged entity matters (journalTouched), and the only merges this article
		// can add (its links) are not refreshed: with no merge yet, nothing to note.
		for _, list := range [][]quad.Quad{old, quads} {
			for _, q := range list {
				h.cur[key(q.Subject)] = true
				h.cur[key(q.Object)] = true
			}
		}
	}
	sig, bands := fingerprint(iri, quads)
	if sig == nil || len(bands) == 0 {
		return quads, nil
	}
	story, err := h.s.findStory(ctx, iri, sig, bands, h.pending, h.bands)
	if err != nil {
		return nil, fmt.Errorf("find wire copies: %w", err)
	}
	if story == "" {
		for _, b := range bands {
			h.pending[b] = append(h.pending[b], pendingCopy{iri, sig})
		}
		return quads, nil
	}
	return asCopy(iri, quads, story), nil
}

// fingerprint is the MinHash signature and LSH bands of article iri given its quads: those
// its ng:minhash and ng:lshBand quads hold (an article stored without its text, or by an
// older version), else those of its text (schema:articleBody), which package schema no
// longer writes as quads.
func fingerprint(iri quad.IRI, quads []quad.Quad) (textkey.Signature, []string) {
	var sig textkey.Signature
	var bands []string
	text := ""
	ik := key(iri)
	for _, q := range quads {
		if key(q.Subject) != ik {
			continue
		}
		switch key(q.Predicate) {
		case key(terms.MinHash):
			sig, _ = textkey.ParseSignature(str(q.Object))
		case key(terms.LSHBand):
			bands = append(bands, str(q.Object))
		case key(terms.ArticleBody):
			if key(q.Label) == ik {
				text = str(q.Object)
			}
		}
	}
	if sig != nil || text == "" {
		return sig, bands
	}
	fp, ok := textkey.FingerprintOf(text)
	if !ok {
		return nil, nil
	}
	return fp.Signature, fp.Bands
}

// asCopy returns an article's quads as a copy of story: a copyOf link, its bands as ng:copyBand.
func asCopy(iri quad.IRI, quads []quad.Quad, story quad.IRI) []quad.Quad {
	out := make([]quad.Quad, 0, len(quads)+1)
	ik := key(iri)
	for _, q := range quads {
		if key(q.Subject) == ik && key(q.Predicate) == key(terms.LSHBand) {
			q.Predicate = iriCopyBand
		}
		out = append(out, q)
	}
	return append(out, quad.Quad{Subject: iri, Predicate: terms.CopyOf, Object: story, Label: iri})
}

// findStory returns the article iri is a copy of, or "": the most similar of the articles
// findCopies finds (the first IRI of equals), or, in a store written before copies kept their
// bands apart, what that one is a copy of.
func (s writer) findStory(ctx context.Context, iri quad.IRI, sig textkey.Signature, bands []string, pending map[string][]pendingCopy, known map[string][]quad.Value) (quad.IRI, error) {
	copies, err := s.findCopies(ctx, iri, sig, bands, pending, known)
	if err != nil || len(copies) == 0 {
		return "", err
	}
	best := copies[0]
	if of, err := s.Objects(ctx, best.iri, terms.CopyOf); err != nil {
		return "", err
	} else if len(of) > 0 {
		if o, ok := of[0].(quad.IRI); ok && key(o) != key(iri) {
			return o, nil
		}
	}
	return best.iri, nil
}

// finish runs after the last batch is written: it brings the merges the articles touched up
// to date, deleting their journal entries, and makes the call's merge table the store's.
func (h *writeHooks) finish(ctx context.Context) error {
	if len(h.refresh) > 0 && h.s.Shared() {
		// Refreshing merges is for an exclusive writer (see lockForArticles); the articles are
		// written and their journal entries stored, so the merges are read again as they are
		// now, and the journal completed as a killed load's would be: every merge it lists,
		// ours and any other writer's, brought up to date from the stored quads.
		h.s.Exclusive()
		t, err := h.s.mergesForWrite(ctx)
		if err != nil {
			return err
		}
		h.s.KeepMerges(t)
		return nil
	}
	if len(h.refresh) > 0 {
		var iris []quad.IRI
		for iri := range h.refresh {
			iris = append(iris, iri)
		}
		if err := h.s.refreshJournaled(ctx, h.table(), journal{refresh: iris}); err != nil {
			h.s.DropMerges()
			return err
		}
	}
	if h.own != nil {
		h.s.KeepMerges(h.own)
	}
	return nil
}

type similar struct {
	iri quad.IRI
	sim float64
}

// findCopies returns the articles (stored, or pending in this write) whose signature is at
// least CopyThreshold similar to sig, the most similar first (then by IRI). known, when not
// nil, has the stored articles of some bands (writeHooks.bands).
func (s writer) findCopies(ctx context.Context, iri quad.IRI, sig textkey.Signature, bands []string, pending map[string][]pendingCopy, known map[string][]quad.Value) ([]similar, error) {
	cands := map[quad.IRI]textkey.Signature{}
	ik := key(iri)
	for _, b := range bands {
		for _, p := range pending[b] {
			if p.iri != iri {
				cands[p.iri] = p.sig
			}
		}
		arts, ok := known[key(quad.String(b))]
		if !ok {
			var err error
			if arts, err = s.Subjects(ctx, terms.LSHBand, quad.String(b)); err != nil {
				return nil, err
			}
			stories, err := s.StoryBands(ctx, []string{b})
			if err != nil {
				return nil, err
			}
			arts = append(arts, stories[b]...)
		}
		for _, a := range arts {
			if a, ok := a.(quad.IRI); ok && key(a) != ik {
				if _, known := cands[a]; !known {
					cands[a] = nil
				}
			}
		}
	}
	var out []similar
	for a, other := range cands {
		if other == nil {
			v, err := s.Objects(ctx, a, terms.MinHash)
			if err != nil {
				return nil, err
			}
			if len(v) == 0 { // derived from its text
				if v, err = s.Objects(ctx, a, terms.ArticleBody); err != nil {
					return nil, err
				}
				fp, ok := textkey.FingerprintOf(firstStr(v))
				if !ok {
					continue
				}
				other = fp.Signature
			} else if other, err = textkey.ParseSignature(firstStr(v)); err != nil {
				continue
			}
		}
		if sim := textkey.Similarity(sig, other); sim >= CopyThreshold {
			out = append(out, similar{a, sim})
		}
	}
	slices.SortFunc(out, func(a, b similar) int {
		return cmpOr(cmp.Compare(b.sim, a.sim), strings.Compare(string(a.iri), string(b.iri)))
	})
	return out, nil
}

// repointCopies returns the changes that keep the copies of forgotten articles together, the
// articles' own quads being deleted: the first (by IRI) of an article's copies becomes the
// story's article (its bands are ng:lshBand again, its copyOf link goes) and the others
// become its copies. Loading the forgotten article again makes it a copy of that one. Computed
// from the stored quads alone, it gives the same changes when run again after a crash.
func (s writer) repointCopies(ctx context.Context, forgotten []quad.IRI) ([]cgraph.Delta, []ArticleChange, error) {
	var deltas []cgraph.Delta
	var changes []ArticleChange
	for _, a := range forgotten {
		if _, stored, err := s.storedHash(ctx, a); err != nil || stored {
			return nil, nil, err
		}
		copies, err := s.copiesOf(ctx, a)
		if err != nil || len(copies) == 0 {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		old, err := s.articleQuads(ctx, copies)
		if err != nil {
			return nil, nil, err
		}
		for i, c := range copies {
			to := copies[0]
			if i == 0 {
				to = ""
			}
			now := repointed(c, old[c], a, to)
			deltas = appendDiff(deltas, old[c], now)
			changes = append(changes, ArticleChange{Article: c, Old: old[c], New: now})
		}
	}
	return deltas, changes, nil
}

// copiesOf returns the articles that state they are copies of a, sorted.
func (s writer) copiesOf(ctx context.Context, a quad.IRI) ([]quad.IRI, error) {
	var out []quad.IRI
	err := s.Quads(ctx, quad.Object, a, terms.CopyOf, func(q quad.Quad) bool {
		if c, ok := q.Subject.(quad.IRI); ok && key(q.Label) == key(c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
		return true
	})
	slices.Sort(out)
	return out, err
}

// repointed is the quads of article c, a copy of the forgotten from, made a copy of to, or the
// story's article when to is "".
func repointed(c quad.IRI, quads []quad.Quad, from, to quad.IRI) []quad.Quad {
	ck, fk := key(c), key(from)
	out := make([]quad.Quad, 0, len(quads))
	for _, q := range quads {
		if key(q.Subject) != ck {
			out = append(out, q)
			continue
		}
		switch key(q.Predicate) {
		case key(terms.CopyOf):
			if key(q.Object) == fk {
				if to == "" {
					continue
				}
				q.Object = to
			}
		case key(iriCopyBand):
			if to == "" {
				q.Predicate = terms.LSHBand
			}
		}
		out = append(out, q)
	}
	return out
}
