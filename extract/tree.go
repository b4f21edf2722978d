package extract

import (
	"strings"
)

// Relations read from the sentence's dependency tree (the Parser stage): for each verb, its
// subject (nsubj; for a passive the obl:agent, the nsubj:pass being the object), its objects
// (obj, iobj, or an obl with the preposition the vocabulary asks for), subjects shared through
// conj, xcomp and relative clauses, and the relation's context from the same tree — negation,
// modality, attribution, the clause's own date — and the quotation a speech verb governs.

// treeSent is one sentence's tree: the children of each token.
type treeSent struct {
	r    *relater
	kids [][]int // per token of the sentence (index - First): its dependents' token indexes
	date []*Found
	// speaking: arguments of a speech verb are read; "Afghan officials say", "Democratic Party
	// officials say" are not the country's or the party's statements.
	speaking bool
}

func (r *relater) buildTree() *treeSent {
	n := r.s.Last - r.s.First
	t := &treeSent{r: r, kids: make([][]int, n), date: make([]*Found, n)}
	for i := r.s.First; i < r.s.Last; i++ {
		if h := r.d.Tokens[i].Head; h >= r.s.First && h < r.s.Last {
			t.kids[h-r.s.First] = append(t.kids[h-r.s.First], i)
		}
	}
	for _, f := range r.x.within[r.si] {
		if f.Type != Date || r.datesEvent(f) {
			continue
		}
		for i := r.d.TokenAt(f.Start); i < r.s.Last && r.d.Tokens[i].Start < f.End; i++ {
			if i >= r.s.First {
				t.date[i-r.s.First] = f
			}
		}
	}
	return t
}

func (t *treeSent) rel(i int) string   { return t.r.d.Tokens[i].Rel }
func (t *treeSent) head(i int) int     { return t.r.d.Tokens[i].Head }
func (t *treeSent) lemma(i int) string { return strings.ToLower(t.r.d.Tokens[i].Lemma) }
func (t *treeSent) children(i int) []int {
	if i < t.r.s.First || i >= t.r.s.Last {
		return nil
	}
	return t.kids[i-t.r.s.First]
}

// child is the first dependent of i with relation rel (or "" when none).
func (t *treeSent) child(i int, rels ...string) int {
	for _, k := range t.children(i) {
		for _, rel := range rels {
			if t.rel(k) == rel {
				return k
			}
		}
	}
	return -1
}

// caseOf is the preposition of a nominal dependent ("with" of "with X"), lower case.
func (t *treeSent) caseOf(k int) string {
	var parts []string
	for _, c := range t.children(k) {
		if t.rel(c) == "case" {
			parts = append(parts, strings.ToLower(t.r.tok(c)))
			for _, f := range t.children(c) {
				if t.rel(f) == "fixed" {
					parts = append(parts, strings.ToLower(t.r.tok(f)))
				}
			}
		}
	}
	return strings.Join(parts, " ")
}

// object is v's direct object: its obj, or a name the parser attached as an xcomp ("Turkey
// arrested Osman Kavala" read with "Osman" a complement), or -1.
func (t *treeSent) object(v int) int {
	if o := t.child(v, "obj"); o >= 0 {
		return o
	}
	// a name after the verb read as an oblique with no preposition ("acquitted Asia Bibi in
	// 2018" with "Bibi" an obl) is its object
	for _, c := range t.children(v) {
		if t.rel(c) == "obl" && c > v && t.child(c, "case") < 0 && t.r.mention(c) != nil && t.r.d.Tokens[c].UPOS == "PROPN" && t.date[c-t.r.s.First] == nil {
			return c
		}
	}
	for _, c := range t.children(v) {
		if t.rel(c) == "xcomp" && c > v && t.r.mention(c) != nil && t.r.d.Tokens[c].UPOS == "PROPN" && t.child(c, "mark") < 0 && t.child(c, "cop") < 0 && t.child(c, "case") < 0 {
			return c
		}
	}
	return -1
}

// passive: the verb has a passive subject or auxiliary, or is a past participle modifying a noun.
func (t *treeSent) passive(v int) bool {
	for _, c := range t.children(v) {
		if r := t.rel(c); r == "nsubj:pass" || r == "aux:pass" || r == "csubj:pass" {
			return true
		}
	}
	// a participle modifying a noun, unless it has an object: "Turkey arrested Osman Kavala",
	// tagged VBN and read as a reduced relative, is active
	return t.rel(v) == "acl" && t.r.d.Tokens[v].POS == "VBN" && t.object(v) < 0
}

// args are the entity mentions that the nominal at token k stands for: its own mention, the
// name in apposition ("the Foreign Secretary, Boris Johnson"), the country of a nationality
// that does the acting ("Israeli forces"), the person a pronoun refers to, and its conjuncts.
func (t *treeSent) args(k int) []*Found {
	if k < 0 {
		return nil
	}
	var out []*Found
	t.collect(k, &out, 0)
	return out
}

func (t *treeSent) collect(k int, out *[]*Found, depth int) {
	r := t.r
	if depth > 3 {
		return
	}
	if f := t.argOf(k); f != nil {
		for _, o := range *out {
			if o == f {
				return
			}
		}
		*out = append(*out, f)
	}
	for _, c := range t.children(k) {
		switch t.rel(c) {
		case "conj":
			t.collect(c, out, depth+1)
		case "appos":
			// "Shane Doan, Martin St. Louis and Brad Richards" read with the second name in
			// apposition to the first: one person's name is no description of another
			if f, g := r.mention(k), r.mention(c); f != nil && g != nil && f.Type == Person && g.Type == Person && f.Entity != g.Entity && r.tok(c-1) != "(" {
				t.collect(c, out, depth+1)
			}
		case "amod", "compound":
			// "Eriadori and Calenardhon leaders": the nationalities coordinated in the modifier
			if len(*out) == 0 || r.mention(c) == nil || r.mention(c) != (*out)[len(*out)-1] {
				continue
			}
			for _, cc := range t.children(c) {
				if f := r.mention(cc); t.rel(cc) == "conj" && f != nil && (f.Type == Country || f.Kind == KindDemonym) {
					*out = append(*out, f)
				}
			}
		}
	}
	// "Singapore's men's national football team", "the Brazilian squad": a side stands for the
	// country or club that fields it
	if len(*out) == 0 && depth == 0 && sideNouns[strings.ToLower(r.tok(k))] {
		for _, c := range t.children(k) {
			switch t.rel(c) {
			case "nmod:poss", "amod", "compound":
				if f := r.mention(c); f != nil && f.Entity != nil && (f.Type == Country || f.Type == Organization || f.Kind == KindDemonym) {
					*out = append(*out, f)
					return
				}
				for _, cc := range t.children(c) { // "Singapore's men's team", "the U.S. women's team"
					if f := r.mention(cc); (t.rel(cc) == "nmod:poss" || t.rel(cc) == "compound" && cc < c) && f != nil && f.Entity != nil && (f.Type == Country || f.Type == Organization) {
						*out = append(*out, f)
						return
					}
				}
			}
		}
	}
	// "a bunch of Morgul Orcs", "a delegation of Chinese officials": the collective stands for
	// its members
	if len(*out) == 0 && depth == 0 && collectiveNouns[strings.ToLower(r.tok(k))] {
		for _, c := range t.children(k) {
			if t.rel(c) == "nmod" && t.caseOf(c) == "of" {
				t.collect(c, out, depth+1)
			}
		}
	}
	// "former members of Scientology, including Tiziano Lugli and Jason Beghe"
	if depth == 0 {
		for _, c := range t.children(k) {
			if rc := t.rel(c); rc == "acl" && strings.EqualFold(r.tok(c), "including") {
				c = t.child(c, "obj") // "including" read as a participle
				if c < 0 {
					continue
				}
			} else if (rc != "nmod" && rc != "obl") || (t.caseOf(c) != "including" && t.caseOf(c) != "such as") {
				continue
			}
			{
				if len(*out) > 0 && (*out)[0].Type != Person && r.mention(c) != nil && r.mention(c).Type == Person {
					*out = (*out)[:0] // the people named, not the group they belong to
				}
				t.collect(c, out, depth+1)
			}
		}
	}
	// "condemned an attack by X": the stance is towards the nominal's agent; "welcomed the
	// decision of France", "welcomed France's decision": towards whose decision it is
	if len(*out) == 0 && depth == 0 && (actNouns[strings.ToLower(r.tok(k))] || stanceNouns[strings.ToLower(r.tok(k))]) {
		for _, c := range t.children(k) {
			if t.rel(c) == "nmod" && t.caseOf(c) == "by" || stanceNouns[strings.ToLower(r.tok(k))] && (t.rel(c) == "nmod:poss" || t.rel(c) == "nmod" && t.caseOf(c) == "of") {
				t.collect(c, out, depth+1)
			}
		}
	}
}

// ledParts are parts of a body that someone leads without leading the body.
var ledParts = setOf("team", "delegation", "mission", "panel", "investigation", "inquiry", "unit", "task force")

// sideNouns are the teams a country or club fields.
var sideNouns = setOf("team", "squad", "side", "eleven", "selection")

// collectiveNouns stand for the people they gather: "a bunch of", "a delegation of".
var collectiveNouns = setOf("bunch", "group", "delegation", "team", "number", "dozens", "hundreds",
	"thousands", "contingent", "band", "handful", "population", "people", "citizens", "residents")

// stanceNouns are what one welcomes, backs or condemns of someone: "France's decision".
var stanceNouns = setOf("decision", "decisions", "move", "proposal", "proposals", "offer", "plan",
	"initiative", "policy", "policies", "stance", "position", "efforts", "role", "call", "announcement")

// actNouns name an act whose agent follows with "by": "an attack by X".
var actNouns = setOf("attack", "attacks", "killing", "killings", "bombing", "bombings", "invasion",
	"raid", "raids", "offensive", "decision", "move", "shelling", "assault", "strike", "strikes", "arrest")

func (t *treeSent) argOf(k int) *Found {
	r := t.r
	if f := r.mention(k); f != nil {
		for _, c := range t.children(k) {
			rc := t.rel(c)
			if (rc == "flat" || rc == "compound" && c == k-1 && r.d.Tokens[c].UPOS == "PROPN" && r.d.Tokens[k].UPOS == "PROPN") && r.mention(c) != nil && r.mention(c) != f {
				if g := r.mention(c); f.Kind == KindDemonym && g.Type == Person && c > k {
					return g // "South African Wesley Moodie" read with the nationality as the head
				}
				return nil // one name split into two entities ("Orlando" and "Pace"): neither is it
			}
		}
		if (f.Kind == KindDemonym || f.Type == Country) && r.describesPerson(f) && t.rel(k) != "nsubj" {
			return nil
		}
		if f.Kind == KindDemonym && !agentNouns[strings.ToLower(r.tok(t.head(k)))] {
			return nil // "the Syrian opposition": a nationality is not the actor
		}
		return f
	}
	w := strings.ToLower(r.tok(k))
	if (w == "it" || w == "they" || w == "he" || w == "she") && t.rel(k) == "nsubj" {
		// "Ethiopia indicated it deplored Libya", "X said he would ...": the pronoun subject of
		// a reported clause is most often the reporter
		if v := t.head(k); v >= 0 && t.rel(v) == "ccomp" {
			if g := t.head(v); g >= 0 {
				if s := t.child(g, "nsubj"); s >= 0 && s != k {
					if f := t.argOf(s); f != nil && (w == "it" || w == "they") == (f.Type != Person) {
						return f
					}
				}
			}
		}
	}
	if rk := t.rel(k); rk == "nmod:poss" && (w == "leader" || w == "president" || w == "premier") {
		if p := t.describedPerson(k); p != nil {
			return p // "The Iranian leader's two-day visit to Damascus": the leader's own
		}
	}
	if rk := t.rel(k); rk == "nsubj" || rk == "nsubj:pass" {
		if p := t.describedPerson(k); p != nil {
			return p // "The Macedonian leader said", "the U.S. official stressed"
		}
		if b := t.describedBody(k); b != nil {
			return b // "The department said", "The court ruled"
		}
	}
	if (w == "it" || w == "they") && t.rel(k) == "nsubj" && k == t.r.s.First {
		if p := t.previousActor(); p != nil {
			return p // "Human Rights Watch says ... It says Iran has carried out ..."
		}
	}
	if w == "he" || w == "she" {
		if p := t.previousSubject(k); p != nil {
			return p
		}
		// "He went to Israel for talks with Sharon before he is to meet Abbas": the pronoun
		// again as a subject is the same person as the first, not the one named between
		for j := r.s.First; j < k; j++ {
			if strings.EqualFold(r.tok(j), w) && (t.rel(j) == "nsubj" || t.rel(j) == "nsubj:pass") {
				if p := t.argOf(j); p != nil {
					return p
				}
				break
			}
		}
		return r.lastPerson(k)
	}
	if titleNouns[w] || speakerNouns[w] || voiceNouns[w] {
		if f := t.apposedName(k); f != nil {
			return f // "a U.S. military spokesman in Iraq, Major General William Caldwell, says"
		}
	}
	for _, c := range t.children(k) {
		switch t.rel(c) {
		case "appos", "flat", "flat:name":
			if f := r.mention(c); f != nil && isActor(f) {
				return f
			}
		case "nmod":
			// "fighters of the YPG"
			if f := r.mention(c); f != nil && groupNouns[w] && !t.speaking && f.Type == Organization && t.caseOf(c) == "of" && !t.former(k) {
				return f
			}
			// "The head of the ruling MVR party, William Lara, has accused": the name the parser
			// put in apposition to the body is the holder of the office
			if titleNouns[w] || speakerNouns[w] {
				for _, g := range t.children(c) {
					if f := r.mention(g); f != nil && t.rel(g) == "appos" && f.Type == Person && f.Entity != nil {
						return f
					}
				}
			}
			// "police in Zambia have detained", "authorities in Bosnia arrested": a country's own
			// police act for it (troops in a country may be anyone's; officials who speak
			// are not the country's word)
			if f := r.mention(c); f != nil && f.Type == Country && (w == "police" || w == "authorities") && !t.speaking && t.caseOf(c) == "in" {
				return f
			}
			// "the statement of the Ministry says", "a report from the Commerce Department says",
			// "a statement by India's interior ministry says"
			if f := r.mention(c); f != nil && voiceNouns[w] && isActor(f) && (t.caseOf(c) == "of" || t.caseOf(c) == "from" || t.caseOf(c) == "by") {
				return f
			}
		case "amod", "compound", "nmod:poss":
			f := r.mention(c)
			if f == nil {
				continue
			}
			if voiceNouns[w] && t.rel(c) == "nmod:poss" && isActor(f) {
				return f // "the ministry's statement says"
			}
			if t.speaking && voiceNouns[w] && isActor(f) && f.Kind != KindDemonym {
				return f // "a U.N. spokeswoman says", "a White House statement says"
			}
			if t.speaking && governmentNouns[w] && (f.Type == Country || f.Kind == KindDemonym) {
				return f // "Egypt's health ministry says": the country's word
			}
			if t.speaking && !voiceNouns[w] && t.rel(c) != "nmod:poss" {
				continue // "Afghan officials say" is not Afghanistan's word; "Afghanistan's government says" is
			}
			if (agentNouns[w] || w == "leaders" || w == "leader" || w == "media" || w == "press") && (f.Type == Country || f.Kind == KindDemonym) {
				return f // "Israeli forces", "the country's military", "Calenardhon leaders"
			}
			if groupNouns[w] && f.Type == Organization && f.Kind != KindDemonym && !t.former(k) {
				return f // "Taleban insurgents", "Hamas militants"
			}
			if targetNouns[w] && (f.Type == Organization || f.Type == Country) && f.Kind != KindDemonym && !t.speaking {
				return f // "bombed Taliban bases", "shelled Hezbollah positions"
			}
		}
	}
	return nil
}

// speakerNouns describe a person who speaks for an office, besides the titleNouns.
var speakerNouns = setOf("speaker", "negotiator", "head", "chief", "spokesman", "spokeswoman",
	"official", "leader", "president", "minister", "envoy", "secretary", "general", "prosecutor",
	"journalist", "reporter", "correspondent", "lawyer", "attorney", "judge", "cleric", "deputy",
	"diplomat", "ambassador", "chairman", "director", "commander", "adviser", "advisor", "analyst",
	"activist", "candidate", "lawmaker", "senator")

