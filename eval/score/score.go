// Package score is what the extractor's evaluations share: the counts of right, wrong and
// missed answers with their precision, recall and F1 (the mentions' scorer of package
// eval/mentions, the relations' of package eval, the relation paths' cross-validation), how a
// predicted relation's names and predicates are compared with a gold one's (package eval's
// relations and package eval/cameo's direction check) and shown, and where the repository's
// data is.
package score

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/extract"
)

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// P is precision, TP/(TP+FP); 0 when nothing was predicted.
func (c Counts) P() float64 { return Ratio(c.TP, c.TP+c.FP) }

// R is recall, TP/(TP+FN); 0 when there is no gold.
func (c Counts) R() float64 { return Ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of P and R.
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Gold is the number of gold mentions, TP+FN.
func (c Counts) Gold() int { return c.TP + c.FN }

// Pred is the number of predicted mentions, TP+FP.
func (c Counts) Pred() int { return c.TP + c.FP }

// Add adds o's counts to c's.
func (c *Counts) Add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Ratio is a/b, 0 when b is 0.
func Ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// RepoRoot is the repository's root, found by walking up from the working directory to go.mod
// (the working directory when there is none).
func RepoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// SymmetricPredicates hold both ways: the order of subject and object does not matter.
var SymmetricPredicates = map[string]bool{extract.PredMet: true, extract.PredHeldTalksWith: true,
	extract.PredCooperatesWith: true, extract.PredAlliedWith: true, extract.PredAgreedWith: true,
	extract.PredFoughtAgainst: true}

// CorePredicate: every predicate but related, discussed and said.
func CorePredicate(p string) bool {
	return p != extract.PredRelated && p != extract.PredDiscussed && p != extract.PredSaid
}

// NormName is the form names are compared in: lower case, "_" as space, single spaces, no
// leading "the", no trailing possessive, ASCII apostrophes.
func NormName(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(s), "_", " "), "’", "'")
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "'")
	return s
}

// RelString shows r as its subject's and object's names (or its literal value) with its
// negation, modality and attribution: "Putin -met-> Xi [negated]".
func RelString(ex extract.Extraction, r extract.Relation) string {
	name := func(id string) string {
		for _, e := range ex.Entities {
			if e.ID == id {
				return e.Name
			}
		}
		return id
	}
	obj := name(r.Object)
	if r.Object == "" {
		obj = fmt.Sprintf("%q", Clip(r.Value, 40))
	}
	s := fmt.Sprintf("%s -%s-> %s", name(r.Subject), r.Predicate, obj)
	var q []string
	if r.Negated {
		q = append(q, "negated")
	}
	if r.Modality != "" {
		q = append(q, r.Modality)
	}
	if r.AttributedTo != "" {
		q = append(q, "per "+name(r.AttributedTo))
	}
	if len(q) > 0 {
		s += " [" + strings.Join(q, ", ") + "]"
	}
	return s
}

// Clip is s cut to its first n bytes, with "…" when it was longer.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
