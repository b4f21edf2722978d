package extract

import (
	"os"
	"strings"

	"github.com/newsgraph/newsgraph/extract/parse"
	"github.com/newsgraph/newsgraph/schema/vocab"
)

// Parser gives every sentence of the document its dependency tree (UD relations, as
// extract/parse predicts them): each token's head, relation, lemma and universal tag. The
// relater reads subjects, objects and the context of a clause from these trees.
type Parser struct {
	Model *parse.Model
	// OwnTags: let the parser tag the words with its EWT-trained tagger rather than reuse the
	// GMB-trained tags of the Tagger stage. Both are Penn Treebank tags; on news the Tagger's
	// give the better relations (releval: 161 vs 156 right of 348, core P 88.7 vs 88.5) and
	// cost no second tagging, so they are the default.
	OwnTags bool
	// All: parse every sentence, not only those that may state a relation.
	All bool
}

// parseAll: NEWSGRAPH_PARSE_ALL=1 parses every sentence (for measurement).
var parseAll = os.Getenv("NEWSGRAPH_PARSE_ALL") != ""

// parserOwnTags: NEWSGRAPH_PARSE_TAGS=own makes the parser tag for itself (for measurement).
var parserOwnTags = os.Getenv("NEWSGRAPH_PARSE_TAGS") == "own"

// Process parses each sentence. A token's Head is the index in d.Tokens of its head, or -1
// for the sentence's root.
func (p Parser) Process(d *Document) {
	m := p.Model
	if m == nil {
		m = parse.Default()
	}
	own := p.OwnTags || parserOwnTags
	need := p.worthParsing(d)
	var words, tags []string
	for si, s := range d.Sentences {
		n := s.Last - s.First
		if n <= 0 || !need[si] {
			continue
		}
		words, tags = words[:0], tags[:0]
		for i := s.First; i < s.Last; i++ {
			words = append(words, d.Tokens[i].Text)
			tags = append(tags, d.Tokens[i].POS)
		}
		var t parse.Tree
		if own || tags[0] == "" {
			t = m.Parse(words, nil)
		} else {
			t = m.Parse(words, tags)
			if implausible(t, tags) {
				// a second opinion from the parser's own tagging, kept when it reads better
				if u := m.Parse(words, nil); !implausible(u, tags) {
					t = u
				}
			}
		}
		for k := 0; k < n; k++ {
			tk := &d.Tokens[s.First+k]
			tk.Head = -1
			if h := t.Head[k]; h > 0 {
				tk.Head = s.First + h - 1
			}
			tk.Rel, tk.Lemma, tk.UPOS = t.Rel[k], t.Lemma[k], t.UPOS[k]
		}
		repairDayNames(d, s)
		repairReportedClauses(d, s)
		repairVocatives(d, s)
		repairStackedSubjects(d, s)
		repairTimeCompounds(d, s)
		repairPunctHeads(d, s)
	}
	d.Parsed = true
}

