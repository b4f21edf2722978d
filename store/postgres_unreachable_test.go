package store_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
)

// pgProxy forwards TCP connections to a PostgreSQL server; stopping it is what a database
// going away looks like to newsgraph (connections cut, new ones refused), without stopping
// the test server other tests share.
type pgProxy struct {
	target, addr string
	mu           sync.Mutex
	ln           net.Listener
	conns        []net.Conn
}

func startPGProxy(t *testing.T, target string) *pgProxy {
	t.Helper()
	p := &pgProxy{target: target, addr: "127.0.0.1:0"}
	p.start(t)
	t.Cleanup(p.stop)
	return p
}

func (p *pgProxy) start(t *testing.T) {
	t.Helper()
	var ln net.Listener
	var err error
	for try := 0; try < 50; try++ { // the port of a stopped proxy may take a moment to free
		if ln, err = net.Listen("tcp", p.addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

func (p *pgProxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestPostgresDownGives503 stops the database under a running server: Gizmo and the
// explorer answer 503 with one plain line and no SQL (the details go to the server's log),
// a bad query while the database is up is still a 400, the Store's own errors are one line,
// and the server answers again once the database is back.
func TestPostgresDownGives503(t *testing.T) {
	addr := store.PGTestDB(t)
	u, err := url.Parse(addr)
	if err != nil {
		t.Fatal(err)
	}
	proxy := startPGProxy(t, u.Host)
	u.Host = proxy.addr
	s, err := store.Open(store.Postgres, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.WriteArticles(pgExamples(t)); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.NewHandler(s, server.ServerOptions{}))
	defer srv.Close()
	get := func(method, path, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	const gizmo = `g.V().Has("<rdf:type>", "<schema:Person>").Out("<schema:name>").All()`
	requests := []struct{ method, path, body string }{
		{"POST", "/api/v2/query?lang=gizmo", gizmo},
		{"GET", "/api/newsgraph/search?q=bayr", ""},
		{"GET", "/api/newsgraph/entity?id=Bayramov", ""},
		{"GET", "/api/newsgraph/timeline?id=Bayramov", ""},
	}
	up := func() {
		t.Helper()
		for _, r := range requests {
			if code, body := get(r.method, r.path, r.body); code != 200 || !strings.Contains(body, "Bayramov") {
				t.Errorf("database up: %s %s: %d %.200s", r.method, r.path, code, body)
			}
		}
	}
	up()
	if code, body := get("POST", "/api/v2/query?lang=gizmo", `g.V().Nonsense()`); code != 400 {
		t.Errorf("a bad query with the database up: %d %s, want 400", code, body)
	}

	proxy.stop()
	for _, r := range requests {
		code, body := get(r.method, r.path, r.body)
		if code != http.StatusServiceUnavailable || strings.Count(strings.TrimSpace(body), "\n") > 0 ||
			!strings.Contains(body, server.ErrDatabaseUnreachable) {
			t.Errorf("database down: %s %s: %d %q, want 503 with one line", r.method, r.path, code, body)
		}
		if strings.Contains(body, "SELECT") || strings.Contains(body, "dial tcp") {
			t.Errorf("database down: %s %s: the answer shows the SQL or the connection: %s", r.method, r.path, body)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, qerr := s.Query(ctx, gizmo, 0)
	_, cerr := cards.Of(s).Card(ctx, "Radmila Shekerinska")
	for _, err := range []error{qerr, cerr} {
		if err == nil || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "SELECT") {
			t.Errorf("database down: the Store's error is %q, want one line without SQL", err)
		}
	}

	proxy.start(t)
	up()
}
