package store

import (
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/prometheus/client_golang/prometheus"
)

// applyDeltasCalls reads Cayley's kv metric of ApplyDeltas batches: how
// many calls so far and how many deltas they carried.
func applyDeltasCalls(t *testing.T) (calls uint64, deltas float64) {
	t.Helper()
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == "cayley_apply_deltas_batch" {
			h := mf.GetMetric()[0].GetHistogram()
			return h.GetSampleCount(), h.GetSampleSum()
		}
	}
	t.Fatal("metric cayley_apply_deltas_batch not found")
	return 0, 0
}

// bigArticle has n quads, its contentHash quad included.
func bigArticle(i, n int) Article {
	iri := quad.IRI(fmt.Sprintf("news:big%d", i))
	a := Article{IRI: iri, Hash: "h"}
	for j := range n - 1 {
		a.Quads = append(a.Quads, q(quad.IRI(fmt.Sprintf("thing:%d", j)), name, fmt.Sprintf("thing %d of %d", j, i)))
	}
	return a
}

func TestWriteArticlesBatches(t *testing.T) {
	for _, tc := range []struct {
		name            string
		opts            []Option
		articles, quads int
		wantCalls       uint64
	}{
		// 10 articles of 1,000 quads reach the default batch of 10,000.
		{"default", nil, 11, 1000, 2},
		// An article bigger than the batch is not split.
		{"article bigger than batch", []Option{WithBatchSize(100)}, 3, 250, 3},
		{"batch of 2,000", []Option{WithBatchSize(2000)}, 9, 500, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestStore(t, Bolt, tc.opts...)
			var arts []Article
			for i := range tc.articles {
				arts = append(arts, bigArticle(i, tc.quads))
			}
			calls0, deltas0 := applyDeltasCalls(t)
			st := write(t, s, arts...)
			calls, deltas := applyDeltasCalls(t)
			total := tc.articles * tc.quads
			if want := (WriteStats{Added: tc.articles, Quads: total}); st != want {
				t.Errorf("stats = %+v, want %+v", st, want)
			}
			if got := calls - calls0; got != tc.wantCalls {
				t.Errorf("ApplyDeltas calls = %d, want %d", got, tc.wantCalls)
			}
			if got := int(deltas - deltas0); got != total {
				t.Errorf("deltas applied = %d, want %d", got, total)
			}
			if n := quadCount(t, s); n != int64(total) {
				t.Errorf("quad count = %d, want %d", n, total)
			}

			// Writing them again reads the hashes and writes nothing.
			calls0, _ = applyDeltasCalls(t)
			if st := write(t, s, arts...); st != (WriteStats{Unchanged: tc.articles}) {
				t.Errorf("rewrite: stats = %+v", st)
			}
			if calls, _ := applyDeltasCalls(t); calls != calls0 {
				t.Errorf("rewrite made %d ApplyDeltas calls, want none", calls-calls0)
			}
		})
	}
}
