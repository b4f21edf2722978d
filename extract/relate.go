package extract

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
)

// Relater finds who did what to whom. Verbs, their subjects and objects, speech and its
// speaker, titles in apposition and the context of each relation (negation, modality,
// attribution, the clause's own date) are read from each sentence's dependency tree (tree.go,
// from the Parser stage), the verbs mapped to predicates by the one vocabulary table
// (schema/vocab). Patterns over the tokens with their entity mentions still give what the tree
// does not: nominalizations ("the reception of X by Y", "X's visit to Y", "talks between X and
// Y"), titles (positions), national bodies (part of), places in countries, datelines (located
// in), membership. Each relation carries its evidence sentence and confidence.
type Relater struct{}

// Predicates the extractor's own patterns name. Every predicate, with its IRI and the verbs that
// state it, is a row of the vocabulary table, schema/vocab.
const (
	PredReceived       = "received"
	PredMet            = "met"
	PredVisited        = "visited"
	PredHeldTalksWith  = "heldTalksWith"
	PredCalled         = "called"
	PredDiscussed      = "discussed"
	PredWorksFor       = "worksFor"
	PredHeads          = "heads"
	PredMemberOf       = "memberOf"
	PredJoined         = "joined"
	PredPartOf         = "partOf"
	PredContainedIn    = "containedInPlace"
	PredHeadquartered  = "headquarteredIn"
	PredAlliedWith     = "alliedWith"
	PredCooperatesWith = "cooperatesWith"
	PredParticipatedIn = "participatedIn"
	PredSigned         = "signed"
	PredAgreedWith     = "agreedWith"
	PredAttacked       = "attacked"
	PredFoughtAgainst  = "foughtAgainst"
	PredKilled         = "killed"
	PredArrested       = "arrested"
	PredAccused        = "accused"
	PredThreatened     = "threatened"
	PredCondemned      = "condemned"
	PredSanctioned     = "sanctioned"
	PredSaid           = "said"
	PredPraised        = "praised"
	PredCriticised     = "criticised"
	PredSupported      = "supported"
	PredRelated        = "related" // a verb outside the vocabulary; Relation.Verb says which
)

// headingTitles make their holder the head of the organisation or country.
var headingTitles = setOf("President", "Prime Minister", "King", "Queen", "Secretary General",
	"Secretary-General", "Chairman", "Chairwoman", "Chair", "Director", "Director General",
	"Chief Executive", "CEO", "Premier", "Chancellor", "Emir", "Sultan", "Governor", "Mayor",
	"Leader", "Head", "Speaker", "President-elect", "President-designate", "Prime Minister-designate", "Supreme Leader", "Commander", "Chief")

var auxiliaries = setOf("was", "were", "is", "are", "been", "being", "be", "has", "have", "had")
var negations = setOf("not", "n't", "never", "no", "neither", "nor")
var modals = setOf("may", "might", "could", "would", "will", "should", "shall", "can", "must")
var modalPhrases = setOf("plans", "planned", "plan", "expected", "hopes", "hoped", "intends",
	"intended", "wants", "wanted", "due", "set", "scheduled", "seeks", "sought", "proposed", "threatens", "vowed", "vows")
var deniers = setOf("denied", "denies", "deny", "refused", "refuses", "rejected")
var speechVerbs = setOf("said", "says", "say", "told", "stated", "states", "announced",
	"declared", "added", "noted", "stressed", "reported", "reports", "claimed", "claims")
var prepositions = setOf("in", "of", "with", "to", "by", "through", "between", "for", "from",
	"on", "at", "during", "into", "among", "against", "under", "over", "about", "within")

type relater struct {
	d     *Document
	x     *relIndex
	si    int // the sentence's index
	s     Sentence
	at    []*Found // per token of the sentence: the mention covering it (longest)
	topic *Found   // the sentence's actor, for nominalizations with no agent
	out   []Relation
	// speakers: the first two tokens at which speaker finds someone, and whom; found once
	// per sentence, as speaker is asked for every relation.
	speakers []speakerAt
	spoken   bool
	teams    []*Found  // ends of "beat" and "drew with": teams, not places
	tree     *treeSent // the sentence's tree, when it was parsed
}

type speakerAt struct {
	k int
	f *Found
}

// Process fills d.Relations.
func (Relater) Process(d *Document) {
	var topic *Found
	var teams []*Found
	x := newRelIndex(d)
	for si, s := range d.Sentences {
		r := &relater{d: d, x: x, si: si, s: s, at: make([]*Found, s.Last-s.First)}
		for _, f := range x.touching[si] {
			sp := contextOf(f)
			for i := d.TokenAt(sp.Start); i < s.Last && d.Tokens[i].Start < sp.End; i++ {
				if i < s.First {
					continue
				}
				cur := r.at[i-s.First]
				if cur == nil || spanLen(contextOf(cur)) < spanLen(sp) {
					r.at[i-s.First] = f
				}
			}
		}
		if t := r.sentenceTopic(); t != nil {
			topic = t
		}
		r.topic = topic
		r.structural(si)
		if d.Parsed && s.Last > s.First && d.Tokens[s.First].Rel != "" {
			// verbs, their arguments and speech, read from the dependency tree (tree.go)
			t := r.buildTree()
			r.tree = t
			r.treeTitles(t)
			r.treePreTitles(t)
			r.treeVerbs(t)
			r.treeAccording(t)
			r.treeQuotedAs(t)
			r.treeNominals(t)
			r.treeDoerNouns(t)
			r.treeHyphenDeeds(t)
			r.treeForcesIn(t)
			r.treeIsIn(t)
			r.treeAffiliations(t)
			r.bareTitles(t)
			r.treeResignations(t)
			r.treeOtherMembers(t)
			r.treeMembersSaid(t)
			r.treeTeamOf(t)
			r.treePlaces(t)
			r.treeMembersIncluding(t)
			r.treeChampions(t)
			r.treeSeats(t)
			r.treeHomes(t)
			r.treeTours(t)
			r.treeOwnParties(t)
			r.treeDeaths(t)
			r.treeBirthplaces(t)
		}
		r.results()
		r.nominals()
		r.pairs()
		r.membership()

		r.basedIn()
		r.ownBusinesses()
		if r.tree != nil {
			r.treePaths(r.tree)
		}
		d.Relations = append(d.Relations, r.out...)
		teams = append(teams, r.teams...)
	}
	retypeTeams(d, teams)
	d.Relations = append(d.Relations, joinedBySigning(d)...)
	for i := range d.Relations {
		// where a place lies and what a body belongs to is no event of the clause: no modality,
		// negation, attribution or date of the verb near it ("closed due to fog")
		if r := &d.Relations[i]; r.Predicate == PredContainedIn || r.Predicate == PredPartOf {
			r.Modality, r.Negated, r.AttributedTo, r.Date, r.When = "", false, "", "", ""
			r.Source = ""
		}
	}
	seatsNotParts(d)
	nationalTeamRoles(d)
	d.Relations = dedupeRelations(d.Relations)
	d.publisher()
}

// nationalTeamRoles: a person of a national team (nationalTeams names them) plays for it, or
// coaches it, rather than working for or leading it; that the team is its country's is in its
// name and its Of, not a partOf fact the article states.
func nationalTeamRoles(d *Document) {
	team := map[string]bool{}
	for _, e := range d.Entities {
		if e.Type == Organization && strings.HasSuffix(e.Name, " national team") {
			team[e.ID] = true
		}
	}
	if len(team) == 0 {
		return
	}
	out := d.Relations[:0]
	for _, r := range d.Relations {
		if team[r.Subject] && r.Predicate == PredPartOf {
			continue
		}
		if team[r.Subject] && team[r.Object] && (r.Predicate == PredReceived || r.Predicate == PredVisited || r.Predicate == PredMet) {
			continue // "Niger hosts Sierra Leone": a match, no diplomacy
		}
		if team[r.Object] {
			switch r.Predicate {
			case PredWorksFor, PredMemberOf:
				if !teamGameIn(d, r.Evidence) {
					continue // "Belgium's Kristof Vliegen" in a tennis report is only Belgian
				}
				r.Predicate = "playsFor"
			case PredHeads:
				r.Predicate = "coaches"
			}
		}
		out = append(out, r)
	}
	d.Relations = out
}

