package postgres

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/newsgraph/newsgraph/store/textkey"
)

// An article's LSH bands (textkey.FingerprintOf) are not quads when its text is kept: here
// newsgraph's table newsgraph_bands holds them, one row per band of each article's text (the
// schema:articleBody quad of the article, labelled with it), written in the transaction that
// inserts or deletes the text, made by the first write that finds it missing (with the bands
// of the texts stored), never by opening, as the name keys' table is (namekeys.go).

const bandsTable = "newsgraph_bands"

var (
	articleBodyIRI = refs.HashOf(quad.IRI("schema:articleBody"))
	copyOfIRI      = refs.HashOf(quad.IRI("ng:copyOf"))
	bandsSide      = sideTable{name: bandsTable, preds: pq.ByteaArray{articleBodyIRI[:]}, keys: bandsOf}
)

// bandsOf are the bands of an article's own text (its subject is its label).
func bandsOf(h [4][]byte, text string, add func(key string, word bool)) {
	if string(h[0]) != string(h[3]) {
		return
	}
	if fp, ok := textkey.FingerprintOf(text); ok {
		for _, b := range fp.Bands {
			add(b, false)
		}
	}
}

// bands is the bands' table, with what this store knows of it.
func (p *QuadStore) bands() sideTable {
	t := bandsSide
	t.state = &p.sides.bands
	return t
}

// StoryBands are, for each band, the articles that are no copy (no ng:copyOf quad of their
// own) and whose text has it, keyed by the band; ok false when there is no table, or the role
// may not read it.
func (p *QuadStore) StoryBands(ctx context.Context, bands []string) (arts map[string][]quad.Value, ok bool, err error) {
	if ok, err := p.bands().exists(ctx, p.lock.db); err != nil || !ok {
		return nil, false, err
	}
	rows, err := p.lock.db.QueryContext(ctx, `SELECT b.key, `+prefixed("n.", ValueCols)+`
		FROM `+bandsTable+` b JOIN nodes n ON n.hash = b.subject_hash
		WHERE b.key = ANY($1) AND NOT EXISTS (SELECT 1 FROM quads c
			WHERE c.subject_hash = b.subject_hash AND c.predicate_hash = $2 AND c.label_hash = b.subject_hash)`,
		pq.StringArray(bands), copyOfIRI[:])
	if err != nil {
		if readOnlyRole(err) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("read bands: %w", OneLine(err))
	}
	defer rows.Close()
	arts = map[string][]quad.Value{}
	for rows.Next() {
		var band string
		var r NodeRow
		if err := rows.Scan(append([]any{&band}, r.Dests()...)...); err != nil {
			return nil, false, err
		}
		v, _, err := r.Value()
		if err != nil {
			return nil, false, err
		}
		if v != nil {
			arts[band] = append(arts[band], v)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("read bands: %w", OneLine(err))
	}
	return arts, true, nil
}
