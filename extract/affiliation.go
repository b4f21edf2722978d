package extract

import "strings"

// Affiliations read from the words that describe a person: the noun phrase before the name
// ("VOA's Melinda Smith", "FIFA head of communications Markus Siegler") or in apposition to it
// ("a senior North Korean diplomat, Li Gun"). The describing noun says what the person is to
// the organisation or country named in that phrase: its head ("chairman") or its staff
// ("spokesman", "diplomat"). Places the phrase names after "to", "for", "in" or "at" are where
// the person serves, not whom for ("Ambassador to Iraq", "Resident Coordinator in Tajikistan").

// headNouns head what they are nouns of; staffNouns work for it.
var (
	headNouns = setOf("chairman", "chairwoman", "chair", "president", "head", "leader", "chief",
		"director", "director-general", "secretary-general", "ceo", "founder", "commander", "king",
		"queen", "premier", "governor", "mayor", "chancellor")
	staffNouns = setOf("spokesman", "spokeswoman", "spokesperson", "official", "officials", "diplomat",
		"envoy", "ambassador", "minister", "secretary", "adviser", "advisor", "aide", "analyst",
		"correspondent", "reporter", "journalist", "editor", "prosecutor", "negotiator", "coordinator",
		"representative", "officer", "economist", "employee", "researcher", "scientist", "professor",
		"inspector", "investigator", "lawyer", "attorney", "counsel", "deputy", "assistant")
	// playerNouns play for the team or the country named with them ("Togo captain Jean-Paul
	// Abalo", "Egyptian defender Mohamed Abel Shafy"); coachNouns coach it.
	playerNouns = setOf("captain", "striker", "midfielder", "defender", "goalkeeper", "forward",
		"playmaker", "winger", "player", "skipper", "keeper", "fullback", "quarterback", "pitcher",
		"bowler", "batsman", "substitute", "defenseman", "defenceman", "centre-back", "center-back")
	coachNouns = setOf("coach", "manager", "trainer")
	// envoyNouns serve where "for" or "to" says, for someone else.
	envoyNouns = setOf("envoy", "ambassador", "coordinator", "representative", "commissioner", "rapporteur")
	// stateNouns: the staff nouns that make a person of a nationality its state's servant ("a
	// North Korean diplomat"); "a Russian scientist" is only Russian.
	stateNouns = setOf("official", "officials", "diplomat", "envoy", "ambassador", "minister",
		"spokesman", "spokeswoman", "spokesperson", "negotiator", "prosecutor", "officer", "general")
)

