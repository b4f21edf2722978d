package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

// Helpers of the store's external tests (store/curate_test.go, gizmo_random_test.go,
// cardindex_mark_test.go), for the server's.

var extractor = sync.OnceValue(func() *extract.Extractor { return extract.New() })

func openBolt(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(store.Bolt, filepath.Join(t.TempDir(), "news.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func readJSONL(t *testing.T, path string) []extract.Article {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []extract.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a extract.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// examples are the README's example articles, as newsgraph load reads them.
func examples(t *testing.T) []extract.Article {
	t.Helper()
	founding, err := os.ReadFile("../examples/testdata/trend-azerbaijan-nato.txt")
	if err != nil {
		t.Fatal(err)
	}
	return append([]extract.Article{{Text: string(founding)}}, readJSONL(t, "../examples/articles/voa-gmb.jsonl")...)
}

func load(t *testing.T, s *store.Store, arts ...extract.Article) store.WriteStats {
	t.Helper()
	var graph []store.Article
	for _, a := range arts {
		graph = append(graph, ingest.Build(extractor(), a).Graph)
	}
	st, err := s.WriteArticles(graph)
	if err != nil {
		t.Fatal(err)
	}
	return st
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
