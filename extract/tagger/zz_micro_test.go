package tagger

import "testing"

func BenchmarkMicroAdd(b *testing.B) {
	m := Default()
	sc := m.getScratch()
	words := []string{"Azerbaijan", "'s", "Foreign", "Minister", "Jeyhun", "Bayramov", "met", "NATO", "officials", "in", "Baku", "on", "Tuesday", "."}
	sc.ti = sc.an.analyze(words, sc.ti)
	m.tagPOS(sc)
	m.tagNER(sc)
	n := len(words)
	feats := sc.feats[:n*numNERStatic]
	scores := make([]int32, 17)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range feats {
			m.ner.add(f, scores)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(feats)), "ns/feat")
}

func BenchmarkMicroDense(b *testing.B) {
	m := Default()
	sc := m.getScratch()
	words := []string{"Azerbaijan", "'s", "Foreign", "Minister", "Jeyhun", "Bayramov", "met", "NATO", "officials", "in", "Baku", "on", "Tuesday", "."}
	sc.ti = sc.an.analyze(words, sc.ti)
	m.tagPOS(sc)
	m.tagNER(sc)
	n := len(words)
	feats := sc.feats[:n*numNERStatic]
	// dense copy of the looked-up rows
	const nc = 17
	type dslot struct {
		key uint64
		row int32
	}
	mask := uint64(1<<12 - 1)
	slots := make([]dslot, mask+1)
	var rows []int32
	for i := range slots {
		slots[i].row = -1
	}
	for _, f := range feats {
		tmp := make([]int32, nc)
		m.ner.add(f, tmp)
		k := f & keyMask
		i := k & mask
		for slots[i].row >= 0 && slots[i].key != k {
			i = (i + 1) & mask
		}
		if slots[i].row < 0 {
			slots[i] = dslot{k, int32(len(rows) / nc)}
			rows = append(rows, tmp...)
		}
	}
	var scores [nc]int32
	b.ResetTimer()
	for b.Loop() {
		for _, f := range feats {
			k := f & keyMask
			i := k & mask
			for {
				s := &slots[i]
				if s.row < 0 {
					break
				}
				if s.key == k {
					r := rows[int(s.row)*nc : int(s.row)*nc+nc]
					for c := range nc {
						scores[c] += r[c]
					}
					break
				}
				i = (i + 1) & mask
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(feats)), "ns/feat")
}
