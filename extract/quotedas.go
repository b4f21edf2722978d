package extract

import "strings"

// treeQuotedAs reads "News reports quote Kim Yong-nam, head of the North's legislature, as
// saying Pyongyang will ...", "The report quotes security chief Qiang Wei as saying ...": the
// person quoted said what follows "as saying", the quoting report's claim. The parser rarely
// gets these right (the clause after "as saying" lands anywhere), so the words are read in
// order: the quoted is the first person named between the verb and "as saying" (else the
// first body), what was said the rest of the sentence.
func (r *relater) treeQuotedAs(t *treeSent) {
	for q := r.s.First; q < r.s.Last; q++ {
		if !quoteVerbs[strings.ToLower(r.tok(q))] || !strings.HasPrefix(r.d.Tokens[q].POS, "VB") {
			continue
		}
		as := -1
		for k := q + 1; k+1 < r.s.Last && k < q+25; k++ {
			if w := strings.ToLower(r.tok(k + 1)); strings.EqualFold(r.tok(k), "as") && (w == "saying" || w == "telling") {
				as = k
				break
			}
		}
		if as < 0 {
			continue
		}
		var speaker *Found
		for k := q + 1; k < as; k++ {
			if f := r.mention(k); f != nil && f.Entity != nil && isActor(f) && f.Kind != KindDemonym {
				if f.Type == Person {
					speaker = f
					break
				}
				if speaker == nil {
					speaker = f
				}
			}
		}
		if speaker == nil {
			continue
		}
		lo, hi := r.clauseBounds(as+2, r.s.Last-1)
		text := r.text(lo, hi)
		if len(strings.Fields(text)) < 3 {
			continue
		}
		rel := Relation{Subject: speaker.Entity.ID, Predicate: PredSaid, Value: text, Confidence: 0.7,
			Evidence: Span{r.s.Start, r.s.End}, Verb: r.tok(as + 1)}
		if s := t.child(q, "nsubj"); s >= 0 {
			if a := t.args(s); len(a) > 0 && a[0].Entity != nil && a[0].Entity != speaker.Entity {
				rel.AttributedTo = a[0].Entity.ID // "The Associated Press quotes X as saying"
			} else if src := t.sourceName(s); src != "" {
				rel.Source = src // "News reports quote X as saying"
			}
		}
		r.out = append(r.out, rel)
	}
}

var quoteVerbs = setOf("quote", "quotes", "quoted", "quoting", "cite", "cites", "cited")
