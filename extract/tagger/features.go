package tagger

import (
	"unicode"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
	"unicode/utf8"
)

// Features are 64-bit hashes of (template, values). Every token is analysed
// once (tokInfo: hashes of its word forms, affixes and shape) and the features
// combine those hashes with a cheap mixing step, so tagging allocates nothing
// and hashes no string twice. The same code builds the features in training
// and at run time.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fmix is the splitmix64 finaliser.
func fmix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return fmix(h ^ uint64(len(b)))
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return fmix(h ^ uint64(len(s)))
}

// mix combines two hashes (order matters).
func mix(a, b uint64) uint64 {
	return fmix(a*0x9e3779b97f4a7c15 ^ b)
}

// Case classes of a token.
const (
	clsLower  = iota // starts with a lower-case letter
	clsTitle         // Upper then lower: London, McDonald
	clsUpper         // two or more letters, all upper: NATO, U.S.
	clsLetter        // one upper-case letter: A, I
	clsDigit         // contains a digit: 1,500, H5N1, 2009
	clsPunct         // no letter or digit
	clsOther         // anything else (iPhone, letters of scripts without case)
	numClasses
)

// Case-profile buckets: how the word is written when it does not start a
// sentence, from the training text. This lets the NER model tell, at the start
// of a sentence where every word is capitalised, a name from a common word.
const (
	lexUnknown = iota
	lexLower   // (almost) always lower case
	lexMixed
	lexCap // (almost) always capitalised
	numLex
)

// Affix lengths.
const (
	numSuf = 4
	numPre = 3
)

// tokInfo is what the feature templates see of one token.
type tokInfo struct {
	ew    uint64         // exact form (digits as 0)
	lw    uint64         // lower-case form (digits as 0)
	suf   [numSuf]uint64 // lower-case suffixes of 1..4 bytes
	pre   [numPre]uint64 // prefixes: first rune as written, then 2 and 3 bytes lower-case
	shape uint64         // squeezed shape: Xx, X.X., d,d, x-x
	rec   int32          // the word's record of summed NER word-feature weights, or -1
	cls   uint8          // case class
	lex   uint8          // case profile
	first bool           // no letter or digit before it in the sentence
	alnum bool           // has a letter or digit
	gaz   uint8          // gazetteer value (see gaz.go), 0: none
}

// Hashes of the padding tokens and of the fixed values.
var (
	padInfo [4]tokInfo // -START2-, -START-, -END-, -END2-
	clsHash [numClasses]uint64
	lexHash [numLex]uint64
	boolH   [2]uint64
)

func init() {
	for i, name := range []string{"-START2-", "-START-", "-END-", "-END2-"} {
		h := hashString(name)
		t := tokInfo{ew: h, lw: h, shape: h, cls: clsPunct}
		for k := range t.suf {
			t.suf[k] = h
		}
		for k := range t.pre {
			t.pre[k] = h
		}
		padInfo[i] = t
	}
	for i := range clsHash {
		clsHash[i] = hashString("cls") + uint64(i)*0x9e3779b97f4a7c15
	}
	for i := range lexHash {
		lexHash[i] = hashString("lex") + uint64(i)*0x9e3779b97f4a7c15
	}
	boolH[0], boolH[1] = hashString("false"), hashString("true")
}

// normalizeToken maps the many spellings of quotes, brackets and dashes to the
// ones of the training corpus.
func normalizeToken(w string) string {
	switch w {
	case "``", "''", "“", "”", "„", "«", "»", "‟", "＂":
		return `"`
	case "`", "‘", "’", "‚", "‛":
		return "'"
	case "-LRB-", "-LCB-", "{":
		return "("
	case "-RRB-", "-RCB-", "}":
		return ")"
	case "-LSB-":
		return "["
	case "-RSB-":
		return "]"
	case "—", "–", "―", "---":
		return "--"
	case "…", ". . .":
		return "..."
	}
	return w
}

