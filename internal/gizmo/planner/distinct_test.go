package planner_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/gizmo"
	"github.com/newsgraph/newsgraph/internal/gizmo/planner"
)

// copiesQuads is a graph in the vocabulary of the examples where every fact is stated by
// several articles (each article's quads have the article as label), as at scale: positions
// (ng:Role: holder, title, organisation) stated by 1 to 13 articles each, their holders'
// names and types stated again by each article, countries and organisations, and statements.
// Some holders have no name, some positions no organisation, so that checks fail too.
func copiesQuads() []quad.Quad {
	var qs []quad.Quad
	add := func(s, p, o quad.Value, article int) {
		qs = append(qs, quad.Make(s, p, o, quad.IRI(fmt.Sprintf("ng:article/%d", article))))
	}
	iri := func(f string, a ...any) quad.IRI { return quad.IRI(fmt.Sprintf(f, a...)) }
	country := func(k int) quad.IRI {
		if k == 0 {
			return "ng:country/united-states"
		}
		return iri("ng:country/%d", k)
	}
	countryName := func(k int) quad.String {
		if k == 0 {
			return "United States"
		}
		return quad.String(fmt.Sprintf("Country %d", k))
	}
	for i := 0; i < 40; i++ {
		role, person, c := iri("ng:role/%d", i), iri("ng:person/%d", i%13), i%6
		for j := 0; j <= (i*7)%13; j++ {
			a := i + 3*j
			add(role, quad.IRI("rdf:type"), quad.IRI("ng:Role"), a)
			add(role, quad.IRI("ng:holder"), person, a)
			add(role, quad.IRI("schema:roleName"), quad.String(fmt.Sprintf("Title %d", i%5)), a)
			if i%9 != 4 {
				add(role, quad.IRI("ng:of"), country(c), a)
				add(country(c), quad.IRI("schema:name"), countryName(c), a)
				add(country(c), quad.IRI("rdf:type"), quad.IRI("schema:Country"), a)
			}
			if i%13 != 11 {
				add(person, quad.IRI("schema:name"), quad.String(fmt.Sprintf("Person %d", i%13)), a)
			}
			add(person, quad.IRI("rdf:type"), quad.IRI("schema:Person"), a)
			if j%2 == 0 {
				add(person, quad.IRI("schema:worksFor"), country(c), a)
				add(country(c), quad.IRI("schema:memberOf"), iri("ng:org/%d", i%3), a)
				add(iri("ng:org/%d", i%3), quad.IRI("schema:alternateName"), quad.String(fmt.Sprintf("O%d", i%3)), a)
			}
			st := iri("ng:statement/%d-%d", i, j)
			add(st, quad.IRI("rdf:type"), quad.IRI("ng:Statement"), a)
			add(st, quad.IRI("ng:subject"), person, a)
			add(st, quad.IRI("ng:predicate"), quad.IRI("ng:met"), a)
			add(st, quad.IRI("ng:object"), iri("ng:person/%d", (i+5)%13), a)
			add(st, quad.IRI("ng:mentions"), country(c), a)
			if j%3 == 1 {
				add(st, quad.IRI("ng:polarity"), quad.String("negative"), a)
			}
		}
	}
	return qs
}

