package parse

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/extract/tagger"
)

// TrainOptions control Train. The zero value gives the defaults.
type TrainOptions struct {
	Iters  int    // passes over the training sentences (default 10)
	System int    // ArcHybrid (default) or ArcEager
	Seed   uint64 // seed of the shuffles and of the exploration (training is deterministic)
	// Folds: the parser learns from POS tags predicted by taggers trained on the other
	// folds (jackknifing), as it will see at run time (default 10; 1: gold tags).
	Folds int
	// ExploreFrom: from this pass on (0-based, default 1) the parser follows its own
	// prediction with probability ExploreP (default 0.9) instead of the oracle's best move,
	// so that it learns to recover from its mistakes (Goldberg and Nivre 2012).
	ExploreFrom int
	ExploreP    float64
	Prune       float64 // drop averaged weights whose magnitude is below this, in update units (default 1; negative: keep all)
	TagIters    int     // passes of the POS tagger (default 8)
	// Clusters: the numbers of word clusters of each clustering learnt from Text and the
	// training sentences (clusters.go; none: no clusters; coarsest first), of the words seen
	// at least ClusterMinCount times (default 3), in ClusterPasses passes (default 8).
	Clusters        []int
	ClusterMinCount int
	ClusterPasses   int
	Text            [][]string // unlabelled sentences for the clusters
	// RunTags, if set, gives a second set of tags the parser learns from beside the
	// jackknifed ones: those of the tagger it gets its tags from at run time (extract's news
	// tagger), whose conventions differ from EWT's.
	RunTags func(words []string) []string
	// Silver are trees of unlabelled news text (made by a parser, not people), learnt by the
	// parser only, with the tags they carry: not by the tagger, the lemmatizer or the
	// ambiguity classes.
	Silver  []Sentence
	Dev     []Sentence // if given with DevEach, parsed after each pass (with gold tags, for speed)
	DevEach bool
	Log     io.Writer
}

func (o *TrainOptions) defaults() {
	if o.Iters <= 0 {
		o.Iters = 10
	}
	if o.Folds <= 0 {
		o.Folds = 10
	}
	if o.ExploreFrom <= 0 {
		o.ExploreFrom = 1
	}
	if o.ExploreP <= 0 {
		o.ExploreP = 0.9
	}
	if o.Prune == 0 {
		o.Prune = 1
	}
	if o.Prune < 0 {
		o.Prune = 0
	}
	if o.ClusterMinCount <= 0 {
		o.ClusterMinCount = 3
	}
	if o.ClusterPasses <= 0 {
		o.ClusterPasses = 8
	}
	if o.TagIters <= 0 {
		o.TagIters = 8
	}
}

func (o *TrainOptions) logf(start time.Time, format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, "[%6.1fs] "+format+"\n", append([]any{time.Since(start).Seconds()}, args...)...)
	}
}

// trainTagger trains a POS-only tagger.Model on sentences' gold tags (no entities: every
// word is O, which the NER half learns trivially and the parser never uses).
func trainTagger(sents []Sentence, iters int) (*tagger.Model, error) {
	exs := make([]tagger.Example, len(sents))
	for i, s := range sents {
		ent := make([]string, len(s.Words))
		for j := range ent {
			ent[j] = "O"
		}
		exs[i] = tagger.Example{Words: s.Forms(), POS: s.XPOS(), Ent: ent}
	}
	return tagger.Train(exs, tagger.TrainOptions{Iters: iters, Folds: 1, Workers: 1, Seed: 1})
}

