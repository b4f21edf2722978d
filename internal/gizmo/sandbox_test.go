package gizmo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/quad"
)

// hostile lists programs that ended the process (a fatal stack overflow, a
// panic in Cayley's goroutine) or ran without bound before the limits.
var hostile = []struct {
	name, program string
}{
	{"deep object to g.emit", `var a={};for(var i=0;i<1000000;i++)a={a:a};g.Emit(a)`},
	{"deep array to g.emit", `var a=[];for(var i=0;i<1000000;i++)a=[a];g.emit(a)`},
	{"deep object to JSON.stringify", `var a={};for(var i=0;i<1000000;i++)a={a:a};g.emit(JSON.stringify(a).length)`},
	{"deep object as a step argument", `var a={};for(var i=0;i<1000000;i++)a={a:a};g.V(a).All()`},
	{"deep object as the program's value", `var a={};for(var i=0;i<1000000;i++)a={a:a};a`},
	{"recursion", `function f(){return f()+1};f()`},
	{"recursion through a native", `function f(){return [1].map(f)};f()`},
	{"deep source", strings.Repeat("(", 300000) + "1" + strings.Repeat(")", 300000)},
	{"deep array literal", strings.Repeat("[", 300000) + strings.Repeat("]", 300000)},
	{"Has on an absent name, then Out and Labels", `g.V().Has("<name>", "Nobody Here").Out("<follows>").Labels().All()`},
	{"Labels on an empty start", `g.V("<nobody>").Labels().All()`},
	{"backtracking regexp", `g.emit(/(a+)+\1$/.test("a".repeat(40)+"!"))`},
	{"doubling string", `var s="xxxxxxxxxxxxxxxx";while(1)s=s+s`},
	{"growing arrays", `var k=[];while(1)k.push(new Array(1e6).fill(1))`},
	{"endless loop", `while(true){}`},
}

func testStore() graph.QuadStore {
	return memstore.New(
		quad.MakeIRI("alice", "follows", "bob", ""),
		quad.MakeIRI("bob", "follows", "carol", "article1"),
		quad.Make(quad.IRI("alice"), quad.IRI("name"), quad.String("Alice"), quad.IRI("article1")),
	)
}

func run(ctx context.Context, qs graph.QuadStore, program string) ([]interface{}, error) {
	it, err := query.GetLanguage(Name).Session(qs).Execute(ctx, program, query.Options{Collation: query.JSON, Limit: 100})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []interface{}
	for it.Next(ctx) {
		out = append(out, it.Result())
	}
	return out, it.Err()
}

// TestHostileProgramsDoNotEndTheProcess runs each program in a child process
// (a fatal error cannot be caught in this one) and asks that the child ends
// by itself with an answer or an error.
func TestHostileProgramsDoNotEndTheProcess(t *testing.T) {
	if i := os.Getenv("GIZMO_HOSTILE"); i != "" {
		n, _ := strconv.Atoi(i)
		SetLimits(Limits{Memory: 256 << 20})
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		res, err := run(ctx, testStore(), hostile[n].program)
		fmt.Printf("ANSWER %d results, error: %v\n", len(res), err)
		return
	}
	for i, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHostileProgramsDoNotEndTheProcess$")
			cmd.Env = append(os.Environ(), "GIZMO_HOSTILE="+strconv.Itoa(i))
			start := time.Now()
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "ANSWER") {
				t.Fatalf("the process ended: %v\n%.2000s", err, out)
			}
			line := string(out)[strings.Index(string(out), "ANSWER"):]
			t.Logf("%s in %v", strings.SplitN(line, "\n", 2)[0], time.Since(start).Round(time.Millisecond))
		})
	}
}

func TestEndlessLoopStopsAtItsDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := run(ctx, testStore(), `while(true){}`)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the deadline, got %v", err)
	}
	// The program's slot is given back once the runtime has stopped.
	waitFor(t, func() bool { return len(currentSlots()) == 0 })
}

func TestNestingErrorIsCatchable(t *testing.T) {
	res, err := run(context.Background(), testStore(),
		`var a={};for(var i=0;i<10000;i++)a={a:a};try{g.emit(a)}catch(e){g.emit("caught: "+e)}`)
	if err != nil || len(res) != 1 || !strings.Contains(fmt.Sprint(res[0]), "nested too deeply") {
		t.Fatalf("got %v, %v", res, err)
	}
}

// Has on an absent name, then Out: Cayley's Union kept nil members (planner/shapes.go); the query
// answers no results and no error.
func TestAbsentNameAnswersNothing(t *testing.T) {
	res, err := run(context.Background(), testStore(), `g.V().Has("<name>", "Nobody Here").Out("<follows>").Labels().All()`)
	if err != nil || len(res) != 0 {
		t.Fatalf("want no results and no error, got %v, %v", res, err)
	}
}

// faultyStore is a real store whose node scan panics, as Cayley's iterator code has done
// (the Except fault of CHANGES.md item 13 was this test's example until it was repaired).
type faultyStore struct{ graph.QuadStore }

func (faultyStore) NodesAllIterator() iterator.Shape { panic("a fault in the store's iterator") }

// A panic of the engine is the query's error, not the end of the process.
func TestEnginePanicIsAnError(t *testing.T) {
	_, err := run(context.Background(), faultyStore{testStore()}, `g.V().All()`)
	var pe *PanicError
	if err == nil || !errors.As(err, &pe) {
		t.Fatalf("want a PanicError (the store's node scan panics), got %v", err)
	}
	// and the repaired Cayley fault now answers
	if res, err := run(context.Background(), testStore(), `g.V().Except(g.V("<nobody>").SaveOpt("<nobody>")).All()`); err != nil || len(res) == 0 {
		t.Fatalf("Except of nothing: %v, %v", res, err)
	}
}

func TestTooManyQueriesWaitThenFail(t *testing.T) {
	old := CurrentLimits()
	defer SetLimits(old)
	SetLimits(Limits{Concurrent: 1})
	hold, cancelHold := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := run(hold, testStore(), `while(true){}`); done <- err }()
	waitFor(t, func() bool { return len(currentSlots()) == 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := run(ctx, testStore(), `g.emit(1)`)
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("want ErrBusy, got %v", err)
	}
	cancelHold()
	<-done
	res, err := run(context.Background(), testStore(), `g.emit(1)`)
	if err != nil || len(res) != 1 {
		t.Fatalf("after the slot is free: %v, %v", res, err)
	}
}

func TestOrdinaryQueriesStillWork(t *testing.T) {
	res, err := run(context.Background(), testStore(), `g.V("<alice>").Out("<follows>").All()`)
	if err != nil || len(res) != 1 {
		t.Fatalf("got %v, %v", res, err)
	}
	res, err = run(context.Background(), testStore(), `g.emit(JSON.stringify({a:[1,{b:2}]}))`)
	if err != nil || len(res) != 1 || res[0] != `{"a":[1,{"b":2}]}` {
		t.Fatalf("got %v, %v", res, err)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatal("condition not reached in 5 s")
}
