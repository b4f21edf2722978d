package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/explore"
)

// The explorer's commands (issue 7), the terminal's equivalents of /explore and its API:
// search, path, timeline, top (entity, the card, is curate.go's). Flags may come before or
// after the arguments.
var exploreCommands = []*cli.Command{
	{
		Name: "search", Usage: "complete a name: the entities whose name or alias starts with PREFIX (any case, accents ignored)",
		ArgsUsage: "PREFIX",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "limit", Value: explore.DefaultSearchLimit, Usage: "at most this many entities"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
		},
		Action: searchCmd,
	},
	{
		Name: "path", Usage: "how are A and B connected? the shortest paths of relations between them, each hop with its evidence",
		ArgsUsage: "A B (names or ids; quote names of several words)",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "max", Value: explore.DefaultMaxHops, Usage: fmt.Sprintf("at most this many hops (1-%d)", explore.MaxPathHops)},
			&cli.IntFlag{Name: "limit", Value: explore.DefaultPathLimit, Usage: "at most this many paths"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
		},
		Action: pathCmd,
	},
	{
		Name: "timeline", Usage: "an entity's events in date order, each with its evidence",
		ArgsUsage: "NAME (a name, an alias, a surname, or an id)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "events on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)"},
			&cli.StringFlag{Name: "to", Usage: "events on or before `DATE`"},
			&cli.IntFlag{Name: "limit", Usage: "at most `N` events (0: all)"},
			&cli.IntFlag{Name: "offset", Usage: "skip the first `N` events (the next page of --limit)"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
		},
		Action: timelineCmd,
	},
	{
		Name: "top", Usage: "the most mentioned or most connected entities",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "type", Usage: "only entities of this type: Person, Organization, Country, City, Place, Event, Agreement"},
			&cli.StringFlag{Name: "since", Usage: "count only articles published on or after `DATE`"},
			&cli.StringFlag{Name: "by", Value: "mentions", Usage: "mentions (articles) or connections (entities related to)"},
			&cli.IntFlag{Name: "limit", Value: 20, Usage: "at most this many entities"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
		},
		Action: topCmd,
	},
}

// withExplore adds the explorer's commands to the CLI.
func withExplore(cmds []*cli.Command) []*cli.Command {
	return append(cmds, exploreCommands...)
}

// interspersed reads flags given after the arguments ("path A B --max 3"), which the CLI
// package leaves among the arguments, into c, and returns the arguments left.
func interspersed(c *cli.Context) ([]string, error) {
	args := c.Args().Slice()
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			out = append(out, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			out = append(out, a)
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		var flag cli.Flag
		for _, f := range c.Command.Flags {
			for _, n := range f.Names() {
				if n == name {
					flag = f
				}
			}
		}
		if flag == nil {
			return nil, fmt.Errorf("unknown flag %s", a)
		}
		if _, isBool := flag.(*cli.BoolFlag); isBool {
			if !hasVal {
				val = "true"
			}
		} else if !hasVal {
			if i+1 == len(args) {
				return nil, fmt.Errorf("flag %s needs a value", a)
			}
			i++
			val = args[i]
		}
		if err := c.Set(name, val); err != nil {
			return nil, fmt.Errorf("flag %s: %w", a, err)
		}
	}
	return out, nil
}

func searchCmd(c *cli.Context) error {
	args, err := interspersed(c)
	if err != nil {
		return err
	}
	prefix := strings.Join(args, " ")
	if strings.TrimSpace(prefix) == "" {
		return fmt.Errorf("give the beginning of a name")
	}
	return show(c, func(s *store.Store) ([]explore.SearchResult, error) {
		return explore.Of(s).Search(c.Context, prefix, c.Int("limit"))
	},
		func(r *remote) ([]explore.SearchResult, error) {
			var res struct{ Results []explore.SearchResult }
			return res.Results, r.explore("search", values("q", prefix, "limit", itoa(c.Int("limit"))), &res)
		},
		func(out io.Writer, res []explore.SearchResult) error {
			if len(res) == 0 {
				_, err := fmt.Fprintf(out, "no entity's name starts with %q\n", prefix)
				return err
			}
			w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
			for _, r := range res {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.Name, r.Type, plural(r.Articles, "article"), string(r.ID),
					ifText(len(r.Aliases) > 0, "also: "+strings.Join(r.Aliases, "; ")))
			}
			return w.Flush()
		})
}

