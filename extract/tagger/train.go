package tagger

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
)

// Indices in nerStatic's output of the features WordDropout hides.
const (
	dropW    = 4 // after the features of the words at -2 (1) and -1 (3)
	dropEW   = 5
	dropWm1W = numNERWord + numNERContext - numNERSparseContext
	dropWWp1 = dropWm1W + 1
)

func dropInfo(p float64) string {
	if p <= 0 {
		return ""
	}
	return fmt.Sprintf("; word dropout %g", p)
}

func featureInfo(f int) string {
	s := ""
	if f&FeatGazetteer != 0 {
		s += "; gazetteer features"
	}
	if f&FeatContext != 0 {
		s += "; context features"
	}
	return s
}

// Example is one training sentence: words with their gold POS and IOB2
// entity tags.
type Example struct {
	Words, POS, Ent []string
	// NEROnly: the sentence teaches the NER model only. Its POS tags are
	// ignored (POS may be nil): it stays out of the POS model, the tag
	// dictionary and the case lexicon, and the NER model learns from the tags
	// the POS models predict for it (as for the other sentences).
	NEROnly bool
}

// Unannotated, as an entity tag of an Example, says that the annotation does
// not decide the token: before the NER model is trained, a model trained on
// the fully annotated examples tags the sentence, and the token takes its tag
// when it is of one of TrainOptions.FillTypes, else O.
const Unannotated = "?"

// Unknown, as an entity tag of a NER-only Example, says that the token is not
// learnt from at all: whatever the model predicts there counts as right (for
// mentions of a type the tagger does not have, such as UNER's OTH).
const Unknown = "*"

// TrainOptions control Train. The zero value gives the defaults.
type TrainOptions struct {
	Iters   int    // passes over the data for each perceptron (default 8)
	Seed    uint64 // seed of the shuffles (training is deterministic for a seed)
	Folds   int    // jackknife folds giving the NER model predicted POS tags to learn from (default 4; 1: gold tags)
	Workers int    // perceptrons trained at once (default 2)
	// PruneBelow drops averaged weights whose magnitude is below it (in
	// perceptron update units; default 0.05), and with them features left
	// with no weight.
	PruneBelow float64
	// DictMinFreq and DictMinShare choose the words tagged from the tag
	// dictionary without the POS model: seen at least DictMinFreq times
	// (default 20) with one tag at least DictMinShare of the time (default 0.97).
	DictMinFreq  int
	DictMinShare float64
	// VocabMinFreq: words seen at least this often (default 5) get a record
	// of their summed NER word-feature weights, which makes tagging faster
	// (the tags do not change).
	VocabMinFreq int
	// Features: the optional feature groups to learn (FeatGazetteer,
	// FeatContext); 0 means FeatAll, -1 none.
	Features int
	// WordDropout: in NER training, the share of capitalised tokens whose
	// own word-identity features (the word, its exact form, and the word
	// pairs) are hidden, so that the model learns to tag names it has never
	// seen from their shape, affixes, gazetteer values and context.
	WordDropout float64
	// FillTypes: the entity types an Unannotated token may take from the
	// model trained on the fully annotated examples (e.g. tim, gpe, eve, art
	// and nat for a corpus annotating only persons, organisations and
	// locations).
	FillTypes []string
	// SkipConflicts: an Unannotated token that the filling model tags with a
	// type not in FillTypes is not learnt from (rather than taught O).
	SkipConflicts bool
	// LexiconAll: the case lexicon (how a word is written when it does not
	// start a sentence) also counts the NER-only examples.
	LexiconAll bool
	Log        io.Writer // progress, or nil
}

