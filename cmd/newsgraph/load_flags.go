package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/input"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

// loadFlags are the flags of the load command.
func loadFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "workers", Usage: "extraction goroutines (`N`; default one per core)"},
		&cli.IntFlag{Name: "batch", Value: store.DefaultBatchSize, Usage: "`QUADS` written per transaction (an article is never split between two; from a pipe, one article per transaction unless given)"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar or progress lines (skipped inputs and the summary are still printed)"},
		&cli.BoolFlag{Name: "strict", Usage: "exit with an error status when any input is skipped or any article fails"},
		&cli.BoolFlag{Name: "no-link", Usage: "do not link people named by one word (\"Bayramov\") to the person they are in other articles; linking records each link as a merge by \"" + store.LoadMergeBy + "\" that newsgraph unmerge undoes"},
		&cli.BoolFlag{Name: "no-text", Usage: "do not keep the articles' text (schema:articleBody, about 2.5 KB per news article; the explorer's article pages then show only the evidence sentences). An article already stored is not rewritten unless its text changed"},
		&cli.BoolFlag{Name: "no-compact", Usage: "do not rewrite the database into full pages at the end (a load that made the database, or grew it by a quarter since its last rewrite, does: about half its size, a few seconds per 100 MB)"},
		&cli.StringFlag{Name: "server", Usage: "hand the articles to a running \"newsgraph serve --writable --token T\" at `URL` instead of opening the database"},
		&cli.StringFlag{Name: "token", EnvVars: []string{"NEWSGRAPH_TOKEN"}, Usage: "the server's write `TOKEN` (with --server)"},
		&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "write a CPU profile of the load to `FILE` (go tool pprof)"},
	}
}

// withoutText drops the articles' text quads (load --no-text).
func withoutText(arts []store.Article) []store.Article {
	out := make([]store.Article, len(arts))
	for i, a := range arts {
		a.Quads = schema.WithoutText(a.Quads)
		out[i] = a
	}
	return out
}

// noTextStore and noTextClient write articles without their text; the store's other methods
// (what it holds, the people it knows: see ingest.Load) are its own.
type noTextStore struct{ *store.Store }

func (n noTextStore) WriteArticles(arts []store.Article) (store.WriteStats, error) {
	return n.Store.WriteArticles(withoutText(arts))
}

type noTextClient struct{ *server.ArticlesClient }

func (n noTextClient) WriteArticles(arts []store.Article) (store.WriteStats, error) {
	return n.ArticlesClient.WriteArticles(withoutText(arts))
}

// batchQuads is the quads per transaction. Articles read from a pipe ("tail -f feed.jsonl |
// newsgraph load -") are written one transaction each unless --batch says otherwise: a batch
// would wait for 10,000 quads, or the end of a stream that may never end, before anything is
// in the graph.
func batchQuads(c *cli.Context, paths []string) int {
	if c.IsSet("batch") || !slices.Contains(paths, "-") {
		return c.Int("batch")
	}
	if st, err := os.Stdin.Stat(); err == nil && st.Mode().IsRegular() {
		return c.Int("batch") // a file redirected in: it ends
	}
	return 1
}

