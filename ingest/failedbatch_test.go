package ingest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
)

// breakingWriter is a real store whose first call gets one article spoilt (a quad without an
// object): the store writes the batches before it and fails on it.
type breakingWriter struct {
	*store.Store
	at    int
	calls int
}

func (w *breakingWriter) WriteArticles(arts []store.Article) (store.WriteStats, error) {
	w.calls++
	if w.calls == 1 && len(arts) > w.at {
		arts = append([]store.Article(nil), arts...)
		arts[w.at].Quads = append(arts[w.at].Quads[:len(arts[w.at].Quads):len(arts[w.at].Quads)],
			quad.Quad{Subject: quad.IRI("x:spoilt"), Predicate: quad.IRI("x:p")})
	}
	return w.Store.WriteArticles(arts)
}

// After a batch fails half-way, the articles the store wrote before the failure count as new,
// not as unchanged when they are tried again one by one (the summary said "new 0, unchanged
// 40" for articles this load wrote).
func TestFailedBatchCountsWrittenArticles(t *testing.T) {
	s, err := store.Open(store.Bolt, filepath.Join(t.TempDir(), "db"), store.WithBatchSize(50))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := filepath.Join(t.TempDir(), "a.jsonl")
	writeJSONL(t, p, 40, 0)
	w := &breakingWriter{Store: s, at: 30}
	var fails []string
	sum, err := Load(context.Background(), w, []string{p}, Options{BatchQuads: 100000, NoLink: true,
		OnFail: func(where string, err error) { fails = append(fails, where) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 40 || sum.Unchanged != 0 || sum.Written != 40 || len(fails) != 0 {
		t.Errorf("summary %+v, fails %q: want 40 new, none unchanged", sum, fails)
	}
	if n := len(byLabel(t, dump(t, s))); n != 40 {
		t.Errorf("%d articles stored, want 40", n)
	}
}
