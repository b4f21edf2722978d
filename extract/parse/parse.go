// Package parse is a dependency parser for English: a greedy arc-hybrid transition parser
// with an averaged perceptron, trained with a dynamic oracle on UD English EWT (see
// README.md), giving labelled Universal Dependencies relations (with EWT's subtypes such as
// nsubj:pass, obl:tmod, nmod:poss, compound:prt), a lemma and a universal POS tag for each
// word. It also carries its own Penn Treebank POS tagger trained on EWT, used when the caller
// gives no tags.
//
//	m := parse.Default()
//	t := m.Parse(words, nil) // or m.Parse(words, tags) with Penn Treebank tags
//	// t.Head[i] is the 1-based position of word i's head, 0 for the root, as in CoNLL-U
package parse

import (
	"sync"

	"github.com/newsgraph/newsgraph/extract/tagger"
)

// Tree is the parse of one sentence, one entry per word.
type Tree struct {
	Head  []int    // 1-based head position as in CoNLL-U; 0: the root
	Rel   []string // UD relation, with subtype ("nsubj:pass")
	Lemma []string
	XPOS  []string // Penn Treebank tag used (given or predicted)
	UPOS  []string // universal POS tag
}

// Model is a trained parser. It is safe for concurrent use.
type Model struct {
	tags     []string
	tagID    map[string]int
	labels   []string
	w        *table
	pos      *tagger.Model // may be nil: then Parse needs tags
	posRaw   []byte        // pos's model file, when loaded from one (a loaded tagger cannot save itself)
	lem      *lemmatizer
	info     string
	system   int               // ArcHybrid or ArcEager
	amb      map[uint64]uint64 // word hash -> ambiguity class (hash of its training tags)
	clusters map[uint64]uint64 // word hash -> cluster number (clusters.go)
	pool     sync.Pool
}

// Info describes how the model was trained.
func (m *Model) Info() string { return m.info }

// Labels returns the relation labels the model predicts.
func (m *Model) Labels() []string { return append([]string(nil), m.labels...) }

// scratch is per-call working memory, pooled so that parsing does not allocate much.
type scratch struct {
	st     state
	toks   []token
	fs     []uint64
	scores []int32
	runs   []run
	sink   uint8 // what table.score's touching loads read
	grp    [numGroups][]uint64
	// memo[g][k*nc:(k+1)*nc] are the summed weights of group g's features for position k
	// (the buffer front, or the word at s0/s1/s2; n+1 for no word), valid when have[g][k].
	memo [numGroups][]int32
	have [numGroups][]bool
	// lemmas: "tag\tform" -> lemma, of the words this scratch has lemmatised (a word's lemma
	// depends on the two alone; the suffix rules cost several look-ups a word)
	lemmas map[string]string
	key    []byte
}

func (m *Model) getScratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{scores: make([]int32, numClasses(len(m.labels)))}
}

// Tag gives Penn Treebank POS tags with the model's own tagger (trained on EWT).
func (m *Model) Tag(words []string) []string {
	pos := make([]string, len(words))
	m.pos.TagInto(words, pos, nil)
	return pos
}

// Parse parses one sentence of tokens (Penn Treebank style, as extract.Tokenize gives). tags
// are Penn Treebank POS tags; nil: the model tags the words itself.
func (m *Model) Parse(words, tags []string) Tree {
	n := len(words)
	if tags == nil {
		tags = m.Tag(words)
	}
	t := Tree{Head: make([]int, n), Rel: make([]string, n), XPOS: tags}
	if n == 0 {
		return t
	}
	sc := m.getScratch()
	sc.toks = grow(sc.toks, n)
	for i, w := range words {
		sc.toks[i] = makeToken(w, m.tagNum(tags[i]), m.amb, m.clusters)
	}
	m.parseTokens(sc, n)
	for i := 0; i < n; i++ {
		h := int(sc.st.head[i])
		if h == n {
			h = -1
		}
		t.Head[i] = h + 1
		t.Rel[i] = m.labels[sc.st.rel[i]]
	}
	t.Lemma = m.lem.lemmasCached(words, tags, sc)
	m.pool.Put(sc)
	t.UPOS = m.lem.upos(words, tags, t.Rel)
	return t
}

func (m *Model) tagNum(tag string) int {
	if i, ok := m.tagID[tag]; ok {
		return i
	}
	return len(m.tags) // unknown tag
}

// parseTokens runs the greedy parser over sc.toks[:n]; the result is in sc.st. The weights
// of the features that depend on one position only are summed once per position and
// sentence (memo): the same scores for fewer look-ups.
func (m *Model) parseTokens(sc *scratch, n int) {
	st := &sc.st
	st.eager = m.system == ArcEager
	st.reset(n)
	nl := len(m.labels)
	nc := numClasses(nl)
	for g := range sc.memo {
		sc.memo[g] = grow(sc.memo[g], (n+2)*nc)
		sc.have[g] = grow(sc.have[g], n+2)
		clear(sc.have[g])
	}
	pos := func(i int) int {
		if i < len(st.stack) {
			return int(st.stack[len(st.stack)-1-i])
		}
		return n + 1
	}
	w := m.w
	for !st.done() {
		sc.fs = extract(sc.fs[:0], &sc.grp, st, sc.toks)
		// The features of the state and those of the groups not yet summed at their
		// positions are looked up together, so that their cache misses overlap.
		var rows [numGroups][]int32
		var ends [numGroups]int // where each group's runs end; -1: summed already
		sc.sink += w.touchSlots(sc.fs)
		for g := range sc.grp {
			var k int
			if g == groupB {
				k = int(st.b)
			} else {
				k = pos(g - groupS0)
			}
			rows[g] = sc.memo[g][k*nc : (k+1)*nc]
			if !sc.have[g][k] {
				sc.have[g][k] = true
				sc.sink += w.touchSlots(sc.grp[g])
			} else {
				ends[g] = -1
			}
		}
		sc.runs = w.lookup(sc.fs, sc.runs[:0])
		mainEnd := len(sc.runs)
		for g := range sc.grp {
			if ends[g] >= 0 {
				sc.runs = w.lookup(sc.grp[g], sc.runs)
				ends[g] = len(sc.runs)
			}
		}
		sc.sink += w.touchRuns(sc.runs)
		clear(sc.scores)
		w.add(sc.runs[:mainEnd], sc.scores)
		from := mainEnd
		for g := range sc.grp {
			if ends[g] >= 0 {
				clear(rows[g])
				w.add(sc.runs[from:ends[g]], rows[g])
				from = ends[g]
			}
			for c, v := range rows[g] {
				sc.scores[c] += v
			}
		}
		cls := bestValid(st, sc.scores, nl)
		move, l := decode(cls, nl)
		st.apply(move, l)
	}
}

type number interface{ ~int32 | ~float32 }

func bestValid[T number](st *state, scores []T, nl int) int {
	sh, le, ri, re := st.valid()
	best, bs := -1, T(0)
	try := func(from, to int) {
		for c := from; c < to; c++ {
			if best < 0 || scores[c] > bs {
				best, bs = c, scores[c]
			}
		}
	}
	if sh {
		try(0, 1)
	}
	if le {
		try(1, 1+nl)
	}
	if ri {
		try(1+nl, 1+2*nl)
	}
	if re {
		try(1+2*nl, 2+2*nl)
	}
	return best
}
