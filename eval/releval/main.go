// Command releval scores the extractor's relations against the team's news test set
// (eval/testdata/news, docs/annotation.md; it includes the earlier 25-article set of
// eval/testdata/relations; GUM documents are read from ../shared/data/gum-news and skipped when
// it is absent). Tune on -split dev; report -split test.
//
//	go run ./eval/releval            # the dev table: P/R/F1 per predicate, overall, core, flags, calibration
//	go run ./eval/releval -split test
//	go run ./eval/releval -v         # and the missed and spurious relations with their sentences
//	go run ./eval/releval -v -n 20   # at most 20 of each
//	go run ./eval/releval -doc voa-gmb-00330 -v   # one article
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
	gold := flag.String("gold", "", "gold relations (JSON Lines; default: the news test set, eval/testdata/news and its b/); the earlier set: eval/testdata/relations/gold.jsonl")
	split := flag.String("split", "dev", "the split to score: dev (tune on it), test (report it), all")
	gum := flag.String("gum", mentions.DefaultGUMDir(), "directory of the GUM news .conllu files")
	verbose := flag.Bool("v", false, "print the missed and spurious relations with their sentences")
	n := flag.Int("n", 0, "with -v: at most n missed and n spurious (0: all)")
	doc := flag.String("doc", "", "score only this article")
	flag.Parse()
	var (
		docs    []eval.RelDoc
		skipped []string
		err     error
	)
	if *gold == "" {
		docs, skipped, err = eval.LoadNewsDocs(*gum)
		*gold = "the news test set"
	} else {
		docs, skipped, err = eval.LoadRelationDocs(*gold, *gum)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "releval:", err)
		os.Exit(1)
	}
	docs = eval.OfSplit(docs, *split)
	fmt.Printf("split %s of %s\n", *split, *gold)
	if *doc != "" {
		var keep []eval.RelDoc
		for _, d := range docs {
			if d.ID == *doc {
				keep = append(keep, d)
			}
		}
		if len(keep) == 0 {
			fmt.Fprintf(os.Stderr, "releval: no article %q\n", *doc)
			os.Exit(1)
		}
		docs = keep
	}
	rep := eval.Relations(docs, extract.New())
	rep.Skipped = skipped
	rep.Print(os.Stdout)
	if *verbose {
		rep.PrintErrors(os.Stdout, *n)
	}
}
