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
	"path/filepath"
	"slices"
)

// The model file is gzip'd binary:
//
//	"NGTAGGER" uvarint(version)
//	string(info)
//	strings(POS tags) strings(entity tags)
//	map(tag dictionary: exact-form hash → POS class)
//	map(case lexicon: lower-case-form hash → case profile)
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

// SaveDir writes the model to dir/FileName, creating dir.
func (m *Model) SaveDir(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return "", err
	}
	path := filepath.Join(dir, FileName)
	return path, os.WriteFile(path, buf.Bytes(), 0o644)
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
	m.pos = buildTable(d.pos.nClass, d.pos.keys, d.pos.counts, d.pos.classes, d.pos.weights)
	m.ner = buildTable(d.ner.nClass, d.ner.keys, d.ner.counts, d.ner.classes, d.ner.weights)
	return m, nil
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
