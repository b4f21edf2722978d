// Package storetest is what the tests of store, server and export share: a bolt store in a
// test's temporary folder, the README's example articles through the real extractor and
// mapping, and a few readings of a store. Tests only import it.
package storetest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/linediff"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

var extractor = sync.OnceValue(func() *extract.Extractor { return extract.New() })

// Extractor is the one extractor the tests of a package share.
func Extractor() *extract.Extractor { return extractor() }

// OpenBolt opens a new bolt store in t's temporary folder, closed when t ends.
func OpenBolt(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(store.Bolt, filepath.Join(t.TempDir(), "news.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// ReadJSONL reads a file of articles, one JSON object a line.
func ReadJSONL(t testing.TB, path string) []extract.Article {
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

// Root is the module's folder, found from this file's place in it.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Examples are the README's example articles, as newsgraph load reads them.
func Examples(t testing.TB) []extract.Article {
	t.Helper()
	founding, err := os.ReadFile(filepath.Join(Root(), "examples", "testdata", "trend-azerbaijan-nato.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return append([]extract.Article{{Text: string(founding)}}, ReadJSONL(t, filepath.Join(Root(), "examples", "articles", "voa-gmb.jsonl"))...)
}

// Build extracts and maps articles as load does.
func Build(arts ...extract.Article) []store.Article {
	var out []store.Article
	for _, a := range arts {
		out = append(out, ingest.Build(extractor(), a).Graph)
	}
	return out
}

// Load writes articles into s as load does.
func Load(t testing.TB, s *store.Store, arts ...extract.Article) store.WriteStats {
	t.Helper()
	st, err := s.WriteArticles(Build(arts...))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Dump is every quad of s as N-Quads.
func Dump(t testing.TB, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	if err := s.Dump(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Count is the number of quads in s.
func Count(t testing.TB, s *store.Store) int64 {
	t.Helper()
	n, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Gizmo runs a query and returns the "id" of each result as text, sorted, once each.
func Gizmo(t testing.TB, s *store.Store, q string) []string {
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

// DiffLines shows what is only in a ("- ") and only in b ("+ "), at most 20 lines.
func DiffLines(a, b string) string { return linediff.Lines(a, b, 20) }

// Serve starts a server on s at a free loopback port for the test's lifetime and returns its
// base URL.
func Serve(t testing.TB, s *store.Store, o server.ServerOptions) string {
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

// StockCayley is Cayley's own command, from $NEWSGRAPH_CAYLEY or the PATH, as cmd/newsgraph's
// cayleyBinary finds it (see there how to build it); without one the test is skipped.
func StockCayley(t testing.TB) string {
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

// LoadedDB is a closed bolt database with the README's examples and the wire copies of
// store/testdata/wire.jsonl.
func LoadedDB(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "news.db")
	s, err := store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	Load(t, s, Examples(t)...)
	Load(t, s, ReadJSONL(t, filepath.Join(Root(), "store", "testdata", "wire.jsonl"))...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// SpellingArticles are articles where two spellings of one name compete, the one fewer
// articles give written first: "Jean Bertrand Aristide" once, then "Jean-Bertrand Aristide"
// twice; "Luiz Inacio Lula da Silva" once, then "Luiz Inácio Lula da Silva" twice. The last one names
// "Aristide" alone, a one-word person of his own that the test merges into the first.
func SpellingArticles() []store.Article {
	arts := []extract.Article{
		{Title: "Aristide in Pretoria", Published: "2024-03-01", Text: "Former Haitian President Jean Bertrand Aristide met " +
			"South African President Thabo Mbeki in Pretoria on Monday. Jean Bertrand Aristide said he wants to return to Haiti."},
		{Title: "Aristide in Brasilia", Published: "2024-03-05", Text: "Former Haitian President Jean-Bertrand Aristide visited " +
			"Brazil on Tuesday. Jean-Bertrand Aristide met Brazilian President Luiz Inacio Lula da Silva in Brasilia."},
		{Title: "Aristide in Caracas", Published: "2024-03-09", Text: "Former Haitian President Jean-Bertrand Aristide met " +
			"Venezuelan President Hugo Chavez in Caracas on Friday. The two leaders discussed oil supplies."},
		{Title: "Lula in Buenos Aires", Published: "2024-04-02", Text: "Brazilian President Luiz Inácio Lula da Silva met " +
			"Argentine President Nestor Kirchner in Buenos Aires on Wednesday."},
		{Title: "Lula in Caracas", Published: "2024-04-10", Text: "Brazilian President Luiz Inácio Lula da Silva visited " +
			"Venezuela on Thursday. Luiz Inácio Lula da Silva met Hugo Chavez in Caracas."},
		{Title: "Marchers in Port-au-Prince", Published: "2024-04-12", Text: "Thousands of supporters of Aristide marched in " +
			"Port-au-Prince on Friday. Police said Aristide had urged calm."},
	}
	return Build(arts...)
}
