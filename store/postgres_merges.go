package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/mergetable"
	"github.com/newsgraph/newsgraph/store/postgres"
	"github.com/newsgraph/newsgraph/store/terms"
)

// The merge table of a PostgreSQL store. Every command reads it (PostgreSQL keeps no cache
// of it: other processes merge), and reading it as bolt does, the merge nodes and then each
// one's quads, cost a round trip per merge: 55 to 90 ms at 1,000 GMB articles and their 139
// merges. Here it is one SELECT of every quad a merge node states about itself, with the
// values, in the order bolt reads them (the merges by their record's rdf:type quad, each
// merge's quads as written), parsed as bolt's are (mergetable.FromQuads).

// pgMergesSQL selects the quads labelled with their own subject, of the subjects typed
// ng:Merge ($1 rdf:type, $2 ng:Merge).
var pgMergesSQL = postgres.QuadsSQL(`q.label_hash = q.subject_hash AND q.subject_hash IN
	(SELECT subject_hash FROM quads WHERE predicate_hash = $1 AND object_hash = $2)`,
	`min(q.horizon) FILTER (WHERE q.predicate_hash = $1) OVER (PARTITION BY q.subject_hash), q.subject_hash, q.horizon`)

// pgQuerier is a pool of connections (*sql.DB) or a transaction (*sql.Tx).
type pgQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// pgSelectMerges is the SELECT (pgReadMerges: postgres_mergesnapshot.go).
func pgSelectMerges(ctx context.Context, db pgQuerier) (*mergeTable, error) {
	fail := func(err error) (*mergeTable, error) { return nil, fmt.Errorf("read merges: %w", postgres.OneLine(err)) }
	rows, err := db.QueryContext(ctx, pgMergesSQL, hashBytes(terms.Type), hashBytes(terms.Merge))
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	var hashes [4][]byte
	var nodes [4]postgres.NodeRow
	dst := []any{&hashes[0], &hashes[1], &hashes[2], &hashes[3]}
	for i := range nodes {
		dst = append(dst, nodes[i].Dests()...)
	}
	t := mergetable.New()
	var iri quad.IRI
	var qs []quad.Quad
	flush := func() {
		if m := mergetable.FromQuads(iri, qs); iri != "" && m != nil {
			t.Add(m)
		}
		qs = qs[:0]
	}
	for rows.Next() {
		if err := rows.Scan(dst...); err != nil {
			return fail(err)
		}
		var vals [4]quad.Value
		for i := range nodes {
			if vals[i], _, err = nodes[i].Value(); err != nil {
				return fail(err)
			}
		}
		q := quad.Quad{Subject: vals[0], Predicate: vals[1], Object: vals[2], Label: vals[3]}
		if s, _ := q.Subject.(quad.IRI); s != iri {
			flush()
			iri = s // "" for a subject that is not an IRI: skipped, as bolt skips it
		}
		qs = append(qs, q)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	flush()
	return t, nil
}

// hashBytes is v's hash as Cayley's SQL tables key nodes by it.
func hashBytes(v quad.Value) []byte {
	h := refs.HashOf(v)
	return h[:]
}
