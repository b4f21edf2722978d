// Package ingest runs the flow from articles to the graph: read (package input), extract
// (package extract), map to quads (package schema), write (package store, or a server that
// writes them). Extraction runs on all cores while the writer batches the results in input
// order; memory stays bounded whatever the size of the input.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/input"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/longiri"
)

// Options tune a run.
type Options struct {
	Workers    int                           // extraction goroutines; 0 means one per core
	BatchQuads int                           // quads written per store transaction; 0 means 10,000
	Input      input.Reader                  // how paths are read (standard input, HTTP client)
	OnSkip     func(where string, err error) // told of every article that could not be read (bad input)
	OnFail     func(where string, err error) // told of every article read but not extracted or written; nil means OnSkip
	Extractor  *extract.Extractor            // nil means extract.New()
	Progress   *Progress                     // when not nil, kept up to date for progress reports
	// NoLink turns off linking across articles (see extract.Linker): each person an article
	// names by one word stays a node of its own.
	NoLink bool
	// AfterWrite, when not nil, is called by Load after each batch is written, from the
	// goroutine that writes, before the next batch (see ReleaseMapped).
	AfterWrite func()
}

// Progress counts a run as it goes; its fields may be read at any time from any goroutine.
type Progress struct {
	Articles atomic.Int64 // articles read and handled (extracted, or known to be stored already)
	Written  atomic.Int64 // of these, articles whose batch is written (new, replaced or unchanged)
	Skipped  atomic.Int64 // input that could not be read
	Failed   atomic.Int64 // articles that could not be extracted or written
	Bytes    atomic.Int64 // input bytes read (see input.Size for the total)
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchQuads <= 0 {
		o.BatchQuads = store.DefaultBatchSize
	}
	if o.OnSkip == nil {
		o.OnSkip = func(string, error) {}
	}
	if o.OnFail == nil {
		o.OnFail = o.OnSkip
	}
	if o.Extractor == nil {
		o.Extractor = extract.New()
	}
	if o.Progress == nil {
		o.Progress = new(Progress)
	}
	if o.Input.BytesRead == nil {
		o.Input.BytesRead = &o.Progress.Bytes
	}
	return o
}

// Status says what became of an article before it was written.
type Status int

const (
	Extracted Status = iota // extracted and mapped to quads: Graph is set
	Duplicate               // its id was met earlier in the same run: not extracted (Load only)
	Stored                  // the store holds it with the same content hash: not extracted (Load only)
)

// Result is one article after extraction and mapping.
type Result struct {
	Where      string
	Status     Status
	Article    extract.Article
	Extraction extract.Extraction
	Graph      store.Article // the quads to write, labelled with the article's IRI
}

// hooks are what Load adds to Each: done in the reading goroutine, in input order, before
// extraction.
type hooks struct {
	dedupe bool                                          // mark an id met before as Duplicate
	stored func(iri quad.IRI, hash string) (bool, error) // is the article stored as it is?
}

// Each reads articles from paths, extracts them on all cores, and calls fn with each result
// in input order. Articles that cannot be read go to Options.OnSkip, those the extractor
// fails on to Options.OnFail. When ctx is done, Each stops reading, calls fn no more and
// returns ctx.Err().
func Each(ctx context.Context, paths []string, o Options, fn func(Result) error) error {
	return each(ctx, paths, o.withDefaults(), hooks{}, fn)
}

