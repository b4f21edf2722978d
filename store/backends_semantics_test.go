package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/store"
)

// semanticsQueries are the example queries and the counts issue 21 compared, each as a
// Gizmo path without its final (.All() or .Count() is added).
func semanticsQueries(t *testing.T) map[string]string {
	t.Helper()
	qs := map[string]string{
		"people with name and title": `g.V().Has("<rdf:type>", "<schema:Person>").Save("<schema:name>", "name").Save("<schema:jobTitle>", "title")`,
		"people":                     `g.V().Has("<rdf:type>", "<schema:Person>")`,
		"statements":                 `g.V().Has("<rdf:type>", "<ng:Statement>")`,
		"roles":                      `g.V().Has("<rdf:type>", "<ng:Role>")`,
		"every node":                 `g.V()`,
		"names by article":           `g.V().Has("<rdf:type>", "<schema:Person>").Out("<schema:name>")`,
	}
	files, err := filepath.Glob("../examples/queries/*.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("example queries: %v", err)
	}
	comment := regexp.MustCompile(`(?m)^//.*$`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		q := strings.TrimSpace(comment.ReplaceAllString(string(b), ""))
		path, ok := strings.CutSuffix(q, ".All()")
		if !ok {
			t.Fatalf("%s does not end in .All(): the test cannot count it", f)
		}
		qs[filepath.Base(f)] = path
	}
	return qs
}

// semanticsBackends are bolt, memstore (Cayley's reference) and, with a test server,
// PostgreSQL, each loaded with the README's example articles.
func semanticsBackends(t *testing.T) ([]string, map[string]*store.Store) {
	t.Helper()
	mem, err := store.Open(store.Memstore, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mem.Close() })
	names := []string{"memstore", "bolt"}
	stores := map[string]*store.Store{"memstore": mem, "bolt": openPGTestBolt(t)}
	if os.Getenv("NEWSGRAPH_TEST_POSTGRES") != "" {
		pg, err := store.Open(store.Postgres, store.PGTestDB(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { pg.Close() })
		names, stores["PostgreSQL"] = append(names, "PostgreSQL"), pg
	} else {
		t.Log("no PostgreSQL test server (NEWSGRAPH_TEST_POSTGRES): bolt and memstore only")
	}
	arts := pgExamples(t)
	for _, s := range stores {
		if _, err := s.WriteArticles(arts); err != nil {
			t.Fatal(err)
		}
	}
	return names, stores
}

// TestBackendsSemantics runs every example query and a few counts on memstore, bolt and
// PostgreSQL loaded with the same articles. On every backend, Count() is the number of
// results All() gives; across backends the distinct results are the same. How many times a
// result reached by several paths is repeated is not compared: Cayley defines no path
// multiplicity, and its backends differ (docs/postgresql.md, "Queries").
func TestBackendsSemantics(t *testing.T) {
	names, stores := semanticsBackends(t)
	run := func(s *store.Store, q string) []string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		res, err := s.Query(ctx, q, 0)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return canonical(res)
	}
	qs := semanticsQueries(t)
	keys := make([]string, 0, len(qs))
	for k := range qs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var distinct []string
		var counts []string
		for _, name := range names {
			s := stores[name]
			rows := run(s, qs[k]+".All()")
			count := run(s, "g.emit("+qs[k]+".Count())")
			if want := fmt.Sprintf("[%d]", len(rows)); len(count) != 1 || "["+count[0]+"]" != want {
				t.Errorf("%s on %s: Count() is %v, All() gives %d results", k, name, count, len(rows))
			}
			d := slices.Compact(rows)
			counts = append(counts, fmt.Sprintf("%s %d results, %d distinct", name, len(rows), len(d)))
			if distinct == nil {
				distinct = d
				if len(d) == 0 {
					t.Errorf("%s finds nothing on %s: not a test", k, name)
				}
			} else if !slices.Equal(d, distinct) {
				t.Errorf("%s: %s finds %d distinct results, %s %d:\n%.400v\n%.400v", k, name, len(d), names[0], len(distinct), d, distinct)
			}
		}
		t.Logf("%s: %s", k, strings.Join(counts, "; "))
	}
}
