package cards_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
)

func stockCayley(t *testing.T) string { return storetest.StockCayley(t) }

// stockQuads is what the issue's `cayley load` added: a person, an alias of a known one, and an
// article that mentions both.
const stockQuads = `<ng:article/stock-zorblax> <rdf:type> <schema:NewsArticle> <ng:article/stock-zorblax> .
<ng:article/stock-zorblax> <schema:datePublished> "2020-05-01" <ng:article/stock-zorblax> .
<ng:article/stock-zorblax> <schema:mentions> <ng:person/zorblax> <ng:article/stock-zorblax> .
<ng:article/stock-zorblax> <schema:mentions> <ng:person/jeyhun-bayramov> <ng:article/stock-zorblax> .
<ng:person/zorblax> <rdf:type> <schema:Person> <ng:article/stock-zorblax> .
<ng:person/zorblax> <schema:name> "Zorblax" <ng:article/stock-zorblax> .
<ng:person/zorblax> <schema:alternateName> "Zorb the Great" <ng:article/stock-zorblax> .
<ng:person/zorblax> <ng:nameKey> "zorblax" <ng:article/stock-zorblax> .
<ng:person/jeyhun-bayramov> <schema:alternateName> "J. Bayramov" <ng:article/stock-zorblax> .
`

// answers are every entity's card and what a search for each of its names finds, as JSON.
func answers(t *testing.T, s *store.Store, fromQuads bool) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	for _, id := range entityIDs(t, s) {
		name := strings.Trim(id, "<>")
		card := cards.Of(s).Card
		if fromQuads {
			card = cards.FromQuads(s).Card
		}
		c, err := card(ctx, name)
		if err != nil {
			t.Fatalf("card of %s: %v", name, err)
		}
		b, _ := json.Marshal(c)
		out["card "+name] = string(b)
		for _, q := range append([]string{c.Name, name}, c.Aliases...) {
			find := cards.Of(s).FindEntities
			if fromQuads {
				find = cards.FromQuads(s).FindEntities
			}
			m, err := find(ctx, q)
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			b, _ := json.Marshal(m)
			out["search "+q] = string(b)
		}
	}
	return out
}

func sameAnswers(t *testing.T, when string, want, got map[string]string) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d answers, want %d", when, len(got), len(want))
	}
	bad := 0
	for k, w := range want {
		if g := got[k]; g != w && bad < 5 {
			bad++
			t.Errorf("%s: %s differs:\n%s", when, k, diffLines(w, g))
		}
	}
}

// checkFollows checks, on the database dir that another program wrote, that a read-only Open
// does not read the index and finds Zorblax, and that an Open for writing makes the index again
// and gives every card and search answer of the quads, and of an index made from nothing.
func checkFollows(t *testing.T, dir string, zorblax bool) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(store.Bolt, dir, store.ReadMostly())
	if err != nil {
		t.Fatal(err)
	}
	if s.CardIndex().Usable() {
		t.Error("read-only Open: the index is read though the quads changed under it")
	}
	if cards.Stale(s) == "" {
		t.Error("read-only Open: the quads' change is not seen")
	}
	if zorblax {
		if m, err := cards.Of(s).FindEntities(ctx, "Zorblax"); err != nil || len(m) != 1 {
			t.Errorf("read-only Open: search Zorblax: %v %v", m, err)
		}
	}
	readOnly := answers(t, s, false)
	sameAnswers(t, "read-only Open, index vs quads", answers(t, s, true), readOnly)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !s.CardIndex().Usable() {
		t.Fatal("Open for writing: the index is not made again")
	}
	if zorblax {
		if _, err := cards.Of(s).ResolveEntity(ctx, "Zorblax"); err != nil {
			t.Errorf("entity Zorblax: %v", err)
		}
		if m, err := cards.Of(s).FindEntities(ctx, "J. Bayramov"); err != nil || len(m) != 1 {
			t.Errorf("search J. Bayramov: %v %v", m, err)
		}
	}
	sameCards(t, s, "rebuilt after another program's write")
	fromIndex := answers(t, s, false)
	sameAnswers(t, "Open for writing, index vs quads", answers(t, s, true), fromIndex)
	sameAnswers(t, "read-only Open vs rebuilt index", readOnly, fromIndex)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Not made again when nothing changed.
	s, err = store.Open(store.Bolt, dir, store.ReadMostly())
	if err != nil {
		t.Fatal(err)
	}
	if !s.CardIndex().Usable() || cards.Stale(s) != "" {
		t.Errorf("reopened: usable %v, stale %q", s.CardIndex().Usable(), cards.Stale(s))
	}
	s.Close()

	// An index made from nothing gives the same answers.
	if err := os.Remove(filepath.Join(dir, "cards.bolt")); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sameAnswers(t, "index made again vs index made from nothing", answers(t, s, false), fromIndex)
}

func loadedDB(t *testing.T) string { return storetest.LoadedDB(t) }

// Stock `cayley load` adds quads to a newsgraph database: newsgraph sees it at the next Open.
func TestCardIndexFollowsStockCayleyLoad(t *testing.T) {
	cayley := stockCayley(t)
	defer cards.SetHubArticles(2)()
	dir := loadedDB(t)
	nq := filepath.Join(t.TempDir(), "zorblax.nq")
	if err := os.WriteFile(nq, []byte(stockQuads), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(cayley, "load", "--db", "bolt", "--dbpath", dir, "--load", nq).CombinedOutput()
	if err != nil {
		t.Fatalf("cayley load: %v\n%s", err, out)
	}
	checkFollows(t, dir, true)
}

// Quads added and deleted around the Store (Cayley's API on its QuadStore, as any program
// linking Cayley writes): a delete alone changes the quad count, an add the horizon.
func TestCardIndexFollowsWritesAroundTheStore(t *testing.T) {
	defer cards.SetHubArticles(2)()
	for _, what := range []string{"add", "delete"} {
		t.Run(what, func(t *testing.T) {
			dir := loadedDB(t)
			s, err := store.Open(store.Bolt, dir)
			if err != nil {
				t.Fatal(err)
			}
			qs := s.QuadStore()
			var deltas []cgraph.Delta
			if what == "add" {
				r, err := quad.ReadAll(nquads.NewReader(strings.NewReader(stockQuads), false))
				if err != nil {
					t.Fatal(err)
				}
				for _, q := range r {
					deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
				}
			} else {
				// An article's mention of Bayramov goes.
				ctx := context.Background()
				res, err := s.Query(ctx, `g.V("<ng:person/jeyhun-bayramov>").In("<schema:mentions>").All()`, 1)
				if err != nil || len(res) == 0 {
					t.Fatalf("%v %v", res, err)
				}
				art := quad.IRI(strings.Trim(res[0].(map[string]any)["id"].(string), "<>"))
				deltas = append(deltas, cgraph.Delta{Action: cgraph.Delete,
					Quad: quad.Make(art, quad.IRI("schema:mentions"), quad.IRI("ng:person/jeyhun-bayramov"), art)})
			}
			if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{}); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			checkFollows(t, dir, what == "add")
		})
	}
}