func (o *TrainOptions) defaults() {
	if o.Iters <= 0 {
		o.Iters = 8
	}
	if o.Folds <= 0 {
		o.Folds = 4
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.PruneBelow == 0 {
		o.PruneBelow = 0.05
	}
	if o.DictMinFreq <= 0 {
		o.DictMinFreq = 20
	}
	if o.DictMinShare <= 0 {
		o.DictMinShare = 0.97
	}
	if o.VocabMinFreq <= 0 {
		o.VocabMinFreq = 5
	}
}

type trainer struct {
	opt      TrainOptions
	posTags  []string
	entTags  []string
	posHash  []uint64
	entHash  []uint64
	allowed  []bool
	infos    [][]tokInfo // per example, with padding
	goldPOS  [][]uint8
	goldEnt  [][]uint8
	dict     map[uint64]uint8
	lex      lexicon
	logMu    sync.Mutex
	started  time.Time
	nTokens  int
	posInput [][]uint64 // per example: hashes of the POS tags the NER model learns from
	main     []int      // the examples with POS tags
}

// unannotated marks, in goldEnt, a token whose tag fill decides; unknownEnt
// one that the NER model does not learn from.
const (
	unannotated = 255
	unknownEnt  = 254
)

func (tr *trainer) hasUnannotated(exs []int) bool {
	for _, e := range exs {
		if slices.Contains(tr.goldEnt[e], unannotated) {
			return true
		}
	}
	return false
}

// fill tags the examples with the NER table td and gives each unannotated
// token the predicted tag when its type is in FillTypes, else O; then repairs
// IOB2 (an I- tag that does not continue its type becomes B-).
func (tr *trainer) fill(td tableData, exs []int) {
	nE := len(tr.entTags)
	tbl := buildTable(td.nClass, td.keys, td.counts, td.classes, td.weights)
	ok := make([]bool, nE)
	var o uint8
	for c, t := range tr.entTags {
		if t == "O" {
			o = uint8(c)
		}
		if len(t) > 2 && slices.Contains(tr.opt.FillTypes, t[2:]) {
			ok[c] = true
		}
	}
	var feats [maxNERFeats]uint64
	scores := make([]int32, nE)
	var entH []uint64
	filled, skipped, total := 0, 0, 0
	for _, e := range exs {
		ti, gold, posH := tr.infos[e], tr.goldEnt[e], tr.posInput[e]
		n := len(ti)
		entH = grow(entH, n)
		entH[0], entH[1] = start2H, startH
		prev := nE
		for i := 2; i < n-2; i++ {
			k := nerStatic(ti, posH, i, feats[:])
			nerDynamic(ti, posH, i, entH[i-1], entH[i-2], feats[k:k+numNERDynamic])
			k += numNERDynamic
			clear(scores)
			for _, f := range feats[:k] {
				if f != 0 {
					tbl.add(f, scores)
				}
			}
			guess := argmaxAllowed(scores, tr.allowed[prev*nE:(prev+1)*nE])
			entH[i] = tr.entHash[guess]
			prev = int(guess)
			if gold[i-2] == unannotated {
				total++
				switch {
				case ok[guess]:
					gold[i-2] = guess
					filled++
				case tr.opt.SkipConflicts && guess != o:
					gold[i-2] = unknownEnt
					skipped++
				default:
					gold[i-2] = o
				}
			}
		}
		prevT := "O"
		for j, g := range gold {
			if g == unknownEnt {
				prevT = "O"
				continue
			}
			t := tr.entTags[g]
			if strings.HasPrefix(t, "I-") && prevT[min(2, len(prevT)):] != t[2:] {
				if b, found := slices.BinarySearch(tr.entTags, "B-"+t[2:]); found {
					gold[j] = uint8(b)
					t = tr.entTags[b]
				} else {
					gold[j], t = o, "O"
				}
			}
			prevT = t
		}
	}
	tr.logf("filled in %d of %d unannotated tokens with %v; %d left unlearnt", filled, total, tr.opt.FillTypes, skipped)
}

func (tr *trainer) logf(format string, args ...any) {
	if tr.opt.Log == nil {
		return
	}
	tr.logMu.Lock()
	defer tr.logMu.Unlock()
	fmt.Fprintf(tr.opt.Log, "[%6.1fs] "+format+"\n", append([]any{time.Since(tr.started).Seconds()}, args...)...)
}

// Train trains a POS and an NER model on the examples.
func Train(exs []Example, opt TrainOptions) (*Model, error) {
	opt.defaults()
	if len(exs) == 0 {
		return nil, errors.New("tagger: no training examples")
	}
	tr := &trainer{opt: opt, started: time.Now()}
	saved := features
	defer func() { features = saved }()
	switch {
	case opt.Features == 0:
		features = FeatAll
	case opt.Features < 0:
		features = 0
	default:
		features = opt.Features
	}
	posSet, entSet := map[string]bool{}, map[string]bool{"O": true}
	for i, ex := range exs {
		if len(ex.Words) == 0 || (!ex.NEROnly && len(ex.POS) != len(ex.Words)) || len(ex.Ent) != len(ex.Words) {
			return nil, fmt.Errorf("tagger: example %d: %d words, %d POS tags, %d entity tags", i, len(ex.Words), len(ex.POS), len(ex.Ent))
		}
		for j := range ex.Words {
			if !ex.NEROnly {
				posSet[ex.POS[j]] = true
			}
			if ex.Ent[j] != Unannotated && ex.Ent[j] != Unknown {
				entSet[ex.Ent[j]] = true
			} else if !ex.NEROnly {
				return nil, fmt.Errorf("tagger: example %d: unannotated tokens are only for NER-only examples", i)
			}
		}
		tr.nTokens += len(ex.Words)
	}
	tr.posTags = sortedKeys(posSet)
	tr.entTags = sortedKeys(entSet)
	if len(tr.posTags) > 255 || len(tr.entTags) > 255 {
		return nil, errors.New("tagger: too many tags")
	}
	for _, t := range tr.entTags {
		if t != "O" && !strings.HasPrefix(t, "B-") && !strings.HasPrefix(t, "I-") {
			return nil, fmt.Errorf("tagger: entity tag %q is not IOB2", t)
		}
	}
	posID, entID := index(tr.posTags), index(tr.entTags)
	for _, t := range tr.posTags {
		tr.posHash = append(tr.posHash, hashString("pos:"+t))
	}
	for _, t := range tr.entTags {
		tr.entHash = append(tr.entHash, hashString("ent:"+t))
	}
	tr.allowed = entTransitions(tr.entTags)

	var main, aux []int // fully annotated examples; NER-only ones
	for i, ex := range exs {
		if ex.NEROnly {
			aux = append(aux, i)
		} else {
			main = append(main, i)
		}
	}
	if len(main) == 0 {
		return nil, errors.New("tagger: no examples with POS tags")
	}
	tr.main = main
	mainExs := make([]Example, len(main))
	for k, i := range main {
		mainExs[k] = exs[i]
	}
	if opt.LexiconAll {
		tr.lex = buildLexicon(exs)
	} else {
		tr.lex = buildLexicon(mainExs)
	}
	an := analyzer{lex: tr.lex, gaz: gazetteer.Default()}
	tr.infos = make([][]tokInfo, len(exs))
	tr.goldPOS = make([][]uint8, len(exs))
	tr.goldEnt = make([][]uint8, len(exs))
	for i, ex := range exs {
		tr.infos[i] = an.analyze(ex.Words, nil)
		an.markGazetteer(ex.Words, tr.infos[i])
		gp, ge := make([]uint8, len(ex.Words)), make([]uint8, len(ex.Words))
		prev := "O"
		for j := range ex.Words {
			if !ex.NEROnly {
				gp[j] = posID[ex.POS[j]]
			}
			e := ex.Ent[j]
			if e == Unannotated || e == Unknown {
				ge[j] = unannotated
				if e == Unknown {
					ge[j] = unknownEnt
				}
				prev = "O"
				continue
			}
			if strings.HasPrefix(e, "I-") && prev[min(2, len(prev)):] != e[2:] {
				e = "B-" + e[2:] // repair IOB2
			}
			ge[j] = entID[e]
			prev = e
		}
		if ex.NEROnly {
			gp = nil
		}
		tr.goldPOS[i], tr.goldEnt[i] = gp, ge
	}
	tr.dict = tr.buildTagDict()
	tr.logf("%d sentences (%d NER only), %d tokens, %d POS tags, %d entity tags, %d words in the tag dictionary, %d in the case lexicon",
		len(exs), len(aux), tr.nTokens, len(tr.posTags), len(tr.entTags), len(tr.dict), len(tr.lex))

	all := make([]int, len(exs))
	for i := range all {
		all[i] = i
	}

	// POS tags for the NER model to learn from: jackknifed, so that it sees
	// tags as good as (not better than) the POS model's on unseen text.
	tr.posInput = make([][]uint64, len(exs))
	sem := make(chan struct{}, opt.Workers)
	var wg sync.WaitGroup
	if opt.Folds <= 1 {
		for _, e := range main {
			tr.posInput[e] = tr.hashesOf(tr.infos[e], tr.goldPOS[e])
		}
		if len(aux) > 0 {
			tr.predictPOS(tr.trainPOS(main, "pos for NER-only examples"), aux)
		}
	} else {
		for k := range opt.Folds {
			lo, hi := k*len(main)/opt.Folds, (k+1)*len(main)/opt.Folds
			alo, ahi := k*len(aux)/opt.Folds, (k+1)*len(aux)/opt.Folds
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				rest := append(append([]int(nil), main[:lo]...), main[hi:]...)
				name := fmt.Sprintf("pos fold %d/%d", k+1, opt.Folds)
				td := tr.trainPOS(rest, name)
				tr.predictPOS(td, main[lo:hi])
				if ahi > alo {
					tr.predictPOS(td, aux[alo:ahi])
				}
			}()
		}
		wg.Wait()
	}

	// Tokens left unannotated: tagged by a model trained on the fully
	// annotated examples, for the types in FillTypes.
	if tr.hasUnannotated(aux) {
		tr.fill(tr.trainNER(main, "ner (to fill in unannotated tokens)"), aux)
	}

	var posT, nerT tableData
	wg.Add(2)
	go func() { defer wg.Done(); posT = tr.trainPOS(main, "pos") }()
	go func() { defer wg.Done(); nerT = tr.trainNER(all, "ner") }()
	wg.Wait()

	d := &modelData{
		info: fmt.Sprintf("trained on %d sentences (%d tokens); %d iterations, seed %d, %d folds, prune %g",
			len(exs), tr.nTokens, opt.Iters, opt.Seed, opt.Folds, opt.PruneBelow) + featureInfo(features) + dropInfo(opt.WordDropout),
		posTags: tr.posTags,
		entTags: tr.entTags,
		pos:     posT,
		ner:     nerT,
	}
	d.dictKeys, d.dictVals = sortedMap(tr.dict)
	d.lexKeys, d.lexVals = sortedMap(tr.lex)
	d.vocab = buildVocab(mainExs, opt.VocabMinFreq)
	m, err := newModel(d)
	if err != nil {
		return nil, err
	}
	m.data = d
	tr.logf("done")
	return m, nil
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func index(names []string) map[string]uint8 {
	m := make(map[string]uint8, len(names))
	for i, n := range names {
		m[n] = uint8(i)
	}
	return m
}

func sortedMap[M ~map[uint64]uint8](m M) ([]uint64, []uint8) {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vals := make([]uint8, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return keys, vals
}

// buildLexicon records how each word is written when it does not start a
// sentence.
func buildLexicon(exs []Example) lexicon {
	type counts struct{ upper, lower int32 }
	c := map[uint64]*counts{}
	var an analyzer
	var ti []tokInfo
	for _, ex := range exs {
		ti = an.analyze(ex.Words, ti)
		for _, t := range ti[2 : len(ti)-2] {
			if t.first {
				continue
			}
			var up bool
			switch t.cls {
			case clsTitle, clsUpper, clsLetter:
				up = true
			case clsLower:
			default:
				continue
			}
			x := c[t.lw]
			if x == nil {
				x = &counts{}
				c[t.lw] = x
			}
			if up {
				x.upper++
			} else {
				x.lower++
			}
		}
	}
	lex := lexicon{}
	for k, x := range c {
		n := x.upper + x.lower
		if n < 2 {
			continue
		}
		share := float64(x.upper) / float64(n)
		switch {
		case share < 0.1:
			lex[k] = lexLower
		case share > 0.9:
			lex[k] = lexCap
		default:
			lex[k] = lexMixed
		}
	}
	return lex
}

// buildVocab lists the normalised forms of the words seen at least minFreq
// times.
func buildVocab(exs []Example, minFreq int) []string {
	type entry struct {
		form string
		n    int
	}
	seen := map[uint64]*entry{}
	var an analyzer
	for _, ex := range exs {
		for _, w := range ex.Words {
			t := an.analyzeWord(w)
			e := seen[t.ew]
			if e == nil {
				e = &entry{form: string(an.buf)}
				seen[t.ew] = e
			}
			e.n++
		}
	}
	var vocab []string
	for _, e := range seen {
		if e.n >= minFreq {
			vocab = append(vocab, e.form)
		}
	}
	sort.Strings(vocab)
	return vocab
}

func (tr *trainer) buildTagDict() map[uint64]uint8 {
	counts := map[uint64][]int32{}
	for e, ti := range tr.infos {
		for j, g := range tr.goldPOS[e] {
			k := ti[j+2].ew
			c := counts[k]
			if c == nil {
				c = make([]int32, len(tr.posTags))
				counts[k] = c
			}
			c[g]++
		}
	}
	dict := map[uint64]uint8{}
	for k, c := range counts {
		total, best := int32(0), 0
		for t, n := range c {
			total += n
			if n > c[best] {
				best = t
			}
		}
		if int(total) >= tr.opt.DictMinFreq && float64(c[best]) >= tr.opt.DictMinShare*float64(total) {
			dict[k] = uint8(best)
		}
	}
	return dict
}

func (tr *trainer) hashesOf(ti []tokInfo, tags []uint8) []uint64 {
	h := make([]uint64, len(ti))
	n := len(ti)
	h[0], h[1], h[n-2], h[n-1] = start2H, startH, endH, end2H
	for j, t := range tags {
		h[j+2] = tr.posHash[t]
	}
	return h
}

// predictPOS tags the examples with a POS table and keeps the tags for the
// NER model.
func (tr *trainer) predictPOS(td tableData, exs []int) {
	m := &Model{
		posTags: tr.posTags,
		posHash: tr.posHash,
		tagdict: tr.dict,
		pos:     buildTable(td.nClass, td.keys, td.counts, td.classes, td.weights),
		nPosAll: len(tr.posTags) + 4,
	}
	m.buildPOSTables()
	sc := &scratch{scores: make([]int32, len(tr.posTags))}
	correct, total := 0, 0
	for _, e := range exs {
		sc.ti = tr.infos[e]
		m.tagPOS(sc)
		tr.posInput[e] = slices.Clone(sc.posH)
		for j, g := range tr.goldPOS[e] {
			if sc.posID[j+2] == g {
				correct++
			}
			total++
		}
	}
	if total > 0 {
		tr.logf("jackknifed POS accuracy on %d sentences: %.2f%%", len(exs), 100*float64(correct)/float64(total))
	}
}

func (tr *trainer) shuffler(name string) *rand.Rand {
	return rand.New(rand.NewPCG(tr.opt.Seed, hashString(name)))
}

func (tr *trainer) trainPOS(exs []int, name string) tableData {
	p := newPerceptron(len(tr.posTags))
	order := slices.Clone(exs)
	rng := tr.shuffler(name)
	var feats [maxPOSFeats]uint64
	scores := make([]int32, len(tr.posTags))
	var posH []uint64
	for it := range tr.opt.Iters {
		t0 := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, e := range order {
			ti, gold := tr.infos[e], tr.goldPOS[e]
			n := len(ti)
			posH = grow(posH, n)
			posH[0], posH[1] = start2H, startH
			for i := 2; i < n-2; i++ {
				g := gold[i-2]
				guess, ok := tr.dict[ti[i].ew]
				if !ok {
					posStatic(ti, i, feats[:numPOSStatic])
					posDynamic(ti, i, posH[i-1], posH[i-2], feats[numPOSStatic:])
					p.score(feats[:], scores)
					guess = argmax(scores)
					p.tick()
					if guess != g {
						p.update(feats[:], g, guess)
					}
				}
				if guess == g {
					correct++
				}
				total++
				posH[i] = tr.posHash[guess]
			}
		}
		tr.logf("%s: iteration %d/%d: training accuracy %.2f%% (%d features, %.1fs)",
			name, it+1, tr.opt.Iters, 100*float64(correct)/float64(total), len(p.keys), time.Since(t0).Seconds())
	}
	td := p.finalize(tr.opt.PruneBelow)
	tr.logf("%s: kept %d of %d features, %d weights", name, len(td.keys), len(p.keys), len(td.weights))
	return td
}

func (tr *trainer) trainNER(exs []int, name string) tableData {
	nE := len(tr.entTags)
	p := newPerceptron(nE)
	order := slices.Clone(exs)
	rng := tr.shuffler(name)
	var feats [maxNERFeats]uint64
	scores := make([]int32, nE)
	var entH []uint64
	drop := rand.New(rand.NewPCG(tr.opt.Seed, hashString(name+" dropout")))
	for it := range tr.opt.Iters {
		t0 := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, e := range order {
			ti, gold, posH := tr.infos[e], tr.goldEnt[e], tr.posInput[e]
			n := len(ti)
			entH = grow(entH, n)
			entH[0], entH[1] = start2H, startH
			prev := nE
			for i := 2; i < n-2; i++ {
				g := gold[i-2]
				k := nerStatic(ti, posH, i, feats[:])
				if tr.opt.WordDropout > 0 && (ti[i].cls == clsTitle || ti[i].cls == clsUpper) && drop.Float64() < tr.opt.WordDropout {
					feats[dropW], feats[dropEW], feats[dropWm1W], feats[dropWWp1] = 0, 0, 0, 0
				}
				nerDynamic(ti, posH, i, entH[i-1], entH[i-2], feats[k:k+numNERDynamic])
				k += numNERDynamic
				p.score(feats[:k], scores)
				guess := argmaxAllowed(scores, tr.allowed[prev*nE:(prev+1)*nE])
				p.tick()
				if g == unknownEnt {
					g = guess // not learnt from
				}
				if guess != g {
					p.update(feats[:k], g, guess)
				} else {
					correct++
				}
				total++
				entH[i] = tr.entHash[guess]
				prev = int(guess)
			}
		}
		tr.logf("%s: iteration %d/%d: training accuracy %.2f%% (%d features, %.1fs)",
			name, it+1, tr.opt.Iters, 100*float64(correct)/float64(total), len(p.keys), time.Since(t0).Seconds())
	}
	td := p.finalize(tr.opt.PruneBelow)
	tr.logf("%s: kept %d of %d features, %d weights", name, len(td.keys), len(p.keys), len(td.weights))
	return td
}

// perceptron is the training side of an averaged perceptron with lazy
// averaging: each weight remembers when it last changed and the running sum
// of its past values.
type perceptron struct {
	nC    int
	index map[uint64]int32
	keys  []uint64
	w     []int32
	tot   []int64
	ts    []int32
	now   int32
}

func newPerceptron(nC int) *perceptron {
	return &perceptron{nC: nC, index: make(map[uint64]int32, 1<<16)}
}

func (p *perceptron) tick() { p.now++ }

func (p *perceptron) score(feats []uint64, scores []int32) {
	clear(scores)
	for _, f := range feats {
		if f == 0 {
			continue // a feature left out
		}
		if r, ok := p.index[f&keyMask]; ok {
			row := p.w[int(r)*p.nC : int(r+1)*p.nC]
			for c, v := range row {
				scores[c] += v
			}
		}
	}
}

func (p *perceptron) row(f uint64) int {
	key := f & keyMask
	if r, ok := p.index[key]; ok {
		return int(r)
	}
	r := len(p.keys)
	p.index[key] = int32(r)
	p.keys = append(p.keys, key)
	p.w = append(p.w, make([]int32, p.nC)...)
	p.tot = append(p.tot, make([]int64, p.nC)...)
	p.ts = append(p.ts, make([]int32, p.nC)...)
	return r
}

func (p *perceptron) update(feats []uint64, truth, guess uint8) {
	for _, f := range feats {
		if f == 0 {
			continue
		}
		base := p.row(f) * p.nC
		for _, u := range [2]struct {
			c uint8
			d int32
		}{{truth, 1}, {guess, -1}} {
			i := base + int(u.c)
			p.tot[i] += int64(p.now-p.ts[i]) * int64(p.w[i])
			p.ts[i] = p.now
			p.w[i] += u.d
		}
	}
}

// finalize averages the weights, prunes the small ones and quantises the rest
// to int16.
func (p *perceptron) finalize(pruneBelow float64) tableData {
	now := float64(max(p.now, 1))
	avg := make([]float32, len(p.w))
	maxAbs := 0.0
	for i, w := range p.w {
		a := float64(p.tot[i]+int64(p.now-p.ts[i])*int64(w)) / now
		avg[i] = float32(a)
		maxAbs = max(maxAbs, math.Abs(a))
	}
	scale := 1.0
	if maxAbs > 0 {
		scale = 32767 / maxAbs
	}
	rows := make([]int, len(p.keys))
	for i := range rows {
		rows[i] = i
	}
	sort.Slice(rows, func(a, b int) bool { return p.keys[rows[a]] < p.keys[rows[b]] })
	td := tableData{nClass: p.nC, scale: scale}
	for _, r := range rows {
		n := 0
		for c := range p.nC {
			a := float64(avg[r*p.nC+c])
			q := math.Round(a * scale)
			if math.Abs(a) < pruneBelow || q == 0 {
				continue
			}
			td.classes = append(td.classes, uint8(c))
			td.weights = append(td.weights, int16(q))
			n++
		}
		if n > 0 {
			td.keys = append(td.keys, p.keys[r])
			td.counts = append(td.counts, uint8(n))
		}
	}
	return td
}
