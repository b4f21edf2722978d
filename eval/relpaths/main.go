// Command relpaths learns which dependency paths between two named entities state which
// relation, from the Voice of America articles of the dev split of the team's news test set
// (eval/testdata/news; public domain, annotated by the team), and writes
// the table the extractor reads (extract/data/relpaths.tsv). Only dev is read: the test split
// stays unseen. Deterministic: the same gold and extractor give the same table.
//
//	go run ./eval/relpaths                 # writes extract/data/relpaths.tsv
//	go run ./eval/relpaths -out ''         # prints the counts only
package main

import (
	"bytes"
	"flag"
	"fmt"
	"hash/fnv"
	"os"

	"github.com/newsgraph/newsgraph/eval"
	"github.com/newsgraph/newsgraph/eval/mentions"
	"github.com/newsgraph/newsgraph/eval/score"
	"github.com/newsgraph/newsgraph/extract"
)

func main() {
	out := flag.String("out", "extract/data/relpaths.tsv", "table to write (empty: do not write)")
	minRight := flag.Int("min", 2, "a lexical path becomes a rule when the gold states its predicate at least this often")
	minRightS := flag.Int("min-shape", 5, "the same for a path with only the lemma where its halves meet (T) and for its shape (S: relations and prepositions only)")
	minPrec := flag.Float64("precision", 0.5, "and in at least this share of the times the path was seen")
	minNone := flag.Int("none", 3, "a lexical path seen this often that states nothing is kept as none (its shape does not speak for it)")
	cv := flag.Bool("cv", false, "instead of writing the table, cross-validate these settings on dev: learn from one half of its articles, score the other half, both ways (nothing is written)")
	flag.Parse()
	docs, _, err := eval.LoadNewsDocs(mentions.DefaultGUMDir())
	if err != nil {
		fmt.Fprintln(os.Stderr, "relpaths:", err)
		os.Exit(1)
	}
	// only the public-domain Voice of America articles: a table learnt from GUM's documents
	// would be a list derived from data the project may not copy (eval/README.md)
	var voa []eval.RelDoc
	for _, d := range eval.OfSplit(docs, "dev") {
		if d.Group == "voa" || d.Group == "voa-examples" {
			voa = append(voa, d)
		}
	}
	docs = voa
	// learn from the rules' extractor without the learnt table, so that the counts do not
	// depend on the table they write
	x := extract.New(extract.DefaultStages()...)
	extract.SetPathTable(nil)
	opt := eval.PathTableOptions{MinRight: *minRight, MinRightS: *minRightS, MinPrecision: *minPrec, MinSeenNone: *minNone}
	if *cv {
		crossValidate(docs, x, opt)
		return
	}
	pc := eval.CountPaths(docs, x)
	var b bytes.Buffer
	b.WriteString("# Dependency paths between two named entities and the predicate they state, learnt from\n")
	b.WriteString("# the Voice of America articles (public domain) of the dev split of the team's news test set\n")
	b.WriteString("# (eval/testdata/news, annotated by the team) by `go run ./eval/relpaths`.\n")
	fmt.Fprintf(&b, "# -min %d -min-shape %d -precision %g -none %d\n", *minRight, *minRightS, *minPrec, *minNone)
	b.WriteString("# kind (L lexical, T top word only, S shape)\tsignature\tpredicate (empty: none)\tright\tseen\n")
	n, err := pc.WriteTable(&b, opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "relpaths:", err)
		os.Exit(1)
	}
	fmt.Printf("%d dev articles, %d signatures, %d rules\n", len(docs), len(pc.Seen), n)
	if *out != "" {
		if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "relpaths:", err)
			os.Exit(1)
		}
		fmt.Println("wrote", *out)
	}
}

// crossValidate learns a table from each half of the articles (split by a hash of their id)
// and scores the other half with and without it: what the table adds on articles it did not
// see.
func crossValidate(docs []eval.RelDoc, x *extract.Extractor, opt eval.PathTableOptions) {
	var folds [2][]eval.RelDoc
	for _, d := range docs {
		h := fnv.New32a()
		h.Write([]byte(d.ID))
		folds[h.Sum32()%2] = append(folds[h.Sum32()%2], d)
	}
	var without, with score.Counts
	for f := range folds {
		extract.SetPathTable(nil)
		pc := eval.CountPaths(folds[f], x)
		add := func(to *score.Counts) {
			c := eval.Relations(folds[1-f], x).Counts[eval.RelAll]
			to.TP, to.FP, to.FN = to.TP+c.TP, to.FP+c.FP, to.FN+c.FN
		}
		add(&without)
		var b bytes.Buffer
		if _, err := pc.WriteTable(&b, opt); err != nil {
			fmt.Fprintln(os.Stderr, "relpaths:", err)
			os.Exit(1)
		}
		extract.SetPathTable(extract.ParsePathTable(b.String()))
		add(&with)
	}
	extract.SetPathTable(nil)
	fmt.Printf("two-fold cross-validation on %d dev articles, all predicates:\n", len(docs))
	fmt.Printf("  without the table: P %.1f R %.1f F1 %.1f (right %d, wrong %d, missed %d)\n", 100*without.P(), 100*without.R(), 100*without.F1(), without.TP, without.FP, without.FN)
	fmt.Printf("  with it:           P %.1f R %.1f F1 %.1f (right %d, wrong %d, missed %d)\n", 100*with.P(), 100*with.R(), 100*with.F1(), with.TP, with.FP, with.FN)
}
