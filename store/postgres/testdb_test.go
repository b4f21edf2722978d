package postgres

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// The PostgreSQL tests run against a real server: NEWSGRAPH_TEST_POSTGRES is the URL of a
// database on it (postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable) whose user
// may create databases. .ci/run starts a throwaway server and sets it; without it the tests
// are skipped.
const pgEnv = "NEWSGRAPH_TEST_POSTGRES"

var pgDBSeq atomic.Int64

// pgTestDB returns the URL of a new, empty database on the test server, dropped when the
// test ends. It skips the test when there is no test server.
func pgTestDB(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv(pgEnv)
	if admin == "" {
		tb.Skipf("no PostgreSQL test server: set %s (.ci/run does)", pgEnv)
	}
	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatalf("%s: %v", pgEnv, err)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		tb.Fatal(err)
	}
	name := fmt.Sprintf("ngtest_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, pgDBSeq.Add(1))
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
