package parse

import (
	"fmt"
	"io"
)

// Scores counts what a parse got right, over every word (punctuation included), as the
// CoNLL 2018 shared task's script does on gold tokens. LAS compares the full label (with
// EWT's subtypes, "nsubj:pass"); ULAS compares the universal part only ("nsubj"), which is
// what conll18_ud_eval.py scores as LAS.
type Scores struct {
	Words, Head, Label, ULabel, XPOS, UPOS, Lemma int
}

func (s Scores) frac(k int) float64 {
	if s.Words == 0 {
		return 0
	}
	return float64(k) / float64(s.Words)
}

func (s Scores) UAS() float64      { return s.frac(s.Head) }
func (s Scores) LAS() float64      { return s.frac(s.Label) }
func (s Scores) CoNLLLAS() float64 { return s.frac(s.ULabel) }

// Report prints the scores.
func (s Scores) Report(w io.Writer, name string) {
	fmt.Fprintf(w, "%s: %d words  UAS %.2f  LAS %.2f (CoNLL 2018 LAS, universal labels: %.2f)  XPOS %.2f  UPOS %.2f  lemma %.2f\n",
		name, s.Words, 100*s.UAS(), 100*s.LAS(), 100*s.CoNLLLAS(), 100*s.frac(s.XPOS), 100*s.frac(s.UPOS), 100*s.frac(s.Lemma))
}

// Evaluate parses the sentences with their gold tags (goldTags) or the model's own tagger and
// scores the result against their trees.
func Evaluate(m *Model, sents []Sentence, goldTags bool) Scores {
	var sc Scores
	for _, s := range sents {
		var tags []string
		if goldTags {
			tags = s.XPOS()
		}
		t := m.Parse(s.Forms(), tags)
		sc.add(s, t)
	}
	return sc
}

func (sc *Scores) add(s Sentence, t Tree) {
	for i, w := range s.Words {
		sc.Words++
		if t.Head[i] == w.Head {
			sc.Head++
			if t.Rel[i] == w.Rel {
				sc.Label++
			}
			if universal(t.Rel[i]) == universal(w.Rel) {
				sc.ULabel++
			}
		}
		if t.XPOS[i] == w.XPOS {
			sc.XPOS++
		}
		if t.UPOS[i] == w.UPOS {
			sc.UPOS++
		}
		if t.Lemma[i] == w.Lemma {
			sc.Lemma++
		}
	}
}

// EvaluateTags parses the sentences with the tags tags gives them (another tagger's) and
// scores the result against their trees.
func EvaluateTags(m *Model, sents []Sentence, tags func(words []string) []string) Scores {
	var sc Scores
	for _, s := range sents {
		w := s.Forms()
		sc.add(s, m.Parse(w, tags(w)))
	}
	return sc
}