// analyzer turns words into tokInfo. buf and low are scratch space.
type analyzer struct {
	buf, low, shp []byte
	lex           lexicon
	vocab         map[uint64]int32     // exact form → word record (nil in training)
	padRec        [4]int32             // records of the padding tokens
	gaz           *gazetteer.Gazetteer // nil: no gazetteer features
	text          []byte               // scratch for markGazetteer
	ends          []int32
}

// lexicon maps the hash of a lower-case word to its case profile.
type lexicon map[uint64]uint8

func (a *analyzer) pad(k int) tokInfo {
	p := padInfo[k]
	p.rec = -1
	if a.vocab != nil {
		p.rec = a.padRec[k]
	}
	return p
}

func (a *analyzer) analyze(words []string, out []tokInfo) []tokInfo {
	out = append(out[:0], a.pad(0), a.pad(1))
	seenAlnum := false
	for _, w := range words {
		t := a.analyzeWord(w)
		t.first = !seenAlnum
		if t.alnum {
			seenAlnum = true
		}
		out = append(out, t)
	}
	return append(out, a.pad(2), a.pad(3))
}

func (a *analyzer) analyzeWord(w string) tokInfo {
	w = normalizeToken(w)
	buf, low, shp := a.buf[:0], a.low[:0], a.shp[:0]
	var t tokInfo
	var nUpper, nLower, nDigit, nLetter, nRunes int
	firstUpper := false
	var last byte
	for _, r := range w {
		nRunes++
		var s byte
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c >= '0' && c <= '9':
				nDigit++
				buf = append(buf, '0')
				low = append(low, '0')
				s = 'd'
			case c >= 'A' && c <= 'Z':
				nUpper++
				nLetter++
				if nLetter == 1 {
					firstUpper = true
				}
				buf = append(buf, c)
				low = append(low, c+'a'-'A')
				s = 'X'
			case c >= 'a' && c <= 'z':
				nLower++
				nLetter++
				buf = append(buf, c)
				low = append(low, c)
				s = 'x'
			default:
				buf = append(buf, c)
				low = append(low, c)
				s = c
			}
		case r == '’' || r == '‘':
			buf = append(buf, '\'')
			low = append(low, '\'')
			s = '\''
		case unicode.IsDigit(r):
			nDigit++
			buf = append(buf, '0')
			low = append(low, '0')
			s = 'd'
		case unicode.IsUpper(r):
			nUpper++
			nLetter++
			if nLetter == 1 {
				firstUpper = true
			}
			buf = utf8.AppendRune(buf, r)
			low = utf8.AppendRune(low, unicode.ToLower(r))
			s = 'X'
		case unicode.IsLower(r):
			nLower++
			nLetter++
			buf = utf8.AppendRune(buf, r)
			low = utf8.AppendRune(low, r)
			s = 'x'
		case unicode.IsLetter(r):
			nLetter++
			buf = utf8.AppendRune(buf, r)
			low = utf8.AppendRune(low, r)
			s = 'o'
		default:
			buf = utf8.AppendRune(buf, r)
			low = utf8.AppendRune(low, r)
			s = '~'
		}
		if s != last {
			shp = append(shp, s)
			last = s
		}
	}
	switch {
	case nDigit > 0:
		t.cls = clsDigit
	case nLetter == 0:
		t.cls = clsPunct
	case nUpper == 0 && nLower > 0:
		t.cls = clsLower
	case nUpper == 1 && nLetter == 1:
		t.cls = clsLetter
	case nUpper > 0 && nLower == 0:
		t.cls = clsUpper
	case firstUpper:
		t.cls = clsTitle
	default:
		t.cls = clsOther
	}
	t.alnum = nLetter+nDigit > 0
	t.ew = hashBytes(buf)
	t.lw = hashBytes(low)
	for k := range numSuf {
		n := k + 1
		if n > len(low) {
			n = len(low)
		}
		t.suf[k] = hashBytes(low[len(low)-n:]) + uint64(k)
	}
	_, n1 := utf8.DecodeRune(buf)
	t.pre[0] = hashBytes(buf[:n1])
	for k := 1; k < numPre; k++ {
		n := k + 1
		if n > len(low) {
			n = len(low)
		}
		t.pre[k] = hashBytes(low[:n]) + uint64(k)
	}
	t.shape = hashBytes(shp)
	t.lex = a.lex[t.lw]
	t.rec = -1
	if r, ok := a.vocab[t.ew]; ok {
		t.rec = r
	}
	a.buf, a.low, a.shp = buf, low, shp
	return t
}