// teamGameIn: the text of span reports a team game (teamGameWords).
func teamGameIn(d *Document, sp Span) bool {
	for k := d.TokenAt(sp.Start); k < len(d.Tokens) && d.Tokens[k].Start < sp.End; k++ {
		if teamGameWords[strings.ToLower(d.Tokens[k].Text)] {
			return true
		}
	}
	return false
}

// joinedBySigning: a country whose leader signs an organisation's framework document or charter
// joins the organisation on that day ("May 4, 1994, with late President Heydar Aliyev's signing
// of the Partnership for Peace (PfP) Framework Document": Azerbaijan joined PfP in 1994).
func joinedBySigning(d *Document) []Relation {
	byID := map[string]*Entity{}
	for _, e := range d.Entities {
		byID[e.ID] = e
	}
	var out []Relation
	for _, r := range d.Relations {
		a := byID[r.Object]
		if r.Predicate != PredSigned || r.Negated || r.Modality != "" || a == nil || a.Type != Agreement {
			continue
		}
		if !strings.Contains(a.Name, "Framework") && !strings.HasSuffix(a.Name, "Charter") && !strings.Contains(a.Name, "Accession") {
			continue
		}
		var org *Entity
		for _, e := range d.Entities {
			if e.Type == Organization && strings.HasPrefix(a.Name, e.Name+" ") && (org == nil || len(e.Name) > len(org.Name)) {
				org = e
			}
		}
		signer := byID[r.Subject]
		if org == nil || signer == nil {
			continue
		}
		country := ""
		switch signer.Type {
		case Country:
			country = signer.ID
		case Person:
			for _, h := range d.Relations {
				if h.Subject == signer.ID && h.Predicate == PredHeads && byID[h.Object] != nil && byID[h.Object].Type == Country {
					country = h.Object
				}
			}
		}
		if country == "" {
			continue
		}
		j := r
		j.Subject, j.Predicate, j.Object, j.Verb, j.Confidence, j.Former = country, PredJoined, org.ID, "signing", r.Confidence*0.9, false
		out = append(out, j)
	}
	return out
}

// tableVerb: token i is a verb the vocabulary lists (windows stop at one).
func (r *relater) tableVerb(i int) bool {
	if i < r.s.First || i >= r.s.Last || !strings.HasPrefix(r.d.Tokens[i].POS, "VB") {
		return false
	}
	l := r.d.tableLemma(i)
	return verbPred[l] != "" || len(verbPreps[l]) > 0
}

func spanLen(s Span) int { return s.End - s.Start }

// contextOf is the stretch of text a mention stands for in a clause: the whole title phrase of
// a titled person ("Azerbaijan's Foreign Minister Jeyhun Bayramov"), the whole name of a national
// body ("Russia's Space Forces").
func contextOf(f *Found) Span {
	if f.Type == Person && (f.Title != "" || f.TitleOf != nil) || f.Type == Organization && f.Of != nil && f.Kind == KindName {
		return f.Context
	}
	return f.Span
}

func (r *relater) tok(i int) string {
	if i < r.s.First || i >= r.s.Last {
		return ""
	}
	return r.d.Tokens[i].Text
}

func (r *relater) mention(i int) *Found {
	if i < r.s.First || i >= r.s.Last {
		return nil
	}
	return r.at[i-r.s.First]
}

// mentionEnd returns the token after the mention that covers token i, and after the acronym
// in brackets that may follow it ("the Euro-Atlantic Partnership Council (EAPC)").
func (r *relater) mentionEnd(i int) int {
	f := r.mention(i)
	for i < r.s.Last && r.mention(i) == f {
		i++
	}
	if r.tok(i) == "(" && r.tok(i+2) == ")" {
		if a := r.mention(i + 1); a != nil && a.Entity == f.Entity {
			i += 3
		}
	}
	return i
}

func (r *relater) mentionStart(i int) int {
	f := r.mention(i)
	for i > r.s.First && r.mention(i-1) == f {
		i--
	}
	return i
}

// after finds the entity mentions that start within a few tokens after token i (skipping
// determiners, adjectives and the like) and any that are coordinated with it ("X and Y").
func (r *relater) after(i int, maxSkip int) ([]*Found, int) {
	skipped := 0
	for i < r.s.Last && r.mention(i) == nil {
		w := r.tok(i)
		det := strings.ToLower(r.tok(i - 1))
		isVerb := r.tableVerb(i) && det != "a" && det != "an" && det != "the"
		if w == "." || w == ";" || w == ":" || w == "," || isVerb || skipped >= maxSkip {
			return nil, i
		}
		skipped++
		i++
	}
	if i >= r.s.Last {
		return nil, i
	}
	list := []*Found{r.mention(i)}
	end := r.mentionEnd(i)
	for {
		j := end
		if r.tok(j) == "," && r.mention(j+1) != nil {
			j++
		} else if r.tok(j) == "and" || r.tok(j) == "or" || (r.tok(j) == "," && r.tok(j+1) == "and") {
			if r.tok(j) == "," {
				j++
			}
			j++
			if r.tok(j) == "the" {
				j++
			}
		} else {
			break
		}
		if r.mention(j) == nil {
			break
		}
		list = append(list, r.mention(j))
		end = r.mentionEnd(j)
	}
	return list, end
}

// before finds the entity mention that ends within a few tokens before token i, with the ones
// coordinated with it, reading past an apposition ("X, the foreign minister of Y, met Z").
func (r *relater) before(i int, maxSkip int) []*Found {
	j := i - 1
	skipped := 0
	for j >= r.s.First && r.mention(j) == nil {
		w := r.tok(j)
		if w == "." || w == ";" || w == ":" || r.tableVerb(j) || skipped >= maxSkip {
			return nil
		}
		if w == "," {
			// An apposition: ", the ... of Y," — look past it to the mention before its comma.
			k := j - 1
			for k > r.s.First && r.tok(k) != "," && j-k < 12 {
				k--
			}
			if r.tok(k) == "," && r.mention(k-1) != nil {
				j = k - 1
				break
			}
			return nil
		}
		skipped++
		j--
	}
	if j < r.s.First {
		return nil
	}
	// "the European Union (EU) agree": the long name before its acronym in brackets.
	if r.tok(j+1) == ")" && r.tok(j-1) == "(" && r.mention(j-2) != nil && r.mention(j-2).Entity == r.mention(j).Entity {
		j -= 2
	}
	// "the Y's Z" — the mention must not itself be the possessor of a noun phrase further on.
	list := []*Found{r.mention(j)}
	start := r.mentionStart(j)
	and := false
	for {
		k := start - 1
		if r.tok(k) == "the" {
			k--
		}
		if r.tok(k) == "and" || r.tok(k) == "," {
			and = and || r.tok(k) == "and"
			k--
		} else {
			break
		}
		if r.mention(k) == nil {
			break
		}
		list = append([]*Found{r.mention(k)}, list...)
		start = r.mentionStart(k)
	}
	if !and {
		// names joined by commas only are no list: "Before leaving Pakistan, Mr. Kharrazi held
		// talks", "Under Saddam Hussein, Iraq fought"
		return list[len(list)-1:]
	}
	return list
}