// treeAffiliations adds worksFor and heads between each person of the sentence and the
// organisations and countries of the words that describe them, where nothing else related
// the two.
func (r *relater) treeAffiliations(t *treeSent) {
	for _, p := range r.x.within[r.si] {
		if p.Type != Person || p.Entity == nil || p.Kind != KindName {
			continue
		}
		k := r.headToken(p)
		if k < 0 {
			continue
		}
		first := r.d.TokenAt(p.Start)
		var role int
		var parts []int // the describing tokens
		switch h := t.head(k); {
		case t.rel(k) == "appos" && h >= 0 && h < first && strings.HasPrefix(r.d.Tokens[h].POS, "NN") && r.mention(h) == nil:
			role = h // "a senior North Korean diplomat, Li Gun"
			lo, _ := t.span(h, k)
			for i := lo; i <= h; i++ {
				parts = append(parts, i)
			}
		case t.rel(k) == "nsubj" && h > k && strings.HasPrefix(r.d.Tokens[h].POS, "NN") && r.mention(h) == nil && t.child(h, "cop") >= 0:
			// "Kharrazi is the highest-ranking Iranian official", "Carroll is a journalist
			// for the Christian Science Monitor": what the person is said to be
			role = h
			parts = append(parts, t.phraseTokens(h, k)...)
		default:
			role = -1
			for i := first - 1; i >= r.s.First; i-- {
				if !t.describes(i, k) && !r.preModifies(i, first) {
					break
				}
				parts = append(parts, i)
				// the title may lie inside the person's mention ("FAO Director-General David Harcharik")
				if w := strings.ToLower(r.tok(i)); role < 0 && strings.HasPrefix(r.d.Tokens[i].POS, "NN") && (r.mention(i) == nil || r.mention(i).Entity == p.Entity) && (headNouns[w] || staffNouns[w] || playerNouns[w] || coachNouns[w]) {
					role = i
				}
			}
		}
		noun, second := "", false
		if role >= 0 {
			noun = strings.ToLower(r.tok(role))
		}
		for _, i := range parts {
			// "FAO Deputy Director-General": the deputy of a head is its staff
			w := strings.ToLower(r.tok(i))
			second = second || i < role && (w == "deputy" || w == "vice" || w == "assistant" || w == "acting")
		}
		for _, i := range parts {
			o := r.mention(i)
			if o == nil || o.Entity == nil || o.Entity == p.Entity || r.mentionStart(i) != i || o.Type != Organization && o.Type != Country {
				continue
			}
			// where an envoy serves is no employer ("Ambassador to Iraq", "Envoy for Syria"); a
			// spokeswoman or a journalist for a body works for it
			if c := t.caseOf(i); c == "to" || c == "in" || c == "at" || c == "for" && (o.Type == Country || envoyNouns[noun]) {
				continue
			}
			possessor := t.rel(i) == "nmod:poss" && o.Type == Organization && o.Kind != KindDemonym
			pred := ""
			switch {
			case playerNouns[noun]:
				pred = "playsFor"
			case coachNouns[noun]:
				pred = "coaches"
			case headNouns[noun] && (second || t.headsAPart(role)) && (o.Type != Country || o.Kind != KindDemonym):
				pred = PredWorksFor // "FIFA head of communications"
			case headNouns[noun] && o.Kind != KindDemonym:
				pred = PredHeads
			case staffNouns[noun] && (o.Type != Country || stateNouns[noun]):
				pred = PredWorksFor
			case noun == "" && possessor:
				pred = PredWorksFor // "VOA's Melinda Smith"
			case noun == "" && t.rel(i) == "nmod:poss" && o.Type == Country && o.Kind != KindDemonym && r.teamSportSentence():
				pred = "playsFor" // "Australia's Nick Ward scored": a country's player in a team game
			}
			if pred == "" || r.related(p.Entity, o.Entity) {
				continue
			}
			if rel := r.addTree(t, p, pred, o, 0.7, k); rel != nil {
				rel.Verb, rel.Modality, rel.Negated, rel.AttributedTo, rel.Source, rel.When, rel.Date = noun, "", false, "", "", "", ""
				rel.Former = t.former(k) || role >= 0 && t.former(role)
			}
		}
	}
}

// describes: token i hangs from k through the words of a noun phrase only (modifiers,
// compounds, possessors, names), not through a conjunction or a clause.
func (t *treeSent) describes(i, k int) bool {
	for n := 0; n < 6 && i >= 0; n++ {
		if i == k {
			return true
		}
		switch t.rel(i) {
		case "compound", "amod", "nmod:poss", "nmod:desc", "nmod", "det", "case", "flat", "flat:name", "fixed", "nummod", "advmod":
		default:
			return false
		}
		i = t.head(i)
	}
	return false
}

// related: the sentence already relates the two entities, either way round.
func (r *relater) related(a, b *Entity) bool {
	for _, x := range r.out {
		if x.Subject == a.ID && x.Object == b.ID || x.Subject == b.ID && x.Object == a.ID {
			return true
		}
	}
	return false
}

