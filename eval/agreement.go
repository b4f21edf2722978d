package eval

// Inter-annotator agreement on the news test set (eval/testdata/news): the first annotator's
// files (entities.jsonl, gold.jsonl) against a second, independent annotation of the same
// articles (second/entities.jsonl, second/gold.jsonl). `go run ./eval/agreement` prints the table.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/eval/score"
)

// IAAMention is one line of an entities.jsonl file.
type IAAMention struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Text  string `json:"text"`
}

// IAARelation is one line of a gold.jsonl file (the fields agreement looks at, and ev).
type IAARelation struct {
	Doc      string `json:"doc"`
	Ev       string `json:"ev"`
	S        string `json:"s"`
	P        string `json:"p"`
	O        string `json:"o"`
	Neg      bool   `json:"neg"`
	Mod      string `json:"mod"`
	Attr     string `json:"attr"`
	Former   bool   `json:"former"`
	Date     string `json:"date"`
	Implicit bool   `json:"implicit"`
	Quote    string `json:"quote"`
}

// IAAArticle is the part of an articles.jsonl line agreement needs.
type IAAArticle struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// ReadJSONLines reads a JSON-lines file into a slice (blank lines skipped, unknown fields ignored).
func ReadJSONLines[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s line %d: %v", path, n, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// IAAFlags are the context flags compared on matched relations.
var IAAFlags = []string{"neg", "mod", "attr", "former", "date"}

func iaaFlag(r IAARelation, flag string) bool {
	switch flag {
	case "neg":
		return r.Neg
	case "mod":
		return r.Mod != ""
	case "attr":
		return r.Attr != ""
	case "former":
		return r.Former
	case "date":
		return r.Date != ""
	}
	return false
}

// IAACounts holds counts of a set comparison: lines of A, lines of B, lines matched one-to-one.
type IAACounts struct{ A, B, Match int }

// F1 is 2·match/(A+B) (symmetric; equals F1 with either annotator as the reference).
func (c IAACounts) F1() float64 {
	if c.A+c.B == 0 {
		return 0
	}
	return 2 * float64(c.Match) / float64(c.A+c.B)
}

// P is match/B (B's precision against A), R is match/A.
func (c IAACounts) P() float64 { return score.Ratio(c.Match, c.B) }
func (c IAACounts) R() float64 { return score.Ratio(c.Match, c.A) }

// FlagAgreement counts, over matched relations, how often a flag is set by A, by B, by both, and agreed on.
type FlagAgreement struct {
	Flag                       string
	Pairs, A, B, Both, Agree   int
	ValueAgree, ValueBothCount int // for mod/attr/date: both set and the same value (case-insensitive)
}

// Kappa is Cohen's kappa of the two annotators' yes/no decisions on the flag over matched pairs.
func (f FlagAgreement) Kappa() float64 {
	if f.Pairs == 0 {
		return 0
	}
	n := float64(f.Pairs)
	po := float64(f.Agree) / n
	pe := (float64(f.A)/n)*(float64(f.B)/n) + (1-float64(f.A)/n)*(1-float64(f.B)/n)
	if pe >= 1 {
		return 1
	}
	return (po - pe) / (1 - pe)
}

// AgreementReport is the result of comparing two annotations of the same documents.
type AgreementReport struct {
	Docs         []string
	Entities     IAACounts            // exact span and type
	EntitySpans  IAACounts            // exact span, any type
	EntityByType map[string]IAACounts // by type (A's type for A lines, B's for B lines)
	Relations    IAACounts            // (doc, s, p, o), names loose
	RelByPred    map[string]IAACounts
	RelLoosePred IAACounts // (doc, s, o) only, any predicate: how many differ only by predicate
	Flags        []FlagAgreement
	// Disagreements, for reading: relation lines only one annotator wrote (after matching).
	OnlyA, OnlyB []IAARelation
	// Matched pairs whose flags differ.
	FlagDiffs [][2]IAARelation
}

// iaaNamesMatch: any `|`-separated alternative of a equals one of b, case-insensitively.
func iaaNamesMatch(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	for _, x := range strings.Split(a, "|") {
		x = strings.TrimSpace(x)
		for _, y := range strings.Split(b, "|") {
			if strings.EqualFold(x, strings.TrimSpace(y)) {
				return true
			}
		}
	}
	return false
}

// iaaSymmetric are written once in either order (docs/annotation.md §2.1).
var iaaSymmetric = map[string]bool{
	"met": true, "heldTalksWith": true, "cooperatesWith": true, "alliedWith": true, "agreedWith": true,
	"foughtAgainst": true, "drewWith": true, "mergedWith": true,
}

func iaaRelMatches(a, b IAARelation, anyPred bool) bool {
	if a.Doc != b.Doc || (!anyPred && a.P != b.P) {
		return false
	}
	if iaaNamesMatch(a.S, b.S) && iaaNamesMatch(a.O, b.O) {
		return true
	}
	sym := iaaSymmetric[a.P] && (anyPred || iaaSymmetric[b.P])
	return sym && iaaNamesMatch(a.S, b.O) && iaaNamesMatch(a.O, b.S)
}

var iaaSentenceBreak = regexp.MustCompile(`[.!?]["']?\s+["'(]?[A-Z]`)

// iaaSentenceOf gives the index of the sentence of text in which ev starts (-1 when ev is not found).
func iaaSentenceOf(text, ev string) int {
	i := strings.Index(text, ev)
	if i < 0 || ev == "" {
		return -1
	}
	n := 0
	for _, m := range iaaSentenceBreak.FindAllStringIndex(text, -1) {
		if m[1]-1 > i { // the match ends just after the capital that starts the next sentence
			break
		}
		n++
	}
	return n
}

// iaaMatchRelations pairs lines of a and b one-to-one: first pairs whose ev lies in the same
// sentence, then the rest in file order.
func iaaMatchRelations(a, b []IAARelation, texts map[string]string, anyPred bool) (pairs [][2]int) {
	usedB := make([]bool, len(b))
	usedA := make([]bool, len(a))
	sent := func(r IAARelation) int { return iaaSentenceOf(texts[r.Doc], r.Ev) }
	sa, sb := make([]int, len(a)), make([]int, len(b))
	for i := range a {
		sa[i] = sent(a[i])
	}
	for j := range b {
		sb[j] = sent(b[j])
	}
	for pass := 0; pass < 2; pass++ {
		for i := range a {
			if usedA[i] {
				continue
			}
			for j := range b {
				if usedB[j] || !iaaRelMatches(a[i], b[j], anyPred) {
					continue
				}
				if pass == 0 && (sa[i] < 0 || sa[i] != sb[j]) {
					continue
				}
				usedA[i], usedB[j] = true, true
				pairs = append(pairs, [2]int{i, j})
				break
			}
		}
	}
	return pairs
}

// Agreement compares annotation A with annotation B on docs (nil: the documents B has entity or
// relation lines for). texts maps a document id to its text (used to pair repeated relations by
// sentence).
func Agreement(docs []string, texts map[string]string, entA, entB []IAAMention, relA, relB []IAARelation) AgreementReport {
	if docs == nil {
		seen := map[string]bool{}
		for _, e := range entB {
			if !seen[e.Doc] {
				seen[e.Doc] = true
				docs = append(docs, e.Doc)
			}
		}
		for _, r := range relB {
			if !seen[r.Doc] {
				seen[r.Doc] = true
				docs = append(docs, r.Doc)
			}
		}
	}
	in := map[string]bool{}
	for _, d := range docs {
		in[d] = true
	}
	rep := AgreementReport{Docs: docs, EntityByType: map[string]IAACounts{}, RelByPred: map[string]IAACounts{}}

	// Entities: exact spans.
	type span struct {
		doc        string
		start, end int
	}
	aSpan, bSpan := map[span]string{}, map[span]string{}
	for _, e := range entA {
		if in[e.Doc] {
			aSpan[span{e.Doc, e.Start, e.End}] = e.Type
		}
	}
	for _, e := range entB {
		if in[e.Doc] {
			bSpan[span{e.Doc, e.Start, e.End}] = e.Type
		}
	}
	for k, t := range aSpan {
		c := rep.EntityByType[t]
		c.A++
		rep.Entities.A++
		rep.EntitySpans.A++
		if bt, ok := bSpan[k]; ok {
			rep.EntitySpans.Match++
			if bt == t {
				rep.Entities.Match++
				c.Match++
			}
		}
		rep.EntityByType[t] = c
	}
	for _, t := range bSpan {
		c := rep.EntityByType[t]
		c.B++
		rep.EntityByType[t] = c
		rep.Entities.B++
		rep.EntitySpans.B++
	}

	// Relations.
	var ra, rb []IAARelation
	for _, r := range relA {
		if in[r.Doc] {
			ra = append(ra, r)
		}
	}
	for _, r := range relB {
		if in[r.Doc] {
			rb = append(rb, r)
		}
	}
	pairs := iaaMatchRelations(ra, rb, texts, false)
	rep.Relations = IAACounts{A: len(ra), B: len(rb), Match: len(pairs)}
	for _, r := range ra {
		c := rep.RelByPred[r.P]
		c.A++
		rep.RelByPred[r.P] = c
	}
	for _, r := range rb {
		c := rep.RelByPred[r.P]
		c.B++
		rep.RelByPred[r.P] = c
	}
	matchedA, matchedB := make([]bool, len(ra)), make([]bool, len(rb))
	for _, p := range pairs {
		matchedA[p[0]], matchedB[p[1]] = true, true
		c := rep.RelByPred[ra[p[0]].P]
		c.Match++
		rep.RelByPred[ra[p[0]].P] = c
	}
	for i, ok := range matchedA {
		if !ok {
			rep.OnlyA = append(rep.OnlyA, ra[i])
		}
	}
	for j, ok := range matchedB {
		if !ok {
			rep.OnlyB = append(rep.OnlyB, rb[j])
		}
	}
	rep.RelLoosePred = IAACounts{A: len(ra), B: len(rb), Match: len(iaaMatchRelations(ra, rb, texts, true))}

	for _, fl := range IAAFlags {
		f := FlagAgreement{Flag: fl, Pairs: len(pairs)}
		for _, p := range pairs {
			a, b := ra[p[0]], rb[p[1]]
			x, y := iaaFlag(a, fl), iaaFlag(b, fl)
			if x {
				f.A++
			}
			if y {
				f.B++
			}
			if x && y {
				f.Both++
				var va, vb string
				switch fl {
				case "mod":
					va, vb = a.Mod, b.Mod
				case "attr":
					va, vb = a.Attr, b.Attr
				case "date":
					va, vb = a.Date, b.Date
				}
				if va != "" {
					f.ValueBothCount++
					if iaaNamesMatch(va, vb) {
						f.ValueAgree++
					}
				}
			}
			if x == y {
				f.Agree++
			}
		}
		rep.Flags = append(rep.Flags, f)
	}
	for _, p := range pairs {
		a, b := ra[p[0]], rb[p[1]]
		for _, fl := range IAAFlags {
			if iaaFlag(a, fl) != iaaFlag(b, fl) {
				rep.FlagDiffs = append(rep.FlagDiffs, [2]IAARelation{a, b})
				break
			}
		}
	}
	return rep
}

// AgreementFiles computes agreement between the annotation in dirA and the one in dirB (each with
// entities.jsonl and gold.jsonl); article texts come from the articles.jsonl files given.
func AgreementFiles(dirA, dirB string, articleFiles ...string) (AgreementReport, error) {
	entA, err := ReadJSONLines[IAAMention](filepath.Join(dirA, "entities.jsonl"))
	if err != nil {
		return AgreementReport{}, err
	}
	entB, err := ReadJSONLines[IAAMention](filepath.Join(dirB, "entities.jsonl"))
	if err != nil {
		return AgreementReport{}, err
	}
	relA, err := ReadJSONLines[IAARelation](filepath.Join(dirA, "gold.jsonl"))
	if err != nil {
		return AgreementReport{}, err
	}
	relB, err := ReadJSONLines[IAARelation](filepath.Join(dirB, "gold.jsonl"))
	if err != nil {
		return AgreementReport{}, err
	}
	texts := map[string]string{}
	for _, f := range articleFiles {
		arts, err := ReadJSONLines[IAAArticle](f)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return AgreementReport{}, err
		}
		for _, a := range arts {
			texts[a.ID] = a.Text
		}
	}
	// Only documents both annotators have annotated (an article without entity lines is not annotated).
	hasA := map[string]bool{}
	for _, e := range entA {
		hasA[e.Doc] = true
	}
	var docs []string
	seen := map[string]bool{}
	for _, e := range entB {
		if !seen[e.Doc] && hasA[e.Doc] {
			seen[e.Doc] = true
			docs = append(docs, e.Doc)
		}
	}
	return Agreement(docs, texts, entA, entB, relA, relB), nil
}

