package store_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

// gizmoGen writes random Gizmo programs: chains of every path step and final
// of the Gizmo API, with arguments that match something, nothing, or are of
// the wrong kind, and with nested paths and morphisms as arguments.
type gizmoGen struct{ r *rand.Rand }

var (
	genPredicates = []string{`"<schema:name>"`, `"<ng:received>"`, `"<rdf:type>"`, `"<ng:mentions>"`, `"<nobody:knows>"`, `"<schema:memberOf>"`}
	genNodes      = []string{`"<schema:Person>"`, `"<nobody>"`, `"Jeyhun Bayramov"`, `"Nobody Here"`, `"Azerbaijan"`, `""`}
	genTags       = []string{`"a"`, `"b"`, `"source"`, `"target"`, `"id"`}
	genOdd        = []string{`null`, `undefined`, `0`, `-1`, `1e9`, `{}`, `[]`, `true`, `function(){}`, `NaN`, `"x"`}
	genSteps      = []string{"Is", "In", "Out", "Both", "Follow", "FollowR", "FollowRecursive", "And", "Intersect", "Or", "Union",
		"Back", "Tag", "As", "Has", "HasR", "Save", "SaveR", "SaveOpt", "SaveOptR", "Except", "Difference", "Unique", "Labels",
		"InPredicates", "OutPredicates", "SaveInPredicates", "SaveOutPredicates", "LabelContext", "Filter", "Limit", "Skip",
		"Order", "Count", "Map", "ForEach", "All", "ToArray", "TagArray", "ToValue", "TagValue", "GetLimit"}
	genFinals = []string{"All()", "ToArray()", "ToArray(3)", "TagArray()", "TagArray(2)", "ToValue()", "TagValue()",
		"ForEach(function(d){g.Emit(d)})", "ForEach(2, function(d){g.Emit(d)})", "Count()", "GetLimit(2)", "Map(function(d){g.Emit(d)})"}
)

func (g gizmoGen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g gizmoGen) arg(depth int) string {
	switch n := g.r.IntN(10); {
	case n < 3:
		return g.pick(genPredicates)
	case n < 5:
		return g.pick(genNodes)
	case n < 6:
		return g.pick(genTags)
	case n < 7:
		return g.pick(genOdd)
	case n < 8:
		return "[" + g.pick(genPredicates) + "," + g.pick(genPredicates) + "]"
	case n < 9 && depth < 3:
		return g.path(depth+1, g.r.IntN(2) == 0)
	default:
		return g.pick([]string{`regex("^J")`, `regex("(")`, `like("%a%")`, `lt(5)`, `gt("a")`, `gte(1)`, `lte(null)`})
	}
}

func (g gizmoGen) path(depth int, morphism bool) string {
	var b strings.Builder
	switch {
	case morphism:
		b.WriteString("g.M()")
	case g.r.IntN(3) == 0:
		b.WriteString("g.V()")
	default:
		fmt.Fprintf(&b, "g.V(%s)", g.pick(genNodes))
	}
	for i := g.r.IntN(6); i > 0; i-- {
		step := g.pick(genSteps)
		var args []string
		for j := g.r.IntN(3); j > 0; j-- {
			args = append(args, g.arg(depth))
		}
		fmt.Fprintf(&b, ".%s(%s)", step, strings.Join(args, ", "))
	}
	return b.String()
}

func (g gizmoGen) program() string {
	p := g.path(0, false)
	final := g.pick(genFinals)
	switch g.r.IntN(4) {
	case 0:
		return "g.emit(" + p + "." + final + ")"
	case 1:
		return "var x = " + p + "; x." + final
	default:
		return p + "." + final
	}
}

// randomPrograms is how many programs each path gets: a bounded number in
// CI, more with NEWSGRAPH_GIZMO_SOAK=N.
func randomPrograms() int {
	if n, err := strconv.Atoi(os.Getenv("NEWSGRAPH_GIZMO_SOAK")); err == nil && n > 0 {
		return n
	}
	return 1500
}

// TestRandomGizmoProgramsNeverEndTheProcess throws generated programs at the
// CLI's path (Store.Query) on an empty database and on the examples' graph:
// the test binary surviving them is the assertion, and every program ends
// with results or an error within its deadline.
func TestRandomGizmoProgramsNeverEndTheProcess(t *testing.T) {
	empty := openBolt(t)
	full := openBolt(t)
	load(t, full, examples(t)...)
	g := gizmoGen{rand.New(rand.NewPCG(14, 20))}
	n := randomPrograms()
	var failed int
	for i := 0; i < n; i++ {
		prog := g.program()
		for _, s := range []*store.Store{empty, full} {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			_, err := s.Query(ctx, prog, 100)
			cancel()
			if err != nil {
				failed++
			}
			if err != nil && strings.Contains(err.Error(), "inside Cayley") {
				t.Logf("contained engine fault: %s: %v", prog, err)
			}
		}
	}
	t.Logf("%d programs on 2 databases: %d answered with an error", n, failed)
}

// TestRandomGizmoProgramsOverHTTP does the same through a running server's
// /api/v2/query: every request is answered, and the server still answers a
// plain query afterwards.
func TestRandomGizmoProgramsOverHTTP(t *testing.T) {
	s := openBolt(t)
	load(t, s, examples(t)...)
	base := serve(t, s, server.ServerOptions{QueryTimeout: 2 * time.Second})
	g := gizmoGen{rand.New(rand.NewPCG(20, 14))}
	n := max(randomPrograms()/5, 100)
	for i := 0; i < n; i++ {
		prog := g.program()
		resp, err := http.Post(base+"/api/v2/query?lang=gizmo", "application/javascript", strings.NewReader(prog))
		if err != nil {
			t.Fatalf("program %d (%s): the server did not answer: %v", i, prog, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("program %d (%s): status %d", i, prog, resp.StatusCode)
		}
	}
	resp, err := http.Get(base + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(`g.V("<schema:Person>").In("<rdf:type>").Count()`))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("after %d programs: %v %v", n, resp, err)
	}
	resp.Body.Close()
}

func serve(t *testing.T, s *store.Store, o server.ServerOptions) string {
	return storetest.Serve(t, s, o)
}
