package server_test

import (
	"bufio"
	"context"
	"fmt"
	"github.com/newsgraph/newsgraph/server"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	gz "github.com/newsgraph/newsgraph/internal/gizmo"
	"github.com/newsgraph/newsgraph/store"
)

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func gizmoURL(base, q string) string {
	return base + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(q)
}

// D4: a value nested a million levels deep, emitted through a GET from any
// site, ended the server with "fatal error: stack overflow".
func TestServerSurvivesDeepValues(t *testing.T) {
	base := serve(t, openBolt(t), server.ServerOptions{QueryTimeout: 20 * time.Second})
	for _, q := range []string{
		`var a={};for(var i=0;i<1000000;i++)a={a:a};g.Emit(a)`,
		`var a={};for(var i=0;i<1000000;i++)a={a:a};JSON.stringify(a)`,
		strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		`function f(){return f()}f()`,
	} {
		code, body := get(t, gizmoURL(base, q))
		if code != http.StatusBadRequest || !strings.Contains(body, "error") {
			t.Errorf("%.40s: %d %.200s", q, code, body)
		}
	}
	if code, _ := get(t, gizmoURL(base, `g.emit(1)`)); code != http.StatusOK {
		t.Fatalf("after: %d", code)
	}
}

// D6: a query past its timeout kept its core busy; one that doubles a string
// took 8 GB.
func TestServerStopsQueriesAtTimeAndMemoryLimits(t *testing.T) {
	base := serve(t, openBolt(t), server.ServerOptions{QueryTimeout: 300 * time.Millisecond, QueryMemory: 256 << 20})
	defer gz.SetLimits(gz.Limits{})
	code, body := get(t, gizmoURL(base, `while(true){}`))
	if code == http.StatusOK {
		t.Fatalf("endless loop answered %d %s", code, body)
	}
	waitUntil(t, func() bool { return gz.Running() == 0 }, "the stopped query to give back its slot")

	// Earlier tests' garbage (a million-level object) would make the heap's starting point
	// look higher than what stays live.
	runtime.GC()
	serve2 := serve(t, openBolt(t), server.ServerOptions{QueryTimeout: 60 * time.Second, QueryMemory: 256 << 20})
	code, body = get(t, gizmoURL(serve2, `var s="xxxxxxxxxxxxxxxx";while(1)s=s+s`))
	if code == http.StatusOK || !strings.Contains(body, "memory") {
		t.Fatalf("doubling string: %d %s", code, body)
	}
}

// D7: a body sent a byte at a time kept its connection for ever.
func TestServerCutsOffSlowBodies(t *testing.T) {
	base := serve(t, openBolt(t), server.ServerOptions{ReadTimeout: 500 * time.Millisecond})
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "POST /api/v2/query?lang=gizmo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\ng")
	start := time.Now()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	for _, err = c.Read(make([]byte, 1024)); err == nil; _, err = c.Read(make([]byte, 1024)) {
		c.Write([]byte("."))
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("the slow body's connection stayed open %v", time.Since(start))
	}
}

// D7: connections past the per-client limit are refused with a 503 that
// names the limit, not left to exhaust the process's files.
func TestServerLimitsConnectionsPerClient(t *testing.T) {
	base := serve(t, openBolt(t), server.ServerOptions{MaxConnsPerClient: 3})
	addr := strings.TrimPrefix(base, "http://")
	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for range 3 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	time.Sleep(100 * time.Millisecond) // let the server accept them
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET /api/v2/formats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "limit 3 per client") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	held[0].Close()
	held = held[1:]
	waitUntil(t, func() bool {
		resp, err := http.Get(base + "/api/v2/formats")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, "a free connection to be served")
}

// D8: DNS rebinding: a page whose own domain points at the server sends its
// domain as Host and read the graph.
func TestServerRefusesForeignHostNames(t *testing.T) {
	base := serve(t, openBolt(t), server.ServerOptions{AllowedHosts: []string{"store.example.org"}})
	for host, want := range map[string]int{
		"evil.example:64210": http.StatusMisdirectedRequest,
		"evil.example":       http.StatusMisdirectedRequest,
		"localhost:64210":    http.StatusOK,
		"app.localhost":      http.StatusOK,
		"127.0.0.1:1":        http.StatusOK,
		"[::1]:64210":        http.StatusOK,
		"store.example.org":  http.StatusOK,
	} {
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v2/query?lang=gizmo", strings.NewReader(`g.emit(1)`))
		req.Host = host
		req.Header.Set("Origin", "http://"+host)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d %s, want %d", host, resp.StatusCode, body, want)
		}
		if want != http.StatusOK && !strings.Contains(string(body), "--allowed-host") {
			t.Errorf("Host %s: the refusal does not say how to allow it: %s", host, body)
		}
	}
}

func waitUntil(t *testing.T, ok func() bool, what string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for !ok() {
		select {
		case <-ctx.Done():
			t.Fatalf("waited 10 s for %s", what)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// D1 through the API: a 40 KB IRI written by /api/v2/write is stored short, so the database
// stays writable (before, the card index refused it, and every later writable open).
func TestServerWriteOfALongIRIKeepsTheStoreWritable(t *testing.T) {
	path := t.TempDir() + "/news.db"
	s, err := store.Open(store.Bolt, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Runs after the server has stopped: the store is closed, and a writable open must work.
		s.Close()
		s2, err := store.Open(store.Bolt, path)
		if err != nil {
			t.Errorf("reopen for writing: %v", err)
			return
		}
		s2.Close()
	})
	base := serve(t, s, server.ServerOptions{Writable: true, Token: "T"})
	long := "http://example.org/" + strings.Repeat("x", 40<<10)
	nq := fmt.Sprintf("<%s> <http://schema.org/name> \"Long\" <%s> .\n", long, long)
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v2/write", strings.NewReader(nq))
	req.Header.Set("Authorization", "Bearer T")
	req.Header.Set("Content-Type", "application/n-quads")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("write: %d %s", resp.StatusCode, body)
	}
	code, out := get(t, gizmoURL(base, `g.V().Has("<http://schema.org/name>", "Long").Out("<ng:fullIRI>").All()`))
	if code != http.StatusOK || !strings.Contains(out, strings.Repeat("x", 1000)) {
		t.Fatalf("the full IRI is not kept: %d %.300s", code, out)
	}
}
