package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log"
	"net/http"
	"strings"

	"github.com/newsgraph/newsgraph/store"
)

// When PostgreSQL stops while serve runs, Cayley's query API fails the query with its Go
// error (HTTP 400, "GoError: sql query failed: dial tcp ...: connection refused" and the
// SELECT), and the explorer with a 500 carrying the SQL. A client can do nothing about
// either but wait: the answer should be 503, a plain line, and the details the server's
// log. The handlers cannot tell a database that went away from a bad query (the error
// reaches them as text, through Gizmo's JavaScript), so the server asks the database
// itself (Store.Unreachable) when an answer is an error.

// ErrDatabaseUnreachable is the message of a 503 answered while the database is down.
const ErrDatabaseUnreachable = "the database is unreachable; try again once it is back (the server's log has the details)"

// unavailableWhenDown answers 503 (ErrDatabaseUnreachable, Retry-After) in place of an
// error answer of next (400, 500, 502, 504) given while the PostgreSQL database cannot be
// reached, and logs the answer it replaces. Other answers go through as they are, streamed.
// Not a wrapper at all for bolt and memstore.
func unavailableWhenDown(s *store.Store, next http.Handler) http.Handler {
	if s.Backend() != store.Postgres {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hw := &heldErrorWriter{ResponseWriter: w}
		next.ServeHTTP(hw, r)
		if !hw.held {
			return
		}
		err := s.Unreachable(context.Background())
		if err == nil {
			hw.release()
			return
		}
		log.Printf("%s %s: the database is unreachable (%v); the answer was %d %s", r.Method, r.URL.Path,
			err, hw.code, strings.TrimSpace(hw.body.String()))
		h := w.Header()
		h.Del("Content-Length")
		h.Set("Content-Type", "application/json")
		h.Set("Retry-After", "10")
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(map[string]string{"error": ErrDatabaseUnreachable})
	})
}

// heldErrorWriter holds back an answer whose status is one a database outage gives, until
// the database has been asked; any other answer is written through.
type heldErrorWriter struct {
	http.ResponseWriter
	wrote bool // the status is written (through or held)
	held  bool
	code  int
	body  bytes.Buffer
}

// maxHeldBody bounds the error body kept for the log.
const maxHeldBody = 1 << 20

func (w *heldErrorWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	switch code {
	case http.StatusBadRequest, http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		w.held, w.code = true, code
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *heldErrorWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if w.held {
		if room := maxHeldBody - w.body.Len(); room > 0 {
			w.body.Write(b[:min(len(b), room)])
		}
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// Flush passes a streamed answer's flushes on; a held one is written whole later.
func (w *heldErrorWriter) Flush() {
	if !w.held {
		http.NewResponseController(w.ResponseWriter).Flush()
	}
}

func (w *heldErrorWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// release writes the held answer as it was.
func (w *heldErrorWriter) release() {
	w.ResponseWriter.WriteHeader(w.code)
	w.ResponseWriter.Write(w.body.Bytes())
}
