// Package tagger is a part-of-speech and named-entity tagger for English news,
// in pure Go and offline: two greedy left-to-right averaged perceptrons, the
// first for Penn Treebank part-of-speech tags, the second for IOB2 entity tags
// over the Groningen Meaning Bank types (per, org, geo, gpe, tim, eve, art,
// nat), which sees the words, their shapes and affixes, the POS tags and the
// two previous entity tags.
//
// The model is trained on the GMB corpus (POS and NER) and the gold
// PER/ORG/LOC of Universal NER English-EWT (NER only, CC BY-SA 4.0) by ./train
// and committed under model/; Default loads it once. See README.md.
package tagger

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
)

//go:embed model/tagger.bin.gz
var defaultModel []byte

var (
	defaultOnce sync.Once
	defaultM    *Model
)

// Default returns the committed model, loaded on first use. It panics if the
// embedded model is corrupt (a build error, caught by the tests).
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := LoadBytes(defaultModel)
		if err != nil {
			panic(fmt.Sprintf("tagger: embedded model: %v", err))
		}
		defaultM = m
	})
	return defaultM
}

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	posTags []string // class names
	entTags []string
	posHash []uint64 // hashes of the class names, as the features see them
	entHash []uint64
	pos     weightTable
	ner     weightTable
	tagdict map[uint64]uint8 // exact form → POS class, for frequent unambiguous words
	lex     lexicon
	// entAllowed[prev*nEnt+cur] tells whether entity tag cur may follow prev
	// (IOB2: I-X only after B-X or I-X); prev == nEnt is the sentence start.
	entAllowed []bool
	entO       uint8
	vocab      map[uint64]int32 // exact form → word record
	recs       []int32          // word records: (record*5 + offset+2)*len(entTags) + class
	padRec     [4]int32
	// dense NER tables, see buildRecords
	nPosAll                                                     int
	nerPos, nerPairL, nerPairR, nerCls, nerFirst, nerE, nerEPos []int32
	nerGazT                                                     []int32
	posPrev, posFirst                                           []int32
	info                                                        string
	data                                                        *modelData // kept by Train for Save

	pool sync.Pool
}

// Hashes of the tags of the padding positions.
var (
	startH  = hashString("-START-")
	start2H = hashString("-START2-")
	endH    = hashString("-END-")
	end2H   = hashString("-END2-")
)

// POSTags returns the part-of-speech tags the model can assign.
func (m *Model) POSTags() []string { return append([]string(nil), m.posTags...) }

// EntityTags returns the IOB2 entity tags the model can assign.
func (m *Model) EntityTags() []string { return append([]string(nil), m.entTags...) }

// Info returns a short description of how the model was trained.
func (m *Model) Info() string { return m.info }

// Tag tags one sentence of Penn-Treebank-style tokens (punctuation separate,
// "'s" and "n't" split off, "U.S." one token, hyphenated words one token) and
// returns Penn Treebank POS tags and IOB2 entity tags (B-per, I-per, B-org, ...,
// O), one of each per word.
func (m *Model) Tag(words []string) (pos, ent []string) {
	pos = make([]string, len(words))
	ent = make([]string, len(words))
	m.TagInto(words, pos, ent)
	return pos, ent
}

// TagInto is Tag writing into pos and ent, which must be at least as long as
// words; once warm it allocates nothing but gazetteer.Match's small slice of
// hits for each gazetteer name in the sentence (nothing at all with ent nil).
// ent may be nil to tag parts of speech only.
func (m *Model) TagInto(words, pos, ent []string) {
	if len(words) == 0 {
		return
	}
	if len(pos) < len(words) || (ent != nil && len(ent) < len(words)) {
		panic("tagger: TagInto: output slices shorter than words")
	}
	sc := m.getScratch()
	defer m.pool.Put(sc)
	sc.ti = sc.an.analyze(words, sc.ti)
	m.tagPOS(sc)
	for i := range words {
		pos[i] = m.posTags[sc.posID[i+2]]
	}
	if ent == nil {
		return
	}
	sc.an.markGazetteer(words, sc.ti)
	m.tagNER(sc)
	for i := range words {
		ent[i] = m.entTags[sc.entID[i+2]]
	}
}

type scratch struct {
	an     analyzer
	ti     []tokInfo
	posH   []uint64 // tag hashes aligned with ti (two padding slots each side)
	entH   []uint64
	posID  []uint8 // POS tag ids aligned with ti; the padding has ids nP..nP+3
	entID  []uint8
	feats  []uint64 // static features of the sentence
	static []int32  // their scores, per token
	scores []int32
	sink   uint64 // keeps the reads of weightTable.touch from being optimised away
}

func (m *Model) getScratch() *scratch {
	if sc, ok := m.pool.Get().(*scratch); ok {
		return sc
	}
	n := max(len(m.posTags), len(m.entTags))
	return &scratch{an: analyzer{lex: m.lex, vocab: m.vocab, padRec: m.padRec, gaz: gazetteer.Default()}, scores: make([]int32, n)}
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/2)
	}
	return s[:n]
}

