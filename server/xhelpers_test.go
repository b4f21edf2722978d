package server_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

// Helpers of the store's external tests (store/curate_test.go, gizmo_random_test.go,
// cardindex_mark_test.go), for the server's.

var extractor = storetest.Extractor

func openBolt(t *testing.T) *store.Store { return storetest.OpenBolt(t) }

func readJSONL(t *testing.T, path string) []extract.Article { return storetest.ReadJSONL(t, path) }

func examples(t *testing.T) []extract.Article { return storetest.Examples(t) }

func load(t *testing.T, s *store.Store, arts ...extract.Article) store.WriteStats {
	return storetest.Load(t, s, arts...)
}

// serve starts a server on a free loopback port for the test's lifetime.
func serve(t *testing.T, s *store.Store, o server.ServerOptions) string {
	t.Helper()
	o.Addr = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- server.Serve(ctx, s, o, func(a string) { addr <- a }) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case a := <-addr:
		return "http://" + a
	case err := <-done:
		t.Fatal(err)
	}
	return ""
}

// stockCayley is Cayley's own command, from $NEWSGRAPH_CAYLEY or the PATH, as cmd/newsgraph's
// cayleyBinary finds it (see there how to build it).
func stockCayley(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("NEWSGRAPH_CAYLEY"); p != "" {
		return p
	}
	if p, err := exec.LookPath("cayley"); err == nil {
		return p
	}
	t.Skip("no stock cayley binary: set NEWSGRAPH_CAYLEY (see cmd/newsgraph's cayleyBinary)")
	return ""
}

// loadedDB is a bolt database with the README's examples and the wire copies, closed.
func loadedDB(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "news.db")
	s, err := store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	load(t, s, examples(t)...)
	load(t, s, readJSONL(t, "../store/testdata/wire.jsonl")...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func lines(s string) []string {
	out := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(out)
	return slices.Compact(out)
}
