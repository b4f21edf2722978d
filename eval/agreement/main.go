// Command agreement prints inter-annotator agreement on the news test set: the first
// annotator's eval/testdata/news/{entities,gold}.jsonl against the second annotation in
// eval/testdata/news/second/, on the documents both annotated.
//
//	go run ./eval/agreement [-a DIR] [-b DIR] [-v]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsgraph/newsgraph/eval"
)

func main() {
	news := eval.DefaultNewsDir()
	a := flag.String("a", news, "directory of annotation A (entities.jsonl, gold.jsonl)")
	b := flag.String("b", filepath.Join(news, "second"), "directory of annotation B")
	verbose := flag.Bool("v", false, "list the relation lines only one annotator wrote and the flag differences")
	flag.Parse()
	rep, err := eval.AgreementFiles(*a, *b, filepath.Join(news, "articles.jsonl"), filepath.Join(news, "b", "articles.jsonl"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	rep.Print(os.Stdout, *verbose)
}
