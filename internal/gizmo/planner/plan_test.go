package planner_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/gizmo"
	"github.com/newsgraph/newsgraph/internal/gizmo/planner"
	"github.com/newsgraph/newsgraph/store"
)

// The plans of plan.go must answer every query as Cayley's own plans do. These tests load the
// example articles into a real bolt database and run each query twice, with the rewrites and
// without, comparing the results as multisets (Cayley promises no order, and a plan that
// starts from another member of an intersection lists the same results in another order).

var (
	examplesOnce  sync.Once
	examplesStore *store.Store
	examplesErr   error
)

// examplesGraph is the example articles loaded into a bolt database, shared by the tests of
// this file (loading extracts nine articles: seconds).
func examplesGraph(t *testing.T) cgraph.QuadStore {
	t.Helper()
	examplesOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gizmo-plan-")
		if err != nil {
			examplesErr = err
			return
		}
		s, err := store.Open(store.Bolt, filepath.Join(dir, "db"))
		if err != nil {
			examplesErr = err
			return
		}
		_, err = ingest.Load(context.Background(), s, []string{"../../../examples/articles"}, ingest.Options{})
		examplesStore, examplesErr = s, err
	})
	if examplesErr != nil {
		t.Fatal(examplesErr)
	}
	return examplesStore.QuadStore()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if examplesStore != nil {
		examplesStore.Close()
	}
	os.Exit(code)
}

// answers runs program to the end (no limit) and returns its results as sorted JSON lines.
func answers(t *testing.T, qs cgraph.QuadStore, program string, rewrites bool) ([]string, error) {
	t.Helper()
	defer planner.SetPlanRewrites(planner.SetPlanRewrites(rewrites))
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
	slices.Sort(out)
	return out, it.Err()
}

// How two answers are compared. Cayley promises no order, so never by order. A result reached
// by several quads (one per article that states it) is listed once per way Cayley enumerates
// its paths, and its enumeration through an intersection, and the first path Unique keeps,
// depend on which member the plan starts from: so the rows, or only the set of results, of
// queries other than the examples may differ with the plan while the results do not.
type comparison int

const (
	sameRows    comparison = iota // the same rows, as many times each
	sameRowSet                    // the same distinct rows
	sameResults                   // the same distinct results (ids)
)

// sameAnswers asserts that program answers the same with and without the rewrites and
// returns the number of results.
func sameAnswers(t *testing.T, qs cgraph.QuadStore, program string, cmp comparison) int {
	t.Helper()
	want, werr := answers(t, qs, program, false)
	got, gerr := answers(t, qs, program, true)
	var fault *gizmo.PanicError
	if errors.As(werr, &fault) && gerr == nil {
		t.Logf("Cayley's own plan fails (%v), the rewritten one answers: %s", werr, program)
		return len(got)
	}
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%s\nerror without the rewrites: %v\nwith: %v", program, werr, gerr)
	}
	n := len(got)
	switch cmp {
	case sameRowSet:
		want, got = slices.Compact(want), slices.Compact(got)
	case sameResults:
		want, got = resultsOf(t, want), resultsOf(t, got)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s\nwithout the rewrites (%d):\n%s\nwith (%d):\n%s", program,
			len(want), strings.Join(firstOf(want, 20), "\n"), len(got), strings.Join(firstOf(got, 20), "\n"))
	}
	return n
}