// describedBody: "the department", "the court" as a subject stands for the organisation named
// last in the sentences before whose name ends with that noun ("the Commerce Department",
// "Uganda's Supreme Court").
func (t *treeSent) describedBody(k int) *Found {
	r := t.r
	tk := r.d.Tokens[k]
	if tk.POS != "NN" || isCapitalized(tk.Text) {
		return nil
	}
	if d := t.child(k, "det"); d < 0 || !strings.EqualFold(r.tok(d), "the") || len(t.children(k)) != 1 {
		return nil // "the department" alone, not "the department of X" or "a court"
	}
	w := strings.ToLower(tk.Text)
	var best *Found
	for _, f := range r.d.Mentions {
		if f.Start >= r.s.Start {
			break
		}
		if f.Entity == nil || f.Entity.Type != Organization || f.Start < r.s.Start-1500 {
			continue
		}
		text := r.d.Text[f.Start:f.End]
		if strings.EqualFold(text[strings.LastIndexByte(text, ' ')+1:], w) {
			best = f
		}
	}
	return best
}

// describedPerson: a definite description of a person ("the Macedonian leader", "Iran's chief
// nuclear negotiator", "the U.S. official") refers to the person named most recently before it
// whose title has the noun, else to the one person named in the sentence before or this one.
func (t *treeSent) describedPerson(k int) *Found {
	r := t.r
	w := strings.ToLower(r.tok(k))
	if !titleNouns[w] && !speakerNouns[w] {
		return nil
	}
	definite, qualified := false, false
	var of *Entity // "the Macedonian leader", "Iran's negotiator": whose office it is
	for _, c := range t.children(k) {
		if g := r.mention(c); g != nil && g.Entity != nil && (g.Type == Country || g.Type == Organization) {
			switch t.rel(c) {
			case "amod", "compound", "nmod:poss":
				of = g.Entity
			}
		}
		switch t.rel(c) {
		case "det":
			definite = definite || strings.EqualFold(r.tok(c), "the")
		case "nmod:poss":
			definite = true
		case "nmod":
			// "the head of the U.N. nuclear agency": whose office it is
			if g := r.mention(c); g != nil && g.Entity != nil && (g.Type == Country || g.Type == Organization) && t.caseOf(c) == "of" && of == nil {
				of = g.Entity
			} else if g != nil {
				return nil
			}
			qualified = true // "the head of the U.S. central bank": an office the text names
		case "appos", "flat", "flat:name", "acl:relcl":
			if r.mention(c) != nil || t.rel(c) == "acl:relcl" {
				return nil // "the president of X", "the leader, Y", "the official who ..."
			}
		}
	}
	if !definite {
		return nil
	}
	at := r.d.Tokens[k].Start
	// the words that tell one office from another ("defense" minister, "foreign" minister)
	var kinds []string
	for _, c := range t.children(k) {
		if rc := t.rel(c); (rc == "amod" || rc == "compound") && r.mention(c) == nil && !genericOfficeWords[strings.ToLower(r.tok(c))] {
			kinds = append(kinds, strings.ToLower(r.tok(c)))
		}
	}
	fits := func(f *Found) bool {
		titles := []string{strings.ToLower(f.Title)}
		for _, p := range f.Entity.Roles {
			titles = append(titles, strings.ToLower(p.Title))
		}
		titled, other := false, false
		for _, tt := range titles {
			if !strings.Contains(tt, w) {
				continue
			}
			all := true
			for _, kw := range kinds {
				all = all && strings.Contains(tt, kw)
			}
			titled = titled || all
			other = other || !all
		}
		if other && !titled {
			return false // the same noun, another office
		}
		if of == nil {
			return titled
		}
		// of that country or body: its title's, or one of its positions'
		ofIt := f.TitleOf != nil && f.TitleOf.Entity == of
		for _, p := range f.Entity.Roles {
			ofIt = ofIt || p.Of == of.ID
		}
		return ofIt && (titled || headingTitles[titleCase(w)] || w == "official" || w == "negotiator" || w == "envoy" || w == "head" || w == "chief")
	}
	var match, near *Found
	nearOK := true
	for s := r.si; s >= 0 && s >= r.si-3 && match == nil; s-- {
		var best *Found
		for _, f := range r.x.people[s] {
			if f.Start >= at || f.Entity == nil {
				continue
			}
			if fits(f) && (best == nil || f.Start > best.Start) {
				best = f
			}
			if s >= r.si-1 {
				if near != nil && near.Entity != f.Entity {
					nearOK = false
				}
				near = f
			}
		}
		match = best
	}
	if match != nil {
		return match
	}
	// named later, after the description's own phrase ("the new chief of the commission
	// investigating the assassination of Rafik Hariri" is not Hariri), unless a name stands in
	// apposition inside it ("The head of the ruling MVR party, William Lara,")
	if lo, hi := t.span(k, -1); hi > k {
		apposed := false
		for j := lo; j <= hi; j++ {
			if f := r.mention(j); f != nil && f.Type == Person && t.rel(j) == "appos" {
				apposed = true
			}
		}
		if !apposed && r.d.Tokens[hi].End > at {
			at = r.d.Tokens[hi].End
		}
	}
	if f := t.namedLater(at, fits, false); f != nil {
		return f
	}
	if of != nil {
		// an office of a named country or body ("Iran's chief nuclear negotiator") with no
		// holder before it: the person named next, if nothing says they hold another
		if f := t.namedLater(at, fits, true); f != nil {
			return f
		}
	}
	// the one person named just before, unless the description names an office of its own
	// that nothing says they hold ("Osama bin Laden ... The head of the U.S. central bank said")
	if near != nil && nearOK && (of == nil && !qualified || fits(near) || of != nil && near.Title == "" && len(near.Entity.Roles) == 0) {
		return near
	}
	return t.namedLater(at, fits, true)
}

// genericOfficeWords qualify an office without telling it from another: "the chief
// negotiator" may be titled "negotiator".
var genericOfficeWords = setOf("chief", "top", "senior", "former", "new", "current", "acting",
	"interim", "outgoing", "incoming", "veteran", "leading", "then", "late", "main", "powerful",
	"influential", "key", "nuclear", "u.s.", "american")

// namedLater: news stories describe a person before naming them ("Iran's chief nuclear
// negotiator says ...", and then "Hassan Rohani told reporters"), so a description that fits no
// one before it is the next person named after it whose position fits, or, when loose, the
// next person named if nothing is known of their position.
func (t *treeSent) namedLater(at int, fits func(*Found) bool, loose bool) *Found {
	r := t.r
	last := r.si + laterSentences
	if loose {
		last = r.si + 1
	}
	var found *Found
	for s := r.si; s < len(r.x.people) && s <= last; s++ {
		for _, f := range r.x.people[s] {
			if f.Start <= at || f.Entity == nil {
				continue
			}
			if loose {
				if fits(f) || f.Title == "" && len(f.Entity.Roles) == 0 {
					return f
				}
				return nil
			}
			if fits(f) {
				if found != nil && found.Entity != f.Entity {
					return nil // two holders of the office: either may be meant
				}
				if found == nil {
					found = f
				}
			}
		}
	}
	return found
}

// laterSentences bounds namedLater: how far on the name may come.
const laterSentences = 3

// former: the noun at k is qualified "former" ("former members of X" no longer stand for X).
func (t *treeSent) former(k int) bool {
	for _, c := range t.children(k) {
		if t.rel(c) == "amod" && formerMarkers[strings.ToLower(t.r.tok(c))] {
			return true
		}
	}
	return false
}

// affiliationNouns in apposition to a person say whom the person works for: "X, a
// representative for the sheriff's office", "X, a Scientology attorney".
var affiliationNouns = setOf("representative", "attorney", "lawyer", "spokesman", "spokeswoman",
	"spokesperson", "member", "employee", "adviser", "advisor", "aide", "analyst", "economist",
	"correspondent", "reporter", "editor", "founder", "executive", "officer", "researcher", "professor")

// voiceNouns speak for whose they are: "the statement of the ministry says".
var voiceNouns = setOf("statement", "report", "communique", "communiqué", "spokesman",
	"spokeswoman", "spokesperson", "announcement", "declaration")

// governmentNouns are a country's bodies that speak for it ("Indonesia's health ministry says").
var governmentNouns = setOf("government", "ministry", "cabinet", "embassy", "presidency")

// targetNouns are an armed group's places that an attack on them is an attack on the group.
var targetNouns = setOf("bases", "base", "positions", "hideouts", "hideout", "camps", "camp",
	"strongholds", "stronghold", "targets", "outposts", "compounds", "training")

// groupNouns name members of an organisation that stands for them: "Taleban fighters".
var groupNouns = setOf("insurgents", "fighters", "militants", "rebels", "guerrillas", "gunmen",
	"militiamen", "loyalists", "troops", "forces", "leaders", "officials", "network", "movement")

// previousActor: "It" opening a sentence is the organisation or country that was the subject
// of the sentence before: the main verb's subject in its tree, or its first actor named outside
// a prepositional phrase.
func (t *treeSent) previousActor() *Found {
	r := t.r
	if r.si == 0 {
		return nil
	}
	prev := r.d.Sentences[r.si-1]
	for i := prev.First; i < prev.Last; i++ {
		tk := r.d.Tokens[i]
		if tk.Rel == "" {
			break // not parsed
		}
		if (tk.Rel == "nsubj" || tk.Rel == "nsubj:pass") && tk.Head >= 0 && r.d.Tokens[tk.Head].Head == -1 {
			for _, f := range r.x.within[r.si-1] {
				if f.Start <= tk.Start && tk.End <= f.End && f.Entity != nil && isActor(f) && f.Type != Person && f.Kind != KindDemonym {
					return f
				}
			}
			return nil
		}
	}
	for i := prev.First; i < prev.Last; i++ {
		if isFiniteVerb(r.d.Tokens[i].POS) {
			break
		}
		for _, f := range r.x.within[r.si-1] {
			tk := r.d.Tokens[i]
			if f.Start <= tk.Start && tk.End <= f.End && f.Entity != nil && isActor(f) && f.Type != Person && f.Kind != KindDemonym && !prepositions[strings.ToLower(r.d.Tokens[max(i-1, prev.First)].Text)] {
				return f
			}
		}
	}
	return nil
}

// previousSubject: "He" opening a clause is most often the person who was the subject of the
// sentence before ("Gene Sperling was named ... He succeeds Lawrence Summers").
func (t *treeSent) previousSubject(k int) *Found {
	r := t.r
	if t.rel(k) != "nsubj" || r.si == 0 {
		return nil
	}
	// only a pronoun before any person of its own sentence
	for i := r.s.First; i < k; i++ {
		if f := r.mention(i); f != nil && f.Type == Person {
			return nil
		}
	}
	// the subject of the sentence before; when that is "he" or "she" too, the one before it
	// ("X spoke on Sunday. He said ... He said ...")
	for si := r.si - 1; si >= 0 && si >= r.si-4; si-- {
		prev := r.d.Sentences[si]
		chained := false
		for i := prev.First; i < prev.Last; i++ {
			tk := r.d.Tokens[i]
			if (tk.Rel == "nsubj" || tk.Rel == "nsubj:pass") && tk.Head >= 0 && r.d.Tokens[tk.Head].Head == -1 || tk.Rel == "nsubj" && r.d.Tokens[i].Head >= 0 && r.d.Tokens[r.d.Tokens[i].Head].Rel == "root" {
				for _, f := range r.x.people[si] {
					if f.Start <= tk.Start && tk.End <= f.End {
						return f
					}
				}
				if w := strings.ToLower(tk.Text); (w == "he" || w == "she") && i == prev.First && len(r.x.people[si]) == 0 {
					chained = true
				}
				break
			}
		}
		if !chained {
			return nil
		}
	}
	return nil
}

// clauseArgs returns the agents and patients of verb v: from its own dependents, else shared
// with the verb it is coordinated with, controlled by, or the noun a relative clause modifies.
func (t *treeSent) clauseArgs(v int, depth int) (agents, patients []*Found) {
	if depth > 4 {
		return nil, nil
	}
	pass := t.passive(v)
	if s := t.child(v, "nsubj"); s >= 0 && t.afterPreposition(s) {
		// "Earlier in Group F, Ghana defeated Mali" read with "F" as the subject: a
		// preposition's object is no subject
		if f := t.nameRightBefore(v); f != nil {
			return []*Found{f}, nil
		}
	}
	if s := t.child(v, "nsubj"); s >= 0 {
		before := t.subjectBefore(v)
		for _, c := range t.children(v) {
			// "Chechen President Ramzan Kadyrov says": two subjects read; "Porto beat Benfica"
			// read with two subjects: the one after the verb is its object (see treeVerbs)
			if t.rel(c) == "nsubj" && (c < v || !before) {
				agents = append(agents, t.args(c)...)
			}
		}
		if len(agents) == 0 && t.isRelPronoun(s) && t.rel(v) == "acl:relcl" {
			agents = t.antecedent(v)
		}
		if len(agents) == 1 {
			agents = append(agents, t.conjoinedBefore(agents[0])...)
		}
		return agents, nil
	}
	if s := t.child(v, "nsubj:pass"); s >= 0 {
		patients = t.args(s)
		if len(patients) == 0 && t.isRelPronoun(s) && t.rel(v) == "acl:relcl" {
			patients = t.antecedent(v)
		}
	}
	if a := t.child(v, "obl:agent"); a >= 0 {
		agents = t.args(a)
	}
	if pass {
		if len(patients) == 0 {
			switch t.rel(v) {
			case "acl", "acl:relcl":
				patients = t.args(t.head(v)) // "the opposition, aided by Turkey"
			case "conj", "xcomp", "advcl":
				// "killed X and was sentenced": the shared subject is the patient
				a, _ := t.clauseArgs(t.head(v), depth+1)
				patients = a
			}
		}
		return agents, patients
	}
	h := t.head(v)
	switch t.rel(v) {
	case "conj":
		if h >= 0 && t.r.mention(h) != nil && !strings.HasPrefix(t.r.d.Tokens[h].POS, "VB") {
			// "Human Rights Watch, in a report released Thursday, said ...": the subject misread
			// as the root, the verb as its conjunct
			return t.args(h), nil
		}
		if h >= 0 {
			a, p := t.clauseArgs(h, depth+1)
			if len(a) == 0 && t.passive(h) {
				return nil, nil // "was arrested and charged": no agent to share
			}
			return a, p[:0:0]
		}
	case "xcomp":
		if h >= 0 {
			// object control ("urged X to visit") else subject control ("plans to visit")
			if o := t.child(h, "obj"); o >= 0 && !tableVerbs[t.r.d.tableLemma(h)] {
				return t.args(o), nil
			}
			a, p := t.clauseArgs(h, depth+1)
			if t.passive(h) {
				return p, nil // "X is expected to visit"
			}
			return a, nil
		}
	case "acl:relcl":
		if h >= 0 {
			return t.args(h), nil // "X, who met Y"
		}
	case "acl":
		if h >= 0 && t.head(h) < 0 && t.object(v) >= 0 && v > h && t.r.mention(h) != nil && t.child(v, "mark") < 0 {
			return t.args(h), nil // "Turkey arrested Osman Kavala" read as a noun and its participle
		}
		if h >= 0 && v > h && t.r.d.Tokens[v].POS == "VBD" && t.object(v) >= 0 && t.child(v, "mark") < 0 {
			// "as Pakistani warplanes bombed Taliban bases": a past tense with an object is no
			// participle modifying the noun but the noun's own clause
			return t.args(h), nil
		}
		// "Macedonia's aspirations to join NATO": the possessor; "Gates is the most senior
		// official to visit Kosovo": the subject of the copula
		if h >= 0 && t.child(v, "mark") >= 0 && strings.ToLower(t.r.tok(t.child(v, "mark"))) == "to" {
			if p := t.child(h, "nmod:poss"); p >= 0 {
				return t.args(p), nil
			}
			if s := t.child(h, "nsubj"); s >= 0 && t.child(h, "cop") >= 0 {
				return t.args(s), nil
			}
		}
		if h >= 0 && strings.HasSuffix(t.r.tok(v), "ing") {
			return t.args(h), nil // "troops fighting X"
		}
		// "needed three sets to beat X", "took two hours to reach Y": the infinitive of the
		// object is done by the verb's subject (not with an indirect object: "gave him the
		// chance to meet")
		if g := t.head(h); h >= 0 && g >= 0 && t.rel(h) == "obj" && t.child(g, "iobj") < 0 && t.child(v, "mark") >= 0 && strings.EqualFold(t.r.tok(t.child(v, "mark")), "to") {
			a, _ := t.clauseArgs(g, depth+1)
			return a, nil
		}
	case "advcl":
		if t.quotedAs(v) {
			return t.args(t.object(h)), nil
		}
		if h >= 0 && strings.HasSuffix(t.r.tok(v), "ing") {
			if m := t.child(v, "mark"); m >= 0 && (strings.EqualFold(t.r.tok(m), "for") || strings.EqualFold(t.r.tok(m), "of") || strings.EqualFold(t.r.tok(m), "with")) {
				if o := t.object(h); o >= 0 {
					return t.args(o), nil // "thanked X for sending troops", "accused X of killing Y": X did
				}
				if accuseVerbs[t.r.d.tableLemma(h)] {
					if s := t.child(h, "nsubj:pass"); s >= 0 {
						return t.args(s), nil // "X is accused of killing Y"
					}
					return nil, nil
				}
			}
			a, _ := t.clauseArgs(h, depth+1)
			return a, nil // "..., killing X"
		}
		if m := t.child(v, "mark"); h >= 0 && m >= 0 && strings.EqualFold(t.r.tok(m), "to") && t.r.d.Tokens[v].POS == "VB" {
			// "X and Y met at the White House to discuss Z": the purpose is the subject's
			a, _ := t.clauseArgs(h, depth+1)
			if !t.passive(h) {
				return a, nil
			}
		}
	}
	if f := t.nameRightBefore(v); f != nil && t.child(v, "nsubj") < 0 && t.child(v, "nsubj:pass") < 0 {
		return []*Found{f}, nil
	}
	return nil, nil
}

