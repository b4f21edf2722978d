package export_test

import (
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/store"
)

// The store's test helpers (store/curate_test.go), for the exports' tests.

var extractor = storetest.Extractor

func openBolt(t *testing.T) *store.Store { return storetest.OpenBolt(t) }

func readJSONL(t *testing.T, path string) []extract.Article { return storetest.ReadJSONL(t, path) }

func examples(t *testing.T) []extract.Article { return storetest.Examples(t) }

func build(arts ...extract.Article) []store.Article { return storetest.Build(arts...) }

func load(t *testing.T, s *store.Store, arts ...extract.Article) store.WriteStats {
	return storetest.Load(t, s, arts...)
}

func dumpOf(t *testing.T, s *store.Store) string { return storetest.Dump(t, s) }

func count(t *testing.T, s *store.Store) int64 { return storetest.Count(t, s) }

func gizmo(t *testing.T, s *store.Store, q string) []string { return storetest.Gizmo(t, s, q) }

func diffLines(a, b string) string { return storetest.DiffLines(a, b) }
