package mentions

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/eval/score"
)

// Predicted is one mention a system found: a byte span of Doc.Text and the system's type.
type Predicted struct {
	Start, End int
	Type       string
}

// Types are the compared types, in report order; Micro is the key of their sum.
var Types = []string{Person, Organization, Place}

// Micro is the Report key of the counts summed over Types.
const Micro = "micro"

// EvalType maps a predicted type onto a compared type: the extractor's Country, City and
// Place all count as Place (GUM's "place" covers countries, cities, regions, buildings...);
// Person and Organization map to themselves; every other type returns "" and is ignored.
func EvalType(t string) string {
	switch t {
	case "Person", "person", "PER":
		return Person
	case "Organization", "Organisation", "organization", "ORG":
		return Organization
	case "Place", "Country", "City", "place", "LOC", "GPE":
		return Place
	}
	return ""
}

// Example is one error: a gold mention missed or a predicted mention that matches no gold,
// under exact matching.
type Example struct {
	Doc        string
	Start, End int
	Type       string
	Text       string
	Note       string // what stood at the same place: "predicted as Organization", "GUM: event"...
	Context    string // the surrounding text
}

func (e Example) String() string {
	s := fmt.Sprintf("%s %s %q", e.Doc, e.Type, e.Text)
	if e.Note != "" {
		s += " (" + e.Note + ")"
	}
	return s
}

// Report holds the scores of one evaluation.
type Report struct {
	// Exact: same span (after trimming a leading "the" and a trailing "'s") and same type.
	// Overlap: spans overlap and types are equal, each gold and each prediction matched at
	// most once (exact pairs first, then greedily by largest overlap). Keys: Types and Micro.
	Exact, Overlap map[string]*score.Counts
	// Untyped: exact span, type ignored (duplicate spans counted once).
	Untyped score.Counts
	Docs    int
	// Missed and Spurious are every exact-match false negative and false positive, in
	// document order.
	Missed, Spurious []Example
}

type span struct{ start, end int }

type item struct {
	span
	typ string
}

// Score runs extractFn over every document and compares its mentions with the proper-name
// gold mentions. Predicted types are mapped by EvalType (Country, City and Place -> Place) and
// predictions of other types are dropped. Both sides have a leading "the " and a trailing
// possessive "'s" trimmed, and duplicates (same span and type) are counted once.
func Score(docs []Doc, extractFn func(text string) []Predicted) Report {
	r := Report{Exact: map[string]*score.Counts{}, Overlap: map[string]*score.Counts{}, Docs: len(docs)}
	for _, t := range append(Types[:len(Types):len(Types)], Micro) {
		r.Exact[t], r.Overlap[t] = &score.Counts{}, &score.Counts{}
	}
	for _, d := range docs {
		var gold, pred []item
		for _, g := range d.Gold {
			if g.Proper {
				s, e := trimSpan(d.Text, g.Start, g.End)
				gold = append(gold, item{span{s, e}, g.Type})
			}
		}
		for _, p := range extractFn(d.Text) {
			t := EvalType(p.Type)
			if t == "" || p.Start < 0 || p.End > len(d.Text) || p.Start >= p.End {
				continue
			}
			s, e := trimSpan(d.Text, p.Start, p.End)
			pred = append(pred, item{span{s, e}, t})
		}
		gold, pred = dedupe(gold), dedupe(pred)
		r.scoreDoc(d, gold, pred)
	}
	for _, t := range Types {
		r.Exact[Micro].Add(*r.Exact[t])
		r.Overlap[Micro].Add(*r.Overlap[t])
	}
	return r
}

func (r *Report) scoreDoc(d Doc, gold, pred []item) {
	// Exact, typed.
	predSet := map[item]bool{}
	for _, p := range pred {
		predSet[p] = true
	}
	goldSet := map[item]bool{}
	for _, g := range gold {
		goldSet[g] = true
		if predSet[g] {
			r.Exact[g.typ].TP++
		} else {
			r.Exact[g.typ].FN++
			r.Missed = append(r.Missed, example(d, g, missNote(d, g, pred)))
		}
	}
	for _, p := range pred {
		if !goldSet[p] {
			r.Exact[p.typ].FP++
			r.Spurious = append(r.Spurious, example(d, p, spuriousNote(d, p, gold)))
		}
	}
	// Exact, untyped.
	gs, ps := map[span]bool{}, map[span]bool{}
	for _, g := range gold {
		gs[g.span] = true
	}
	for _, p := range pred {
		ps[p.span] = true
	}
	for s := range gs {
		if ps[s] {
			r.Untyped.TP++
		} else {
			r.Untyped.FN++
		}
	}
	for s := range ps {
		if !gs[s] {
			r.Untyped.FP++
		}
	}
	// Overlap, typed: exact pairs first, then the largest overlap.
	gm, pm := make([]bool, len(gold)), make([]bool, len(pred))
	for i, g := range gold {
		for j, p := range pred {
			if !pm[j] && p == g {
				gm[i], pm[j] = true, true
				break
			}
		}
	}
	for i, g := range gold {
		if gm[i] {
			continue
		}
		best, bestLen := -1, 0
		for j, p := range pred {
			if pm[j] || p.typ != g.typ {
				continue
			}
			if n := overlap(g.span, p.span); n > bestLen {
				best, bestLen = j, n
			}
		}
		if best >= 0 {
			gm[i], pm[best] = true, true
		}
	}
	for i, g := range gold {
		if gm[i] {
			r.Overlap[g.typ].TP++
		} else {
			r.Overlap[g.typ].FN++
		}
	}
	for j, p := range pred {
		if !pm[j] {
			r.Overlap[p.typ].FP++
		}
	}
}

func overlap(a, b span) int {
	n := min(a.end, b.end) - max(a.start, b.start)
	return max(n, 0)
}

