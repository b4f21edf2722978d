// Command train trains the POS and named-entity tagger of package
// extract/tagger on the Groningen Meaning Bank corpus, evaluates it on the last
// sentences of the corpus (held out, so the split falls between stories, not
// inside them) and writes the model.
//
//	go run ./extract/tagger/train [-data ner_dataset.csv] [-out extract/tagger/model] [-iters 8] [-seed 1] [-heldout 0.1]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/newsgraph/newsgraph/extract/tagger"
	"github.com/newsgraph/newsgraph/internal/gmb"
)

func main() {
	data := flag.String("data", gmb.DefaultPath(), "GMB corpus (ner_dataset.csv)")
	out := flag.String("out", "extract/tagger/model", "directory to write "+tagger.FileName+" to (empty: do not write)")
	iters := flag.Int("iters", 8, "training passes of each perceptron")
	seed := flag.Uint64("seed", 1, "seed of the training shuffles")
	heldout := flag.Float64("heldout", 0.1, "share of sentences held out for evaluation, taken from the end of the corpus (0: train on all)")
	folds := flag.Int("folds", 4, "jackknife folds for the POS tags the NER model learns from (1: gold tags)")
	prune := flag.Float64("prune", 0.05, "drop averaged weights smaller than this")
	workers := flag.Int("workers", 2, "perceptrons trained at once")
	titles := flag.Bool("strip-titles", true, "take titles (President, Foreign Minister, Mr.) out of person mentions, see gmb.StripTitles")
	flag.Parse()
	log.SetFlags(0)
	start := time.Now()

	sents, err := gmb.Read(*data)
	if err != nil {
		log.Fatal(err)
	}
	if *heldout < 0 || *heldout >= 1 {
		log.Fatal("-heldout must be in [0, 1)")
	}
	cut := len(sents) - int(float64(len(sents))**heldout+0.5)
	raw := examples(sents)
	exs := raw
	if *titles {
		stripped := make([]gmb.Sentence, len(sents))
		changed := 0
		for i, s := range sents {
			stripped[i] = gmb.StripTitles(s)
			for j := range s.Tokens {
				if stripped[i].Tokens[j].Tag != s.Tokens[j].Tag {
					changed++
				}
			}
		}
		exs = examples(stripped)
		fmt.Printf("titles taken out of person mentions: %d entity tags changed\n", changed)
	}
	train, test := exs[:cut], exs[cut:]
	fmt.Printf("read %d sentences in %.1fs: training on %d, holding out the last %d\n",
		len(sents), time.Since(start).Seconds(), len(train), len(test))

	m, err := tagger.Train(train, tagger.TrainOptions{
		Iters: *iters, Seed: *seed, Folds: *folds, Workers: *workers, PruneBelow: *prune, Log: os.Stdout,
	})
	if err != nil {
		log.Fatal(err)
	}
	trainTime := time.Since(start)

	// Evaluate the model as written to disk.
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		log.Fatal(err)
	}
	m, err = tagger.LoadBytes(buf.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	pf, pw, nf, nw := m.Size()
	fmt.Printf("model: %s; POS %d features, %d weights; NER %d features, %d weights; %.1f MB gzip'd\n",
		m.Info(), pf, pw, nf, nw, float64(buf.Len())/1e6)
	if len(test) > 0 {
		fmt.Println("held-out evaluation:")
		tagger.Evaluate(m, test).Report(os.Stdout)
		if *titles {
			ev := tagger.Evaluate(m, raw[cut:])
			fmt.Printf("against the corpus's own tags (titles inside person mentions half the time): per F1 %.2f%%, micro F1 %.2f%%\n",
				100*ev.ByType["per"].F1(), 100*ev.Micro.F1())
		}
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			log.Fatal(err)
		}
		path := filepath.Join(*out, tagger.FileName)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("wrote %s (%d bytes)\n", path, buf.Len())
	}
	fmt.Printf("training took %.1fs, all %.1fs\n", trainTime.Seconds(), time.Since(start).Seconds())
}

// examples turns the corpus into training examples, with the POS tags mapped
// to the Penn Treebank's own: LRB and RRB become -LRB- and -RRB-, the ";" tag
// ":", and quotation marks (all tagged “ in the corpus) “ when they open and
// ” when they close.
func examples(sents []gmb.Sentence) []tagger.Example {
	exs := make([]tagger.Example, len(sents))
	for i, s := range sents {
		n := len(s.Tokens)
		ex := tagger.Example{Words: make([]string, n), POS: make([]string, n), Ent: make([]string, n)}
		closing := gmb.ClosingQuotes(s.Tokens)
		for j, t := range s.Tokens {
			ex.Words[j], ex.Ent[j] = t.Word, t.Tag
			p := t.POS
			switch p {
			case "LRB":
				p = "-LRB-"
			case "RRB":
				p = "-RRB-"
			case ";":
				p = ":"
			case "``":
				if closing[j] {
					p = "''"
				}
			}
			ex.POS[j] = p
		}
		exs[i] = ex
	}
	return exs
}
