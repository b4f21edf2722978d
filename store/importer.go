package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/store/longiri"
	"github.com/newsgraph/newsgraph/store/rdf"
)

// ImportStats counts what Import did.
type ImportStats struct {
	Quads int   // quads read
	Added int64 // quads the store did not have
}

// Import adds the quads of an N-Quads stream (gzip-compressed or not) to the store, labels
// kept, in batches of the store's batch size; quads the store has are skipped. Full IRIs in
// newsgraph's namespaces (http://schema.org/name, as `export --full-iris` writes them) are
// stored short (schema:name), so that exporting and importing into an empty store gives the
// same graph. A malformed line stops the import with its line number; the batches before it
// stay written.
func (s *Store) Import(ctx context.Context, r io.Reader) (ImportStats, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	var st ImportStats
	before, err := s.Stats(ctx)
	if err != nil {
		return st, err
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if head, err := br.Peek(2); err == nil && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return st, fmt.Errorf("import: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	qr := nquads.NewReader(br, false)
	defer qr.Close()
	defer s.dropMerges() // the quads may hold merges
	// The quads may be articles': the card index is made again from the quads afterwards.
	if s.keepsCards() {
		if err := s.cards.MarkDirty(); err != nil {
			return st, fmt.Errorf("import: %w", err)
		}
	}
	var deltas []cgraph.Delta
	flush := func() error {
		if len(deltas) == 0 {
			return nil
		}
		s.writes.Add(1)
		if err := s.apply(deltas); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		deltas = deltas[:0]
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		q, err := qr.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			flush()
			return st, fmt.Errorf("import: quad %d: %w", st.Quads+1, err)
		}
		st.Quads++
		// the RDF export's full IRIs, typed dates and range-mapped predicates go back to the
		// store's own form (export --stored is that form already)
		q, ok := rdf.ToStored(q)
		if !ok {
			continue
		}
		var long longiri.Shortened // IRIs over longiri.MaxBytes are stored short, as WriteArticles stores them
		q = long.BoundQuad(q)
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		for _, f := range long.FullQuads("") {
			f.Label = q.Label
			deltas = append(deltas, cgraph.Delta{Quad: f, Action: cgraph.Add})
		}
		if len(deltas) >= s.batch {
			if err := flush(); err != nil {
				return st, err
			}
		}
	}
	if err := flush(); err != nil {
		return st, err
	}
	if s.keepsCards() {
		if err := s.cards.Rebuild(ctx); err != nil {
			return st, fmt.Errorf("import: rebuild the card index: %w", err)
		}
		s.wrote.Store(true) // its hubs' digests are made at Close
	}
	after, err := s.Stats(ctx)
	st.Added = after - before
	return st, err
}
