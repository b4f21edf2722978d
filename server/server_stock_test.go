package server_test

import (
	"bytes"
	"encoding/json"
	"github.com/newsgraph/newsgraph/server"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/store"
)

// startStockCayley runs stock `cayley http` over the bolt database dir, with args, for the
// test's lifetime, and returns its base URL.
func startStockCayley(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cayley := stockCayley(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(cayley, append([]string{"http", "--db", "bolt", "--dbpath", dir, "--host", addr}, args...)...)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for range 100 {
		time.Sleep(100 * time.Millisecond)
		if resp, err := http.Get("http://" + addr + "/health"); err == nil {
			resp.Body.Close()
			return "http://" + addr
		}
	}
	t.Fatalf("stock cayley did not start:\n%s", logs.String())
	return ""
}

// copyDB copies the quads of the bolt database dir (indexes.bolt) to a new folder.
func copyDB(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "indexes.bolt"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "indexes.bolt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

type apiRequest struct {
	method, path, ctype, body string
	// how the bodies compare: "same" (after canon), "status" (the status only), or a
	// documented difference ("differs: why"), whose status is checked only when wantStatus
	// is set.
	compare    string
	wantStatus int // when set, newsgraph's status
	contains   string
}

type apiAnswer struct {
	status int
	ctype  string
	body   string
}

func do(t *testing.T, base, token string, r apiRequest) apiAnswer {
	t.Helper()
	req, err := http.NewRequest(r.method, base+r.path, strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if r.ctype != "" {
		req.Header.Set("Content-Type", r.ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	ct, _, _ := strings.Cut(resp.Header.Get("Content-Type"), ";")
	return apiAnswer{resp.StatusCode, ct, string(b)}
}

// canonBody is a body with its JSON reformatted and the items of its lists (and lines of
// text) sorted: the order of results depends on the iterators Cayley picks.
func canonBody(s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err == nil {
		return canonJSON(v)
	}
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func canonJSON(v any) string {
	switch v := v.(type) {
	case []any:
		var items []string
		for _, x := range v {
			items = append(items, canonJSON(x))
		}
		slices.Sort(items)
		return "[" + strings.Join(items, ",") + "]"
	case map[string]any:
		var keys []string
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var items []string
		for _, k := range keys {
			kb, _ := json.Marshal(k)
			items = append(items, string(kb)+":"+canonJSON(v[k]))
		}
		return "{" + strings.Join(items, ",") + "}"
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

func compareAPIs(t *testing.T, stock, ng, token string, reqs []apiRequest) {
	t.Helper()
	for _, r := range reqs {
		name := r.method + " " + r.path
		want := do(t, stock, "", r)
		got := do(t, ng, token, r)
		switch {
		case r.compare == "same" || r.compare == "status":
			if got.status != want.status {
				t.Errorf("%s: newsgraph %d, stock %d\nnewsgraph: %.300s\nstock: %.300s", name, got.status, want.status, got.body, want.body)
				continue
			}
			if r.compare == "same" && canonBody(got.body) != canonBody(want.body) {
				t.Errorf("%s: bodies differ\nnewsgraph: %.600s\nstock: %.600s", name, got.body, want.body)
			}
		case r.wantStatus != 0 && got.status != r.wantStatus:
			t.Errorf("%s (%s): newsgraph %d, want %d: %.300s", name, r.compare, got.status, r.wantStatus, got.body)
		}
		if r.contains != "" && (!strings.Contains(got.body, r.contains) || !strings.Contains(want.body, r.contains)) {
			t.Errorf("%s: %q not in both\nnewsgraph: %.300s\nstock: %.300s", name, r.contains, got.body, want.body)
		}
		if r.compare != "differs: the UI's routes" && got.status == http.StatusOK && strings.HasPrefix(got.ctype, "text/html") && !strings.HasPrefix(want.ctype, "text/html") {
			t.Errorf("%s: newsgraph answers the UI's HTML", name)
		}
	}
}

const (
	bayramovOut  = `g.V("<ng:person/jeyhun-bayramov>").Out().All()`
	allNamesGiz  = `g.V().Out("<schema:name>").All()`
	graphqlQuery = `{ nodes(id: <ng:person/jeyhun-bayramov>) { id name: <schema:name> worksFor: <schema:worksFor> { id } } }`
	mqlQuery     = `[{"id": "<ng:person/jeyhun-bayramov>", "<schema:name>": null}]`
)

func q(s string) string { return url.QueryEscape(s) }

// The same requests to stock `cayley http` and to newsgraph's server, on copies of one
// database, get the same answers, but where docs/api.md says why not.
func TestAPIMatchesStockCayley(t *testing.T) {
	dir := loadedDB(t)
	stock := startStockCayley(t, copyDB(t, dir), "--read_only")
	s, err := store.Open(store.Bolt, dir, store.ReadMostly())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ng := serve(t, s, server.ServerOptions{})
	js := "application/javascript"
	reqs := []apiRequest{
		{method: "GET", path: "/health", compare: "same", wantStatus: 204},
		{method: "GET", path: "/api/v2/formats", compare: "same", contains: "graphml"},
		{method: "POST", path: "/api/v2/query?lang=gizmo", ctype: js, body: bayramovOut, compare: "same", contains: "ng:country/azerbaijan"},
		{method: "GET", path: "/api/v2/query?lang=gizmo&qu=" + q(bayramovOut), compare: "same", contains: "ng:country/azerbaijan"},
		{method: "POST", path: "/api/v2/query?lang=graphql", body: graphqlQuery, compare: "same", contains: "Jeyhun Bayramov"},
		{method: "POST", path: "/api/v2/query?lang=mql", body: mqlQuery, compare: "same", contains: "Jeyhun Bayramov"},
		{method: "POST", path: "/api/v2/query?lang=gizmo", ctype: js, body: `g.V(`, compare: "same"},
		{method: "POST", path: "/api/v2/query?lang=sparql", body: "x", compare: "same"},
		{method: "POST", path: "/api/v2/query", body: "x", compare: "same"},
		{method: "POST", path: "/api/v2/query?lang=gizmo", body: "", compare: "same"},
		// Stock's v2 stops at 100 results, newsgraph's at ServerOptions.QueryLimit (10,000).
		{method: "POST", path: "/api/v2/query?lang=gizmo", ctype: js, body: allNamesGiz, compare: "differs: the v2 result limit", wantStatus: 200},
		{method: "POST", path: "/query/gizmo", ctype: js, body: allNamesGiz, compare: "same"}, // v1: 100 by default on both
		{method: "POST", path: "/query/gizmo?limit=100000", ctype: js, body: allNamesGiz, compare: "same"},
		{method: "POST", path: "/query/gizmo", ctype: js, body: bayramovOut, compare: "same", contains: "ng:country/azerbaijan"},
		{method: "POST", path: "/query/graphql", body: graphqlQuery, compare: "same", contains: "Jeyhun Bayramov"},
		{method: "POST", path: "/query/mql", body: mqlQuery, compare: "same", contains: "Jeyhun Bayramov"},
		{method: "POST", path: "/query/sparql", body: "x", compare: "same"},
		{method: "POST", path: "/shape/gizmo", body: bayramovOut, compare: "same"},
		// A GET of a v1 path: stock 405, newsgraph the UI's page (the single-page app's routes).
		{method: "GET", path: "/query/gizmo", compare: "differs: the UI's routes", wantStatus: 200},
		// newsgraph's read answers the RDF form (full IRIs, typed dates) unless iri is given;
		// iri=stored (which stock reads as no conversion) is the stored form, as stock answers.
		{method: "GET", path: "/api/v2/read", compare: "differs: RDF form by default", wantStatus: 200, contains: "Jeyhun Bayramov"},
		{method: "GET", path: "/api/v2/read?format=jsonld", compare: "differs: RDF form by default", wantStatus: 200},
		{method: "GET", path: "/api/v2/read?iri=stored", compare: "same", contains: "Jeyhun Bayramov"},
		{method: "GET", path: "/api/v2/read?format=nquads&iri=stored", compare: "same"},
		{method: "GET", path: "/api/v2/read?format=json&iri=stored", compare: "same"},
		{method: "GET", path: "/api/v2/read?format=jsonld&iri=stored", compare: "same"},
		{method: "GET", path: "/api/v2/read?format=graphml&iri=stored", compare: "same", contains: "<graphml"},
		{method: "GET", path: "/api/v2/read?format=gml&iri=stored", compare: "same", contains: "graph ["},
		{method: "GET", path: "/api/v2/read?format=graphviz&iri=stored", compare: "same", contains: "digraph"},
		{method: "GET", path: "/api/v2/read?format=pquads", compare: "status"},
		// newsgraph registers its own namespace (ng:), which stock Cayley does not know.
		{method: "GET", path: "/api/v2/read?format=nquads&iri=full", compare: "differs: ng: namespace", wantStatus: 200},
		{method: "GET", path: "/api/v2/read?iri=stored&sub=" + q("<ng:person/jeyhun-bayramov>"), compare: "same", contains: "Jeyhun Bayramov"},
		{method: "GET", path: "/metrics", compare: "same"},
		{method: "GET", path: "/api/v2/nosuch", compare: "status"},
		{method: "GET", path: "/", compare: "status"},
		// Stock streams the graph to Gephi (its internal/gephi package, not importable).
		{method: "GET", path: "/gephi/gs", compare: "differs: no Gephi stream", wantStatus: 404},
		// Writes to a read-only server: 403 on both, newsgraph saying why.
		{method: "POST", path: "/api/v2/write", ctype: "application/n-quads", body: "<a> <b> <c> .\n", compare: "status"},
		{method: "POST", path: "/api/v2/delete", ctype: "application/n-quads", body: "<a> <b> <c> .\n", compare: "status"},
		{method: "POST", path: "/write", body: `[{"subject":"<a>","predicate":"<b>","object":"<c>"}]`, compare: "status"},
		{method: "POST", path: "/delete", body: `[{"subject":"<a>","predicate":"<b>","object":"<c>"}]`, compare: "status"},
	}
	compareAPIs(t, stock, ng, "", reqs)
}

// nquadsFile is a multipart form with an N-Quads file in the field NQuadFile, as the v1
// /write/file/nquad takes.
func nquadsFile(t *testing.T, nq string) (ctype, body string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("NQuadFile", "quads.nq")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fw, nq)
	mw.Close()
	return mw.FormDataContentType(), b.String()
}

// Writes through both APIs, to writable servers (newsgraph's with a token), answer alike and
// leave the same quads.
func TestAPIWritesMatchStockCayley(t *testing.T) {
	dir := loadedDB(t)
	stock := startStockCayley(t, copyDB(t, dir))
	s, err := store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	const token = "secret"
	ng := serve(t, s, server.ServerOptions{Writable: true, Token: token})
	fileType, fileBody := nquadsFile(t, "<ng:person/zorblax> <schema:name> \"Zorblax\" <ng:article/x> .\n<ng:person/zorblax> <rdf:type> <schema:Person> <ng:article/x> .\n")
	zorb := `g.V("<ng:person/zorblax>").Out().All()`
	reqs := []apiRequest{
		{method: "POST", path: "/api/v2/write", ctype: "application/n-quads", body: "<ng:person/a> <schema:knows> <ng:person/b> .\n<ng:person/a> <schema:name> \"A\" .\n", compare: "same"},
		{method: "POST", path: "/write", body: `[{"subject":"<ng:person/b>","predicate":"<schema:name>","object":"B"}]`, compare: "same"},
		{method: "POST", path: "/write/file/nquad", ctype: fileType, body: fileBody, compare: "same"},
		{method: "POST", path: "/query/gizmo", body: zorb, compare: "same", contains: "Zorblax"},
		{method: "POST", path: "/api/v2/query?lang=gizmo", body: `g.V("<ng:person/a>").Out().All()`, compare: "same", contains: "ng:person/b"},
		{method: "POST", path: "/delete", body: `[{"subject":"<ng:person/b>","predicate":"<schema:name>","object":"B"}]`, compare: "same"},
		{method: "POST", path: "/api/v2/delete", ctype: "application/n-quads", body: "<ng:person/a> <schema:name> \"A\" .\n", compare: "same"},
		{method: "POST", path: "/api/v2/node/delete", ctype: "application/n-quads", body: "<ng:person/zorblax>", compare: "same"},
		{method: "POST", path: "/api/v2/query?lang=gizmo", body: `g.V("<ng:person/a>", "<ng:person/b>", "<ng:person/zorblax>").Out().All()`, compare: "same", contains: "ng:person/b"},
		{method: "GET", path: "/api/v2/read?iri=stored", compare: "same"},
	}
	compareAPIs(t, stock, ng, token, reqs)
	// Without the token: 401 (stock has no tokens).
	if a := do(t, ng, "", reqs[1]); a.status != http.StatusUnauthorized {
		t.Errorf("v1 write without the token: %d %s", a.status, a.body)
	}
}
