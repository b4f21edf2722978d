// Command gmbjsonl writes the GMB corpus (Voice of America sentences, ../shared/data/gmb) as
// JSON Lines articles of consecutive sentences, for load benchmarks: 47,959 sentences in
// articles of 20 give 2,398 articles. With -copies N the corpus is written N times over, each
// copy with its own ids, so that a load of it writes N times as many articles.
//
//	go run ./bench/gmbjsonl -copies 4 -out /tmp/gmb4.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/newsgraph/newsgraph/internal/gmb"
)

func main() {
	data := flag.String("data", gmb.DefaultPath(), "GMB ner_dataset.csv")
	out := flag.String("out", "gmb.jsonl", "output file")
	size := flag.Int("sentences", 20, "sentences per article")
	copies := flag.Int("copies", 1, "times the corpus is written, with distinct ids")
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
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for c := 1; c <= *copies; c++ {
		for _, a := range arts {
			id := a.ID
			if *copies > 1 {
				id = fmt.Sprintf("%s-copy%d", a.ID, c)
			}
			if err := enc.Encode(map[string]string{"id": id, "text": a.Text, "source": "Voice of America"}); err != nil {
				log.Fatal(err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "%s: %d articles (%d sentences each, %d copies)\n", *out, len(arts)**copies, *size, *copies)
}
