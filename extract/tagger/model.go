package tagger

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
)

// The model file is gzip'd binary:
//
//	"NGTAGGER" uvarint(version)
//	string(info)
//	strings(POS tags) strings(entity tags)
//	map(tag dictionary: exact-form hash → POS class)
//	map(case lexicon: lower-case-form hash → case profile)
//	strings(vocabulary: normalised forms of the frequent words)
//	table(POS weights) table(NER weights)
//
// with strings = uvarint(n) then n × (uvarint(len) bytes), map = uvarint(n),
// n sorted keys as uvarint deltas, n value bytes, and table = uvarint(classes),
// float64(scale), uvarint(n), n sorted 48-bit feature keys as uvarint deltas,
// n pair counts (bytes), the pairs' classes (bytes), the pairs' weights (int16
// little-endian: the averaged weight times scale).
const (
	magic         = "NGTAGGER"
	formatVersion = 1
)

// FileName is the model's file name inside the model directory.
const FileName = "tagger.bin.gz"

type tableData struct {
	nClass  int
	scale   float64
	keys    []uint64
	counts  []uint8
	classes []uint8
	weights []int16
}

type modelData struct {
	info     string
	posTags  []string
	entTags  []string
	dictKeys []uint64
	dictVals []uint8
	lexKeys  []uint64
	lexVals  []uint8
	vocab    []string // words with a record of NER word-feature weights
	pos, ner tableData
}

// LoadFile loads a model from a file written by Save.
func LoadFile(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return LoadBytes(b)
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return LoadBytes(b)
}

// LoadBytes loads a model from the bytes of a model file.
func LoadBytes(b []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("tagger: model: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("tagger: model: %w", err)
	}
	d, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("tagger: model: %w", err)
	}
	return newModel(d)
}

