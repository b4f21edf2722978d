package store

import (
	"context"
	"strings"

	"github.com/newsgraph/newsgraph/store/postgres"
)

// Postgres is the backend name of a graph kept in a PostgreSQL database, shared by a team:
// Open(Postgres, "postgres://user:password@host:5432/dbname?sslmode=disable").
//
// The tables are Cayley's own (nodes, quads), so Cayley's "postgres" backend opens the same
// database; newsgraph adds an index on the quads' label (the article), which its writes read.
// The quad store is package store/postgres's.
const Postgres = "postgres"

func init() {
	registerBackend(Postgres, backend{claims: postgres.IsURL, open: func(s *Store, path string, _ config) error {
		qs, err := postgres.Open(path)
		if err != nil {
			return err
		}
		s.qs = qs
		return nil
	}})
}

// RedactDB is a database path or PostgreSQL URL as messages may show it: a URL's password
// hidden.
func RedactDB(path string) string {
	if postgres.IsURL(path) || strings.Contains(path, "password") {
		return postgres.Redact(path)
	}
	return path
}

// Unreachable tells why the store's database cannot be reached, or nil (always nil for bolt
// and memstore: a file, or memory, does not go away).
//
// When PostgreSQL stops while serve runs, Cayley's query API fails the query with its Go
// error (HTTP 400, "GoError: sql query failed: dial tcp ...: connection refused" and the
// SELECT), and the explorer with a 500 carrying the SQL. A client can do nothing about
// either but wait: the answer should be 503, a plain line, and the details the server's
// log. The handlers cannot tell a database that went away from a bad query (the error
// reaches them as text, through Gizmo's JavaScript), so the server asks the database
// itself when an answer is an error.
func (s *Store) Unreachable(ctx context.Context) error {
	if p, ok := s.qs.(pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// OwnQuadsAdded is, on PostgreSQL, the number of quads this Store's own writes added since
// it was opened (inserted less deleted; quads another worker had already written count for
// nothing), and true. On bolt and memstore it is 0 and false: nothing but this Store writes
// while it is open, and the store's growth (Stats) is its own.
//
// A load's summary says how many quads it added. On bolt that is how much the store grew
// (no other process can write while it is open); on PostgreSQL other workers write at the
// same time, and the growth counted their quads too (two workers summed 227,560 for 125,393
// stored).
func (s *Store) OwnQuadsAdded() (int64, bool) {
	if c, ok := s.qs.(ownCounter); ok {
		return c.OwnQuadsAdded(), true
	}
	return 0, false
}
