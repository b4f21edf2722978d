package server_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

// Helpers of the store's external tests (store/curate_test.go, gizmo_random_test.go,
// cardindex_mark_test.go), for the server's.

var extractor = storetest.Extractor

func openBolt(t *testing.T) *store.Store { return storetest.OpenBolt(t) }

func readJSONL(t *testing.T, path string) []extract.Article { return storetest.ReadJSONL(t, path) }

func examples(t *testing.T) []extract.Article { return storetest.Examples(t) }

func load(t *testing.T, s *store.Store, arts ...extract.Article) store.WriteStats {
	return storetest.Load(t, s, arts...)
}

func serve(t *testing.T, s *store.Store, o server.ServerOptions) string {
	return storetest.Serve(t, s, o)
}

func stockCayley(t *testing.T) string { return storetest.StockCayley(t) }

func loadedDB(t *testing.T) string { return storetest.LoadedDB(t) }

func lines(s string) []string {
	out := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(out)
	return slices.Compact(out)
}
