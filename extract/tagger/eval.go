package tagger

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Span is an entity mention over tokens [Start, End) of a sentence.
type Span struct {
	Type       string // per, org, geo, ...
	Start, End int
}

// Spans reads the entity mentions of an IOB2 tag sequence. As in conlleval, an
// I- tag that does not continue a mention of its type starts one.
func Spans(tags []string) []Span {
	var spans []Span
	cur := -1
	for i, t := range tags {
		typ, inside := "", false
		switch {
		case strings.HasPrefix(t, "B-"):
			typ = t[2:]
		case strings.HasPrefix(t, "I-"):
			typ, inside = t[2:], true
		}
		if cur >= 0 && (typ == "" || !inside || spans[cur].Type != typ) {
			cur = -1
		}
		if typ != "" && cur < 0 {
			spans = append(spans, Span{Type: typ, Start: i, End: i})
			cur = len(spans) - 1
		}
		if cur >= 0 {
			spans[cur].End = i + 1
		}
	}
	return spans
}

// Counts are the exact-span matches of one entity type.
type Counts struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP).
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluation is the result of Evaluate.
type Evaluation struct {
	Sentences, Tokens int
	POSCorrect        int
	ByType            map[string]*Counts
	Micro             Counts
}

// Of returns the counts of one entity type (zero when the type never occurs).
func (ev *Evaluation) Of(typ string) Counts {
	if c := ev.ByType[typ]; c != nil {
		return *c
	}
	return Counts{}
}

// POSAccuracy is the share of tokens with the right POS tag.
func (ev *Evaluation) POSAccuracy() float64 { return ratio(ev.POSCorrect, ev.Tokens) }

// Evaluate tags the examples and compares with their tags: POS accuracy and
// exact-span entity precision/recall/F1 (a mention counts when its type and
// both ends are right).
func Evaluate(m *Model, exs []Example) *Evaluation {
	ev := &Evaluation{ByType: map[string]*Counts{}}
	var pos, ent []string
	for _, ex := range exs {
		n := len(ex.Words)
		pos, ent = grow(pos, n), grow(ent, n)
		m.TagInto(ex.Words, pos, ent)
		ev.Sentences++
		ev.Tokens += n
		for i := range n {
			if pos[i] == ex.POS[i] {
				ev.POSCorrect++
			}
		}
		ev.addSpans(Spans(ex.Ent), Spans(ent[:n]))
	}
	return ev
}

func (ev *Evaluation) addSpans(gold, pred []Span) {
	g := map[Span]bool{}
	for _, s := range gold {
		g[s] = true
	}
	c := func(t string) *Counts {
		x := ev.ByType[t]
		if x == nil {
			x = &Counts{}
			ev.ByType[t] = x
		}
		return x
	}
	for _, s := range pred {
		if g[s] {
			c(s.Type).TP++
			ev.Micro.TP++
			delete(g, s)
		} else {
			c(s.Type).FP++
			ev.Micro.FP++
		}
	}
	for s := range g {
		c(s.Type).FN++
		ev.Micro.FN++
	}
}

// Report writes the evaluation as a table.
func (ev *Evaluation) Report(w io.Writer) {
	fmt.Fprintf(w, "%d sentences, %d tokens\n", ev.Sentences, ev.Tokens)
	fmt.Fprintf(w, "POS accuracy: %.2f%%\n", 100*ev.POSAccuracy())
	fmt.Fprintf(w, "NER exact spans:\n%-6s %7s %7s %7s %7s\n", "type", "gold", "P", "R", "F1")
	types := make([]string, 0, len(ev.ByType))
	for t := range ev.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	line := func(name string, c Counts) {
		fmt.Fprintf(w, "%-6s %7d %6.2f%% %6.2f%% %6.2f%%\n", name, c.TP+c.FN, 100*c.Precision(), 100*c.Recall(), 100*c.F1())
	}
	for _, t := range types {
		line(t, *ev.ByType[t])
	}
	line("micro", ev.Micro)
}

// EvaluateSpans scores predicted entity tags (preds[i] for exs[i]) against
// the examples' tags, exact spans only, after renaming the types of both
// sides with rename (gold: whether the span is the example's); a span renamed
// to "" is left out.
func EvaluateSpans(exs []Example, preds [][]string, rename func(gold bool, typ string) string) *Evaluation {
	ev := &Evaluation{ByType: map[string]*Counts{}}
	conv := func(spans []Span, gold bool) []Span {
		out := spans[:0]
		for _, s := range spans {
			if s.Type = rename(gold, s.Type); s.Type != "" {
				out = append(out, s)
			}
		}
		return out
	}
	for i, ex := range exs {
		ev.Sentences++
		ev.Tokens += len(ex.Words)
		ev.addSpans(conv(Spans(ex.Ent), true), conv(Spans(preds[i]), false))
	}
	return ev
}
