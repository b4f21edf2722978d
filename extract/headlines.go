package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
)

// Headlines in capitals ("ALPINE SKIING - KOSTNER WINS WORLD CUP DOWNHILL.") give the tagger
// nothing to go on: every word looks like a name. A word there is a name only when the
// gazetteer knows it (ITALY, OPEC) or the story's body names it in ordinary case (KOSTNER, as
// "Isolde Kostner"); then it is what the body says it is.

// shouting: a sentence of three or more words written in capitals, as wire headlines are.
func shouting(d *Document, s Sentence) bool {
	caps, words := 0, 0
	for i := s.First; i < s.Last; i++ {
		w := d.Tokens[i].Text
		letters := 0
		for _, r := range w {
			if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 {
				letters++
			}
		}
		if letters < 2 {
			continue
		}
		words++
		if isAllCaps(w) {
			caps++
		}
	}
	return caps >= 3 && caps*5 >= words*4
}

// headlineMentions finds the names of the shouting sentences (shout[s]), once the body's
// mentions (body) are known.
func headlineMentions(d *Document, g *gazetteer.Gazetteer, shout []bool, body []*Found, covered []bool) []*Found {
	// the body's names by their words in lower case: "isolde kostner", and "kostner" for a person
	known := map[string]*Found{}
	for _, f := range body {
		if f.Type == Date || f.Kind != KindName && f.Kind != KindAcronym {
			continue
		}
		text := strings.ToLower(d.Text[f.Start:f.End])
		if _, ok := known[text]; !ok {
			known[text] = f
		}
		if ws := strings.Fields(text); f.Type == Person && len(ws) > 1 {
			if _, ok := known[ws[len(ws)-1]]; !ok {
				known[ws[len(ws)-1]] = f
			}
		}
	}
	var out []*Found
	for si, s := range d.Sentences {
		if !shout[si] {
			continue
		}
		for i := s.First; i < s.Last; {
			if covered[i] {
				i++
				continue
			}
			if seg, ok := gazetteerSegment(d, g, i, s.Last, covered); ok && seg.hit.Entry.Type != gazetteer.Title {
				if f := foundFromHit(d, seg); f != nil {
					out = append(out, f)
					i = seg.last
					continue
				}
			}
			// the longest run of words from i that the body names
			best := 0
			var like *Found
			for j := i + 1; j <= s.Last && j <= i+4; j++ {
				if f := known[strings.ToLower(d.Text[d.Tokens[i].Start:d.Tokens[j-1].End])]; f != nil {
					best, like = j, f
				}
			}
			if like == nil {
				i++
				continue
			}
			sp := Span{d.Tokens[i].Start, d.Tokens[best-1].End}
			out = append(out, &Found{Span: sp, Kind: KindName, Type: like.Type, Name: like.Name, Gaz: like.Gaz, Context: sp})
			i = best
		}
	}
	return out
}
