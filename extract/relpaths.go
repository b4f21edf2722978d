package extract

import (
	"bufio"
	_ "embed"
	"strconv"
	"strings"
)

// Relations read from the dependency path between two named entities of a sentence, with
// the predicate that path states learnt from the team's annotated news (its dev split; the
// table data/relpaths.tsv is written by `go run ./eval/relpaths`). The hand-written tree
// rules (tree.go) come first; a learnt path adds a relation only between two entities the
// rules left unrelated. A path is known by two signatures: a lexical one (the relations and
// the lemmas of the words between the ends: "City <appos capital >amod Country") and, when
// that was never seen, one that keeps only the relations and prepositions.

// PathPair is an ordered pair of entity mentions of one parsed sentence and the dependency
// path that joins them.
type PathPair struct {
	Subject, Object *Found
	// the path's signatures: its relations with the lemmas of the words on it, with the lemma
	// of the word where its halves meet only, and with none
	Lexical, Top, Shape string
	At                  int // the token where the two halves of the path meet
}

// maxPathEdges: longer paths join words that rarely state a relation between them.
const maxPathEdges = 4

// PathPairs lists the ordered pairs of distinct entities named in sentence si (its own
// mentions, not dates) that its tree joins in at most maxPathEdges steps. Nil when the
// sentence was not parsed.
func (d *Document) PathPairs(si int) []PathPair {
	if si < 0 || si >= len(d.Sentences) {
		return nil
	}
	s := d.Sentences[si]
	if s.Last <= s.First || d.Tokens[s.First].Rel == "" {
		return nil
	}
	var ms []*Found
	var heads []int
	for _, f := range d.Mentions {
		if f.Entity == nil || f.Type == Date || f.Start < s.Start || f.End > s.End {
			continue
		}
		ms = append(ms, f)
		heads = append(heads, d.spanHead(f, s))
	}
	var out []PathPair
	cases := d.caseWords(s)
	for i, a := range ms {
		for j, b := range ms {
			if i == j || a.Entity == b.Entity || heads[i] == heads[j] {
				continue
			}
			if p, ok := d.path(heads[i], heads[j], s, cases); ok {
				p.Subject, p.Object = a, b
				p.Lexical = typeOf(a) + " " + p.Lexical + " " + typeOf(b)
				p.Top = typeOf(a) + " " + p.Top + " " + typeOf(b)
				p.Shape = typeOf(a) + " " + p.Shape + " " + typeOf(b)
				out = append(out, p)
			}
		}
	}
	return out
}

func typeOf(f *Found) string {
	if f.Entity != nil && f.Entity.Type != "" {
		return f.Entity.Type
	}
	return f.Type
}

// spanHead is the token of f whose head lies outside f.
func (d *Document) spanHead(f *Found, s Sentence) int {
	first := d.TokenAt(f.Start)
	for i := first; i < s.Last && d.Tokens[i].Start < f.End; i++ {
		if h := d.Tokens[i].Head; h < 0 || d.Tokens[h].Start < f.Start || d.Tokens[h].Start >= f.End {
			return i
		}
	}
	return first
}

// path joins tokens a and b through their lowest common ancestor.
func (d *Document) path(a, b int, s Sentence, cases []string) (PathPair, bool) {
	var up []int // a and its ancestors
	for k := a; k >= 0 && len(up) <= maxPathEdges; k = d.Tokens[k].Head {
		if k < s.First || k >= s.Last {
			return PathPair{}, false
		}
		up = append(up, k)
	}
	var down []int // b and its ancestors up to the first that is on a's chain
	top := -1
	for k := b; k >= 0 && len(down) <= maxPathEdges; k = d.Tokens[k].Head {
		if k < s.First || k >= s.Last {
			return PathPair{}, false
		}
		if at := indexOf(up, k); at >= 0 {
			up, top = up[:at+1], k
			break
		}
		down = append(down, k)
	}
	if top < 0 || len(up)-1+len(down) > maxPathEdges || top == a && len(down) == 0 {
		return PathPair{}, false
	}
	var lex, at, shape []string
	step := func(k int, dir string) {
		r := dir + d.Tokens[k].Rel
		if c := cases[k-s.First]; c != "" {
			r += "[" + c + "]"
		}
		lex, at, shape = append(lex, r), append(at, r), append(shape, r)
	}
	word := func(k int) {
		lex = append(lex, strings.ToLower(d.Tokens[k].Lemma))
		shape = append(shape, d.Tokens[k].UPOS)
		if k == top {
			at = append(at, strings.ToLower(d.Tokens[k].Lemma))
		} else {
			at = append(at, d.Tokens[k].UPOS)
		}
	}
	for i := 0; i+1 < len(up); i++ {
		step(up[i], "<")
		if up[i+1] != b {
			word(up[i+1])
		}
	}
	for i := len(down) - 1; i >= 0; i-- {
		step(down[i], ">")
		if i > 0 {
			word(down[i])
		}
	}
	return PathPair{Lexical: strings.Join(lex, " "), Top: strings.Join(at, " "), Shape: strings.Join(shape, " "), At: top}, true
}

