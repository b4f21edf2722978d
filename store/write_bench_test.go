package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Write throughput: go test ./store -run '^$' -bench Write -benchtime 20x
// (PostgreSQL too when NEWSGRAPH_TEST_POSTGRES is set; see pgTestDB).
//
// Each iteration writes one batch of synthetic articles through WriteArticles, as load does
// (default batch: 10,000 quads). The articles look like extracted news: a pool of 20,000
// entities, each named and typed, mentioned by many articles, and per article its own
// statement nodes with an evidence sentence. The reported quads/s counts the quads written
// (contentHash included), over the whole run.

const (
	benchEntities    = 20000
	benchPerArticle  = 60 // quads per article, contentHash included
	benchBatchQuads  = DefaultBatchSize
	benchArticlesPer = benchBatchQuads / benchPerArticle
)

// benchArticle is synthetic article i: 6 entities (name, type, mention: 3 quads each), 6
// statements (subject, predicate, object, evidence, confidence, article: 6 quads each), 5
// direct relations, headline and date.
func benchArticle(i int) Article {
	iri := quad.IRI(fmt.Sprintf("ng:article/bench-%d", i))
	a := Article{IRI: iri, Hash: fmt.Sprintf("h%d", i)}
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		a.Quads = append(a.Quads, quad.Quad{Subject: s, Predicate: p, Object: o, Label: iri})
	}
	ents := make([]quad.IRI, 6)
	for k := range ents {
		e := (i*7919 + k*104729) % benchEntities
		ents[k] = quad.IRI(fmt.Sprintf("ng:person/entity-%d", e))
		add(ents[k], "schema:name", quad.String(fmt.Sprintf("Entity %d", e)))
		add(ents[k], "rdf:type", quad.IRI("schema:Person"))
		add(iri, "schema:mentions", ents[k])
	}
	for k := range 6 {
		st := quad.IRI(fmt.Sprintf("ng:statement/bench-%d-%d", i, k))
		add(st, "ng:subject", ents[k])
		add(st, "ng:predicate", quad.IRI("ng:met"))
		add(st, "ng:object", ents[(k+1)%6])
		add(st, "ng:evidence", quad.String(fmt.Sprintf("In article %d, entity %s met entity %s to talk about matter %d.", i, ents[k], ents[(k+1)%6], k)))
		add(st, "ng:confidence", quad.Float(0.8))
		add(st, "ng:article", iri)
	}
	for k := range 5 {
		add(ents[k], "ng:met", ents[k+1])
	}
	add(iri, "schema:headline", quad.String(fmt.Sprintf("Headline of article %d", i)))
	add(iri, "schema:datePublished", quad.String("2024-05-04"))
	return a // 18 + 36 + 5 + 2 = 61 quads, less duplicate mentions, + contentHash
}

func benchWrite(b *testing.B, s *Store) {
	b.Helper()
	quads := 0
	next := 0
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		arts := make([]Article, benchArticlesPer)
		for k := range arts {
			arts[k] = benchArticle(next)
			next++
		}
		b.StartTimer()
		st, err := s.WriteArticles(arts)
		if err != nil {
			b.Fatal(err)
		}
		if st.Added != len(arts) {
			b.Fatalf("stats %+v", st)
		}
		quads += st.Quads
	}
	b.StopTimer()
	b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
	b.ReportMetric(float64(next)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkWrite(b *testing.B) {
	b.Run("memstore", func(b *testing.B) {
		s, err := Open(Memstore, "")
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		benchWrite(b, s)
	})
	b.Run("bolt", func(b *testing.B) {
		s, err := Open(Bolt, filepath.Join(b.TempDir(), "db"))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		benchWrite(b, s)
	})
	b.Run("bolt-no-bloom", func(b *testing.B) {
		// bolt without the bloom filter of stored quads that Cayley builds at every open
		// (by reading the whole database): ApplyDeltas then looks each added quad up.
		dir := filepath.Join(b.TempDir(), "db")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := cgraph.InitQuadStore(boltBackend, dir, nil); err != nil {
			b.Fatal(err)
		}
		qs, err := cgraph.NewQuadStore(boltBackend, dir, cgraph.Options{"no_bloom": true})
		if err != nil {
			b.Fatal(err)
		}
		s := &Store{qs: qs, batch: DefaultBatchSize}
		defer s.Close()
		benchWrite(b, s)
	})
	b.Run("bolt-nosync", func(b *testing.B) {
		// bolt without an fsync per transaction (Cayley's "nosync" option); for comparison
		// only: newsgraph always opens bolt with fsync.
		dir := filepath.Join(b.TempDir(), "db")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := cgraph.InitQuadStore(boltBackend, dir, nil); err != nil {
			b.Fatal(err)
		}
		qs, err := cgraph.NewQuadStore(boltBackend, dir, cgraph.Options{"nosync": true})
		if err != nil {
			b.Fatal(err)
		}
		s := &Store{qs: qs, batch: DefaultBatchSize}
		defer s.Close()
		benchWrite(b, s)
	})
	b.Run("postgres", func(b *testing.B) {
		s, err := Open(Postgres, pgTestDB(b))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		benchWrite(b, s)
	})
	b.Run("postgres-cayley-tx", func(b *testing.B) {
		// The same, with Cayley's own write transaction (a statement per node and per quad).
		addr := pgTestDB(b)
		s, err := Open(Postgres, addr)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
		qs, err := cgraph.NewQuadStore("postgres", addr, nil)
		if err != nil {
			b.Fatal(err)
		}
		s = &Store{qs: qs, batch: DefaultBatchSize}
		defer s.Close()
		benchWrite(b, s)
	})
}
