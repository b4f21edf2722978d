package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/store"
)

// D10 past Open: a database file damaged while it is open (here: cut short under a reader,
// which faults on bbolt's memory map as a damaged page would) gives a query an error; the
// process goes on. Before, the fault ended it ("unexpected fault address").
func TestReadFaultIsAnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "news.db")
	s, err := store.Open(store.Bolt, path)
	if err != nil {
		t.Fatal(err)
	}
	load(t, s, examples(t)...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(store.Bolt, path, store.ReadMostly())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := os.Truncate(filepath.Join(path, "indexes.bolt"), 8192); err != nil {
		t.Fatal(err)
	}
	_, err = r.Query(context.Background(), `g.V().Out().All()`, 0)
	if err == nil || !strings.Contains(err.Error(), "database file may be damaged") {
		t.Fatalf("want a fault answered as an error, got %v", err)
	}
	t.Log(err)
}