// sentenceTopic is the actor in subject position: the first person, organisation or country
// named before the sentence's first finite verb and not inside a prepositional phrase.
func (r *relater) sentenceTopic() *Found {
	for i := r.s.First; i < r.s.Last; i++ {
		if isFiniteVerb(r.d.Tokens[i].POS) && r.mention(i) == nil {
			return nil
		}
		f := r.mention(i)
		if f == nil {
			continue
		}
		if prepositions[strings.ToLower(r.tok(i-1))] || !isActor(f) {
			i = r.mentionEnd(i) - 1
			continue
		}
		return f
	}
	return nil
}

func isActor(f *Found) bool {
	return f != nil && (f.Type == Person || f.Type == Organization || f.Type == Country || isCapital(f))
}

// isCapital: a capital city stands for its government in the news ("Tehran", "Ankara signed").
func isCapital(f *Found) bool {
	if f.Type != City || f.Gaz == nil || f.Gaz.Country == "" {
		return false
	}
	c := gazetteer.Default().ByID(f.Gaz.Country)
	return c != nil && c.Capital == f.Gaz.ID
}

// add records a relation between the entities of two mentions, with the sentence as evidence.
func (r *relater) add(subj *Found, pred string, obj *Found, conf float64, trigger int) *Relation {
	if subj == nil || obj == nil || subj.Entity == nil || obj.Entity == nil || subj.Entity == obj.Entity {
		return nil
	}
	rel := Relation{Subject: subj.Entity.ID, Predicate: pred, Object: obj.Entity.ID,
		Confidence: conf, Evidence: Span{r.s.Start, r.s.End}, Verb: r.tok(trigger)}
	// An actor carried over from an earlier sentence makes the evidence start there.
	for _, f := range []*Found{subj, obj} {
		if f.Start < rel.Evidence.Start {
			rel.Evidence.Start = r.d.sentenceSpan(f.Start).Start
		}
	}
	r.qualify(&rel, trigger)
	r.out = append(r.out, rel)
	return &r.out[len(r.out)-1]
}

// qualify sets the relation's date, negation, modality and attribution from its sentence.
func (r *relater) qualify(rel *Relation, trigger int) {
	rel.Date = r.dateNear(trigger)
	if t := r.tree; t != nil && trigger >= r.s.First && trigger < r.s.Last {
		rel.When = t.whenOf(trigger) // the trigger's own time ("his visit to Germany last week")
		if h := t.head(trigger); h >= 0 && t.rel(trigger) == "obj" && cancelVerbs[r.d.tableLemma(h)] {
			rel.Negated = true // "canceled his trip to Y"
		}
		if r.d.Tokens[trigger].UPOS == "NOUN" && !structural[rel.Predicate] {
			t.nominalContext(rel, trigger) // "possible sanctions", "was to hold talks"
		}
	}
	if rel.Date == "" && eventLike[rel.Predicate] && r.d.Dateline != nil {
		rel.Date = r.d.Dateline.Date
	}
	for k := trigger - 1; k >= r.s.First && k >= trigger-4; k-- {
		w := strings.ToLower(r.tok(k))
		switch {
		case negations[w]:
			rel.Negated = true
		case deniers[w]:
			rel.Negated = true
		case modals[w] && rel.Modality == "":
			rel.Modality = w
		case (w == "to") && modalPhrases[strings.ToLower(r.tok(k-1))] && rel.Modality == "":
			rel.Modality = strings.ToLower(r.tok(k - 1))
		}
		if r.mention(k) != nil {
			break
		}
	}
	if rel.Negated || rel.Modality != "" {
		rel.Confidence *= 0.9
	}
	if sp := r.speaker(trigger); sp != nil && sp.Entity != nil && sp.Entity.ID != rel.Subject {
		rel.AttributedTo = sp.Entity.ID
	} else if t := r.tree; t != nil && rel.AttributedTo == "" && trigger >= r.s.First && trigger < r.s.Last {
		_, rel.Source = t.reporter(trigger)
	}
}

// dateNear is the date mentioned nearest to token i in the same clause.
func (r *relater) dateNear(i int) string {
	best, dist := "", 1<<30
	for _, f := range r.x.within[r.si] {
		if f.Type != Date {
			continue
		}
		k := r.d.TokenAt(f.Start)
		lo, hi := k, i
		if lo > hi {
			lo, hi = hi, lo
		}
		crosses := r.datesEvent(f)
		for j := lo; j < hi; j++ {
			w := r.tok(j)
			if w == ";" || w == "but" || w == "while" || w == "," && clauseOpeners[r.tok(j+1)] {
				crosses = true
			}
		}
		if !crosses && hi-lo < dist {
			best, dist = f.Value, hi-lo
		}
	}
	return best
}

// speaker finds who the sentence attributes its content to ("X said", "according to X"),
// when token i lies in the reported part.
func (r *relater) speaker(i int) *Found {
	if !r.spoken {
		r.spoken = true
		for k := r.s.First; k < r.s.Last && len(r.speakers) < 2; k++ {
			if f := r.speakerAt(k); f != nil {
				r.speakers = append(r.speakers, speakerAt{k, f})
			}
		}
	}
	// The answer for token i is the first speaker found at another token.
	for _, sp := range r.speakers {
		if sp.k != i {
			return sp.f
		}
	}
	return nil
}

// speakerAt is whom the words at token k name as the sentence's speaker, if any.
func (r *relater) speakerAt(k int) *Found {
	w := r.tok(k)
	if w == "according" && r.tok(k+1) == "to" {
		if l, _ := r.after(k+2, 3); len(l) > 0 {
			return l[0]
		}
	}
	if speechVerbs[w] && w != "reported" && w != "reports" {
		if b := r.before(k, 3); len(b) > 0 {
			return b[len(b)-1]
		}
		if l, _ := r.after(k+1, 2); len(l) > 0 && (r.tok(k-1) == "," || r.tok(k-1) == "\"" || r.tok(k-1) == "”") {
			return l[0]
		}
	}
	return nil
}

// religiousTitles are offices of a faith, not of the state whose name they carry.
var religiousTitles = setOf("Pope", "Cardinal", "Archbishop", "Bishop", "Patriarch", "Rabbi",
	"Chief Rabbi", "Imam", "Ayatollah", "Grand Ayatollah", "Grand Mufti", "Mufti")

