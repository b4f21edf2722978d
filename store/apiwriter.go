package store

import (
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/longiri"
)

// apiWriter is the QuadWriter behind Cayley's /api/v2/write and /api/v2/delete. Cayley's own
// writer applies deltas to the store directly; this one goes the Store's way: IRIs longer than
// longiri.MaxBytes are stored short with their full value (as WriteArticles stores them, so that a
// written 40 KB IRI cannot make the card index refuse every later write), and a failed
// transaction leaves nothing of itself in Cayley's memory (Store.apply).
type apiWriter struct {
	s    *Store
	rest cgraph.QuadWriter // RemoveNode and Close: they add no values
}

func (w apiWriter) AddQuad(q quad.Quad) error { return w.AddQuadSet([]quad.Quad{q}) }

func (w apiWriter) AddQuadSet(qs []quad.Quad) error {
	tx := cgraph.NewTransaction()
	for _, q := range qs {
		tx.AddQuad(q)
	}
	return w.ApplyTransaction(tx)
}

func (w apiWriter) RemoveQuad(q quad.Quad) error {
	tx := cgraph.NewTransaction()
	tx.RemoveQuad(q)
	return w.ApplyTransaction(tx)
}

func (w apiWriter) ApplyTransaction(tx *cgraph.Transaction) error {
	deltas := make([]cgraph.Delta, 0, len(tx.Deltas))
	for _, d := range tx.Deltas {
		var long longiri.Shortened
		d.Quad = long.BoundQuad(d.Quad)
		deltas = append(deltas, d)
		if d.Action != cgraph.Add {
			continue
		}
		label, _ := d.Quad.Label.(quad.IRI)
		for _, f := range long.FullQuads(label) {
			if f.Label == nil || label == "" {
				f.Label = d.Quad.Label
			}
			deltas = append(deltas, cgraph.Delta{Quad: f, Action: cgraph.Add})
		}
	}
	return w.s.apply(deltas)
}

func (w apiWriter) RemoveNode(v quad.Value) error { return w.rest.RemoveNode(v) }
func (w apiWriter) Close() error                  { return w.rest.Close() }

// APIWriter is the QuadWriter that Cayley's HTTP write API should be given: writes through
// it are stored as WriteArticles stores quads, ignoring duplicate quads and the deletion of
// missing ones. Wrap each such request in ForeignWrite.
func (s *Store) APIWriter() cgraph.QuadWriter {
	single, _ := writer.NewSingle(s.qs, ignoreDupAndMissing) // never fails
	return apiWriter{s: s, rest: single}
}

// ForeignWrite runs write, a write to the quads that goes around the Store's own article
// writes (Cayley's HTTP write API), so that the Store's caches follow it: the card index is
// marked dirty before it (cards are then made from the quads until the next Open for writing
// rebuilds the index), taking turns with the Store's writers so that none of them marks the
// index clean after this write, and the cached merge table is dropped after it.
func (s *Store) ForeignWrite(write func()) error {
	if s.keepsCards() {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
		if err := s.cards.MarkDirty(); err != nil {
			return err
		}
	}
	s.writes.Add(1)
	write()
	s.writes.Add(1)
	s.dropMerges()
	return nil
}