// Feature templates. Their numbers are part of the model: append new ones,
// never renumber.
const (
	fBias uint64 = iota + 1
	fW
	fEW
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fShape
	fCls
	fP1
	fP2
	fP1P2
	fP1W
	fWm1
	fWm2
	fWp1
	fWp2
	fSuf3m1
	fSuf3p1
	fWm1W
	fWWp1
	fFirstCls
	fShapem1
	fShapep1
	// NER only (the ones marked unused were tried and dropped; their numbers stay taken)
	fPos
	fPosm1
	fPosp1
	fPosm1Pos
	fPosPosp1
	fE1
	fE1E2
	fE1W // unused
	fE1Pos
	fE1Shape // unused
	fFirst
	fFirstShape
	fFirstLex
	fLex
	fLexm1
	fLexp1
	fShapem1Shape
	fShapeShapep1
	fEWm1
	fEWp1
	fPosShape // unused
	fFirstW
	fE1Wm1 // unused
	fClsm1Cls
	fPosm2
	fPosp2
	fGaz
	fGazm1
	fGazp1
	fShapeWp1
	fWm1Shape
)

var tmplHash [64]uint64

func init() {
	for i := range tmplHash {
		tmplHash[i] = fmix(uint64(i)*0x9e3779b97f4a7c15 + 0x5851f42d4c957f2d)
	}
}

func f1(t, a uint64) uint64    { return mix(tmplHash[t], a) }
func f2(t, a, b uint64) uint64 { return mix(mix(tmplHash[t], a), b) }

// The features of a token are static (they do not depend on the tags chosen
// for the previous tokens, and can be looked up for the whole sentence at once)
// or dynamic.
const (
	numPOSStatic  = 19
	numPOSDynamic = 4
	numNERStatic  = numNERWord + numNERContext
	numNERDynamic = 3
	maxPOSFeats   = numPOSStatic + numPOSDynamic
	maxNERFeats   = numNERStatic + numNERDynamic
)

// posStatic writes the static POS features of token i (an index into ti,
// which has two padding entries at each end): the dense ones (posFirst) and
// the sparse ones.
func posStatic(ti []tokInfo, i int, out []uint64) {
	_ = out[numPOSStatic-1]
	out[0], out[1] = posFirst(ti[i].first, ti[i].cls)
	posSparseStatic(ti, i, out[2:])
}

// posFirst gives the bias and the sentence-start feature: dense, summed into a
// table when the model loads.
func posFirst(first bool, cls uint8) (uint64, uint64) {
	return tmplHash[fBias], f2(fFirstCls, boolH[b2i(first)], clsHash[cls])
}

const numPOSSparseStatic = numPOSStatic - 2

