package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/curate"
)

// These tests run the real extractor and mapping (ingest.Build) into real bolt stores.

var extractor = storetest.Extractor

func openBolt(t *testing.T) *store.Store { return storetest.OpenBolt(t) }

// everyBackend opens a new store of each backend by its name: bolt in the test's folder,
// memstore, and a database of its own on the PostgreSQL test server (which skips the test
// without one).
func everyBackend() map[string]func(t *testing.T) *store.Store {
	open := func(backend string, addr func(testing.TB) string) func(t *testing.T) *store.Store {
		return func(t *testing.T) *store.Store {
			s, err := store.Open(backend, addr(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	}
	return map[string]func(t *testing.T) *store.Store{
		"bolt":     openBolt,
		"memstore": open(store.Memstore, func(testing.TB) string { return "" }),
		"postgres": open(store.Postgres, store.PGTestDB),
	}
}

func readJSONL(t *testing.T, path string) []extract.Article { return storetest.ReadJSONL(t, path) }

func examples(t *testing.T) []extract.Article { return storetest.Examples(t) }

func build(arts ...extract.Article) []store.Article { return storetest.Build(arts...) }

func load(t *testing.T, s *store.Store, arts ...extract.Article) store.WriteStats {
	return storetest.Load(t, s, arts...)
}

func dumpOf(t *testing.T, s *store.Store) string { return storetest.Dump(t, s) }

func count(t *testing.T, s *store.Store) int64 { return storetest.Count(t, s) }

func gizmo(t *testing.T, s *store.Store, q string) []string { return storetest.Gizmo(t, s, q) }

func diffLines(a, b string) string { return storetest.DiffLines(a, b) }

func byID(arts []extract.Article, id string) extract.Article {
	for _, a := range arts {
		if a.ID == id {
			return a
		}
	}
	panic("no article " + id)
}

func TestLoadTwiceWritesNothing(t *testing.T) {
	s := openBolt(t)
	arts := append(examples(t), readJSONL(t, "testdata/wire.jsonl")...)
	st := load(t, s, arts...)
	if st.Added != len(arts) {
		t.Fatalf("first load: %+v", st)
	}
	n, d := count(t, s), dumpOf(t, s)
	st = load(t, s, arts...)
	if st.Unchanged != len(arts) || st.Added+st.Replaced != 0 {
		t.Errorf("second load: %+v", st)
	}
	if count(t, s) != n || dumpOf(t, s) != d {
		t.Errorf("second load changed the store: %d quads, was %d\n%s", count(t, s), n, diffLines(d, dumpOf(t, s)))
	}
}

func TestEditedArticleReplacesOnlyItsQuads(t *testing.T) {
	s := openBolt(t)
	arts := readJSONL(t, "testdata/ministers.jsonl")
	load(t, s, arts...)
	edited := byID(arts, "fm-2019")
	edited.Text = strings.Replace(edited.Text, "Russian Foreign Minister Sergei Lavrov in Moscow", "Chinese Foreign Minister Wang Yi in Beijing", 1)
	others := func(dump string) string { // the quads of every other article
		var keep []string
		for _, l := range strings.Split(dump, "\n") {
			if !strings.HasSuffix(l, "<ng:article/fm-2019> .") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	before := dumpOf(t, s)
	if st := load(t, s, edited); st.Replaced != 1 {
		t.Fatalf("stats %+v", st)
	}
	after := dumpOf(t, s)
	if others(after) != others(before) {
		t.Errorf("other articles' quads changed:\n%s", diffLines(others(before), others(after)))
	}
	if got := gizmo(t, s, `g.V().Has("<schema:name>", "Elmar Mammadyarov").Out("<ng:met>").Out("<schema:name>").All()`); !slices.Equal(got, []string{"Jens Stoltenberg", "Wang Yi"}) {
		t.Errorf("Mammadyarov met %q", got)
	}
	if got := gizmo(t, s, `g.V().Has("<schema:name>", "Sergei Lavrov").All()`); len(got) != 0 {
		t.Errorf("Lavrov, only in the old version, is still there: %q", got)
	}
	// The same graph as loading the edited version in the first place.
	fresh := openBolt(t)
	load(t, fresh, append(slices.DeleteFunc(slices.Clone(arts), func(a extract.Article) bool { return a.ID == "fm-2019" }), edited)...)
	if d := dumpOf(t, fresh); d != after {
		t.Errorf("replaced != fresh:\n%s", diffLines(d, after))
	}
}

func TestForgetGivesBackTheGraphBefore(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	wire := readJSONL(t, "testdata/wire.jsonl")
	load(t, s, examples(t)...)
	load(t, s, wire[0], wire[3])
	before, nodes := dumpOf(t, s), gizmo(t, s, `g.V().All()`)

	// An article with entities no other article has, and a copy of a stored story.
	extra := extract.Article{ID: "extra", Source: "Extra Times", Published: "2024-05-01",
		Text: "Azerbaijan's Foreign Minister Jeyhun Bayramov met Hungarian Foreign Minister Peter Szijjarto in Budapest on Tuesday."}
	load(t, s, extra, wire[1])
	if got := gizmo(t, s, `g.V().Has("<schema:name>", "Peter Szijjarto").All()`); len(got) != 1 {
		t.Fatalf("extra article not loaded: %q", got)
	}
	st, err := s.Forget(ctx, "ng:article/extra", quad.IRI(wire[1].ID), "ng:article/never-loaded")
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 2 || st.Missing != 1 || st.Quads == 0 {
		t.Errorf("stats %+v", st)
	}
	if after := dumpOf(t, s); after != before {
		t.Errorf("forget did not give back the graph:\n%s", diffLines(before, after))
	}
	// Nodes only the forgotten articles had are gone (bolt's node reference counts).
	if got := gizmo(t, s, `g.V().All()`); !slices.Equal(got, nodes) {
		t.Errorf("nodes after forget differ:\n%s", diffLines(strings.Join(nodes, "\n"), strings.Join(got, "\n")))
	}
	if got := gizmo(t, s, `g.V("<ng:person/peter-szijjarto>").Out().All()`); len(got) != 0 {
		t.Errorf("Szijjarto left quads: %q", got)
	}
	// Forgetting everything leaves nothing.
	var all []quad.IRI
	for _, a := range build(append(examples(t), wire[0], wire[3])...) {
		all = append(all, a.IRI)
	}
	if _, err := s.Forget(ctx, all...); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s); n != 0 {
		t.Errorf("%d quads left after forgetting every article:\n%.500s", n, dumpOf(t, s))
	}
}

func TestWireCopiesCountAsOneStory(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	wire := readJSONL(t, "testdata/wire.jsonl")
	load(t, s, wire[0])
	load(t, s, wire[1:]...) // a copy in the store, a copy in the same write

	copies := gizmo(t, s, `g.V().Out("<ng:copyOf>").All()`)
	// Every copy points at the story's first article (issue 14, D9), not at every earlier copy.
	if !slices.Equal(copies, []string{"<https://dailystar.example/2024/03/04/baku-talks>"}) {
		t.Errorf("copies of: %q", copies)
	}
	if got := gizmo(t, s, `g.V("<https://otherpaper.example/2024/03/06/mirzoyan>").Out("<ng:copyOf>").All()`); len(got) != 0 {
		t.Errorf("another story about the same meeting is a copy of %q", got)
	}
	c, err := cards.Of(s).Corroboration(ctx, "ng:person/jeyhun-bayramov", "ng:received", quad.IRI("ng:person/ararat-mirzoyan"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 1 || c.Copies != 3 || c.Publishers != 3 || c.FirstSeen != "2024-03-04" || c.LastSeen != "2024-03-05" {
		t.Errorf("received: %+v, want 1 story in 3 copies by 3 publishers, 2024-03-04 to 2024-03-05", c)
	}
	if !slices.Equal(c.PublisherNames, []string{"Baku Post", "Caspian Herald", "Daily Star"}) {
		t.Errorf("publishers %q", c.PublisherNames)
	}
	// The other story counts as a second article for the fact it shares.
	c, err = cards.Of(s).Corroboration(ctx, "ng:person/jeyhun-bayramov", "schema:worksFor", quad.IRI("ng:country/azerbaijan"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 2 || c.Copies != 4 || c.Publishers != 4 {
		t.Errorf("worksFor: %+v, want 2 articles (4 copies), 4 publishers", c)
	}
	// Reloading adds nothing; forgetting a copy leaves the story with two publishers.
	if st := load(t, s, wire...); st.Unchanged != 4 {
		t.Errorf("reload: %+v", st)
	}
	if _, err := s.Forget(ctx, quad.IRI(wire[1].ID)); err != nil {
		t.Fatal(err)
	}
	c, _ = cards.Of(s).Corroboration(ctx, "ng:person/jeyhun-bayramov", "ng:received", quad.IRI("ng:person/ararat-mirzoyan"))
	if c.Articles != 1 || c.Copies != 2 || c.Publishers != 2 {
		t.Errorf("after forgetting a copy: %+v", c)
	}
}

// The README's query for "who was Azerbaijan's foreign minister in YEAR?".
func foreignMinisterIn(year int) string {
	return fmt.Sprintf(`g.V().Has("<schema:name>", "Azerbaijan").In("<ng:of>").Has("<schema:roleName>", "Foreign Minister").Tag("role")
  .Out(["<ng:seen>", "<schema:startDate>"]).Filter(lt("%d")).Back("role")
  .Out(["<ng:seen>", "<schema:endDate>"]).Filter(gte("%d")).Back("role")
  .Out("<ng:holder>").Out("<schema:name>").All()`, year+1, year)
}

func TestTimeBoundedRoles(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	load(t, s, readJSONL(t, "testdata/ministers.jsonl")...)
	load(t, s, readJSONL(t, "testdata/wire.jsonl")...)
	for year, want := range map[int][]string{
		2017: nil,
		2018: {"Elmar Mammadyarov"},
		2019: {"Elmar Mammadyarov"},
		2021: {"Jeyhun Bayramov"},
		2024: {"Jeyhun Bayramov"},
	} {
		if got := gizmo(t, s, foreignMinisterIn(year)); !slices.Equal(got, want) {
			t.Errorf("foreign minister in %d: %q, want %q", year, got, want)
		}
	}
	card, err := cards.Of(s).Card(ctx, "Mammadyarov")
	if err != nil {
		t.Fatal(err)
	}
	if len(card.Positions) != 1 {
		t.Fatalf("positions %+v", card.Positions)
	}
	p := card.Positions[0]
	if p.Title != "Foreign Minister" || p.Of == nil || p.Of.Name != "Azerbaijan" || p.FirstSeen != "2018-06-10" ||
		p.LastSeen != "2019-04-15" || !p.Former || p.EndedBy != "2020-07-20" || p.Articles != 3 {
		t.Errorf("Mammadyarov's position: %+v", p)
	}
	card, err = cards.Of(s).Card(ctx, "Bayramov")
	if err != nil {
		t.Fatal(err)
	}
	p = card.Positions[0]
	if p.Title != "Foreign Minister" || p.Of == nil || p.Start != "2020-07-20" || p.FirstSeen != "2020-07-20" || p.LastSeen != "2024-03-06" || p.Former {
		t.Errorf("Bayramov's position: %+v", p)
	}
}

func TestCardOfBayramovOnTheExamples(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	load(t, s, examples(t)...)
	start := time.Now()
	c, err := cards.Of(s).Card(ctx, "Bayramov")
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("the card took %v", d)
	} else {
		t.Logf("Card(Bayramov) on the examples: %v", d)
	}
	if c.ID != "ng:person/jeyhun-bayramov" || c.Name != "Jeyhun Bayramov" || !slices.Equal(c.Types, []string{"Person"}) || c.Articles != 1 {
		t.Errorf("card: %+v", c)
	}
	if len(c.Positions) != 1 || c.Positions[0].Title != "Foreign Minister" || c.Positions[0].Of.Name != "Azerbaijan" {
		t.Errorf("positions: %+v", c.Positions)
	}
	var received *cards.Fact
	for i, f := range c.Facts {
		if f.Predicate == "ng:received" {
			received = &c.Facts[i]
		}
	}
	if received == nil || received.Object.Name != "Radmila Shekerinska" || received.Articles != 1 || received.Publishers != 1 ||
		!strings.Contains(received.Evidence.Text, "reception of NATO Deputy Secretary General Radmila Shekerinska") ||
		received.Evidence.Publisher != "Trend News Agency" || received.Evidence.Article != "ng:article/sha256-2ca12522635cca9553ee" {
		t.Errorf("received: %+v", received)
	}
	// The same card by other names.
	for _, q := range []string{"Jeyhun Bayramov", "jeyhun bayramov", "JEYHUN BAYRAMOV", "person/jeyhun-bayramov", "<ng:person/jeyhun-bayramov>"} {
		c2, err := cards.Of(s).Card(ctx, q)
		if err != nil || c2.ID != c.ID {
			t.Errorf("Card(%q) = %v, %v", q, c2, err)
		}
	}
	// An acronym (an alternate name) and a name in another case.
	for q, want := range map[string]quad.IRI{"PfP": "ng:org/partnership-for-peace", "nato": "ng:org/north-atlantic-treaty-organisation"} {
		c2, err := cards.Of(s).Card(ctx, q)
		if err != nil || c2.ID != want {
			t.Errorf("Card(%q) = %v, %v", q, c2, err)
		} else if want == "ng:org/north-atlantic-treaty-organisation" && !slices.Equal(c2.Links, []string{"http://www.wikidata.org/entity/Q7184"}) {
			t.Errorf("NATO's links: %q", c2.Links)
		}
	}
	if _, err := cards.Of(s).Card(ctx, "Nobody Atall"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown name: %v", err)
	}
}

func TestMergeThenUnmergeGivesBackTheGraph(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	load(t, s, examples(t)...)
	load(t, s, readJSONL(t, "testdata/ministers.jsonl")...)
	load(t, s, readJSONL(t, "testdata/variant.jsonl")...)
	before := dumpOf(t, s)
	o := store.MergeOptions{By: "tester", Reason: "the same person", At: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}

	m, err := s.Merge(ctx, "ng:person/elmar-mammadyarov", "ng:person/elmar-mamedyarov", o)
	if err != nil {
		t.Fatal(err)
	}
	// Queries by the kept entity's name see the merged one's quads.
	if got := gizmo(t, s, `g.V().Has("<schema:name>", "Elmar Mammadyarov").Out("<schema:alternateName>").All()`); !slices.Contains(got, "Elmar Mamedyarov") {
		t.Errorf("merged name not seen: %q", got)
	}
	if got := gizmo(t, s, `g.V().Has("<schema:name>", "Elmar Mammadyarov").Out("<ng:met>").Out("<schema:name>").All()`); !slices.Contains(got, "Javad Zarif") {
		t.Errorf("merged entity's facts not seen: %q", got)
	}
	if got := gizmo(t, s, `g.V("<ng:person/elmar-mamedyarov>").Out("<owl:sameAs>").All()`); !slices.Equal(got, []string{"<ng:person/elmar-mammadyarov>"}) {
		t.Errorf("sameAs: %q", got)
	}
	rec := gizmo(t, s, fmt.Sprintf(`g.V("<%s>").Out(["<ng:mergedBy>", "<ng:reason>", "<ng:mergedAt>"]).All()`, string(m.IRI)))
	if !slices.Equal(rec, []string{"2025-01-02T03:04:05Z", "tester", "the same person"}) {
		t.Errorf("merge record: %q", rec)
	}
	// A chain: Mammadyarov merged into Lavrov (nonsense, but a chain): Mamedyarov's quads
	// follow; and another merge beside it.
	m2, err := s.Merge(ctx, "ng:person/sergei-lavrov", "ng:person/elmar-mammadyarov", o)
	if err != nil {
		t.Fatal(err)
	}
	if got := gizmo(t, s, `g.V().Has("<schema:name>", "Sergei Lavrov").Out("<schema:alternateName>").All()`); !slices.Contains(got, "Elmar Mamedyarov") || !slices.Contains(got, "Elmar Mammadyarov") {
		t.Errorf("chain: %q", got)
	}
	m3, err := s.Merge(ctx, "ng:person/jeyhun-bayramov", "ng:person/mevlut-cavusoglu", o)
	if err != nil {
		t.Fatal(err)
	}
	if got := gizmo(t, s, `g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<schema:worksFor>").All()`); !slices.Contains(got, "<ng:country/turkiye>") {
		t.Errorf("Bayramov works for %q", got)
	}
	if _, err := s.Merge(ctx, "ng:person/elmar-mamedyarov", "ng:person/sergei-lavrov", o); err == nil {
		t.Error("a merge that makes a cycle was accepted")
	}
	if _, err := s.Merge(ctx, "ng:person/jeyhun-bayramov", "ng:person/elmar-mamedyarov", o); err == nil {
		t.Error("merging an entity merged already was accepted")
	}
	ms, err := s.Merges(ctx)
	if err != nil || len(ms) != 3 {
		t.Fatalf("merges: %v %v", ms, err)
	}
	// Undo the first link of the chain first, then the rest.
	for _, x := range []quad.IRI{m.IRI, m2.IRI, m3.IRI} {
		if _, err := s.Unmerge(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	if after := dumpOf(t, s); after != before {
		t.Errorf("merge then unmerge changed the graph:\n%s", diffLines(before, after))
	}
	if _, err := s.Unmerge(ctx, m.IRI); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unmerge twice: %v", err)
	}
	// The other order: the end of the chain first.
	m, _ = s.Merge(ctx, "ng:person/elmar-mammadyarov", "ng:person/elmar-mamedyarov", o)
	m2, _ = s.Merge(ctx, "ng:person/sergei-lavrov", "ng:person/elmar-mammadyarov", o)
	for _, x := range []quad.IRI{m2.IRI, m.IRI} {
		if _, err := s.Unmerge(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	if after := dumpOf(t, s); after != before {
		t.Errorf("chain undone from its end:\n%s", diffLines(before, after))
	}
}

// Articles loaded or forgotten while a merge stands keep its projections right, and the merge
// still undoes exactly.
func TestMergeStaysRightAsNewsComes(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	min := readJSONL(t, "testdata/ministers.jsonl")
	load(t, s, min[0], min[1])
	before := dumpOf(t, s)
	// A spelling variant, merged.
	variant := extract.Article{ID: "variant", Source: "Wire", Published: "2019-05-01",
		Text: "Azerbaijan's Foreign Minister Elmar Mamedyarov met Iranian Foreign Minister Javad Zarif in Tehran on Wednesday."}
	load(t, s, variant)
	withVariant := dumpOf(t, s)
	ds, err := curate.Duplicates(ctx, s, curate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 || ds[0].Other.ID != "ng:person/elmar-mamedyarov" && ds[0].Keep.ID != "ng:person/elmar-mamedyarov" || !slices.Contains(ds[0].Signals, "similar") || !slices.Contains(ds[0].Signals, "role") {
		t.Fatalf("duplicates: %+v", ds)
	}
	m, err := s.Merge(ctx, "ng:person/elmar-mammadyarov", "ng:person/elmar-mamedyarov", store.MergeOptions{By: "tester", Reason: ds[0].Summary()})
	if err != nil {
		t.Fatal(err)
	}
	merged := dumpOf(t, s)
	met := `g.V().Has("<schema:name>", "Elmar Mammadyarov").Out("<ng:met>").Out("<schema:name>").All()`
	if got := gizmo(t, s, met); !slices.Equal(got, []string{"Javad Zarif", "Jens Stoltenberg", "Sergei Lavrov"}) {
		t.Errorf("after merge, met %q", got)
	}
	// News about the merged-away spelling keeps coming.
	more := extract.Article{ID: "more", Source: "Wire", Published: "2019-06-01",
		Text: "Azerbaijan's Foreign Minister Elmar Mamedyarov met Georgian Foreign Minister David Zalkaliani in Tbilisi."}
	load(t, s, more)
	if got := gizmo(t, s, met); !slices.Contains(got, "David Zalkaliani") {
		t.Errorf("a new article's fact about the merged entity is not seen: %q", got)
	}
	c, err := cards.Of(s).Card(ctx, "Mamedyarov")
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "ng:person/elmar-mammadyarov" || len(c.Merged) != 1 || c.Articles != 4 || len(c.Positions) != 1 || c.Positions[0].LastSeen != "2019-06-01" {
		t.Errorf("card through the merged name: %+v", c)
	}
	if _, err := s.Forget(ctx, "ng:article/more"); err != nil {
		t.Fatal(err)
	}
	if got := dumpOf(t, s); got != merged {
		t.Errorf("load then forget under a merge:\n%s", diffLines(merged, got))
	}
	if _, err := s.Unmerge(ctx, "ng:person/elmar-mamedyarov"); err != nil { // by the merged entity
		t.Fatal(err)
	}
	if got := dumpOf(t, s); got != withVariant {
		t.Errorf("unmerge:\n%s", diffLines(withVariant, got))
	}
	// Forgetting the article that introduced the variant while it is merged, then unmerging.
	if _, err = s.Merge(ctx, "ng:person/elmar-mammadyarov", "ng:person/elmar-mamedyarov", store.MergeOptions{By: "tester"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forget(ctx, "ng:article/variant"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Unmerge(ctx, "ng:person/elmar-mamedyarov"); err != nil {
		t.Fatal(err)
	}
	if got := dumpOf(t, s); got != before {
		t.Errorf("merge, forget, unmerge:\n%s", diffLines(before, got))
	}
	_ = m
}

func TestDuplicatesAndAutomaticMerges(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	load(t, s, readJSONL(t, "testdata/ministers.jsonl")...)
	load(t, s, readJSONL(t, "testdata/variant.jsonl")...)
	before := dumpOf(t, s)
	ds, err := curate.Duplicates(ctx, s, curate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 || ds[0].Keep.ID != "ng:person/elmar-mammadyarov" || ds[0].Other.ID != "ng:person/elmar-mamedyarov" ||
		!slices.Equal(ds[0].Signals, []string{"similar", "role"}) || ds[0].Score < 0.85 ||
		!strings.Contains(ds[0].Summary(), "both reported as Foreign Minister of Azerbaijan") {
		t.Fatalf("duplicates: %+v", ds)
	}
	for _, d := range ds {
		// Successive foreign ministers are not the same person.
		if d.Keep.ID == "ng:person/jeyhun-bayramov" || d.Other.ID == "ng:person/jeyhun-bayramov" {
			t.Errorf("Bayramov: %+v", d)
		}
	}
	merged, err := curate.AutoMerge(ctx, s, ds, 0.85, "newsgraph duplicates --auto")
	if err != nil || len(merged) != 1 {
		t.Fatalf("auto merges: %v %v", merged, err)
	}
	if m := merged[0]; m.By != "newsgraph duplicates --auto" || !strings.Contains(m.Reason, "similar names") {
		t.Errorf("auto merge record: %+v", m)
	}
	if ds2, _ := curate.Duplicates(ctx, s, curate.Options{}); len(ds2) != 0 {
		t.Errorf("merged pair still listed: %+v", ds2)
	}
	if _, err := s.Unmerge(ctx, merged[0].IRI); err != nil {
		t.Fatal(err)
	}
	if got := dumpOf(t, s); got != before {
		t.Errorf("auto merge undone:\n%s", diffLines(before, got))
	}
}

func TestFindEntities(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	load(t, s, examples(t)...)
	for q, want := range map[string]string{
		"Jeyhun Bayramov":         "name",
		"PfP":                     "alternateName",
		"bayramov":                "nameKey",
		"partnership for peace":   "nameKey",
		"ng:country/azerbaijan":   "id",
		"country/azerbaijan":      "id",
		"<ng:country/azerbaijan>": "id",
	} {
		ms, err := cards.Of(s).FindEntities(ctx, q)
		if err != nil || len(ms) == 0 || ms[0].Match != want {
			t.Errorf("FindEntities(%q) = %+v, %v; want a %s match", q, ms, err, want)
		}
	}
	// "Obama" is an alternate name of Barack Obama in two articles.
	ms, _ := cards.Of(s).FindEntities(ctx, "obama")
	if len(ms) != 1 || ms[0].IRI != "ng:person/barack-obama" || ms[0].Articles != 2 {
		t.Errorf("Obama: %+v", ms)
	}
	if _, err := cards.Of(s).ResolveEntity(ctx, "Nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ResolveEntity(Nobody): %v", err)
	}
}
