package store

import (
	"context"
	"crypto/sha256"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// An article's MinHash signature and LSH bands (textkey.FingerprintOf), by which its write
// recognises wire copies (store/writes/hooks.go), are not quads when its text is kept: they
// are derived from the text (schema:articleBody). The bands of the articles that are no copy
// are kept where a lookup by band finds them:
//   - bolt: the card index (its band rows), when it is usable or being written;
//   - PostgreSQL: its own table (store/postgres/bands.go), written with the quads, made by
//     the first write that finds it missing, never by opening;
//   - elsewhere (memstore, a bolt database whose card index is being made again, a role that
//     could not make the table): a scan of the texts.
//
// Articles stored without their text (load --no-text), or by an older version, have them as
// ng:minhash and ng:lshBand quads, which the write path reads itself.

// bandIndex is a CardIndex that answers lookups by band (store/cards's, on bolt); ok false
// when it cannot now.
type bandIndex interface {
	StoryBands(bands []string) (arts map[string][]quad.IRI, ok bool, err error)
}

// bandTable is a quad store that keeps the bands in a table of its own (PostgreSQL); ok
// false when it has none.
type bandTable interface {
	StoryBands(ctx context.Context, bands []string) (arts map[string][]quad.Value, ok bool, err error)
}

// StoryBands are, for each band, the stored articles that are no copy (no ng:copyOf link of
// their own) and whose text's fingerprint has it, keyed by the band. Index lookups on bolt
// and PostgreSQL; a scan of the texts elsewhere.
func (s *Store) StoryBands(ctx context.Context, bands []string) (map[string][]quad.Value, error) {
	out := map[string][]quad.Value{}
	if len(bands) == 0 {
		return out, nil
	}
	if ix, ok := s.cards.(bandIndex); ok && s.keepsCards() {
		arts, ok, err := ix.StoryBands(bands)
		if err != nil {
			return nil, err
		}
		if ok {
			for b, as := range arts {
				for _, a := range as {
					out[b] = append(out[b], a)
				}
			}
			return out, nil
		}
	}
	if t, ok := s.qs.(bandTable); ok {
		arts, ok, err := t.StoryBands(ctx, bands)
		if err != nil {
			return nil, err
		}
		if ok {
			return arts, nil
		}
	}
	return s.scanStoryBands(ctx, bands)
}

// scanStoryBands is StoryBands by reading every article's text.
func (s *Store) scanStoryBands(ctx context.Context, bands []string) (map[string][]quad.Value, error) {
	out := map[string][]quad.Value{}
	texts, err := s.quadsWith(ctx, terms.ArticleBody)
	if err != nil {
		return nil, err
	}
	for _, q := range texts {
		if keyOfValue(q.Subject) != keyOfValue(q.Label) {
			continue
		}
		text := str(q.Object)
		h := sha256.Sum256([]byte(text))
		var own []string
		if v, ok := s.bandsOf.Load(h); ok {
			own = v.([]string)
		} else {
			if fp, ok := textkey.FingerprintOf(text); ok {
				own = fp.Bands
			}
			s.bandsOf.Store(h, own)
		}
		var hit []string
		for _, b := range bands {
			if slices.Contains(own, b) {
				hit = append(hit, b)
			}
		}
		if len(hit) == 0 {
			continue
		}
		copied, err := s.isCopy(ctx, q.Subject)
		if err != nil {
			return nil, err
		}
		if copied {
			continue
		}
		for _, b := range hit {
			out[b] = append(out[b], q.Subject)
		}
	}
	return out, nil
}

// isCopy tells whether article a states it is a copy of another (a quad <a> <ng:copyOf> ...
// labelled with a).
func (s *Store) isCopy(ctx context.Context, a quad.Value) (bool, error) {
	copied := false
	err := s.quads(ctx, quad.Subject, a, terms.CopyOf, func(q quad.Quad) bool {
		copied = keyOfValue(q.Label) == keyOfValue(a)
		return !copied
	})
	return copied, err
}