// structural: relations that the shape of a mention states — positions from titles, national
// bodies part of their country, cities inside their country when both are named.
func (r *relater) structural(si int) {
	d := r.d
	for _, f := range r.x.within[si] {
		if f.Entity == nil {
			continue
		}
		if f.Type == Person && (f.Title != "" || f.TitleOf != nil) {
			of := f.TitleOf
			if of == nil {
				of = r.impliedCountry(f)
			}
			if of != nil && religiousTitles[f.Title] && of.Type == Country {
				of = nil // "Lebanon's Grand Ayatollah", "Kenya's Anglican archbishop": no post of the state
			}
			if of != nil {
				pred := PredWorksFor
				if headingTitles[f.Title] {
					pred = PredHeads
				}
				if of.Entity == nil {
					of = r.findEntity(identityOf(of))
				}
				if of == nil {
					continue
				}
				if rel := r.add(f, pred, of, 0.9, d.TokenAt(f.Start)); rel != nil {
					rel.Former = f.Former || r.formerBefore(f)
					rel.Verb = f.Title
					rel.Date, rel.When, rel.Negated, rel.Modality, rel.AttributedTo = "", "", false, "", ""
					if _, suffix, ok := strings.Cut(f.Title, "-"); ok && (suffix == "elect" || suffix == "designate") {
						rel.Modality = suffix // "Prime Minister-designate Tzipi Livni": not yet in office
					}
					rel.Source = ""
					if f.TitleOf == nil {
						rel.Confidence = 0.6
						for k := range f.Entity.Roles {
							if f.Entity.Roles[k].Title == f.Title && f.Entity.Roles[k].Of == "" {
								f.Entity.Roles[k].Of = of.Entity.ID
							}
						}
					}
				}
			}
		}
		if f.Type == Organization && f.Of != nil && f.Kind == KindName {
			if c := r.findEntity(identityOf(f.Of)); c != nil {
				if rel := r.add(f, PredPartOf, c, 0.9, d.TokenAt(f.Start)); rel != nil {
					rel.Date, rel.When, rel.AttributedTo, rel.Verb = "", "", "", ""
					rel.Source = ""
				}
			}
		}
		// "Clearwater, Florida": a city and the region or country it lies in.
		if f.Type == City || f.Type == Place {
			k := d.TokenAt(f.End)
			if k+1 < r.s.Last && d.Tokens[k].Text == "," {
				if g := r.mention(k + 1); g != nil && (g.Type == Place || g.Type == Country) && g.Entity != f.Entity && !(f.Gaz != nil && g.Gaz != nil && g.Type == Country && f.Gaz.Country != g.Gaz.ID) {
					end := r.mentionEnd(k + 1)
					if t := r.tok(end); t != "and" && !(t == "," && r.mention(end+1) != nil) {
						if rel := r.add(f, PredContainedIn, g, 0.85, k); rel != nil {
							rel.Date, rel.When, rel.AttributedTo, rel.Verb, rel.Negated, rel.Modality = "", "", "", "", false, ""
							rel.Source = ""
						}
					}
				}
			}
		}
		if (f.Type == City || f.Type == Place) && f.Gaz != nil && f.Gaz.Country != "" {
			// A region is placed in a country its sentence names, not one an adjective evokes
			// ("the West Bank" and "Israeli-Palestinian negotiations").
			if c := r.findEntityLinked(f.Gaz.Country, f); c != nil && (f.Type == City || c.Kind != KindDemonym) {
				if rel := r.add(f, PredContainedIn, c, 0.95, d.TokenAt(f.Start)); rel != nil {
					rel.Date, rel.When, rel.AttributedTo, rel.Verb = "", "", "", ""
					rel.Source = ""
				}
			}
		}
	}
}

// formerBefore: "former"/"late" among the words of a titled person's phrase or just before it
// ("former British Prime Minister Margaret Thatcher").
func (r *relater) formerBefore(f *Found) bool {
	from := r.d.TokenAt(f.Context.Start) - 2
	for k := max(from, r.s.First); k < r.s.Last && r.d.Tokens[k].Start < f.Start; k++ {
		if formerMarkers[strings.ToLower(r.tok(k))] {
			return true
		}
	}
	return false
}

// impliedCountry: "late President Heydar Aliyev" in a sentence about Azerbaijan is Azerbaijan's.
func (r *relater) impliedCountry(p *Found) *Found {
	if !governmentTitles[p.Title] {
		return nil
	}
	// Only when the sentence names exactly one country, and it is the article's main one.
	var only *Found
	for _, f := range r.x.within[r.si] {
		if f.Entity != nil && f.Type == Country {
			if only != nil && only.Entity != f.Entity {
				return nil
			}
			only = f
		}
	}
	if only == nil || only.Entity.ID != r.x.dominantCountry() || only.Start > p.Start {
		return nil
	}
	return only
}

// findEntityLinked returns a mention of entity id in one noun phrase with f ("the Iraqi city of
// Mosul", "Pakistan's Swat valley", "Kandahar province in southern Afghanistan"): a place and
// its country merely named in one sentence are no statement that one lies in the other.
func (r *relater) findEntityLinked(id string, f *Found) *Found {
	for _, g := range r.x.within[r.si] {
		if g.Entity != nil && g.Entity.ID == id && r.inOnePhrase(f, g) {
			return g
		}
	}
	return nil
}

// headToken is the token of mention f whose head lies outside it.
func (r *relater) headToken(f *Found) int { return r.d.spanHead(f, r.s) }

// inOnePhrase: mentions f and g meet in the tree through nominal dependents only (modifiers,
// possessors, appositions, "of"/"in" phrases), not through a verb. Without a tree, true.
func (r *relater) inOnePhrase(f, g *Found) bool {
	if !r.d.Parsed || r.s.Last <= r.s.First || r.d.Tokens[r.s.First].Rel == "" {
		return true
	}
	nominal := func(k int) bool {
		switch r.d.Tokens[k].Rel {
		case "amod", "compound", "nmod:poss", "appos", "flat", "flat:name", "nmod:desc", "nmod:unmarked", "nmod:npmod":
			return true
		case "nmod":
			for i := r.s.First; i < r.s.Last; i++ {
				if r.d.Tokens[i].Head == k && r.d.Tokens[i].Rel == "case" {
					w := strings.ToLower(r.d.Tokens[i].Text)
					return w == "of" || w == "in"
				}
			}
			return true
		}
		return false
	}
	seen := map[int]bool{}
	for k, n := r.headToken(f), 0; k >= 0 && n < 8; n++ {
		seen[k] = true
		if !nominal(k) {
			break
		}
		k = r.d.Tokens[k].Head
	}
	for k, n := r.headToken(g), 0; k >= 0 && n < 8; n++ {
		if seen[k] {
			return true
		}
		if !nominal(k) {
			break
		}
		k = r.d.Tokens[k].Head
	}
	return false
}

// findEntity returns a mention of entity id inside the current sentence.
func (r *relater) findEntity(id string) *Found {
	for _, f := range r.x.within[r.si] {
		if f.Entity != nil && f.Entity.ID == id {
			return f
		}
	}
	return nil
}

// objects are the entities a verb takes as its object: those after it, not across a
// preposition of place or time ("met at the White House", "shelled areas near the Iraqi
// border"), and not a nationality that only describes a person ("the Congolese president").
func (r *relater) objects(i, maxSkip int, pred string) ([]*Found, int) {
	for k := i; k < r.s.Last && k < i+maxSkip && r.mention(k) == nil; k++ {
		if w := strings.ToLower(r.tok(k)); locative[w] && pred != PredVisited {
			return nil, k
		}
	}
	l, end := r.after(i, maxSkip)
	var out []*Found
	for _, f := range l {
		if (f.Kind == KindDemonym || f.Type == Country) && r.describesPerson(f) {
			// "accused the U.S. Ambassador to Venezuela, William Brownfield": the person named next.
			for k := r.d.TokenAt(f.End); k < r.s.Last && k < r.d.TokenAt(f.End)+8; k++ {
				if p := r.mention(k); p != nil && p.Type == Person {
					out = append(out, p)
					break
				}
			}
			continue
		}
		out = append(out, f)
	}
	return out, end
}

var locative = setOf("in", "at", "near", "on", "during", "since", "after", "before", "from", "outside", "inside", "across", "around")

// describesPerson: a country or nationality that qualifies a person noun ("Congolese president",
// "the most senior U.S. official").
func (r *relater) describesPerson(f *Found) bool {
	end := r.d.TokenAt(f.End)
	for k := end; k < r.s.Last && k <= end+2; k++ {
		w := strings.ToLower(r.tok(k))
		if personNouns[w] || titleNouns[w] {
			return true
		}
		if w != "or" && w != "and" && !isCapitalized(r.tok(k)) {
			return false
		}
	}
	return false
}