// afterPreposition: the name at token k follows a preposition.
func (t *treeSent) afterPreposition(k int) bool {
	r := t.r
	if r.mention(k) == nil {
		return false
	}
	j := r.mentionStart(k) - 1
	return j >= r.s.First && prepositions[strings.ToLower(r.tok(j))]
}

// nameRightBefore: the name that ends right before the finite verb v (auxiliaries and adverbs
// aside), when the parser hung it elsewhere ("Earlier in Group G, South Korea defeated Togo"
// read with "South Korea" in apposition to "Group G"): English puts the subject there.
func (t *treeSent) nameRightBefore(v int) *Found {
	r := t.r
	switch r.d.Tokens[v].POS {
	case "VBD", "VBZ", "VBP":
	case "VBN":
		if t.child(v, "aux") < 0 {
			return nil
		}
	default:
		return nil
	}
	k := v - 1
	for k > r.s.First && (t.head(k) == v && (t.rel(k) == "aux" || t.rel(k) == "advmod") || r.d.Tokens[k].POS == "MD") {
		k--
	}
	f := r.mention(k)
	if f == nil || f.Entity == nil || !isActor(f) || f.Kind == KindDemonym || r.mentionEnd(k) != k+1 {
		return nil
	}
	if j := r.mentionStart(k) - 1; j >= r.s.First && (prepositions[strings.ToLower(r.tok(j))] || r.tok(j) == "'s") {
		return nil // "a meeting in Paris said": the name is a preposition's object
	}
	return f
}

// subjectBefore: v has a subject before it.
func (t *treeSent) subjectBefore(v int) bool {
	for _, c := range t.children(v) {
		if t.rel(c) == "nsubj" && c < v {
			return true
		}
	}
	return false
}

// lateSubjects: a second subject after the verb, when one precedes it, is its object misread.
func (t *treeSent) lateSubjects(v int) []*Found {
	if !t.subjectBefore(v) || t.object(v) >= 0 {
		return nil
	}
	var out []*Found
	for _, c := range t.children(v) {
		if t.rel(c) == "nsubj" && c > v {
			out = append(out, t.args(c)...)
		}
	}
	return out
}

// antecedent: what the relative clause v says something of: the noun it modifies, or the name
// that noun stands in apposition to ("Lee Harvey Oswald, the man who killed Kennedy").
func (t *treeSent) antecedent(v int) []*Found {
	h := t.head(v)
	if h < 0 {
		return nil
	}
	if a := t.args(h); len(a) > 0 || t.rel(h) != "appos" || t.head(h) < 0 {
		return a
	}
	return t.args(t.head(h))
}

// conjoinedBefore: a subject that opens its clause with another name and "and" before it has
// that name for a second subject, however the parser hung the pair ("Senate Majority leader
// Bill Frist and House Speaker Dennis Hastert say", "Japan's Nissan and France's Renault say").
func (t *treeSent) conjoinedBefore(f *Found) []*Found {
	r := t.r
	if f.Entity == nil {
		return nil
	}
	start := min(f.Start, f.Context.Start)
	if f.TitleOf != nil {
		start = min(start, f.TitleOf.Start) // "House Speaker Dennis Hastert"
	}
	j := r.d.TokenAt(start) - 1
	if j-1 >= r.s.First && (r.tok(j) == "'s" || r.tok(j) == "’s") {
		if c := r.mention(j - 1); c != nil && (c.Type == Country || c.Kind == KindDemonym) {
			j = r.mentionStart(j-1) - 1 // "France's Renault"
		}
	}
	if j-1 < r.s.First || r.tok(j) != "and" {
		return nil
	}
	g := r.mention(j - 1)
	if g == nil || g.Entity == nil || g.Entity == f.Entity || (g.Type == Person) != (f.Type == Person) || g.Type == Date || g.Kind == KindDemonym {
		return nil
	}
	// the pair must open the clause: "Bush met Putin and Blair said" has one speaker
	k := r.d.TokenAt(min(g.Start, g.Context.Start)) - 1
	if k-1 >= r.s.First && (r.tok(k) == "'s" || r.tok(k) == "’s") && r.mention(k-1) != nil {
		k = r.mentionStart(k-1) - 1
	}
	for k >= r.s.First && (r.d.Tokens[k].POS == "DT" || r.d.Tokens[k].POS == "JJ") {
		k--
	}
	if k >= r.s.First && r.tok(k) != "," && r.tok(k) != ":" && r.tok(k) != "``" && r.tok(k) != "\"" {
		return nil
	}
	return []*Found{g}
}

func (t *treeSent) isRelPronoun(k int) bool {
	switch strings.ToLower(t.r.tok(k)) {
	case "who", "which", "that", "whom":
		return true
	}
	return false
}

// lightVerbs: a verb and its object noun state a predicate whose object is the noun's (or the
// verb's) oblique with one of the prepositions: "held talks with X", "signed an agreement with X".
var lightVerbs = []struct {
	verbs, nouns []string
	pred         string
	preps        []string
}{
	{[]string{"hold", "have", "resume", "begin", "start", "open", "conduct", "conclude", "end", "continue", "launch"}, []string{"talks", "negotiations", "discussions", "consultations"}, PredHeldTalksWith, []string{"with"}},
	{[]string{"sign", "reach", "conclude", "strike", "seal", "have"}, []string{"agreement", "agreements", "accord", "accords", "deal", "deals", "protocol", "treaty", "treaties", "memorandum", "pact", "pacts"}, PredAgreedWith, []string{"with"}},
	{[]string{"impose", "slap", "tighten", "extend"}, []string{"sanctions", "embargo"}, PredSanctioned, []string{"on", "against"}},
	{[]string{"take"}, []string{"part"}, PredParticipatedIn, []string{"in"}},
	{[]string{"express", "voice", "raise"}, []string{"concern", "concerns"}, PredCriticised, []string{"over", "about", "at"}},
	{[]string{"launch", "carry", "stage", "mount", "begin", "start", "open", "intensify", "step"}, []string{"attack", "attacks", "offensive", "raid", "raids", "strike", "strikes", "airstrikes", "assault", "operations", "bombing", "shelling", "bombardment"}, PredAttacked, []string{"on", "against", "in", "into"}},
	{[]string{"file"}, []string{"lawsuit", "suit"}, "sued", []string{"against"}},
}

func inList(w string, l []string) bool {
	for _, x := range l {
		if x == w {
			return true
		}
	}
	return false
}

// obliques are the entity arguments of v's (or noun n's) dependents marked by one of preps.
func (t *treeSent) obliques(v int, preps []string) []*Found {
	var out []*Found
	for _, c := range t.children(v) {
		if r := t.rel(c); (r == "obl" || r == "nmod" || r == "obl:tmod") && inList(t.caseOf(c), preps) {
			out = append(out, t.args(c)...)
		}
	}
	return out
}

// obliquesBelow: the obliques marked by preps of n and of its conjuncts and their objects
// ("launched a bombing and shelling offensive against X").
func (t *treeSent) obliquesBelow(n int, preps []string, depth int) []*Found {
	out := t.obliques(n, preps)
	if depth >= 2 {
		return out
	}
	for _, c := range t.children(n) {
		if r := t.rel(c); r == "conj" || r == "obj" {
			out = append(out, t.obliquesBelow(c, preps, depth+1)...)
		}
	}
	return out
}

// firstActorBelow: the entity of the first argument in n's subtree (objects and obliques).
func (t *treeSent) firstActorBelow(n, depth int) []*Found {
	if depth > 3 {
		return nil
	}
	for _, c := range t.children(n) {
		switch t.rel(c) {
		case "nsubj", "nsubj:pass", "advcl", "ccomp", "conj", "parataxis", "punct", "cc":
			continue // another clause, or no argument of this one
		}
		if a := t.args(c); len(a) > 0 && isActor(a[0]) {
			return a[:1]
		}
		if a := t.firstActorBelow(c, depth+1); len(a) > 0 {
			return a
		}
	}
	return nil
}

// inverseVerbs state a predicate with the roles swapped, the other party after "to": "X lost
// to Y" (Y beat X).
var inverseVerbs = map[string]string{"lose": "beat", "succumb": "beat"}

// skipVerbs never state a relation of their own between their arguments.
var skipVerbs = setOf("be", "have", "do", "say", "tell", "become", "remain", "include", "make", "get",
	"take", "give", "go", "come", "see", "use", "show", "expect", "want", "plan", "hope", "seem", "appear",
	"try", "continue", "begin", "start", "know", "think", "believe", "let", "help", "keep", "put", "report")

// treeVerbs reads the relations of every verb of the sentence from its tree.
func (r *relater) treeVerbs(t *treeSent) {
	for v := r.s.First; v < r.s.Last; v++ {
		tk := &r.d.Tokens[v]
		if tk.UPOS != "VERB" && !strings.HasPrefix(tk.POS, "VB") || r.mention(v) != nil {
			continue
		}
		lemma := r.d.tableLemma(v)
		if verbPred[lemma] == PredSaid || negOnlySpeech[lemma] && t.negatedVerb(v) {
			r.treeSpeech(t, v)
			continue
		}
		if statingVerbs[t.lemma(v)] && t.reportsClause(v) {
			// "Erdogan, who warned the violence could spill", "Annan has recommended the United
			// Nations extend its mission": a statement, whatever else the verb does
			r.treeSpeech(t, v)
		}
		if namingVerbs[lemma] && t.rel(v) != "acl" && t.rel(v) != "acl:relcl" {
			// "Obama has called the treaty "an important milestone"", "Bolton labeled Maduro's
			// actions "propaganda"": the words in quotation marks are what was said
			if q := r.quote(); q != "" && strings.Contains(r.d.Text[r.d.Tokens[v].End:r.s.End], q) {
				t.speaking = true
				agents, _ := t.clauseArgs(v, 0)
				t.speaking = false
				if len(agents) > 0 && !t.passive(v) {
					r.said(t, agents, q, 0.65, v, r.tok(v))
					continue
				}
			}
		}
		if o := t.object(v); o > v && supportSpeech[lemma] && statementNouns[r.d.tableLemma(o)] {
			r.treeStatement(t, v, t.object(v))
			continue
		}
		if r.treeCarriedPast(t, v, lemma) {
			continue
		}
		agents, patients := t.clauseArgs(v, 0)
		if p, prep := inverseVerbs[lemma], "to"; p != "" && !t.passive(v) {
			// "Mexico lost to Argentina": Argentina beat Mexico
			for _, o := range t.obliques(v, []string{prep}) {
				for _, a := range agents {
					r.treeTyped(t, o, p, a, 0.75, v)
				}
			}
			continue
		}
		if t.passive(v) && len(agents) == 0 {
			// "X was born in Y": predicates the vocabulary states in the passive
			for _, prep := range verbPreps[lemma] {
				if p := verbPrep[lemma+" "+prep]; passiveOf[p] {
					for _, a := range patients {
						for _, o := range t.obliques(v, []string{prep}) {
							r.treeTyped(t, a, p, o, 0.8, v)
						}
					}
				}
			}
		}
		pred := verbPred[lemma]
		if pred == PredDiscussed {
			r.treeDiscussed(t, v, agents)
			continue
		}
		if pred == "dismissed" && r.sportsSentence() {
			pred = "beat" // "Safina ousted Medina Garrigues in straight sets"
		}
		objects := patients
		if len(objects) == 0 && pred != "" {
			objects = append(t.args(t.object(v)), t.args(t.child(v, "iobj"))...)
			objects = append(objects, t.lateSubjects(v)...)
			if len(objects) == 0 {
				// "accuse Iran of trying ...", "thanked X for sending": the object read as the
				// subject of the clause that follows
				for _, c := range t.children(v) {
					if m := t.child(c, "mark"); t.rel(c) == "advcl" && m >= 0 && c > v {
						if w := strings.ToLower(r.tok(m)); w == "of" || w == "for" || w == "with" {
							objects = append(objects, t.args(t.child(c, "nsubj"))...)
						}
					}
				}
			}
			if len(objects) == 0 && (pred == PredThreatened || pred == "warned") {
				// "threatened to halt gas deliveries to Ukraine": the threat's target
				if x := t.child(v, "xcomp"); x >= 0 {
					objects = t.firstActorBelow(x, 0)
				}
			}
		}
		if o := t.object(v); pred == PredVisited && o >= 0 && r.mention(o) == nil {
			// "visited U.S. troops in Mosul and Baghdad": the places, not the troops' country
			if places := append(t.obliquesBelow(o, []string{"in", "at"}, 0), t.obliques(v, []string{"in", "at"})...); len(places) > 0 {
				objects = places
			} else if forceNouns[strings.ToLower(r.tok(o))] {
				objects = nil // "to visit Ukrainian troops": no visit to Ukraine
			}
		}
		if o := t.object(v); len(objects) == 0 && o >= 0 && pred == "won" && r.mention(o) == nil {
			// "won the women's title at the Sydney International", "won a World Cup downhill on
			// a course in Val Gardena": what was won is named by where it was held
			objects = append(t.namedIn(o), t.obliquesBelow(o, []string{"at", "in"}, 0)...)
			for _, c := range t.children(o) {
				if cs := t.caseOf(c); t.rel(c) == "nmod" && (cs == "at" || cs == "in") {
					objects = append(objects, t.namedIn(c)...) // "at the Chennai Open tournament"
				}
			}
		}
		if o := t.object(v); len(objects) == 0 && o >= 0 && stancePreds[pred] && r.mention(o) == nil {
			// "slammed Burma's human rights record", "criticized a proposal by U.S. lawmakers":
			// a stance on a thing is a stance on whose it is
			objects = t.owners(o, 0)
		}
		if o := t.object(v); pred == PredHeads && o >= 0 && r.mention(o) == nil && ledParts[strings.ToLower(r.tok(o))] {
			pred = PredWorksFor // "leading the U.N. team": a part of the body, not the body
		}
		if pred == "welcomed" {
			// welcoming a person is receiving a guest; welcoming a decision is a stance
			for _, o := range objects {
				if o.Type == Person {
					pred = PredReceived
				}
			}
		}
		// "met with X", "resigned from X", "played for X"
		for _, prep := range verbPreps[lemma] {
			if lemma == "sign" && t.child(v, "obj") >= 0 {
				break // "will sign the order before he heads to Scotland for the summit": no club signing
			}
			l := t.obliques(v, []string{prep})
			if p := verbPrep[lemma+" "+prep]; len(l) == 0 && stancePreds[p] {
				// "objected to U.S. plans": the stance is on whose plans they are
				for _, c := range t.children(v) {
					if t.rel(c) == "obl" && t.caseOf(c) == prep && r.mention(c) == nil {
						l = append(l, t.owners(c, 0)...)
					}
				}
			}
			if len(l) > 0 && !passiveOf[verbPrep[lemma+" "+prep]] {
				pred, objects = verbPrep[lemma+" "+prep], l
				break
			}
		}
		if prt := t.child(v, "compound:prt"); prt >= 0 {
			if p := verbPrep[lemma+" "+strings.ToLower(r.tok(prt))]; p != "" {
				pred = p // "took over X"
				objects = t.args(t.object(v))
			}
		}
		if o := t.child(v, "obj"); o >= 0 && r.mention(o) == nil {
			for _, lv := range lightVerbs {
				if inList(lemma, lv.verbs) && inList(strings.ToLower(r.tok(o)), lv.nouns) {
					pred = lv.pred
					objects = append(t.obliquesBelow(o, lv.preps, 0), t.obliques(v, lv.preps)...)
					if len(objects) == 0 && lv.pred == PredAgreedWith {
						// "signed an accord to supply Gondor with wheat"
						objects = t.firstActorBelow(o, 0)
						for _, c := range t.children(v) {
							if m := t.child(c, "mark"); len(objects) == 0 && (t.rel(c) == "advcl" || t.rel(c) == "xcomp") && m >= 0 && r.tok(m) == "to" {
								objects = t.firstActorBelow(c, 0)
							}
						}
					}
					break
				}
			}
		}
		if pred == "" && len(verbPreps[lemma]) > 0 && len(agents) > 1 {
			pred = verbPrep[lemma+" "+verbPreps[lemma][0]] // "The Philippines and France agree"
		}
		if pred == "" {
			// a verb outside the vocabulary: related, with its lemma, when both ends are named
			if skipVerbs[lemma] || len(patients) > 0 {
				continue
			}
			if rv := t.rel(v); rv != "root" && rv != "conj" && rv != "ccomp" && rv != "parataxis" {
				continue // only a main clause's verb: participles and infinitives are too loose
			}
			objects = t.args(t.object(v))
			if len(agents) == 0 || len(objects) == 0 {
				continue
			}
			for _, a := range agents {
				for _, o := range objects {
					if isActor(a) && isActor(o) && o.Kind != KindDemonym && a.Kind != KindDemonym {
						if rel := r.addTree(t, a, PredRelated, o, 0.5, v); rel != nil {
							rel.Verb = lemma
						}
					}
				}
			}
			continue
		}
		if len(objects) == 0 && symmetric[pred] && len(agents) > 1 {
			// "X and Y met"
			for k := 1; k < len(agents); k++ {
				r.treeTyped(t, agents[0], pred, agents[k], 0.75, v)
			}
			continue
		}
		conf := 0.8
		if t.rel(v) == "acl" || t.rel(v) == "advcl" {
			conf = 0.65
		}
		for _, a := range agents {
			for _, o := range objects {
				r.treeTyped(t, a, pred, o, conf, v)
			}
		}
	}
}

