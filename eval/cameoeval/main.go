// Command cameoeval runs the CAMEO direction check: PETRARCH's unit-test sentences, with the
// fictional actors of its validation dictionary added to the gazetteer, through the extractor;
// for every expected event coding that maps to a predicate, did the extractor state it between
// the two actors, the right way round (see eval/README.md)?
//
//	go run ./eval/cameoeval        # the table
//	go run ./eval/cameoeval -v     # and every failure, the codings set aside, unasked relations
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/eval/cameo"
)

func main() {
	dir := flag.String("dir", cameo.DefaultDir(), "folder laid out like ../shared/data/cameo")
	verbose := flag.Bool("v", false, "print every failure, the codings set aside and the unasked relations")
	table := flag.Bool("table", false, "print the mapping table of event codes and exit")
	flag.Parse()
	if *table {
		fmt.Printf("%-5s %-15s %-15s %s | %s\n", "code", "CAMEO pred", "unit-test pred", "CAMEO meaning", "unit-test usage")
		for _, c := range cameo.Codes {
			fmt.Printf("%-5s %-15s %-15s %s | %s\n", c.Code, or(c.Pred), or(c.TestPred), c.CAMEO, c.UnitTest)
		}
		return
	}
	if _, err := os.Stat(*dir); err != nil {
		fmt.Fprintf(os.Stderr, "cameoeval: CAMEO data not available (%v); nothing to evaluate\n", err)
		os.Exit(2)
	}
	rep, err := cameo.Run(*dir, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cameoeval:", err)
		os.Exit(1)
	}
	rep.Print(os.Stdout, *verbose)
}

func or(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
