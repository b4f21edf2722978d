// Command firstnames rebuilds extract/data/firstnames.txt: the given names of the GMB corpus
// (Voice of America news, GMB annotations), the words that begin a multi-word person name
// at least three times and rarely stand for anything else. Run from the repository root:
//
//	go run ./extract/internal/firstnames
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/gmb"
)

func main() {
	data := flag.String("data", gmb.DefaultPath(), "GMB ner_dataset.csv")
	out := flag.String("out", "extract/data/firstnames.txt", "output file")
	min := flag.Int("min", 1, "times a word must begin a person's name")
	flag.Parse()
	sents, err := gmb.Read(*data)
	if err != nil {
		log.Fatal(err)
	}
	first := map[string]int{} // begins a person name of 2+ words
	other := map[string]int{} // appears capitalised with another tag
	for _, s := range sents {
		for i, t := range s.Tokens {
			r := []rune(t.Word)
			if len(r) < 2 || !unicode.IsUpper(r[0]) {
				continue
			}
			if t.Tag == "B-per" && i+1 < len(s.Tokens) && s.Tokens[i+1].Tag == "I-per" {
				first[t.Word]++
			} else if t.Tag != "I-per" && t.Tag != "B-per" && i > 0 {
				other[t.Word]++
			}
		}
	}
	var names []string
	for w, n := range first {
		// "PETER" in a headline and "HMS" before a ship's name are not given names.
		if n >= *min && other[w]*4 < n && !strings.ContainsAny(w, ".'") && strings.ToUpper(w) != w {
			names = append(names, w)
		}
	}
	sort.Strings(names)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Given names: words that begin a person's name at least once (and seldom anything else) in the GMB corpus")
	fmt.Fprintln(w, "# (Voice of America news, public domain; GMB annotations). go run ./extract/internal/firstnames")
	for _, n := range names {
		fmt.Fprintln(w, n)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d given names\n", len(names))
}