func indexOf(l []int, k int) int {
	for i, x := range l {
		if x == k {
			return i
		}
	}
	return -1
}

// caseWords are the prepositions of the sentence's tokens ("in" of "in Baku"), lower case,
// by token, read once for all its pairs.
func (d *Document) caseWords(s Sentence) []string {
	out := make([]string, s.Last-s.First)
	for i := s.First; i < s.Last; i++ {
		if h := d.Tokens[i].Head; d.Tokens[i].Rel == "case" && h >= s.First && h < s.Last && out[h-s.First] == "" {
			out[h-s.First] = strings.ToLower(d.Tokens[i].Text)
		}
	}
	return out
}

// PathRule is one row of the learnt table: a signature, the predicate it states (empty: it
// was seen often and states none, which keeps its shape from speaking for it), and how often
// it stated it among the times it was seen.
type PathRule struct {
	Predicate   string
	Right, Seen int
}

// PathTable maps lexical signatures ("L ..."), signatures with the top word only ("T ...")
// and shapes ("S ...") to their rule.
type PathTable map[string]PathRule

//go:embed data/relpaths.tsv
var relPathsTSV string

var relPaths = ParsePathTable(relPathsTSV)

// ParsePathTable reads the table's TSV lines (kind, signature, predicate, right, seen); lines
// starting with # are comments.
func ParsePathTable(text string) PathTable {
	t := PathTable{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			continue
		}
		right, err1 := strconv.Atoi(f[3])
		seen, err2 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil || seen <= 0 {
			continue
		}
		t[f[0]+" "+f[1]] = PathRule{Predicate: f[2], Right: right, Seen: seen}
	}
	return t
}

// Rule is the rule for a pair: its most specific signature's that the table has.
func (t PathTable) Rule(p PathPair) (PathRule, bool) {
	if r, ok := t["L "+p.Lexical]; ok {
		return r, true
	}
	if r, ok := t["T "+p.Top]; ok {
		return r, true
	}
	r, ok := t["S "+p.Shape]
	return r, ok
}

// treePaths adds the relations the learnt paths state between entities of the sentence that
// the rules left unrelated.
func (r *relater) treePaths(t *treeSent) {
	if len(relPaths) == 0 {
		return
	}
	related := map[[2]string]bool{}
	for _, rel := range r.out {
		related[[2]string{rel.Subject, rel.Object}] = true
	}
	for _, p := range r.d.PathPairs(r.si) {
		rule, ok := relPaths.Rule(p)
		if !ok || rule.Predicate == "" {
			continue
		}
		// the ends must be arguments as the rules read them: not half of a name split in two,
		// not a nationality standing for its country
		if t.argOf(r.d.spanHead(p.Subject, r.s)) != p.Subject || t.argOf(r.d.spanHead(p.Object, r.s)) != p.Object {
			continue
		}
		s, o := p.Subject.Entity.ID, p.Object.Entity.ID
		if related[[2]string{s, o}] || related[[2]string{o, s}] || !treeFits(rule.Predicate, p.Subject, p.Object) {
			continue
		}
		if rule.Predicate == PredHeads && p.Subject.Title == "" && r.sportsSentence() {
			continue // "Belgium's Kristof Vliegen" in a match report is a player, not a leader
		}
		conf := float64(rule.Right) / float64(rule.Seen+1)
		if r.addTree(t, p.Subject, rule.Predicate, p.Object, conf, p.At) != nil {
			related[[2]string{s, o}] = true
		}
	}
}

// SetPathTable replaces the learnt table (nil: none), for the command that learns it.
func SetPathTable(t PathTable) { relPaths = t }
