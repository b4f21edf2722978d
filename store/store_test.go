package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// Test vocabulary, as package schema would spell it.
const (
	name     = quad.IRI("schema:name")
	received = quad.IRI("ng:received")
	worksFor = quad.IRI("ng:worksFor")
)

var backends = []string{Bolt, Memstore}

func openTestStore(t *testing.T, backend string, opts ...Option) (*Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "newsgraph.db")
	s, err := Open(backend, dir, opts...)
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

// q makes an unlabelled quad; WriteArticles labels it with the article IRI.
func q(s, p quad.IRI, o any) quad.Quad {
	return quad.Make(s, p, o, nil)
}

// article1 says that Alice received the Nobel prize.
func article1(hash string) Article {
	return Article{IRI: "news:a1", Hash: hash, Quads: []quad.Quad{
		q("person:alice", name, "Alice"),
		q("award:nobel", name, "Nobel Prize"),
		q("person:alice", received, quad.IRI("award:nobel")),
	}}
}

// article1b is a new version of article 1: Alice received the Pulitzer
// prize, not the Nobel one.
func article1b() Article {
	return Article{IRI: "news:a1", Hash: "h1b", Quads: []quad.Quad{
		q("person:alice", name, "Alice"),
		q("award:pulitzer", name, "Pulitzer Prize"),
		q("person:alice", received, quad.IRI("award:pulitzer")),
	}}
}

// article2 says that Bob works for ACME and, again, that Alice received the
// Nobel prize.
func article2() Article {
	return Article{IRI: "news:a2", Hash: "h2", Quads: []quad.Quad{
		q("person:bob", name, "Bob"),
		q("org:acme", name, "ACME"),
		q("person:bob", worksFor, quad.IRI("org:acme")),
		q("person:alice", name, "Alice"),
		q("person:alice", received, quad.IRI("award:nobel")),
	}}
}

func quadCount(t *testing.T, s *Store) int64 {
	t.Helper()
	n, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return n
}

func dump(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	if err := s.Dump(&b); err != nil {
		t.Fatalf("Dump: %v", err)
	}
	return b.String()
}

func runQuery(t *testing.T, s *Store, gizmo string) []any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := s.Query(ctx, gizmo, 0)
	if err != nil {
		t.Fatalf("Query(%s): %v", gizmo, err)
	}
	return res
}

func write(t *testing.T, s *Store, arts ...Article) WriteStats {
	t.Helper()
	st, err := s.WriteArticles(arts)
	if err != nil {
		t.Fatalf("WriteArticles: %v", err)
	}
	return st
}

// ids makes the JSON results of a Gizmo query that yields the nodes iris.
func ids(iris ...string) []any {
	out := []any{}
	for _, iri := range iris {
		out = append(out, map[string]any{"id": iri})
	}
	return out
}

func TestWriteAndQuery(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			s, _ := openTestStore(t, backend)
			st := write(t, s, article1("h1"), article2())
			if want := (WriteStats{Added: 2, Quads: 3 + 1 + 5 + 1}); st != want {
				t.Errorf("stats = %+v, want %+v", st, want)
			}
			if n := quadCount(t, s); n != 10 {
				t.Errorf("quad count = %d, want 10", n)
			}

			for _, tc := range []struct {
				what, gizmo string
				want        []any
			}{{
				"what Alice received",
				`g.V().Has("<schema:name>", "Alice").Out("<ng:received>").Unique().All()`,
				ids("<award:nobel>"),
			}, {
				"the articles that say Alice received the Nobel prize",
				`g.V("<person:alice>").LabelContext(["<news:a1>", "<news:a2>"], "article").Out("<ng:received>").Is("<award:nobel>").All()`,
				[]any{
					map[string]any{"id": "<award:nobel>", "article": "<news:a1>"},
					map[string]any{"id": "<award:nobel>", "article": "<news:a2>"},
				},
			}, {
				"the articles that mention Bob",
				`g.V("<person:bob>").Labels().All()`,
				ids("<news:a2>"),
			}, {
				"whom Bob works for, according to article 1",
				`g.V("<person:bob>").LabelContext("<news:a1>").Out("<ng:worksFor>").All()`,
				ids(),
			}, {
				"whom Bob works for, according to article 2",
				`g.V("<person:bob>").LabelContext("<news:a2>").Out("<ng:worksFor>").All()`,
				ids("<org:acme>"),
			}, {
				"the content hash of article 2",
				`g.V("<news:a2>").Out("<ng:contentHash>").All()`,
				ids("h2"),
			}} {
				if got := runQuery(t, s, tc.gizmo); !reflect.DeepEqual(got, tc.want) {
					t.Errorf("%s: %s\n got %v\nwant %v", tc.what, tc.gizmo, got, tc.want)
				}
			}
		})
	}
}

