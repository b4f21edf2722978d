package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/cayleygraph/quad/nquads"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/eval"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/schema"
)

const defaultTimeout = 30 * time.Second

func openStore(c *cli.Context) (*graph.Store, error) {
	return graph.Open(c.String("backend"), c.String("db"))
}

// openReadStore opens the database for commands that read (graph.ReadMostly: no bloom filter
// to build, which takes seconds on a large database: 24 s at 100,000 articles).
func openReadStore(c *cli.Context) (*graph.Store, error) {
	return graph.Open(c.String("backend"), c.String("db"), graph.ReadMostly())
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// show opens the database for reading, asks it for one result and prints it: indented JSON
// with --json, else as text.
func show[T any](c *cli.Context, get func(*graph.Store) (T, error), text func(io.Writer, T) error) error {
	s, err := openReadStore(c)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := get(s)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(os.Stdout)
	if c.Bool("json") {
		err = printJSON(out, v)
	} else {
		err = text(out, v)
	}
	if err != nil {
		return err
	}
	return out.Flush()
}

func paths(c *cli.Context) ([]string, error) {
	if c.NArg() == 0 {
		return nil, errors.New("give at least one file or folder (or - for standard input)")
	}
	return c.Args().Slice(), nil
}

func skipReporter(where string, err error) {
	fmt.Fprintf(os.Stderr, "skipped %s: %v\n", where, err)
}

func extractCmd(c *cli.Context) error {
	ps, err := paths(c)
	if err != nil {
		return err
	}
	format := c.String("format")
	if format != "json" && format != "nquads" {
		return fmt.Errorf("unknown --format %q: use json or nquads", format)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	qw := nquads.NewWriter(out)
	return ingest.Each(c.Context, ps, ingest.Options{OnSkip: skipReporter}, func(r ingest.Result) error {
		if format == "json" {
			return enc.Encode(r.Extraction)
		}
		_, err := qw.WriteQuads(ingest.NQuads(r))
		return err
	})
}

func queryCmd(c *cli.Context) error {
	q := c.Args().First()
	if f := c.String("file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		q = string(b)
	}
	if q == "" {
		return errors.New("give a Gizmo query, or -f FILE")
	}
	s, err := openReadStore(c)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(c.Context, c.Duration("timeout"))
	defer cancel()
	res, err := s.Query(ctx, q, c.Int("limit"))
	if err != nil {
		return err
	}
	return printJSON(os.Stdout, res)
}

func serveCmd(c *cli.Context) error {
	open := openReadStore
	if c.Bool("writable") {
		// It takes articles: the bloom filter pays for itself, and the hubs' digests are
		// brought up to date as it goes, not only when it stops.
		open = func(c *cli.Context) (*graph.Store, error) {
			return graph.Open(c.String("backend"), c.String("db"), graph.RefreshHubsEvery(10*time.Minute))
		}
	}
	s, err := open(c)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	o := graph.ServerOptions{Addr: c.String("addr"), Writable: c.Bool("writable"),
		QueryTimeout: c.Duration("timeout"), QueryLimit: c.Int("limit"), Token: c.String("token"),
		AllowedHosts: c.StringSlice("allowed-host"), QueryMemory: c.Uint64("query-memory") << 20,
		QueryConcurrency: c.Int("max-queries")}
	if o.UIAssets, err = graph.FindUIAssets(c.String("assets")); err != nil {
		return err
	}
	if o.UIAssets == "" {
		fmt.Fprintln(os.Stderr, "newsgraph serve: note:", graph.UIAssetsHelp)
	}
	made := false
	if o.Writable && o.Token == "" {
		var b [16]byte
		if _, err := rand.Read(b[:]); err != nil {
			return err
		}
		o.Token, made = hex.EncodeToString(b[:]), true
	}
	return graph.Serve(ctx, s, o, func(addr string) {
		mode := "read-only"
		if o.Writable {
			mode = "writable"
		}
		fmt.Printf("serving %s (%s) on http://%s/ (entity explorer: http://%s/explore/) — Ctrl-C to stop\n", c.String("db"), mode, addr, addr)
		if made {
			fmt.Printf("write token: %s (load --server http://%s --token %s PATH...)\n", o.Token, addr, o.Token)
		}
	})
}

func schemaCmd(c *cli.Context) error {
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	for _, part := range []struct {
		title string
		terms []schema.Term
	}{{"TYPES", schema.Types}, {"PREDICATES", schema.Predicates}, {"ATTRIBUTES", schema.Attributes}} {
		fmt.Fprintf(w, "%s\n", part.title)
		for _, t := range part.terms {
			fmt.Fprintf(w, "  %s\t<%s>\t%s\n", t.Name, t.IRI, t.Meaning)
		}
	}
	return w.Flush()
}

func exportCmd(c *cli.Context) error {
	s, err := openReadStore(c)
	if err != nil {
		return err
	}
	defer s.Close()
	out := bufio.NewWriter(os.Stdout)
	if err := s.Dump(out); err != nil {
		return err
	}
	return out.Flush()
}

func evalCmd(c *cli.Context) error {
	dir := c.String("gum")
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("the GUM news data is not available at %s (%v): nothing to evaluate", dir, err)
	}
	docs, err := eval.ReadGUM(dir)
	if err != nil {
		return err
	}
	r := eval.Score(docs, eval.ExtractorMentions(extract.New()))
	fmt.Printf("GUM news: %d articles, proper-name mentions of people, organisations and places\n\n", r.Docs)
	r.Print(os.Stdout)
	if c.Bool("errors") {
		fmt.Println()
		for _, l := range r.TopErrors(30) {
			fmt.Println(l)
		}
	}
	return nil
}
