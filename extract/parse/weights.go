package parse

import (
	"math"
	"sort"
	"unsafe"
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
	t := &table{mask: uint64(size - 1), scale: scale, keys: keys, counts: counts}
	t.slots = makeHuge[slot](t, size)
	// The runs are laid out in key order, a run of up to a cache line's worth of entries
	// moved to the start of the next line rather than straddle two (padding entries are
	// never read): one cache miss per feature instead of often two.
	offs := t.runOffsets()
	total := 0
	if len(offs) > 0 {
		total = int(offs[len(offs)-1]) + int(counts[len(counts)-1])
	}
	if total >= 1<<24 {
		panic("parse: too many weights for the table")
	}
	t.ents = makeHuge[centry](t, total)
	from := 0
	for i, k := range keys {
		c := int(counts[i])
		copy(t.ents[offs[i]:int(offs[i])+c], ents[from:from+c])
		from += c
		h := k & t.mask
		for t.slots[h].run != 0 {
			h = (h + 1) & t.mask
		}
		t.slots[h] = slot{fp: uint32(k >> 32), run: offs[i]<<8 | uint32(c)}
	}
	return t
}

// makeHuge makes a zeroed slice of n elements (with no pointers), in huge pages if it can.
func makeHuge[T slot | centry](t *table, n int) []T {
	var x T
	b := hugeAlloc(n*int(unsafe.Sizeof(x)), t)
	if b == nil {
		return make([]T, n)
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
}

// entsPerLine is how many entries fill a 64-byte cache line.
const entsPerLine = 16

// runOffsets gives where each key's run of entries starts in t.ents.
func (t *table) runOffsets() []uint32 {
	offs := make([]uint32, len(t.keys))
	off := uint32(0)
	for i, c := range t.counts {
		if c <= entsPerLine && off%entsPerLine+uint32(c) > entsPerLine {
			off += entsPerLine - off%entsPerLine
		}
		offs[i] = off
		off += uint32(c)
	}
	return offs
}

// weights returns the entries in key order, without padding, as the model file stores them.
func (t *table) weights() []centry {
	out := make([]centry, 0, t.numWeights())
	for i, off := range t.runOffsets() {
		out = append(out, t.ents[off:off+uint32(t.counts[i])]...)
	}
	return out
}

// score adds up the weights of the features (for training-time checks and tests; parsing
// uses the steps below directly, to look up several lists at once).
func (t *table) score(fs []uint64, scores []int32, runs []run, sink *uint8) []run {
	*sink += t.touchSlots(fs)
	runs = t.lookup(fs, runs[:0])
	*sink += t.touchRuns(runs)
	clear(scores)
	t.add(runs, scores)
	return runs
}

// Scoring is bound by cache misses in the table, which does not fit in the cache. It runs
// in passes so that the misses of different features overlap instead of waiting for each
// other: touchSlots reads every feature's first slot, lookup then finds each feature's run
// of entries (appended to runs), touchRuns reads the runs' cache lines and add sums them.
// The touching passes have no branches that depend on what they read, so a mispredicted
// branch waiting for a miss cannot hold up the loads after it; the sum of what they read
// is returned so that they are not left out.

func (t *table) touchSlots(fs []uint64) uint8 {
	var x uint8
	slots, mask := t.slots, t.mask
	for _, f := range fs {
		x += uint8(slots[f&mask].run)
	}
	return x
}

func (t *table) lookup(fs []uint64, runs []run) []run {
	slots, mask := t.slots, t.mask
	for _, f := range fs {
		h := f & mask
		fp := uint32(f >> 32)
		for {
			s := slots[h]
			if s.run == 0 {
				break
			}
			if s.fp == fp {
				off := s.run >> 8
				runs = append(runs, run{off, off + s.run&0xff})
				break
			}
			h = (h + 1) & mask
		}
	}
	return runs
}

func (t *table) touchRuns(runs []run) uint8 {
	var x uint8
	ents := t.ents
	for _, r := range runs {
		for i := r.from; i < r.to; i += entsPerLine {
			x += ents[i].cls
		}
		x += ents[r.to-1].cls
	}
	return x
}

func (t *table) add(runs []run, scores []int32) {
	ents := t.ents
	for _, r := range runs {
		for _, e := range ents[r.from:r.to] {
			scores[e.cls] += int32(e.w)
		}
	}
}

type run struct{ from, to uint32 }

func (t *table) numFeatures() int { return len(t.keys) }
func (t *table) numWeights() int {
	n := 0
	for _, c := range t.counts {
		n += int(c)
	}
	return n
}
