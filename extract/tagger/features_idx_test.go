package tagger

import "testing"

func TestDropIndices(t *testing.T) {
	an := analyzer{}
	ti := an.analyze([]string{"a", "b", "Cc", "d", "e"}, nil)
	pos := make([]uint64, len(ti))
	var out [maxNERFeats]uint64
	nerStatic(ti, pos, 4, out[:])
	c := &ti[4]
	if out[dropW] != f1(fW, c.lw) || out[dropEW] != f1(fEW, c.ew) || out[dropWm1W] != f2(fWm1W, ti[3].lw, c.lw) || out[dropWWp1] != f2(fWWp1, c.lw, ti[5].lw) {
		t.Error("dropout indices do not point at the word features")
	}
}
