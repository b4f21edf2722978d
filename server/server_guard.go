package server

import (
	"fmt"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Connection limits and timeouts of the server (docs/limits.md lists them all).
const (
	// ServerReadHeaderTimeout bounds reading a request's headers.
	ServerReadHeaderTimeout = 10 * time.Second
	// ServerReadTimeout bounds reading a whole request, body included: a
	// client sending a byte every few seconds is cut off.
	ServerReadTimeout = time.Minute
	// ServerIdleTimeout closes a kept-alive connection with no request.
	ServerIdleTimeout = 60 * time.Second
	// ServerWriteStall is how long one write of an answer may wait for a
	// client that does not read. A whole answer has no time limit: a large
	// export to a client that keeps reading takes as long as it takes.
	ServerWriteStall = 30 * time.Second
	// MaxConnsPerClient bounds the open connections of one client address.
	MaxConnsPerClient = 128
	// MaxConns bounds all open connections (less when the process may open
	// fewer files: see maxConns).
	MaxConns = 1024
)

// maxConns keeps the connection limit under the process's open-file limit,
// with room for the database's files and the store's own work, so that
// accept never fails with "too many open files".
func maxConns() int {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil || rl.Cur == 0 {
		return MaxConns
	}
	room := int(min(rl.Cur, 1<<20)) - 64
	return max(min(MaxConns, room*3/4), 8)
}

// connLimiter is a listener that keeps at most total connections open, at
// most perClient of them from one address. A connection over a limit gets a
// 503 naming the limit and is closed, rather than left to wait.
type connLimiter struct {
	net.Listener
	total, perClient int

	mu     sync.Mutex
	open   int
	counts map[string]int
}

func limitConns(ln net.Listener, total, perClient int) *connLimiter {
	return &connLimiter{Listener: ln, total: total, perClient: perClient, counts: map[string]int{}}
}

func (l *connLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		host := clientHost(c.RemoteAddr())
		if why := l.admit(host); why != "" {
			refuseConn(c, why)
			continue
		}
		return &limitedConn{Conn: c, release: func() { l.release(host) }}, nil
	}
}

func (l *connLimiter) admit(host string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.open >= l.total:
		return fmt.Sprintf("too many connections (limit %d)", l.total)
	case l.counts[host] >= l.perClient:
		return fmt.Sprintf("too many connections from %s (limit %d per client)", host, l.perClient)
	}
	l.open++
	l.counts[host]++
	return ""
}

func (l *connLimiter) release(host string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.open--
	if l.counts[host]--; l.counts[host] <= 0 {
		delete(l.counts, host)
	}
}

func clientHost(a net.Addr) string {
	if h, _, err := net.SplitHostPort(a.String()); err == nil {
		return h
	}
	return a.String()
}

// refuseConn answers a connection over the limit without reading from it, in
// a goroutine so that a client that does not read cannot hold up Accept.
func refuseConn(c net.Conn, why string) {
	go func() {
		defer c.Close()
		c.SetWriteDeadline(time.Now().Add(2 * time.Second))
		body := `{"error":"` + why + `"}` + "\n"
		fmt.Fprintf(c, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	}()
}

type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}

// hostCheck answers 421 to a request whose Host is not one this server
// answers to. A page on another site that points its own domain name at this
// address (DNS rebinding) sends that name as Host and is refused; the same
// origin policy then keeps it from the graph. Allowed: IP literals (a
// rebinding attack needs a name), localhost and *.localhost (which resolve to
// loopback only), the host of the listening address, and extra names.
func hostCheck(next http.Handler, addr string, extra []string) http.Handler {
	allowed := map[string]bool{"localhost": true}
	if h, _, err := net.SplitHostPort(addr); err == nil && h != "" {
		allowed[strings.ToLower(h)] = true
	}
	for _, h := range extra {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			if hh, _, err := net.SplitHostPort(h); err == nil {
				h = hh
			}
			allowed[h] = true
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := strings.ToLower(r.Host)
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
		if allowed[host] || net.ParseIP(host) != nil || strings.HasSuffix(host, ".localhost") {
			next.ServeHTTP(w, r)
			return
		}
		jsonError(w, http.StatusMisdirectedRequest, fmt.Sprintf(
			"this server does not answer to the host name %q (it guards against DNS rebinding); start it with --allowed-host %s to allow it", host, host))
	})
}

// writeProgress gives every write of a response ServerWriteStall to reach
// the client, so a client that stops reading frees its connection, while an
// answer streamed to a client that keeps reading is never cut short (a
// server-wide WriteTimeout would cut a long export).
func writeProgress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A read of a damaged database file faults on bbolt's memory map: made a panic, which
		// net/http recovers for this request alone, instead of ending the server.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		next.ServeHTTP(&stallGuard{ResponseWriter: w, rc: http.NewResponseController(w)}, r)
	})
}

type stallGuard struct {
	http.ResponseWriter
	rc *http.ResponseController
}

func (g *stallGuard) Write(p []byte) (int, error) {
	g.rc.SetWriteDeadline(time.Now().Add(ServerWriteStall))
	return g.ResponseWriter.Write(p)
}

func (g *stallGuard) Flush() {
	g.rc.SetWriteDeadline(time.Now().Add(ServerWriteStall))
	g.rc.Flush()
}

// Unwrap lets http.ResponseController reach the connection.
func (g *stallGuard) Unwrap() http.ResponseWriter { return g.ResponseWriter }
