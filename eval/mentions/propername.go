package mentions

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file decides which GUM mentions are proper names and cuts the name out of GUM's
// mention span. eval/README.md states the rule in prose; keep the two in step.

// properName reports whether mention mi (of gold type typ) is a proper-name mention and, if so,
// the first and last word of the name.
func (b *docBuilder) properName(mi int, typ string, children [][]int) (int, int, bool) {
	m := b.mentions[mi]
	in := func(k int) bool { return k >= m.a && k <= m.b }
	head := b.spanHead(m.a, m.b)
	// The anchor is the word the name grows from: the head when it is a proper noun, else the
	// first proper noun attached to a common-noun head by flat ("team member Rodaba Noori")
	// or appos ("overseas minister Gérald Darmanin").
	anchor := -1
	seeds := []int{}
	// A person mention headed by a title takes the name in apposition to it as anchor
	// ("Undersecretary for Education Mr. Toccafondi").
	title := typ == Person && isProperTag(b.words[head].xpos) && titleWord[strings.ToLower(b.words[head].form)]
	if isProperTag(b.words[head].xpos) && !title {
		anchor = head
		seeds = append(seeds, head)
	} else {
		for _, c := range children[head] {
			rel := baseRel(b.words[c].deprel)
			if in(c) && (rel == "appos" || rel == "flat" && !title) && isProperTag(b.words[c].xpos) {
				if anchor < 0 {
					anchor = c
				}
				seeds = append(seeds, c)
			}
		}
	}
	if anchor < 0 && isProperTag(b.words[head].xpos) {
		anchor = head
		seeds = append(seeds, head)
	}
	if anchor < 0 {
		return 0, 0, false
	}
	inName, isSeed := map[int]bool{}, map[int]bool{}
	queue := append([]int(nil), seeds...)
	for _, s := range seeds {
		inName[s], isSeed[s] = true, true
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range children[p] {
			if in(c) && !inName[c] && b.nameDependent(mi, typ, head, p, c, children, isSeed[p]) {
				inName[c] = true
				queue = append(queue, c)
			}
		}
	}
	l, r := anchor, anchor
	for l-1 >= m.a && inName[l-1] {
		l--
	}
	for r+1 <= m.b && inName[r+1] {
		r++
	}
	for l < r && b.edge(l) {
		l++
	}
	for r > l && b.edge(r) {
		r--
	}
	// Plural group nouns ("Muslims", "the Rohingya", "Texans") are not names of people.
	if typ == Person && l == r && b.words[l].xpos == "NNPS" {
		return 0, 0, false
	}
	if typ == Person {
		// A title the parse did not mark as nmod:desc is cut off when at least two words of
		// name follow it ("US President Barack Obama", "Emeritus Professor John Burrows", but
		// "Captain America").
		for k := r - 2; k >= l; k-- {
			if titleWord[strings.ToLower(b.words[k].form)] && b.nameWords(k+1, r) >= 2 {
				l = k + 1
				break
			}
		}
		// Nor is a bare title a name ("The President", "the Minister"), or a title with its
		// qualifiers ("Shadow Home Secretary", "NASA Administrator", "U.S. Senator").
		if b.onlyTitles(l, r) || officeWord[strings.ToLower(b.words[r].form)] {
			return 0, 0, false
		}
	}
	return l, r, true
}

// nameWords counts the words of l..r that are not titles or punctuation.
func (b *docBuilder) nameWords(l, r int) int {
	n := 0
	for k := l; k <= r; k++ {
		w := b.words[k]
		if w.xpos != "HYPH" && !edgeTag[w.xpos] && !titleWord[strings.ToLower(w.form)] {
			n++
		}
	}
	return n
}

// spanHead is the word of a..b whose governor lies outside the span; when several do (a
// non-projective parse), the one nearest the root, then the first.
func (b *docBuilder) spanHead(a, e int) int {
	best, bestDepth := a, 1<<30
	for k := a; k <= e; k++ {
		h := b.words[k].head
		if h >= a && h <= e {
			continue
		}
		if d := b.depth(k); d < bestDepth {
			best, bestDepth = k, d
		}
	}
	return best
}

func (b *docBuilder) depth(k int) int {
	d := 0
	for k >= 0 && d <= len(b.words) {
		k = b.words[k].head
		d++
	}
	return d
}

// nameDependent reports whether word c, a dependent of p, belongs to the name that grows from
// the mention's head.
// seed tells whether p is where the name grows from (then its own deprel is its relation
// outside the mention).
func (b *docBuilder) nameDependent(mi int, typ string, head, p, c int, children [][]int, seed bool) bool {
	w := b.words[c]
	rel := w.deprel
	switch base := baseRel(rel); {
	case rel == "nmod:poss":
		// "Korean People's Army" keeps its possessor, "Mecca's Grand Mosque" does not: a
		// possessor annotated as a mention of its own is a separate name.
		return !b.ownMention(mi, c, children, false)
	case rel == "nmod":
		// "Bank of America", "Council on American-Islamic Relations", "Joint Council for the
		// Welfare of Immigrants", but not "Museum in Seattle", nor a qualifier of a nested
		// name ("University of Sheffield of the UK": Sheffield is a place mention). A person's
		// name keeps "of Y" only when Y is not a name of its own: "Man of the Match", but
		// "Leung Yiu-chung of NWSC" is Leung Yiu-chung. The modifier must follow the noun it
		// modifies (a parse of "Minister of Education Stefania Giannini" has it the other way).
		if c < p || !isProperTag(w.xpos) || !b.hasCase(c, children, nameCase) {
			return false
		}
		if typ == Person {
			return !b.ownMention(mi, c, children, true)
		}
		return seed || b.words[p].deprel != "nmod" || !b.ownMention(mi, p, children, true)
	case rel == "nmod:desc":
		// A title before a person's name is not part of it ("President Donald Trump"); in
		// other names it is ("Doctor Who Society of Canada").
		return typ != Person && capitalized(w.form)
	case strings.HasPrefix(rel, "nmod") || rel == "compound:prt":
		return false // nmod:desc (titles), nmod:unmarked ("Kanata, Ontario"), nmod:tmod
	case base == "conj":
		// "Air and Space Museum", "For Inspiration and Recognition of Science", but not a
		// coordination of names annotated one by one ("Iran and Libya").
		return b.nameCased(c) && (p != head || !b.ownMention(mi, c, children, false))
	case base == "cc":
		return p != head
	case base == "flat", base == "fixed", base == "goeswith":
		return true
	case base == "compound", base == "amod", base == "nummod":
		// "American Revolution", "Space Center", "501st Legion", but not "late Andy Warhol"
		// or "mainland Australia".
		return b.nameCased(c)
	case base == "det", base == "case":
		return true // only ever kept inside a name: edges are trimmed
	case base == "punct":
		return w.xpos == "HYPH" // "Udvar-Hazy", "Al-Haram"
	}
	return false // appos, acl, parataxis, dislocated, nmod:desc...
}

