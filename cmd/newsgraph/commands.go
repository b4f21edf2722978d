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
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/cayleygraph/quad/nquads"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/eval"
	"github.com/newsgraph/newsgraph/eval/mentions"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/lockfile"
	"github.com/newsgraph/newsgraph/store/rdf"
)

const defaultTimeout = 30 * time.Second

func openStore(c *cli.Context) (*store.Store, error) {
	return store.Open(c.String("backend"), c.String("db"))
}

// openReadStore opens the database for commands that read (store.ReadMostly: no bloom filter
// to build, which takes seconds on a large database: 24 s at 100,000 articles).
func openReadStore(c *cli.Context) (*store.Store, error) {
	return store.Open(c.String("backend"), c.String("db"), store.ReadMostly())
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// show opens the database for reading, asks it for one result and prints it: indented JSON
// with --json, else as text. While a server holds the database, ask gets the same result
// from the server's API instead.
func show[T any](c *cli.Context, get func(*store.Store) (T, error), ask func(*remote) (T, error), text func(io.Writer, T) error) error {
	s, r, err := openReader(c)
	if err != nil {
		return err
	}
	var v T
	if r != nil {
		v, err = ask(r)
	} else {
		defer s.Close()
		v, err = get(s)
	}
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

// openExisting opens a database that must exist already for reading.
func openExisting(c *cli.Context) (*store.Store, error) {
	if isBolt(c) && !store.Exists(c.String("db")) {
		return nil, errNoDatabase(c.String("db"))
	}
	return openReadStore(c)
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
	if c.Bool("explain") {
		return explainQuery(c, q)
	}
	q = finalValue(q)
	s, r, err := openReader(c)
	if err != nil {
		return err
	}
	var res []any
	if r != nil {
		res, err = r.query(q, c.Int("limit"))
	} else {
		defer s.Close()
		ctx, cancel := context.WithTimeout(c.Context, c.Duration("timeout"))
		defer cancel()
		res, err = s.Query(ctx, q, c.Int("limit"))
	}
	if err != nil {
		return err
	}
	return printJSON(os.Stdout, res)
}

// evalRelations scores the extractor's relations against one split of the news test set.
func evalRelations(c *cli.Context) error {
	docs, skipped, err := eval.LoadNewsDocs(c.String("gum"))
	if err != nil {
		return err
	}
	split := c.String("split")
	docs = eval.OfSplit(docs, split)
	if len(docs) == 0 {
		return fmt.Errorf("no articles in split %q (dev, test or all)", split)
	}
	r := eval.Relations(docs, extract.New())
	r.Skipped = skipped
	fmt.Printf("News test set, split %s (eval/testdata/news; docs/annotation.md)\n", split)
	r.Print(os.Stdout)
	if c.Bool("errors") {
		r.PrintErrors(os.Stdout, 0)
	}
	return nil
}

// explainQuery prints the plans of a query's path finals as JSON.
func explainQuery(c *cli.Context, q string) error {
	s, r, err := openReader(c)
	if err != nil {
		return err
	}
	if r != nil {
		return errors.New("query --explain needs the database itself: it is held by a running serve; stop it, or ask the server's API")
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(c.Context, c.Duration("timeout"))
	defer cancel()
	plans, err := s.Explain(ctx, q)
	if err != nil {
		return err
	}
	return printJSON(os.Stdout, plans)
}

// finalValues are the Gizmo calls whose value is the query's answer when a query ends with
// one: they return it to the script instead of emitting results.
var finalValues = []string{".Count()", ".ToValue()", ".ToArray()", ".TagValue()", ".TagArray()"}

// finalValue makes a query that ends with a bare value ("g.V().Count()") emit it, as the web
// UI's users expect from a REPL: Gizmo prints only what is emitted, so [] otherwise.
func finalValue(q string) string {
	body := strings.TrimRight(q, " \t\r\n;")
	start := statementStart(body)
	last := body[start:]
	if !strings.HasPrefix(strings.TrimSpace(last), "g.") {
		return q
	}
	for _, f := range finalValues {
		if strings.HasSuffix(last, f) {
			return body[:start] + "g.emit(" + last + ")"
		}
	}
	return q
}

// statementStart is where the last statement of a script begins: after its last ";", or at
// the line that the following lines continue (a chain written one call a line).
func statementStart(body string) int {
	start := strings.LastIndexByte(body, ';') + 1
	end := len(body)
	for {
		nl := strings.LastIndexByte(body[:end], '\n')
		if nl < start {
			return start
		}
		if !strings.HasPrefix(strings.TrimSpace(body[nl+1:end]), ".") {
			return nl + 1
		}
		end = nl
	}
}

func serveCmd(c *cli.Context) error {
	open := openReadStore
	if c.Bool("writable") {
		// It takes articles: the bloom filter pays for itself, and the hubs' digests are
		// brought up to date as it goes, not only when it stops.
		open = func(c *cli.Context) (*store.Store, error) {
			return store.Open(c.String("backend"), c.String("db"), store.RefreshHubsEvery(10*time.Minute))
		}
	}
	s, err := open(c)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	o := server.ServerOptions{Addr: c.String("addr"), Writable: c.Bool("writable"),
		QueryTimeout: c.Duration("timeout"), QueryLimit: c.Int("limit"), Token: c.String("token"),
		AllowedHosts: c.StringSlice("allowed-host"), QueryMemory: c.Uint64("query-memory") << 20,
		QueryConcurrency: c.Int("max-queries")}
	if o.UIAssets, err = server.FindUIAssets(c.String("assets")); err != nil {
		return err
	}
	if o.UIAssets == "" {
		fmt.Fprintln(os.Stderr, "newsgraph serve: note:", server.UIAssetsHelp)
	}
	made := false
	if o.Writable && o.Token == "" {
		var b [16]byte
		if _, err := rand.Read(b[:]); err != nil {
			return err
		}
		o.Token, made = hex.EncodeToString(b[:]), true
	}
	return server.Serve(ctx, s, o, func(addr string) {
		// Reading commands turned away by the database's lock ask this server (remote.go).
		if err := lockfile.RecordServer(c.String("db"), "http://"+addr); err != nil {
			fmt.Fprintln(os.Stderr, "newsgraph serve: note: reading commands will not find this server:", err)
		}
		mode := "read-only"
		if o.Writable {
			mode = "writable"
		}
		fmt.Printf("serving %s (%s) on http://%s/ (entity explorer: http://%s/explore/) — Ctrl-C to stop\n", store.RedactDB(c.String("db")), mode, addr, addr)
		if made {
			fmt.Printf("write token: %s (load --server http://%s --token %s PATH...)\n", o.Token, addr, o.Token)
		}
	})
}

// schemaTerm is one line of `schema --json`.
type schemaTerm struct {
	Kind    string `json:"kind"`    // type, predicate or attribute
	Name    string `json:"name"`    // the extractor's name ("received")
	IRI     string `json:"iri"`     // as Gizmo takes it: <ng:received>
	FullIRI string `json:"fullIri"` // for other RDF tools: <https://newsgraph.dev/ns#received>
	Meaning string `json:"meaning"`
	Inverse string `json:"inverse,omitempty"` // how the edge reads backwards
}

// schemaCmd prints the vocabulary. The IRI column is written exactly as a Gizmo query
// names it (quad.IRI's String brackets it once), so it can be pasted into Has or Out.
func schemaCmd(c *cli.Context) error {
	parts := []struct {
		kind, title string
		terms       []schema.Term
	}{{"type", "TYPES", schema.Types}, {"predicate", "PREDICATES", schema.Predicates}, {"attribute", "ATTRIBUTES", schema.Attributes}}
	if c.Bool("json") {
		all := []schemaTerm{}
		for _, part := range parts {
			for _, t := range part.terms {
				all = append(all, schemaTerm{Kind: part.kind, Name: t.Name, IRI: t.IRI.String(),
					FullIRI: rdf.FullIRI(t.IRI).String(), Meaning: t.Meaning, Inverse: t.Inverse})
			}
		}
		return printJSON(os.Stdout, all)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	for _, part := range parts {
		fmt.Fprintf(w, "%s\n", part.title)
		for _, t := range part.terms {
			fmt.Fprintf(w, "  %s\t%s\t%s\n", t.Name, t.IRI.String(), t.Meaning)
		}
	}
	return w.Flush()
}

func exportCmd(c *cli.Context) error {
	s, err := openExport(c)
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

// openExport opens the database for export; while a server holds it, an in-memory copy of
// the server's quads.
func openExport(c *cli.Context) (*store.Store, error) {
	s, r, err := openReader(c)
	if err != nil || r == nil {
		return s, err
	}
	return r.dump()
}

func evalCmd(c *cli.Context) error {
	if c.Bool("relations") {
		return evalRelations(c)
	}
	var docs []mentions.Doc
	var err error
	what := "GUM news"
	if c.Bool("news") {
		what = "news test set, split " + c.String("split")
		docs, err = eval.LoadNewsMentionDocs(eval.DefaultNewsDir(), c.String("split"))
	} else {
		dir := c.String("gum")
		if _, err := os.Stat(dir); err != nil {
			return fmt.Errorf("the GUM news data is not available at %s (%v): nothing to evaluate", dir, err)
		}
		docs, err = mentions.ReadGUM(dir)
	}
	if err != nil {
		return err
	}
	r := mentions.Score(docs, mentions.FromExtractor(extract.New()))
	fmt.Printf("%s: %d articles, proper-name mentions of people, organisations and places\n\n", what, r.Docs)
	r.Print(os.Stdout)
	if c.Bool("errors") {
		fmt.Println()
		for _, l := range r.TopErrors(30) {
			fmt.Println(l)
		}
	}
	return nil
}
