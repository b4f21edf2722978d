// Command newsgraph turns news articles into a knowledge graph in Cayley: load articles,
// query the graph with Gizmo, serve Cayley's web UI and HTTP API over it.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/eval/mentions"
)

func main() {
	// A read of a damaged database file (beyond what Open checks) faults on bbolt's memory
	// map: made a panic, answered in one line.
	debug.SetPanicOnFault(true)
	defer func() {
		r := recover()
		if _, fault := r.(interface{ Addr() uintptr }); !fault {
			if r != nil {
				panic(r) // a bug, not a fault: its trace is what to report
			}
			return
		}
		fmt.Fprintf(os.Stderr, "newsgraph: failed reading the database (%v): if it persists, the database file may be damaged: restore it from a backup, or delete the database and load again\n", r)
		os.Exit(1)
	}()
	app := newApp()
	err := app.Run(reorderArgs(app, os.Args))
	if err != nil {
		fmt.Fprintln(os.Stderr, "newsgraph:", err)
	}
	os.Exit(exitCode(err))
}

// newApp is the command line: its commands, flags and help.
func newApp() *cli.App {
	app := &cli.App{
		Name:                  "newsgraph",
		Usage:                 "turn news articles into a knowledge graph you can query (Cayley + Gizmo)",
		Version:               version(),
		Suggest:               true,
		EnableBashCompletion:  true,
		CustomAppHelpTemplate: cli.AppHelpTemplate + "\n" + exitCodesHelp + "\n",
		// Errors are printed once, by main, with the exit code of exitCode.
		ExitErrHandler: func(*cli.Context, error) {},
		Action:         unknownCommand,
		OnUsageError:   onUsageError,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Value: "./newsgraph.db", EnvVars: []string{"NEWSGRAPH_DB"}, Usage: "database `PATH`: a folder for bolt, a postgres:// URL for PostgreSQL"},
			&cli.StringFlag{Name: "backend", Value: "bolt", EnvVars: []string{"NEWSGRAPH_BACKEND"}, Usage: "store `NAME`: bolt (on disk), memstore (throwaway) or postgres (chosen by itself for a --db postgres://user:password@host:5432/dbname URL)"},
		},
		Commands: []*cli.Command{
			{
				Name: "load", Usage: "extract articles and write them into the graph", ArgsUsage: "PATH... (files, folders, http(s) URLs, - for stdin)",
				Flags:  loadFlags(),
				Action: loadCmd,
			},
			{
				Name: "extract", Usage: "print what the extractor finds, without storing it", ArgsUsage: "PATH...",
				Flags:  []cli.Flag{&cli.StringFlag{Name: "format", Value: "json", Usage: "json (one object per article per line) or nquads (the quads load would write)"}},
				Action: extractCmd,
			},
			{
				Name: "query", Usage: "run a Gizmo query and print the results as JSON", ArgsUsage: "GIZMO",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "read the query from `FILE`"},
					&cli.IntFlag{Name: "limit", Value: 100, Usage: "at most this many results (0: no limit)"},
					&cli.DurationFlag{Name: "timeout", Value: defaultTimeout, Usage: "stop the query after this long"},
					&cli.BoolFlag{Name: "explain", Usage: "print the plan of each path final (iterators and the sizes the store estimates) instead of running the query"},
				},
				Action: queryCmd,
			},
			{
				Name: "serve", Usage: "serve Cayley's web UI and HTTP API over the graph",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "addr", Value: "127.0.0.1:64210", Usage: "listen on `HOST:PORT`"},
					&cli.BoolFlag{Name: "writable", Usage: "accept writes (/api/v2/write, /api/v2/delete, /api/newsgraph/articles) that carry the write token"},
					&cli.StringFlag{Name: "token", EnvVars: []string{"NEWSGRAPH_TOKEN"}, Usage: "write token for --writable (`TOKEN`; a random one is made and printed when not given)"},
					&cli.DurationFlag{Name: "timeout", Value: defaultTimeout, Usage: "query timeout"},
					&cli.IntFlag{Name: "limit", Value: 10000, Usage: "query result limit"},
					&cli.StringSliceFlag{Name: "allowed-host", Usage: "also answer requests for host name `NAME` (repeatable); by default only IP addresses, localhost and the --addr host are answered, against DNS rebinding"},
					&cli.Uint64Flag{Name: "query-memory", Value: 512, Usage: "stop queries when they grow the heap by more than `MB`"},
					&cli.IntFlag{Name: "max-queries", Usage: "queries running at once (`N`; default two per core); others wait their turn within their timeout"},
					&cli.StringFlag{Name: "assets", EnvVars: []string{"NEWSGRAPH_UI_ASSETS"}, Usage: "the web UI's offline query editor and icon font: `DIR` is ui/ or ui/node_modules after \"npm ci --prefix ui\" (default: ui/node_modules found from the working directory or the executable; \"off\" for the plain editor)"},
				},
				Action: serveCmd,
			},
			{
				Name: "eval", Usage: "score the extractor: mentions against the annotated GUM news articles (read from ../shared) or, with --news, the team's news test set; or --relations against the team's news test set",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "gum", Value: mentions.DefaultGUMDir(), Usage: "folder of GUM news .conllu files"},
					&cli.BoolFlag{Name: "errors", Aliases: []string{"v"}, Usage: "also print the most frequent missed and spurious mentions (relations: all of them)"},
					&cli.BoolFlag{Name: "relations", Usage: "score relations, per predicate and per context flag, against eval/testdata/news (docs/annotation.md)"},
					&cli.BoolFlag{Name: "news", Usage: "score mentions against the team's news test set (eval/testdata/news) instead of GUM"},
					&cli.StringFlag{Name: "split", Value: "dev", Usage: "with --relations or --news: the `SPLIT` to score: dev (tune on it), test (report it), all"},
				},
				Action: evalCmd,
			},
			{Name: "export", Usage: "write the whole graph as N-Quads (labels included) to standard output", Action: exportCmd},
			{
				Name: "schema", Usage: "print the graph's types and predicates with their IRIs, as Gizmo takes them",
				Flags:  []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON: name, IRI, full IRI and meaning of each term"}},
				Action: schemaCmd,
			},
			parseCommand(), // dependency parses as CoNLL-U (parse.go)
		},
	}
	app.Commands = curate(app.Commands)      // forget, entity, merge, unmerge, merges, duplicates, import; export formats (curate.go)
	app.Commands = withExplore(app.Commands) // search, path, timeline, top (explore.go)
	app.Commands = append(app.Commands, completionCommand())
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
	}
	return app
}
