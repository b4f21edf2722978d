package extract

import "strings"

// Where bodies sit and people live, read from the noun phrase: "the International Court of
// Justice in The Hague", "Equus Capital Corp., Houston", "Ali Shakeri, a peace activist from
// California", "his Beijing home", "his home in Colorado", "lived in exile in South Africa".

// homeNouns are a person's home.
var homeNouns = setOf("home", "house", "residence", "hometown", "villa", "farm", "ranch", "apartment", "flat")

// treeSeats adds headquarteredIn for an organisation placed by its own phrase.
func (r *relater) treeSeats(t *treeSent) {
	for _, f := range r.x.within[r.si] {
		if f.Entity == nil || f.Type != Organization || f.Kind != KindName && f.Kind != KindAcronym {
			continue
		}
		k := r.headToken(f)
		if k < 0 {
			continue
		}
		words := strings.Fields(f.Name)
		last := words[len(words)-1]
		company := len(words) > 1 && (companyForms[last] || tradeHeads[last])
		if !isHead(r.tok(k)) && !isHead(last) && !company {
			continue // a movement or an armed group "in Iraq" operates there: "al-Qaida in Iraq"
		}
		for _, c := range t.children(k) {
			var places []*Found
			switch t.rel(c) {
			case "nmod":
				if cs := t.caseOf(c); cs == "in" || cs == "of" && company {
					places = t.placeArgs(c) // "the Court in The Hague", "Digital Equipment Corp. of Maynard"
				}
			case "appos":
				if g := r.mention(c); company && g != nil && g.Type == City {
					places = []*Found{g} // "Equus Capital Corp., Houston"
				}
			}
			for _, p := range places {
				if p.Entity == f.Entity || r.related(f.Entity, p.Entity) {
					continue
				}
				if rel := r.addTree(t, f, PredHeadquartered, p, 0.7, k); rel != nil {
					rel.Verb, rel.Date, rel.When, rel.Modality, rel.Negated = "", "", "", "", false
				}
			}
		}
	}
}

// treeHomes adds livesIn for a person whose phrase says where they are from or live.
func (r *relater) treeHomes(t *treeSent) {
	for k := r.s.First; k < r.s.Last; k++ {
		w := strings.ToLower(r.tok(k))
		switch {
		case homeNouns[w]:
			// "his Beijing home", "his home in Colorado", "Zhao's home": whose home, and where
			var who *Found
			var where []*Found
			for _, c := range t.children(k) {
				switch t.rel(c) {
				case "nmod:poss":
					who = t.possessorAt(c) // "Weaver died at his home in Colorado"
				case "compound", "amod":
					if g := r.mention(c); g != nil && isPlaceType(g.Type) {
						where = append(where, g)
					}
				case "nmod":
					if t.caseOf(c) == "in" {
						where = append(where, t.placeArgs(c)...)
					}
				}
			}
			if who == nil || who.Type != Person {
				continue
			}
			for _, p := range where {
				r.addTree(t, who, "livesIn", p, 0.7, k)
			}
		case strings.HasPrefix(r.d.Tokens[k].POS, "VB") && (r.d.tableLemma(k) == "live" || r.d.tableLemma(k) == "reside"):
			// "lived in exile in Turkey": the place inside the state of living
			s := t.child(k, "nsubj")
			if s < 0 {
				continue
			}
			who := t.argOf(s)
			if who == nil || who.Type != Person {
				continue
			}
			for _, o := range t.children(k) {
				if t.rel(o) != "obl" || t.caseOf(o) != "in" || r.mention(o) != nil {
					continue
				}
				for _, c := range t.children(o) {
					if t.rel(c) == "nmod" && t.caseOf(c) == "in" {
						for _, p := range t.placeArgs(c) {
							r.addTree(t, who, "livesIn", p, 0.75, k)
						}
					}
				}
			}
		case t.rel(k) == "appos":
			// "Ali Shakeri, a peace activist from California": the person the phrase follows
			// (the parser may hang it elsewhere: "the detainment of Ali Shakeri, a ...")
			who := r.mention(t.head(k))
			if lo, _ := t.span(k, -1); (who == nil || who.Type != Person) && lo-2 >= r.s.First && r.tok(lo-1) == "," {
				who = r.mention(lo - 2)
			}
			if who == nil || who.Entity == nil || who.Type != Person {
				continue
			}
			for _, c := range t.children(k) {
				if t.rel(c) == "nmod" && t.caseOf(c) == "from" {
					for _, p := range t.placeArgs(c) {
						r.addTree(t, who, "livesIn", p, 0.7, k)
					}
				}
			}
		}
	}
}

// tourNouns are journeys that take their traveller to places.
var tourNouns = setOf("tour", "trip", "visit", "journey", "swing", "mission", "voyage")

