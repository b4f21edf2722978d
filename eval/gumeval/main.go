// Command gumeval scores the extractor's proper-name mentions against the GUM news articles
// read from ../shared/data/gum-news, or with -news against the team's news test set (see
// eval/README.md).
//
//	go run ./eval/gumeval            # the table
//	go run ./eval/gumeval -v         # and the most frequent errors
//	go run ./eval/gumeval -examples  # and every error with its context
//	go run ./eval/gumeval -gold      # list the gold mentions instead (proper names marked *)
//	go run ./eval/gumeval -news -split test  # the team's news test set instead of GUM
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/eval"
	"github.com/newsgraph/newsgraph/eval/mentions"
	"github.com/newsgraph/newsgraph/extract"
)

func main() {
	dir := flag.String("dir", mentions.DefaultGUMDir(), "directory of GUM news .conllu files")
	verbose := flag.Bool("v", false, "print the most frequent missed and spurious mentions")
	n := flag.Int("n", 30, "with -v: errors per type and kind")
	gold := flag.Bool("gold", false, "list the gold mentions and exit")
	examples := flag.Bool("examples", false, "print every exact-match error with its context")
	news := flag.Bool("news", false, "score against the team's news test set (eval/testdata/news) instead of GUM")
	split := flag.String("split", "dev", "with -news: dev (tune on it), test (report it), all")
	flag.Parse()
	var docs []mentions.Doc
	var err error
	if *news {
		docs, err = eval.LoadNewsMentionDocs(eval.DefaultNewsDir(), *split)
	} else if _, err = os.Stat(*dir); err != nil {
		fmt.Fprintf(os.Stderr, "gumeval: GUM data not available (%v); nothing to evaluate\n", err)
		os.Exit(2)
	} else {
		docs, err = mentions.ReadGUM(*dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gumeval:", err)
		os.Exit(1)
	}
	if *gold {
		for _, d := range docs {
			for _, g := range d.Gold {
				mark := " "
				if g.Proper {
					mark = "*"
				}
				fmt.Printf("%s\t%s %-12s\t%q\t<- %q\n", d.ID, mark, g.Type, g.Text, g.Mention)
			}
		}
		return
	}
	r := mentions.Score(docs, mentions.FromExtractor(extract.New()))
	r.Print(os.Stdout)
	if *verbose {
		fmt.Println()
		for _, l := range r.TopErrors(*n) {
			fmt.Println(l)
		}
	}
	if *examples {
		fmt.Println()
		for _, e := range r.Missed {
			fmt.Printf("missed\t%s\t%s\n", e, e.Context)
		}
		for _, e := range r.Spurious {
			fmt.Printf("spurious\t%s\t%s\n", e, e.Context)
		}
	}
}