// DefaultNewsDir is eval/testdata/news of the repository.
func DefaultNewsDir() string { return filepath.Join(score.RepoRoot(), "eval", "testdata", "news") }

// Print writes the agreement table; verbose adds the unmatched relation lines.
func (r AgreementReport) Print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "Inter-annotator agreement, %d documents (A = first annotator, B = second)\n\n", len(r.Docs))
	fmt.Fprintln(w, "(P = match/B, R = match/A, taking A as the reference; F1 is symmetric)")
	fmt.Fprintf(w, "%-34s %6s %6s %6s %6s %6s %6s\n", "", "A", "B", "match", "P", "R", "F1")
	row := func(name string, c IAACounts) {
		fmt.Fprintf(w, "%-34s %6d %6d %6d %6.3f %6.3f %6.3f\n", name, c.A, c.B, c.Match, c.P(), c.R(), c.F1())
	}
	row("entities: exact span + type", r.Entities)
	row("entities: exact span, any type", r.EntitySpans)
	for _, t := range iaaSortedKeys(r.EntityByType) {
		row("  "+t, r.EntityByType[t])
	}
	row("relations: doc, s, p, o", r.Relations)
	row("relations: doc, s, o (any p)", r.RelLoosePred)
	for _, p := range iaaSortedKeys(r.RelByPred) {
		if c := r.RelByPred[p]; c.A+c.B >= 4 {
			row("  "+p, c)
		}
	}
	fmt.Fprintf(w, "\nFlags on the %d matched relations (set = present/true):\n", r.Relations.Match)
	fmt.Fprintf(w, "%-8s %6s %6s %6s %9s %7s %14s\n", "flag", "A set", "B set", "both", "agree", "kappa", "same value")
	for _, f := range r.Flags {
		val := ""
		if f.ValueBothCount > 0 {
			val = fmt.Sprintf("%d/%d", f.ValueAgree, f.ValueBothCount)
		}
		fmt.Fprintf(w, "%-8s %6d %6d %6d %8.1f%% %7.2f %14s\n", f.Flag, f.A, f.B, f.Both, 100*score.Ratio(f.Agree, f.Pairs), f.Kappa(), val)
	}
	if !verbose {
		return
	}
	line := func(x IAARelation) string {
		s := fmt.Sprintf("%s | %s %s %s | %q", x.Doc, x.S, x.P, x.O, x.Ev)
		if x.Neg {
			s += " neg"
		}
		if x.Mod != "" {
			s += " mod=" + x.Mod
		}
		if x.Attr != "" {
			s += " attr=" + x.Attr
		}
		if x.Former {
			s += " former"
		}
		if x.Date != "" {
			s += " date=" + x.Date
		}
		return s
	}
	fmt.Fprintf(w, "\nOnly A (%d):\n", len(r.OnlyA))
	for _, x := range r.OnlyA {
		fmt.Fprintln(w, "  "+line(x))
	}
	fmt.Fprintf(w, "\nOnly B (%d):\n", len(r.OnlyB))
	for _, x := range r.OnlyB {
		fmt.Fprintln(w, "  "+line(x))
	}
	fmt.Fprintf(w, "\nMatched, flags differ (%d):\n", len(r.FlagDiffs))
	for _, p := range r.FlagDiffs {
		fmt.Fprintln(w, "  A: "+line(p[0]))
		fmt.Fprintln(w, "  B: "+line(p[1]))
	}
}

func iaaSortedKeys(m map[string]IAACounts) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