// repairReportedClauses: "Officials say security forces clashed with ...", "Xinhua says the
// plant produces ..." read with the reported clause's subject as the speech verb's object and
// its verb as a modifier of that noun. A speech verb with no clause of its own takes the
// modifier back as its clause, and the noun as the clause's subject.
func repairReportedClauses(d *Document, s Sentence) {
	children := func(h int) []int {
		var out []int
		for c := s.First; c < s.Last; c++ {
			if d.Tokens[c].Head == h {
				out = append(out, c)
			}
		}
		return out
	}
	// "said in a statement Sunday that ...", "told a news conference Wednesday that ...": the
	// clause hung on the day is the speech verb's above it
	for k := s.First; k < s.Last; k++ {
		if _, day := weekdays[d.Tokens[k].Text]; !day {
			continue
		}
		for _, c := range children(k) {
			if d.Tokens[c].Rel != "ccomp" || c < k {
				continue
			}
			for a, n := d.Tokens[k].Head, 0; a >= 0 && n < 4; a, n = d.Tokens[a].Head, n+1 {
				if d.Tokens[a].UPOS == "VERB" && verbPred[d.tableLemma(a)] == PredSaid {
					d.Tokens[c].Head = a
					break
				}
			}
		}
	}
	for v := s.First; v < s.Last; v++ {
		if d.Tokens[v].UPOS != "VERB" || verbPred[d.tableLemma(v)] != PredSaid {
			continue
		}
		obj, clause := -1, false
		for _, c := range children(v) {
			switch d.Tokens[c].Rel {
			case "obj", "iobj":
				if c > v && obj < 0 {
					obj = c
				}
			case "ccomp", "parataxis", "xcomp":
				clause = true
			}
		}
		if !clause {
			// "Officials said Sunday that the group has ...": the clause hung on the day
			for _, c := range children(v) {
				if u := d.Tokens[c].UPOS; c > v && (u == "NOUN" || u == "PROPN") && d.Tokens[c].Rel != "obj" {
					for _, g := range children(c) {
						if gt := &d.Tokens[g]; gt.Rel == "ccomp" && g > c {
							gt.Head, clause = v, true
						}
					}
				}
			}
		}
		if obj < 0 || clause || !strings.HasPrefix(d.Tokens[obj].POS, "NN") {
			continue
		}
		for _, c := range children(obj) {
			ct := &d.Tokens[c]
			finite, subj, pass := isFiniteVerb(ct.POS), false, false
			if c < obj || ct.Rel != "acl" && ct.Rel != "acl:relcl" && !(ct.Rel == "amod" && finite) {
				continue // ("others swam to safety" read with "swam" an adjective of "others")
			}
			for _, g := range children(c) {
				switch d.Tokens[g].Rel {
				case "nsubj", "nsubj:pass", "mark":
					subj = true // its own subject, or "who"/"that": a real modifier
				case "aux:pass":
					pass = true
				}
			}
			if subj || !finite && ct.POS != "VBN" {
				continue // a participle is the clause's verb too: a speech verb needs a clause
			}
			ct.Head, ct.Rel = v, "ccomp"
			d.Tokens[obj].Head, d.Tokens[obj].Rel = c, "nsubj"
			if pass {
				d.Tokens[obj].Rel = "nsubj:pass"
			}
			break
		}
	}
}

// implausible: a tree no well-formed news sentence has, the mark of a greedy parse gone wrong
// early: a sentence with a finite verb rooted in a word that is no verb and no copula's
// predicate ("Andy Roddick advanced ..." read as a name modified by "advanced"), a finite
// verb read as a noun's modifier or argument, or a punctuation mark with dependents.
func implausible(t parse.Tree, tags []string) bool {
	finite, root := false, -1
	for i, tag := range tags {
		if tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "MD" {
			finite = true
		}
		if t.Head[i] == 0 {
			root = i
		}
		if h := t.Head[i] - 1; h >= 0 && t.Rel[h] == "punct" {
			return true
		}
		if tag == "VBD" || tag == "VBZ" || tag == "VBP" {
			switch t.Rel[i] {
			case "amod", "compound", "nmod", "flat", "obj", "nsubj", "nsubj:pass":
				return true // "Hamas ... wrested control" read with "wrested" a modifier of "control"
			}
		}
	}
	if !finite || root < 0 || strings.HasPrefix(t.XPOS[root], "VB") || t.XPOS[root] == "MD" {
		return false
	}
	for i := range tags {
		if t.Head[i]-1 == root && (t.Rel[i] == "cop" || t.Rel[i] == "nsubj" || t.Rel[i] == "nsubj:pass") {
			return false
		}
	}
	return true
}