func posSparseStatic(ti []tokInfo, i int, out []uint64) {
	t := &ti[i]
	m1, m2, n1, n2 := &ti[i-1], &ti[i-2], &ti[i+1], &ti[i+2]
	_ = out[numPOSSparseStatic-1]
	out[0] = f1(fW, t.lw)
	out[1] = f1(fEW, t.ew)
	out[2] = f1(fSuf1, t.suf[0])
	out[3] = f1(fSuf2, t.suf[1])
	out[4] = f1(fSuf3, t.suf[2])
	out[5] = f1(fSuf4, t.suf[3])
	out[6] = f1(fPre1, t.pre[0])
	out[7] = f1(fShape, t.shape)
	out[8] = f1(fWm1, m1.lw)
	out[9] = f1(fWm2, m2.lw)
	out[10] = f1(fWp1, n1.lw)
	out[11] = f1(fWp2, n2.lw)
	out[12] = f1(fSuf3m1, m1.suf[2])
	out[13] = f1(fSuf3p1, n1.suf[2])
	out[14] = f2(fWWp1, t.lw, n1.lw)
	out[15] = f1(fPre2, t.pre[1])
	out[16] = f1(fShapep1, n1.shape)
}

// posDynamic writes the POS features of token i that depend on the hashes of
// the two previous tags.
func posDynamic(ti []tokInfo, i int, p1, p2 uint64, out []uint64) {
	_ = out[numPOSDynamic-1]
	out[0], out[1], out[2] = posPrev(p1, p2)
	out[3] = posP1W(p1, ti[i].lw)
}

// posPrev gives the features of the two previous tags: dense.
func posPrev(p1, p2 uint64) (uint64, uint64, uint64) {
	return f1(fP1, p1), f1(fP2, p2), f2(fP1P2, p1, p2)
}

func posP1W(p1, lw uint64) uint64 { return f2(fP1W, p1, lw) }

// The static NER features are of two kinds: word features, which look at one
// token only (its form, affixes, shape, case profile, as the token itself or
// as a neighbour at offset -2..+2), and context features. At run time the word
// features of known words are not looked up one by one: their weights are
// summed once, when the model loads, into a record per word and offset.
const (
	numNERWord    = 19 // 11 at offset 0, 3 at ±1, 1 at ±2
	numNERContext = 21
)

// nerWord writes the word features of token t seen at offset d (-2..+2) from
// the token being tagged, and returns their number.
func nerWord(t *tokInfo, d int, out []uint64) int {
	switch d {
	case 0:
		_ = out[10]
		out[0] = f1(fW, t.lw)
		out[1] = f1(fEW, t.ew)
		out[2] = f1(fShape, t.shape)
		out[3] = f1(fCls, clsHash[t.cls])
		out[4] = f1(fSuf2, t.suf[1])
		out[5] = f1(fSuf3, t.suf[2])
		out[6] = f1(fSuf4, t.suf[3])
		out[7] = f1(fPre2, t.pre[1])
		out[8] = f1(fPre3, t.pre[2])
		out[9] = f1(fLex, lexHash[t.lex])
		out[10] = f1(fSuf1, t.suf[0])
		return 11
	case -1:
		_ = out[2]
		out[0] = f1(fWm1, t.lw)
		out[1] = f1(fEWm1, t.ew)
		out[2] = f1(fLexm1, lexHash[t.lex])
		return 3
	case 1:
		_ = out[2]
		out[0] = f1(fWp1, t.lw)
		out[1] = f1(fEWp1, t.ew)
		out[2] = f1(fLexp1, lexHash[t.lex])
		return 3
	case -2:
		out[0] = f1(fWm2, t.lw)
		return 1
	case 2:
		out[0] = f1(fWp2, t.lw)
		return 1
	}
	return 0
}

// The NER context features whose values come from small sets (POS tags, case
// classes, case profiles) are dense: the model sums their weights into tables
// when it loads. The others are sparse, looked up one by one.
const numNERSparseContext = 7

var nerPosTmpl = [5]uint64{fPosm2, fPosm1, fPos, fPosp1, fPosp2}

// nerPos is the feature of POS tag hash q at offset d (-2..+2).
func nerPos(d int, q uint64) uint64 { return f1(nerPosTmpl[d+2], q) }

func nerPosPairL(qm1, q uint64) uint64 { return f2(fPosm1Pos, qm1, q) }
func nerPosPairR(q, qp1 uint64) uint64 { return f2(fPosPosp1, q, qp1) }
func nerClsPair(cm1, c uint8) uint64   { return f2(fClsm1Cls, clsHash[cm1], clsHash[c]) }