// subjects are the actors of the verb at token i, leaving out nationality adjectives that only
// describe a person ("the first Russian leader to visit Cairo" is not Russia visiting).
func (r *relater) subjects(i int) []*Found {
	var out []*Found
	for _, f := range r.before(i, 4) {
		if (f.Kind == KindDemonym || f.Type == Country) && r.describesPerson(f) {
			continue
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		// "He then went to Israel": the person named last before.
		for k := i - 1; k >= r.s.First && k >= i-3; k-- {
			if w := strings.ToLower(r.tok(k)); w == "he" || w == "she" {
				if p := r.lastPerson(k); p != nil {
					out = append(out, p)
				}
				break
			}
		}
	}
	return out
}

var personNouns = setOf("leader", "president", "man", "woman", "citizen", "national", "journalist",
	"boy", "girl", "youth", "child", "children", "official", "soldier", "diplomat", "envoy", "general",
	"counterpart", "activist", "student", "worker", "tourist", "hostage", "prisoner")

// sentenceSubject is the actor named before the sentence's first finite verb, in this sentence.
func (r *relater) sentenceSubject() *Found {
	if w := strings.ToLower(r.tok(r.s.First)); w == "he" || w == "she" {
		return r.lastPerson(r.s.First)
	}
	if t := r.tree; t != nil {
		// with a tree, a name in an opening clause is no subject ("Before leaving Pakistan,
		// Mr. Kharrazi held talks with ...")
		for v := r.s.First; v < r.s.Last; v++ {
			if t.rel(v) == "root" {
				if f := r.mention(v); f != nil && isActor(f) {
					return f
				}
				if s := t.child(v, "nsubj"); s >= 0 {
					for _, a := range t.args(s) {
						if isActor(a) {
							return a
						}
					}
					// "Eriador's death toll has risen", "Caras Galadhon's new mayor left": whose
					// the subject is
					if p := t.child(s, "nmod:poss"); p >= 0 {
						if f := r.mention(p); f != nil && isActor(f) {
							return f
						}
					}
					return nil
				}
				break
			}
		}
	}
	for i := r.s.First; i < r.s.Last; i++ {
		if isFiniteVerb(r.d.Tokens[i].POS) && r.mention(i) == nil {
			return nil
		}
		if f := r.mention(i); f != nil && isActor(f) && !prepositions[strings.ToLower(r.tok(r.mentionStart(i)-1))] &&
			(f.Kind != KindDemonym || agentNouns[strings.ToLower(r.tok(r.mentionEnd(i)))]) {
			return f
		}
	}
	return nil
}

// coordinated: "and" joins mention f to the later mention g.
func (r *relater) coordinated(f, g *Found) bool {
	for k := r.d.TokenAt(f.End); k < r.d.TokenAt(g.Start) && k < r.s.Last; k++ {
		if w := strings.ToLower(r.tok(k)); w == "and" || w == "&" {
			return true
		}
	}
	return false
}

// typed adds a relation when its ends have types that fit the predicate.
func (r *relater) typed(s *Found, pred string, o *Found, conf float64, trigger int) {
	if s == nil || o == nil || !fits(pred, s, o) {
		return
	}
	r.add(s, pred, o, conf, trigger)
}

func fits(pred string, s, o *Found) bool {
	actor := isActor(s)
	switch pred {
	case PredMemberOf, PredJoined:
		return actor && (o.Type == Organization || o.Type == Agreement && strings.HasSuffix(o.Name, "Pact"))
	case PredSigned:
		return actor && (o.Type == Agreement || o.Type == Organization)
	case PredVisited:
		return actor && o.Type != Date && o.Type != Event && o.Type != Agreement
	case PredParticipatedIn:
		return actor && o.Type != Date && o.Type != Person
	case PredContainedIn, PredHeadquartered:
		return true
	case PredAttacked:
		return actor && o.Type != Date && o.Type != Agreement
	case PredKilled, PredArrested:
		return actor && (o.Type == Person || o.Type == Organization)
	default:
		return actor && isActor(o)
	}
}

// nominals: "the reception of Y by X", "X's visit to Y", "talks between X and Y",
// "X's accession to Y", "the signing of Z by X", "participation in Y", "member of Y".
func (r *relater) nominals() {
	for i := r.s.First; i < r.s.Last; i++ {
		w := strings.ToLower(r.tok(i))
		switch w {
		case "reception", "visit", "signing", "accession", "joining", "participation", "membership":
			r.nominal(i, w)
		case "fighting", "infighting", "clashes", "war", "conflict", "battles", "hostilities", "dispute":
			if w == "dispute" && !r.violent() {
				break // a trade or legal dispute is no fight
			}
			if r.tok(i+1) == "between" {
				if l, _ := r.after(i+2, 3); len(l) >= 2 {
					r.typed(l[0], PredFoughtAgainst, l[1], 0.8, i)
				}
			} else if r.tok(i+1) == "against" || r.tok(i+1) == "with" {
				if agent := r.agentOf(i); agent != nil {
					if l, _ := r.after(i+2, 2); len(l) > 0 {
						r.typed(agent, PredFoughtAgainst, l[0], 0.7, i)
					}
				}
			}
		case "offensive", "attack", "attacks", "strike", "strikes", "raid", "raids", "airstrikes", "assault":
			if p := r.tok(i + 1); p == "on" || p == "in" && !r.d.Parsed || p == "against" {
				// With a tree, the agent is the noun's possessor only: "the United States condemns
				// the car bomb attacks in Diyala" is no attack by the subject of "condemns"
				// (light verbs, "launched an attack on", are read from the tree).
				agent := r.possessor(i)
				if !r.d.Parsed || agent == nil && r.possessivePronoun(i) {
					agent = r.agentOf(i) // "the army pushed on with its offensive against X"
				}
				if agent != nil {
					if l, _ := r.after(i+2, 2); len(l) > 0 {
						r.typed(agent, PredAttacked, l[0], 0.7, i)
					}
				}
			}
		case "talks", "meeting", "discussed", "cooperation", "partnership", "negotiations", "consultations", "meetings":
			if r.tok(i+1) == "between" {
				if l, _ := r.after(i+2, 2); len(l) >= 2 {
					pred := PredHeldTalksWith
					switch w {
					case "meeting", "meetings":
						pred = PredMet
					case "cooperation", "partnership":
						pred = PredCooperatesWith
					}
					for k := 1; k < len(l); k++ {
						r.typed(l[0], pred, l[k], 0.8, i)
					}
					if w == "discussed" {
						r.discussed(i, l[0])
					}
				}
			}
			with := i + 1
			if r.tok(with) == "in" || r.tok(with) == "at" {
				m := with + 1
				if r.tok(m) == "the" {
					m++
				}
				if r.mention(m) != nil {
					with = r.mentionEnd(m) // "after meeting in Cairo with Egyptian President Hosni Mubarak"
				}
			}
			if (w == "talks" || w == "meeting" || w == "negotiations") && r.tok(with) == "with" && r.possessor(i) == nil {
				// "... arrives in Beijing for talks with his Chinese counterpart, Li Zhaoxing".
				if agent := r.sentenceSubject(); agent != nil {
					pred := PredHeldTalksWith
					if w == "meeting" {
						pred = PredMet
					}
					l, _ := r.objects(with+1, 3, pred)
					for _, o := range l {
						r.typed(agent, pred, o, 0.7, i)
					}
				}
			}
			if (w == "cooperation" || w == "talks" || w == "partnership") && r.tok(i+1) == "with" {
				if l, _ := r.after(i+2, 2); len(l) > 0 {
					if agent := r.possessor(i); agent != nil {
						pred := PredCooperatesWith
						if w == "talks" {
							pred = PredHeldTalksWith
						}
						for _, o := range l {
							r.typed(agent, pred, o, 0.8, i)
						}
						// "cooperation with Y began ... through Z": taking part in Z.
						for k := i + 2; k < r.s.Last && r.tok(k) != "," && r.tok(k) != ";"; k++ {
							if r.tok(k) == "through" {
								if via, _ := r.after(k+1, 2); len(via) > 0 {
									r.typed(agent, PredMemberOf, via[0], 0.6, k)
								}
							}
						}
					}
				}
			}
		case "arrived", "arrives", "arrive", "arriving", "went", "traveled", "travelled", "travels", "flew", "trip", "tour", "journey", "left", "departed", "headed":
			r.travel(i, w)
		case "resumed", "held", "hold", "holding", "began", "opened", "had", "have", "has", "start", "started":
			r.talksHeld(i)
		case "head", "leader", "chief", "chairman", "chairwoman", "director":
			r.headOf(i)
		case "member":
			// "X is a member of Y" handled by verbs; "X, a member of Y" and "X, 19, a member of
			// Y": apposition.
			if r.tok(i+1) == "of" && (r.tok(i-1) == "a" || r.tok(i-1) == "an") && r.tok(i-2) == "," {
				k := i - 2
				if isNumber(r.tok(k-1)) && r.tok(k-2) == "," {
					k -= 2
				}
				if l, _ := r.after(i+2, 2); len(l) > 0 {
					for _, s := range r.before(k, 0) {
						r.typed(s, PredMemberOf, l[0], 0.8, i)
					}
				}
			}
		case "concern", "concerns":
			// "Prince Saud has expressed concerns over Iran's interference": a criticism.
			if p := r.tok(i + 1); p != "over" && p != "about" && p != "at" {
				break
			}
			for v := i - 1; v >= r.s.First && v >= i-3; v-- {
				if w := r.tok(v); w == "expressed" || w == "voiced" || w == "raised" {
					if l, _ := r.after(i+2, 3); len(l) > 0 {
						for _, a := range r.subjects(v) {
							r.typed(a, PredCriticised, l[0], 0.65, i)
						}
					}
					break
				}
			}
		case "capital":
			// "Tirin Kot, the capital of restive Uruzgan province".
			if r.tok(i+1) == "of" && r.tok(i-1) == "the" && r.tok(i-2) == "," {
				x := r.mention(i - 3)
				if l, _ := r.after(i+2, 2); x != nil && len(l) > 0 && isPlace(x) && isPlace(l[0]) {
					r.typed(x, PredContainedIn, l[0], 0.8, i)
				}
			}
		case "fought", "clashed", "battled":
			// "Iraq and Iran fought a bloody war": the coordinated subjects fought each other.
			if subj := r.subjects(i); len(subj) >= 2 {
				if objs, _ := r.objects(i+1, 3, PredFoughtAgainst); len(objs) == 0 {
					for a := 0; a+1 < len(subj); a++ {
						if r.coordinated(subj[a], subj[a+1]) { // not "Under Saddam Hussein, Iraq fought"
							r.typed(subj[a], PredFoughtAgainst, subj[a+1], 0.75, i)
						}
					}
				}
			}
		case "exchanged", "traded":
			// "North and South Korea exchanged artillery fire".
			if k := i + 1; r.tok(k) == "fire" || r.tok(k+1) == "fire" || r.tok(k+1) == "shots" || r.tok(k) == "shots" {
				subj := r.subjects(i)
				for a := 0; a+1 < len(subj); a++ {
					r.typed(subj[a], PredFoughtAgainst, subj[a+1], 0.75, i)
				}
			}
		case "fired", "launched", "shot":
			// "North Korea fired artillery rounds aimed at a loudspeaker in South Korea".
			for k := i + 1; k < r.s.Last && k <= i+8; k++ {
				if t := r.tok(k); t == "at" || t == "into" || t == "on" {
					target := -1
					for m := k + 1; m < r.s.Last && m <= k+6; m++ {
						if r.mention(m) != nil {
							target = m
							break
						}
					}
					subj := r.subjects(i)
					if target >= 0 && len(subj) > 0 {
						r.typed(subj[len(subj)-1], PredAttacked, r.mention(target), 0.7, i)
					}
					break
				}
				if r.mention(k) != nil || r.tok(k) == "," {
					break
				}
			}
		}
	}
}

// possessor is the agent of a nominalization: "X's visit", "the visit of X", or the topic.
func (r *relater) possessor(i int) *Found {
	k := i - 1
	for k >= r.s.First && (r.tok(k) == "ongoing" || r.tok(k) == "official" || r.tok(k) == "state" || r.tok(k) == "first" || r.tok(k) == "recent" || r.tok(k) == "close") {
		k--
	}
	if t := r.tok(k); t == "'s" || t == "’s" {
		if f := r.mention(k - 1); f != nil {
			return f
		}
	}
	if t := strings.ToLower(r.tok(k)); t == "his" || t == "her" {
		return r.lastPerson(k)
	}
	return nil
}

// possessivePronoun: "its"/"their" before the noun at token i (over a few adjectives).
func (r *relater) possessivePronoun(i int) bool {
	for k := i - 1; k >= r.s.First && k >= i-3; k-- {
		switch strings.ToLower(r.tok(k)) {
		case "its", "their":
			return true
		case "the", "a", "an", ",", ".", ";":
			return false
		}
	}
	return false
}

// lastPerson is the person named last before token i, in this sentence or the one before:
// what "his" and "her" most likely refer to.
func (r *relater) lastPerson(i int) *Found {
	var best *indexed
	// the sentence before, or the last that named a person in the paragraph's reach ("Hadley
	// spoke in Kabul. ... He said that ...")
	from := r.d.Tokens[i].Sent - 1
	for from > 0 && from > r.d.Tokens[i].Sent-3 && len(r.x.people[from]) == 0 {
		from--
	}
	here := r.d.Tokens[i].Sent
	named := false // a person named before the pronoun in its own sentence
	if here >= 0 && here < len(r.x.people) {
		for _, f := range r.x.people[here] {
			named = named || f.Start < r.d.Tokens[i].Start
		}
	}
	if !named && from >= 0 && from < here && len(r.x.people[from]) > 0 {
		// "Mottaki was to hold talks with his Saudi counterpart Prince Saud al-Faisal. Instead
		// he traveled to ...": a pronoun with nobody before it in its sentence is most often the
		// person the sentence before was about, named first there
		first := 0
		for k, f := range r.x.people[from] {
			if f.Start < r.x.people[from][first].Start || f.Start == r.x.people[from][first].Start && r.x.peopleAt[from][k] < r.x.peopleAt[from][first] {
				first = k
			}
		}
		return r.x.people[from][first]
	}
	for s := from; s <= r.d.Tokens[i].Sent; s++ {
		if s < 0 || s >= len(r.x.people) {
			continue
		}
		for k, f := range r.x.people[s] {
			if f.Start >= r.d.Tokens[i].Start {
				continue
			}
			// of people named at the same offset, the first in the document's list
			if best == nil || f.Start > best.f.Start || f.Start == best.f.Start && r.x.peopleAt[s][k] < best.at {
				best = &indexed{f, r.x.peopleAt[s][k]}
			}
		}
	}
	if best == nil {
		return nil
	}
	return best.f
}

func (r *relater) nominal(i int, w string) {
	agent := r.possessor(i)
	conf := 0.85
	// "of X" right after: the reception/visit/signing of X.
	var ofList []*Found
	next := i + 1
	if r.tok(i+1) == "of" {
		ofList, next = r.after(i+2, 2)
	}
	var byList []*Found
	for k := next; k < r.s.Last && k < next+3; k++ {
		if r.tok(k) == "by" {
			byList, _ = r.after(k+1, 2)
			break
		}
	}
	implicit := func() *Found {
		if agent != nil {
			return agent
		}
		if len(byList) > 0 {
			return byList[0]
		}
		conf = 0.6
		return r.topic
	}
	switch w {
	case "reception":
		// the reception of Y by X: X received Y.
		for _, x := range byList {
			for _, y := range ofList {
				r.typed(x, PredReceived, y, conf, i)
			}
		}
	case "visit":
		visitor := agent
		if visitor == nil && len(ofList) > 0 {
			visitor = ofList[0]
		}
		for k := next; k < r.s.Last && k < next+3; k++ {
			if r.tok(k) == "to" {
				if dest, _ := r.after(k+1, 2); len(dest) > 0 && visitor != nil {
					for _, d := range dest {
						r.typed(visitor, PredVisited, d, conf, i)
					}
				}
				break
			}
		}
	case "signing":
		signer := implicit()
		if len(ofList) > 0 && agent != nil || len(byList) > 0 {
			for _, y := range ofList {
				r.typed(signer, PredSigned, y, conf, i)
			}
		}
	case "accession", "joining":
		target := ofList
		if w == "accession" && r.tok(i+1) == "to" {
			target, _ = r.after(i+2, 2)
		}
		if w == "joining" {
			target, _ = r.after(i+1, 2)
		}
		actor := implicit()
		for _, t := range target {
			r.typed(actor, PredJoined, t, conf, i)
		}
	case "participation", "membership":
		if r.tok(i+1) != "in" {
			return
		}
		actor := implicit()
		// Walk the coordinated objects: "in PfP activities and NATO-led missions in Kosovo and Afghanistan".
		for k := i + 2; k < r.s.Last; k++ {
			t := r.tok(k)
			if t == "." || t == ";" || t == "," && r.tok(k+1) != "and" {
				break
			}
			f := r.mention(k)
			if f == nil {
				continue
			}
			end := r.mentionEnd(k)
			poss := r.tok(end) == "'s" || r.tok(end) == "’s"
			hyphenated := f.End < r.d.Tokens[k].End // "NATO-led"
			switch {
			case f.Type == Organization && !poss && !hyphenated:
				r.typed(actor, PredMemberOf, f, conf*0.9, i)
			case (f.Type == Country || f.Type == City || f.Type == Place) && r.tok(k-1) == "in" || r.tok(k-1) == "and" && r.mention(k-2) != nil:
				r.typed(actor, PredParticipatedIn, f, conf*0.9, i)
			}
			k = end - 1
		}
	}
}

// discussed: "Z were discussed between X and Y" gives X discussed Z (the topic as text).
func (r *relater) discussed(i int, who *Found) {
	k := i - 1
	for k > r.s.First && auxiliaries[r.tok(k)] {
		k--
	}
	topic := strings.TrimSpace(r.d.Text[r.s.Start:r.d.Tokens[k].End])
	if topic == "" || len(topic) > 200 {
		return
	}
	rel := Relation{Subject: who.Entity.ID, Predicate: PredDiscussed, Value: topic, Confidence: 0.7,
		Evidence: Span{r.s.Start, r.s.End}, Verb: "discussed"}
	r.qualify(&rel, i)
	r.out = append(r.out, rel)
}

// quote returns the quoted text of the sentence, if any.
func (r *relater) quote() string {
	text := r.d.Text[r.s.Start:r.s.End]
	for _, q := range [][2]string{{"“", "”"}, {"\"", "\""}} {
		a := strings.Index(text, q[0])
		if a < 0 {
			continue
		}
		b := strings.Index(text[a+len(q[0]):], q[1])
		if b < 0 {
			continue
		}
		return strings.TrimSpace(text[a+len(q[0]) : a+len(q[0])+b])
	}
	return ""
}

// publisher: "..., Trend reports." credits the article to an agency.
func (d *Document) publisher() {
	var orgEnds map[int]*Found // the first organisation ending at each offset
	for _, s := range d.Sentences {
		for i := s.First; i+1 < s.Last; i++ {
			w := d.Tokens[i+1].Text
			if w != "reports" && w != "reported" {
				continue
			}
			if i+2 < s.Last && d.Tokens[i+2].Text != "." && d.Tokens[i+2].Text != "," {
				continue
			}
			if orgEnds == nil {
				orgEnds = map[int]*Found{}
				for _, f := range d.Mentions {
					if _, ok := orgEnds[f.End]; !ok && f.Entity != nil && f.Type == Organization {
						orgEnds[f.End] = f
					}
				}
			}
			if f := orgEnds[d.Tokens[i].End]; f != nil {
				d.Publisher = f.Entity.ID
				return
			}
		}
	}
}

func dedupeRelations(rs []Relation) []Relation {
	type key struct{ s, p, o, v string }
	best := map[key]int{}
	var out []Relation
	for _, r := range rs {
		k := key{r.Subject, r.Predicate, r.Object, r.Value}
		if symmetric[r.Predicate] && r.Object < r.Subject {
			k = key{r.Object, r.Predicate, r.Subject, r.Value}
		}
		if j, ok := best[k]; ok {
			keep, other := out[j], r
			if r.Confidence > out[j].Confidence {
				keep, other = r, out[j]
			}
			// one reading of the same statement may see what the other missed: its modality,
			// its own time, whose claim it is (from the same sentence only)
			if keep.Evidence == other.Evidence && keep.Negated == other.Negated && !structural[keep.Predicate] {
				if keep.Modality == "" {
					keep.Modality = other.Modality
				}
				if keep.When == "" && other.When != "" {
					keep.When, keep.Date = other.When, cmpOr(other.Date, keep.Date)
				}
				if keep.AttributedTo == "" && other.AttributedTo != "" {
					keep.AttributedTo, keep.Source = other.AttributedTo, ""
				}
				if keep.AttributedTo == "" && keep.Source == "" {
					keep.Source = other.Source
				}
			}
			out[j] = keep
			continue
		}
		best[k] = len(out)
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Evidence.Start < out[j].Evidence.Start })
	return out
}

