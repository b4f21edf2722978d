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

// get looks up a + "\t" + b in m, building the key in buf (returned for reuse) so that the
// look-up does not allocate.
func get(m map[string]string, buf []byte, a, b string) (string, bool, []byte) {
	buf = append(append(append(buf[:0], a...), '\t'), b...)
	v, ok := m[string(buf)]
	return v, ok, buf
}

func (l *lemmatizer) byRule(tag, f string) string {
	out, _ := l.byRuleBuf(tag, f, nil)
	return out
}

func (l *lemmatizer) byRuleBuf(tag, f string, buf []byte) (string, []byte) {
	for k := min(maxSuffix, len(f)); k >= 1; k-- {
		r, ok, b := get(l.rules, buf, tag, f[len(f)-k:])
		buf = b
		if ok {
			if out, ok := applyRule(f, r); ok && out != "" {
				return out, buf
			}
		}
	}
	return f, buf
}

func (l *lemmatizer) lemma(form, tag string) string {
	out, _ := l.lemmaBuf(form, tag, nil)
	return out
}

func (l *lemmatizer) lemmaBuf(form, tag string, buf []byte) (string, []byte) {
	f := normForm(form, tag)
	v, ok, buf := get(l.exc, buf, tag, f)
	if ok {
		return v, buf
	}
	if !properTag(tag) {
		if v, ok, buf = get(l.exc, buf, tag, form); ok { // written as in the data, e.g. "I"
			return v, buf
		}
	}
	return l.byRuleBuf(tag, f, buf)
}

func (l *lemmatizer) lemmas(words, tags []string) []string {
	out := make([]string, len(words))
	var arr [64]byte
	buf := arr[:0]
	for i, w := range words {
		out[i], buf = l.lemmaBuf(w, tags[i], buf)
	}
	return out
}

// maxCachedLemmas bounds a scratch's lemma cache (it is emptied when full).
const maxCachedLemmas = 1 << 16

// lemmasCached is lemmas, remembering each (tag, form)'s lemma in sc.
func (l *lemmatizer) lemmasCached(words, tags []string, sc *scratch) []string {
	if sc.lemmas == nil || len(sc.lemmas) >= maxCachedLemmas {
		sc.lemmas = make(map[string]string, 1024)
	}
	out := make([]string, len(words))
	var arr [64]byte
	buf := arr[:0]
	for i, w := range words {
		sc.key = append(append(append(sc.key[:0], tags[i]...), '\t'), w...)
		if v, ok := sc.lemmas[string(sc.key)]; ok {
			out[i] = v
			continue
		}
		out[i], buf = l.lemmaBuf(w, tags[i], buf)
		sc.lemmas[string(sc.key)] = out[i]
	}
	return out
}

func (l *lemmatizer) upos(words, tags, rels []string) []string {
	out := make([]string, len(words))
	var arr [64]byte
	buf := arr[:0]
	for i, w := range words {
		var v string
		var ok bool
		if v, ok, buf = get(l.upos2, buf, tags[i], strings.ToLower(w)); ok {
			out[i] = v
		} else if v, ok, buf = get(l.upos1, buf, tags[i], universal(rels[i])); ok {
			out[i] = v
		} else if v, ok := l.uposT[tags[i]]; ok {
			out[i] = v
		} else {
			out[i] = "X"
		}
	}
	return out
}