// Save writes the model (only a model made by Train can be saved). The output
// depends on the model alone, byte for byte.
func (m *Model) Save(w io.Writer) error {
	if m.data == nil {
		return errors.New("tagger: only a trained model can be saved")
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(encode(m.data)); err != nil {
		return err
	}
	return zw.Close()
}

func newModel(d *modelData) (*Model, error) {
	if len(d.posTags) == 0 || len(d.posTags) > 255 || len(d.entTags) == 0 || len(d.entTags) > 255 {
		return nil, errors.New("bad tag sets")
	}
	if d.pos.nClass != len(d.posTags) || d.ner.nClass != len(d.entTags) {
		return nil, errors.New("tables do not match the tag sets")
	}
	m := &Model{
		posTags: d.posTags,
		entTags: d.entTags,
		info:    d.info,
		tagdict: make(map[uint64]uint8, len(d.dictKeys)),
		lex:     make(lexicon, len(d.lexKeys)),
	}
	for i, k := range d.dictKeys {
		if int(d.dictVals[i]) >= len(d.posTags) {
			return nil, errors.New("bad tag dictionary")
		}
		m.tagdict[k] = d.dictVals[i]
	}
	for i, k := range d.lexKeys {
		m.lex[k] = d.lexVals[i]
	}
	m.posHash = make([]uint64, len(d.posTags))
	for i, t := range d.posTags {
		m.posHash[i] = hashString("pos:" + t)
	}
	m.entHash = make([]uint64, len(d.entTags))
	m.entO = 255
	for i, t := range d.entTags {
		m.entHash[i] = hashString("ent:" + t)
		if t == "O" {
			m.entO = uint8(i)
		}
	}
	if m.entO == 255 {
		return nil, errors.New(`no "O" entity tag`)
	}
	m.entAllowed = entTransitions(d.entTags)
	for _, t := range []*tableData{&d.pos, &d.ner} {
		for _, c := range t.classes {
			if int(c) >= t.nClass {
				return nil, errors.New("bad class in weights")
			}
		}
	}
	// The two models are independent: build them at the same time.
	m.nPosAll = len(m.posTags) + 4
	done := make(chan struct{})
	go func() {
		defer close(done)
		m.pos = buildTable(d.pos.nClass, d.pos.keys, d.pos.counts, d.pos.classes, d.pos.weights)
		m.buildPOSTables()
	}()
	m.ner = buildTable(d.ner.nClass, d.ner.keys, d.ner.counts, d.ner.classes, d.ner.weights)
	m.buildNERTables(d.vocab)
	<-done
	return m, nil
}

// buildNERTables sums weights once, when the model loads, so that tagNER reads
// a few dense rows instead of looking up each feature:
//   - for each word of the vocabulary (and each padding token) and each
//     offset -2..+2, the weights of its word features;
//   - for the dense context and dynamic features, whose values come from small
//     sets, the weights of each combination of values.
func (m *Model) buildNERTables(vocab []string) {
	nE := len(m.entTags)
	m.vocab = make(map[uint64]int32, len(vocab))
	m.recs = make([]int32, (len(vocab)+len(padInfo))*5*nE)
	an := analyzer{lex: m.lex}
	var feats [16]uint64
	sum := func(row []int32, fs ...uint64) {
		for _, f := range fs {
			m.ner.add(f, row)
		}
	}
	fill := func(r int, t *tokInfo) {
		for d := -2; d <= 2; d++ {
			k := nerWord(t, d, feats[:])
			sum(m.recs[(r*5+d+2)*nE:(r*5+d+3)*nE], feats[:k]...)
		}
	}
	for r, w := range vocab {
		t := an.analyzeWord(w)
		m.vocab[t.ew] = int32(r)
		fill(r, &t)
	}
	for k := range padInfo {
		r := len(vocab) + k
		m.padRec[k] = int32(r)
		fill(r, &padInfo[k])
	}

	posAll := m.posAll()
	nA := m.nPosAll
	m.nerPos = make([]int32, nA*5*nE)
	m.nerPairL = make([]int32, nA*nA*nE)
	m.nerPairR = make([]int32, nA*nA*nE)
	for a, qa := range posAll {
		for d := -2; d <= 2; d++ {
			sum(m.nerPos[(a*5+d+2)*nE:(a*5+d+3)*nE], nerPos(d, qa))
		}
		for b, qb := range posAll {
			sum(m.nerPairL[(a*nA+b)*nE:(a*nA+b+1)*nE], nerPosPairL(qa, qb))
			sum(m.nerPairR[(a*nA+b)*nE:(a*nA+b+1)*nE], nerPosPairR(qa, qb))
		}
	}
	m.nerCls = make([]int32, numClasses*numClasses*nE)
	for a := range uint8(numClasses) {
		for b := range uint8(numClasses) {
			k := int(a)*numClasses + int(b)
			sum(m.nerCls[k*nE:(k+1)*nE], nerClsPair(a, b))
		}
	}
	m.nerFirst = make([]int32, 2*numLex*nE)
	for f := range 2 {
		for l := range uint8(numLex) {
			k := f*numLex + int(l)
			nerFirst(f == 1, l, feats[:3])
			sum(m.nerFirst[k*nE:(k+1)*nE], feats[:3]...)
		}
	}
	m.nerGazT = make([]int32, numGaz*3*nE)
	for g := range uint8(numGaz) {
		for d := -1; d <= 1; d++ {
			k := int(g)*3 + d + 1
			sum(m.nerGazT[k*nE:(k+1)*nE], nerGaz(d, g))
		}
	}
	// Entity tags and the padding tags: entAll[nE], entAll[nE+1] = -START-, -START2-.
	nX := nE + 2
	entAll := append(append([]uint64(nil), m.entHash...), startH, start2H)
	m.nerE = make([]int32, nX*nX*nE)
	m.nerEPos = make([]int32, nX*nA*nE)
	for a, ea := range entAll {
		for b, eb := range entAll {
			f1, f2 := nerE(ea, eb)
			sum(m.nerE[(a*nX+b)*nE:(a*nX+b+1)*nE], f1, f2)
		}
		for b, qb := range posAll {
			sum(m.nerEPos[(a*nA+b)*nE:(a*nA+b+1)*nE], nerEPos(ea, qb))
		}
	}
}

// posAll returns the hashes of the POS tags followed by those of the padding
// tags: -START2-, -START-, -END-, -END2- (ids nP..nP+3).
func (m *Model) posAll() []uint64 {
	return append(append([]uint64(nil), m.posHash...), start2H, startH, endH, end2H)
}

// buildPOSTables sums the weights of the dense POS features: the two previous
// tags, and the bias with the sentence start.
func (m *Model) buildPOSTables() {
	nP, nA := len(m.posTags), m.nPosAll
	posAll := m.posAll()
	m.posPrev = make([]int32, nA*nA*nP)
	for a, pa := range posAll {
		for b, pb := range posAll {
			f1, f2, f3 := posPrev(pa, pb)
			row := m.posPrev[(a*nA+b)*nP : (a*nA+b+1)*nP]
			m.pos.add(f1, row)
			m.pos.add(f2, row)
			m.pos.add(f3, row)
		}
	}
	m.posFirst = make([]int32, 2*numClasses*nP)
	for f := range 2 {
		for c := range uint8(numClasses) {
			k := f*numClasses + int(c)
			f1, f2 := posFirst(f == 1, c)
			row := m.posFirst[k*nP : (k+1)*nP]
			m.pos.add(f1, row)
			m.pos.add(f2, row)
		}
	}
}

// Size reports the number of features and weights of the POS and NER models.
func (m *Model) Size() (posFeatures, posWeights, nerFeatures, nerWeights int) {
	return m.pos.numFeatures(), m.pos.nPairs, m.ner.numFeatures(), m.ner.nPairs
}

func encode(d *modelData) []byte {
	var b []byte
	b = append(b, magic...)
	b = binary.AppendUvarint(b, formatVersion)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	strs := func(ss []string) {
		b = binary.AppendUvarint(b, uint64(len(ss)))
		for _, s := range ss {
			str(s)
		}
	}
	keys := func(ks []uint64) {
		b = binary.AppendUvarint(b, uint64(len(ks)))
		prev := uint64(0)
		for _, k := range ks {
			b = binary.AppendUvarint(b, k-prev)
			prev = k
		}
	}
	str(d.info)
	strs(d.posTags)
	strs(d.entTags)
	keys(d.dictKeys)
	b = append(b, d.dictVals...)
	keys(d.lexKeys)
	b = append(b, d.lexVals...)
	strs(d.vocab)
	for _, t := range []*tableData{&d.pos, &d.ner} {
		b = binary.AppendUvarint(b, uint64(t.nClass))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(t.scale))
		keys(t.keys)
		b = append(b, t.counts...)
		b = append(b, t.classes...)
		for _, w := range t.weights {
			b = binary.LittleEndian.AppendUint16(b, uint16(w))
		}
	}
	return b
}