func isFiniteVerb(pos string) bool {
	return pos == "VBD" || pos == "VBZ" || pos == "VBP" || pos == "MD"
}

// pairs: "the Azerbaijan-Armenia normalization process" relates the two named parties by the
// noun that follows them (a generic relation, verb "normalization process").
func (r *relater) pairs() {
	for i := r.s.First; i < r.s.Last; i++ {
		t := r.d.Tokens[i]
		if !strings.Contains(t.Text, "-") {
			continue
		}
		var inside []*Found
		for _, f := range r.x.within[r.si] {
			// names only: "French-Canadian", "Israeli-Palestinian" are adjectives, no relation
			if f.Entity != nil && f.Start >= t.Start && f.End <= t.End && isActor(f) && f.Kind != KindDemonym {
				inside = append(inside, f)
			}
		}
		if len(inside) != 2 || inside[0].Entity == inside[1].Entity {
			continue
		}
		var nouns []string
		for k := i + 1; k < r.s.Last && k <= i+2; k++ {
			w := r.tok(k)
			if !strings.HasPrefix(r.d.Tokens[k].POS, "NN") || isCapitalized(w) {
				break
			}
			nouns = append(nouns, w)
		}
		if len(nouns) == 0 {
			continue
		}
		if rel := r.add(inside[0], PredRelated, inside[1], 0.5, i+1); rel != nil {
			rel.Verb = strings.Join(nouns, " ")
		}
	}
}

