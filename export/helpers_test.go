package export_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/store"
)

// The store's test helpers (store/curate_test.go), for the exports' tests.

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

func build(arts ...extract.Article) []store.Article {
	var out []store.Article
	for _, a := range arts {
		out = append(out, ingest.Build(extractor(), a).Graph)
	}
	return out
}

func load(t *testing.T, s *store.Store, arts ...extract.Article) store.WriteStats {
	t.Helper()
	st, err := s.WriteArticles(build(arts...))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func dumpOf(t *testing.T, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	if err := s.Dump(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func count(t *testing.T, s *store.Store) int64 {
	t.Helper()
	n, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// gizmo runs a query and returns the "id" of each result, as text.
func gizmo(t *testing.T, s *store.Store, q string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := s.Query(ctx, q, 0)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	var out []string
	for _, r := range res {
		if m, ok := r.(map[string]any); ok {
			out = append(out, fmt.Sprint(m["id"]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// diffLines shows what is only in a and only in b.
func diffLines(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for l := range ma {
		if !mb[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range mb {
		if !ma[l] {
			out = append(out, "+ "+l)
		}
	}
	slices.Sort(out)
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("... %d more", len(out)-20))
	}
	return strings.Join(out, "\n")
}
