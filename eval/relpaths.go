package eval

import (
	"fmt"
	"io"
	"sort"

	"github.com/newsgraph/newsgraph/eval/score"
	"github.com/newsgraph/newsgraph/extract"
)

// PathCounts counts, for each dependency-path signature between two entities of a sentence,
// how often it was seen and how often the gold states each predicate between the two.
type PathCounts struct {
	Seen  map[string]int
	Right map[string]map[string]int // signature -> predicate -> times
}

// CountPaths runs x on the documents and counts every entity pair's two path signatures
// ("L " lexical, "S " shape; extract.PathPairs) against the gold relations of its sentence.
func CountPaths(docs []RelDoc, x *extract.Extractor) PathCounts {
	pc := PathCounts{Seen: map[string]int{}, Right: map[string]map[string]int{}}
	for _, doc := range docs {
		d := x.Run(doc.Article)
		sc := newDocScorer(doc, d.Extraction())
		for si, s := range d.Sentences {
			for _, p := range d.PathPairs(si) {
				preds := map[string]bool{}
				for _, g := range doc.Gold {
					if g.Literal() || g.End <= s.Start || g.Start >= s.End {
						continue
					}
					if sc.is(p.Subject.Entity.ID, g.S) && sc.is(p.Object.Entity.ID, g.O) ||
						score.SymmetricPredicates[g.P] && sc.is(p.Subject.Entity.ID, g.O) && sc.is(p.Object.Entity.ID, g.S) {
						preds[g.P] = true
					}
				}
				for _, sig := range []string{"L " + p.Lexical, "T " + p.Top, "S " + p.Shape} {
					pc.Seen[sig]++
					for pr := range preds {
						if pc.Right[sig] == nil {
							pc.Right[sig] = map[string]int{}
						}
						pc.Right[sig][pr]++
					}
				}
			}
		}
	}
	return pc
}

// PathTableOptions decide which signatures become rules.
type PathTableOptions struct {
	MinRight     int     // a rule's predicate was stated at least this often (lexical)
	MinRightS    int     // the same for shapes
	MinPrecision float64 // and in at least this share of the times it was seen
	MinSeenNone  int     // a lexical signature seen this often that states nothing is kept as "none"
}

// WriteTable writes the rules as extract.ParsePathTable reads them, sorted.
func (pc PathCounts) WriteTable(w io.Writer, o PathTableOptions) (rules int, err error) {
	var sigs []string
	for sig := range pc.Seen {
		sigs = append(sigs, sig)
	}
	sort.Strings(sigs)
	for _, sig := range sigs {
		seen := pc.Seen[sig]
		best, right := "", 0
		var preds []string
		for p := range pc.Right[sig] {
			preds = append(preds, p)
		}
		sort.Strings(preds)
		for _, p := range preds {
			if n := pc.Right[sig][p]; n > right {
				best, right = p, n
			}
		}
		min := o.MinRight
		if sig[0] != 'L' {
			min = o.MinRightS
		}
		kind, rest := sig[:1], sig[2:]
		switch {
		case right >= min && float64(right) >= o.MinPrecision*float64(seen):
			_, err = fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\n", kind, rest, best, right, seen)
			rules++
		case kind != "S" && seen >= o.MinSeenNone:
			_, err = fmt.Fprintf(w, "%s\t%s\t\t%d\t%d\n", kind, rest, right, seen)
		}
		if err != nil {
			return rules, err
		}
	}
	return rules, nil
}
