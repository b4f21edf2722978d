package tagger

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/gmb"
)

type dslot struct {
	key uint64
	row [16]int16
}

type dtable struct {
	mask  uint64
	slots []dslot
	used  []bool
}

func (t *dtable) add(f uint64, s *[16]int32) {
	key := f & keyMask
	i := key & t.mask
	for {
		sl := &t.slots[i]
		if sl.key == key {
			r := &sl.row
			for c := range 16 {
				s[c] += int32(r[c])
			}
			return
		}
		if sl.key == 0 {
			return
		}
		i = (i + 1) & t.mask
	}
}

var nSents = 3000

func nerFeatsOf(b *testing.B) []uint64 {
	sents, err := gmb.Read(gmb.DefaultPath())
	if err != nil {
		b.Skip()
	}
	m := Default()
	sc := m.getScratch()
	var all []uint64
	for _, s := range sents[len(sents)-nSents:] {
		sc.ti = sc.an.analyze(s.Words(), sc.ti)
		m.tagPOS(sc)
		n := len(sc.ti)
		var nf [numNERStatic]uint64
		for i := 2; i < n-2; i++ {
			nerStatic(sc.ti, sc.posH, i, nf[:])
			all = append(all, nf[:]...)
		}
	}
	return all
}

func BenchmarkScoreSparse(b *testing.B) {
	feats := nerFeatsOf(b)
	m := Default()
	scores := make([]int32, 17)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for k := 0; k < len(feats); k += numNERStatic {
			clear(scores)
			for _, f := range feats[k : k+numNERStatic] {
				m.ner.add(f, scores)
			}
		}
		n += len(feats)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/feat")
}

func BenchmarkScoreDense(b *testing.B) {
	feats := nerFeatsOf(b)
	m := Default()
	// dense copy relative to O
	src := &m.ner
	t := &dtable{mask: src.mask, slots: make([]dslot, len(src.slots))}
	o := int(m.entO)
	for i, s := range src.slots {
		if s.n == 0 {
			continue
		}
		full := make([]int32, 17)
		ps := s.in[:]
		if s.n > inlinePairs {
			ps = src.pairs[s.off:]
		}
		for _, p := range ps[:s.n] {
			full[p&0xff] += p >> 8
		}
		var row [16]int16
		j := 0
		for c := range 17 {
			if c == o {
				continue
			}
			row[j] = int16(max(-32768, min(32767, full[c]-full[o])))
			j++
		}
		t.slots[i] = dslot{key: s.key, row: row}
	}
	var scores [16]int32
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for k := 0; k < len(feats); k += numNERStatic {
			scores = [16]int32{}
			for _, f := range feats[k : k+numNERStatic] {
				t.add(f, &scores)
			}
		}
		n += len(feats)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/feat")
}

func BenchmarkScoreSmall(b *testing.B) {
	nSents = 5
	defer func() { nSents = 3000 }()
	b.Run("sparse", BenchmarkScoreSparse)
	b.Run("dense", BenchmarkScoreDense)
}