// phraseTokens are the tokens of noun h's own phrase (not its clauses: "the official to visit
// Iraq" does not name whom the official works for), leaving out the branch that holds skip; a
// name reached by any of its tokens is given by its first.
func (t *treeSent) phraseTokens(h, skip int) []int {
	var out []int
	seen := map[int]bool{}
	var walk func(n, depth int)
	walk = func(n, depth int) {
		if depth > 4 {
			return
		}
		at := n
		if f := t.r.mention(n); f != nil {
			at = t.r.mentionStart(n)
		}
		if !seen[at] {
			seen[at] = true
			out = append(out, at)
		}
		for _, c := range t.children(n) {
			switch t.rel(c) {
			case "acl", "acl:relcl", "xcomp", "advcl", "ccomp", "parataxis", "conj", "punct", "nsubj", "cop":
				continue
			}
			if c != skip {
				walk(c, depth+1)
			}
		}
	}
	walk(h, 0)
	return out
}

// preModifies: token i begins a run of noun-phrase words that ends at the name starting at
// first, whatever tree the parser made of them ("Chief U.N. war crimes prosecutor Carla del
// Ponte" read with "Chief" as a possessor of the verb): English puts a name's describing
// nouns right before it.
func (r *relater) preModifies(i, first int) bool {
	if first-i > 7 {
		return false
	}
	for j := i; j < first; j++ {
		tk := r.d.Tokens[j]
		if f := r.mention(j); f != nil && f.Type == Person {
			return false
		}
		switch {
		case strings.HasPrefix(tk.POS, "NN"), strings.HasPrefix(tk.POS, "JJ"), tk.POS == "POS":
		case strings.EqualFold(tk.Text, "of"):
		default:
			return false
		}
	}
	return true
}

// bareTitles: a head of government or a minister named by a title with no country in it
// holds it for the country that is the sentence's subject ("Lebanon has filed charges ... in
// the assassination of former Prime Minister Rafik Hariri", "Iraq's government says Prime
// Minister Nouri al-Maliki will visit Iran"), unless the article gives the title another
// country. (Any one country the sentence names was measured: on dev 9 right of 17, the
// country often the one the leader dealt with, "President Saakashvili says the agreement
// with Iran".)
func (r *relater) bareTitles(t *treeSent) {
	var country *Found
	for _, f := range r.x.within[r.si] {
		if f.Entity == nil || f.Entity.Type != Country {
			continue
		}
		k := r.headToken(f)
		if k < 0 {
			continue
		}
		s := k
		if t.rel(k) == "nmod:poss" {
			s = t.head(k) // "Iraq's government says"
		} else if f.Kind == KindDemonym {
			// "the South African government says": a nationality only on the state's noun
			if s = t.head(k); s < 0 || t.rel(k) != "amod" || !governmentNouns[strings.ToLower(r.tok(s))] {
				continue
			}
		}
		if s < 0 || t.rel(s) != "nsubj" && t.rel(s) != "nsubj:pass" || t.rel(t.head(s)) != "root" {
			continue
		}
		if country != nil && country.Entity != f.Entity {
			return
		}
		country = f
	}
	if country == nil {
		return
	}
	for _, p := range r.x.within[r.si] {
		if p.Type != Person || p.Entity == nil || p.Title == "" || p.TitleOf != nil || p.Host != nil {
			continue
		}
		title := strings.ToLower(p.Title)
		pred := ""
		switch {
		case title == "president" || title == "prime minister" || title == "premier" || title == "king" || title == "queen":
			pred = PredHeads
		case strings.HasSuffix(title, "minister") && !strings.Contains(title, "prime"):
			pred = PredWorksFor
		default:
			continue
		}
		if r.titledElsewhere(p.Entity, country.Entity) || r.related(p.Entity, country.Entity) {
			continue
		}
		if rel := r.add(p, pred, country, 0.6, r.d.TokenAt(p.Start)); rel != nil {
			rel.Verb, rel.Modality, rel.Negated, rel.AttributedTo, rel.Source, rel.When, rel.Date = title, "", false, "", "", "", ""
			rel.Former = p.Former || t.former(r.headToken(p))
			for i := r.d.TokenAt(p.Start) - 1; i >= r.s.First && i >= r.d.TokenAt(p.Start)-4; i-- {
				rel.Former = rel.Former || formerMarkers[strings.ToLower(r.tok(i))] // "former Prime Minister X"
			}
		}
	}
}