// clauseOpeners after a comma start a new clause whose date is its own.
var clauseOpeners = setOf("as", "but", "while", "and", "which", "where", "when", "whereas", "although")

// datesEvent reports whether a date belongs to a named event ("the August 8 Washington summit").
func (r *relater) datesEvent(date *Found) bool {
	return r.x.eventAt[date.Start]
}

// travel: "X arrived in Y", "X went to Y", "X's trip to Y", "a tour of Y" — X visited Y.
// nestedInSubject: the tree gives verb i a subject of its own, and f is only named inside it
// ("The new chief of the commission investigating the assassination of Rafik Hariri has
// arrived": the chief arrived, not Hariri).
func (r *relater) nestedInSubject(i int, f *Found) bool {
	t := r.tree
	if t == nil || r.d.Tokens[i].Rel == "" {
		return false
	}
	s := t.child(i, "nsubj")
	if s < 0 {
		s = t.child(i, "nsubj:pass")
	}
	h := r.headToken(f)
	if w := strings.ToLower(r.tok(max(s, 0))); s < 0 || h < 0 || h == s || r.mention(s) != nil || collectiveNouns[w] || sideNouns[w] || w == "delegation" || w == "delegations" {
		return false // (a delegation from a country travels for it)
	}
	nested := false
	for k, n := h, 0; k >= 0 && n < 12; k, n = t.head(k), n+1 {
		if k == s {
			return nested
		}
		switch t.rel(k) {
		case "nmod", "acl", "acl:relcl", "obj", "obl":
			nested = true
		}
	}
	return false
}