// nounObjectPreps: the prepositions that mark the object of a nominalisation ("an attack on
// X", "talks with X", "sanctions against X", "a visit to X").
var nounObjectPreps = map[string][]string{
	PredAttacked: {"on", "against", "in", "into"}, PredFoughtAgainst: {"with", "against"},
	PredAgreedWith: {"with"}, PredSanctioned: {"against", "on"}, PredHeldTalksWith: {"with"},
	PredMet: {"with"}, PredVisited: {"to"}, PredCooperatesWith: {"with"},
	PredParticipatedIn: {"in"}, PredJoined: {"to"}, PredReceived: {"of"}, PredSigned: {"of"},
	"beat": {"over", "against"}, "charged": {"against"},
}

// eventGovernors take an event noun as object with their subject its agent ("made a visit",
// "began talks"); cancelVerbs say the event did not take place ("canceled his trip").
var eventGovernors = setOf("make", "pay", "begin", "start", "hold", "conduct", "launch", "continue",
	"resume", "end", "complete", "plan", "schedule", "undertake", "carry", "stage", "open", "mount",
	"step", "intensify", "wrap", "conclude", "sign", "reach", "seek", "impose", "announce", "extend",
	"file", "bring", "press", "lay", "level", "maintain", "have", "establish", "restore", "forge", "strengthen")
var cancelVerbs = setOf("cancel", "postpone", "scrap", "abandon", "delay", "suspend")

// endVerbs end a standing relation: what held before is over ("cut ties with", "severed
// relations with").
var endVerbs = setOf("cut", "sever", "break")

// owners are the actors a thing at token k belongs to or comes from: its possessor, its "by"
// phrase, a name compounded with it ("Burma's human rights record", "a proposal by U.S.
// lawmakers").
func (t *treeSent) owners(k, depth int) []*Found {
	var out []*Found
	for _, c := range t.children(k) {
		rc := t.rel(c)
		if rc != "nmod:poss" && !(rc == "nmod" && t.caseOf(c) == "by") && !(rc == "compound" && c < k) {
			continue
		}
		if f := t.r.mention(c); f != nil {
			if isActor(f) && f.Entity != nil {
				out = append(out, f)
			}
		} else if depth < 2 {
			out = append(out, t.owners(c, depth+1)...)
		}
	}
	return out
}

// namedIn: the competitions or places compounded with the noun at k ("the Sydney
// International tournament", "the Kooyong exhibition event").
func (t *treeSent) namedIn(k int) []*Found {
	var out []*Found
	for _, c := range t.children(k) {
		if f := t.r.mention(c); f != nil && f.Entity != nil && t.rel(c) == "compound" && (f.Type == Event || f.Type == City || f.Type == Place) {
			out = append(out, f)
		}
	}
	return out
}

// treeDiscussed: "Bush and Buckovski met at the White House to discuss reforms in Macedonia":
// each agent discussed the topic, the object's words.
func (r *relater) treeDiscussed(t *treeSent, v int, agents []*Found) {
	o := t.object(v)
	if o < v || t.passive(v) {
		return
	}
	lo, _ := t.span(o, v)
	_, hi := t.span(v, -1) // the object and what the verb's phrase adds to it ("reforms in Macedonia")
	for hi > lo && isPunct(r.tok(hi)) {
		hi--
	}
	topic := r.text(lo, hi)
	if topic == "" || len(topic) > 200 {
		return
	}
	for _, a := range agents {
		if !isActor(a) || a.Entity == nil {
			continue
		}
		rel := Relation{Subject: a.Entity.ID, Predicate: PredDiscussed, Value: topic, Confidence: 0.7,
			Evidence: Span{r.s.Start, r.s.End}, Verb: r.tok(v)}
		t.context(&rel, v)
		r.out = append(r.out, rel)
	}
}

// stancePreds take a side on someone.
var stancePreds = setOf(PredCriticised, PredPraised, PredSupported, PredCondemned)

// statePreds hold over a time, so that the simple past says they are over.
var statePreds = setOf(PredWorksFor, PredHeads, PredMemberOf, "playsFor", "livesIn", "owns", "coaches")

// reporterless: verb v is stated by the article, not reported ("X said Y worked for Z" keeps
// the speaker's tense, which says nothing of today).
func (t *treeSent) reporterless(v int) bool {
	sp, src := t.reporter(v)
	return sp == nil && src == ""
}

// quantityNouns count events: "a third round of sanctions", "a new wave of attacks".
var quantityNouns = setOf("round", "rounds", "wave", "waves", "series", "set", "sets", "package", "packages", "string", "spate")

// treeNominals reads events stated by a noun of the vocabulary from the noun's dependents: the
// agent its possessor, a "by"/"from" phrase, or a national or organisation modifier ("Israel's
// offensive in Lebanon", "attacks from Taleban militants against NATO", "the Israeli
// offensive"), the other party "between X and Y" or the phrase with the predicate's
// preposition. The context (modality, negation, attribution) is the governing verb's.
func (r *relater) treeNominals(t *treeSent) {
	for n := r.s.First; n < r.s.Last; n++ {
		tk := &r.d.Tokens[n]
		pred := nounPred[strings.ToLower(tk.Text)]
		if pred == "" || r.mention(n) != nil || !strings.HasPrefix(tk.POS, "NN") {
			continue
		}
		var agents, objects []*Found
		for _, c := range t.children(n) {
			switch rc := t.rel(c); {
			case rc == "nmod:poss":
				agents = append(agents, t.args(c)...)
			case rc == "nmod" && (t.caseOf(c) == "by" || t.caseOf(c) == "from") && pred != PredReceived:
				agents = append(agents, t.args(c)...)
				for _, cc := range t.children(c) {
					// "attacks from Taleban militants against NATO" with the target hung on the
					// agent's noun
					if t.rel(cc) == "nmod" && cc > c && inList(t.caseOf(cc), nounObjectPreps[pred]) && t.caseOf(cc) != "in" {
						objects = append(objects, t.args(cc)...)
					}
				}
			case rc == "nmod" && t.caseOf(c) == "by" && pred == PredReceived:
				agents = append(agents, t.args(c)...) // "the reception of X by Y"
			case rc == "nmod" && t.caseOf(c) == "of" && pred == PredVisited:
				agents = append(agents, t.args(c)...) // "the visit of X to Y"
			case rc == "nmod" && t.caseOf(c) == "between":
				if b := t.args(c); len(b) >= 2 && symmetric[pred] || pred == PredAttacked && len(b) >= 2 {
					agents, objects = append(agents, b[0]), append(objects, b[1:]...)
				}
			case rc == "nmod" && inList(t.caseOf(c), nounObjectPreps[pred]):
				objects = append(objects, t.args(c)...)
			case rc == "amod" || rc == "compound":
				if f := r.mention(c); f != nil && (f.Type == Country || f.Type == Organization) && c < n {
					if f.Kind == KindDemonym && r.describesPerson(f) {
						continue
					}
					agents = append(agents, f) // "the Israeli offensive", "Taleban attacks"
				}
			}
		}
		if len(agents) == 0 && pred == PredVisited {
			agents = t.traveller(n)
		}
		if len(agents) == 0 {
			agents = t.responsibleFor(n)
		}
		if h := t.head(n); len(agents) == 0 && h >= 0 && h < n && t.rel(n) == "appos" {
			agents = t.args(h) // "Pennetta, a three-set winner over Golovin"
		}
		gov := -1
		slot := n // where the event stands in its clause: "a third round of sanctions" stands for them
		if h := t.head(n); h >= 0 && t.rel(n) == "nmod" && t.caseOf(n) == "of" && quantityNouns[strings.ToLower(r.tok(h))] {
			slot = h
		}
		if h := t.head(slot); h >= 0 && (t.rel(slot) == "obj" || t.rel(slot) == "nsubj:pass") && strings.HasPrefix(r.d.Tokens[h].POS, "VB") {
			gov = h
		}
		ends := gov >= 0 && endVerbs[r.d.tableLemma(gov)] && symmetric[pred]
		if len(agents) == 0 && gov >= 0 && (eventGovernors[r.d.tableLemma(gov)] || cancelVerbs[r.d.tableLemma(gov)] || ends) {
			// "X canceled his trip to Y", "X made a visit to Y": the governing verb's subject
			a, p := t.clauseArgs(gov, 0)
			if t.rel(slot) == "nsubj:pass" {
				a = nil
			}
			_ = p
			agents = a
		}
		if len(objects) == 0 && gov >= 0 && (eventGovernors[r.d.tableLemma(gov)] || cancelVerbs[r.d.tableLemma(gov)] || ends) {
			// "canceled his trip to Costa Rica" with the phrase hung on the verb
			objects = t.obliques(gov, nounObjectPreps[pred])
		}
		if len(objects) == 0 && gov >= 0 && t.head(n) == gov {
			// "played in Mexico's 2-1 victory over Japan" with "over Japan" hung on the verb:
			// a phrase right after the noun that only a contest takes is the noun's
			for _, c := range t.children(gov) {
				if cs := t.caseOf(c); c > n && (cs == "over" || cs == "against") && inList(cs, nounObjectPreps[pred]) && c-n <= 3 {
					objects = append(objects, t.args(c)...)
				}
			}
		}
		if len(agents) == 0 || len(objects) == 0 {
			continue
		}
		// the context is the governing verb's when it states the event ("will make a visit",
		// "canceled his trip"); otherwise the noun's own ("will examine X's offensive" is no
		// future offensive)
		v := n
		if gov >= 0 && (eventGovernors[r.d.tableLemma(gov)] || cancelVerbs[r.d.tableLemma(gov)]) {
			v = gov
		}
		for _, a := range agents {
			for _, o := range objects {
				if a == nil || o == nil || a.Entity == o.Entity || !treeFits(pred, a, o) {
					continue
				}
				if rel := r.addTree(t, a, pred, o, 0.85, v); rel != nil {
					rel.Verb = tk.Text
					if gov >= 0 && cancelVerbs[r.d.tableLemma(gov)] {
						rel.Negated = true // "canceled his trip to Y", "postponed a visit"
					}
					if ends {
						rel.Former = true // "Mauritania has cut ties with Israel"
					}
					if d := t.child(n, "det"); d >= 0 && strings.EqualFold(r.tok(d), "no") {
						rel.Negated = true // "which has no diplomatic ties with Israel"
					}
					for _, c := range t.children(n) {
						if l := strings.ToLower(r.tok(c)); t.rel(c) == "amod" && (l == "planned" || l == "proposed" || l == "possible" || l == "expected" || l == "upcoming") && rel.Modality == "" {
							rel.Modality = l // "his planned visit"
						} else if t.rel(c) == "amod" && (l == "postponed" || l == "canceled" || l == "cancelled" || l == "aborted") {
							rel.Negated = true
						}
					}
					if w := t.whenOf(n); w != "" {
						rel.When, rel.Date = w, t.dateOf(n)
					} else if h := t.head(n); h >= 0 && t.rel(n) == "nsubj" && rel.When == "" {
						// "Attacks ... increased dramatically last year": the time of the
						// clause the events are the subject of
						if w := t.whenOf(h); w != "" {
							rel.When, rel.Date = w, t.dateOf(h)
						}
					}
				}
			}
		}
	}
}

// treeAccording: "According to X, Y happened" — X said that Y happened.
func (r *relater) treeAccording(t *treeSent) {
	// The parser often misreads "According to" opening a sentence; the words are plain.
	if strings.EqualFold(r.tok(r.s.First), "according") && r.tok(r.s.First+1) == "to" {
		k := r.s.First + 2
		if strings.EqualFold(r.tok(k), "the") {
			k++
		}
		if x := r.mention(k); x != nil && isActor(x) && x.Entity != nil {
			end := r.mentionEnd(k)
			for end < r.s.Last && r.tok(end) != "," {
				end++
			}
			lo, hi := end+1, r.s.Last-1
			for hi > lo && isPunct(r.tok(hi)) {
				hi--
			}
			if hi-lo >= 3 {
				q := r.text(lo, hi)
				rel := Relation{Subject: x.Entity.ID, Predicate: PredSaid, Value: q, Confidence: 0.7,
					Evidence: Span{r.s.Start, r.s.End}, Verb: "according to"}
				r.out = append(r.out, rel)
			}
			return
		}
	}
	for c := r.s.First; c < r.s.Last; c++ {
		if rc := t.rel(c); rc != "obl" && rc != "advcl" && rc != "nmod" || t.caseOf(c) != "according to" {
			continue
		}
		src := t.args(c)
		h := t.head(c)
		if len(src) == 0 || h < 0 {
			continue
		}
		lo, hi := t.span(h, c)
		lo, hi = r.clauseBounds(lo, hi)
		if hi-lo < 3 {
			continue
		}
		q := r.text(lo, hi)
		r.said(t, src, q, 0.7, h, "according to")
	}
}

// treeFits: the types of the ends fit the predicate (the old rules for the old predicates,
// the vocabulary's argument types for the others).
func treeFits(pred string, s, o *Found) bool {
	switch pred {
	case PredMemberOf, PredJoined, PredSigned, PredVisited, PredParticipatedIn, PredAttacked, PredKilled, PredArrested:
		return fits(pred, s, o)
	}
	at := argTypes[pred]
	return fitsType(at[0], s) && fitsType(at[1], o)
}

func (r *relater) treeTyped(t *treeSent, s *Found, pred string, o *Found, conf float64, v int) {
	if s == nil || o == nil || !treeFits(pred, s, o) {
		return
	}
	if rel := r.addTree(t, s, pred, o, conf, v); rel != nil && (pred == "beat" || pred == "drewWith") {
		r.teams = append(r.teams, s, o)
	}
}

