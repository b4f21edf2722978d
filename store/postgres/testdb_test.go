package postgres

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/pgtest"
)

// pgTestDB gives a test a database of its own on the PostgreSQL test server, or skips it
// (internal/pgtest).
func pgTestDB(tb testing.TB) string { return pgtest.Database(tb) }
