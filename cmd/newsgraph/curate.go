package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/export"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	storecurate "github.com/newsgraph/newsgraph/store/curate" // duplicates (the name curate is this file's)
)

// The curation commands (issue 5): forget articles, entity cards, merges that can be undone,
// duplicate candidates, export in other tools' formats, import of N-Quads.
var curateCommands = []*cli.Command{
	{
		Name: "entity", Usage: "print an entity's card: names, type, links, positions over time, facts by corroboration with evidence",
		ArgsUsage: "NAME (a name, an alias, a surname, or an id such as person/jeyhun-bayramov)",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print the card as JSON"},
			&cli.IntFlag{Name: "facts", Value: 20, Usage: "print at most this many facts, the most corroborated (0: all; with --json too)"},
		},
		Action: entityCmd,
	},
	{
		Name: "forget", Usage: "remove articles and every quad they alone support",
		ArgsUsage: "ARTICLE... (ids, URLs, <ng:article/...> IRIs, or files and folders of articles)",
		Action:    forgetCmd,
	},
	{
		Name: "merge", Usage: "record that entities are one: OTHER is merged into KEEP (undo with unmerge)",
		ArgsUsage: "KEEP OTHER... (names or ids)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "reason", Usage: "why (recorded with the merge)"},
			&cli.StringFlag{Name: "by", Usage: "who decides (default: $USER)"},
		},
		Action: mergeCmd,
	},
	{
		Name: "unmerge", Usage: "undo merges exactly", ArgsUsage: "MERGE... (a merge id ng:merge/..., or the name or id of the entity merged away)",
		Action: unmergeCmd,
	},
	{
		Name: "merges", Usage: "list the merges: who, when, why",
		Flags:  []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: mergesCmd,
	},
	{
		Name: "duplicates", Usage: "list candidate duplicate entities with the evidence for each, for review",
		Flags: []cli.Flag{
			&cli.Float64Flag{Name: "min-score", Value: storecurate.DefaultMinScore, Usage: "list pairs scoring at least this (0-1)"},
			&cli.IntFlag{Name: "limit", Value: 50, Usage: "list at most this many pairs (0: all)"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
			&cli.BoolFlag{Name: "auto", Usage: "merge the pairs scoring at least --auto-score, recorded as automatic merges (undo with unmerge)"},
			&cli.Float64Flag{Name: "auto-score", Value: storecurate.AutoMergeScore, Usage: "the score from which --auto merges"},
		},
		Action: duplicatesCmd,
	},
	{
		Name: "import", Usage: "add the quads of N-Quads files (labels kept) to the graph", ArgsUsage: "FILE.nq... (.gz allowed, - for standard input)",
		Action: importCmd,
	},
}

// curate adds the curation commands to the CLI and gives the export command its formats
// (its default output, N-Quads as Store.Dump writes them, is unchanged).
func curate(cmds []*cli.Command) []*cli.Command {
	for _, c := range cmds {
		if c.Name == "export" {
			c.Usage = "write the whole graph: RDF N-Quads (full IRIs, typed dates, labels included, sorted; the default), JSON-LD, GraphML, GEXF, CSV for Neo4j or FollowTheMoney JSON lines"
			c.Flags = append(c.Flags,
				&cli.StringFlag{Name: "format", Value: "nquads", Usage: "nquads, jsonld, graphml, gexf, csv (Neo4j) or ftm (FollowTheMoney)"},
				&cli.StringFlag{Name: "out", Usage: "write to `PATH` (a folder for csv: nodes.csv, edges.csv and import.sh) instead of standard output"},
				&cli.BoolFlag{Name: "stored", Usage: "nquads: the quads as the store holds them (short IRIs such as schema:name, dates as plain strings), for Cayley's tools and diffs"},
				&cli.BoolFlag{Name: "full-iris", Hidden: true, Usage: "nquads: full IRIs (the default now; kept for old scripts)"},
			)
			c.Action = exportFormatCmd
		}
	}
	return append(cmds, curateCommands...)
}

func entityCmd(c *cli.Context) error {
	name := strings.Join(c.Args().Slice(), " ")
	if name == "" {
		return errors.New("give an entity's name or id")
	}
	return show(c, func(s *store.Store) (*cards.Card, error) {
		return cards.Of(s).Card(c.Context, name, cards.MaxFacts(c.Int("facts")))
	}, func(r *remote) (*cards.Card, error) {
		var card *cards.Card
		return card, r.explore("entity", values("id", name, "facts", itoa(c.Int("facts"))), &card)
	},
		func(out io.Writer, card *cards.Card) error { printCard(out, card, c.Int("facts")); return nil })
}

