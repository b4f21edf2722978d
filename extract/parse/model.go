package parse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"sync"

	_ "embed"

	"github.com/newsgraph/newsgraph/extract/tagger"
)

// The model file is gzip'd binary:
//
//	"NGPARSER" uvarint(version) uvarint(transition system: 0 arc-hybrid, 1 arc-eager; not in version 1)
//	string(info) strings(Penn tags) strings(labels)
//	table: float32(scale) uvarint(n) n sorted feature keys as uvarint deltas,
//	       n entry counts (bytes), the entries' classes (bytes), their weights (int16 LE)
//	5 × map(string -> string): lemma exceptions, lemma suffix rules, UPOS by tag and
//	       relation, UPOS by tag and word, UPOS by tag (sorted keys)
//	bytes(the POS tagger: an extract/tagger model file)
//	wordMap(ambiguity classes) (from version 2) wordMap(clusters) (from version 3)
//	with wordMap = uvarint(n) n × (word hash as uvarint delta, uvarint(value))
//
// strings = uvarint(n) then n × string, string = uvarint(len) bytes.
const (
	magic         = "NGPARSER"
	formatVersion = 3 // 2 adds the transition system and the ambiguity classes, 3 the clusters
	// FileName is the model's file name inside the model directory.
	FileName = "parser.bin.gz"
)

//go:embed model/parser.bin.gz
var defaultModel []byte

var (
	defaultOnce sync.Once
	defaultM    *Model
)

// Default returns the committed model (trained on UD English EWT), loaded on first use. It
// panics if the embedded model is corrupt (a build error, caught by the tests).
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := LoadBytes(defaultModel)
		if err != nil {
			panic(fmt.Sprintf("parse: embedded model: %v", err))
		}
		defaultM = m
	})
	return defaultM
}

// LoadFile loads a model written by Save.
func LoadFile(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return LoadBytes(b)
}

