package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	ngizmo "github.com/newsgraph/newsgraph/internal/gizmo"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

// Name patterns answered through the name index (store/names, internal/gizmo/planner/names.go)
// give what Cayley's own plan gives over the same quads: a memstore holding the bolt store's
// quads, where no planner runs. Checked after every way quads get written: a load, an import,
// a merge, a forget, Cayley's HTTP write and delete API, a write around the Store (as stock
// Cayley would make), and after the store is opened again from the saved index.
var namePatternQueries = []string{
	`g.V().Has("<schema:name>", regex("^Bush")).All()`,
	`g.V().Filter(regex("^Bush")).In("<schema:name>").All()`,
	`g.V().Has("<schema:name>", regex("ush")).All()`,
	`g.V().Has("<schema:name>", regex("(?i)^bush")).All()`,
	`g.V().Has("<schema:name>", regex("^Bush", true)).All()`,
	`g.V().Has("<schema:name>", regex("^Bush \\(p")).All()`,
	`g.V().Has("<schema:name>", like("Bush%")).All()`,
	`g.V().Has("<schema:name>", like("%ush%")).All()`,
	`g.V().Has("<schema:name>", regex("^Azer")).Tag("x").Out("<rdf:type>").All()`,
	`g.V().Tag("who").Has("<schema:name>", regex("^J")).Out("<schema:name>").All()`,
	`g.V().Has("<schema:name>", regex("^Zzz")).All()`,
	`g.emit(g.V().Has("<schema:name>", regex("^Bush")).Count())`,
	`g.V().Out("<schema:name>").Filter(regex("ush")).Unique().All()`,
	`g.V().Out("<schema:name>").Filter(regex("^Bush")).All()`,
	`g.V().Tag("who").Out("<schema:name>").Filter(like("Bush%")).All()`,
	`g.emit(g.V().Out("<schema:name>").Filter(regex("^Bush", true)).Count())`,
}

func TestNamePatternsThroughNameIndex(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "news.db")
	s, err := store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	check := func(stage string) {
		t.Helper()
		checkNamePatterns(t, s, stage)
	}

	load(t, s, examples(t)...)
	check("load")

	synthetic := `<ng:person/bush-a> <schema:name> "Bushra Ansari" <ng:test> .
<ng:person/bush-a> <rdf:type> <schema:Person> <ng:test> .
<ng:person/bush-b> <schema:name> "Bush family"@en <ng:test> .
<ng:person/bush-b> <rdf:type> <schema:Person> <ng:test> .
<ng:person/bush-c> <schema:name> "Bushido"^^<xsd:string> <ng:test> .
<ng:person/bush-d> <schema:name> <Bush:iri> <ng:test> .
<ng:person/bush-e> <schema:name> "Bush (père)" <ng:test> .
<ng:person/bush-e> <rdf:type> <schema:Person> <ng:test> .
<ng:person/bush-f> <schema:name> "bush lower" .
<ng:person/bush-g> <schema:name> "Bush` + strings.Repeat("x", 20000) + `" .
`
	if _, err := s.Import(ctx, strings.NewReader(synthetic)); err != nil {
		t.Fatal(err)
	}
	check("import")

	if _, err := s.Merge(ctx, "ng:person/bush-a", "ng:person/bush-e", store.MergeOptions{By: "test"}); err != nil {
		t.Fatal(err)
	}
	check("merge")

	arts, err := s.Query(ctx, `g.V("<schema:NewsArticle>").In("<rdf:type>").All()`, 0)
	if err != nil || len(arts) < 2 {
		t.Fatalf("articles: %v %v", arts, err)
	}
	first := strings.Trim(fmt.Sprint(arts[0].(map[string]any)["id"]), "<>")
	if _, err := s.Forget(ctx, quad.IRI(first)); err != nil {
		t.Fatal(err)
	}
	check("forget")

	base := serve(t, s, server.ServerOptions{Writable: true, Token: "tok"})
	post := func(path, nq string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(nq))
		req.Header.Set("Content-Type", "application/n-quads")
		req.Header.Set("Authorization", "Bearer tok")
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %v %v", path, resp, err)
		}
		resp.Body.Close()
	}
	post("/api/v2/write", "<ng:person/bush-h> <schema:name> \"Bushwick by the API\" .\n")
	check("API write")
	post("/api/v2/delete", "<ng:person/bush-f> <schema:name> \"bush lower\" .\n")
	check("API delete")

	// Around the Store, as another program writing the database would.
	around := quad.Make(quad.IRI("ng:person/bush-i"), quad.IRI("schema:name"), "Bushey around the Store", nil)
	if err := s.QuadStore().ApplyDeltas([]cgraph.Delta{{Quad: around, Action: cgraph.Add}}, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		t.Fatal(err)
	}
	check("write around the Store")

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = store.Open(store.Bolt, dir, store.ReadMostly()); err != nil {
		t.Fatal(err)
	}
	check("reopened")
}

// checkNamePatterns compares each name query's rows on s with Cayley's own over s's quads,
// and checks that the plan of a name regex reads no list of every node.
func checkNamePatterns(t *testing.T, s *store.Store, stage string) {
	t.Helper()
	ctx := context.Background()
	var dump strings.Builder
	if err := s.Dump(&dump); err != nil {
		t.Fatal(err)
	}
	ref, err := store.Open(store.Memstore, "")
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	if _, err := ref.Import(ctx, strings.NewReader(dump.String())); err != nil {
		t.Fatal(err)
	}
	matched := 0
	for _, q := range namePatternQueries {
		got, want := rowsOf(t, s, q), rowsOf(t, ref, q)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %s:\n got %d rows %.600v\nwant %d rows %.600v", stage, q, len(got), got, len(want), want)
		}
		matched += len(got)
	}
	if matched == 0 {
		t.Fatalf("%s: no query matched anything", stage)
	}
	plans, err := s.Explain(ctx, namePatternQueries[0])
	if err != nil || len(plans) != 1 {
		t.Fatalf("explain: %v %v", plans, err)
	}
	if b, _ := json.Marshal(plans[0]); strings.Contains(string(b), "KVAll") {
		t.Errorf("%s: the plan of a name regex still reads every node:\n%s", stage, b)
	}
}

// rowsOf is q's rows as sorted JSON lines (the order of rows follows the plan).
func rowsOf(t *testing.T, s *store.Store, q string) []string {
	t.Helper()
	rows, err := s.Query(context.Background(), q, 1_000_000)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		b, _ := json.Marshal(r)
		out[i] = string(b)
	}
	slices.Sort(out)
	return out
}

// The name index is only a way to the same answers: registering none on a store leaves the
// answers as they are (and the plan to Cayley).
func TestNamePatternsWithoutNameIndex(t *testing.T) {
	s := openBolt(t)
	load(t, s, examples(t)...)
	q := namePatternQueries[8]
	with := rowsOf(t, s, q)
	ngizmo.UseNameIndex(s.QuadStore(), quad.IRI("schema:name"), nil)
	if without := rowsOf(t, s, q); !slices.Equal(with, without) || len(with) == 0 {
		t.Fatalf("with the index %d rows, without %d", len(with), len(without))
	}
}