// tagPOS fills sc.posID and sc.posH from sc.ti.
func (m *Model) tagPOS(sc *scratch) {
	ti := sc.ti
	n := len(ti)
	nP := len(m.posTags)
	nA := m.nPosAll
	sc.posH = grow(sc.posH, n)
	sc.posID = grow(sc.posID, n)
	posH, pid := sc.posH, sc.posID
	posH[0], posH[1], posH[n-2], posH[n-1] = start2H, startH, endH, end2H
	pid[0], pid[1], pid[n-2], pid[n-1] = uint8(nP), uint8(nP+1), uint8(nP+2), uint8(nP+3)
	// Words of the tag dictionary need no model; the static features of the
	// others are looked up for the whole sentence first (all the table
	// reads at once, which the processor overlaps).
	sc.feats = grow(sc.feats, (n-4)*numPOSSparseStatic)
	sc.static = grow(sc.static, (n-4)*max(nP, len(m.entTags)))
	feats := sc.feats[:0]
	for i := 2; i < n-2; i++ {
		if c, ok := m.tagdict[ti[i].ew]; ok {
			pid[i] = c + 1
			continue
		}
		pid[i] = 0
		feats = feats[:len(feats)+numPOSSparseStatic]
		posSparseStatic(ti, i, feats[len(feats)-numPOSSparseStatic:])
	}
	sc.sink += m.pos.touch(feats)
	static := sc.static[:0]
	k := 0
	for i := 2; i < n-2; i++ {
		if pid[i] > 0 {
			continue
		}
		static = static[:len(static)+nP]
		row := static[len(static)-nP:]
		copy(row, m.posFirst[(b2i(ti[i].first)*numClasses+int(ti[i].cls))*nP:])
		for _, f := range feats[k : k+numPOSSparseStatic] {
			m.pos.add(f, row)
		}
		k += numPOSSparseStatic
	}
	scores := sc.scores[:nP]
	row := 0
	for i := 2; i < n-2; i++ {
		c := pid[i]
		if c > 0 {
			c--
		} else {
			copy(scores, static[row:row+nP])
			row += nP
			addRow(scores, m.posPrev[(int(pid[i-1])*nA+int(pid[i-2]))*nP:])
			m.pos.add(posP1W(posH[i-1], ti[i].lw), scores)
			c = argmax(scores)
		}
		pid[i] = c
		posH[i] = m.posHash[c]
	}
}

// tagNER fills sc.entID and sc.entH from sc.ti and sc.posH.
func (m *Model) tagNER(sc *scratch) {
	ti := sc.ti
	n := len(ti)
	nE := len(m.entTags)
	nA := m.nPosAll
	sc.entH = grow(sc.entH, n)
	sc.entID = grow(sc.entID, n)
	entH := sc.entH
	entH[0], entH[1] = start2H, startH
	pid := sc.posID
	// static scores: word records (or word features), dense and sparse
	// context features
	static := sc.static[:(n-4)*nE]
	clear(static)
	var feats [16]uint64
	ctx := grow(sc.feats, (n-4)*numNERSparseContext)
	sc.feats = ctx
	for i := 2; i < n-2; i++ {
		nerSparseContext(ti, sc.posH, i, ctx[(i-2)*numNERSparseContext:])
	}
	sc.sink += m.ner.touch(ctx)
	for i := 2; i < n-2; i++ {
		row := static[(i-2)*nE : (i-1)*nE]
		t := &ti[i]
		for d := -2; d <= 2; d++ {
			u := &ti[i+d]
			if u.rec >= 0 {
				addRow(row, m.recs[(int(u.rec)*5+d+2)*nE:])
			} else {
				k := nerWord(u, d, feats[:])
				for _, f := range feats[:k] {
					m.ner.add(f, row)
				}
			}
			addRow(row, m.nerPos[(int(pid[i+d])*5+d+2)*nE:])
		}
		addRow(row, m.nerPairL[(int(pid[i-1])*nA+int(pid[i]))*nE:])
		addRow(row, m.nerPairR[(int(pid[i])*nA+int(pid[i+1]))*nE:])
		addRow(row, m.nerCls[(int(ti[i-1].cls)*numClasses+int(t.cls))*nE:])
		addRow(row, m.nerFirst[(b2i(t.first)*numLex+int(t.lex))*nE:])
		for d := -1; d <= 1; d++ {
			addRow(row, m.nerGazT[(int(ti[i+d].gaz)*3+d+1)*nE:])
		}
		for _, f := range ctx[(i-2)*numNERSparseContext : (i-1)*numNERSparseContext] {
			m.ner.add(f, row)
		}
	}
	scores := sc.scores[:nE]
	nX := nE + 2
	e1, e2 := nE, nE+1 // -START-, -START2-
	for i := 2; i < n-2; i++ {
		copy(scores, static[(i-2)*nE:(i-1)*nE])
		addRow(scores, m.nerE[(e1*nX+e2)*nE:])
		addRow(scores, m.nerEPos[(e1*nA+int(pid[i]))*nE:])
		prev := min(e1, nE) // the start counts as -START-
		c := argmaxAllowed(scores, m.entAllowed[prev*nE:(prev+1)*nE])
		sc.entID[i] = c
		entH[i] = m.entHash[c]
		e1, e2 = int(c), e1
	}
}