// addTree records a relation stated by verb v, with its context read from the tree.
func (r *relater) addTree(t *treeSent, subj *Found, pred string, obj *Found, conf float64, v int) *Relation {
	if subj == nil || obj == nil || subj.Entity == nil || obj.Entity == nil || subj.Entity == obj.Entity {
		return nil
	}
	rel := Relation{Subject: subj.Entity.ID, Predicate: pred, Object: obj.Entity.ID,
		Confidence: conf, Evidence: Span{r.s.Start, r.s.End}, Verb: r.tok(v)}
	if statePreds[pred] && r.d.Tokens[v].POS == "VBD" && t.child(v, "aux") < 0 && t.reporterless(v) {
		// "She played for Sweden in two World Cups", "Weaver served in the Navy": a state told
		// in the simple past is over
		rel.Former = true
	}
	for _, f := range []*Found{subj, obj} {
		if f.Start < rel.Evidence.Start {
			rel.Evidence.Start = r.d.sentenceSpan(f.Start).Start
		}
	}
	t.context(&rel, v)
	for _, end := range []*Found{subj, obj} {
		if rel.Modality != "" || end.Start < r.s.Start || end.End > r.s.End {
			continue
		}
		// "suspected Taleban militants attacked X", "killed eight suspected Taleban fighters":
		// an alleged agent or target
		k := r.headToken(end)
		for n := 0; n < 2 && k >= 0; n++ {
			for _, c := range t.children(k) {
				if w := strings.ToLower(r.tok(c)); (t.rel(c) == "amod" || t.rel(c) == "advmod") && (w == "suspected" || w == "alleged" || w == "purported") {
					rel.Modality = w
				}
			}
			if rk := t.rel(k); rk != "compound" && rk != "amod" && rk != "nmod" && rk != "nmod:poss" {
				break
			}
			k = t.head(k)
		}
	}
	r.out = append(r.out, rel)
	return &r.out[len(r.out)-1]
}

var modalGovernors = setOf("plan", "expect", "hope", "intend", "want", "due", "set", "schedule",
	"seek", "propose", "threaten", "vow", "ready", "likely", "prepare", "aim", "try", "wish", "promise",
	"pledge", "offer", "agree", "able", "willing", "poise", "going", "consider", "favor", "favour",
	"urge", "demand", "advocate", "push", "press")

// modalNouns state an intent or an attempt, not a deed: "a plan to visit", "a bid to join".
var modalNouns = setOf("plan", "plans", "attempt", "bid", "conspiracy", "effort", "intention",
	"offer", "proposal", "threat", "promise", "pledge", "decision", "readiness", "willingness")

var negGovernors = setOf("deny", "refuse", "reject", "fail", "decline")

// context sets the date, negation, modality and attribution of a relation stated by verb v.
func (t *treeSent) context(rel *Relation, v int) {
	r := t.r
	rel.Date, rel.When = t.dateOf(v), t.whenOf(v)
	// up the chain of xcomp/ccomp governors: "is ready to meet", "denied attacking"
	for k, depth := v, 0; k >= 0 && depth < 4; depth++ {
		for _, c := range t.children(k) {
			w := strings.ToLower(r.tok(c))
			switch t.rel(c) {
			case "advmod", "neg":
				if w == "not" || w == "n't" || w == "never" {
					rel.Negated = true
				}
			case "aux", "cop":
				if modals[w] && rel.Modality == "" && t.rel(c) == "aux" {
					rel.Modality = w
				}
				if (w == "is" || w == "was" || w == "are" || w == "were") && rel.Modality == "" && t.child(k, "mark") >= 0 && strings.EqualFold(r.tok(t.child(k, "mark")), "to") {
					rel.Modality = w + " to" // "was to hold talks", "Rice is to meet Sharon" (read as a copula)
				}
			}
		}
		if rel.Date == "" && k != v && t.rel(v) == "xcomp" {
			rel.Date = t.dateOf(k)
		}
		if rel.When == "" && k != v && t.rel(v) == "xcomp" {
			rel.When = t.whenOf(k)
		}
		rk := t.rel(k)
		if h := t.head(k); rk == "advcl" && h >= 0 && accuseVerbs[r.d.tableLemma(h)] {
			// "X accused Y of killing Z", "Y is charged with murdering Z": alleged, X's claim
			if m := t.child(k, "mark"); m >= 0 && rel.Modality == "" {
				rel.Modality = strings.ToLower(r.tok(h)) + " " + strings.ToLower(r.tok(m))
				if s := t.child(h, "nsubj"); s >= 0 {
					if a := t.args(s); len(a) > 0 && a[0].Entity != nil && a[0].Entity.ID != rel.Subject {
						rel.AttributedTo = a[0].Entity.ID
					}
				}
			}
			break
		}
		if h := t.head(k); rk == "acl" && h >= 0 && rel.Modality == "" && strings.HasPrefix(r.d.Tokens[h].POS, "NN") {
			if m := t.child(k, "mark"); m >= 0 && strings.EqualFold(r.tok(m), "to") {
				// "conspiracy to wage war", "plans to visit": the noun's intent; "would be the
				// first country to join": the modal of the clause the noun heads
				if n := strings.ToLower(r.tok(h)); modalNouns[n] {
					rel.Modality = n + " to"
				} else {
					for _, c := range t.children(h) {
						if w := strings.ToLower(r.tok(c)); t.rel(c) == "aux" && modals[w] {
							rel.Modality = w
						}
					}
				}
			}
			break
		}
		if rk != "xcomp" && !(rk == "ccomp" && negGovernors[t.lemma(t.head(k))]) {
			break
		}
		h := t.head(k)
		if h < 0 {
			break
		}
		lh := t.lemma(h)
		if negGovernors[lh] {
			rel.Negated = true
		} else if modalGovernors[lh] && rel.Modality == "" && !(lh == "agree" && rel.Predicate == PredAgreedWith) {
			rel.Modality = strings.ToLower(r.tok(h))
		} else if (lh == "have" || lh == "need" || lh == "be") && rel.Modality == "" && t.child(k, "mark") >= 0 && strings.EqualFold(r.tok(t.child(k, "mark")), "to") {
			rel.Modality = strings.ToLower(r.tok(h)) + " to" // "have to cooperate", "was to hold talks"
		}
		k = h
	}
	if h := t.head(v); rel.Date == "" && h >= 0 && t.rel(v) == "obl" && r.d.Tokens[v].UPOS == "NOUN" && r.d.Tokens[h].UPOS == "VERB" {
		// a nominal event in the clause of a verb happened when the clause says ("was
		// established on May 4, 1994, with X's signing of Y")
		rel.Date, rel.When = t.dateOf(h), t.whenOf(h)
	}
	if r.d.Tokens[v].UPOS == "NOUN" && !structural[rel.Predicate] {
		t.nominalContext(rel, v)
	}
	if rel.Modality == "" && t.scheduled(v) {
		rel.Modality = "future" // "Machimura arrives Sunday in Beijing for talks"
	}
	if h := t.head(v); rel.Modality == "" && h >= 0 && t.scheduled(h) && t.purpose(v) {
		rel.Modality = "future" // "arrives Sunday in Beijing for talks with Li, to discuss ..."
	}
	if rel.Date == "" && eventLike[rel.Predicate] && r.d.Dateline != nil {
		rel.Date = r.d.Dateline.Date
	}
	if rel.Negated || rel.Modality != "" {
		rel.Confidence *= 0.9
	}
	// whose claim it is, also when the claimant is the relation's subject ("Y denied killing Z",
	// "Nissan says it is willing to begin talks with GM": attr Y, Nissan)
	sps, src := t.reporters(v)
	var sp *Found
	for _, f := range sps {
		if sp == nil || f.Entity != nil && f.Entity.ID == rel.Subject {
			sp = f // "Nissan and Renault say they are willing to begin talks": each its own claim
		}
	}
	if sp != nil && sp.Entity != nil && rel.AttributedTo == "" {
		rel.AttributedTo = sp.Entity.ID
	} else if sp == nil && rel.AttributedTo == "" && rel.Source == "" {
		rel.Source = src
	}
}

// scheduled: v is a present-tense verb of a trip or a meeting with a time still to come in its
// own clause ("arrives Sunday", "heads to Scotland late this week"): news states a schedule so.
func (t *treeSent) scheduled(v int) bool {
	r := t.r
	if p := r.d.Tokens[v].POS; p != "VBZ" && p != "VBP" || !scheduleVerbs[t.lemma(v)] {
		return false
	}
	w := strings.ToLower(t.whenOf(v))
	if w == "" || strings.Contains(w, "last") || strings.Contains(w, "ago") || strings.Contains(w, "earlier") {
		return false
	}
	for _, f := range strings.Fields(w) {
		if _, day := weekdays[titleCase(f)]; day || f == "next" || f == "tomorrow" || f == "later" || f == "week" {
			return true
		}
	}
	return false
}

// purpose: v is what its governor is done for: "for talks", "to discuss relations".
func (t *treeSent) purpose(v int) bool {
	switch t.rel(v) {
	case "obl", "nmod":
		return t.caseOf(v) == "for" && t.r.d.Tokens[v].UPOS == "NOUN"
	case "advcl", "xcomp":
		m := t.child(v, "mark")
		return m >= 0 && strings.EqualFold(t.r.tok(m), "to")
	}
	return false
}

// scheduleVerbs state trips and meetings that news announces in the present tense.
var scheduleVerbs = setOf("arrive", "visit", "travel", "head", "leave", "meet", "fly", "go", "begin",
	"start", "open", "hold", "host", "attend", "return")

// accuseVerbs report an allegation: what they govern with "of"/"with" is alleged.
var accuseVerbs = setOf("accuse", "charge", "suspect", "indict", "convict", "arrest", "detain", "blame")

// dateOf is the date of v's own clause: a temporal dependent of v ("on Friday", "in 1997") that
// is a date mention; never a date elsewhere in the sentence.
func (t *treeSent) dateOf(v int) string {
	for _, c := range t.children(v) {
		switch t.rel(c) {
		case "obl:tmod", "obl", "nmod:tmod", "obl:npmod", "advmod", "nmod":
			if f := t.dateIn(c); f != nil {
				return f.Value
			}
		}
	}
	return ""
}

// whenOf is the temporal expression of v's own clause, verbatim with its preposition: a
// dependent of v ("on Friday", "Tuesday", "last month", "earlier this week", "in 2005",
// "two years ago") headed by a word of time or a date mention. Never a date of another clause.
func (t *treeSent) whenOf(v int) string {
	for _, c := range t.children(v) {
		switch t.rel(c) {
		case "obl:tmod", "obl", "nmod:tmod", "obl:npmod", "advmod", "nmod", "obl:unmarked", "nmod:unmarked", "iobj":
		default:
			continue
		}
		if !t.temporal(c) {
			continue
		}
		lo, hi := t.timeSpan(c)
		return strings.TrimSpace(t.r.d.Text[t.r.d.Tokens[lo].Start:t.r.d.Tokens[hi].End])
	}
	if t.r.d.Tokens[v].UPOS == "NOUN" {
		// a nominal event's time: "Tuesday's meeting", or the time right after its phrase
		// whatever the parser attached it to ("during his visit to Germany last week")
		for _, c := range t.children(v) {
			if t.rel(c) == "nmod:poss" && t.temporal(c) {
				lo, hi := t.timeSpan(c)
				for hi > lo && (t.rel(hi) == "case" || isPunct(t.r.tok(hi))) {
					hi-- // "Tuesday's": the day, not its possessive
				}
				return strings.TrimSpace(t.r.d.Text[t.r.d.Tokens[lo].Start:t.r.d.Tokens[hi].End])
			}
		}
		_, end := t.span(v, -1)
		for k := end + 1; k < t.r.s.Last && k <= end+3; k++ {
			if t.r.mention(k) != nil && t.date[k-t.r.s.First] == nil || isPunct(t.r.tok(k)) {
				break
			}
			if t.temporal(k) {
				lo, hi := t.timeSpan(k)
				if lo > end {
					return strings.TrimSpace(t.r.d.Text[t.r.d.Tokens[lo].Start:t.r.d.Tokens[hi].End])
				}
			}
		}
	}
	// A day name next to the verb is its time, whatever the parser attached it to ("said
	// Wednesday that ...", read as the subject of the clause; "Mr. Chavez Sunday described")
	for _, k := range []int{v + 1, v - 1} {
		if k < t.r.s.First || k >= t.r.s.Last || t.r.mention(k) != nil {
			continue
		}
		if _, ok := weekdays[t.r.tok(k)]; ok || t.date[k-t.r.s.First] != nil {
			lo, hi := k, k
			if f := t.date[k-t.r.s.First]; f != nil {
				for lo > t.r.s.First && t.date[lo-1-t.r.s.First] == f {
					lo--
				}
				for hi+1 < t.r.s.Last && t.date[hi+1-t.r.s.First] == f {
					hi++
				}
			}
			return strings.TrimSpace(t.r.d.Text[t.r.d.Tokens[lo].Start:t.r.d.Tokens[hi].End])
		}
	}
	// the time of the clause's own arguments: "told reporters Tuesday", "in a statement issued
	// Tuesday, X said", "told French television, Canal Plus, Tuesday"
	if k := t.timeBelow(v, 0); k >= 0 {
		lo, hi := t.timeSpan(k)
		return strings.TrimSpace(t.r.d.Text[t.r.d.Tokens[lo].Start:t.r.d.Tokens[hi].End])
	}
	return ""
}

// timeBelow: a temporal dependent in the arguments of v (objects, obliques and the participle
// clauses on them), not in another clause of its own.
func (t *treeSent) timeBelow(n, depth int) int {
	if depth > 3 {
		return -1
	}
	for _, c := range t.children(n) {
		switch t.rel(c) {
		case "obj", "iobj", "obl", "appos", "acl", "nmod", "conj":
			if depth > 0 && t.temporal(c) {
				return c
			}
			if k := t.timeBelow(c, depth+1); k >= 0 {
				return k
			}
		case "parataxis":
			// "beat Haas in straight sets (06-Mar, 07-Jun) Saturday": the score in brackets
			if t.r.d.Tokens[c].POS == "CD" {
				if k := t.timeBelow(c, depth+1); k >= 0 {
					return k
				}
			}
		case "amod", "nummod":
			// "nominated Judge Alito October 31" read with the date modifying the name
			if depth > 0 && t.date[c-t.r.s.First] != nil {
				return c
			}
		case "obl:tmod", "nmod:tmod", "obl:npmod", "nmod:npmod", "obl:unmarked", "nmod:unmarked", "advmod", "compound", "iobj:unmarked", "flat":
			// "flat": "traveled to Iraq Monday" read with the day inside the name
			if depth > 0 && t.temporal(c) {
				return c
			}
		}
	}
	return -1
}

// timeWords head a temporal expression.
var timeWords = setOf("week", "weeks", "month", "months", "year", "years", "weekend", "day", "days",
	"morning", "afternoon", "evening", "night", "today", "yesterday", "tomorrow", "tonight",
	"decade", "decades", "century", "recently", "hours", "overnight")

// temporal: the nominal or adverb at k names a time ("Tuesday", "last month", "in 2005",
// "earlier this week", "two years ago", "recently").
func (t *treeSent) temporal(k int) bool {
	if t.date[k-t.r.s.First] != nil {
		return true
	}
	w := t.r.tok(k)
	lw := strings.ToLower(w)
	if _, ok := weekdays[w]; ok {
		return true
	}
	if _, ok := months[w]; ok && w != "May" && w != "March" || (w == "May" || w == "March") && t.caseOf(k) == "in" {
		return true
	}
	if isYear(w) && t.caseOf(k) != "" || len(w) == 5 && strings.HasSuffix(w, "s") && isYear(w[:4]) {
		return true // "in 2005", "since the 1980s"
	}
	if timeWords[lw] {
		if lw == "day" || lw == "days" || lw == "hours" || lw == "years" || lw == "months" || lw == "weeks" || lw == "decades" {
			// "two years ago", "in recent years"; not "for two days", "the day's events"
			return t.child(k, "advmod") >= 0 && strings.EqualFold(t.r.tok(t.child(k, "advmod")), "ago") ||
				strings.EqualFold(t.r.tok(t.head(k)), "ago") || t.child(k, "amod") >= 0 && strings.EqualFold(t.r.tok(t.child(k, "amod")), "recent")
		}
		if lw == "year" || lw == "week" || lw == "month" || lw == "weekend" || lw == "decade" || lw == "century" {
			// "last year", "this week", "earlier this month": with its determiner of time
			for _, c := range t.children(k) {
				if d := strings.ToLower(t.r.tok(c)); d == "last" || d == "this" || d == "next" || d == "that" || d == "past" || d == "previous" || d == "same" || d == "coming" {
					return true
				}
			}
			return false
		}
		return true
	}
	switch lw {
	case "earlier", "later", "late", "early", "ago":
		// "earlier this week", "late Sunday", "two years ago": the adverb and its time
		for _, c := range t.children(k) {
			if t.temporal(c) {
				return true
			}
		}
		return lw == "ago"
	}
	return false
}

