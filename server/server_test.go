package server

import (
	"context"
	"encoding/json"
	"github.com/newsgraph/newsgraph/store"
	"io"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/ui"
)

// startServer runs Serve on a free port until the test ends and returns
// its base URL.
func startServer(t *testing.T, s *store.Store, o ServerOptions) string {
	t.Helper()
	o.Addr = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, s, o, func(addr string) { addrc <- addr }) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Serve did not return after its context was cancelled")
		}
	})
	select {
	case addr := <-addrc:
		return "http://" + addr
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	}
	return ""
}

type response struct {
	code  int
	ctype string
	body  string
}

func do(t *testing.T, method, url, contentType, body string) response {
	t.Helper()
	return doAs(t, "", method, url, contentType, body)
}

// doAs is do with "Authorization: Bearer token" when token is not empty.
func doAs(t *testing.T, token, method, url, contentType, body string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header.Get("Content-Type"), string(data)}
}

func TestServeUI(t *testing.T) {
	s, _ := openTestStore(t, store.Memstore)
	base := startServer(t, s, ServerOptions{})

	index := do(t, "GET", base+"/", "", "")
	if index.code != 200 || !strings.HasPrefix(index.ctype, "text/html") || !strings.Contains(index.body, "<title>Cayley</title>") {
		t.Fatalf("GET / = %d %s %.200q, want Cayley's UI page", index.code, index.ctype, index.body)
	}
	// The single-page app's own routes get the same page.
	if r := do(t, "GET", base+"/query/some-route", "", ""); r.code != 200 || r.body != index.body {
		t.Errorf("GET /query/some-route = %d, want index.html", r.code)
	}
	if r := do(t, "GET", base+"/static/js/missing.js", "", ""); r.code != 404 {
		t.Errorf("GET a missing asset = %d, want 404", r.code)
	}
	if r := do(t, "GET", base+"/gizmo.d.ts", "", ""); r.code != 200 || !strings.Contains(r.body, "interface") {
		t.Errorf("GET /gizmo.d.ts = %d %.100q", r.code, r.body)
	}
	if r := do(t, "POST", base+"/", "text/plain", "x"); r.code != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %d, want 405", r.code)
	}

	// The main bundle calls the API at the address it is served from.
	src := regexp.MustCompile(`/static/js/main\.[0-9a-f]+\.chunk\.js`).FindString(index.body)
	if src == "" {
		t.Fatalf("no main chunk in index.html: %s", index.body)
	}
	js := do(t, "GET", base+src, "", "")
	if js.code != 200 || !strings.Contains(js.ctype, "javascript") {
		t.Fatalf("GET %s = %d %s", src, js.code, js.ctype)
	}
	if strings.Contains(js.body, "localhost:64210") {
		t.Error("the main chunk still has http://localhost:64210")
	}
	if !strings.Contains(js.body, `fetch("".concat(e,"/api/v2/write")`) {
		t.Error("the main chunk no longer builds API URLs as expected")
	}
	orig, err := fs.ReadFile(ui.FS, "web"+src)
	if err != nil {
		t.Fatal(err)
	}
	if len(js.body) != len(orig) {
		t.Errorf("rewritten chunk has %d bytes, the original %d: offsets (source maps) moved", len(js.body), len(orig))
	}
	if !strings.Contains(string(orig), "http://localhost:64210") {
		t.Error("the embedded file was modified")
	}
}

func TestServeQuery(t *testing.T) {
	s, _ := openTestStore(t, store.Bolt)
	write(t, s, article1("h1"), article2())
	base := startServer(t, s, ServerOptions{})

	r := do(t, "POST", base+"/api/v2/query?lang=gizmo", "",
		`g.V().Has("<schema:name>", "Alice").Out("<ng:received>").Unique().All()`)
	if r.code != 200 {
		t.Fatalf("query: %d %s", r.code, r.body)
	}
	var res struct{ Result []map[string]any }
	if err := json.Unmarshal([]byte(r.body), &res); err != nil {
		t.Fatalf("query answer %q: %v", r.body, err)
	}
	if len(res.Result) != 1 || res.Result[0]["id"] != "<award:nobel>" {
		t.Errorf("query result = %v, want <award:nobel>", res.Result)
	}

	if r := do(t, "POST", base+"/api/v2/query?lang=gizmo", "", `g.V(.All()`); r.code != 400 || !strings.Contains(r.body, `"error"`) {
		t.Errorf("bad query = %d %s, want 400 with a JSON error", r.code, r.body)
	}
	if r := do(t, "GET", base+"/api/v2/nothing", "", ""); r.code != 404 || !strings.Contains(r.body, `"error"`) {
		t.Errorf("unknown endpoint = %d %s, want 404 with a JSON error", r.code, r.body)
	}
	if r := do(t, "GET", base+"/api/v2/read?format=nquads", "", ""); r.code != 200 || !strings.Contains(r.body, `<person:bob> <https://newsgraph.dev/ns#worksFor> <org:acme> <news:a2> .`) {
		t.Errorf("read = %d %s", r.code, r.body)
	}
	if r := do(t, "GET", base+"/api/v2/read?format=nquads&iri=stored", "", ""); r.code != 200 || !strings.Contains(r.body, `<person:bob> <ng:worksFor> <org:acme> <news:a2> .`) {
		t.Errorf("read, iri=stored = %d %s", r.code, r.body)
	}
}