// inverseWords is how an edge reads backwards ("was received by"), from the vocabulary.
var inverseWords = func() map[quad.IRI]string {
	m := map[quad.IRI]string{}
	for _, p := range schema.Predicates {
		m[p.IRI] = p.Inverse
	}
	return m
}()

// hopWords reads a hop as words: "received", or "was received by" for a backward one.
func hopWords(h explore.Hop) string {
	if h.Direction == "backward" {
		if inv := inverseWords[h.Predicate]; inv != "" {
			return inv
		}
		return "← " + predicateWords(h.Predicate)
	}
	return predicateWords(h.Predicate)
}

// printSource writes an evidence sentence and where it comes from, indented.
func printSource(w io.Writer, indent string, e *cards.Evidence) {
	if e == nil {
		return
	}
	if e.Text != "" {
		fmt.Fprintf(w, "%s%q\n", indent, oneLine(e.Text, 300))
	}
	src := e.Headline
	if src == "" {
		src = string(e.Article)
	}
	fmt.Fprintf(w, "%s— %s%s%s\n", indent, oneLine(src, 100), ifText(e.Publisher != "", ", "+e.Publisher), ifText(e.Date != "", ", "+e.Date))
}

func pathCmd(c *cli.Context) error {
	args, err := interspersed(c)
	if err != nil {
		return err
	}
	if len(args) != 2 {
		return fmt.Errorf("give two entities (quote names of several words: newsgraph path \"Radmila Shekerinska\" Azerbaijan)")
	}
	return show(c, func(s *store.Store) (*explore.PathResult, error) {
		return explore.Of(s).Paths(c.Context, args[0], args[1], c.Int("max"), c.Int("limit"))
	}, func(r *remote) (*explore.PathResult, error) {
		var res *explore.PathResult
		return res, r.explore("path", values("a", args[0], "b", args[1], "max", itoa(c.Int("max")), "limit", itoa(c.Int("limit"))), &res)
	}, printPaths)
}

func printPaths(w io.Writer, res *explore.PathResult) error {
	if len(res.Paths) == 0 {
		fmt.Fprintf(w, "%s and %s are not connected in %s or fewer\n", res.From.Name, res.To.Name, plural(res.MaxHops, "hop"))
		return nil
	}
	n := len(res.Paths[0].Hops)
	fmt.Fprintf(w, "%s and %s: %s of %s\n", res.From.Name, res.To.Name, plural(len(res.Paths), "shortest path"), plural(n, "hop"))
	for i, p := range res.Paths {
		fmt.Fprintf(w, "\nPath %d\n", i+1)
		for _, h := range p.Hops {
			fmt.Fprintf(w, "  %s %s %s  [%s]\n", h.From.Name, hopWords(h), h.To.Name, plural(h.Articles, "article"))
			printSource(w, "      ", h.Evidence)
		}
	}
	return nil
}

func timelineCmd(c *cli.Context) error {
	args, err := interspersed(c)
	if err != nil {
		return err
	}
	name := strings.Join(args, " ")
	if name == "" {
		return fmt.Errorf("give an entity's name or id")
	}
	return show(c, func(s *store.Store) (*cards.Timeline, error) {
		return cards.Of(s).TimelinePage(c.Context, name, c.String("from"), c.String("to"), c.Int("offset"), c.Int("limit"))
	}, func(r *remote) (*cards.Timeline, error) {
		return remoteTimeline(r, name, c.String("from"), c.String("to"), c.Int("offset"), c.Int("limit"))
	}, printTimeline)
}