// timeSpan: the tokens of the temporal expression at k: its preposition, determiners, time
// adjectives and adverbs, numbers and the temporal words below it ("earlier this week", "late
// Sunday", "Wednesday and Thursday"), not the other phrases it heads ("Monday in Tehran").
func (t *treeSent) timeSpan(k int) (int, int) {
	lo, hi := k, k
	var walk func(n, depth int)
	walk = func(n, depth int) {
		if depth > 4 {
			return
		}
		lo, hi = min(lo, n), max(hi, n)
		for _, c := range t.children(n) {
			keep := false
			switch t.rel(c) {
			case "case", "det", "nummod", "flat", "fixed", "cc":
				keep = true
			case "amod", "advmod", "compound", "conj", "nmod", "obl:npmod", "nmod:tmod", "nmod:unmarked", "obl:tmod", "obl:unmarked", "nmod:npmod":
				w := strings.ToLower(t.r.tok(c))
				keep = t.temporal(c) || timeModifiers[w] || isYear(w) || isDayNumber(w)
			}
			if keep {
				walk(c, depth+1)
			}
		}
	}
	walk(k, 0)
	// no name inside a time: "at the White House Monday" read as one phrase is "Monday"
	for i := lo; i <= hi; i++ {
		if t.r.mention(i) == nil || t.date[i-t.r.s.First] != nil {
			continue
		}
		if i < k {
			lo = i + 1
		} else if i > k {
			hi = i - 1
			break
		}
	}
	for hi > lo && isPunct(t.r.tok(hi)) {
		hi--
	}
	return lo, hi
}

// timeModifiers qualify a time: "last week", "late Sunday", "two years ago".
var timeModifiers = setOf("last", "next", "this", "past", "previous", "coming", "same", "early",
	"earlier", "late", "later", "recent", "ago", "just", "more", "than", "about", "nearly", "mid")

// dateIn: the date mention covering k or one of its flat/compound/nummod/conj dependents.
func (t *treeSent) dateIn(k int) *Found {
	if f := t.date[k-t.r.s.First]; f != nil {
		return f
	}
	for _, c := range t.children(k) {
		switch t.rel(c) {
		case "compound", "nummod", "flat", "amod", "nmod:tmod", "obl:tmod", "nmod:unmarked":
			if f := t.date[c-t.r.s.First]; f != nil {
				return f
			}
		}
	}
	return nil
}

// reporter is whose words state the clause of v: the subject of the speech verb that governs
// it ("X said that ..."), of a speech verb in parataxis (`"...", X said`), or "according to
// X". An entity when one is named (speaker); else, when the subject is an unnamed source
// ("officials say", "state media said"), that source as the text names it, lower case.
func (t *treeSent) reporter(v int) (speaker *Found, source string) {
	speakers, source := t.reporters(v)
	if len(speakers) > 0 {
		return speakers[0], ""
	}
	return nil, source
}

// reporters are all the speakers reporter finds ("Nissan and Renault say ..."), or the
// unnamed source.
func (t *treeSent) reporters(v int) (speakers []*Found, source string) {
	// from names the speakers at token k, a speech verb's subject or an "according to" phrase
	from := func(k int, args []*Found) ([]*Found, string) {
		if len(args) > 0 {
			return args, ""
		}
		if k < 0 {
			return nil, ""
		}
		return nil, t.sourceName(k)
	}
	for k, depth := v, 0; k >= 0 && depth < 6; depth++ {
		for _, c := range t.children(k) {
			switch t.rel(c) {
			case "parataxis":
				if verbPred[t.r.d.tableLemma(c)] == PredSaid {
					a, _ := t.clauseArgs(c, 0)
					if f, src := from(t.child(c, "nsubj"), a); f != nil || src != "" {
						return f, src
					}
				}
			case "obl", "advcl":
				if t.caseOf(c) == "according to" {
					if f, src := from(c, t.args(c)); f != nil || src != "" {
						return f, src
					}
				}
			}
		}
		h := t.head(k)
		if h < 0 {
			break
		}
		if rk := t.rel(k); (rk == "ccomp" || rk == "parataxis") && verbPred[t.r.d.tableLemma(h)] == PredSaid {
			a, _ := t.clauseArgs(h, 0)
			if f, src := from(t.child(h, "nsubj"), a); f != nil || src != "" {
				return f, src
			}
		}
		switch t.rel(k) {
		case "ccomp", "conj", "xcomp", "advcl", "parataxis":
			k = h
		default:
			return nil, ""
		}
	}
	return nil, ""
}

// apposedName: the person named in apposition to the noun at k: its appos child, or, however
// the parser hung it, the name between the next two commas before any verb ("The chairman of
// the alliance, Mirwaiz Umar Farooq, says").
func (t *treeSent) apposedName(k int) *Found {
	r := t.r
	for _, c := range t.children(k) {
		if f := r.mention(c); f != nil && t.rel(c) == "appos" && f.Type == Person && f.Entity != nil {
			return f
		}
	}
	for j := k + 1; j+1 < r.s.Last && j <= k+8; j++ {
		if strings.HasPrefix(r.d.Tokens[j].POS, "VB") || r.d.Tokens[j].POS == "MD" {
			return nil
		}
		if r.tok(j) != "," {
			continue
		}
		e := j + 1
		for e < r.s.Last && r.mention(e) == nil && isCapitalized(r.tok(e)) {
			e++ // titles before the name: "Major General"
		}
		f := r.mention(e)
		if f == nil || f.Entity == nil || f.Type != Person && !personInSlot(f) {
			return nil
		}
		if end := r.mentionEnd(e); end < r.s.Last && r.tok(end) == "," {
			if f.Type != Person {
				// "The chairman of the alliance, Mirwaiz Umar Farooq, says": whom a title
				// noun is put beside is a person, whatever the name looked like alone
				f.Type, f.Entity.Type = Person, Person
			}
			return f
		}
		return nil
	}
	return nil
}

// personInSlot: an organisation's name that may be a person's read wrong: two to four
// capitalised words no gazetteer knows, none of them an organisation's head word.
func personInSlot(f *Found) bool {
	if f.Type != Organization || f.Gaz != nil || f.Kind != KindName {
		return false
	}
	w := strings.Fields(f.Name)
	if len(w) < 2 || len(w) > 4 {
		return false
	}
	for _, x := range w {
		if orgHeads[x] || !isCapitalized(x) || isAllCaps(x) {
			return false
		}
	}
	return true
}

// whoAfterName: the name right before ", who" when "who" is v's subject: "Erdogan, who
// warned ...", whatever the parser made the clause's head.
func (t *treeSent) whoAfterName(v int) *Found {
	r := t.r
	s := t.child(v, "nsubj")
	if s < 0 || s-2 < r.s.First || !strings.EqualFold(r.tok(s), "who") || r.tok(s-1) != "," {
		return nil
	}
	if f := r.mention(s - 2); f != nil && f.Entity != nil && isActor(f) && r.mentionEnd(s-2) == s-1 {
		return f
	}
	return nil
}

// speakerOf is reporter's entity.
func (t *treeSent) speakerOf(v int) *Found {
	f, _ := t.reporter(v)
	return f
}

// treeSpeech: the speech verb v gives its speaker (its subject) said what its clause (ccomp) or
// the quotation says — never the speaker's own label.
func (r *relater) treeSpeech(t *treeSent, v int) {
	if r.treeSayingAfterComma(t, v) {
		return
	}
	switch t.rel(v) {
	case "root", "conj", "parataxis", "ccomp":
	case "advcl":
		// "X contacted reporters, saying he had been detained": a participle with no marker and
		// no subject of its own reports its governor's subject's words
		if t.r.d.Tokens[v].POS == "VBG" && t.child(v, "mark") < 0 && t.child(v, "nsubj") < 0 && t.head(v) >= 0 && t.head(v) < v {
			break
		}
		if t.quotedAs(v) {
			break // "reports quote X as saying ...": X's words
		}
		// "Moderate cleric X said Tuesday that Y has ...", the reported verb misread as the
		// root with the speech verb under it: "that" between them marks the reported clause
		if h, m := t.head(v), t.child(t.head(v), "mark"); h > v && m > v && m < h && strings.EqualFold(r.tok(m), "that") && t.child(v, "nsubj") >= 0 {
			break
		}
		// "Moderate cleric X said ...", the opening adjective misread as the root: a speech
		// verb with no marker under a word that is no verb is the sentence's main verb
		if h, m := t.head(v), t.child(v, "mark"); m >= 0 && (r.d.Tokens[m].UPOS == "SCONJ" || r.d.Tokens[m].UPOS == "ADP") || h < 0 || h > v || r.d.Tokens[h].UPOS == "VERB" || r.d.Tokens[h].UPOS == "AUX" {
			return
		}
	case "acl:relcl", "acl":
		if !t.misreadAsModifier(v) && t.whoAfterName(v) == nil {
			return // "the plan X said would fail": a speech verb inside a noun phrase
		}
	default:
		return // "for what she said were ...": a speech verb inside a noun phrase or adverbial clause
	}
	if strings.HasPrefix(r.d.Tokens[v].POS, "NN") {
		return
	}
	t.speaking = true
	agents, _ := t.clauseArgs(v, 0)
	t.speaking = false
	if f := t.whoAfterName(v); f != nil {
		agents = []*Found{f} // "an interview with Ambassador Brownfield, who said ...", however hung
	}
	if t.passive(v) || len(agents) == 0 {
		return
	}
	content := -1
	for _, c := range t.children(v) {
		// the clause after the verb ("X says Iran has ..."), not a word before it misread as one
		if t.rel(c) == "ccomp" && (content < 0 || content < v && c > v) {
			content = c
		}
	}
	if content < 0 {
		content = t.contentFallback(v)
	}
	if content < 0 {
		// "X told reporters in Baghdad Wednesday, the trial could begin ...": the clause after
		// the comma, read as loosely joined, is what was told
		for _, c := range t.children(v) {
			if lo, _ := t.span(c, v); c > v && t.rel(c) == "parataxis" && t.child(c, "nsubj") >= 0 && (r.tok(lo) == "," || r.tok(lo-1) == ",") {
				content = c
				break
			}
		}
	}
	if content < 0 && t.rel(v) == "parataxis" {
		content = t.head(v) // `"...", X said`
	}
	q, conf := "", 0.8
	if content >= 0 {
		lo, hi := t.span(content, v)
		if t.rel(content) == "ccomp" && t.child(content, "nsubj") < 0 && t.child(content, "nsubj:pass") < 0 {
			for _, o := range t.children(v) {
				if o > v && o < content && (t.rel(o) == "obj" || t.rel(o) == "nsubj") {
					// "says a group of tourists ... have been found": the reported clause's
					// subject misread as the speech verb's object or second subject
					lo, _ = t.span(o, v)
					break
				}
			}
		}
		if c := t.splitClause(v, content); c >= 0 && t.rel(content) == "obj" {
			_, hi = t.span(c, v)
		}
		if qq, span := r.quote(), r.d.Text[r.d.Tokens[lo].Start:r.d.Tokens[hi].End]; qq != "" && strings.Contains(span, qq) && 2*len(qq) > len(span) {
			q = qq
		} else {
			lo, hi = r.clauseBounds(lo, hi)
			q, conf = r.text(lo, hi), 0.7
		}
	} else if qq := r.quote(); qq != "" {
		q = qq
	} else if lo, hi, ok := t.thatAfter(v); ok {
		// "X said Tuesday that ...", "X said in a statement that ...": the "that" the parser
		// hung elsewhere still opens what was said
		q, conf = r.text(lo, hi), 0.7
	} else if lo, hi, ok := t.restIsClause(v); ok {
		// "Italy says an Italian photographer ... has been freed" with the clause's subject
		// read as a second subject of "says": the rest of the sentence is what was said
		q, conf = r.text(lo, hi), 0.7
	} else if (r.tok(v+1) == ":" || r.tok(v+1) == ",") && v+2 >= r.s.Last && r.si+1 < len(r.d.Sentences) {
		// `X said:` and the quotation in the next sentence
		next := r.d.Sentences[r.si+1]
		text := r.d.Text[next.Start:next.End]
		if strings.HasPrefix(text, "\"") || strings.HasPrefix(text, "“") {
			q = strings.Trim(strings.TrimSpace(text), "\"“”")
		}
	}
	if o := t.child(v, "obj"); len(strings.Fields(q)) < 3 && o > v && stanceVerbs[r.d.tableLemma(v)] && r.mention(o) == nil && t.child(v, "iobj") < 0 && r.d.Tokens[v].POS != "VBG" {
		// "Iran has denied the allegations", "NASA confirmed the launch": what is denied or
		// confirmed is the statement, however short
		lo, hi := t.span(o, v)
		for _, c := range t.children(o) {
			if c > o && t.temporal(c) { // "the plan Thursday in Tokyo": the time ends the object
				if clo, _ := t.span(c, v); clo-1 < hi {
					hi = clo - 1
				}
			}
		}
		lo, hi = r.clauseBounds(lo, hi)
		r.said(t, agents, r.text(lo, hi), 0.65, v, r.tok(v))
		return
	}
	if (q == "" || len(strings.Fields(q)) < 3) && !t.negatedVerb(v) {
		return // a statement needs its words; "did not say", "has not commented" need none
	}
	if len(strings.Fields(q)) < 3 {
		q = ""
	}
	r.said(t, agents, q, conf, v, r.tok(v))
}

// namingVerbs call something by words the writer quotes: what is quoted is what was said.
var namingVerbs = setOf("call", "label", "term", "brand", "dub")

// stanceVerbs take a stance on what their object names: it is what they state.
var stanceVerbs = setOf("deny", "confirm", "announce", "acknowledge", "admit", "reiterate",
	"allege", "dispute")

// negatedVerb: v has a negation of its own ("did not say", "has never commented").
func (t *treeSent) negatedVerb(v int) bool {
	for _, c := range t.children(v) {
		if r := t.rel(c); r == "advmod" || r == "neg" {
			if w := strings.ToLower(t.r.tok(c)); w == "not" || w == "n't" || w == "never" {
				return true
			}
		}
	}
	return false
}

// treeSayingAfterComma: ", saying ...", ", adding that ..." after a clause report the words of
// that clause's subject, wherever the parser hung the participle (often under the nearest
// noun: "expressed doubts about a proposal for a conference, saying diplomats should ...").
// The words said run to the end of the sentence.
func (r *relater) treeSayingAfterComma(t *treeSent, v int) bool {
	if r.d.Tokens[v].POS != "VBG" || v-1 <= r.s.First || r.tok(v-1) != "," {
		return false
	}
	main := -1
	for k := r.s.First; k < v; k++ {
		if t.rel(k) == "root" && strings.HasPrefix(r.d.Tokens[k].POS, "VB") {
			main = k
		}
	}
	if main < 0 {
		return false
	}
	// "X vowed to ..., but Y blocked it, saying ...": the last conjoined clause before the comma
	for _, c := range t.children(main) {
		if t.rel(c) == "conj" && c < v && strings.HasPrefix(r.d.Tokens[c].POS, "VB") && t.child(c, "nsubj") >= 0 {
			main = c
		}
	}
	agents, _ := t.clauseArgs(main, 0)
	if t.passive(main) || len(agents) == 0 {
		return false
	}
	lo, hi := v+1, r.s.Last-1
	lo, hi = r.clauseBounds(lo, hi)
	if hi-lo < 2 {
		return false
	}
	q := r.text(lo, hi)
	if qq := r.quote(); qq != "" && strings.Contains(q, qq) && 2*len(qq) > len(q) {
		q = qq
	}
	r.said(t, agents, q, 0.75, main, r.tok(v))
	return true
}

// supportSpeech and statementNouns: "made the comment", "issued a statement", "released
// statements" state that their subject spoke, as a speech verb does.
var (
	supportSpeech  = setOf("make", "issue", "release")
	statementNouns = setOf("comment", "remark", "announcement", "statement", "call", "appeal", "declaration")
)

