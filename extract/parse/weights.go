package parse

import (
	"math"
	"sort"
)

// Weights are sparse: a feature has a weight only for the moves it was updated on (usually a
// handful of the ~100 labelled moves), as in Honnibal's perceptron parsers. Scoring a state
// therefore costs one hash look-up per feature plus a few additions.

// tentry is a weight during training, with what averaging needs (lazy update: tot holds the
// sum of the weight over the steps up to ts).
type tentry struct {
	cls uint8
	w   float32
	ts  int64
	tot float64
}

type trainWeights struct {
	idx  map[uint64]int32
	rows [][]tentry
	now  int64 // training steps so far
}

func newTrainWeights() *trainWeights {
	return &trainWeights{idx: make(map[uint64]int32, 1<<20)}
}

func (t *trainWeights) score(fs []uint64, scores []float32) {
	clear(scores)
	for _, f := range fs {
		i, ok := t.idx[f]
		if !ok {
			continue
		}
		for _, e := range t.rows[i] {
			scores[e.cls] += e.w
		}
	}
}

func (t *trainWeights) update(fs []uint64, cls uint8, d float32) {
	for _, f := range fs {
		i, ok := t.idx[f]
		if !ok {
			i = int32(len(t.rows))
			t.idx[f] = i
			t.rows = append(t.rows, nil)
		}
		row := t.rows[i]
		j := 0
		for j < len(row) && row[j].cls != cls {
			j++
		}
		if j == len(row) {
			row = append(row, tentry{cls: cls, ts: t.now})
			t.rows[i] = row
		}
		e := &row[j]
		e.tot += float64(t.now-e.ts) * float64(e.w)
		e.ts = t.now
		e.w += d
	}
}

// average returns the averaged weights as a run-time table, dropping those whose magnitude
// is below prune and quantising the rest to int16.
func (t *trainWeights) average(prune float64) *table {
	type kv struct {
		key uint64
		es  []centry
	}
	var feats []kv
	maxAbs := 0.0
	avg := make(map[*tentry]float64)
	_ = avg
	vals := make([][]float64, len(t.rows))
	for i, row := range t.rows {
		v := make([]float64, len(row))
		for j := range row {
			e := &row[j]
			tot := e.tot + float64(t.now-e.ts)*float64(e.w)
			v[j] = tot / float64(max(t.now, 1))
			if a := math.Abs(v[j]); a >= prune && a > maxAbs {
				maxAbs = a
			}
		}
		vals[i] = v
	}
	scale := maxAbs / 32000
	if scale == 0 {
		scale = 1
	}
	for k, i := range t.idx {
		var es []centry
		for j, e := range t.rows[i] {
			if math.Abs(vals[i][j]) < prune {
				continue
			}
			q := math.Round(vals[i][j] / scale)
			if q == 0 {
				continue
			}
			es = append(es, centry{cls: e.cls, w: int16(q)})
		}
		if len(es) > 0 {
			sort.Slice(es, func(a, b int) bool { return es[a].cls < es[b].cls })
			feats = append(feats, kv{k, es})
		}
	}
	sort.Slice(feats, func(a, b int) bool { return feats[a].key < feats[b].key })
	keys := make([]uint64, len(feats))
	counts := make([]uint8, len(feats))
	var ents []centry
	for i, f := range feats {
		keys[i] = f.key
		counts[i] = uint8(len(f.es))
		ents = append(ents, f.es...)
	}
	return buildTable(keys, counts, ents, float32(scale))
}

// centry is one weight of the run-time model.
type centry struct {
	cls uint8
	w   int16
}

// table is the run-time weight table: open addressing with linear probing over the feature
// keys; each slot holds 32 bits of the key (the bits the slot number does not use) and where
// its run of entries is. 8-byte slots keep the table small, which matters because scoring is
// bound by cache misses. A lookup of an absent feature matches a wrong slot with probability
// 2^-32 per probe.
type table struct {
	mask  uint64
	slots []slot
	ents  []centry
	scale float32 // the weight of one int16 unit
	// What the model file stores (keys sorted, with their entry counts).
	keys   []uint64
	counts []uint8
}

type slot struct {
	fp  uint32 // key >> 32
	run uint32 // offset << 8 | count; 0: empty
}

func buildTable(keys []uint64, counts []uint8, ents []centry, scale float32) *table {
	size := 1
	for size < 2*len(keys) {
		size <<= 1
	}
	if len(ents) >= 1<<24 {
		panic("parse: too many weights for the table")
	}
	t := &table{mask: uint64(size - 1), slots: make([]slot, size), ents: ents, scale: scale, keys: keys, counts: counts}
	off := uint32(0)
	for i, k := range keys {
		h := k & t.mask
		for t.slots[h].run != 0 {
			h = (h + 1) & t.mask
		}
		t.slots[h] = slot{fp: uint32(k >> 32), run: off<<8 | uint32(counts[i])}
		off += uint32(counts[i])
	}
	return t
}

// score adds up the weights of the features. It runs in two passes, first finding every
// feature's run of entries, then adding them, so that the memory reads of different features
// (the table does not fit in the cache) overlap instead of waiting for each other: this
// makes it 1.5 times faster.
func (t *table) score(fs []uint64, scores []int32, runs []run) []run {
	clear(scores)
	runs = runs[:0]
	for _, f := range fs {
		h := f & t.mask
		fp := uint32(f >> 32)
		for {
			s := t.slots[h]
			if s.run == 0 {
				break
			}
			if s.fp == fp {
				off := s.run >> 8
				runs = append(runs, run{off, off + s.run&0xff})
				break
			}
			h = (h + 1) & t.mask
		}
	}
	for _, r := range runs {
		for _, e := range t.ents[r.from:r.to] {
			scores[e.cls] += int32(e.w)
		}
	}
	return runs
}

type run struct{ from, to uint32 }

func (t *table) numFeatures() int { return len(t.keys) }
func (t *table) numWeights() int  { return len(t.ents) }