// resultsOf is the distinct results (the "id" of each row, or the value) of sorted JSON rows.
func resultsOf(t *testing.T, rows []string) []string {
	t.Helper()
	var out []string
	for _, r := range rows {
		var row map[string]any
		if json.Unmarshal([]byte(r), &row) == nil {
			b, _ := json.Marshal(row["id"])
			out = append(out, string(b))
		} else {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func firstOf(xs []string, n int) []string { return xs[:min(n, len(xs))] }

func TestPlansAnswerTheExamplesAsCayleyDoes(t *testing.T) {
	qs := examplesGraph(t)
	files, err := filepath.Glob("../../../examples/queries/*.js")
	if err != nil || len(files) < 10 {
		t.Fatalf("example queries: %v %v", files, err)
	}
	nonEmpty := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := sameAnswers(t, qs, string(src), sameRows)
		t.Logf("%s: %d results", filepath.Base(f), n)
		if n > 0 {
			nonEmpty++
		}
	}
	src, err := os.ReadFile("../../../examples/queries/06-people-and-positions.js")
	if err != nil {
		t.Fatal(err)
	}
	plans, err := gizmo.Explain(context.Background(), qs, string(src))
	if err != nil || len(plans) != 1 || !strings.Contains(fmt.Sprint(plans), "checked by [subject predicate]") {
		t.Errorf("the plan of 06 does not check roles by predicate: %v %+v", err, plans)
	}
	if nonEmpty < len(files)-1 {
		t.Errorf("only %d of %d examples answer anything on the example articles", nonEmpty, len(files))
	}
}

// The shapes the rewrites touch, and their neighbours: lookups by two directions, Out/In/Has/
// Save by predicate from sets large and small, unions and optional saves in intersections,
// tags through Back, paths enumerated through every alternative (no Unique), counts.
var planShapes = []string{
	`g.V().Has("<rdf:type>", "<ng:Role>").Tag("role").Out("<ng:holder>").Out("<schema:name>").Tag("person").Back("role").Out("<schema:roleName>").Tag("title").Back("role").Out("<ng:of>").Out("<schema:name>").Tag("of").Back("role").All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").Out(["<schema:name>", "<schema:worksFor>"], "p").All()`,
	`g.V().Has("<rdf:type>", "<schema:Country>").In("<schema:worksFor>").Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<schema:Country>").In(["<schema:worksFor>", "<ng:heads>"], "via").Tag("who").All()`,
	`g.V().Has("<schema:name>").Out("<rdf:type>").All()`,
	`g.V().Has("<schema:name>", "United States").In().All()`,
	`g.V().Has("<schema:name>", "United States").Both().Count()`,
	`g.emit(g.V().Has("<rdf:type>", "<schema:Person>").Count())`,
	`g.emit(g.V().Has("<schema:name>").Count())`,
	`g.V().Has("<rdf:type>", "<ng:Statement>").Has("<ng:predicate>", "<ng:met>").Save("<ng:subject>", "s").SaveOpt("<ng:modality>", "m").SaveOptR("<ng:mentions>", "r").All()`,
	`g.V().Has("<ng:modality>").Or(g.V().Has("<ng:polarity>", "negative")).Unique().SaveOpt("<ng:modality>", "modality").SaveOpt("<ng:polarity>", "polarity").Save("<ng:subject>", "subject").All()`,
	`g.V().Has("<ng:polarity>", "negative").Or(g.V().Has("<ng:attributedTo>")).Save("<ng:evidence>", "e").All()`,
	`g.V().Has("<rdf:type>", "<ng:Statement>").Has("<ng:attributedTo>").SaveR("<ng:mentions>", "who").All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").Has("<schema:worksFor>").Tag("p").Out("<schema:worksFor>").Has("<rdf:type>", "<schema:Country>").Back("p").Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").Except(g.V().Has("<schema:worksFor>")).Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<schema:Organization>").And(g.V().Has("<schema:alternateName>")).Save("<schema:alternateName>", "alt").All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").Out("<schema:worksFor>").Out("<schema:name>").Labels().All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").LabelContext("<nobody>").Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").Limit(5).Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<schema:Country>").Skip(2).Out("<schema:name>").Unique().All()`,
	`g.V().Tag("source").Out("<ng:received>").Tag("target").All()`,
	`g.V().Has("<schema:name>", regex("^Ba")).Out("<rdf:type>").All()`,
	`g.V().Has("<schema:name>", like("%stan")).All()`,
	`g.V("<ng:country/united-states>").Out("<schema:name>").All()`,
	`g.V("<ng:country/united-states>", "<ng:country/azerbaijan>").In("<schema:worksFor>").Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").Follow(g.M().Out("<schema:worksFor>").Out("<schema:name>")).All()`,
	`g.V().Has("<rdf:type>", "<schema:Country>").FollowR(g.M().Out("<schema:worksFor>")).Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").HasR("<ng:holder>").Out("<schema:name>").All()`,
	`g.V().Has("<rdf:type>", "<schema:Person>").OutPredicates().Unique().All()`,
	`g.V().Has("<schema:name>", "Nobody Here").Out("<ng:received>").Labels().All()`,
	`g.V().Has("<rdf:type>", "<nobody>").Out("<schema:name>").All()`,
}

func TestPlansAnswerCommonShapesAsCayleyDoes(t *testing.T) {
	qs := examplesGraph(t)
	for _, p := range planShapes {
		t.Logf("%d results: %s", sameAnswers(t, qs, p, sameRowSet), p)
	}
}

// Random chains of the steps the rewrites see, over the graph's own predicates and nodes.
func TestPlansAnswerRandomChainsAsCayleyDoes(t *testing.T) {
	qs := examplesGraph(t)
	n := 300
	if testing.Short() {
		n = 60
	}
	seed := uint64(20)
	if s := os.Getenv("GIZMO_PLAN_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	if s := os.Getenv("GIZMO_PLAN_PROGRAMS"); s != "" {
		fmt.Sscan(s, &n)
	}
	r := rand.New(rand.NewPCG(seed, 7))
	for i := 0; i < n; i++ {
		sameAnswers(t, qs, randomChain(r, 0), sameResults)
	}
}

var (
	chainPreds = []string{`"<schema:name>"`, `"<rdf:type>"`, `"<schema:worksFor>"`, `"<ng:holder>"`, `"<ng:of>"`,
		`"<schema:roleName>"`, `"<ng:subject>"`, `"<ng:object>"`, `"<ng:predicate>"`, `"<ng:mentions>"`, `"<schema:memberOf>"`,
		`"<schema:alternateName>"`, `"<ng:polarity>"`, `"<nobody:knows>"`}
	chainNodes = []string{`"<schema:Person>"`, `"<schema:Country>"`, `"<ng:Statement>"`, `"<ng:Role>"`, `"<ng:met>"`,
		`"United States"`, `"negative"`, `"<ng:country/united-states>"`, `"Nobody Here"`}
)

func randomChain(r *rand.Rand, depth int) string {
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	preds := func() string {
		if r.IntN(4) == 0 {
			return "[" + pick(chainPreds) + ", " + pick(chainPreds) + "]"
		}
		return pick(chainPreds)
	}
	var b strings.Builder
	switch r.IntN(3) {
	case 0:
		b.WriteString("g.V()")
	case 1:
		fmt.Fprintf(&b, "g.V().Has(%s, %s)", pick(chainPreds), pick(chainNodes))
	default:
		fmt.Fprintf(&b, "g.V(%s)", pick(chainNodes))
	}
	tags := 0
	for i := 1 + r.IntN(5); i > 0; i-- {
		switch r.IntN(14) {
		case 0:
			fmt.Fprintf(&b, ".Out(%s)", preds())
		case 1:
			fmt.Fprintf(&b, ".In(%s)", preds())
		case 2:
			fmt.Fprintf(&b, ".Out(%s, \"p\")", preds())
		case 3:
			fmt.Fprintf(&b, ".Has(%s, %s)", pick(chainPreds), pick(chainNodes))
		case 4:
			fmt.Fprintf(&b, ".Has(%s)", pick(chainPreds))
		case 5:
			fmt.Fprintf(&b, ".HasR(%s)", pick(chainPreds))
		case 6:
			fmt.Fprintf(&b, ".Save(%s, \"s%d\")", pick(chainPreds), i)
		case 7:
			fmt.Fprintf(&b, ".SaveOpt(%s, \"o%d\")", pick(chainPreds), i)
		case 8:
			fmt.Fprintf(&b, ".SaveR(%s, \"r%d\")", pick(chainPreds), i)
		case 9:
			tags++
			fmt.Fprintf(&b, ".Tag(\"t%d\")", tags)
		case 10:
			if tags > 0 {
				fmt.Fprintf(&b, ".Back(\"t%d\")", 1+r.IntN(tags))
			} else {
				b.WriteString(".Unique()")
			}
		case 11:
			if depth < 2 {
				fmt.Fprintf(&b, ".And(%s)", randomChain(r, depth+1))
			}
		case 12:
			if depth < 2 {
				fmt.Fprintf(&b, ".Or(%s)", randomChain(r, depth+1))
			}
		case 13:
			if depth < 2 {
				fmt.Fprintf(&b, ".Except(%s)", randomChain(r, depth+1))
			}
		}
	}
	if depth > 0 {
		return b.String()
	}
	if r.IntN(4) == 0 {
		return "g.emit(" + b.String() + ".Count())"
	}
	return b.String() + ".All()"
}

// The checks that read a node's quads one by one and the set they switch to on hubs give
// the same answers: here every check switches at once.
func TestSetChecksAnswerAsCayleyDoes(t *testing.T) {
	defer planner.SetSetChecks(0, 0)()
	qs := examplesGraph(t)
	for _, p := range planShapes {
		sameAnswers(t, qs, p, sameRowSet)
	}
	r := rand.New(rand.NewPCG(21, 7))
	for i := 0; i < 100; i++ {
		sameAnswers(t, qs, randomChain(r, 0), sameResults)
	}
}