// titledElsewhere: some mention of person e in the article holds a title for another body.
func (r *relater) titledElsewhere(e, country *Entity) bool {
	for _, f := range r.d.Mentions {
		if f.Entity == e && f.TitleOf != nil && f.TitleOf.Entity != country {
			return true
		}
	}
	return false
}

// treeResignations: a titled person who resigns, steps down, retires or quits with no body
// named leaves the one the sentence gives them a title of ("Kosovo's Prime Minister Bajram
// Kosumi has resigned", "Federal Reserve Chairman Alan Greenspan is set to retire").
func (r *relater) treeResignations(t *treeSent) {
	for v := r.s.First; v < r.s.Last; v++ {
		if !strings.HasPrefix(r.d.Tokens[v].POS, "VB") {
			continue
		}
		switch l := t.lemma(v); {
		case l == "resign" || l == "retire" || l == "quit":
		case l == "step" && t.child(v, "compound:prt") >= 0 && strings.EqualFold(r.tok(t.child(v, "compound:prt")), "down"):
		default:
			continue
		}
		if t.object(v) >= 0 || len(t.obliques(v, []string{"from"})) > 0 {
			continue // the verb's own object or "from X" says what was left
		}
		agents, _ := t.clauseArgs(v, 0)
		for _, a := range agents {
			if a.Type != Person || a.Entity == nil {
				continue
			}
			n := len(r.out)
			for i := 0; i < n; i++ {
				h := r.out[i]
				if h.Subject != a.Entity.ID || h.Predicate != PredHeads && h.Predicate != PredWorksFor || h.Former {
					continue
				}
				o := r.entityOf(h.Object)
				if o == nil || o.Kind == KindDemonym {
					continue // "German prosecutor Detlev Mehlis, who stepped down": a nationality
				}
				r.addTree(t, a, "resigned", o, 0.7, v)
			}
		}
	}
}

// entityOf is the entity with id among the sentence's mentions.
func (r *relater) entityOf(id string) *Found {
	for _, f := range r.x.within[r.si] {
		if f.Entity != nil && f.Entity.ID == id {
			return f
		}
	}
	return nil
}

// teamGameWords tell a team game from a contest of one against one ("Belgium's Kristof Vliegen"
// in a tennis report is only Belgian).
var teamGameWords = setOf("goal", "goals", "minute", "penalty", "wickets", "innings",
	"touchdown", "touchdowns", "header", "halftime", "half-time", "striker", "midfielder")

// teamSportSentence: the sentence reports a team game.
func (r *relater) teamSportSentence() bool { return teamGameIn(r.d, Span{r.s.Start, r.s.End}) }

// membersNouns name the members of a body: "other EU countries", "other NATO members".
var membersNouns = setOf("countries", "states", "nations", "members", "governments")

// treeOtherMembers: "Italy and all other European Union countries", "Britain, France and
// other NATO members": the names listed with the body's other members are members too.
func (r *relater) treeOtherMembers(t *treeSent) {
	for n := r.s.First; n < r.s.Last; n++ {
		if !membersNouns[strings.ToLower(r.tok(n))] || t.rel(n) != "conj" || r.mention(n) != nil {
			continue
		}
		other := false
		var body *Found
		for k := n - 1; k >= r.s.First && k >= n-5; k-- {
			if strings.EqualFold(r.tok(k), "other") {
				other = true
				break
			}
			if f := r.mention(k); f != nil && f.Entity != nil && f.Type == Organization && body == nil {
				body = f
				k = r.mentionStart(k)
			} else if f == nil && !strings.HasPrefix(r.d.Tokens[k].POS, "JJ") && !strings.HasPrefix(r.d.Tokens[k].POS, "NN") {
				break
			}
		}
		if !other || body == nil {
			continue
		}
		h := t.head(n)
		for _, c := range append([]int{h}, t.children(h)...) {
			if c != h && (t.rel(c) != "conj" || c > n) {
				continue
			}
			for _, f := range t.args(c) {
				if f.Type == Country && f.Entity != body.Entity && f.Kind != KindDemonym {
					r.addTree(t, f, PredMemberOf, body, 0.7, n)
				}
			}
		}
	}
}

