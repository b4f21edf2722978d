package tagger

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
	"time"
)

func TestLoadPieces(t *testing.T) {
	best := [5]time.Duration{1 << 40, 1 << 40, 1 << 40, 1 << 40, 1 << 40}
	for range 8 {
		t0 := time.Now()
		zr, _ := gzip.NewReader(bytes.NewReader(defaultModel))
		raw, _ := io.ReadAll(zr)
		t1 := time.Now()
		d, _ := decode(raw)
		t2 := time.Now()
		pos := buildTable(d.pos.nClass, d.pos.keys, d.pos.counts, d.pos.classes, d.pos.weights)
		t3 := time.Now()
		ner := buildTable(d.ner.nClass, d.ner.keys, d.ner.counts, d.ner.classes, d.ner.weights)
		t4 := time.Now()
		mm, _ := newModel(d)
		t5 := time.Now()
		_, _, _ = pos, ner, mm
		for k, v := range []time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3), t5.Sub(t4)} {
			best[k] = min(best[k], v)
		}
	}
	t.Logf("best: gunzip %v decode %v posTable %v nerTable %v newModel %v", best[0], best[1], best[2], best[3], best[4])
}
