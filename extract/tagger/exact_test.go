package tagger

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
	"github.com/newsgraph/newsgraph/internal/gmb"
)

// refTag tags with every feature looked up one by one, as in training: the
// reference for the summed records and tables of TagInto.
func refTag(m *Model, words []string) (pos, ent []string) {
	an := analyzer{lex: m.lex, gaz: gazetteer.Default()}
	ti := an.analyze(words, nil)
	an.markGazetteer(words, ti)
	n := len(ti)
	posH := make([]uint64, n)
	posH[0], posH[1], posH[n-2], posH[n-1] = start2H, startH, endH, end2H
	var pf [maxPOSFeats]uint64
	for i := 2; i < n-2; i++ {
		c, ok := m.tagdict[ti[i].ew]
		if !ok {
			scores := make([]int32, len(m.posTags))
			posStatic(ti, i, pf[:numPOSStatic])
			posDynamic(ti, i, posH[i-1], posH[i-2], pf[numPOSStatic:])
			for _, f := range pf {
				m.pos.add(f, scores)
			}
			c = argmax(scores)
		}
		pos = append(pos, m.posTags[c])
		posH[i] = m.posHash[c]
	}
	entH := make([]uint64, n)
	entH[0], entH[1] = start2H, startH
	nE := len(m.entTags)
	prev := nE
	var nf [maxNERFeats]uint64
	for i := 2; i < n-2; i++ {
		scores := make([]int32, nE)
		k := nerStatic(ti, posH, i, nf[:])
		nerDynamic(ti, posH, i, entH[i-1], entH[i-2], nf[k:k+numNERDynamic])
		for _, f := range nf[:k+numNERDynamic] {
			m.ner.add(f, scores)
		}
		c := argmaxAllowed(scores, m.entAllowed[prev*nE:(prev+1)*nE])
		ent = append(ent, m.entTags[c])
		entH[i] = m.entHash[c]
		prev = int(c)
	}
	return pos, ent
}

func TestFastPathExact(t *testing.T) {
	m := Default()
	var sents [][]string
	if all, err := gmb.Read(gmb.DefaultPath()); err == nil {
		for _, s := range all[len(all)-3000:] {
			sents = append(sents, s.Words())
		}
	}
	for _, s := range []string{
		"Azerbaijan 's Foreign Minister Jeyhun Bayramov met NATO officials in Baku on Tuesday .",
		"“ Zzyzx-Qwerty ” , said Dr. Ólafur Ragnar Grímsson of the U.N. in 2009 ... ( really ) !",
		"x", "A", ".",
	} {
		sents = append(sents, strings.Fields(s))
	}
	diff := 0
	for _, w := range sents {
		p1, e1 := m.Tag(w)
		p2, e2 := refTag(m, w)
		if strings.Join(p1, " ") != strings.Join(p2, " ") || strings.Join(e1, " ") != strings.Join(e2, " ") {
			diff++
			if diff < 5 {
				t.Errorf("%q:\nfast %v %v\nref  %v %v", w, p1, e1, p2, e2)
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d sentences differ", diff, len(sents))
	}
}