func (r *relater) travel(i int, w string) {
	k := i + 1
	for k < r.s.Last && k <= i+3 && r.tok(k) != "in" && r.tok(k) != "to" && r.tok(k) != "of" && r.tok(k) != "at" && r.tok(k) != "for" {
		k++ // "arrives Sunday in Beijing"
	}
	p := r.tok(k)
	switch {
	case (w == "tour" || w == "trip" || w == "journey") && p != "to" && p != "of":
		return
	case (w == "left" || w == "departed" || w == "headed") && p != "for":
		return
	case p != "in" && p != "to" && p != "at" && p != "of" && p != "for":
		return
	}
	dest, _ := r.after(k+1, 2)
	if len(dest) == 0 {
		return
	}
	var who *Found
	conf := 0.75
	if w == "trip" || w == "tour" || w == "journey" {
		who = r.possessor(i)
	} else if b := r.subjects(i); len(b) > 0 {
		who = b[len(b)-1]
	} else if isFiniteVerb(r.d.Tokens[i].POS) {
		who, conf = r.sentenceSubject(), 0.6
	}
	if who == nil || r.nestedInSubject(i, who) {
		return
	}
	for _, d := range dest {
		next := r.d.TokenAt(d.End)
		if next < r.s.Last && !isPunctOrFunction(r.tok(next)) {
			continue // "the East Los Angeles sheriff's station": a place inside a name
		}
		if d.Type == City || d.Type == Country || d.Type == Place {
			r.typed(who, PredVisited, d, conf, i)
		}
	}
}

// talksHeld: "X and Y resumed peace talks", "X held talks with Y".
func (r *relater) talksHeld(i int) {
	k := i + 1
	talks := func(w string) bool { return w == "talks" || w == "negotiations" || w == "discussions" }
	for k < r.s.Last && k <= i+4 && !talks(r.tok(k)) {
		// a name inside a hyphenated word does not stop it: "resumed U.S.-brokered peace talks"
		if r.mention(k) != nil && !strings.Contains(r.tok(k), "-") || r.tok(k) == "," {
			return
		}
		k++
	}
	if !talks(r.tok(k)) {
		return
	}
	subj := r.subjects(i)
	if r.tok(k+1) == "with" {
		others, _ := r.after(k+2, 3)
		for _, s := range subj {
			for _, o := range others {
				r.typed(s, PredHeldTalksWith, o, 0.8, k)
			}
		}
		return
	}
	for a := 0; a < len(subj); a++ {
		for b := a + 1; b < len(subj); b++ {
			r.typed(subj[a], PredHeldTalksWith, subj[b], 0.8, k)
		}
	}
}

// headOf: "the head of the ruling MVR party, William Lara," and "William Lara, the head of
// the MVR party," — the person heads the organisation.
func (r *relater) headOf(i int) {
	if r.tok(i+1) != "of" {
		return
	}
	orgs, end := r.after(i+2, 4)
	if len(orgs) == 0 || orgs[0].Type != Organization && orgs[0].Type != Country {
		return
	}
	if orgNouns[r.tok(end)] {
		end++ // "the head of the ruling MVR party, William Lara"
	}
	if r.tok(end) == "," {
		if p, _ := r.after(end+1, 0); len(p) > 0 && p[0].Type == Person {
			r.typed(p[0], PredHeads, orgs[0], 0.8, i)
			return
		}
	}
	k := i - 1
	for k > r.s.First && (r.tok(k) == "the" || r.tok(k) == "former" || r.tok(k) == "new") {
		k--
	}
	// "X, the head of Y", "X - the head of Y -", "named X as the new head of Y".
	if t := r.tok(k); t == "," || t == "-" || t == "–" || t == "—" || t == "as" {
		if p := r.mention(k - 1); p != nil && p.Type == Person {
			r.typed(p, PredHeads, orgs[0], 0.8, i)
		}
	}
}

// violent: the sentence counts dead or wounded, so its disputes are fought.
func (r *relater) violent() bool {
	for k := r.s.First; k < r.s.Last; k++ {
		switch strings.ToLower(r.tok(k)) {
		case "toll", "killed", "dead", "death", "deaths", "wounded", "injured", "casualties":
			return true
		}
	}
	return false
}

func isPlace(f *Found) bool { return f.Type == Place || f.Type == City || f.Type == Country }

// orgNouns follow a name to say it is an organisation's: "the Fatah party", "the MVR party".
var orgNouns = setOf("party", "movement", "group", "faction", "militia", "organization",
	"organisation", "company", "firm", "network", "newspaper", "agency", "alliance", "coalition", "bloc")

func isPunctOrFunction(w string) bool {
	return isPunct(w) || functionWords[strings.ToLower(w)] || prepositions[strings.ToLower(w)] || w == "for" || w == "to"
}

// membership: "Poland and the Czech Republic are now NATO members", "X of the Fatah movement",
// "the Fatah party of President Mahmoud Abbas".
func (r *relater) membership() {
	for i := r.s.First; i < r.s.Last; i++ {
		w := r.tok(i)
		f := r.mention(i - 1)
		if (w == "member" || w == "members") && f != nil && f.Type == Organization {
			for k := r.s.First; k < r.mentionStart(i-1); k++ {
				if c := strings.ToLower(r.tok(k)); c == "are" || c == "is" || c == "was" || c == "were" || c == "became" || c == "become" {
					for _, s := range r.subjects(k) {
						r.typed(s, PredMemberOf, f, 0.75, i)
					}
					break
				}
			}
		}
		if w != "of" {
			continue
		}
		left, right := r.mention(i-1), (*Found)(nil)
		if left == nil && orgNouns[r.tok(i-1)] {
			left = r.mention(i - 2) // "the rival Fatah party of President Mahmoud Abbas"
		}
		if l, _ := r.after(i+1, 3); len(l) > 0 {
			right = l[0]
		}
		if left == nil || right == nil {
			continue
		}
		switch {
		case left.Type == Person && right.Type == Organization && partyLike(r.d, right):
			r.typed(left, PredMemberOf, right, 0.7, i)
		case left.Type == Organization && right.Type == Person && partyLike(r.d, left):
			r.typed(right, PredMemberOf, left, 0.7, i)
		}
	}
}

// partyLike: parties, movements and groups whose people are their members.
func partyLike(d *Document, f *Found) bool {
	end := d.TokenAt(f.End)
	next := ""
	if end < len(d.Tokens) {
		next = strings.ToLower(d.Tokens[end].Text)
	}
	last := f.Name[strings.LastIndexByte(f.Name, ' ')+1:]
	return next == "party" || next == "movement" || next == "group" || last == "Party" || last == "Movement" || last == "Front"
}

// placeNouns name the kind of place a name introduces ("the town of X").
var placeNouns = setOf("town", "city", "village", "province", "region", "district", "state", "county", "capital", "port", "area")

// agentNouns after a nationality make the country the actor (CAMEO's agents): "the Israeli
// military began an offensive".
var agentNouns = setOf("military", "army", "forces", "troops", "police", "government", "authorities",
	"officials", "navy", "warplanes", "jets", "soldiers", "security")

// agentOf is who does what the noun at token i names: its possessor, else the sentence's subject.
func (r *relater) agentOf(i int) *Found {
	if p := r.possessor(i); p != nil {
		return p
	}
	return r.sentenceSubject()
}

func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
