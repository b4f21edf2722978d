package extract

import (
	"slices"
	"strings"
)

// Some nouns name a person or body by what it does to another: "a vocal critic of Bush", "a
// close ally of the United States", "his successor, X". The vocabulary table lists them with
// the preposition of the object (vocab.Predicate.Agents); the holder is whoever the noun is said
// of, by apposition, a copula, "become" or a title before the name.

// treeDoerNouns reads "Morales, a vocal opponent of U.S. drug policies", "Japan is a close ally
// of the United States", "Kremlin critic X".
func (r *relater) treeDoerNouns(t *treeSent) {
	for n := r.s.First; n < r.s.Last; n++ {
		tk := &r.d.Tokens[n]
		if !strings.HasPrefix(tk.POS, "NN") || r.mention(n) != nil {
			continue
		}
		readings := doerNouns[strings.ToLower(tk.Text)]
		if len(readings) == 0 {
			continue
		}
		for _, an := range readings {
			if an.pred == PredCriticised && r.sportsSentence() {
				continue // a match's opponent is no critic
			}
			var objects []*Found
			for _, c := range t.children(n) {
				switch rc := t.rel(c); {
				case rc == "nmod" && t.caseOf(c) == an.prep:
					if r.mention(c) != nil {
						objects = append(objects, t.args(c)...)
					} else {
						objects = append(objects, t.owners(c, 0)...) // "an opponent of U.S. trade policies"
					}
				case rc == "nmod:poss" || rc == "compound" && c < n && an.prep != "in":
					// "Washington's closest ally", "Kremlin critic", "GM's largest investor"; but
					// a "U.S. investor" is American, not invested in America
					if f := r.mention(c); f != nil && isActor(f) {
						objects = append(objects, f)
					}
				}
			}
			if strings.HasPrefix(strings.ToLower(tk.Text), "opponent") {
				// "her opponent, Julia Scruff of Germany": a country named right after "of" is
				// where the opponent comes from; "an opponent of U.S. policies" still counts
				objects = slices.DeleteFunc(objects, func(o *Found) bool {
					k := r.headToken(o)
					return o.Type == Country && t.rel(k) == "nmod" && t.caseOf(k) == "of"
				})
			}
			for _, h := range t.doerNounHolders(n, objects) {
				for _, o := range objects {
					if !treeFits(an.pred, h, o) {
						continue
					}
					if rel := r.addTree(t, h, an.pred, o, 0.75, n); rel != nil {
						rel.Verb = tk.Text
						if t.former(n) {
							rel.Former = true // "a former ally of"
						}
					}
				}
			}
		}
	}
}

// doerNounHolders are the entities a doer noun at n is said of, the first reading that names
// one.
func (t *treeSent) doerNounHolders(n int, objects []*Found) []*Found {
	h := t.head(n)
	args := func(k int) []*Found { // a title's holder read as the object's name is no holder
		var out []*Found
		for _, a := range t.args(k) {
			if !slices.ContainsFunc(objects, func(o *Found) bool { return o.Entity == a.Entity }) {
				out = append(out, a)
			}
		}
		return out
	}
	rn := t.rel(n)
	if h >= 0 && h < n && rn == "appos" {
		if a := args(h); len(a) > 0 {
			return a // "Morales, a critic of"
		}
	}
	if h > n && (rn == "nmod:desc" || rn == "compound") {
		// "Kremlin critic Alexei Navalny", "Rabin's killer Yigal Amir": the one name the title
		// is of, not the names listed with it
		if a := args(h); len(a) > 0 && a[0] == t.argOf(h) {
			return a[:1]
		}
	}
	if h >= 0 && rn == "xcomp" && (t.lemma(h) == "become" || t.lemma(h) == "remain") {
		if a, _ := t.clauseArgs(h, 0); len(a) > 0 {
			return a // "has become a vocal critic of"
		}
	}
	if s := t.child(n, "nsubj"); s >= 0 && t.child(n, "cop") >= 0 {
		if t.isRelPronoun(s) && h >= 0 && rn == "acl:relcl" {
			return args(h) // "Morales, who has been a vocal opponent of"
		}
		return args(s) // "Japan is a close ally of"
	}
	for _, c := range t.children(n) {
		if rc := t.rel(c); (rc == "appos" || rc == "flat") && c > n {
			if a := args(c); len(a) > 0 {
				return a // "Rabin's killer, Yigal Amir"
			}
		}
	}
	return nil
}

// treeHyphenDeeds reads a name joined to a participle of the vocabulary ("U.S.-backed",
// "Syrian-backed", "U.N.-appointed") as that name doing the verb's deed to what the modified
// noun names: "Iranian-backed Hezbollah fighters" -> Iran supported Hezbollah. "-led" is left to
// the agent readings, where "U.S.-led forces" act for the United States.
func (r *relater) treeHyphenDeeds(t *treeSent) {
	for k := r.s.First; k < r.s.Last; k++ {
		f := r.mention(k)
		tk := &r.d.Tokens[k]
		if f == nil || f.End >= tk.End || f.Entity == nil || !isActor(f) {
			continue
		}
		_, part, ok := strings.Cut(tk.Text[f.End-tk.Start:], "-")
		if !ok || !strings.HasSuffix(part, "ed") {
			continue
		}
		pred := ""
		var buf [12]string
		for _, l := range lemmaCandidates(part, part, buf[:0]) {
			if p := verbPred[l]; p != "" {
				pred = p
				break
			}
		}
		if pred == "" || pred == PredHeads || pred == PredSaid || structural[pred] {
			continue
		}
		h := t.head(k)
		if h < 0 || h < k {
			continue
		}
		var objects []*Found
		if o := r.mention(h); o != nil {
			objects = t.args(h)
		} else {
			for _, c := range t.children(h) {
				rc := t.rel(c)
				if o := r.mention(c); o != nil && c != k && (rc == "compound" && c < h || rc == "appos" || rc == "flat") {
					objects = append(objects, o) // "Iranian-backed Hezbollah fighters"
				}
				if rc == "nmod" && t.caseOf(c) == "of" && len(objects) == 0 {
					objects = append(objects, t.args(c)...) // "the U.S.-backed government of Somalia"
				}
			}
			if hh := t.head(h); len(objects) == 0 && hh > h && t.rel(h) == "nmod:desc" {
				objects = t.args(hh) // "Syrian-backed opposition leader Michael Aoun"
			}
		}
		for _, o := range objects {
			if o != nil && treeFits(pred, f, o) {
				if rel := r.addTree(t, f, pred, o, 0.7, k); rel != nil {
					rel.Verb = tk.Text
				}
			}
		}
	}
}