// Train trains a parser (and its tagger and lemmatizer) on gold sentences.
func Train(train []Sentence, opt TrainOptions) (*Model, error) {
	opt.defaults()
	start := time.Now()
	if len(train) == 0 {
		return nil, errors.New("parse: no training sentences")
	}
	m := &Model{tagID: map[string]int{}, system: opt.System}
	tagSet, labelSet := map[string]bool{}, map[string]bool{}
	for _, s := range train {
		for _, w := range s.Words {
			tagSet[w.XPOS] = true
			labelSet[w.Rel] = true
			if w.Head < 0 || w.Head > len(s.Words) {
				return nil, fmt.Errorf("parse: training sentence without a full tree: %v", s.Comments)
			}
		}
	}
	m.tags, m.labels = sortedSet(tagSet), sortedSet(labelSet)
	if len(m.labels) > 64 || 2*len(m.labels)+1 > 255 {
		return nil, errors.New("parse: too many labels")
	}
	for i, t := range m.tags {
		m.tagID[t] = i
	}
	labelID := map[string]uint8{}
	for i, l := range m.labels {
		labelID[l] = uint8(i)
	}
	m.lem = trainLemmatizer(train)

	var err error
	if m.pos, err = trainTagger(train, opt.TagIters); err != nil {
		return nil, err
	}
	opt.logf(start, "tagger trained on %d sentences", len(train))
	// The tags the parser learns from.
	tags := make([][]string, len(train))
	for i, s := range train {
		tags[i] = s.XPOS()
	}
	if opt.Folds > 1 {
		right, all := 0, 0
		for f := 0; f < opt.Folds; f++ {
			var in []Sentence
			for i, s := range train {
				if i%opt.Folds != f {
					in = append(in, s)
				}
			}
			tm, err := trainTagger(in, opt.TagIters)
			if err != nil {
				return nil, err
			}
			for i := f; i < len(train); i += opt.Folds {
				p := make([]string, len(train[i].Words))
				tm.TagInto(train[i].Forms(), p, nil)
				for j, t := range p {
					all++
					if t == tags[i][j] {
						right++
					}
				}
				tags[i] = p
			}
		}
		opt.logf(start, "jackknifed tags (%d folds): %.2f%% right", opt.Folds, 100*float64(right)/float64(all))
	}

	// Words seen at least 3 times get an ambiguity class (1 was measured: no better on dev,
	// worse on GUM news).
	m.amb = ambiguityClasses(train, 3)
	opt.logf(start, "%d words with an ambiguity class", len(m.amb))
	if len(opt.Clusters) > maxGranularities {
		return nil, fmt.Errorf("parse: at most %d clusterings", maxGranularities)
	}
	if len(opt.Clusters) > 0 {
		text := opt.Text
		for _, s := range train {
			text = append(text, s.Forms())
		}
		m.clusters = map[uint64]uint64{}
		for g, k := range opt.Clusters {
			if k < 1 || k > 4095 {
				return nil, fmt.Errorf("parse: %d clusters", k)
			}
			cl := trainClusters(text, k, opt.ClusterMinCount, opt.ClusterPasses)
			for w, c := range cl {
				m.clusters[hashString(w)] |= uint64(c) << (12 * g)
			}
			opt.logf(start, "%d words in %d clusters, from %d sentences", len(cl), k, len(text))
		}
	}
	// With RunTags every sentence is learnt twice, with each kind of tags, so that the parser
	// reads both well.
	if opt.RunTags != nil {
		right, all := 0, 0
		n := len(train)
		for i := 0; i < n; i++ {
			p := opt.RunTags(train[i].Forms())
			for j, t := range p {
				all++
				if t == train[i].Words[j].XPOS {
					right++
				}
			}
			train = append(train, train[i])
			tags = append(tags, p)
		}
		opt.logf(start, "run-time tags: %.2f%% as EWT's", 100*float64(right)/float64(all))
	}
	for _, sv := range opt.Silver {
		train = append(train, sv)
		tags = append(tags, sv.XPOS())
	}
	if len(opt.Silver) > 0 {
		opt.logf(start, "%d silver sentences", len(opt.Silver))
	}
	type ex struct {
		toks []token
		gh   []int32
		gl   []uint8
	}
	exs := make([]ex, len(train))
	for i, s := range train {
		n := len(s.Words)
		e := ex{toks: make([]token, n), gh: make([]int32, n), gl: make([]uint8, n)}
		for j, w := range s.Words {
			e.toks[j] = makeToken(w.Form, m.tagNum(tags[i][j]), m.amb, m.clusters)
			h := int32(w.Head) - 1
			if h < 0 {
				h = int32(n)
			}
			e.gh[j], e.gl[j] = h, labelID[w.Rel]
		}
		exs[i] = e
	}

	nl := len(m.labels)
	nc := numClasses(nl)
	tw := newTrainWeights()
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	st := state{eager: opt.System == ArcEager}
	var fs []uint64
	var grp [numGroups][]uint64
	scores := make([]float32, nc)
	costs := make([]int, nc)
	for it := 0; it < opt.Iters; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		steps, errs := 0, 0
		for _, oi := range order {
			e := &exs[oi]
			n := len(e.toks)
			st.reset(n)
			for !st.done() {
				fs = extract(fs[:0], &grp, &st, e.toks)
				for _, g := range grp {
					fs = append(fs, g...)
				}
				tw.score(fs, scores)
				pred := bestValid(&st, scores, nl)
				// Costs of every valid labelled move.
				csh, cl, cr, cre := st.costs(e.gh)
				sh, le, ri, re := st.valid()
				minCost := 1 << 30
				for c := range costs {
					costs[c] = -1
				}
				if sh {
					costs[0] = csh
				}
				if re {
					costs[nc-1] = cre
				}
				for _, a := range []struct {
					ok   bool
					move int
					cost int
					from int
				}{{le, moveLeft, cl, 1}, {ri, moveRight, cr, 1 + nl}} {
					if !a.ok {
						continue
					}
					h, d := st.arcOf(a.move)
					gold := e.gh[d] == h
					for l := 0; l < nl; l++ {
						c := a.cost
						if gold && uint8(l) != e.gl[d] {
							c++
						}
						costs[a.from+l] = c
					}
				}
				for _, c := range costs {
					if c >= 0 && c < minCost {
						minCost = c
					}
				}
				best := -1
				for c, cost := range costs {
					if cost == minCost && (best < 0 || scores[c] > scores[best]) {
						best = c
					}
				}
				tw.now++
				steps++
				next := best
				if costs[pred] > minCost {
					errs++
					tw.update(fs, uint8(best), 1)
					tw.update(fs, uint8(pred), -1)
					if it >= opt.ExploreFrom && rng.Float64() < opt.ExploreP {
						next = pred
					}
				} else {
					next = pred
				}
				mv, l := decode(next, nl)
				st.apply(mv, l)
			}
		}
		msg := ""
		if opt.DevEach && len(opt.Dev) > 0 {
			m.w = tw.average(opt.Prune)
			sc := Evaluate(m, opt.Dev, true)
			msg = fmt.Sprintf("; dev (gold tags) UAS %.2f LAS %.2f", 100*sc.UAS(), 100*sc.LAS())
		}
		opt.logf(start, "pass %d: %.2f%% of %d moves wrong, %d features%s", it+1, 100*float64(errs)/float64(steps), steps, len(tw.rows), msg)
	}
	m.w = tw.average(opt.Prune)
	m.info = fmt.Sprintf("%s, dynamic oracle, %d passes, %d folds, prune %g, %d features, %d weights",
		[]string{"arc-hybrid", "arc-eager"}[opt.System], opt.Iters, opt.Folds, opt.Prune, m.w.numFeatures(), m.w.numWeights())
	opt.logf(start, "model: %s", m.info)
	return m, nil
}

func sortedSet(s map[string]bool) []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ambiguityClasses maps the words seen at least minCount times to a hash of the set of tags
// they have in the training sentences.
func ambiguityClasses(train []Sentence, minCount int) map[uint64]uint64 {
	tagsOf := map[uint64]map[string]bool{}
	count := map[uint64]int{}
	for _, s := range train {
		for _, w := range s.Words {
			h := hashString(strings.ToLower(w.Form))
			if tagsOf[h] == nil {
				tagsOf[h] = map[string]bool{}
			}
			tagsOf[h][w.XPOS] = true
			count[h]++
		}
	}
	out := map[uint64]uint64{}
	for h, ts := range tagsOf {
		if count[h] >= minCount {
			out[h] = hashString(strings.Join(sortedSet(ts), " "))
		}
	}
	return out
}