func TestServeQueryTimeoutAndLimit(t *testing.T) {
	s, _ := openTestStore(t, store.Bolt)
	write(t, s, article1("h1"), article2())
	base := startServer(t, s, ServerOptions{QueryTimeout: 300 * time.Millisecond, QueryLimit: 2})

	start := time.Now()
	r := do(t, "POST", base+"/api/v2/query?lang=gizmo", "", `while (true) {}`)
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("endless query answered after %v, want about 300ms", elapsed)
	}
	if r.code == 200 || !strings.Contains(r.body, "deadline") {
		t.Errorf("endless query = %d %s, want an error about the deadline", r.code, r.body)
	}
	r = do(t, "POST", base+"/api/v2/query?lang=gizmo", "", `g.V().All()`)
	var res struct{ Result []any }
	if err := json.Unmarshal([]byte(r.body), &res); err != nil || len(res.Result) != 2 {
		t.Errorf("query with limit 2 = %s (%v)", r.body, err)
	}
}

const newQuad = "<person:carol> <schema:name> \"Carol\" <news:a3> .\n"

func TestServeWriteRefusedWhenReadOnly(t *testing.T) {
	s, _ := openTestStore(t, store.Bolt)
	write(t, s, article1("h1"))
	before, n := dump(t, s), quadCount(t, s)
	base := startServer(t, s, ServerOptions{})

	for _, path := range []string{"/api/v2/write", "/api/v2/delete"} {
		r := do(t, "POST", base+path, "application/n-quads", newQuad)
		if r.code != http.StatusForbidden || !strings.HasPrefix(r.ctype, "application/json") || !strings.Contains(r.body, `"error"`) {
			t.Errorf("POST %s = %d %s %s, want 403 with a JSON error", path, r.code, r.ctype, r.body)
		}
	}
	r := do(t, "POST", base+"/api/v2/delete", "application/n-quads", `<person:alice> <schema:name> "Alice" <news:a1> .`+"\n")
	if r.code != http.StatusForbidden {
		t.Errorf("delete = %d, want 403", r.code)
	}
	if got := quadCount(t, s); got != n {
		t.Errorf("quad count = %d after refused writes, want %d", got, n)
	}
	if after := dump(t, s); after != before {
		t.Errorf("a refused write changed the store:\n%s", after)
	}
}

func TestServeWriteWhenWritable(t *testing.T) {
	s, _ := openTestStore(t, store.Bolt)
	write(t, s, article1("h1"))
	n := quadCount(t, s)
	base := startServer(t, s, ServerOptions{Writable: true, Token: "tok"})

	// Writes need the token.
	if r := do(t, "POST", base+"/api/v2/write", "application/n-quads", newQuad); r.code != http.StatusUnauthorized {
		t.Errorf("write without token = %d %s", r.code, r.body)
	}
	if r := doAs(t, "wrong", "POST", base+"/api/v2/delete", "application/n-quads", newQuad); r.code != http.StatusUnauthorized {
		t.Errorf("delete with a wrong token = %d %s", r.code, r.body)
	}
	if got := quadCount(t, s); got != n {
		t.Fatalf("quad count = %d after unauthorised writes, want %d", got, n)
	}
	r := doAs(t, "tok", "POST", base+"/api/v2/write", "application/n-quads", newQuad)
	if r.code != 200 || !strings.Contains(r.body, `"count":1`) {
		t.Fatalf("write = %d %s", r.code, r.body)
	}
	if got := quadCount(t, s); got != n+1 {
		t.Errorf("quad count = %d, want %d", got, n+1)
	}
	// (That the card index is not read after such a write: store's TestForeignWriteMarksTheCardIndexDirty.)
	// Writing it again is no error: duplicates are ignored.
	if r := doAs(t, "tok", "POST", base+"/api/v2/write", "application/n-quads", newQuad); r.code != 200 {
		t.Errorf("second write = %d %s", r.code, r.body)
	}
	if r := doAs(t, "tok", "POST", base+"/api/v2/delete", "application/n-quads", newQuad); r.code != 200 {
		t.Errorf("delete = %d %s", r.code, r.body)
	}
	if got := quadCount(t, s); got != n {
		t.Errorf("quad count after delete = %d, want %d", got, n)
	}
}

// Two servers, on two stores, in one process at once.
func TestServeTwice(t *testing.T) {
	s1, _ := openTestStore(t, store.Memstore)
	s2, _ := openTestStore(t, store.Memstore)
	write(t, s2, article1("h1"))
	ro := startServer(t, s1, ServerOptions{})
	rw := startServer(t, s2, ServerOptions{Writable: true, Token: "t2"})
	if r := do(t, "POST", ro+"/api/v2/write", "application/n-quads", newQuad); r.code != http.StatusForbidden {
		t.Errorf("read-only server: write = %d", r.code)
	}
	if r := doAs(t, "t2", "POST", rw+"/api/v2/write", "application/n-quads", newQuad); r.code != 200 {
		t.Errorf("writable server: write = %d %s", r.code, r.body)
	}
	if n1, n2 := quadCount(t, s1), quadCount(t, s2); n1 != 0 || n2 != 5 {
		t.Errorf("quad counts = %d, %d; want 0, 5", n1, n2)
	}
}

// Cancelling Serve's context stops a running query and returns promptly.
func TestServeShutdownStopsQueries(t *testing.T) {
	s, _ := openTestStore(t, store.Bolt)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, s, ServerOptions{Addr: "127.0.0.1:0", QueryTimeout: time.Minute}, func(a string) { addrc <- a })
	}()
	addr := <-addrc
	go http.Post("http://"+addr+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(`while (true) {}`))
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("shutdown took %v", d)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return")
	}
}

func TestServeAddressInUse(t *testing.T) {
	s, _ := openTestStore(t, store.Memstore)
	base := startServer(t, s, ServerOptions{})
	err := Serve(context.Background(), s, ServerOptions{Addr: strings.TrimPrefix(base, "http://")}, nil)
	if err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Errorf("Serve on a busy port: err = %v", err)
	}
}
