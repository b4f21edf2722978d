// Package pgtest gives PostgreSQL tests a database of their own on a real server:
// NEWSGRAPH_TEST_POSTGRES is the URL of a database on it
// (postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable) whose user may create
// databases. .ci/run starts a throwaway server and sets it; without it the tests are skipped.
// The caller's package registers the "postgres" database/sql driver (the store does).
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Env names the variable that holds the test server's URL.
const Env = "NEWSGRAPH_TEST_POSTGRES"

var seq atomic.Int64

// Name is a name no other test of any process uses, with the given prefix.
func Name(prefix string) string {
	return fmt.Sprintf("%s_%d_%d_%d", prefix, os.Getpid(), time.Now().UnixNano()%1e6, seq.Add(1))
}

// Database returns the URL of a new, empty database on the test server, dropped when the
// test ends. It skips the test when there is no test server.
func Database(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv(Env)
	if admin == "" {
		tb.Skipf("no PostgreSQL test server: set %s (.ci/run does)", Env)
	}
	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatalf("%s: %v", Env, err)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		tb.Fatal(err)
	}
	name := Name("ngtest")
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			tb.Errorf("drop test database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// ReadOnlyRole makes a role that may only read the database at addr (SELECT on the tables
// it has now, default_transaction_read_only: what a replica's or an analyst's login is),
// dropped when the test ends, and returns the URL of the database as that role.
func ReadOnlyRole(t testing.TB, addr string) string {
	t.Helper()
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() }) // after the role is dropped (cleanups run last first)
	// Roles belong to the whole server, which CI's two runs share: a name of this process.
	role := Name("ngreader")
	u, _ := url.Parse(addr)
	dbname := strings.TrimPrefix(u.Path, "/")
	for _, stmt := range []string{
		"CREATE ROLE " + role + " LOGIN PASSWORD 'reader'",
		"GRANT CONNECT ON DATABASE " + dbname + " TO " + role,
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role,
		"ALTER ROLE " + role + " SET default_transaction_read_only = on",
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	t.Cleanup(func() {
		db.Exec("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM " + role)
		db.Exec("REVOKE ALL ON DATABASE " + dbname + " FROM " + role)
		if _, err := db.Exec("DROP ROLE " + role); err != nil {
			t.Logf("drop role %s: %v", role, err)
		}
	})
	u.User = url.UserPassword(role, "reader")
	return u.String()
}