// addRow adds src[:len(dst)] to dst.
func addRow(dst, src []int32) {
	src = src[:len(dst)]
	for c, w := range src {
		dst[c] += w
	}
}

func argmax(s []int32) uint8 {
	best := 0
	for c := 1; c < len(s); c++ {
		if s[c] > s[best] {
			best = c
		}
	}
	return uint8(best)
}

func argmaxAllowed(s []int32, ok []bool) uint8 {
	best := -1
	for c := range s {
		if ok[c] && (best < 0 || s[c] > s[best]) {
			best = c
		}
	}
	return uint8(best)
}

// entTransitions builds Model.entAllowed from the tag names.
func entTransitions(tags []string) []bool {
	n := len(tags)
	ok := make([]bool, (n+1)*n)
	for p := 0; p <= n; p++ {
		for c, t := range tags {
			allowed := true
			if len(t) > 2 && t[:2] == "I-" {
				allowed = p < n && len(tags[p]) > 2 && tags[p][2:] == t[2:]
			}
			ok[p*n+c] = allowed
		}
	}
	return ok
}

// weightTable maps feature hashes to their weights: an open-addressing hash
// table of 32-byte slots holding the key and up to inlinePairs (class, weight)
// pairs, so that most features cost one memory access; longer rows live in
// pairs.
type weightTable struct {
	nClass int
	mask   uint64
	shift  uint // slot of a key: its top bits, key >> shift
	slots  []slot
	pairs  []int32 // weight<<8 | class
	nPairs int
}

const inlinePairs = 4

type slot struct {
	key uint64
	n   uint32 // pairs; 0: empty slot
	off uint32 // into pairs, when n > inlinePairs
	in  [inlinePairs]int32
}

// keyMask: the model stores 48 bits of each feature hash.
const keyMask = 1<<48 - 1

func (t *weightTable) add(f uint64, scores []int32) {
	key := f & keyMask
	i := key >> t.shift // the key is a hash already
	for {
		s := &t.slots[i]
		if s.n == 0 {
			return
		}
		if s.key == key {
			if s.n <= inlinePairs {
				// unused pairs are zero: class 0, weight 0
				p0, p1, p2, p3 := s.in[0], s.in[1], s.in[2], s.in[3]
				scores[p0&0xff] += p0 >> 8
				scores[p1&0xff] += p1 >> 8
				scores[p2&0xff] += p2 >> 8
				scores[p3&0xff] += p3 >> 8
				return
			}
			for _, p := range t.pairs[s.off : s.off+s.n] {
				scores[p&0xff] += p >> 8
			}
			return
		}
		i = (i + 1) & t.mask
	}
}

// touch reads the first slot of each feature so that the reads overlap; add
// then finds them in the cache.
func (t *weightTable) touch(feats []uint64) uint64 {
	var x uint64
	for _, f := range feats {
		x += t.slots[(f&keyMask)>>t.shift].key
	}
	return x
}

// buildTable builds a table from sorted keys, per-key pair counts, classes and
// weights.
func buildTable(nClass int, keys []uint64, counts []uint8, classes []uint8, weights []int16) weightTable {
	size, bits := 16, uint(4)
	for size*3 < len(keys)*4 { // load factor at most 3/4
		size *= 2
		bits++
	}
	// Slots are chosen by the top bits of the keys, so that the sorted keys
	// fill the table from start to end (and loading writes memory in order).
	t := weightTable{nClass: nClass, mask: uint64(size - 1), shift: 48 - bits, slots: make([]slot, size), nPairs: len(weights)}
	long := 0
	for _, c := range counts {
		if c > inlinePairs {
			long += int(c)
		}
	}
	t.pairs = make([]int32, 0, long)
	start := 0
	for k, key := range keys {
		n := int(counts[k])
		i := key >> t.shift
		for t.slots[i].n != 0 {
			i = (i + 1) & t.mask
		}
		s := &t.slots[i]
		s.key, s.n = key, uint32(n)
		ps := s.in[:]
		if n > inlinePairs {
			s.off = uint32(len(t.pairs))
			t.pairs = t.pairs[:len(t.pairs)+n]
			ps = t.pairs[s.off:]
		}
		for j := range n {
			ps[j] = int32(weights[start+j])<<8 | int32(classes[start+j])
		}
		start += n
	}
	return t
}

func (t *weightTable) numFeatures() int {
	n := 0
	for _, s := range t.slots {
		if s.n != 0 {
			n++
		}
	}
	return n
}
