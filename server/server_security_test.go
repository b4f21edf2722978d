//go:build unix

package server

import (
	"encoding/json"
	"fmt"
	"github.com/newsgraph/newsgraph/store"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// fanOutGraph writes n nodes with k edges each to random others: a 3-hop fan-out from every
// node has about n*(2k)^3 paths.
func fanOutGraph(t *testing.T, s *store.Store, n, k int) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	a := store.Article{IRI: "news:fan", Hash: "fan"}
	for i := range n {
		node := quad.IRI(fmt.Sprintf("n:%d", i))
		a.Quads = append(a.Quads, q(node, name, fmt.Sprintf("node %d", i)))
		for range k {
			a.Quads = append(a.Quads, q(node, "ng:met", quad.IRI(fmt.Sprintf("n:%d", r.IntN(n)))))
		}
	}
	write(t, s, a)
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// While two clients run runaway Gizmo queries (an endless loop, and a 3-hop fan-out over the
// whole graph), a third client's simple query answers within a second; the runaway ones are
// cut off at the timeout with an error, and nothing of them runs on afterwards.
func TestServeRunawayQueries(t *testing.T) {
	s, _ := openTestStore(t, store.Bolt)
	fanOutGraph(t, s, 400, 25) // 10,400 quads, ~50 M paths of 3 hops
	const timeout = 2 * time.Second
	base := startServer(t, s, ServerOptions{QueryTimeout: timeout, QueryLimit: 500})
	simple := `g.V("<n:7>").Out("<schema:name>").All()`
	if r := do(t, "POST", base+"/api/v2/query?lang=gizmo", "", simple); r.code != 200 || !strings.Contains(r.body, "node 7") {
		t.Fatalf("simple query = %d %s", r.code, r.body)
	}

	type outcome struct {
		name    string
		r       response
		elapsed time.Duration
	}
	runaway := map[string]string{
		"endless loop":  `while (true) {}`,
		"3-hop fan-out": `g.emit(g.V().Both().Both().Both().Count())`,
	}
	var wg sync.WaitGroup
	results := make(chan outcome, len(runaway))
	for name, q := range runaway {
		wg.Go(func() {
			start := time.Now()
			r := do(t, "POST", base+"/api/v2/query?lang=gizmo", "", q)
			results <- outcome{name, r, time.Since(start)}
		})
	}
	time.Sleep(300 * time.Millisecond) // they are running
	for i := range 3 {
		start := time.Now()
		r := do(t, "POST", base+"/api/v2/query?lang=gizmo", "", simple)
		if d := time.Since(start); d > time.Second || r.code != 200 || !strings.Contains(r.body, "node 7") {
			t.Errorf("simple query %d during the runaway ones: %d %s after %v, want an answer within 1s", i, r.code, r.body, d)
		}
		time.Sleep(200 * time.Millisecond)
	}
	wg.Wait()
	close(results)
	for o := range results {
		if o.r.code == 200 || !strings.Contains(o.r.body, "deadline") {
			t.Errorf("%s = %d %.200s, want an error about the deadline", o.name, o.r.code, o.r.body)
		}
		if o.elapsed < timeout-100*time.Millisecond || o.elapsed > timeout+2*time.Second {
			t.Errorf("%s stopped after %v, want about %v", o.name, o.elapsed, timeout)
		}
	}
	// The same fan-out listing its nodes stops at the result limit.
	r := do(t, "POST", base+"/api/v2/query?lang=gizmo", "", `g.V().Both().Both().Both().All()`)
	var res struct{ Result []any }
	if err := json.Unmarshal([]byte(r.body), &res); err != nil || r.code != 200 || len(res.Result) != 500 {
		t.Errorf("3-hop fan-out, all nodes = %d, %d results (%v), want the first 500", r.code, len(res.Result), err)
	}
	// Nothing keeps running: the process is idle once the answers are in.
	time.Sleep(200 * time.Millisecond)
	before := cpuTime()
	time.Sleep(time.Second)
	if used := cpuTime() - before; used > 300*time.Millisecond {
		t.Errorf("%v of CPU used in the second after the runaway queries were stopped: a query runs on", used)
	}
}

func TestServeBodyLimits(t *testing.T) {
	s, _ := openTestStore(t, store.Memstore)
	base := startServer(t, s, ServerOptions{})
	big := "g.V().All()//" + strings.Repeat("x", MaxQueryBody)
	if r := do(t, "POST", base+"/api/v2/query?lang=gizmo", "", big); r.code != http.StatusRequestEntityTooLarge || !strings.Contains(r.body, `"error"`) {
		t.Errorf("a query over the limit = %d %.200s, want 413", r.code, r.body)
	}
	// Without a Content-Length (chunked), too.
	req, _ := http.NewRequest("POST", base+"/api/v2/query?lang=gizmo", struct{ *strings.Reader }{strings.NewReader(big)})
	req.ContentLength = -1
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a chunked query over the limit = %d, want 413", resp.StatusCode)
	}
	// Just under the limit is a query (Cayley's own cap would have cut it short).
	ok := "g.V().All()//" + strings.Repeat("x", MaxQueryBody-20)
	if r := do(t, "POST", base+"/api/v2/query?lang=gizmo", "", ok); r.code != 200 {
		t.Errorf("a query under the limit = %d %.200s", r.code, r.body)
	}
}

// No response lets another origin read it, and other origins cannot make a browser post to
// the API.
func TestServeNoCORS(t *testing.T) {
	s, _ := openTestStore(t, store.Memstore)
	write(t, s, article1("h1"))
	base := startServer(t, s, ServerOptions{})
	check := func(what string, req *http.Request, wantCode int) {
		t.Helper()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for k := range resp.Header {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("%s: header %s: %s", what, k, resp.Header.Get(k))
			}
		}
		if wantCode != 0 && resp.StatusCode != wantCode {
			t.Errorf("%s = %d, want %d", what, resp.StatusCode, wantCode)
		}
	}
	pre, _ := http.NewRequest("OPTIONS", base+"/api/v2/query?lang=gizmo", nil)
	pre.Header.Set("Origin", "https://evil.example")
	pre.Header.Set("Access-Control-Request-Method", "POST")
	check("preflight", pre, 0)
	get, _ := http.NewRequest("GET", base+"/api/v2/query?lang=gizmo&qu=g.V().All()", nil)
	get.Header.Set("Origin", "https://evil.example")
	check("cross-origin GET", get, 200)
	post, _ := http.NewRequest("POST", base+"/api/v2/query?lang=gizmo", strings.NewReader("g.V().All()"))
	post.Header.Set("Origin", "https://evil.example")
	post.Header.Set("Sec-Fetch-Site", "cross-site")
	check("cross-origin POST", post, http.StatusForbidden)
	same, _ := http.NewRequest("POST", base+"/api/v2/query?lang=gizmo", strings.NewReader("g.V().All()"))
	same.Header.Set("Origin", base)
	same.Header.Set("Sec-Fetch-Site", "same-origin")
	check("same-origin POST", same, 200)
	ex, _ := http.NewRequest("GET", base+"/api/newsgraph/search?q=Alice", nil)
	ex.Header.Set("Origin", "https://evil.example")
	check("explore API", ex, 0)
}

func TestServeDefaultsToLoopback(t *testing.T) {
	if got := (ServerOptions{}).withDefaults(); got.Addr != "127.0.0.1:64210" || got.Writable || got.QueryTimeout <= 0 || got.QueryLimit <= 0 {
		t.Errorf("defaults = %+v: want 127.0.0.1, read-only, a timeout and a limit", got)
	}
}