func each(ctx context.Context, paths []string, o Options, h hooks, fn func(Result) error) error {
	type job struct {
		seq  int
		item input.Item
		res  Result
		done bool // no extraction needed
	}
	type done struct {
		seq  int
		res  Result
		skip error // the item could not be read
		fail error // the item could not be extracted
	}
	// At most window articles are between the reader and fn: the memory in flight is bounded
	// even when one long article holds a worker while the others go on.
	window := o.Workers * 8
	slots := make(chan struct{}, window)
	jobs := make(chan job, o.Workers*2)
	results := make(chan done, window)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	seed := maphash.MakeSeed()
	seen := map[uint64]struct{}{}
	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		readErr = o.Input.Read(paths, func(it input.Item) error {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			j := job{seq: seq, item: it}
			seq++
			if it.Err == nil && h.dedupe {
				id := maphash.String(seed, extract.ArticleID(it.Article))
				if _, dup := seen[id]; dup {
					j.done, j.res = true, Result{Where: it.Where, Status: Duplicate, Article: it.Article}
				}
				seen[id] = struct{}{}
			}
			select {
			case jobs <- j:
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
				d := done{seq: j.seq, res: j.res}
				switch {
				case j.item.Err != nil:
					d.skip, d.res.Where = j.item.Err, j.item.Where
				case j.done:
				default:
					d.res, d.fail = work(o.Extractor, h, j.item)
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
			<-slots
			if fnErr != nil || ctx.Err() != nil {
				continue
			}
			switch {
			case p.skip != nil:
				o.Progress.Skipped.Add(1)
				o.OnSkip(p.res.Where, p.skip)
			case p.fail != nil:
				o.Progress.Failed.Add(1)
				o.OnFail(p.res.Where, p.fail)
			default:
				o.Progress.Articles.Add(1)
				if err := fn(p.res); err != nil {
					fnErr = err
					cancel()
				}
			}
		}
	}
	if fnErr != nil {
		return fnErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return readErr
}

// work extracts one article, unless the store already holds it as it is.
func work(x *extract.Extractor, h hooks, it input.Item) (res Result, err error) {
	res = Result{Where: it.Where, Article: it.Article}
	if h.stored != nil {
		iri := longiri.Bound(schema.ArticleIRI(extract.ArticleID(it.Article))) // as the store keeps it
		ok, err := h.stored(iri, extract.ContentHash(it.Article.Text))
		if err != nil {
			return res, fmt.Errorf("read the store: %w", err)
		}
		if ok {
			res.Status = Stored
			return res, nil
		}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the extractor failed on this article (please report it): %v", r)
		}
	}()
	b := Build(x, it.Article)
	b.Where = it.Where
	return b, nil
}

// Build extracts one article and maps it to quads.
func Build(x *extract.Extractor, a extract.Article) Result {
	ex := x.Extract(a)
	iri := schema.ArticleIRI(ex.ID)
	return Result{Article: a, Extraction: ex,
		Graph: store.Article{IRI: iri, Hash: extract.ContentHash(a.Text), Quads: schema.Quads(a, ex)}}
}

// Writer is where Load writes: a *store.Store, or a server.ArticlesClient that hands the
// articles to a running server.
type Writer interface {
	WriteArticles([]store.Article) (store.WriteStats, error)
}

// Summary is what a load did.
type Summary struct {
	Articles   int // read: new + replaced + unchanged + duplicates + failed
	Added      int
	Replaced   int
	Unchanged  int // stored already with the same content
	Duplicates int // the same id as an article read earlier in this load: the first one is kept
	Skipped    int // could not be read
	Failed     int // read, but could not be extracted or written
	Entities   int // distinct entities in the articles extracted
	Relations  int
	Links      int   // people named by one word linked to the person they are (merges by store.LoadMergeBy)
	Quads      int64 // quads this load added: the store's growth, on PostgreSQL its own writes' (others write too); the quads written when the store cannot be asked
	Seconds    float64

	Written     int    // articles whose batch is written (new, replaced, unchanged, duplicates)
	LastWritten string // where the last written article was read: all before it are written too
	Interrupted bool   // the context ended the load early
}

// Load reads, extracts and writes articles, batching writes: each batch of about
// Options.BatchQuads quads is one WriteArticles call, and so one store transaction, in which
// each article is all there or not at all. Loading the same paths again writes nothing twice
// and completes a load that was stopped.
//
// In one load the first article of an id is kept and later ones with the same id (the same
// story read from a feed and from its page, say) are counted as duplicates, so the result
// does not depend on batching and a repeated load finds everything unchanged. A later load
// that brings the id with another text replaces the article.
//
// When ctx ends, the articles extracted so far are written, Summary.Interrupted is set and
// ctx.Err() returned.
func Load(ctx context.Context, w Writer, paths []string, o Options) (Summary, error) {
	o = o.withDefaults()
	start := time.Now()
	var sum Summary
	var h hooks
	h.dedupe = true
	st, canCount := w.(interface {
		Stats(context.Context) (int64, error)
	})
	var before int64
	if canCount {
		var err error
		if before, err = st.Stats(ctx); err != nil {
			return sum, err
		}
	}
	// A store that other workers write at the same time (PostgreSQL) grows by their quads
	// too: the summary counts the quads this load's own writes added.
	own, _ := w.(interface{ OwnQuadsAdded() (int64, bool) })
	var ownBefore int64
	if own != nil {
		var shared bool
		if ownBefore, shared = own.OwnQuadsAdded(); !shared {
			own = nil
		}
	}
	if k, ok := w.(interface {
		HasArticle(quad.IRI, string) (bool, error)
	}); ok {
		h.stored = k.HasArticle
	}
	// The callbacks are called from the reading side and from the writing goroutine: one at
	// a time.
	var cbMu sync.Mutex
	onSkip, onFail := o.OnSkip, o.OnFail
	skip := func(where string, err error) { cbMu.Lock(); defer cbMu.Unlock(); onSkip(where, err) }
	fail := func(where string, err error) { cbMu.Lock(); defer cbMu.Unlock(); onFail(where, err) }
	o.OnSkip = func(where string, err error) { sum.Skipped++; skip(where, err) }
	o.OnFail = func(where string, err error) { sum.Failed++; sum.Articles++; fail(where, err) }

	// Batches are written by their own goroutine, so that extraction goes on while a batch
	// is written; at most one batch waits, so memory stays bounded.
	bw := &batchWriter{w: w, progress: o.Progress, fail: fail, after: o.AfterWrite}
	batches := make(chan batch, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for b := range batches {
			bw.write(b)
		}
	}()

	linker := newLinker(w, o.NoLink)
	seed := maphash.MakeSeed()
	entities := map[uint64]struct{}{}
	var cur batch
	size := 0 // quads in cur
	send := func() error {
		if err := bw.failed(); err != nil {
			return err
		}
		batches <- cur
		cur, size = batch{}, 0
		return nil
	}
	err := each(ctx, paths, o, h, func(r Result) error {
		sum.Articles++
		switch r.Status {
		case Duplicate:
			sum.Duplicates++
			cur.passed++
			return nil
		case Stored:
			sum.Unchanged++
			cur.passed++
			return nil
		}
		for _, e := range r.Extraction.Entities {
			entities[maphash.String(seed, e.ID)] = struct{}{}
		}
		sum.Relations += len(r.Extraction.Relations)
		if linker != nil {
			// In input order: which article a person is first named in fully decides nothing,
			// but the links of a load are the same on every run.
			links, err := linker.Link(&r.Extraction)
			if err != nil {
				return fmt.Errorf("link %s: %w", r.Where, err)
			}
			for _, l := range links {
				r.Graph.Links = append(r.Graph.Links, store.Link{From: schema.EntityIRI(l.From), To: schema.EntityIRI(l.To), Reason: l.Reason})
			}
		}
		cur.arts = append(cur.arts, r.Graph)
		cur.where = append(cur.where, r.Where)
		size += len(r.Graph.Quads)
		if size >= o.BatchQuads {
			return send()
		}
		return nil
	})
	interrupted := err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err())
	if err == nil || interrupted {
		// On interruption too: what was extracted is written, so the next run has less to do.
		if serr := send(); serr != nil {
			err = serr
		}
	}
	close(batches)
	wg.Wait()
	if werr := bw.failed(); werr != nil && (err == nil || interrupted) {
		err = werr
	}
	sum.Added, sum.Replaced, sum.Links = bw.stats.Added, bw.stats.Replaced, bw.stats.Links
	sum.Unchanged += bw.stats.Unchanged
	sum.Failed += bw.failures
	sum.Written, sum.LastWritten = bw.written, bw.last
	sum.Interrupted = interrupted
	sum.Entities = len(entities)
	sum.Quads = int64(bw.stats.Quads)
	if own != nil {
		after, _ := own.OwnQuadsAdded()
		sum.Quads = after - ownBefore
	} else if canCount {
		if after, serr := st.Stats(context.Background()); serr == nil {
			sum.Quads = after - before
		}
	}
	sum.Seconds = time.Since(start).Seconds()
	return sum, err
}

// newLinker returns the linker of a load into w, which recalls the people w knows when w can
// tell (a Store), or nil when linking is off.
func newLinker(w Writer, off bool) *extract.Linker {
	if off {
		return nil
	}
	l := extract.NewLinker()
	pw, ok := w.(interface {
		PeopleNamed(context.Context, string) ([]store.Person, error)
	})
	if !ok {
		return l
	}
	l.Recall = func(word string) ([]extract.Known, error) {
		ps, err := pw.PeopleNamed(context.Background(), word)
		if err != nil {
			return nil, err
		}
		var out []extract.Known
		for _, p := range ps {
			id, ok := schema.EntityID(p.IRI)
			if !ok {
				continue
			}
			k := extract.Known{ID: id, Name: p.Name}
			for _, r := range p.Roles {
				of, _ := schema.EntityID(r.Of)
				k.Roles = append(k.Roles, extract.KnownRole{Title: r.Title, Of: of})
			}
			out = append(out, k)
		}
		return out, nil
	}
	return l
}

// batch is a run of articles to write in one WriteArticles call.
type batch struct {
	arts   []store.Article
	where  []string // where each article was read
	passed int      // articles before the end of the batch that need no writing (duplicates, stored)
}

// batchWriter writes batches and keeps the counts; its fields are read once its goroutine
// has ended, except err, read through failed.
type batchWriter struct {
	w        Writer
	progress *Progress
	fail     func(where string, err error)
	after    func() // called after each write

	stats    store.WriteStats
	failures int    // articles the writer refused
	written  int    // articles written or passed over
	last     string // where the last article of the last written batch was read

	mu  sync.Mutex
	err error // the writer failed: nothing more is written
}

func (bw *batchWriter) failed() error {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	return bw.err
}

func (bw *batchWriter) write(b batch) {
	if bw.failed() != nil {
		return
	}
	if len(b.arts) > 0 {
		ws, err := bw.w.WriteArticles(b.arts)
		written := len(b.arts) // the articles from the first, written or refused one by one
		if err != nil {
			ws, written, err = bw.retry(b, ws, err)
		}
		bw.stats.Added += ws.Added
		bw.stats.Replaced += ws.Replaced
		bw.stats.Unchanged += ws.Unchanged
		bw.stats.Quads += ws.Quads
		bw.stats.Links += ws.Links
		n := ws.Added + ws.Replaced + ws.Unchanged
		bw.written += n
		bw.progress.Written.Add(int64(n))
		if written > 0 {
			bw.last = b.where[written-1]
		}
		if err != nil {
			bw.mu.Lock()
			bw.err = err
			bw.mu.Unlock()
			return
		}
		if bw.after != nil {
			bw.after()
		}
	}
	bw.written += b.passed
	bw.progress.Written.Add(int64(b.passed))
}

// retry handles a batch the writer failed on. The articles a store says it wrote before the
// failure (store.WriteError.Done) count as written, as ws says; the others are written one by
// one, to find the ones the writer refuses. When it refuses them all, the writer itself fails
// (a full disk, a server gone): err is returned and the load stops. written: how many
// articles from the batch's first are written or refused, none after them written.
func (bw *batchWriter) retry(b batch, ws store.WriteStats, err error) (store.WriteStats, int, error) {
	done := 0
	var we *store.WriteError
	if errors.As(err, &we) {
		done = min(we.Done, len(b.arts))
	} else {
		ws = store.WriteStats{} // nothing known to be written
	}
	errs := make([]error, len(b.arts))
	ok := 0
	for i := done; i < len(b.arts); i++ {
		var one store.WriteStats
		if one, errs[i] = bw.w.WriteArticles(b.arts[i : i+1]); errs[i] == nil {
			ws.Added += one.Added
			ws.Replaced += one.Replaced
			ws.Unchanged += one.Unchanged
			ws.Quads += one.Quads
			ws.Links += one.Links
			ok++
		}
	}
	if ok == 0 {
		return ws, done, err // all written but what followed failed, or none written
	}
	for i, err := range errs {
		if err != nil {
			bw.failures++
			bw.progress.Failed.Add(1)
			bw.fail(b.where[i], fmt.Errorf("cannot write it: %w", err))
		}
	}
	return ws, len(b.arts), nil
}

// NQuads returns the quads a load would write for one result, content hash included.
func NQuads(r Result) []quad.Quad {
	q := append([]quad.Quad(nil), r.Graph.Quads...)
	return append(q, quad.Quad{Subject: r.Graph.IRI, Predicate: store.ContentHash, Object: quad.String(r.Graph.Hash), Label: r.Graph.IRI})
}