// treeTeamOf: "Carli Lloyd of the United States scored": in a team game, the country a player
// is "of" is the side they play for (in a tennis report it is only a nationality).
func (r *relater) treeTeamOf(t *treeSent) {
	if !r.teamSportSentence() {
		return
	}
	for _, p := range r.x.within[r.si] {
		if p.Type != Person || p.Entity == nil || p.Kind != KindName {
			continue
		}
		k := r.headToken(p)
		if k < 0 {
			continue
		}
		var ofs []int
		for j := r.d.TokenAt(p.Start); j < r.s.Last && r.d.Tokens[j].End <= p.End; j++ {
			for _, c := range t.children(j) {
				if t.rel(c) == "nmod" && t.caseOf(c) == "of" && (c < r.d.TokenAt(p.Start) || r.d.Tokens[c].Start >= p.End) {
					ofs = append(ofs, c) // hung on any word of the name ("Lloyd" of "Carli Lloyd")
				}
			}
		}
		for _, c := range ofs {
			for _, o := range t.args(c) {
				if (o.Type == Country || o.Type == Organization) && o.Kind != KindDemonym && !r.related(p.Entity, o.Entity) {
					if rel := r.addTree(t, p, "playsFor", o, 0.7, k); rel != nil {
						rel.Verb, rel.Modality, rel.Negated, rel.AttributedTo, rel.Source, rel.When, rel.Date = "of", "", false, "", "", "", ""
					}
				}
			}
		}
	}
}

// treeMembersSaid: "Both Poland and the Czech Republic are former Warsaw Pact countries that
// are now NATO members": what a members noun with a body's name is said of belongs to the body
// ("former": no longer).
func (r *relater) treeMembersSaid(t *treeSent) {
	for n := r.s.First; n < r.s.Last; n++ {
		if !membersNouns[strings.ToLower(r.tok(n))] || r.mention(n) != nil {
			continue
		}
		var bodies []*Found
		for _, c := range t.children(n) {
			if f := r.mention(c); f != nil && f.Entity != nil && f.Type == Organization && t.rel(c) == "compound" && c < n {
				bodies = append(bodies, f)
			}
		}
		if len(bodies) == 0 {
			continue
		}
		for _, f := range t.membersOf(n, 0) {
			for _, b := range bodies {
				if f.Type != Country && f.Type != Organization || f.Entity == b.Entity {
					continue
				}
				if rel := r.addTree(t, f, PredMemberOf, b, 0.7, n); rel != nil && t.former(n) {
					rel.Former = true
				}
			}
		}
	}
}

// membersOf: whom the members noun at n is said of, by a copula, or, for a relative clause
// ("countries that are now NATO members"), by the noun it modifies.
func (t *treeSent) membersOf(n, depth int) []*Found {
	if depth > 2 || t.child(n, "cop") < 0 {
		return nil
	}
	s := t.child(n, "nsubj")
	if s < 0 {
		return nil
	}
	if h := t.head(n); t.isRelPronoun(s) && h >= 0 && t.rel(n) == "acl:relcl" {
		if a := t.args(h); len(a) > 0 {
			return a
		}
		return t.membersOf(h, depth+1)
	}
	return t.args(s)
}