// Save writes the model. The output depends on the model alone, byte for byte.
func (m *Model) Save(w io.Writer) error {
	var posBuf bytes.Buffer
	if m.posRaw != nil {
		posBuf.Write(m.posRaw)
	} else if m.pos != nil {
		if err := m.pos.Save(&posBuf); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	e := &enc{w: &b}
	b.WriteString(magic)
	e.uvarint(formatVersion)
	e.uvarint(uint64(m.system))
	e.str(m.info)
	e.strs(m.tags)
	e.strs(m.labels)
	e.table(m.w)
	for _, mp := range m.lem.maps() {
		e.smap(*mp)
	}
	e.uvarint(uint64(posBuf.Len()))
	b.Write(posBuf.Bytes())
	e.wordMap(m.amb)
	e.wordMap(m.clusters)

	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(b.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

func (l *lemmatizer) maps() []*map[string]string {
	return []*map[string]string{&l.exc, &l.rules, &l.upos1, &l.upos2, &l.uposT}
}

// LoadBytes loads a model from the bytes of a model file.
func LoadBytes(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse: model: %w", err)
	}
	raw, err := io.ReadAll(bufio.NewReader(zr))
	if err != nil {
		return nil, fmt.Errorf("parse: model: %w", err)
	}
	m, err := decodeModel(raw)
	if err != nil {
		return nil, fmt.Errorf("parse: model: %w", err)
	}
	return m, nil
}

func decodeModel(raw []byte) (*Model, error) {
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, errors.New("not a parser model")
	}
	d := &dec{b: raw[len(magic):]}
	m := &Model{tagID: map[string]int{}}
	version := d.uvarint()
	switch v := version; v {
	case 1: // arc-hybrid, before arc-eager was added
	case 2, formatVersion:
		m.system = int(d.uvarint())
	default:
		return nil, fmt.Errorf("format version %d, want %d", v, formatVersion)
	}
	m.info = d.str()
	m.tags = d.strs()
	m.labels = d.strs()
	for i, t := range m.tags {
		m.tagID[t] = i
	}
	w, err := d.table(numClasses(len(m.labels)))
	if err != nil {
		return nil, err
	}
	m.lem = &lemmatizer{}
	for _, mp := range m.lem.maps() {
		*mp = d.smap()
	}
	posRaw := d.bytes(int(d.uvarint()))
	if version >= 2 {
		m.amb = d.wordMap()
	}
	if version >= 3 {
		m.clusters = d.wordMap()
	}
	if d.err != nil {
		return nil, d.err
	}
	m.w = w
	if len(posRaw) > 0 {
		pm, err := tagger.LoadBytes(posRaw)
		if err != nil {
			return nil, err
		}
		m.pos, m.posRaw = pm, posRaw
	}
	return m, nil
}

type enc struct{ w *bytes.Buffer }

// wordMap writes a map from word hashes to numbers.
func (e *enc) wordMap(m map[uint64]uint64) {
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	e.uvarint(uint64(len(ks)))
	prev := uint64(0)
	for _, k := range ks {
		e.uvarint(k - prev)
		prev = k
		e.uvarint(m[k])
	}
}

func (d *dec) wordMap() map[uint64]uint64 {
	n := int(d.uvarint())
	if n > len(d.b) {
		d.fail()
		return nil
	}
	m := make(map[uint64]uint64, n)
	prev := uint64(0)
	for i := 0; i < n && d.err == nil; i++ {
		prev += d.uvarint()
		m[prev] = d.uvarint()
	}
	return m
}

func (e *enc) table(t *table) {
	e.u32(math.Float32bits(t.scale))
	e.uvarint(uint64(len(t.keys)))
	prev := uint64(0)
	for _, k := range t.keys {
		e.uvarint(k - prev)
		prev = k
	}
	e.w.Write(t.counts)
	ents := t.weights()
	for _, x := range ents {
		e.w.WriteByte(x.cls)
	}
	for _, x := range ents {
		e.u16(uint16(x.w))
	}
}

func (d *dec) table(nc int) (*table, error) {
	scale := math.Float32frombits(d.u32())
	n := int(d.uvarint())
	if d.err != nil || n > len(d.b) {
		return nil, errors.New("truncated")
	}
	keys := make([]uint64, n)
	prev := uint64(0)
	for i := range keys {
		prev += d.uvarint()
		keys[i] = prev
	}
	counts := d.bytes(n)
	total := 0
	for _, c := range counts {
		total += int(c)
	}
	cls := d.bytes(total)
	if d.err != nil {
		return nil, d.err
	}
	ents := make([]centry, total)
	for i := range ents {
		ents[i] = centry{cls: cls[i], w: int16(d.u16())}
		if int(cls[i]) >= nc {
			return nil, errors.New("bad class")
		}
	}
	return buildTable(keys, counts, ents, scale), nil
}

func (e *enc) uvarint(v uint64) { e.w.Write(binary.AppendUvarint(nil, v)) }
func (e *enc) u16(v uint16)     { e.w.Write(binary.LittleEndian.AppendUint16(nil, v)) }
func (e *enc) u32(v uint32)     { e.w.Write(binary.LittleEndian.AppendUint32(nil, v)) }
func (e *enc) str(s string)     { e.uvarint(uint64(len(s))); e.w.WriteString(s) }
func (e *enc) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}
func (e *enc) smap(m map[string]string) {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	e.strs(ks)
	for _, k := range ks {
		e.str(m[k])
	}
}

type dec struct {
	b   []byte
	err error
}

func (d *dec) fail() {
	if d.err == nil {
		d.err = errors.New("truncated")
	}
	d.b = nil
}

func (d *dec) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) bytes(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.fail()
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *dec) u16() uint16 {
	b := d.bytes(2)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint16(b)
}

func (d *dec) u32() uint32 {
	b := d.bytes(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (d *dec) str() string { return string(d.bytes(int(d.uvarint()))) }

func (d *dec) strs() []string {
	n := int(d.uvarint())
	if n > len(d.b) {
		d.fail()
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *dec) smap() map[string]string {
	ks := d.strs()
	m := make(map[string]string, len(ks))
	for _, k := range ks {
		m[k] = d.str()
	}
	return m
}