// nerFirst writes the bias and the sentence-start features.
func nerFirst(first bool, lex uint8, out []uint64) {
	_ = out[2]
	fh := boolH[b2i(first)]
	out[0] = tmplHash[fBias]
	out[1] = f1(fFirst, fh)
	out[2] = f2(fFirstLex, fh, lexHash[lex])
}

// nerSparseContext writes the sparse context features of token i.
func nerSparseContext(ti []tokInfo, pos []uint64, i int, out []uint64) {
	t := &ti[i]
	m1, n1 := &ti[i-1], &ti[i+1]
	_ = out[numNERSparseContext-1]
	out[0] = f2(fWm1W, m1.lw, t.lw)
	out[1] = f2(fWWp1, t.lw, n1.lw)
	out[2] = f2(fFirstShape, boolH[b2i(t.first)], t.shape)
	out[3] = f2(fShapem1Shape, m1.shape, t.shape)
	out[4] = f2(fShapeShapep1, t.shape, n1.shape)
	out[5], out[6] = 0, 0
	if features&FeatContext != 0 {
		out[5] = f2(fShapeWp1, t.shape, n1.lw)
		out[6] = f2(fWm1Shape, m1.lw, t.shape)
	}
}

// nerGaz is the feature of gazetteer value g at offset d (-1..+1).
func nerGaz(d int, g uint8) uint64 {
	return f1([3]uint64{fGazm1, fGaz, fGazp1}[d+1], gazHash[g])
}

// nerContext writes all the context features of token i given the POS tag
// hashes of the sentence (pos, aligned with ti).
func nerContext(ti []tokInfo, pos []uint64, i int, out []uint64) {
	_ = out[numNERContext-1]
	for d := -2; d <= 2; d++ {
		out[d+2] = nerPos(d, pos[i+d])
	}
	out[5] = nerPosPairL(pos[i-1], pos[i])
	out[6] = nerPosPairR(pos[i], pos[i+1])
	out[7] = nerClsPair(ti[i-1].cls, ti[i].cls)
	nerFirst(ti[i].first, ti[i].lex, out[8:11])
	for d := -1; d <= 1; d++ {
		out[12+d] = 0
		if features&FeatGazetteer != 0 {
			out[12+d] = nerGaz(d, ti[i+d].gaz)
		}
	}
	nerSparseContext(ti, pos, i, out[14:])
}

// nerStatic writes all the static NER features of token i (as training sees
// them).
func nerStatic(ti []tokInfo, pos []uint64, i int, out []uint64) int {
	k := 0
	for d := -2; d <= 2; d++ {
		k += nerWord(&ti[i+d], d, out[k:])
	}
	nerContext(ti, pos, i, out[k:k+numNERContext])
	return k + numNERContext
}

// The dynamic NER features: dense ones over the previous two entity tags and
// the POS tag, and sparse ones.
func nerE(e1, e2 uint64) (uint64, uint64) { return f1(fE1, e1), f2(fE1E2, e1, e2) }
func nerEPos(e1, q uint64) uint64         { return f2(fE1Pos, e1, q) }

// nerDynamic writes the NER features of token i that depend on the hashes of
// the two previous entity tags.
func nerDynamic(ti []tokInfo, pos []uint64, i int, e1, e2 uint64, out []uint64) {
	_ = out[numNERDynamic-1]
	out[0], out[1] = nerE(e1, e2)
	out[2] = nerEPos(e1, pos[i])
}

// Optional feature groups, for ablations in training (a feature left out of
// training has no weight, so tagging needs no switch).
const (
	FeatGazetteer = 1 << iota // gazetteer values at -1..+1
	FeatContext               // shape × next word, previous word × shape
	FeatAll       = FeatGazetteer | FeatContext
)

// features is the set of optional feature groups emitted in training.
var features = FeatAll

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
