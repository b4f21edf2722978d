package cards_test

import (
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/store"
)

// These tests run the real extractor and mapping (ingest.Build) into real bolt stores, with
// the store's test data (../testdata).

func openBolt(t *testing.T) *store.Store { return storetest.OpenBolt(t) }

func readJSONL(t *testing.T, path string) []extract.Article { return storetest.ReadJSONL(t, path) }

func examples(t *testing.T) []extract.Article { return storetest.Examples(t) }

func build(arts ...extract.Article) []store.Article { return storetest.Build(arts...) }

func load(t *testing.T, s *store.Store, arts ...extract.Article) store.WriteStats {
	return storetest.Load(t, s, arts...)
}

func gizmo(t *testing.T, s *store.Store, q string) []string { return storetest.Gizmo(t, s, q) }

func diffLines(a, b string) string { return storetest.DiffLines(a, b) }

func byID(arts []extract.Article, id string) extract.Article {
	for _, a := range arts {
		if a.ID == id {
			return a
		}
	}
	panic("no article " + id)
}
