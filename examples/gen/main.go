// Command gen rebuilds examples/articles/voa-gmb.jsonl: Voice of America news (public domain)
// as it appears, one token per line, in the Groningen Meaning Bank's NER data set. Consecutive
// sentences come from the same stories; the corpus marks no story boundaries, so each example
// is a run of consecutive sentences. Run from the repository root:
//
//	go run ./examples/gen
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/newsgraph/newsgraph/internal/gmb"
)

func main() {
	data := flag.String("data", gmb.DefaultPath(), "GMB ner_dataset.csv")
	out := flag.String("out", "examples/articles/voa-gmb.jsonl", "output file")
	size := flag.Int("sentences", 12, "sentences per article")
	// Runs of sentences chosen by hand for their diplomacy and conflict news.
	picks := flag.String("pick", "12,14,19,21,26,28,33,38", "article numbers to keep")
	flag.Parse()
	sents, err := gmb.Read(*data)
	if err != nil {
		log.Fatal(err)
	}
	arts := gmb.Articles(sents, *size)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, p := range strings.Split(*picks, ",") {
		var n int
		fmt.Sscan(p, &n)
		if n < 1 || n > len(arts) {
			log.Fatalf("no article %d", n)
		}
		a := arts[n-1]
		rec := map[string]string{"id": "voa-" + a.ID, "text": a.Text, "source": "Voice of America",
			"title": firstWords(a.Text, 8)}
		if err := enc.Encode(rec); err != nil {
			log.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[:n]
	}
	return strings.TrimRight(strings.Join(w, " "), ".,;:") + "..."
}