func dedupe(xs []item) []item {
	seen := map[item]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].end < out[j].end
	})
	return out
}

// trimSpan drops a leading "the " and a trailing possessive ("'s", "’s", "'") and
// surrounding white space from text[s:e].
func trimSpan(text string, s, e int) (int, int) {
	for s < e && isSpace(text[s]) {
		s++
	}
	for e > s && isSpace(text[e-1]) {
		e--
	}
	if e-s > 4 && strings.EqualFold(text[s:s+4], "the ") {
		s += 4
		for s < e && isSpace(text[s]) {
			s++
		}
	}
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if e-s > len(suf) && strings.HasSuffix(text[s:e], suf) {
			e -= len(suf)
			break
		}
	}
	return s, e
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func example(d Doc, x item, note string) Example {
	return Example{Doc: d.ID, Start: x.start, End: x.end, Type: x.typ, Text: d.Text[x.start:x.end],
		Note: note, Context: context(d.Text, x.start, x.end)}
}

func context(text string, s, e int) string {
	a, b := max(s-40, 0), min(e+40, len(text))
	for a > 0 && a < s && text[a]&0xC0 == 0x80 {
		a--
	}
	for b < len(text) && text[b]&0xC0 == 0x80 {
		b++
	}
	c := text[a:s] + "[" + text[s:e] + "]" + text[e:b]
	return strings.Join(strings.Fields(c), " ")
}

// missNote says what the system predicted where a gold mention was missed.
func missNote(d Doc, g item, pred []item) string {
	for _, p := range pred {
		if p.span == g.span {
			return "predicted as " + p.typ
		}
	}
	for _, p := range pred {
		if overlap(p.span, g.span) > 0 {
			return fmt.Sprintf("predicted %q as %s", d.Text[p.start:p.end], p.typ)
		}
	}
	return ""
}

// spuriousNote says what the gold has where a prediction matched nothing.
func spuriousNote(d Doc, p item, gold []item) string {
	for _, g := range gold {
		if g.span == p.span {
			return "gold is " + g.typ
		}
	}
	for _, g := range gold {
		if overlap(p.span, g.span) > 0 {
			return fmt.Sprintf("gold %q is %s", d.Text[g.start:g.end], g.typ)
		}
	}
	note := ""
	for _, g := range d.Gold {
		if s, e := trimSpan(d.Text, g.Start, g.End); s == p.start && e == p.end {
			return fmt.Sprintf("GUM: %s, not a proper name", strings.ToLower(g.Type))
		} else if note == "" && overlap(span{s, e}, p.span) > 0 && !g.Proper {
			note = fmt.Sprintf("inside GUM %s %q", strings.ToLower(g.Type), g.Mention)
		}
	}
	for _, g := range d.Others {
		if s, e := trimSpan(d.Text, g.Start, g.End); s == p.start && e == p.end {
			return "GUM: " + g.Type
		}
	}
	if note != "" {
		return note
	}
	for _, g := range d.Others {
		if overlap(span{g.Start, g.End}, p.span) > 0 && g.End-g.Start < 80 {
			return fmt.Sprintf("inside GUM %s %q", g.Type, g.Text)
		}
	}
	return "no GUM mention"
}

// Print writes the scores as a table: type | exact P R F1 | overlap P R F1 | gold | predicted.
// The last line scores spans alone, the type ignored.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "%d documents; proper-name mentions; predicted Country, City and Place count as Place\n", r.Docs)
	fmt.Fprintf(w, "%-13s | %-17s | %-17s | %5s %9s\n", "type", "exact  P    R    F1", "overlap P    R    F1", "gold", "predicted")
	for _, t := range append(Types[:len(Types):len(Types)], Micro) {
		e, o := *r.Exact[t], *r.Overlap[t]
		fmt.Fprintf(w, "%-13s | %5.3f %5.3f %5.3f | %5.3f %5.3f %5.3f | %5d %9d\n", t,
			e.P(), e.R(), e.F1(), o.P(), o.R(), o.F1(), e.Gold(), e.Pred())
	}
	u := r.Untyped
	fmt.Fprintf(w, "%-13s | %5.3f %5.3f %5.3f | %-17s | %5d %9d\n", "span only",
		u.P(), u.R(), u.F1(), "", u.Gold(), u.Pred())
}

// Errors lists the most frequent errors under exact matching: for each type, up to 30 missed
// gold mentions and 30 spurious predictions, grouped by text and note, most frequent first.
func (r Report) Errors() []string { return r.TopErrors(30) }

// TopErrors is Errors with n lines per type and kind.
func (r Report) TopErrors(n int) []string {
	var out []string
	for _, kind := range []struct {
		name string
		xs   []Example
	}{{"missed", r.Missed}, {"spurious", r.Spurious}} {
		for _, t := range Types {
			type group struct {
				key   string
				count int
				first int
			}
			idx := map[string]*group{}
			var groups []*group
			for i, x := range kind.xs {
				if x.Type != t {
					continue
				}
				key := fmt.Sprintf("%q", x.Text)
				if x.Note != "" {
					key += " (" + x.Note + ")"
				}
				if g := idx[key]; g != nil {
					g.count++
					continue
				}
				g := &group{key: key, count: 1, first: i}
				idx[key] = g
				groups = append(groups, g)
			}
			sort.SliceStable(groups, func(i, j int) bool { return groups[i].count > groups[j].count })
			for i, g := range groups {
				if i == n {
					out = append(out, fmt.Sprintf("%s %s: ... %d more", kind.name, t, len(groups)-n))
					break
				}
				out = append(out, fmt.Sprintf("%s %s ×%d %s", kind.name, t, g.count, g.key))
			}
		}
	}
	return out
}
