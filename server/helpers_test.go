package server

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
)

// The store's own test helpers (store/store_test.go), for the server's tests.

const name = quad.IRI("schema:name")

func openTestStore(t *testing.T, backend string, opts ...store.Option) (*store.Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "newsgraph.db")
	s, err := store.Open(backend, dir, opts...)
	if err != nil {
		t.Fatalf("Open(%q, %s): %v", backend, dir, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, dir
}

func q(s, p quad.IRI, o any) quad.Quad { return quad.Make(s, p, o, nil) }

// article1 says that Alice received the Nobel prize.
func article1(hash string) store.Article {
	return store.Article{IRI: "news:a1", Hash: hash, Quads: []quad.Quad{
		q("person:alice", name, "Alice"),
		q("award:nobel", name, "Nobel Prize"),
		q("person:alice", "ng:received", quad.IRI("award:nobel")),
	}}
}

// article2 says that Bob works for ACME, and again that Alice received the Nobel prize.
func article2() store.Article {
	return store.Article{IRI: "news:a2", Hash: "h2", Quads: []quad.Quad{
		q("person:bob", name, "Bob"),
		q("org:acme", name, "ACME"),
		q("person:bob", "ng:worksFor", quad.IRI("org:acme")),
		q("person:alice", name, "Alice"),
		q("person:alice", "ng:received", quad.IRI("award:nobel")),
	}}
}

func quadCount(t *testing.T, s *store.Store) int64 {
	t.Helper()
	n, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return n
}

func dump(t *testing.T, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	if err := s.Dump(&b); err != nil {
		t.Fatalf("Dump: %v", err)
	}
	return b.String()
}

func write(t *testing.T, s *store.Store, arts ...store.Article) store.WriteStats {
	t.Helper()
	st, err := s.WriteArticles(arts)
	if err != nil {
		t.Fatalf("WriteArticles: %v", err)
	}
	return st
}