// treeStatement: "X made the comment Sunday", "X released a statement saying ...": X said,
// the words from the participle that reports them, or none.
func (r *relater) treeStatement(t *treeSent, v, o int) {
	if t.passive(v) || strings.HasPrefix(r.d.Tokens[v].POS, "NN") {
		return
	}
	switch t.rel(v) {
	case "root", "conj", "ccomp", "parataxis":
	default:
		return
	}
	t.speaking = true
	agents, _ := t.clauseArgs(v, 0)
	t.speaking = false
	q := ""
	for _, h := range []int{o, v} {
		for _, c := range t.children(h) {
			if rc := t.rel(c); (rc == "acl" || rc == "advcl" || rc == "xcomp") && c > o && r.d.Tokens[c].POS == "VBG" && verbPred[r.d.tableLemma(c)] == PredSaid {
				if cc := t.child(c, "ccomp"); cc >= 0 {
					lo, hi := t.span(cc, c)
					lo, hi = r.clauseBounds(lo, hi)
					if hi-lo >= 2 {
						q = r.text(lo, hi)
					}
				}
			}
		}
	}
	r.said(t, agents, q, 0.7, v, r.tok(v)+" "+r.tok(o))
}

// clauseSpeech are speech verbs that take a clause, not a thing, as their object: after them a
// noun phrase holding a finite verb is a clause the parser cut short.
var clauseSpeech = setOf("say", "state", "claim", "insist", "argue", "assert", "contend", "maintain",
	"note", "stress", "add", "predict", "reiterate", "emphasize", "emphasise")

// holdsFiniteVerb: the subtree of k has a finite verb or copula (as the parser tagged it).
func (t *treeSent) holdsFiniteVerb(k int) bool {
	lo, hi := t.span(k, -1)
	for i := lo; i <= hi; i++ {
		if i != k && isFiniteVerb(t.r.d.Tokens[i].POS) {
			return true
		}
	}
	return false
}

// misreadAsModifier: speech verb v, which the parser hung under a noun as a relative clause,
// is the main verb of its clause: it has a named subject of its own that opens the sentence or
// follows a comma ("After her meetings Thursday, Tymoshenko said Ukraine faces ..."), and a
// reported clause with a subject of its own. In a true relative clause the reported clause
// lacks what the noun stands for ("the plan X said would fail").
func (t *treeSent) misreadAsModifier(v int) bool {
	r := t.r
	s := t.child(v, "nsubj")
	if s < 0 || s > v || r.mention(s) == nil {
		return false
	}
	lo, _ := t.span(s, v)
	if lo != r.s.First && r.tok(lo-1) != "," {
		return false
	}
	for _, c := range t.children(v) {
		if t.rel(c) == "ccomp" && c > v && (t.child(c, "nsubj") >= 0 || t.child(c, "nsubj:pass") >= 0) {
			return true
		}
	}
	return false
}

// thatAfter: the words after "that" when "that" follows speech verb v over at most a few words
// of time or place ("said Tuesday that", "said in a statement that"), to the end of the
// sentence: at least three words with a finite verb among them.
func (t *treeSent) thatAfter(v int) (lo, hi int, ok bool) {
	r := t.r
	for k := v + 1; k < r.s.Last && k <= v+7; k++ {
		tk := r.d.Tokens[k]
		if strings.EqualFold(tk.Text, "that") {
			lo, hi = k+1, r.s.Last-1
			for hi > lo && isPunct(r.tok(hi)) {
				hi--
			}
			finite := false
			for i := lo; i <= hi; i++ {
				finite = finite || isFiniteVerb(r.d.Tokens[i].POS)
			}
			return lo, hi, finite && hi-lo >= 2
		}
		if strings.HasPrefix(tk.POS, "VB") || tk.POS == "MD" || isPunct(tk.Text) || r.mention(k) != nil && r.mention(k).Type != Date {
			break
		}
	}
	return 0, 0, false
}

// said records that each speaker that is a named actor said q, stated by verb v (verb as
// written), with the context of v's clause. The words said are a statement of their own, one
// per sentence, also when a pronoun names the speaker: it carries no attribution or source.
func (r *relater) said(t *treeSent, speakers []*Found, q string, conf float64, v int, verb string) {
	for _, sp := range speakers {
		if !isActor(sp) || sp.Entity == nil {
			continue
		}
		rel := Relation{Subject: sp.Entity.ID, Predicate: PredSaid, Value: q, Confidence: conf,
			Evidence: Span{r.s.Start, r.s.End}, Verb: verb}
		t.context(&rel, v)
		rel.AttributedTo, rel.Source = "", ""
		r.out = append(r.out, rel)
	}
}

// clauseBounds leaves out a leading "that" and punctuation, and trailing punctuation, of the
// tokens lo..hi.
func (r *relater) clauseBounds(lo, hi int) (int, int) {
	for lo < hi && (r.tok(lo) == "that" || isPunct(r.tok(lo))) {
		lo++
	}
	for hi > lo && isPunct(r.tok(hi)) {
		hi--
	}
	return lo, hi
}

// text is the article's text of tokens lo..hi.
func (r *relater) text(lo, hi int) string {
	return strings.TrimSpace(r.d.Text[r.d.Tokens[lo].Start:r.d.Tokens[hi].End])
}

// negOnlySpeech are verbs that state a statement only when negated: "has not responded", "did
// not answer questions" (a response is no statement of its own words).
var negOnlySpeech = setOf("respond", "answer", "reply")

// statingVerbs state their clause without being speech verbs of the vocabulary: with a clause of
// its own (a subject and a verb) what they govern is what was said.
var statingVerbs = setOf("warn", "complain", "recommend", "suggest", "reveal", "concede", "estimate", "propose")

// reportsClause: v governs a clause with a subject of its own.
func (t *treeSent) reportsClause(v int) bool {
	for _, c := range t.children(v) {
		if t.rel(c) == "ccomp" && c > v && (t.child(c, "nsubj") >= 0 || t.child(c, "nsubj:pass") >= 0) {
			return true
		}
	}
	return false
}

// contentFallback finds the clause a speech verb reports when the parser did not make it a
// ccomp: "said the two sides agreed ..." read as an object with a clause attached (obj + acl),
// "did not say when ..." as an adverbial clause. It returns the object (whose subtree is then
// the content) or the clause, or -1.
func (t *treeSent) contentFallback(v int) int {
	for _, c := range t.children(v) {
		if c < v {
			continue
		}
		switch t.rel(c) {
		case "obj":
			for _, a := range t.children(c) {
				if (t.rel(a) == "acl" || t.rel(a) == "acl:relcl") && isFiniteVerb(t.r.d.Tokens[a].POS) {
					return c
				}
			}
			if t.splitClause(v, c) >= 0 {
				return c // "He said his discussions ... covered X" read as said + obj and a conjunct
			}
			if clauseSpeech[t.r.d.tableLemma(v)] && t.holdsFiniteVerb(c) {
				return c // "says the only other countries ... are Sudan": a clause read as an object
			}
		case "xcomp", "parataxis", "dep":
			if isFiniteVerb(t.r.d.Tokens[c].POS) {
				return c // "says officials frisked ..." read as an xcomp
			}
		case "advcl":
			lo, _ := t.span(c, -1)
			switch strings.ToLower(t.r.tok(lo)) {
			case "when", "whether", "if", "how", "why", "what", "where", "who":
				return c
			}
		}
	}
	// "said earlier this week after meeting in Washington that they were close ...": a "that"
	// clause the parser hung lower under the verb
	for k := v + 1; k < t.r.s.Last && k < v+15; k++ {
		if t.rel(k) != "mark" || !strings.EqualFold(t.r.tok(k), "that") {
			continue
		}
		c := t.head(k)
		if c <= k || !t.under(c, v, 4) {
			break
		}
		return c
	}
	return -1
}

// splitClause: the conjunct of speech verb v that is the rest of a clause whose subject the
// parser made v's object o ("said [his discussions] ... [covered X]": a finite verb with no
// subject of its own after o), or -1.
func (t *treeSent) splitClause(v, o int) int {
	for _, c := range t.children(v) {
		if t.rel(c) == "conj" && c > o && isFiniteVerb(t.r.d.Tokens[c].POS) && t.child(c, "nsubj") < 0 && t.child(c, "cc") < 0 {
			return c
		}
	}
	return -1
}

// under: token k lies in v's subtree, at most depth steps below it.
func (t *treeSent) under(k, v, depth int) bool {
	for n := 0; n <= depth && k >= 0; n++ {
		k = t.head(k)
		if k == v {
			return true
		}
	}
	return false
}

// span is the first and last token of k's subtree, leaving out the branch that holds skip.
func (t *treeSent) span(k, skip int) (int, int) {
	lo, hi := k, k
	var walk func(int, int)
	walk = func(n, depth int) {
		if depth > 60 {
			return
		}
		if n < lo {
			lo = n
		}
		if n > hi {
			hi = n
		}
		for _, c := range t.children(n) {
			if c != skip {
				walk(c, depth+1)
			}
		}
	}
	walk(k, 0)
	return lo, hi
}

// treeTitles: "Gen. Joseph Votel, commander of U.S. Central Command": the person heads (or
// works for) what the title noun in apposition is of; "former"/"late" on the title.
func (r *relater) treeTitles(t *treeSent) {
	for p := r.s.First; p < r.s.Last; p++ {
		f := r.mention(p)
		if f != nil && f.Type == Organization {
			// "Opel, a subsidiary of General Motors"
			for _, n := range t.children(p) {
				if w := strings.ToLower(r.tok(n)); t.rel(n) == "appos" && (w == "subsidiary" || w == "unit" || w == "division") {
					for _, o := range t.children(n) {
						if t.rel(o) == "nmod" && t.caseOf(o) == "of" {
							for _, parent := range t.args(o) {
								r.treeTyped(t, f, "subsidiaryOf", parent, 0.8, n)
							}
						}
					}
				}
			}
		}
		if f != nil && (f.Type == Organization || f.Type == Country) {
			// "China, another permanent member of the U.N. Security Council"
			for _, n := range t.children(p) {
				if w := strings.ToLower(r.tok(n)); t.rel(n) == "appos" && (w == "member" || w == "signatory") {
					for _, o := range t.children(n) {
						if t.rel(o) == "nmod" && t.caseOf(o) == "of" {
							for _, body := range t.args(o) {
								if body.Type == Organization {
									r.treeTyped(t, f, PredMemberOf, body, 0.8, n)
								}
							}
						}
					}
				}
			}
		}
		if f == nil && (affiliationNouns[strings.ToLower(r.tok(p))] || titleNouns[strings.ToLower(r.tok(p))] || headingTitles[titleCase(strings.ToLower(r.tok(p)))]) {
			// "a Scientology attorney, Kendrick Moxon": the person in apposition to the noun
			for _, a := range t.children(p) {
				if pf := r.mention(a); t.rel(a) == "appos" && pf != nil && pf.Type == Person {
					r.affiliation(t, pf, p)
				}
			}
		}
		if f == nil || f.Type != Person {
			continue
		}
		if tk := r.d.Tokens[p]; tk.End <= f.Start || tk.Start >= f.End {
			// a title word of the person's phrase: "a Scientology attorney, Kendrick Moxon"
			if lw := strings.ToLower(tk.Text); f.TitleOf == nil && (affiliationNouns[lw] || titleNouns[lw]) {
				r.affiliation(t, f, p) // "Iraq's Shi'ite prime minister, Ibrahim al-Jaafari"
			}
			continue
		}
		for _, n := range t.children(p) {
			if t.rel(n) != "appos" || r.mention(n) != nil {
				continue
			}
			r.affiliation(t, f, n)
		}
	}
}

// treePreTitles: the title and the body or country before a person's name, in the name's own
// phrase ("Federal Reserve Chairman Ben Bernanke", "Iowa Governor Tom Vilsack", "Chief U.N. war
// crimes prosecutor Carla del Ponte", "Hamas prime minister-designate Ismail Haniyeh"): the
// person heads, works for or is a member of that body.
func (r *relater) treePreTitles(t *treeSent) {
	seen := map[*Found]bool{}
	for i := r.s.First; i < r.s.Last; i++ {
		f := r.mention(i)
		if f == nil || f.Type != Person || seen[f] || f.Entity == nil {
			continue
		}
		seen[f] = true
		if f.TitleOf != nil {
			continue // the mention stage read it already
		}
		h := r.headToken(f)
		first := r.d.TokenAt(f.Start)
		inPhrase := func(k int) bool { // k depends on the name within a few steps
			for n, j := 0, k; n < 4 && j >= 0; n++ {
				if j == h {
					return true
				}
				j = t.head(j)
			}
			// or a run of proper nouns runs up to the name, whatever the parser made of it
			// ("Iowa Governor Tom Vilsack" with "Iowa" read as the root)
			for j := k; j < first; j++ {
				if !strings.HasPrefix(r.d.Tokens[j].POS, "NNP") {
					return false
				}
			}
			return true
		}
		title, titleAt := "", -1
		var body *Found
		former, deputy := false, false
		for k := first - 1; k >= r.s.First && k >= first-8; k-- {
			w := r.tok(k)
			if w == "," || w == "(" || w == ")" || !inPhrase(k) {
				break
			}
			lw := strings.ToLower(w)
			if g := r.mention(k); g != nil && g != f {
				if body == nil && g.Entity != nil && isActor(g) || body == nil && g != nil && (g.Type == Place || g.Type == City) {
					body = g
				}
				continue
			}
			switch {
			case formerMarkers[lw]:
				former = true
			case lw == "deputy" || lw == "vice" || lw == "assistant" || lw == "acting":
				deputy = true
			case titleAt < 0 && (titleNouns[lw] || affiliationNouns[lw] || headingTitles[titleCase(lw)] || lw == "prime"):
				title, titleAt = lw, k
				if lw == "minister" && strings.EqualFold(r.tok(k-1), "prime") {
					title = "prime minister"
				}
			}
		}
		if body == nil || titleAt < 0 || body.Entity == nil || body.Entity == f.Entity {
			continue
		}
		if body.Kind == KindDemonym && body.Type != Country {
			continue
		}
		pred := PredWorksFor
		if headingTitles[titleCase(title)] && !deputy && !((title == "chief" || title == "head") && body.Type != Organization) {
			pred = PredHeads
		}
		if (body.Type == Place || body.Type == City) && pred != PredHeads {
			continue // "Iowa Governor" heads Iowa; a place employs no one
		}
		if body.Type == Organization && (title == "commander" || title == "member") && pred != PredHeads {
			pred = PredMemberOf
		}
		if rel := r.add(f, pred, body, 0.75, titleAt); rel != nil {
			rel.Date, rel.When, rel.Negated, rel.Modality, rel.AttributedTo = "", "", false, "", ""
			rel.Source = ""
			rel.Former = former
			rel.Verb = title
		}
	}
}

// opposingWords before a title make it one against those in power.
var opposingWords = setOf("opposition", "rebel", "rebels", "insurgent", "separatist", "dissident", "exiled", "exile")

// opposing: the title noun n is qualified as the opposition's ("opposition leader").
func (t *treeSent) opposing(n int) bool {
	for _, m := range t.children(n) {
		if rm := t.rel(m); (rm == "amod" || rm == "compound") && opposingWords[strings.ToLower(t.r.tok(m))] {
			return true
		}
	}
	return false
}