func loadCmd(c *cli.Context) (retErr error) {
	ps, err := paths(c)
	if err != nil {
		return err
	}
	if f := c.String("cpuprofile"); f != "" {
		pf, err := os.Create(f)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer func() { pprof.StopCPUProfile(); pf.Close() }()
	}
	if os.Getenv("GOGC") == "" {
		// The store keeps bloom filters of some 350 MB live for the whole run. With Go's
		// default GOGC=100 as much garbage again would pile up between collections; at 20 the
		// peak stays near what is live, for little work: the filters hold no pointers, so a
		// collection does not scan them.
		debug.SetGCPercent(20)
	}
	var w ingest.Writer
	var afterWrite func()
	if srv := c.String("server"); srv != "" {
		if c.String("token") == "" {
			return errors.New("--server needs the server's write token: --token T (or $NEWSGRAPH_TOKEN)")
		}
		w = &server.ArticlesClient{URL: srv, Token: c.String("token")}
	} else {
		// A new bolt database is written without an fsync per batch and synced once at the
		// end (store.BulkLoad): a killed load still leaves every article whole or absent.
		opts := []store.Option{store.BulkLoad()}
		if !c.Bool("no-compact") {
			opts = append(opts, store.Compact())
		}
		s, err := store.Open(c.String("backend"), c.String("db"), opts...)
		if errors.Is(err, store.ErrInUse) {
			return fmt.Errorf("%w\n"+
				"  Either stop that process (newsgraph serve) and run this load again,\n"+
				"  or let the server write the articles: start it as\n"+
				"    newsgraph --db %s serve --writable --token SECRET\n"+
				"  and load through it with\n"+
				"    newsgraph load --server http://127.0.0.1:64210 --token SECRET PATH...\n"+
				"  (use the address that serve printed)", err, store.RedactDB(c.String("db")))
		}
		if err != nil {
			return err
		}
		defer func() {
			// Close syncs a bulk load's writes to the disk: its failure is the load's.
			if cerr := s.Close(); cerr != nil && retErr == nil {
				retErr = fmt.Errorf("close the database: %w", cerr)
			}
		}()
		w = s
		if c.String("backend") == store.Bolt {
			// Keep the pages of the database file that bolt has mapped (clean page cache, but
			// counted in the resident size) under 128 MB, so that the memory of a load does
			// not grow with the size of the database.
			db := c.String("db")
			afterWrite = func() { ingest.ReleaseMapped(db, 128<<20) }
		}
	}

	if c.Bool("no-text") {
		switch x := w.(type) {
		case *store.Store:
			w = noTextStore{x}
		case *server.ArticlesClient:
			w = noTextClient{x}
		}
	}

	ctx, cancel := context.WithCancel(c.Context)
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	prog := new(ingest.Progress)
	out := newProgress(prog, input.Size(ps), c.Bool("quiet"))
	go func() {
		if _, ok := <-sigs; !ok {
			return
		}
		out.println("interrupted: stopping after the current batch (interrupt again to stop at once; the database stays whole either way)")
		cancel()
		if _, ok := <-sigs; ok {
			os.Exit(130)
		}
	}()
	sum, err := ingest.Load(ctx, w, ps, ingest.Options{
		Workers:    c.Int("workers"),
		BatchQuads: batchQuads(c, ps),
		AfterWrite: afterWrite,
		NoLink:     c.Bool("no-link"),
		Progress:   prog,
		OnSkip:     func(where string, err error) { out.println("skipped %s: %v", where, err) },
		OnFail:     func(where string, err error) { out.println("failed %s: %v", where, err) },
	})
	out.finish()
	rate := 0.0
	if sum.Seconds > 0 {
		rate = float64(sum.Articles) / sum.Seconds
	}
	fmt.Printf("articles %d (new %d, replaced %d, unchanged %d, duplicates %d), skipped %d, failed %d, entities %d, relations %d, links %d, quads added %d, %.2f s, %.1f articles/s\n",
		sum.Articles, sum.Added, sum.Replaced, sum.Unchanged, sum.Duplicates, sum.Skipped, sum.Failed,
		sum.Entities, sum.Relations, sum.Links, sum.Quads, sum.Seconds, rate)
	if sum.Interrupted {
		where := "nothing was written"
		if sum.LastWritten != "" {
			where = "the last one written was read from " + sum.LastWritten
		}
		fmt.Fprintf(os.Stderr, "interrupted: %d articles written (%s). Run the same load again to complete it: what is stored already is passed over.\n",
			sum.Written, where)
		return errors.New("load interrupted")
	}
	if err != nil {
		if sum.Written > 0 {
			err = fmt.Errorf("%w (%d articles were written, the last read from %s; run the same load again to complete it)", err, sum.Written, sum.LastWritten)
		}
		return err
	}
	if sum.Added+sum.Replaced+sum.Unchanged+sum.Duplicates == 0 {
		return errors.New("nothing could be loaded")
	}
	if c.Bool("strict") && sum.Skipped+sum.Failed > 0 {
		return fmt.Errorf("--strict: %d inputs skipped, %d articles failed", sum.Skipped, sum.Failed)
	}
	return nil
}

// progress shows how a load goes on standard error: a bar on a terminal, a plain line every
// five seconds otherwise, nothing with --quiet. println prints a message line between bars.
type progress struct {
	p     *ingest.Progress
	total int64 // input bytes, -1 when unknown
	start time.Time
	w     io.Writer
	quiet bool
	bar   *progressbar.ProgressBar // on a terminal

	mu   sync.Mutex
	stop chan struct{}
	done chan struct{}
}

func newProgress(p *ingest.Progress, total int64, quiet bool) *progress {
	pr := &progress{p: p, total: total, start: time.Now(), w: os.Stderr, quiet: quiet,
		stop: make(chan struct{}), done: make(chan struct{})}
	if quiet {
		close(pr.done)
		return pr
	}
	every := 5 * time.Second
	if term.IsTerminal(int(os.Stderr.Fd())) {
		max := total
		if max <= 0 {
			max = -1 // a spinner: no ETA without a total
		}
		pr.bar = progressbar.NewOptions64(max,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(24),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetDescription("loading"),
		)
		every = 200 * time.Millisecond
	}
	go pr.run(every)
	return pr
}

func (pr *progress) run(every time.Duration) {
	defer close(pr.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-pr.stop:
			return
		case <-t.C:
			pr.mu.Lock()
			pr.report()
			pr.mu.Unlock()
		}
	}
}

// report shows the progress once; the caller holds mu.
func (pr *progress) report() {
	n := pr.p.Articles.Load()
	secs := time.Since(pr.start).Seconds()
	rate := float64(n) / secs
	desc := fmt.Sprintf("%d articles, %.1f/s", n, rate)
	if k := pr.p.Skipped.Load() + pr.p.Failed.Load(); k > 0 {
		desc += fmt.Sprintf(", %d skipped or failed", k)
	}
	if pr.bar != nil {
		pr.bar.Describe(desc)
		pr.bar.Set64(pr.p.Bytes.Load())
		return
	}
	line := "progress: " + desc
	if read := pr.p.Bytes.Load(); pr.total > 0 && read > 0 {
		frac := min(float64(read)/float64(pr.total), 1)
		eta := time.Duration(secs/frac*(1-frac)) * time.Second
		line += fmt.Sprintf(", %.0f%% of %.1f MB read, about %s left", 100*frac, float64(pr.total)/1e6, eta.Round(time.Second))
	}
	fmt.Fprintln(pr.w, line)
}

// println prints a line on standard error, under the progress bar's feet.
func (pr *progress) println(format string, args ...any) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.bar != nil {
		pr.bar.Clear()
	}
	fmt.Fprintf(pr.w, format+"\n", args...)
}

// finish stops the reports and clears the bar.
func (pr *progress) finish() {
	if !pr.quiet {
		close(pr.stop)
	}
	<-pr.done
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.bar != nil {
		pr.bar.Finish()
		pr.bar.Clear()
		pr.bar = nil
	}
}