// maxOthers is how many other entities of the same name a card names: "Bush" may be
// hundreds of one-word people of single articles.
const maxOthers = 5

// printCard writes a card for people to read.
func printCard(w io.Writer, c *cards.Card, maxFacts int) {
	fmt.Fprintf(w, "%s (%s)  %s\n", c.Name, strings.Join(c.Types, ", "), string(c.ID))
	if c.Found != nil {
		fmt.Fprintf(w, "  found %s (%s), merged into this entity\n", c.Found.Name, string(c.Found.IRI))
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(w, "  also: %s\n", strings.Join(c.Aliases, "; "))
	}
	for _, l := range c.Links {
		fmt.Fprintf(w, "  link: %s\n", l)
	}
	fmt.Fprintf(w, "  mentioned in %s\n", plural(c.Articles, "article"))
	linked := 0
	for _, m := range c.Merged {
		if m.By == store.LoadMergeBy && maxFacts > 0 {
			linked++ // one line for them all: a hub has thousands
			continue
		}
		fmt.Fprintf(w, "  merged: %s (%s) by %s on %s%s  [%s]\n", m.Name, string(m.ID), m.By, m.At, ifText(m.Reason != "", ": "+m.Reason), string(m.Merge))
	}
	if linked > 0 {
		fmt.Fprintf(w, "  linked: %s in other articles (by %s; `newsgraph merges` lists them, `--facts 0` shows them here)\n",
			plural(linked, "one-word mention"), store.LoadMergeBy)
	}
	for i, o := range c.Others {
		if i == maxOthers && c.OtherCount > maxOthers+1 {
			fmt.Fprintf(w, "  the name also matches %d more entities (`newsgraph search` lists them all)\n", c.OtherCount-i)
			break
		}
		fmt.Fprintf(w, "  the name also matches: %s (%s, %s)\n", o.Name, string(o.IRI), plural(o.Articles, "article"))
	}
	if len(c.Positions) > 0 {
		fmt.Fprintln(w, "\nPositions")
		for _, p := range c.Positions {
			title := p.Title
			if p.Of != nil {
				title += " of " + p.Of.Name
			}
			var span []string
			switch {
			case p.Start != "" && p.End != "":
				span = append(span, fmt.Sprintf("%s to %s (stated)", p.Start, p.End))
			case p.Start != "":
				span = append(span, fmt.Sprintf("since %s (stated)", p.Start))
			case p.End != "":
				span = append(span, fmt.Sprintf("until %s (stated)", p.End))
			}
			switch {
			case p.FirstSeen != "" && p.FirstSeen != p.LastSeen:
				span = append(span, fmt.Sprintf("seen %s to %s", p.FirstSeen, p.LastSeen))
			case p.FirstSeen != "":
				span = append(span, "seen "+p.FirstSeen)
			}
			if p.Former {
				span = append(span, "former"+ifText(p.EndedBy != "", " by "+p.EndedBy))
			}
			if p.Articles > 0 {
				span = append(span, plural(p.Articles, "article"))
			}
			fmt.Fprintf(w, "  %s%s\n", title, ifText(len(span) > 0, "  ("+strings.Join(span, "; ")+")"))
		}
	}
	fmt.Fprintf(w, "\nFacts (%d, most corroborated first)\n", c.FactCount)
	for _, f := range c.Facts {
		obj := f.Value
		if f.Object != nil {
			obj = f.Object.Name
		}
		verb := predicateWords(f.Predicate)
		if f.Negated {
			verb = "not " + verb
		}
		if f.Modality != "" {
			verb = f.Modality + ": " + verb
		}
		corr := plural(f.Articles, "article")
		if f.Copies > f.Articles {
			corr += fmt.Sprintf(" (%d with wire copies)", f.Copies)
		}
		corr += ", " + plural(f.Publishers, "publisher")
		if f.FirstSeen != "" {
			corr += ", " + f.FirstSeen
			if f.LastSeen != f.FirstSeen {
				corr += " to " + f.LastSeen
			}
		}
		fmt.Fprintf(w, "  %s %s %s  [%s]\n", f.Subject.Name, verb, obj, corr)
		if f.Evidence.Text != "" {
			fmt.Fprintf(w, "      %q\n", oneLine(f.Evidence.Text, 300))
		}
		src := f.Evidence.Headline
		if src == "" {
			src = string(f.Evidence.Article)
		}
		fmt.Fprintf(w, "      — %s%s%s\n", oneLine(src, 100), ifText(f.Evidence.Publisher != "", ", "+f.Evidence.Publisher), ifText(f.Evidence.Date != "", ", "+f.Evidence.Date))
	}
	if more := c.FactCount - len(c.Facts); more > 0 {
		fmt.Fprintf(w, "  ... %d more (--facts 0 for all)\n", more)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func ifText(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}

// predicateWords reads a predicate IRI as words: ng:heldTalksWith -> "held talks with".
func predicateWords(p quad.IRI) string {
	name := string(p)
	if i := strings.LastIndexAny(name, ":/#"); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// articleIRI reads an article argument: an id, a URL, or an IRI.
func articleIRI(arg string) quad.IRI {
	a := strings.TrimSuffix(strings.TrimPrefix(arg, "<"), ">")
	if strings.HasPrefix(a, "ng:article/") {
		return quad.IRI(a)
	}
	return schema.ArticleIRI(a)
}

func forgetCmd(c *cli.Context) error {
	if c.NArg() == 0 {
		return errors.New("give the articles to forget: ids, URLs, IRIs, or files of articles")
	}
	var iris []quad.IRI
	var files []string
	for _, a := range c.Args().Slice() {
		if _, err := os.Stat(a); err == nil && !strings.Contains(a, "://") {
			files = append(files, a)
		} else {
			iris = append(iris, articleIRI(a))
		}
	}
	if len(files) > 0 {
		// The ids of the articles in files are the extractor's: read them as load does.
		err := ingest.Each(c.Context, files, ingest.Options{OnSkip: skipReporter}, func(r ingest.Result) error {
			iris = append(iris, r.Graph.IRI)
			return nil
		})
		if err != nil {
			return err
		}
	}
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Forget(c.Context, iris...)
	fmt.Printf("forgot %s (%d quads)%s\n", plural(st.Articles, "article"), st.Quads,
		ifText(st.Missing > 0, fmt.Sprintf("; %d not in the graph", st.Missing)))
	return err
}

func whoAmI(c *cli.Context) string {
	if by := c.String("by"); by != "" {
		return by
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}

func mergeCmd(c *cli.Context) error {
	if c.NArg() < 2 {
		return errors.New("give the entity to keep, then the entities to merge into it")
	}
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer s.Close()
	keep, err := cards.Of(s).ResolveEntity(c.Context, c.Args().First())
	if err != nil {
		return err
	}
	for _, a := range c.Args().Tail() {
		other, err := cards.Of(s).ResolveEntity(c.Context, a)
		if err != nil {
			return err
		}
		m, err := s.Merge(c.Context, keep, other, store.MergeOptions{By: whoAmI(c), Reason: c.String("reason")})
		if err != nil {
			return err
		}
		fmt.Printf("merged %s into %s: %s (%d quads; undo with: newsgraph unmerge %s)\n", string(m.Merged), string(m.Into), string(m.IRI), m.Quads, string(m.IRI))
	}
	return nil
}

func unmergeCmd(c *cli.Context) error {
	if c.NArg() == 0 {
		return errors.New("give the merges to undo (see newsgraph merges)")
	}
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, a := range c.Args().Slice() {
		target := quad.IRI(strings.Trim(a, "<>"))
		if !strings.HasPrefix(string(target), "ng:merge/") {
			// an entity: the one merged away (its name may now find the entity it was merged into)
			ms, err := cards.Of(s).FindEntities(c.Context, a)
			if err != nil {
				return err
			}
			var merged []quad.IRI
			for _, m := range ms {
				if m.MergedInto != "" {
					merged = append(merged, m.IRI)
				}
			}
			if len(merged) != 1 {
				return fmt.Errorf("%q names %d merged entities: give the merge id (newsgraph merges)", a, len(merged))
			}
			target = merged[0]
		}
		m, err := s.Unmerge(c.Context, target)
		if err != nil {
			return err
		}
		fmt.Printf("unmerged %s from %s: %s (%d quads removed)\n", string(m.Merged), string(m.Into), string(m.IRI), m.Quads)
	}
	return nil
}

func mergesCmd(c *cli.Context) error {
	s, err := openExisting(c)
	if err != nil {
		return err
	}
	defer s.Close()
	ms, err := s.Merges(c.Context)
	if err != nil {
		return err
	}
	if c.Bool("json") {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(ms)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "MERGE\tMERGED\tINTO\tBY\tAT\tREASON")
	for _, m := range ms {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", string(m.IRI), string(m.Merged), string(m.Into), m.By, m.At, oneLine(m.Reason, 80))
	}
	return w.Flush()
}

func duplicatesCmd(c *cli.Context) error {
	s, err := openExisting(c)
	if err != nil {
		return err
	}
	defer s.Close()
	ds, err := storecurate.Duplicates(c.Context, s, storecurate.Options{MinScore: c.Float64("min-score")})
	if err != nil {
		return err
	}
	if c.Bool("auto") {
		merged, err := storecurate.AutoMerge(c.Context, s, ds, c.Float64("auto-score"), "newsgraph duplicates --auto")
		for _, m := range merged {
			fmt.Printf("merged %s into %s: %s (%s)\n", string(m.Merged), string(m.Into), string(m.IRI), m.Reason)
		}
		fmt.Printf("%s made automatically (undo each with: newsgraph unmerge MERGE)\n", plural(len(merged), "merge"))
		return err
	}
	if n := c.Int("limit"); n > 0 && len(ds) > n {
		ds = ds[:n]
	}
	if c.Bool("json") {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(ds)
	}
	if len(ds) == 0 {
		fmt.Println("no candidate duplicates")
		return nil
	}
	for _, d := range ds {
		fmt.Printf("%.2f  %s (%s)  =  %s (%s)\n", d.Score, d.Keep.Name, string(d.Keep.ID), d.Other.Name, string(d.Other.ID))
		for _, e := range d.Evidence {
			fmt.Printf("      %s\n", e)
		}
		fmt.Printf("      merge: newsgraph merge %s %s --reason %q\n", strings.TrimPrefix(string(d.Keep.ID), "ng:"), strings.TrimPrefix(string(d.Other.ID), "ng:"), d.Summary())
	}
	return nil
}

func exportFormatCmd(c *cli.Context) error {
	format := c.String("format")
	if !export.IsFormat(format) {
		return fmt.Errorf("unknown --format %q: use %s", format, strings.Join(export.Formats, ", "))
	}
	s, err := openExport(c)
	if err != nil {
		return err
	}
	defer s.Close()
	out := c.String("out")
	if format == "csv" {
		if out == "" {
			return errors.New("--format csv writes several files: give a folder with --out")
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "import.sh"), []byte(export.Neo4jImportScript), 0o755); err != nil {
			return err
		}
		return writeFiles(func(ws ...io.Writer) error { return export.CSV(c.Context, s, ws[0], ws[1]) },
			filepath.Join(out, "nodes.csv"), filepath.Join(out, "edges.csv"))
	}
	write := func(ws ...io.Writer) error {
		return export.Write(c.Context, s, ws[0], format, export.Options{Stored: c.Bool("stored")})
	}
	if out == "" {
		bw := bufio.NewWriter(os.Stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	return writeFiles(write, out)
}

// writeFiles creates the files, buffers them and passes them to write, closing all.
func writeFiles(write func(...io.Writer) error, paths ...string) error {
	var ws []io.Writer
	var bufs []*bufio.Writer
	var files []*os.File
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	for _, p := range paths {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		files = append(files, f)
		bw := bufio.NewWriterSize(f, 1<<16)
		bufs = append(bufs, bw)
		ws = append(ws, bw)
	}
	if err := write(ws...); err != nil {
		return err
	}
	for i, bw := range bufs {
		if err := bw.Flush(); err != nil {
			return err
		}
		if err := files[i].Close(); err != nil {
			return err
		}
	}
	files = nil
	return nil
}

func importCmd(c *cli.Context) error {
	if c.NArg() == 0 {
		return errors.New("give N-Quads files to import (- for standard input)")
	}
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	var total store.ImportStats
	for _, p := range c.Args().Slice() {
		st, err := importFile(c.Context, s, p)
		total.Quads += st.Quads
		total.Added += st.Added
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	fmt.Printf("imported %d quads (%d new), %.2f s\n", total.Quads, total.Added, time.Since(start).Seconds())
	return nil
}

func importFile(ctx context.Context, s *store.Store, path string) (store.ImportStats, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return store.ImportStats{}, err
		}
		defer f.Close()
		r = f
	}
	return s.Import(ctx, r)
}
