package parse

import (
	"sort"
	"strings"
)

// The lemmatizer is learnt from EWT's lemmas: an exception table of (form, tag) pairs seen in
// training, most frequent lemma first, and for other words suffix rules learnt per tag ("VBD
// + -ied: cut 3, add y"), the longest suffix seen often enough winning. Proper nouns keep
// their case; other lemmas are lower case, as in EWT. The universal POS tag is read from the
// Penn tag and the relation (IN as mark is SCONJ, as case ADP), as EWT's own UPOS column was
// converted.

type lemmatizer struct {
	exc   map[string]string // tag + "\t" + form (lower case unless NNP*) -> lemma
	rules map[string]string // tag + "\t" + suffix -> "cut\tadd"
	upos1 map[string]string // tag + "\t" + universal relation -> UPOS
	upos2 map[string]string // tag + "\t" + lower-case form -> UPOS when the word decides it
	uposT map[string]string // tag -> UPOS
}

const maxSuffix = 5

func properTag(tag string) bool { return strings.HasPrefix(tag, "NNP") }

func normForm(form, tag string) string {
	if properTag(tag) {
		return form
	}
	return strings.ToLower(form)
}

// rule is the edit turning form into lemma: cut bytes off the end, then add a string.
func rule(form, lemma string) string {
	p := 0
	for p < len(form) && p < len(lemma) && form[p] == lemma[p] {
		p++
	}
	return itoa(len(form)-p) + "\t" + lemma[p:]
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('a' + i - 10))
}

func applyRule(form, r string) (string, bool) {
	tab := strings.IndexByte(r, '\t')
	c := r[0]
	cut := int(c - '0')
	if c >= 'a' {
		cut = int(c-'a') + 10
	}
	_ = tab
	if cut > len(form) {
		return form, false
	}
	return form[:len(form)-cut] + r[tab+1:], true
}

type counter map[string]map[string]int

func (c counter) add(k, v string) {
	m := c[k]
	if m == nil {
		m = map[string]int{}
		c[k] = m
	}
	m[v]++
}

func (c counter) best(k string) (string, int, int) {
	var bv string
	bn, tot := 0, 0
	for v, n := range c[k] {
		tot += n
		if n > bn || (n == bn && v < bv) {
			bv, bn = v, n
		}
	}
	return bv, bn, tot
}

func (c counter) keys() []string {
	ks := make([]string, 0, len(c))
	for k := range c {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// trainLemmatizer learns the tables from gold sentences.
func trainLemmatizer(sents []Sentence) *lemmatizer {
	exc, rules := counter{}, counter{}
	u1, u2, ut := counter{}, counter{}, counter{}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" {
				continue
			}
			f := normForm(w.Form, w.XPOS)
			exc.add(w.XPOS+"\t"+f, w.Lemma)
			r := rule(f, w.Lemma)
			for k := 1; k <= maxSuffix && k <= len(f); k++ {
				rules.add(w.XPOS+"\t"+f[len(f)-k:], r)
			}
			u1.add(w.XPOS+"\t"+universal(w.Rel), w.UPOS)
			u2.add(w.XPOS+"\t"+strings.ToLower(w.Form), w.UPOS)
			ut.add(w.XPOS, w.UPOS)
		}
	}
	l := &lemmatizer{exc: map[string]string{}, rules: map[string]string{}, upos1: map[string]string{}, upos2: map[string]string{}, uposT: map[string]string{}}
	for _, k := range rules.keys() {
		if r, n, tot := rules.best(k); n >= 2 && float64(n) >= 0.6*float64(tot) {
			l.rules[k] = r
		}
	}
	for _, k := range exc.keys() {
		lem, _, _ := exc.best(k)
		tab := strings.IndexByte(k, '\t')
		if l.byRule(k[:tab], k[tab+1:]) != lem {
			l.exc[k] = lem
		}
	}
	for _, k := range ut.keys() {
		l.uposT[k], _, _ = ut.best(k)
	}
	for _, k := range u1.keys() {
		if v, n, _ := u1.best(k); n >= 2 {
			l.upos1[k] = v
		}
	}
	// A word whose tag leaves its UPOS open (IN: ADP or SCONJ, RB: ADV or PART) but which
	// is nearly always the same one.
	for _, k := range u2.keys() {
		if v, n, tot := u2.best(k); n >= 5 && float64(n) >= 0.95*float64(tot) {
			if tag := k[:strings.IndexByte(k, '\t')]; l.uposT[tag] != v {
				l.upos2[k] = v
			}
		}
	}
	return l
}

func (l *lemmatizer) byRule(tag, f string) string {
	for k := min(maxSuffix, len(f)); k >= 1; k-- {
		if r, ok := l.rules[tag+"\t"+f[len(f)-k:]]; ok {
			if out, ok := applyRule(f, r); ok && out != "" {
				return out
			}
		}
	}
	return f
}

func (l *lemmatizer) lemma(form, tag string) string {
	f := normForm(form, tag)
	if v, ok := l.exc[tag+"\t"+f]; ok {
		return v
	}
	if !properTag(tag) {
		if v, ok := l.exc[tag+"\t"+form]; ok { // written as in the data, e.g. "I"
			return v
		}
	}
	return l.byRule(tag, f)
}

func (l *lemmatizer) lemmas(words, tags []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = l.lemma(w, tags[i])
	}
	return out
}

func (l *lemmatizer) upos(words, tags, rels []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		if v, ok := l.upos2[tags[i]+"\t"+strings.ToLower(w)]; ok {
			out[i] = v
		} else if v, ok := l.upos1[tags[i]+"\t"+universal(rels[i])]; ok {
			out[i] = v
		} else if v, ok := l.uposT[tags[i]]; ok {
			out[i] = v
		} else {
			out[i] = "X"
		}
	}
	return out
}