type decoder struct {
	b   []byte
	err error
}

func (r *decoder) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
}

func (r *decoder) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("truncated")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *decoder) bytes(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.fail("truncated")
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *decoder) count() uint64 {
	n := r.uvarint()
	if n > uint64(len(r.b)) { // every element takes at least a byte
		r.fail("bad count")
		return 0
	}
	return n
}

func (r *decoder) str() string { return string(r.bytes(r.uvarint())) }

func (r *decoder) strs() []string {
	n := r.count()
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.str()
	}
	return ss
}

func (r *decoder) keys() []uint64 {
	n := r.count()
	ks := make([]uint64, n)
	prev := uint64(0)
	for i := range ks {
		prev += r.uvarint()
		ks[i] = prev
	}
	return ks
}

func decode(b []byte) (*modelData, error) {
	if !bytes.HasPrefix(b, []byte(magic)) {
		return nil, errors.New("not a tagger model")
	}
	r := &decoder{b: b[len(magic):]}
	if v := r.uvarint(); v != formatVersion {
		return nil, fmt.Errorf("model format version %d, want %d", v, formatVersion)
	}
	d := &modelData{}
	d.info = r.str()
	d.posTags = r.strs()
	d.entTags = r.strs()
	d.dictKeys = r.keys()
	d.dictVals = r.bytes(uint64(len(d.dictKeys)))
	d.lexKeys = r.keys()
	d.lexVals = r.bytes(uint64(len(d.lexKeys)))
	d.vocab = r.strs()
	for _, t := range []*tableData{&d.pos, &d.ner} {
		t.nClass = int(r.uvarint())
		s := r.bytes(8)
		if len(s) == 8 {
			t.scale = math.Float64frombits(binary.LittleEndian.Uint64(s))
		}
		t.keys = r.keys()
		t.counts = r.bytes(uint64(len(t.keys)))
		total := uint64(0)
		for _, c := range t.counts {
			total += uint64(c)
		}
		t.classes = r.bytes(total)
		w := r.bytes(2 * total)
		if r.err != nil {
			return nil, r.err
		}
		t.weights = make([]int16, total)
		for i := range t.weights {
			t.weights[i] = int16(binary.LittleEndian.Uint16(w[2*i:]))
		}
		if !slices.IsSorted(t.keys) {
			return nil, errors.New("feature keys not sorted")
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, errors.New("trailing bytes")
	}
	return d, nil
}
