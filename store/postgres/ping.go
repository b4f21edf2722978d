package postgres

import (
	"context"
	"time"
)

// When PostgreSQL stops while serve runs, Cayley's query API fails the query with its Go
// error (HTTP 400, "GoError: sql query failed: dial tcp ...: connection refused" and the
// SELECT), and the explorer with a 500 carrying the SQL. A client can do nothing about
// either but wait: the answer should be 503, a plain line, and the details the server's
// log. The handlers cannot tell a database that went away from a bad query (the error
// reaches them as text, through Gizmo's JavaScript), so the server asks the database
// itself when an answer is an error.

// pgPingTimeout bounds the check of the database after an error answer.
const pgPingTimeout = 3 * time.Second

// Ping tells why the database cannot be reached, or nil, within pgPingTimeout.
func (p *QuadStore) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, pgPingTimeout)
	defer cancel()
	return p.lock.db.PingContext(ctx)
}