// repairDayNames: a day name is when, never what: "is to meet Friday with Abbas", "talks
// Thursday with Sharon" read with the day as the object and the "with" phrase under it. The
// day becomes a temporal modifier and its prepositional phrases go back to its head.
func repairDayNames(d *Document, s Sentence) {
	for k := s.First; k < s.Last; k++ {
		tk := &d.Tokens[k]
		h := tk.Head
		if _, ok := weekdays[tk.Text]; !ok || h < 0 || tk.Rel != "obj" && tk.Rel != "iobj" && tk.Rel != "nsubj" {
			continue
		}
		tk.Rel = "obl:tmod"
		if d.Tokens[h].UPOS != "VERB" && d.Tokens[h].UPOS != "AUX" {
			tk.Rel = "nmod:tmod"
		}
		for c := s.First; c < s.Last; c++ {
			ct := &d.Tokens[c]
			if ct.Head != k || ct.Rel != "nmod" || c < k {
				continue
			}
			hasCase := false
			for j := s.First; j < s.Last; j++ {
				hasCase = hasCase || d.Tokens[j].Head == c && d.Tokens[j].Rel == "case"
			}
			if !hasCase {
				continue
			}
			ct.Head = h
			if d.Tokens[h].UPOS == "VERB" {
				ct.Rel = "obl"
			}
		}
	}
}

// worthParsing: the sentences that may state a relation the relater reads from a tree — two
// entities, or a speech verb or "he"/"she" with one. Parsing is most of the pipeline's cost
// (about 0.3 ms a sentence); a sentence naming fewer can give no relation between entities. All
// sentences when p.All.
func (p Parser) worthParsing(d *Document) []bool {
	need := make([]bool, len(d.Sentences))
	if p.All || parseAll {
		for i := range need {
			need[i] = true
		}
		return need
	}
	count := make([]int8, len(d.Sentences))
	var last []*Entity
	if len(d.Sentences) > 0 {
		last = make([]*Entity, len(d.Sentences))
	}
	for _, f := range d.Mentions {
		if f.Entity == nil || f.Type == Date {
			continue
		}
		si := d.SentenceOf(f.Start)
		if si < 0 || last[si] == f.Entity || count[si] >= 2 {
			continue
		}
		last[si] = f.Entity
		count[si]++
	}
	for si, s := range d.Sentences {
		if count[si] >= 2 {
			need[si] = true
			continue
		}
		cue := false
		for i := s.First; i < s.Last && !cue; i++ {
			w := d.Tokens[i].Text
			cue = speechForms[strings.ToLower(w)] || w == "he" || w == "He" || w == "she" || w == "She"
		}
		need[si] = cue && (count[si] >= 1 || si > 0)
	}
	return need
}

// speechForms are the inflected forms of the speech verbs of the vocabulary ("said", "tells").
var speechForms = func() map[string]bool {
	m := map[string]bool{"said": true, "told": true, "responded": true, "answered": true, "replied": true}
	for _, p := range vocab.Predicates {
		if p.Name != PredSaid {
			continue
		}
		for _, v := range p.Verbs {
			m[v], m[v+"s"], m[v+"d"], m[v+"ed"] = true, true, true, true
			m[strings.TrimSuffix(v, "e")+"ing"] = true
			if stem, ok := strings.CutSuffix(v, "y"); ok {
				m[stem+"ies"], m[stem+"ied"] = true, true // deny: denies, denied
			}
		}
	}
	return m
}()

// repairVocatives: news has no vocatives; the parser's are appositions after a comma ("the
// Lebanese capital, Beirut", "Uganda's foreign minister, Sam Kutesa, Friday") or a day opening
// the sentence ("Wednesday, he met ...").
func repairVocatives(d *Document, s Sentence) {
	for k := s.First; k < s.Last; k++ {
		tk := &d.Tokens[k]
		if tk.Rel != "vocative" {
			continue
		}
		if _, day := weekdays[tk.Text]; day {
			tk.Rel = "obl:tmod"
			continue
		}
		if p := k - 1; p > s.First && d.Tokens[p].Text == "," {
			if n := p - 1; (d.Tokens[n].UPOS == "NOUN" || d.Tokens[n].UPOS == "PROPN") && !dominates(d, k, n) {
				tk.Head, tk.Rel = n, "appos"
			}
		}
	}
}