func TestWriteIsIdempotent(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			s, _ := openTestStore(t, backend)
			write(t, s, article1("h1"), article2())
			before, n := dump(t, s), quadCount(t, s)

			st := write(t, s, article1("h1"), article2())
			if want := (WriteStats{Unchanged: 2}); st != want {
				t.Errorf("second write: stats = %+v, want %+v", st, want)
			}
			if got := quadCount(t, s); got != n {
				t.Errorf("quad count after second write = %d, want %d", got, n)
			}
			if after := dump(t, s); after != before {
				t.Errorf("second write changed the store:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

func TestWriteReplacesChangedArticle(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			s, _ := openTestStore(t, backend)
			write(t, s, article1("h1"), article2())
			st := write(t, s, article1b(), article2())
			if want := (WriteStats{Replaced: 1, Unchanged: 1, Quads: 4}); st != want {
				t.Errorf("stats = %+v, want %+v", st, want)
			}

			// The state is what writing the new version alone gives: nothing
			// of article 1's old version survives, article 2 is untouched,
			// and the quad both versions share is still there.
			fresh, _ := openTestStore(t, backend)
			write(t, fresh, article1b(), article2())
			if got, want := dump(t, s), dump(t, fresh); got != want {
				t.Errorf("store after replacement:\n%s\nwant:\n%s", got, want)
			}
			if got := dump(t, s); !strings.Contains(got, `<person:alice> <schema:name> "Alice" <news:a1> .`) {
				t.Errorf("the quad shared by both versions of article 1 is gone:\n%s", got)
			}
			if got, want := quadCount(t, s), quadCount(t, fresh); got != want {
				t.Errorf("quad count = %d, want %d", got, want)
			}

			for _, tc := range []struct {
				gizmo string
				want  []any
			}{
				{`g.V("<person:alice>").LabelContext("<news:a1>").Out("<ng:received>").All()`, ids("<award:pulitzer>")},
				{`g.V("<person:alice>").LabelContext("<news:a2>").Out("<ng:received>").All()`, ids("<award:nobel>")},
				{`g.V("<news:a1>").Out("<ng:contentHash>").All()`, ids("h1b")},
				// The Nobel prize's name came from article 1 only.
				{`g.V("<award:nobel>").Out("<schema:name>").All()`, ids()},
			} {
				if got := runQuery(t, s, tc.gizmo); !reflect.DeepEqual(got, tc.want) {
					t.Errorf("%s\n got %v\nwant %v", tc.gizmo, got, tc.want)
				}
			}
		})
	}
}

// Replacing an article must leave no node behind that only its old version
// used (bolt keeps reference counts on nodes).
func TestReplaceLeavesNoStaleNodes(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	write(t, s, article1("h1"), article2())
	write(t, s, article1b())
	fresh, _ := openTestStore(t, Bolt)
	write(t, fresh, article2(), article1b())
	const nodes = `g.V().Tag("id").All()`
	got, want := runQuery(t, s, nodes), runQuery(t, fresh, nodes)
	if fmt.Sprint(sortedIDs(got)) != fmt.Sprint(sortedIDs(want)) {
		t.Errorf("nodes after replacement:\n%v\nwant:\n%v", sortedIDs(got), sortedIDs(want))
	}
}

func sortedIDs(res []any) []string {
	var out []string
	for _, r := range res {
		out = append(out, fmt.Sprint(r.(map[string]any)["id"]))
	}
	slices.Sort(out)
	return out
}