// remoteTimeline reads a timeline from a server, page after page: the API answers pages of
// 100 events at most, the command all of them unless --limit says otherwise.
func remoteTimeline(r *remote, name, from, to string, offset, limit int) (*cards.Timeline, error) {
	var all *cards.Timeline
	for {
		want := 0 // the API's page
		if limit > 0 {
			want = limit
			if all != nil {
				want -= len(all.Events)
			}
		}
		var page *cards.Timeline
		err := r.explore("timeline", values("id", name, "from", from, "to", to, "offset", itoa(offset), "limit", itoa(want)), &page)
		if err != nil {
			return nil, err
		}
		if all == nil {
			all = page
		} else {
			all.Events = append(all.Events, page.Events...)
		}
		offset += len(page.Events)
		if len(page.Events) == 0 || offset >= page.Count || (limit > 0 && len(all.Events) >= limit) {
			return all, nil
		}
	}
}

func printTimeline(w io.Writer, tl *cards.Timeline) error {
	span := ""
	switch {
	case tl.From != "" && tl.To != "":
		span = fmt.Sprintf(" from %s to %s", tl.From, tl.To)
	case tl.From != "":
		span = " since " + tl.From
	case tl.To != "":
		span = " until " + tl.To
	}
	count := plural(len(tl.Events), "event")
	if len(tl.Events) < tl.Count {
		count = fmt.Sprintf("events %d to %d of %d", tl.Offset+min(1, len(tl.Events)), tl.Offset+len(tl.Events), tl.Count)
	}
	fmt.Fprintf(w, "%s  %s: %s%s\n", tl.Entity.Name, string(tl.Entity.ID), count, span)
	width := len("(undated)")
	for _, e := range tl.Events {
		width = max(width, len(e.Date))
	}
	for _, e := range tl.Events {
		date := e.Date
		if date == "" {
			date = "(undated)"
		}
		verb := predicateWords(e.Predicate)
		if e.Negated {
			verb = "not " + verb
		}
		if e.Modality != "" {
			verb = e.Modality + ": " + verb
		}
		obj := e.Value
		if e.Object != nil {
			obj = e.Object.Name
		}
		note := plural(e.Articles, "article")
		if e.DateSource == "article" {
			note += ", dated by the article"
		}
		fmt.Fprintf(w, "\n%-*s  %s %s %s  [%s]\n", width, date, e.Subject.Name, verb, oneLine(obj, 120), note)
		printSource(w, strings.Repeat(" ", width+4), &e.Evidence)
	}
	return nil
}

func topCmd(c *cli.Context) error {
	if _, err := interspersed(c); err != nil {
		return err
	}
	get := func(s *store.Store) ([]explore.TopEntity, error) {
		list, err := explore.Of(s).Top(c.Context, explore.TopOptions{Type: c.String("type"), Since: c.String("since"), By: c.String("by"), Limit: c.Int("limit")})
		if list == nil {
			list = []explore.TopEntity{} // JSON: [], not null
		}
		return list, err
	}
	ask := func(r *remote) ([]explore.TopEntity, error) {
		res := struct{ Entities []explore.TopEntity }{[]explore.TopEntity{}}
		err := r.explore("top", values("type", c.String("type"), "since", c.String("since"), "by", c.String("by"), "limit", itoa(c.Int("limit"))), &res)
		return res.Entities, err
	}
	return show(c, get, ask, func(out io.Writer, list []explore.TopEntity) error {
		if len(list) == 0 {
			_, err := fmt.Fprintln(out, "no entity")
			return err
		}
		w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "#\tNAME\tTYPE\tMENTIONS\tCONNECTIONS\tID")
		for i, e := range list {
			fmt.Fprintf(w, "%d\t%s\t%s\t%d\t%d\t%s\n", i+1, e.Name, e.Type, e.Mentions, e.Connections, string(e.ID))
		}
		return w.Flush()
	})
}