// repairStackedSubjects: "automaker Chrysler has opened", "Information Minister Mike
// Mulongoti made" read with two subjects side by side: the first word describes the second,
// the subject, when nothing but their own dependents stands between them.
func repairStackedSubjects(d *Document, s Sentence) {
	for b := s.First + 1; b < s.Last; b++ {
		if d.Tokens[b].Rel != "nsubj" {
			continue
		}
		v := d.Tokens[b].Head
		a := -1
		for k := b - 1; k >= s.First; k-- {
			if d.Tokens[k].Head == v && d.Tokens[k].Rel == "nsubj" {
				a = k
				break
			}
		}
		if a < 0 {
			continue
		}
		between := true
		for k := a + 1; k < b; k++ {
			h := d.Tokens[k].Head
			if d.Tokens[k].UPOS == "PUNCT" || d.Tokens[k].UPOS == "CCONJ" || h != a && h != b {
				between = false
			}
		}
		if !between || d.Tokens[a].UPOS != "NOUN" && d.Tokens[a].UPOS != "PROPN" && d.Tokens[a].UPOS != "ADJ" {
			continue
		}
		d.Tokens[a].Head, d.Tokens[a].Rel = b, "compound"
		if d.Tokens[a].UPOS == "ADJ" {
			d.Tokens[a].Rel = "amod"
		}
	}
}

// dominates: token a is token b or one of its heads (a new arc b -> a would make a cycle).
func dominates(d *Document, a, b int) bool {
	for k, n := b, 0; k >= 0 && n < len(d.Tokens); k, n = d.Tokens[k].Head, n+1 {
		if k == a {
			return true
		}
	}
	return false
}

// repairTimeCompounds: "signed an agreement with Baghdad last month" read with "Baghdad" a
// modifier of "month": a name with its own preposition is no modifier of the time after it;
// it goes to the time's head, the phrase it was cut from.
func repairTimeCompounds(d *Document, s Sentence) {
	for k := s.First; k+1 < s.Last; k++ {
		tk := &d.Tokens[k]
		h := tk.Head
		if tk.Rel != "compound" || tk.UPOS != "PROPN" || h <= k || !timeWords[strings.ToLower(d.Tokens[h].Text)] || d.Tokens[h].Head < 0 {
			continue
		}
		hasCase := false
		for c := s.First; c < k; c++ {
			hasCase = hasCase || d.Tokens[c].Head == k && d.Tokens[c].Rel == "case"
		}
		if !hasCase || dominates(d, k, d.Tokens[h].Head) {
			continue
		}
		tk.Head, tk.Rel = d.Tokens[h].Head, "obl"
		if d.Tokens[tk.Head].UPOS != "VERB" {
			tk.Rel = "nmod"
		}
	}
}

// repairPunctHeads: a punctuation mark heads nothing. "talks with his Chinese counterpart, Li
// Zhaoxing, to discuss" read with "Li" under the comma: a name under a comma stands in
// apposition to the noun before the comma.
func repairPunctHeads(d *Document, s Sentence) {
	for k := s.First; k < s.Last; k++ {
		h := d.Tokens[k].Head
		if h < s.First || h >= s.Last || d.Tokens[h].UPOS != "PUNCT" || d.Tokens[k].UPOS == "PUNCT" {
			continue
		}
		n := h - 1
		for n > s.First && d.Tokens[n].UPOS == "PUNCT" {
			n--
		}
		if n <= s.First || d.Tokens[n].UPOS != "NOUN" && d.Tokens[n].UPOS != "PROPN" || n == k || dominates(d, k, n) {
			continue
		}
		d.Tokens[k].Head = n
		if d.Tokens[k].UPOS == "PROPN" && k > n {
			d.Tokens[k].Rel = "appos"
		}
	}
}
