package tagger

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/gmb"
)

func (t *weightTable) has(f uint64) (bool, int) {
	key := f & keyMask
	i := key & t.mask
	probes := 1
	for {
		s := &t.slots[i]
		if s.n == 0 {
			return false, probes
		}
		if s.key == key {
			return true, probes
		}
		i = (i + 1) & t.mask
		probes++
	}
}

func TestHitRate(t *testing.T) {
	sents, err := gmb.Read(gmb.DefaultPath())
	if err != nil {
		t.Skip()
	}
	m := Default()
	sc := m.getScratch()
	var nerHit, nerAll, nerProbes, posHit, posAll, posProbes int
	perTmpl := make([]int, numNERStatic)
	for _, s := range sents[len(sents)-3000:] {
		sc.ti = sc.an.analyze(s.Words(), sc.ti)
		m.tagPOS(sc)
		n := len(sc.ti)
		var pf [numPOSStatic]uint64
		for i := 2; i < n-2; i++ {
			if _, ok := m.tagdict[sc.ti[i].ew]; ok {
				continue
			}
			posStatic(sc.ti, i, pf[:])
			for _, f := range pf {
				h, p := m.pos.has(f)
				posAll++
				posProbes += p
				if h {
					posHit++
				}
			}
		}
		var nf [numNERStatic]uint64
		for i := 2; i < n-2; i++ {
			nerStatic(sc.ti, sc.posH, i, nf[:])
			for k, f := range nf {
				h, p := m.ner.has(f)
				nerAll++
				nerProbes += p
				if h {
					nerHit++
				} else {
					perTmpl[k]++
				}
			}
		}
	}
	t.Logf("POS: %d lookups, %.1f%% hits, %.2f probes; NER %d lookups, %.1f%% hits, %.2f probes", posAll, 100*float64(posHit)/float64(posAll), float64(posProbes)/float64(posAll), nerAll, 100*float64(nerHit)/float64(nerAll), float64(nerProbes)/float64(nerAll))
	t.Logf("NER misses per template: %v", perTmpl)
}
