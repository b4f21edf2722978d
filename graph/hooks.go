package graph

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph/textkey"
)

// CopyThreshold is the estimated Jaccard similarity of two articles' word shingles from which
// the later one is recorded as a copy of the earlier one (the same wire story).
const CopyThreshold = 0.9

// writeHooks is what WriteArticles does besides writing each article's own quads:
//   - it links wire copies: an article whose MinHash signature (ng:minhash, written by package
//     schema) is near-identical to a stored article's, or to one written earlier in the same
//     call, gets <article> <ng:copyOf> <earlier> labelled with itself, so that forgetting or
//     replacing it removes the link and nothing else changes;
//   - it keeps merges' projections up to date (see merge.go) when the written articles touch a
//     merged entity.
//
// Candidates are found by index lookups of the article's LSH bands (ng:lshBand values), never
// by a scan of the store.
type writeHooks struct {
	s       *Store
	pending map[string][]pendingCopy // band -> articles of this call
	shared  *mergeTable              // the store's merges when the call began: read only
	own     *mergeTable              // the writer's copy, once the call changes merges
	touched map[string]bool          // nodes of the written articles, when there are merges
	nodes   map[string]bool          // subjects of the articles of this call: link targets
	now     time.Time
}

type pendingCopy struct {
	iri quad.IRI
	sig textkey.Signature
}

func (s *Store) beginWrite(ctx context.Context) (*writeHooks, error) {
	h := &writeHooks{s: s, pending: map[string][]pendingCopy{}, nodes: map[string]bool{}, now: time.Now()}
	t, err := s.loadMerges(ctx)
	if err != nil {
		return nil, err
	}
	h.shared = t
	if !t.empty() {
		h.touched = map[string]bool{}
	}
	return h, nil
}

// table returns the merges for the call to change.
func (h *writeHooks) table() *mergeTable {
	if h.own == nil {
		h.own = h.shared.clone()
	}
	return h.own
}

// links returns the quads that record a's links as merges (see Article.Links), given the
// article's quads to write, and how many links they record.
func (h *writeHooks) links(ctx context.Context, a Article, quads []quad.Quad) ([]quad.Quad, int, error) {
	for _, q := range quads {
		h.nodes[keyOfValue(q.Subject)] = true
	}
	if len(a.Links) == 0 {
		return nil, 0, nil
	}
	t := h.table()
	var out []quad.Quad
	n := 0
	for _, l := range a.Links {
		m, err := t.newMerge(l.To, l.From, MergeOptions{By: LoadMergeBy, Reason: l.Reason, At: h.now})
		if err != nil {
			continue // merged already (the article is a new version), or one entity already
		}
		if !h.nodes[keyOfValue(l.To)] {
			if ok, err := h.s.has(ctx, l.To); err != nil {
				return nil, 0, err
			} else if !ok {
				continue
			}
		}
		t.add(m)
		m.Root, _ = t.root(m.Merged).(quad.IRI)
		out = append(out, m.record()...)
		out = append(out, m.ontoQuad(m.Root))
		seen := map[quadKey]bool{}
		fk := keyOfValue(l.From)
		for _, q := range quads {
			if (keyOfValue(q.Subject) == fk || keyOfValue(q.Object) == fk) && !isMergeLabel(q.Label) {
				if p := t.project(m, q); !seen[keyOf(p)] {
					seen[keyOf(p)] = true
					out = append(out, p)
				}
			}
		}
		// Its projections are made here from the article's quads: nothing to refresh.
		delete(h.touched, fk)
		n++
	}
	return out, n, nil
}

// article is called for each article about to be written (added or replaced), with its
// stored quads and its new ones; it returns the new quads with the copy links added.
func (h *writeHooks) article(ctx context.Context, iri quad.IRI, old, quads []quad.Quad) ([]quad.Quad, error) {
	if h.touched != nil {
		for _, list := range [][]quad.Quad{old, quads} {
			for _, q := range list {
				h.touched[keyOfValue(q.Subject)] = true
				h.touched[keyOfValue(q.Object)] = true
			}
		}
	}
	var sig textkey.Signature
	var bands []string
	ik := keyOfValue(iri)
	for _, q := range quads {
		if keyOfValue(q.Subject) != ik {
			continue
		}
		switch keyOfValue(q.Predicate) {
		case keyOfValue(iriMinHash):
			sig, _ = textkey.ParseSignature(str(q.Object))
		case keyOfValue(iriLSHBand):
			bands = append(bands, str(q.Object))
		}
	}
	if sig == nil || len(bands) == 0 {
		return quads, nil
	}
	copies, err := h.s.findCopies(ctx, iri, sig, bands, h.pending)
	if err != nil {
		return nil, fmt.Errorf("find wire copies: %w", err)
	}
	for _, c := range copies {
		quads = append(quads, quad.Quad{Subject: iri, Predicate: iriCopyOf, Object: c, Label: iri})
	}
	for _, b := range bands {
		h.pending[b] = append(h.pending[b], pendingCopy{iri, sig})
	}
	return quads, nil
}

// finish runs after the last batch is written: it brings the merges the articles touched up
// to date, and makes the call's merge table the store's.
func (h *writeHooks) finish(ctx context.Context) error {
	if len(h.touched) > 0 {
		t := h.own
		if t == nil {
			t = h.shared
		}
		for k := range h.touched {
			if _, ok := t.byFrom[k]; ok {
				t = h.table()
				break
			}
		}
		if t == h.own {
			if err := h.s.refreshMergesTouching(ctx, t, h.touched); err != nil {
				h.s.dropMerges()
				return err
			}
		}
	}
	if h.own != nil {
		h.s.keepMerges(h.own)
	}
	return nil
}

// findCopies returns the articles (stored, or pending in this write) whose signature is at
// least CopyThreshold similar to sig, sorted.
func (s *Store) findCopies(ctx context.Context, iri quad.IRI, sig textkey.Signature, bands []string, pending map[string][]pendingCopy) ([]quad.IRI, error) {
	cands := map[quad.IRI]textkey.Signature{}
	ik := keyOfValue(iri)
	for _, b := range bands {
		for _, p := range pending[b] {
			if p.iri != iri {
				cands[p.iri] = p.sig
			}
		}
		arts, err := s.subjects(ctx, iriLSHBand, quad.String(b))
		if err != nil {
			return nil, err
		}
		for _, a := range arts {
			if a, ok := a.(quad.IRI); ok && keyOfValue(a) != ik {
				if _, known := cands[a]; !known {
					cands[a] = nil
				}
			}
		}
	}
	var out []quad.IRI
	for a, other := range cands {
		if other == nil {
			v, err := s.objects(ctx, a, iriMinHash)
			if err != nil {
				return nil, err
			}
			if other, err = textkey.ParseSignature(firstStr(v)); err != nil {
				continue
			}
		}
		if textkey.Similarity(sig, other) >= CopyThreshold {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out, nil
}
