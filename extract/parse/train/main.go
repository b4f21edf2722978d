// Command train trains the dependency parser of package extract/parse (with its POS tagger
// and lemmatizer) on UD English EWT, prints its dev and test scores (with predicted and with
// gold POS tags) and the GUM news scores when that data is present, and writes the model.
// Run it from the repository root:
//
//	go run ./extract/parse/train [-data ../shared/data/ud-ewt] [-out extract/parse/model] [-iters 15]
//
// Training is deterministic: the same data and flags give the same model file, byte for byte.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/extract/parse"
	"github.com/newsgraph/newsgraph/extract/tagger"
	"github.com/newsgraph/newsgraph/internal/gmb"
)

func main() {
	log.SetFlags(0)
	if err := run(os.Args[1:], os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	data := fs.String("data", parse.DefaultEWTDir(), "folder of en_ewt-ud-{train,dev,test}.conllu")
	gum := fs.String("gum", parse.DefaultGUMDir(), "folder of GUM news .conllu files, scored if present (never trained on)")
	out := fs.String("out", "extract/parse/model", "directory to write "+parse.FileName+" to (empty: do not write)")
	iters := fs.Int("iters", 0, "training passes (0: the default)")
	folds := fs.Int("folds", 0, "jackknife folds for the training POS tags (0: the default; 1: gold tags)")
	seed := fs.Uint64("seed", 1, "seed of the shuffles and the exploration")
	prune := fs.Float64("prune", 0, "drop averaged weights smaller than this, in update units (0: the default, 1; negative: keep all)")
	system := fs.String("system", "hybrid", "transition system: hybrid (arc-hybrid) or eager (arc-eager)")
	gmbPath := fs.String("gmb", gmb.DefaultPath(), "GMB corpus (ner_dataset.csv): its words are unlabelled text for the word clusters (empty: none)")
	clusters := fs.String("clusters", "32", "sizes of the word clusterings learnt from the GMB text and EWT train, comma-separated, coarsest first (empty: none)")
	test := fs.Bool("test", true, "also score the test set (tune on dev; look at test once)")
	devEach := fs.Bool("dev-each", false, "score dev after each pass (slower)")
	silver := fs.Int("silver", 0, "also learn from up to this many GMB sentences whose parses by the committed model agree with the news tagger's tags and with its own (self-training; 0: none)")
	runTags := fs.String("tags", "news", "tags the parser learns from: news (each sentence twice, with jackknifed EWT tags and with the tags of extract's news tagger, which the pipeline gives it) or own (jackknifed EWT tags only)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	train, err := parse.ReadEWT(*data, "train")
	if err != nil {
		return err
	}
	dev, err := parse.ReadEWT(*data, "dev")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "read %d training and %d dev sentences\n", len(train), len(dev))
	opt := parse.TrainOptions{Iters: *iters, Folds: *folds, Seed: *seed, Prune: *prune, Log: stdout}
	for _, f := range strings.FieldsFunc(*clusters, func(r rune) bool { return r == ',' }) {
		k, err := strconv.Atoi(f)
		if err != nil {
			return fmt.Errorf("-clusters %q: %v", *clusters, err)
		}
		opt.Clusters = append(opt.Clusters, k)
	}
	if (len(opt.Clusters) > 0 || *silver > 0) && *gmbPath != "" {
		g, err := gmb.Read(*gmbPath)
		if err != nil {
			return err
		}
		for _, s := range g {
			if len(opt.Clusters) > 0 {
				opt.Text = append(opt.Text, s.Words())
			}
			if len(opt.Silver) < *silver {
				if sv, ok := agreedTree(s.Words()); ok {
					opt.Silver = append(opt.Silver, sv)
				}
			}
		}
		fmt.Fprintf(stdout, "%d silver GMB sentences\n", len(opt.Silver))
	}
	switch *system {
	case "hybrid":
	case "eager":
		opt.System = parse.ArcEager
	default:
		return fmt.Errorf("-system %q: want hybrid or eager", *system)
	}
	switch *runTags {
	case "own":
	case "news":
		opt.RunTags = newsTags
	default:
		return fmt.Errorf("-tags %q: want own or news", *runTags)
	}
	opt.Dev, opt.DevEach = dev, *devEach
	m, err := parse.Train(train, opt)
	if err != nil {
		return err
	}
	trainTime := time.Since(start)

	// Evaluate the model as written to disk.
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if m, err = parse.LoadBytes(buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "model: %s; %.1f MB gzip'd\n", m.Info(), float64(buf.Len())/1e6)
	fmt.Fprintln(stdout, "scores over all words, punctuation included; LAS with EWT's full labels, CoNLL 2018 LAS with the universal part:")
	score := func(name string, sents []parse.Sentence) {
		parse.Evaluate(m, sents, false).Report(stdout, name+", predicted tags")
		parse.Evaluate(m, sents, true).Report(stdout, name+", gold tags")
		parse.EvaluateTags(m, sents, newsTags).Report(stdout, name+", news tagger's tags")
	}
	score("EWT dev", dev)
	if *test {
		ts, err := parse.ReadEWT(*data, "test")
		if err != nil {
			return err
		}
		score("EWT test", ts)
	}
	if g, err := parse.ReadDir(*gum); err == nil && len(g) > 0 {
		score("GUM news", g)
	} else {
		fmt.Fprintf(stdout, "no GUM news trees in %s: not scored\n", *gum)
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
		path := filepath.Join(*out, parse.FileName)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", path, buf.Len())
	}
	fmt.Fprintf(stdout, "training took %.1fs, all %.1fs\n", trainTime.Seconds(), time.Since(start).Seconds())
	return nil
}

// newsTags are the POS tags of extract's news tagger (the pipeline's Tagger stage).
// agreedTree is the committed model's parse of words when the parse with the news tagger's
// tags and the parse with its own tags agree on every head and label, for sentences of 5 to
// 40 words.
func agreedTree(words []string) (parse.Sentence, bool) {
	if len(words) < 5 || len(words) > 40 {
		return parse.Sentence{}, false
	}
	m := parse.Default()
	tags := newsTags(words)
	a, b := m.Parse(words, tags), m.Parse(words, nil)
	for i := range words {
		if a.Head[i] != b.Head[i] || a.Rel[i] != b.Rel[i] {
			return parse.Sentence{}, false
		}
	}
	s := parse.Sentence{Words: make([]parse.Word, len(words))}
	for i, w := range words {
		s.Words[i] = parse.Word{Form: w, Lemma: a.Lemma[i], UPOS: a.UPOS[i], XPOS: tags[i], Head: a.Head[i], Rel: a.Rel[i]}
	}
	return s, true
}

func newsTags(words []string) []string {
	pos, ent := make([]string, len(words)), make([]string, len(words))
	tagger.Default().TagInto(words, pos, ent)
	return pos
}
