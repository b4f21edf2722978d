package ingest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/newsgraph/newsgraph/store"
)

// pgWorkerDB is a new database on the PostgreSQL test server (NEWSGRAPH_TEST_POSTGRES, as
// graph's tests use it), dropped at the end; the test is skipped without a server.
func pgWorkerDB(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("NEWSGRAPH_TEST_POSTGRES")
	if admin == "" {
		t.Skip("no PostgreSQL test server: set NEWSGRAPH_TEST_POSTGRES (.ci/run does)")
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("ngingest_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// gatedStore is a worker's Store whose first write waits until the other worker is done:
// this worker has counted the store before (Load's start) and counts it after the other's
// writes, as two workers running side by side do.
type gatedStore struct {
	*store.Store
	ready chan<- struct{}
	wait  <-chan struct{}
}

func (g gatedStore) WriteArticles(arts []store.Article) (store.WriteStats, error) {
	if g.ready != nil {
		close(g.ready)
		<-g.wait
	}
	g.ready = nil
	return g.Store.WriteArticles(arts)
}

// TestPostgresWorkersCountTheirOwnQuads: two load workers on one PostgreSQL database, on
// overlapping inputs, the second writing while the first runs. Each summary's "quads added"
// is that worker's own, so the two add up to what the database holds; before, each counted
// the store's growth, the other worker's quads included.
func TestPostgresWorkersCountTheirOwnQuads(t *testing.T) {
	addr := pgWorkerDB(t)
	data, err := os.ReadFile("../examples/articles/voa-gmb.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(bytes.TrimSpace(data), []byte("\n"))
	if len(lines) < 6 {
		t.Fatalf("%d example articles", len(lines))
	}
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	if err := os.WriteFile(first, bytes.Join(lines[:5], nil), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(second, bytes.Join(lines[3:], nil), 0o644); err != nil {
		t.Fatal(err)
	}
	open := func() *store.Store {
		s, err := store.Open(store.Postgres, addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	ctx := context.Background()
	a, b := open(), open()
	ready, bDone := make(chan struct{}), make(chan struct{})
	type result struct {
		sum Summary
		err error
	}
	aRes := make(chan result, 1)
	go func() {
		sum, err := Load(ctx, gatedStore{Store: a, ready: ready, wait: bDone}, []string{first}, Options{})
		aRes <- result{sum, err}
	}()
	<-ready
	bSum, err := Load(ctx, b, []string{second}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	close(bDone)
	ar := <-aRes
	if ar.err != nil {
		t.Fatal(ar.err)
	}
	stored, err := b.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("worker 1: %+v\nworker 2: %+v\nstored %d", ar.sum, bSum, stored)
	if ar.sum.Added+bSum.Added != len(lines) || ar.sum.Unchanged == 0 {
		t.Fatalf("articles added %d + %d (unchanged %d), want %d, some by the second worker only", ar.sum.Added, bSum.Added, ar.sum.Unchanged, len(lines))
	}
	if got := ar.sum.Quads + bSum.Quads; got != stored || ar.sum.Quads <= 0 || bSum.Quads <= 0 {
		t.Errorf("quads added %d + %d = %d, the database holds %d", ar.sum.Quads, bSum.Quads, got, stored)
	}
}
