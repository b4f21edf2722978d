package postgres

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// The store's own connections ask the server not to JIT-compile; a URL that says jit=...
// keeps its word.
func TestPostgresStoreConnectionsWithoutJIT(t *testing.T) {
	addr := pgTestDB(t)
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	show := func(a string) string {
		c, err := sql.Open("postgres", a)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var v string
		if err := c.QueryRowContext(ctx, `SHOW jit`).Scan(&v); err != nil {
			t.Fatalf("%s: %v", Redact(a), err)
		}
		return v
	}
	if got := show(withoutJIT(ctx, db, addr)); got != "off" {
		t.Errorf("the store's URL gives jit=%s, want off", got)
	}
	on := addr + "&jit=on"
	if !strings.Contains(addr, "?") {
		on = addr + "?jit=on"
	}
	if got := withoutJIT(ctx, db, on); got != on {
		t.Errorf("a URL that sets jit was changed: %s", Redact(got))
	}
	// and the store opens and answers through it
	qs, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	if _, err := qs.Stats(ctx, true); err != nil {
		t.Fatal(err)
	}
}