// firstPathShapes: the steps through which a result reaches Unique unchanged (Save, Tag,
// intersections, unions, a nested Unique) and those through which it does not (Limit, Skip,
// Labels, LabelContext, tagged predicates), over quads stated many times.
var firstPathShapes = []string{
	`g.V().Has("<schema:roleName>").Unique().All()`,
	`g.V().Has("<rdf:type>", "<ng:Role>").Unique().All()`,
	`g.V().Has("<rdf:type>", "<ng:Role>").Out("<schema:roleName>").Unique().All()`,
	`g.V().Has("<ng:holder>").Tag("r").Out("<ng:holder>").Tag("p").Back("r").Unique().All()`,
	`g.V().Has("<schema:roleName>").Save("<schema:roleName>", "t").Unique().All()`,
	`g.V().Has("<schema:roleName>").Or(g.V().Has("<ng:of>")).Unique().All()`,
	`g.V().Has("<schema:roleName>").Unique().Out("<ng:holder>").Unique().All()`,
	`g.V().Has("<schema:roleName>").Unique().Limit(5).All()`,
	`g.V().Has("<schema:roleName>").Limit(20).Unique().All()`,
	`g.V().Has("<schema:roleName>").Skip(30).Unique().All()`,
	`g.V().Has("<schema:roleName>").Unique().Labels().All()`,
	`g.V().Has("<schema:roleName>").LabelContext("<ng:article/3>").Unique().All()`,
	`g.V().Has("<schema:roleName>").Out("<schema:roleName>", "p").Unique().All()`,
	`g.emit(g.V().Has("<rdf:type>", "<schema:Person>").Unique().Count())`,
	`g.V().Has("<ng:of>").Except(g.V().Has("<ng:holder>", "<ng:person/3>")).Unique().All()`,
	`g.V().Has("<rdf:type>", "<ng:Statement>").Has("<ng:predicate>", "<ng:met>").Save("<ng:subject>", "s").SaveOpt("<ng:polarity>", "pol").Unique().All()`,
	// intersections whose checks fail for most nodes of the member they iterate (the rest of
	// an index entry is then skipped)
	`g.V().Has("<rdf:type>", "<schema:Person>").Has("<schema:worksFor>", "<ng:country/united-states>").All()`,
	`g.V().Has("<schema:alternateName>", "O1").In("<schema:memberOf>").Has("<rdf:type>", "<schema:Country>").Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<ng:Role>").Tag("r").Out("<ng:of>").Has("<schema:name>", "United States").Back("r").Out("<ng:holder>").All()`,
	// the labels of a node set's quads: a union of quads whose node sets are planned too
	`g.V().Has("<schema:name>", "Person 3").In("<ng:holder>").Labels().All()`,
	`g.V().Has("<schema:name>", "Person 3").In("<ng:holder>").Labels().Unique().All()`,
	`g.V().Has("<rdf:type>", "<schema:Country>").Out("<schema:name>").Labels().All()`,
	`g.V().Has("<schema:name>", "United States").Both().Count()`,
}

// orderedAnswers is every result of program as JSON lines, in the order given.
func orderedAnswers(t *testing.T, qs cgraph.QuadStore, program string) ([]string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	it, err := query.GetLanguage(gizmo.Name).Session(qs).Execute(ctx, program, query.Options{Collation: query.JSON})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		b, err := json.Marshal(it.Result())
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, it.Err()
}

// Reading one quad of each index entry under Unique (distinct.go) answers as Cayley's plans
// do, and gives the rows of the plan that reads every quad, in the same order: the example
// 06 and the shapes above on a graph of many copies, random chains ending in Unique, and the
// shapes without Unique (every path, as many times as Cayley lists it).
func TestFirstPathsAnswerAsCayleyDoes(t *testing.T) {
	qs := planner.NewTestBoltStore(t, copiesQuads())
	src, err := os.ReadFile("../../../examples/queries/06-people-and-positions.js")
	if err != nil {
		t.Fatal(err)
	}
	programs := append([]string{string(src)}, firstPathShapes...)
	r := rand.New(rand.NewPCG(22, 7))
	n := 300
	if testing.Short() {
		n = 60
	}
	for len(programs) < len(firstPathShapes)+1+n {
		p := randomChain(r, 0)
		if strings.HasSuffix(p, ".Count())") {
			p = strings.TrimSuffix(p, ".Count())") + ".Unique().Count())"
		} else {
			p = strings.TrimSuffix(p, ".All()") + ".Unique().All()"
		}
		programs = append(programs, p)
	}
	// and without Unique, where every path counts: the reads stay Cayley's
	for _, p := range firstPathShapes {
		programs = append(programs, strings.ReplaceAll(p, ".Unique()", ""))
	}
	before := planner.EntryNexts()
	check := func(i int, p string) {
		t.Helper()
		cmp := sameRowSet
		if i > len(firstPathShapes) {
			cmp = sameResults
		}
		sameAnswers(t, qs, p, cmp)
		old := planner.SetRawReads(false)
		whole, werr := orderedAnswers(t, qs, p)
		planner.SetRawReads(true)
		first, ferr := orderedAnswers(t, qs, p)
		planner.SetRawReads(old)
		if (werr == nil) != (ferr == nil) || !slices.Equal(whole, first) {
			t.Fatalf("%s\nreading every quad (%v, %d rows):\n%s\none quad an entry (%v, %d rows):\n%s", p,
				werr, len(whole), strings.Join(firstOf(whole, 20), "\n"), ferr, len(first), strings.Join(firstOf(first, 20), "\n"))
		}
		if i == 0 && len(first) == 0 {
			t.Fatal("example 06 finds no position on the test graph")
		}
	}
	for i, p := range programs {
		check(i, p)
	}
	// and with every check of a node switching at once to a set, which counts and reads the
	// entries too
	restore := planner.SetSetChecks(0, 0)
	for i, p := range programs {
		check(i, p)
	}
	restore()
	if planner.EntryNexts() == before {
		t.Error("no plan read one quad an index entry: the test does not try it")
	}
}