func TestWriteSameArticleTwiceInOneCall(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	st := write(t, s, article1("h1"), article2(), article1b(), article1b())
	if want := (WriteStats{Added: 2, Replaced: 1, Unchanged: 1, Quads: 4 + 6 + 4}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	fresh, _ := openTestStore(t, Bolt)
	write(t, fresh, article1b(), article2())
	if got, want := dump(t, s), dump(t, fresh); got != want {
		t.Errorf("store:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteDuplicateQuadsInArticle(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	a := article1("h1")
	a.Quads = append(a.Quads, a.Quads...)
	a.Quads = append(a.Quads, quad.Make(quad.IRI("person:alice"), name, "Alice", quad.IRI("news:a1")))
	st := write(t, s, a)
	if st.Quads != 4 {
		t.Errorf("stats = %+v, want 4 quads", st)
	}
	if n := quadCount(t, s); n != 4 {
		t.Errorf("quad count = %d, want 4", n)
	}
}

func TestWriteRejectsBadArticles(t *testing.T) {
	for _, tc := range []struct {
		name string
		art  Article
		want string
	}{
		{"no IRI", Article{Hash: "h"}, "no IRI"},
		{"no hash", Article{IRI: "news:x"}, "no content hash"},
		{"foreign label", Article{IRI: "news:x", Hash: "h", Quads: []quad.Quad{
			quad.Make(quad.IRI("person:alice"), name, "Alice", quad.IRI("news:other")),
		}}, "label"},
		{"invalid quad", Article{IRI: "news:x", Hash: "h", Quads: []quad.Quad{
			{Subject: quad.IRI("person:alice"), Predicate: name},
		}}, "invalid"},
		{"own content hash", Article{IRI: "news:x", Hash: "h", Quads: []quad.Quad{
			q("news:x", ContentHash, "h"),
		}}, "contentHash"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestStore(t, Bolt, WithBatchSize(1))
			// The article before the bad one is written in its own batch.
			st, err := s.WriteArticles([]Article{article2(), tc.art})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "article 1") {
				t.Fatalf("error = %v, want one about article 1 containing %q", err, tc.want)
			}
			if st.Added != 1 {
				t.Errorf("stats = %+v, want article 2 counted as added", st)
			}
			if n := quadCount(t, s); n != 6 {
				t.Errorf("quad count = %d, want article 2's 6 quads", n)
			}
		})
	}
}

func TestQueryLimitAndErrors(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	write(t, s, article1("h1"), article2())
	ctx := context.Background()

	res, err := s.Query(ctx, `g.V().All()`, 3)
	if err != nil || len(res) != 3 {
		t.Errorf("Query with limit 3 = %d results, %v; want 3, nil", len(res), err)
	}
	res, err = s.Query(ctx, `g.emit(g.V().Count())`, 0)
	if err != nil || !reflect.DeepEqual(res, []any{int64(16)}) {
		t.Errorf("count of nodes = %#v, %v; want [16]", res, err)
	}
	_, err = s.Query(ctx, `g.V(.All()`, 0)
	if err == nil || !strings.Contains(err.Error(), "gizmo query") {
		t.Errorf("syntax error: err = %v, want a gizmo query error", err)
	}
	_, err = s.Query(ctx, `throw new Error("boom")`, 0)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("thrown error: err = %v, want it to say boom", err)
	}
}

func TestQueryStopsAtDeadline(t *testing.T) {
	s, _ := openTestStore(t, Bolt)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := s.Query(ctx, `while (true) {}`, 0)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("query ran %v past a 200ms deadline", elapsed)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}

	// A context already done runs nothing.
	cancel()
	if _, err := s.Query(ctx, `g.V().All()`, 0); !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("done context: err = %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open("badger", t.TempDir()); err == nil || !strings.Contains(err.Error(), "badger") {
		t.Errorf("Open(badger): err = %v, want one naming the backend", err)
	}
	if _, err := Open(Bolt, ""); err == nil {
		t.Error("Open(bolt, \"\") succeeded, want an error")
	}
}

func TestReopenKeepsData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	s, err := Open("", dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s, article1("h1"))
	want := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	s, err = Open(Bolt, dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if got := dump(t, s); got != want {
		t.Errorf("after reopening:\n%s\nwant:\n%s", got, want)
	}
	if st := write(t, s, article1("h1")); st.Unchanged != 1 {
		t.Errorf("rewrite after reopening: stats = %+v, want Unchanged 1", st)
	}
}
