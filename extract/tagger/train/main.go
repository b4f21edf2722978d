// Command train trains the POS and named-entity tagger of package
// extract/tagger on the Groningen Meaning Bank corpus and (NER only) the cased
// sentences of Universal NER English-EWT, evaluates it on the last sentences of
// GMB (held out, so that the split falls between stories, not inside them) and
// on UNER-EWT dev, and writes the model. Run it from the repository root:
//
//	go run ./extract/tagger/train [-data ner_dataset.csv] [-uner ../shared/data/uner-ewt] [-out extract/tagger/model] [-iters 8] [-seed 1] [-heldout 0.1]
//
// Training is deterministic: the same data and flags give the same model file,
// byte for byte.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"time"

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
	data := fs.String("data", gmb.DefaultPath(), "GMB corpus (ner_dataset.csv)")
	out := fs.String("out", "extract/tagger/model", "directory to write "+tagger.FileName+" to (empty: do not write)")
	iters := fs.Int("iters", 8, "training passes of each perceptron")
	seed := fs.Uint64("seed", 1, "seed of the training shuffles")
	heldout := fs.Float64("heldout", 0.1, "share of sentences held out for evaluation, taken from the end of the corpus (0: train on all)")
	folds := fs.Int("folds", 4, "jackknife folds for the POS tags the NER model learns from (1: gold tags)")
	prune := fs.Float64("prune", 0.05, "drop averaged weights smaller than this")
	workers := fs.Int("workers", 2, "perceptrons trained at once")
	titles := fs.Bool("strip-titles", true, "take titles (President, Foreign Minister, Mr.) out of person mentions, see gmb.StripTitles")
	feats := fs.Int("features", 0, "optional feature groups: 0 all, -1 none, 1 gazetteer, 2 context (a bit set)")
	dropout := fs.Float64("word-dropout", 0, "share of capitalised tokens whose word identity the NER model does not see in training")
	uner := fs.String("uner", "", "Universal NER English-EWT folder (en_ewt-ud-{train,dev}.iob2) to train the NER model on too, e.g. ../shared/data/uner-ewt; empty (the committed model): GMB only")
	unerRepeat := fs.Int("uner-repeat", 1, "times each UNER training sentence is shown per pass (weight against GMB)")
	unerLoc := fs.String("uner-loc", "geo", "UNER's LOC becomes: geo, gpe, or gaz (gpe for the gazetteer's country names, else geo)")
	unerFilter := fs.String("uner-filter", "cased", "UNER training sentences: none (all), cased (only those whose entities are capitalised and with a capitalised word after the first), cased-ents (and only those with a PER, ORG or LOC mention)")
	unerSkipOth := fs.Bool("uner-skip-oth", false, "do not learn from the tokens of UNER's OTH mentions (else they are filled in like O tokens)")
	unerSkipConflicts := fs.Bool("uner-skip-conflicts", false, "do not learn from UNER tokens outside its mentions that the GMB model tags per, org or geo")
	unerLex := fs.Bool("uner-lexicon", false, "count the UNER training sentences in the case lexicon too")
	excludeNews := fs.String("exclude-news", newsTestDir(), "leave out of training the GMB sentences of the news test set's articles in this folder and its b/ (their articles.jsonl's gmb_first_sentence and sentences), so that scores on it are of text the model never saw; empty: leave none out")
	evalModel := fs.String("eval-model", "", "do not train: evaluate this model file on the held-out GMB sentences and UNER-EWT dev")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *heldout < 0 || *heldout >= 1 {
		return errors.New("-heldout must be in [0, 1)")
	}
	start := time.Now()

	sents, err := gmb.Read(*data)
	if err != nil {
		return err
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
		fmt.Fprintf(stdout, "titles taken out of person mentions: %d entity tags changed\n", changed)
	}
	train, test := exs[:cut], exs[cut:]
	if *excludeNews != "" {
		skip, err := newsSentences(*excludeNews)
		if err != nil {
			return err
		}
		kept := make([]tagger.Example, 0, len(train))
		for i, ex := range train {
			if !skip[i] {
				kept = append(kept, ex)
			}
		}
		fmt.Fprintf(stdout, "left out %d sentences of the news test set's articles (%s)\n", len(train)-len(kept), *excludeNews)
		train = kept
	}
	fmt.Fprintf(stdout, "read %d sentences in %.1fs: training on %d, holding out the last %d\n",
		len(sents), time.Since(start).Seconds(), len(train), len(test))
	var unerDev []unerSentence
	if *uner != "" {
		us, err := readUNER(filepath.Join(*uner, "en_ewt-ud-train.iob2"))
		if err != nil {
			return err
		}
		if unerDev, err = readUNER(filepath.Join(*uner, "en_ewt-ud-dev.iob2")); err != nil {
			return err
		}
		uexs, dropped := unerExamples(us, unerOptions{Loc: *unerLoc, Filter: *unerFilter, SkipOther: *unerSkipOth})
		fmt.Fprintf(stdout, "UNER-EWT: %d training sentences (%d left out by -uner-filter %s), shown %d times; LOC as %s\n",
			len(uexs), dropped, *unerFilter, *unerRepeat, *unerLoc)
		train = train[:len(train):len(train)]
		for range *unerRepeat {
			train = append(train, uexs...)
		}
	}

	if *evalModel != "" {
		m, err := tagger.LoadFile(*evalModel)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "model: %s\n", m.Info())
		tagger.Evaluate(m, test).Report(stdout)
		reportUNER(stdout, m, unerDev)
		return nil
	}
	m, err := tagger.Train(train, tagger.TrainOptions{
		Iters: *iters, Seed: *seed, Folds: *folds, Workers: *workers, PruneBelow: *prune, Features: *feats, WordDropout: *dropout,
		FillTypes: unerFill, LexiconAll: *unerLex, SkipConflicts: *unerSkipConflicts, Log: stdout,
	})
	if err != nil {
		return err
	}
	trainTime := time.Since(start)

	// Evaluate the model as written to disk.
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	m, err = tagger.LoadBytes(buf.Bytes())
	if err != nil {
		return err
	}
	pf, pw, nf, nw := m.Size()
	fmt.Fprintf(stdout, "model: %s\n  POS %d features, %d weights; NER %d features, %d weights; %.1f MB gzip'd\n",
		m.Info(), pf, pw, nf, nw, float64(buf.Len())/1e6)
	if len(test) > 0 {
		fmt.Fprintln(stdout, "held-out evaluation:")
		tagger.Evaluate(m, test).Report(stdout)
		if *titles {
			ev := tagger.Evaluate(m, raw[cut:])
			fmt.Fprintf(stdout, "against the corpus's own tags (titles inside person mentions half the time): per F1 %.2f%%, micro F1 %.2f%%\n",
				100*ev.Of("per").F1(), 100*ev.Micro.F1())
		}
	}
	reportUNER(stdout, m, unerDev)
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
		path := filepath.Join(*out, tagger.FileName)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", path, buf.Len())
	}
	fmt.Fprintf(stdout, "training took %.1fs, all %.1fs\n", trainTime.Seconds(), time.Since(start).Seconds())
	return nil
}