// affiliation: person f and the title or affiliation noun n in apposition ("X, commander of
// Y", "X, a Scientology attorney"): f heads, works for or is a member of what n is of.
func (r *relater) affiliation(t *treeSent, f *Found, n int) {
	w := strings.ToLower(r.tok(n))
	if !titleNouns[w] && !personNouns[w] && !affiliationNouns[w] && w != "commander" && w != "head" && w != "chief" {
		return
	}
	for _, o := range t.children(n) {
		switch t.rel(o) {
		case "nmod":
			if c := t.caseOf(o); c != "of" && c != "at" && c != "for" {
				continue
			}
		case "compound", "nmod:poss":
			// "Kendrick Moxon, a Scientology attorney"
		default:
			continue
		}
		for _, org := range t.args(o) {
			if org.Type == Country && t.opposing(n) {
				continue // "Uganda's main opposition leader Kizza Besigye" leads no country
			}
			// "Ankara's mayor, Melih Gokcek": a city or a region has its head too
			place := (org.Type == City || org.Type == Place) && (w == "mayor" || w == "governor")
			if org.Type != Organization && org.Type != Country && !place {
				continue
			}
			title := w
			for _, m := range t.children(n) {
				if rm := t.rel(m); (rm == "amod" || rm == "compound") && m == n-1 {
					title = strings.ToLower(r.tok(m)) + " " + w // "prime minister"
				}
			}
			pred := PredWorksFor
			lead := title != w && !strings.HasPrefix(title, "deputy ") && !strings.HasPrefix(title, "vice ") && !strings.HasPrefix(title, "assistant ") && headingTitles[titleCase(w)]
			if t.headsAPart(n) {
				// "China's head of Olympic security": the head of a part works for the whole
			} else if headingTitles[titleCase(title)] || lead || w == "commander" {
				pred = PredHeads
			} else if w == "member" {
				pred = PredMemberOf
			}
			if rel := r.add(f, pred, org, 0.8, n); rel != nil {
				rel.Date, rel.When, rel.Negated, rel.Modality, rel.AttributedTo = "", "", false, "", ""
				rel.Source = ""
				if a := t.child(n, "amod"); a >= 0 {
					if l := strings.ToLower(r.tok(a)); formerMarkers[l] {
						rel.Former = true
					}
				}
			}
		}
	}
}

// responsibleFor: who is responsible for the event noun n, or claimed responsibility for it
// ("Islamic Jihad has been responsible for suicide bombings and other attacks in Israel").
func (t *treeSent) responsibleFor(n int) []*Found {
	for t.rel(n) == "conj" && t.head(n) >= 0 {
		n = t.head(n)
	}
	h := t.head(n)
	if h < 0 || t.caseOf(n) != "for" {
		return nil
	}
	switch t.lemma(h) {
	case "responsible":
		if s := t.child(h, "nsubj"); s >= 0 {
			return t.args(s)
		}
	case "responsibility":
		if g := t.head(h); g >= 0 && t.rel(h) == "obj" {
			a, _ := t.clauseArgs(g, 0)
			return a
		}
	}
	return nil
}

// headsAPart: the title noun at n heads something its "of" names with a common noun, a part
// of the body ("head of Olympic security", "chief of communications").
func (t *treeSent) headsAPart(n int) bool {
	for _, o := range t.children(n) {
		if t.rel(o) == "nmod" && t.caseOf(o) == "of" && t.r.mention(o) == nil && strings.HasPrefix(t.r.d.Tokens[o].POS, "NN") && !strings.HasPrefix(t.r.d.Tokens[o].POS, "NNP") {
			return true
		}
	}
	return false
}

// titleCase: "prime minister" -> "Prime Minister".
func titleCase(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(f, " ")
}

// retypeTeams: a place that beats or draws with another is a team ("Porto beat Benfica 2-1"):
// an organisation, and no longer contained in a country.
func retypeTeams(d *Document, teams []*Found) {
	re := map[*Entity]bool{}
	for _, f := range teams {
		if f.Entity != nil && (f.Entity.Type == City || f.Entity.Type == Place) {
			f.Entity.Type = Organization
			re[f.Entity] = true
		}
	}
	if len(re) == 0 {
		return
	}
	byID := map[string]bool{}
	for e := range re {
		byID[e.ID] = true
	}
	out := d.Relations[:0]
	for _, r := range d.Relations {
		if r.Predicate == PredContainedIn && (byID[r.Subject] || byID[r.Object]) {
			continue
		}
		out = append(out, r)
	}
	d.Relations = out
}

// quotedAs: v is "saying" of "quote X as saying", "cite X as saying": the object of the
// governing verb is the one who says it.
func (t *treeSent) quotedAs(v int) bool {
	h, m := t.head(v), t.child(v, "mark")
	if h < 0 || m < 0 || !strings.EqualFold(t.r.tok(m), "as") || t.child(v, "nsubj") >= 0 || t.object(h) < 0 {
		return false
	}
	switch t.lemma(h) {
	case "quote", "cite":
		return true
	}
	return false
}

// carryVerbs take a side past its opponent: "scored twice to lead Sweden past Kazakhstan".
var carryVerbs = setOf("lead", "lift", "carry", "propel", "power", "send", "fire", "guide", "help", "push", "steer")

// treeCarriedPast reads "X led Sweden past Kazakhstan": Sweden beat Kazakhstan, and X, a
// person, plays for Sweden. It reports whether v was read so (no other relation of v then:
// leading a side past another is no heading of it).
func (r *relater) treeCarriedPast(t *treeSent, v int, lemma string) bool {
	if !carryVerbs[lemma] {
		return false
	}
	side := t.args(t.object(v))
	var beaten []*Found
	for _, c := range t.children(v) {
		if (t.rel(c) == "obl" || t.rel(c) == "advmod") && (t.caseOf(c) == "past" || t.caseOf(c) == "over") {
			beaten = append(beaten, t.args(c)...)
		}
	}
	if len(side) == 0 || len(beaten) == 0 {
		return false
	}
	for _, s := range side {
		for _, o := range beaten {
			r.treeTyped(t, s, "beat", o, 0.75, v)
		}
	}
	agents, _ := t.clauseArgs(v, 0)
	for _, a := range agents {
		if a.Type == Person {
			for _, s := range side {
				r.treeTyped(t, a, "playsFor", s, 0.7, v)
			}
		}
	}
	return true
}

// modalAdjectives make a nominal event a possibility: "possible sanctions", "planned talks".
var modalAdjectives = setOf("possible", "planned", "proposed", "potential", "expected", "scheduled",
	"suspected", "alleged", "prospective", "upcoming", "future", "threatened", "intended")

// supportVerbs carry out the event their object names ("hold talks", "impose sanctions",
// "pay a visit"): their modality and negation are the event's.
var supportVerbs = setOf("hold", "seek", "impose", "make", "pay", "launch", "conduct", "stage",
	"mount", "begin", "start", "resume", "have", "carry", "give", "sign", "reach", "open")

// nominalContext: a nominal event ("sanctions", "talks", "visit") takes its modality and
// negation from its own modifiers ("possible sanctions") and else from the support verb whose
// argument it is ("will seek new sanctions", "was to hold talks", "did not impose sanctions").
func (t *treeSent) nominalContext(rel *Relation, v int) {
	r := t.r
	if rel.Modality == "" {
		for _, c := range t.children(v) {
			if w := strings.ToLower(r.tok(c)); t.rel(c) == "amod" && modalAdjectives[w] {
				rel.Modality = w
			}
		}
	}
	h := t.head(v)
	if h < 0 || r.d.Tokens[h].UPOS != "VERB" || !supportVerbs[t.lemma(h)] {
		return // "will examine Israel's offensive": the examining is to come, not the offensive
	}
	switch t.rel(v) {
	case "obj", "obl", "nsubj:pass":
	default:
		return
	}
	var gov Relation
	gov.Predicate = rel.Predicate
	t.context(&gov, h)
	if rel.Modality == "" && gov.Modality != "" {
		rel.Modality = gov.Modality
	}
	if !rel.Negated && gov.Negated {
		rel.Negated = true
	}
}

// sourceNouns are the unnamed sources news attributes claims to ("officials say ...").
var sourceNouns = setOf("officials", "official", "police", "witnesses", "witness", "authorities",
	"media", "reports", "report", "sources", "source", "spokesman", "spokeswoman", "spokesperson",
	"analysts", "experts", "diplomats", "diplomat", "prosecutors", "investigators", "residents",
	"doctors", "aides", "lawmakers", "insurgents", "militants", "rebels", "activists", "agency",
	"television", "radio", "newspaper", "statement", "military", "army", "government", "ministry")

// sourcePairs keep their modifier: "state media", "news reports".
var sourcePairs = setOf("state media", "local media", "news reports", "media reports", "state television",
	"state radio", "news agency", "security officials", "military officials", "health officials",
	"news agency reports", "hospital officials", "police officials")

// sourceName is the unnamed source that token k names ("officials", "state media"), or "".
func (t *treeSent) sourceName(k int) string {
	r := t.r
	w := strings.ToLower(r.tok(k))
	if !sourceNouns[w] || r.mention(k) != nil {
		return ""
	}
	for _, c := range t.children(k) {
		if rc := t.rel(c); rc == "amod" || rc == "compound" {
			if p := strings.ToLower(r.tok(c)) + " " + w; sourcePairs[p] {
				return p
			}
		}
	}
	return w
}

// restIsClause: speech verb v is the sentence's main verb, with its speaker before it, and the
// words after it (from a second subject the parser gave it, or a conjunct it made of the
// clause) run to the end of the sentence with a finite verb among them: the span of those
// words, without a leading "that" and the final punctuation.
func (t *treeSent) restIsClause(v int) (lo, hi int, ok bool) {
	r := t.r
	if t.rel(v) != "root" || !t.subjectBefore(v) {
		return 0, 0, false
	}
	misread := false
	for _, c := range t.children(v) {
		if rc := t.rel(c); c > v && (rc == "nsubj" || rc == "nsubj:pass" || rc == "conj" || rc == "ccomp") {
			misread = true
		}
	}
	if !misread {
		return 0, 0, false
	}
	lo, hi = v+1, r.s.Last-1
	lo, hi = r.clauseBounds(lo, hi)
	finite := false
	for k := lo; k <= hi; k++ {
		finite = finite || isFiniteVerb(r.d.Tokens[k].POS)
	}
	return lo, hi, finite && hi-lo >= 3
}

// traveller is who makes the visit, trip or tour n when no possessor names it: "X led a
// delegation on a visit to Iran", "X is on a visit to Iran" (the subject of the clause that is
// on it), "During his visit to Spain, Mr. Hu met ..." (the person "his" refers to: the
// sentence's subject when a person, else the last person named).
func (t *treeSent) traveller(n int) []*Found {
	r := t.r
	if t.caseOf(n) == "on" {
		if h := t.head(n); h >= 0 && t.rel(n) == "obl" && strings.HasPrefix(r.d.Tokens[h].POS, "VB") {
			a, _ := t.clauseArgs(h, 0)
			return a
		}
	}
	if t.child(n, "cop") >= 0 {
		return t.args(t.child(n, "nsubj"))
	}
	p := t.child(n, "nmod:poss")
	if w := strings.ToLower(r.tok(p)); p < 0 || w != "his" && w != "her" {
		return nil
	}
	for k := r.s.First; k < r.s.Last; k++ {
		if t.rel(k) == "root" {
			if a := t.args(t.child(k, "nsubj")); len(a) > 0 && a[0].Type == Person {
				return a[:1]
			}
		}
	}
	if f := r.lastPerson(p); f != nil {
		return []*Found{f}
	}
	return nil
}

// resultWords and a score mark a sentence that reports a match or a race.
// (Besides resolve.go's sportsWords.)
var resultWords = setOf("sets", "set", "seed", "seeded", "final", "finals", "semifinals",
	"quarterfinals", "round", "title", "race")

// sportsSentence: the sentence reports a match or a race, where "ousted" is a win, not a dismissal.
func (r *relater) sportsSentence() bool {
	for k := r.s.First; k < r.s.Last; k++ {
		if w := strings.ToLower(r.tok(k)); resultWords[w] || sportsWords[w] || scoreAt(r.d.Tokens, k) {
			return true
		}
	}
	return false
}

// treeIsIn: "Iraq's Prime Minister Ibrahim al-Jaafari is in Turkey for talks", "a U.N.
// delegation is in Haiti": a person or a body that is in a country or a city is visiting it.
func (r *relater) treeIsIn(t *treeSent) {
	for k := r.s.First; k < r.s.Last; k++ {
		p := r.mention(k)
		if p == nil || p.Type != Country && p.Type != City || t.caseOf(k) != "in" || r.mentionEnd(k) <= k {
			continue
		}
		cop := t.child(k, "cop")
		if cop < 0 || r.d.tableLemma(cop) != "be" {
			continue
		}
		switch t.rel(k) {
		case "root", "conj", "ccomp":
		default:
			continue
		}
		for _, s := range t.args(t.child(k, "nsubj")) {
			if s.Type == Person || s.Type == Organization {
				r.treeTyped(t, s, PredVisited, p, 0.7, k)
			}
		}
	}
}

// forceNouns are a country's or a body's forces abroad.
var forceNouns = setOf("troops", "forces", "soldiers", "peacekeepers", "contingent", "peacekeeping", "personnel", "marines")

// sendVerbs put forces in a place named by "to" or "in"; withdrawVerbs take them from one.
var sendVerbs = setOf("send", "deploy", "dispatch", "station", "keep", "base")
var withdrawVerbs = setOf("withdraw", "pull", "remove")

// treeForcesIn reads "sending Macedonian troops to Iraq", "Italy's troops ... withdrawn from
// Afghanistan", "African Union peacekeeping forces in Darfur": the country or body whose forces
// are in a place takes part in missions there (participatedIn, docs/annotation.md).
func (r *relater) treeForcesIn(t *treeSent) {
	for k := r.s.First; k < r.s.Last; k++ {
		if !forceNouns[strings.ToLower(r.tok(k))] || r.mention(k) != nil {
			continue
		}
		var owner *Found
		for _, c := range t.children(k) {
			switch t.rel(c) {
			case "amod", "compound", "nmod:poss":
				if f := r.mention(c); f != nil && f.Entity != nil && (f.Type == Country || f.Type == Organization) {
					owner = f
				}
			}
		}
		if owner == nil {
			continue
		}
		var places []*Found
		addPlaces := func(n int, cases ...string) {
			for _, c := range t.children(n) {
				if t.rel(c) != "nmod" && t.rel(c) != "obl" {
					continue
				}
				if inList(t.caseOf(c), cases) {
					for _, p := range t.args(c) {
						if isPlaceType(p.Type) {
							places = append(places, p)
						}
					}
				}
			}
		}
		addPlaces(k, "in", "to")
		if h := t.head(k); h >= 0 {
			switch l := t.lemma(h); {
			case sendVerbs[l] && (t.rel(k) == "obj" || t.rel(k) == "nsubj:pass"):
				addPlaces(h, "to", "in")
			case withdrawVerbs[l] && (t.rel(k) == "obj" || t.rel(k) == "nsubj:pass"):
				addPlaces(h, "from")
			}
		}
		for _, p := range places {
			if rel := r.addTree(t, owner, "participatedIn", p, 0.7, k); rel != nil {
				rel.Negated = false // "were not withdrawn": still there
			}
		}
	}
}

// memberNouns are the members of an organisation named beside them ("Taleban fighters",
// "members of Scientology").
var memberNouns = setOf("fighters", "militants", "members", "member", "leaders", "commanders",
	"insurgents", "rebels", "guerrillas", "activists", "officials", "figures")

// treeMembersIncluding reads "Taleban fighters, including local commander Mullah Janan",
// "former members of Scientology, including Tiziano Lugli": the people the group includes are
// members of the organisation it is named after (former members: formerly).
func (r *relater) treeMembersIncluding(t *treeSent) {
	for g := r.s.First; g < r.s.Last; g++ {
		if !memberNouns[strings.ToLower(r.tok(g))] || r.mention(g) != nil {
			continue
		}
		var org *Found
		former := false
		for _, c := range t.children(g) {
			f := r.mention(c)
			switch rc := t.rel(c); {
			case f != nil && f.Entity != nil && f.Type == Organization && f.Kind != KindDemonym &&
				(rc == "compound" || rc == "amod" || rc == "nmod:poss" || rc == "nmod" && t.caseOf(c) == "of"):
				org = f
			case rc == "amod" && formerMarkers[strings.ToLower(r.tok(c))]:
				former = true
			}
		}
		if org == nil {
			continue
		}
		var people []*Found
		for _, c := range t.children(g) {
			switch {
			case (t.rel(c) == "nmod" || t.rel(c) == "obl") && t.caseOf(c) == "including":
				people = append(people, t.args(c)...)
			case t.rel(c) == "acl" && strings.EqualFold(r.tok(c), "including"):
				if o := t.child(c, "obj"); o >= 0 {
					people = append(people, t.args(o)...)
				}
			}
		}
		for _, p := range people {
			if p.Type != Person {
				continue
			}
			if rel := r.addTree(t, p, PredMemberOf, org, 0.75, g); rel != nil {
				rel.Date, rel.When, rel.Negated, rel.Modality, rel.AttributedTo = "", "", false, "", ""
				rel.Source = ""
				rel.Former = former
			}
		}
	}
}
