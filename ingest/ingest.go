// Package ingest runs the flow from articles to the graph: read (package input), extract
// (package extract), map to quads (package schema), write (package graph). Extraction runs on
// all cores while the writer batches the results in input order.
package ingest

import (
	"context"
	"runtime"
	"sync"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/input"
	"github.com/newsgraph/newsgraph/schema"
)

// Options tune a run.
type Options struct {
	Workers    int                           // extraction goroutines; 0 means one per core
	BatchQuads int                           // quads written per store transaction; 0 means 10,000
	Stdin      input.Reader                  // where "-" reads from
	OnSkip     func(where string, err error) // told of every article that could not be read
	Extractor  *extract.Extractor            // nil means extract.New()
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchQuads <= 0 {
		o.BatchQuads = 10000
	}
	if o.OnSkip == nil {
		o.OnSkip = func(string, error) {}
	}
	if o.Extractor == nil {
		o.Extractor = extract.New()
	}
	return o
}

// Result is one article after extraction and mapping.
type Result struct {
	Where      string
	Article    extract.Article
	Extraction extract.Extraction
	Graph      graph.Article // the quads to write, labelled with the article's IRI
}

// Each reads articles from paths, extracts them on all cores, and calls fn with each result
// in input order. Articles that cannot be read go to Options.OnSkip.
func Each(ctx context.Context, paths []string, o Options, fn func(Result) error) error {
	o = o.withDefaults()
	type job struct {
		seq  int
		item input.Item
	}
	type done struct {
		seq int
		res Result
		err error // the item's read error
	}
	jobs := make(chan job, o.Workers*4)
	results := make(chan done, o.Workers*4)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		readErr = o.Stdin.Read(paths, func(it input.Item) error {
			select {
			case jobs <- job{seq, it}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for w := 0; w < o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d := done{seq: j.seq, err: j.item.Err, res: Result{Where: j.item.Where, Article: j.item.Article}}
				if d.err == nil {
					d.res = Build(o.Extractor, j.item.Article)
					d.res.Where = j.item.Where
				}
				select {
				case results <- d:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Reorder: results arrive out of order from the workers.
	pending := map[int]done{}
	next := 0
	var fnErr error
	for d := range results {
		pending[d.seq] = d
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if fnErr != nil {
				continue
			}
			if p.err != nil {
				o.OnSkip(p.res.Where, p.err)
				continue
			}
			if err := fn(p.res); err != nil {
				fnErr = err
				cancel()
			}
		}
	}
	if fnErr != nil {
		return fnErr
	}
	if readErr != nil && ctx.Err() == nil {
		return readErr
	}
	return ctx.Err()
}

// Build extracts one article and maps it to quads.
func Build(x *extract.Extractor, a extract.Article) Result {
	ex := x.Extract(a)
	iri := schema.ArticleIRI(ex.ID)
	return Result{Article: a, Extraction: ex,
		Graph: graph.Article{IRI: iri, Hash: extract.ContentHash(a.Text), Quads: schema.Quads(a, ex)}}
}

// Summary is what a load did.
type Summary struct {
	Articles  int // read and extracted
	Added     int
	Replaced  int
	Unchanged int
	Skipped   int // could not be read
	Entities  int // distinct entities in the articles read
	Relations int
	Quads     int64 // quads the store gained
	Seconds   float64
}

// Load reads, extracts and writes articles into the store, batching writes.
func Load(ctx context.Context, s *graph.Store, paths []string, o Options) (Summary, error) {
	o = o.withDefaults()
	start := time.Now()
	var sum Summary
	before, err := s.Stats(ctx)
	if err != nil {
		return sum, err
	}
	entities := map[string]bool{}
	skip := o.OnSkip
	o.OnSkip = func(where string, err error) { sum.Skipped++; skip(where, err) }
	var batch []graph.Article
	size := 0
	flush := func() error {
		st, err := s.WriteArticles(batch)
		sum.Added += st.Added
		sum.Replaced += st.Replaced
		sum.Unchanged += st.Unchanged
		batch, size = batch[:0], 0
		return err
	}
	err = Each(ctx, paths, o, func(r Result) error {
		sum.Articles++
		for _, e := range r.Extraction.Entities {
			entities[e.ID] = true
		}
		sum.Relations += len(r.Extraction.Relations)
		batch = append(batch, r.Graph)
		size += len(r.Graph.Quads)
		if size >= o.BatchQuads {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	sum.Entities = len(entities)
	after, serr := s.Stats(context.Background())
	if serr == nil {
		sum.Quads = after - before
	}
	sum.Seconds = time.Since(start).Seconds()
	return sum, err
}

// NQuads returns the quads a load would write for one result, content hash included.
func NQuads(r Result) []quad.Quad {
	q := append([]quad.Quad(nil), r.Graph.Quads...)
	return append(q, quad.Quad{Subject: r.Graph.IRI, Predicate: graph.ContentHash, Object: quad.String(r.Graph.Hash), Label: r.Graph.IRI})
}
