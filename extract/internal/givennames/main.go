// Command givennames rebuilds extract/data/givennames.txt: popular given names from the npm
// package human-names (MIT licence, Alessandro Minoccheri; English, French, Dutch, Spanish,
// Italian and German lists), less the names that news uses for something else: a country,
// organisation, region or title the gazetteer knows ("Georgia", "Jordan"), or a word GMB's
// news writes in lower case ("will", "hope", "mark"). Run from the repository root:
//
//	npm pack human-names@1.0.13 && tar xzf human-names-1.0.13.tgz   # anywhere, e.g. in /tmp
//	go run ./extract/internal/givennames -from /tmp/package/data
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
	"github.com/newsgraph/newsgraph/internal/gmb"
)

func main() {
	from := flag.String("from", "", "the data folder of the human-names npm package (*-human-names-*.json)")
	data := flag.String("data", gmb.DefaultPath(), "GMB ner_dataset.csv")
	out := flag.String("out", "extract/data/givennames.txt", "output file")
	flag.Parse()
	if *from == "" {
		log.Fatal("give -from: the data folder of the human-names npm package")
	}
	files, err := filepath.Glob(filepath.Join(*from, "*-human-names-*.json"))
	if err != nil || len(files) == 0 {
		log.Fatalf("no *-human-names-*.json in %s", *from)
	}
	names := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		var list []string
		if err := json.Unmarshal(b, &list); err != nil {
			log.Fatalf("%s: %v", f, err)
		}
		for _, n := range list {
			r := []rune(n)
			if len(r) >= 2 && unicode.IsUpper(r[0]) && !strings.ContainsAny(n, " .'") {
				names[n] = true
			}
		}
	}
	sents, err := gmb.Read(*data)
	if err != nil {
		log.Fatal(err)
	}
	lower := map[string]int{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			if r := []rune(t.Word); len(r) > 0 && unicode.IsLower(r[0]) {
				lower[t.Word]++
			}
		}
	}
	g := gazetteer.Default()
	var kept []string
	for n := range names {
		if lower[strings.ToLower(n)] >= 3 {
			continue
		}
		// Cities stay: "Elizabeth", "Victoria" begin people's names more often than not.
		if hits := g.Match(n, 0); len(hits) > 0 && hits[0].End == len(n) && hits[0].Entry.Type != gazetteer.City {
			continue
		}
		kept = append(kept, n)
	}
	sort.Strings(kept)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Popular given names from the npm package human-names 1.0.13 (MIT licence, Copyright (c) 2015")
	fmt.Fprintln(w, "# Alessandro Minoccheri), less names of countries, regions, organisations and titles and words news writes in")
	fmt.Fprintln(w, "# lower case. go run ./extract/internal/givennames -from DIR (see that command)")
	for _, n := range kept {
		fmt.Fprintln(w, n)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d given names (of %d)\n", len(kept), len(names))
}
