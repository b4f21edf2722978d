package extract

import "github.com/newsgraph/newsgraph/extract/tagger"

// Tagger sets each token's part of speech and the statistical named-entity tag, sentence by
// sentence, with the averaged-perceptron model trained on the GMB news corpus.
type Tagger struct {
	Model *tagger.Model
}

// Process tags every token of d.
func (t Tagger) Process(d *Document) {
	m := t.Model
	if m == nil {
		m = tagger.Default()
	}
	var words, pos, ent []string
	for _, s := range d.Sentences {
		n := s.Last - s.First
		words = words[:0]
		for i := s.First; i < s.Last; i++ {
			words = append(words, d.Tokens[i].Text)
		}
		if cap(pos) < n {
			pos, ent = make([]string, n), make([]string, n)
		}
		pos, ent = pos[:n], ent[:n]
		m.TagInto(words, pos, ent)
		for k := 0; k < n; k++ {
			d.Tokens[s.First+k].POS = pos[k]
			d.Tokens[s.First+k].NER = ent[k]
		}
	}
}