// treeTours adds visited for a journey that took its traveller somewhere: "Mr. Hu's European
// tour, which also brought him to Germany and Britain", "a tour of South Asia that took him to
// Afghanistan, India and Pakistan".
func (r *relater) treeTours(t *treeSent) {
	for v := r.s.First; v < r.s.Last; v++ {
		if t.rel(v) != "acl:relcl" {
			continue
		}
		if l := r.d.tableLemma(v); l != "take" && l != "bring" {
			continue
		}
		n := t.head(v)
		if n < 0 || !tourNouns[strings.ToLower(r.d.Tokens[n].Lemma)] {
			continue
		}
		if o := t.child(v, "obj"); o < 0 || r.d.Tokens[o].POS != "PRP" {
			continue // "took him", "brought her": the traveller is the journey's
		}
		var traveller *Found
		if p := t.child(n, "nmod:poss"); p >= 0 {
			traveller = t.argOf(p)
		} else if h := t.head(n); h >= 0 {
			if a, _ := t.clauseArgs(h, 0); len(a) > 0 {
				traveller = a[0]
			} else if g := t.head(h); g >= 0 && t.rel(h) == "advcl" {
				if a, _ := t.clauseArgs(g, 0); len(a) > 0 {
					traveller = a[0] // "Bush has returned after wrapping up a tour that took him"
				}
			}
		}
		if traveller == nil || traveller.Type != Person && traveller.Type != Organization && traveller.Type != Country {
			continue
		}
		for _, c := range t.children(v) {
			if t.rel(c) == "obl" && t.caseOf(c) == "to" {
				for _, p := range t.placeArgs(c) {
					r.addTree(t, traveller, PredVisited, p, 0.7, v)
				}
			}
		}
	}
}

// treeOwnParties adds memberOf for a person's party: "Saddam Hussein's Baath Party", "talks
// with her centrist Kadima party".
func (r *relater) treeOwnParties(t *treeSent) {
	for _, f := range r.x.within[r.si] {
		if f.Entity == nil || f.Type != Organization {
			continue
		}
		k := r.headToken(f)
		if k < 0 {
			continue
		}
		n := k // "the Kadima party": the party noun the name modifies
		if h := t.head(k); h >= 0 && r.mention(h) == nil && strings.EqualFold(r.tok(h), "party") {
			n = h
		}
		if !strings.HasSuffix(f.Name, " Party") && !strings.EqualFold(r.tok(n), "party") {
			continue
		}
		p := t.child(n, "nmod:poss")
		if p < 0 {
			continue
		}
		if who := t.possessorAt(p); who != nil && who.Type == Person {
			r.addTree(t, who, PredMemberOf, f, 0.7, n)
		}
	}
}

// treeDeaths adds diedIn for a person who died or was killed in a place: "Mr. Aref died Friday
// at a hospital in Amman", "Hariri was killed by a truck bomb in 2005 in Beirut".
func (r *relater) treeDeaths(t *treeSent) {
	for v := r.s.First; v < r.s.Last; v++ {
		if !strings.HasPrefix(r.d.Tokens[v].POS, "VB") {
			continue
		}
		l := r.d.tableLemma(v)
		var s int
		switch {
		case l == "die":
			s = t.child(v, "nsubj")
		case l == "kill" && t.passive(v):
			s = t.child(v, "nsubj:pass")
		default:
			continue
		}
		if s < 0 {
			continue
		}
		who := t.argOf(s)
		if who == nil || who.Type != Person {
			continue
		}
		for _, o := range t.children(v) {
			if t.rel(o) != "obl" {
				continue
			}
			cs := t.caseOf(o)
			if cs != "in" && cs != "at" {
				continue
			}
			places := t.placeArgs(o)
			if len(places) == 0 && r.mention(o) == nil {
				// "at a hospital in Amman", "in the northern city of Mosul": the place of the place
				kind := placeWords[strings.ToLower(r.tok(o))]
				for _, c := range t.children(o) {
					if t.rel(c) == "nmod" && (t.caseOf(c) == "in" || kind && t.caseOf(c) == "of") {
						places = append(places, t.placeArgs(c)...)
					}
				}
			}
			for _, p := range places {
				if p.Type == City || p.Type == Country || p.Type == Place {
					r.addTree(t, who, "diedIn", p, 0.75, v)
				}
			}
		}
	}
}

// treeBirthplaces adds bornIn for a person named with where they were born: "Nigerian-born
// Agu Casmir", "the U.S.-born Mr. Padilla", "England native Daniel Bennett".
func (r *relater) treeBirthplaces(t *treeSent) {
	for k := r.s.First; k < r.s.Last; k++ {
		w := r.tok(k)
		var place *Found
		switch {
		case strings.HasSuffix(w, "-born"):
			if g := r.mention(k); g != nil && g.End < r.d.Tokens[k].End {
				place = g // the name inside the word
			}
		case strings.EqualFold(w, "native") && k > r.s.First:
			if g := r.mention(k - 1); g != nil && g.End == r.d.Tokens[k-1].End {
				place = g
			}
		}
		if place == nil && strings.EqualFold(w, "native") && t.rel(k) == "amod" {
			// "far from his native Ukraine": whose native land
			h := t.head(k)
			g := r.mention(h)
			if p := t.child(h, "nmod:poss"); g != nil && g.Type == Country && p >= 0 {
				if who := t.possessorAt(p); who != nil && who.Type == Person {
					r.addTree(t, who, "bornIn", g, 0.7, k)
				}
			}
			continue
		}
		if place == nil || place.Entity == nil {
			continue
		}
		if place.Kind == KindDemonym || place.Type == Country || place.Type == City || place.Type == Place {
			// the person the word describes: its head, or the next name
			var who *Found
			if h := t.head(k); h >= 0 {
				who = r.mention(h)
			}
			for j := k + 1; who == nil && j < r.s.Last && j <= k+3; j++ {
				who = r.mention(j)
			}
			if who != nil && who.Type == Person {
				r.addTree(t, who, "bornIn", place, 0.75, k)
			}
		}
	}
}

// possessorAt: who the possessive at p is: a name, or for "his"/"her" the person named last.
func (t *treeSent) possessorAt(p int) *Found {
	if w := strings.ToLower(t.r.tok(p)); w == "his" || w == "her" {
		return t.r.lastPerson(p)
	}
	return t.argOf(p)
}