// newsTestDir is the repository's news test set, found from the working directory up to go.mod
// ("" when there is none).
func newsTestDir() string {
	dir, err := os.Getwd()
	for err == nil {
		if _, e := os.Stat(filepath.Join(dir, "go.mod")); e == nil {
			return filepath.Join(dir, "eval", "testdata", "news")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}

// newsSentences are the indexes of the GMB sentences that the news test set's articles (dir's
// articles.jsonl and b/articles.jsonl) were cut from.
func newsSentences(dir string) (map[int]bool, error) {
	skip := map[int]bool{}
	for _, p := range []string{filepath.Join(dir, "articles.jsonl"), filepath.Join(dir, "b", "articles.jsonl")} {
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) && p != filepath.Join(dir, "articles.jsonl") {
			continue
		}
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for n := 1; sc.Scan(); n++ {
			var a struct {
				First *int `json:"gmb_first_sentence"`
				N     int  `json:"sentences"`
			}
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s:%d: %w", p, n, err)
			}
			if a.First == nil {
				continue
			}
			for i := *a.First; i < *a.First+a.N; i++ {
				skip[i] = true
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return skip, nil
}

// examples turns the corpus into training examples, with the POS tags mapped
// to the Penn Treebank's own (gmb.Sentence.PennPOS).
func examples(sents []gmb.Sentence) []tagger.Example {
	exs := make([]tagger.Example, len(sents))
	for i, s := range sents {
		exs[i] = tagger.Example{Words: s.Words(), POS: s.PennPOS(), Ent: s.Tags()}
	}
	return exs
}

// reportUNER prints the model's exact-span F1 on UNER-EWT dev, with UNER's
// LOC compared to the tagger's geo, then to geo and gpe.
func reportUNER(stdout io.Writer, m *tagger.Model, unerDev []unerSentence) {
	if len(unerDev) == 0 {
		return
	}
	for _, gpe := range []bool{false, true} {
		ev := evalUNER(m, unerDev, gpe)
		name := "geo"
		if gpe {
			name = "geo+gpe"
		}
		fmt.Fprintf(stdout, "UNER-EWT dev (%d sentences), exact spans, LOC = %s: PER %.2f%%, ORG %.2f%%, LOC %.2f%% (P %.2f%% R %.2f%%), micro F1 %.2f%% (P %.2f%% R %.2f%%)\n",
			len(unerDev), name, 100*ev.Of("PER").F1(), 100*ev.Of("ORG").F1(), 100*ev.Of("LOC").F1(),
			100*ev.Of("LOC").Precision(), 100*ev.Of("LOC").Recall(),
			100*ev.Micro.F1(), 100*ev.Micro.Precision(), 100*ev.Micro.Recall())
	}
}