// nameCased reports whether word c looks like part of a name: a proper noun, or a
// capitalised word or number that does not open its sentence.
func (b *docBuilder) nameCased(c int) bool {
	w := b.words[c]
	return isProperTag(w.xpos) || (!w.first && capitalized(w.form))
}

// ownMention reports whether another mention lies inside word c's subtree and covers c; with
// names set, only a mention of a person, organisation or place counts.
func (b *docBuilder) ownMention(mi, c int, children [][]int, names bool) bool {
	lo, hi := c, c
	stack := []int{c}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		lo, hi = min(lo, k), max(hi, k)
		stack = append(stack, children[k]...)
	}
	for j, o := range b.mentions {
		if names && gumTypes[o.typ] == "" {
			continue
		}
		if j != mi && o.b >= 0 && o.a >= lo && o.b <= hi && o.a <= c && c <= o.b {
			return true
		}
	}
	return false
}

// nameCase: prepositions that occur inside names of organisations and places.
var nameCase = map[string]bool{"of": true, "for": true, "on": true, "de": true, "du": true,
	"des": true, "del": true, "della": true, "di": true, "da": true}

func (b *docBuilder) hasCase(c int, children [][]int, allowed map[string]bool) bool {
	for _, k := range children[c] {
		if baseRel(b.words[k].deprel) == "case" && allowed[strings.ToLower(b.words[k].form)] {
			return true
		}
	}
	return false
}

// officeWord: titles that end a description of a person, not a name ("Home Secretary",
// "Ottawa New Democrat MP"). King, Queen, Lord, Justice... are left out: they end names too.
var officeWord = map[string]bool{"secretary": true, "administrator": true, "senator": true,
	"mp": true, "sheriff": true, "spokesperson": true, "spokesman": true, "spokeswoman": true,
	"president": true, "minister": true, "governor": true, "mayor": true, "director": true,
	"chairman": true, "chairwoman": true, "commissioner": true, "ambassador": true,
	"premier": true, "undersecretary": true, "councillor": true, "councilor": true}

// titleWord: words that make a bare title, not a name, when they are all a Person name has.
var titleWord = map[string]bool{"president": true, "vice": true, "prime": true, "minister": true,
	"king": true, "queen": true, "prince": true, "princess": true, "senator": true,
	"governor": true, "mayor": true, "professor": true, "prof.": true, "administrator": true,
	"ambassador": true, "doctor": true, "dr": true, "dr.": true, "mr": true, "mr.": true,
	"mrs": true, "mrs.": true, "ms": true, "ms.": true, "lady": true, "lord": true, "sir": true,
	"general": true, "gen.": true, "secretary": true, "chairman": true, "chairwoman": true,
	"chancellor": true, "pope": true, "judge": true, "justice": true, "director": true,
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "chief": true,
	"executive": true, "commander": true, "captain": true, "colonel": true, "sergeant": true,
	"bishop": true, "reverend": true, "rev.": true, "premier": true, "undersecretary": true, "sheikh": true,
	"emperor": true, "attorney": true, "mp": true, "commissioner": true, "emeritus": true, "state": true, "foreign": true, "interior": true,
	"defence": true, "defense": true, "sheriff": true, "councillor": true, "councilor": true,
	"of": true, "the": true}

func (b *docBuilder) onlyTitles(l, r int) bool {
	for k := l; k <= r; k++ {
		w := b.words[k]
		if w.xpos == "HYPH" {
			continue
		}
		if !titleWord[strings.ToLower(w.form)] {
			return false
		}
	}
	return true
}

// edgeTag: tags trimmed from both ends of a name ("the", "'s", hyphens, punctuation).
var edgeTag = map[string]bool{"DT": true, "POS": true, "IN": true, "CC": true, "TO": true,
	"HYPH": true, ",": true, ".": true, ":": true, "``": true, "''": true, "-LRB-": true,
	"-RRB-": true, "PRP$": true, "WDT": true, "NFP": true}

// edge reports whether word k is trimmed from the ends of a name: determiners, possessive
// endings, punctuation, conjunctions and lower-case prepositions ("For Inspiration and
// Recognition of Science and Technology" keeps its "For").
func (b *docBuilder) edge(k int) bool {
	w := b.words[k]
	if w.xpos == "IN" && capitalized(w.form) {
		return false
	}
	return edgeTag[w.xpos]
}

func isProperTag(xpos string) bool { return xpos == "NNP" || xpos == "NNPS" }

func baseRel(rel string) string {
	base, _, _ := strings.Cut(rel, ":")
	return base
}

func capitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}
