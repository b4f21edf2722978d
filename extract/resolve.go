package extract

import (
	"github.com/newsgraph/newsgraph/extract/gazetteer"
	"sort"
	"strings"
	"unicode"
)

// Resolver ties mentions to entities inside one article: acronyms to their long names,
// surnames to full names, short names of organisations to the full name, demonyms and upper-case
// datelines to their country or city, and gives every entity its stable id.
type Resolver struct{}

// Process fills d.Entities and sets Found.Entity on every mention.
func (Resolver) Process(d *Document) {
	addAliasMentions(d)
	sameNameSameType(d)
	nationalTeams(d)
	sportNamedCompetitions(d)
	byID := map[string]*Entity{}
	var order []*Entity
	sort.SliceStable(d.Mentions, func(i, j int) bool { return d.Mentions[i].Start < d.Mentions[j].Start })
	for _, f := range d.Mentions {
		id, name := identity(f)
		if id == "" {
			continue
		}
		e := byID[id]
		if e == nil {
			e = &Entity{ID: id, Name: name, Type: f.Type, Value: f.Value}
			if f.Gaz != nil {
				e.Wikidata = f.Gaz.Wikidata
				e.Country = f.Gaz.Country
			}
			if f.Of != nil && f.Kind == KindName && f.Of.Gaz != nil {
				e.Country = f.Of.Gaz.ID
			}
			byID[id] = e
			order = append(order, e)
		}
		f.Entity = e
		if f.Alias != "" && f.Alias != e.Name && !contains(e.Aliases, f.Alias) {
			e.Aliases = append(e.Aliases, f.Alias)
		}
		e.Mentions = append(e.Mentions, Mention{Start: f.Start, End: f.End, Text: d.Text[f.Start:f.End], Kind: kindOf(f)})
		if f.Title != "" && f.Context.Start < f.Start {
			e.Mentions = append(e.Mentions, Mention{Start: f.Context.Start, End: f.Context.End,
				Text: d.Text[f.Context.Start:f.Context.End], Kind: KindDescription})
		}
	}
	for _, e := range order {
		finishEntity(d, e)
	}
	d.Entities = order
	addRoles(d)
}

// sameNameSameType gives every bare name that the article writes more than once one type: in
// one story "Gloria" is a child every time, not a child four times and a Spanish town twice.
// The type most of its mentions have wins (a person on a tie); a country's name never changes.
func sameNameSameType(d *Document) {
	groups := map[string][]*Found{}
	for _, f := range d.Mentions {
		if f.Kind == KindName && f.Of == nil && f.Title == "" && f.Type != Date {
			t := d.Text[f.Start:f.End]
			groups[t] = append(groups[t], f)
		}
	}
	for _, fs := range groups {
		if len(fs) < 2 {
			continue
		}
		votes := map[string]int{}
		exemplar := map[string]*Found{}
		fixed := false
		var cued *Found
		for _, f := range fs {
			fixed = fixed || f.Gaz != nil && f.Type != City
			votes[f.Type]++
			if exemplar[f.Type] == nil {
				exemplar[f.Type] = f
			}
			if f.Cued && cued == nil {
				cued = f
			}
		}
		if fixed || len(votes) < 2 {
			continue
		}
		// A type the text itself gives ("the Zorbist movement") outvotes the tagger.
		if cued != nil {
			votes[cued.Type] = len(fs) + 1
		}
		win := ""
		for t, n := range votes {
			if win == "" || n > votes[win] || n == votes[win] && (t == Person || win != Person && t < win) {
				win = t
			}
		}
		e := exemplar[win]
		for _, f := range fs {
			if f.Type != win {
				f.Type, f.Name, f.Gaz = e.Type, e.Name, e.Gaz
			}
		}
	}
}

// sportsWords are words that sports reports use and other news rarely does.
var sportsWords = map[string]bool{
	"goal": true, "goals": true, "scored": true, "scoring": true, "match": true, "referee": true,
	"penalty": true, "tournament": true, "striker": true, "goalkeeper": true, "midfielder": true,
	"defender": true, "coach": true, "league": true, "header": true, "squad": true, "fixture": true,
	"semi-final": true, "quarter-final": true, "semifinal": true, "quarterfinal": true,
	"championship": true, "medal": true, "olympic": true, "olympics": true, "innings": true,
	"wicket": true, "halftime": true, "half-time": true, "equaliser": true, "equalizer": true,
	"kick-off": true, "stadium": true, "fifa": true, "uefa": true, "playoff": true, "playoffs": true,
}

// nationalTeams: in a sports report a country that plays ("Sweden defeated South Korea 1 – 0",
// "a third goal for Belgium") is its national team, an organisation tied to the country, and
// not the country itself; a country where something happens ("in Russia") stays a country.
func nationalTeams(d *Document) {
	distinct, total := map[string]bool{}, 0
	for _, t := range d.Tokens {
		if w := strings.ToLower(t.Text); sportsWords[w] {
			distinct[w] = true
			total++
		}
	}
	if len(distinct) < 3 || total < 4 {
		return
	}
	// Digests mix stories: only a sentence about sport, or next to one, reads countries as teams.
	strong := make([]bool, len(d.Sentences))
	weak := make([]bool, len(d.Sentences))
	for i, t := range d.Tokens {
		w := strings.ToLower(t.Text)
		if t.Sent < len(strong) {
			strong[t.Sent] = strong[t.Sent] || sportsWords[w] || matchClock(d.Tokens, i) || scoreAt(d.Tokens, i)
			weak[t.Sent] = weak[t.Sent] || gameWords[w]
		}
	}
	sporty := func(s int) bool {
		if s < 0 || s >= len(strong) {
			return false
		}
		return strong[s] || weak[s] && (s > 0 && strong[s-1] || s+1 < len(strong) && strong[s+1])
	}
	for _, f := range d.Mentions {
		// England, Scotland, Queensland: regions field teams too.
		if f.Type != Country && !(f.Type == Place && f.Gaz != nil && f.Gaz.Type == gazetteer.Region) || f.Gaz == nil || f.Kind != KindName && f.Kind != KindAlias {
			continue
		}
		i := d.TokenAt(f.Start)
		if i > 0 && placePrepositions[strings.ToLower(d.Tokens[i-1].Text)] || i >= len(d.Tokens) || !sporty(d.Tokens[i].Sent) {
			continue
		}
		if i > 1 && d.Tokens[i-1].Text == "," && placeEndsAt(d, d.Tokens[i-2].End) {
			continue // "in Skelleftea, Sweden": the country a place lies in
		}
		country := &Found{Span: f.Span, Kind: KindName, Type: Country, Name: f.Gaz.Name, Gaz: f.Gaz, Context: f.Span}
		f.Type, f.Name, f.Gaz, f.Of, f.Kind = Organization, country.Name+" national team", nil, country, KindName
	}
}

// placeEndsAt: a city's or place's mention ends at offset end.
func placeEndsAt(d *Document, end int) bool {
	for _, g := range d.Mentions {
		if g.End == end && (g.Type == City || g.Type == Place) {
			return true
		}
	}
	return false
}

// matchClock: token i is "minute" after an ordinal, the time of a match ("in the 62nd minute").
func matchClock(toks []Token, i int) bool {
	if w := toks[i].Text; i == 0 || w != "minute" && w != "minutes" {
		return false
	}
	return ordinal(toks[i-1].Text)
}

// scoreAt: tokens i.. are a score, "1 – 0" or "3-2".
func scoreAt(toks []Token, i int) bool {
	if a, b, ok := strings.Cut(toks[i].Text, "-"); ok && len(a) <= 2 && len(b) <= 2 && isDigits(a) && isDigits(b) {
		return true
	}
	return i+2 < len(toks) && len(toks[i].Text) <= 2 && isDigits(toks[i].Text) && (toks[i+1].Text == "–" || toks[i+1].Text == "-") &&
		len(toks[i+2].Text) <= 2 && isDigits(toks[i+2].Text) && toks[i].Sent == toks[i+2].Sent
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// gameWords mark a sentence about a game when a sentence next to it is about sport.
var gameWords = map[string]bool{"game": true, "games": true, "ball": true, "points": true,
	"defeated": true, "beat": true, "victory": true, "lead": true, "team": true, "side": true,
	"players": true, "played": true, "faced": true, "win": true, "won": true, "winning": true,
	"draw": true, "drew": true, "against": true, "possession": true, "half": true}

// placePrepositions put a country in the role of a place.
var placePrepositions = map[string]bool{"in": true, "at": true, "from": true, "into": true,
	"across": true, "throughout": true, "inside": true, "near": true, "hosted": true}

func kindOf(f *Found) string {
	if f.Kind == "" {
		return KindName
	}
	return f.Kind
}

// identity gives the stable entity id of what a mention refers to, and its canonical name.
func identity(f *Found) (id, name string) {
	switch {
	case f.Type == "Title" || f.Type == "":
		return "", ""
	case f.Of != nil && f.Kind != KindName: // acronyms and aliases point at their long form
		return identity(f.Of)
	case f.Gaz != nil:
		return f.Gaz.ID, f.Gaz.Name
	case f.Type == Date:
		return "date/" + f.Value, f.Value
	case f.Type == Event && f.Value != "":
		return "event/" + Slug(f.Name) + "-" + strings.TrimLeft(f.Value, "-"), f.Name
	}
	return typePrefix(f.Type) + Slug(f.Name), f.Name
}

func typePrefix(t string) string {
	switch t {
	case Organization:
		return "org/"
	default:
		return strings.ToLower(t) + "/"
	}
}

// Slug turns a name into the readable part of an entity id: "Jeyhun Bayramov" -> "jeyhun-bayramov".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(foldAccent(r)))
		case r == '\'' || r == '’' || r == '.':
		default:
			dash = true
		}
	}
	return b.String()
}

// foldAccent maps the common Latin accented letters to their base letter so that "Türkiye" and
// "Turkiye" give one slug.
func foldAccent(r rune) rune {
	const from = "àáâãäåāăąçćčďèéêëēėęěğìíîïīįıñńňòóôõöøōőřśşšťùúûüūůűųýÿźżžÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĖĘĚĞÌÍÎÏĪĮİÑŃŇÒÓÔÕÖØŌŐŘŚŞŠŤÙÚÛÜŪŮŰŲÝŸŹŻŽ"
	const to = "aaaaaaaaacccdeeeeeeeegiiiiiiinnnooooooooorsssstuuuuuuuuyyzzzAAAAAAAAACCCDEEEEEEEEGIIIIIIINNNOOOOOOOORSSSTUUUUUUUUYYZZZ"
	if r < 0xC0 {
		return r
	}
	i := 0
	for _, f := range from {
		if f == r {
			return rune(to[i])
		}
		i++
	}
	return r
}

func finishEntity(d *Document, e *Entity) {
	sort.SliceStable(e.Mentions, func(i, j int) bool {
		if e.Mentions[i].Start != e.Mentions[j].Start {
			return e.Mentions[i].Start < e.Mentions[j].Start
		}
		return e.Mentions[i].End < e.Mentions[j].End
	})
	// Drop duplicate mentions (the same span found twice).
	out := e.Mentions[:0]
	for i, m := range e.Mentions {
		if i > 0 && m.Start == e.Mentions[i-1].Start && m.End == e.Mentions[i-1].End {
			continue
		}
		out = append(out, m)
	}
	e.Mentions = out
	if e.Type == Date {
		return
	}
	seen := map[string]bool{e.Name: true}
	for _, a := range e.Aliases {
		seen[a] = true
	}
	for _, m := range e.Mentions {
		if strings.ContainsAny(m.Text, "()") {
			continue
		}
		if (m.Kind == KindAcronym || m.Kind == KindAlias || m.Kind == KindName) && !seen[m.Text] && !isAllCaps(m.Text) || m.Kind == KindAcronym && !seen[m.Text] {
			seen[m.Text] = true
			e.Aliases = append(e.Aliases, m.Text)
		}
	}
}

// addAliasMentions finds the later, shorter references to names the article has introduced:
// acronyms defined in brackets, surnames of people, the first word of an organisation's name.
func addAliasMentions(d *Document) {
	type target struct {
		f    *Found
		kind string
	}
	aliases := map[string]*target{}
	ambiguous := map[string]bool{}
	// people who share a surname ("Ahmed Mohamed", his father "Mohamed El-Hassan Mohamed"):
	// the surname alone is the one named last before it (see pick)
	namesakes := map[string][]*Found{}
	firsts := map[string][]*Found{} // first names of people named in full
	set := func(a string, f *Found, kind string) {
		if t, ok := aliases[a]; ok && identityOf(t.f) != identityOf(f) {
			if t.f.Type == Person && f.Type == Person && kind == KindAlias && t.kind == KindAlias {
				if len(namesakes[a]) == 0 {
					namesakes[a] = []*Found{t.f}
				}
				namesakes[a] = append(namesakes[a], f)
				return
			}
			ambiguous[a] = true
			return
		}
		if _, ok := aliases[a]; !ok {
			aliases[a] = &target{f, kind}
		}
	}
	var index *namesakeIndex // built once the mentions that pick reads are all there
	// pick is the target of alias a at byte offset off.
	pick := func(a string, off int) (*target, bool) {
		t, ok := aliases[a]
		if !ok || ambiguous[a] {
			return nil, false
		}
		if ns := namesakes[a]; len(ns) > 0 {
			return &target{index.pick(a, off), t.kind}, true
		}
		return t, true
	}
	for _, f := range d.Mentions {
		switch {
		case f.Kind == KindAcronym && f.Of != nil:
			set(d.Text[f.Start:f.End], f.Of, KindAcronym)
		case f.Type == Person && f.Kind == KindName:
			words := strings.Fields(f.Name)
			if len(words) > 1 {
				set(words[len(words)-1], f, KindAlias)
				firsts[words[0]] = append(firsts[words[0]], f)
			}
		case f.Type == Organization && f.Kind == KindName && f.Gaz == nil:
			words := strings.Fields(f.Name)
			// "Church of Scientology": "Scientology" names it too.
			if len(words) == 3 && words[1] == "of" && isHead(words[0]) && !isHead(words[2]) {
				set(words[2], f, KindAlias)
			}
			if len(words) > 1 && shortNameHeads[words[len(words)-1]] && !connectors[words[1]] && !orgHeads[words[0]] && !commonCapitalized[words[0]] && !functionWords[strings.ToLower(words[0])] {
				set(words[0], f, KindAlias)
			}
		}
	}
	// A person named in full elsewhere, inside an institution's name: "Andy Warhol Foundation".
	// People are looked up by name, not scanned for every institution: the first person of
	// the mentions whose name begins the institution's name is the one taken.
	var nested []*Found
	fullNames := map[string]int{} // name -> index of its first mention
	personSpans := map[Span]bool{}
	for i, p := range d.Mentions {
		if p.Type == Person {
			personSpans[p.Span] = true
		}
		if _, seen := fullNames[p.Name]; !seen && p.Type == Person && p.Kind == KindName && strings.Contains(p.Name, " ") {
			fullNames[p.Name] = i
		}
	}
	for _, f := range d.Mentions {
		if f.Type != Organization && f.Type != Place && f.Type != Event || f.Gaz != nil || f.Kind != KindName {
			continue
		}
		first := -1
		for i := strings.IndexByte(f.Name, ' '); i >= 0 && len(fullNames) > 0; {
			name := f.Name[:i]
			if j, ok := fullNames[name]; ok && (first < 0 || j < first) && f.Start+len(name) <= len(d.Text) && d.Text[f.Start:f.Start+len(name)] == name {
				first = j
			}
			k := strings.IndexByte(f.Name[i+1:], ' ')
			if k < 0 {
				break
			}
			i += 1 + k
		}
		if first >= 0 {
			name := d.Mentions[first].Name
			sp := Span{f.Start, f.Start + len(name)}
			nested = append(nested, &Found{Span: sp, Kind: KindName, Type: Person, Name: name, Context: sp})
		}
	}
	for _, n := range nested {
		if !personSpans[n.Span] {
			d.Mentions = append(d.Mentions, n)
			personSpans[n.Span] = true
		}
	}
	// A first name stands for a person when one person of the article has it ("Gloria").
	for w, fs := range firsts {
		one := true
		for _, f := range fs[1:] {
			one = one && identityOf(f) == identityOf(fs[0])
		}
		if _, taken := aliases[w]; one && !taken && !honorifics[w] {
			set(w, fs[0], KindAlias)
		}
	}
	// A one-word name that the article calls an organisation ("the Zorbist movement") names it
	// wherever else it is written, unless it is also part of a person's full name there.
	personWords := map[string]bool{}
	for _, f := range d.Mentions {
		if ws := strings.Fields(d.Text[f.Start:f.End]); f.Type == Person && len(ws) > 1 {
			for _, w := range ws {
				personWords[w] = true
			}
		}
	}
	for _, f := range d.Mentions {
		w := d.Text[f.Start:f.End]
		if _, taken := aliases[w]; f.Cued && f.Type == Organization && f.Gaz == nil && f.Kind == KindName &&
			!strings.Contains(w, " ") && !taken && !personWords[w] {
			set(w, f, KindName)
		}
	}
	if len(aliases) == 0 {
		return
	}
	index = newNamesakeIndex(d, namesakes)
	// Names found on their own (by the tagger) that are an alias of a longer name: "Bayramov".
	for _, f := range d.Mentions {
		a, ok := pick(d.Text[f.Start:f.End], f.Start)
		if !ok || f.Of != nil || f.Kind != KindName || f == a.f || f.Title != "" && a.f.Type != Person {
			continue
		}
		// "President Bush" beside "First Lady Laura Bush", "King Abdullah" beside "President
		// Abdullah Gul": another title, another person ("Prince Saud" is Prince Saud al-Faisal).
		if f.Title != "" && a.f.Type == Person && a.f.Title != "" && !compatibleTitles(f.Title, a.f.Title) {
			continue
		}
		// A gazetteer name gives way only to a person named in full in the same article:
		// "Paris" after "Valeska Paris" is her, but "Georgia" stays a country.
		if f.Gaz != nil && (a.f.Type != Person || f.Type != City) {
			continue
		}
		before, was := index.countedID(f)
		f.Kind, f.Type, f.Name, f.Gaz, f.Of = a.kind, a.f.Type, a.f.Name, a.f.Gaz, a.f
		index.change(f, before, was)
	}
	covered := make([]bool, len(d.Tokens))
	for _, f := range d.Mentions {
		markCovered(d, covered, f.Span)
	}
	for i, t := range d.Tokens {
		if covered[i] {
			continue
		}
		a, ok := pick(t.Text, t.Start)
		if !ok {
			continue
		}
		f := &Found{Span: Span{t.Start, t.End}, Kind: a.kind, Type: a.f.Type,
			Name: a.f.Name, Gaz: a.f.Gaz, Of: a.f, Context: Span{t.Start, t.End}}
		d.Mentions = append(d.Mentions, f)
		index.insert(f)
	}
	// "bin Laden", "de Villepin": a surname keeps the particle the full name gives it
	for _, f := range d.Mentions {
		if f.Type != Person || f.Kind != KindAlias {
			continue
		}
		k := d.TokenAt(f.Start)
		if k == 0 || k >= len(d.Tokens) || d.Tokens[k].Start != f.Start {
			continue
		}
		p := d.Tokens[k-1]
		if nameParticles[p.Text] && p.End+1 == f.Start && strings.Contains(f.Name, " "+p.Text+" "+d.Text[f.Start:f.End]) {
			f.Span.Start, f.Context.Start = p.Start, min(f.Context.Start, p.Start)
		}
	}
}

// compatibleTitles: one title is the other or a part of it ("Secretary", "Secretary of State").
func compatibleTitles(a, b string) bool {
	a, b = " "+strings.ToLower(a)+" ", " "+strings.ToLower(b)+" "
	return strings.Contains(a, b) || strings.Contains(b, a)
}

// namesake chooses among people who share a surname the one its use at off refers to: the one
// named in full most often before off (the story's subject, whose father is "Mohamed
// El-Hassan Mohamed" once), the latest named on a tie, or the first named after off when none
// is named before.
func namesake(d *Document, ns []*Found, off int) *Found {
	count := map[string]int{}
	for _, f := range d.Mentions {
		if f.Start < off && f.Type == Person && f.Kind == KindName {
			count[identityOf(f)]++
		}
	}
	var best *Found
	for _, f := range ns {
		switch {
		case best == nil:
			best = f
		case f.Start < off && best.Start > off:
			best = f
		case f.Start < off && count[identityOf(f)] > count[identityOf(best)]:
			best = f
		case f.Start < off && count[identityOf(f)] == count[identityOf(best)] && f.Start > best.Start:
			best = f
		}
	}
	return best
}

// shortNameHeads end the names of companies and media whose first word alone names them too
// ("Trend" for Trend News Agency, "Gazprom" for Gazprom Group).
var shortNameHeads = setOf("Agency", "News", "Group", "Corporation", "Corp.", "Company", "Inc.",
	"Ltd.", "Times", "Post", "Press", "Airlines", "Airways", "Holdings", "Industries", "Television",
	"Radio", "Channel", "Network", "Motors", "Bank")

// honorifics never stand alone for a person.
var honorifics = setOf("Mr.", "Mrs.", "Ms.", "Dr.", "Sir", "Lord", "Lady", "Prof.")

// commonCapitalized are words that begin many organisation names without naming them.
var commonCapitalized = setOf("National", "International", "United", "European", "World", "General",
	"Central", "Federal", "State", "New", "North", "South", "East", "West", "American", "British",
	"Islamic", "Supreme", "Royal", "Foreign", "Defense", "Defence", "Interior", "Security", "Human",
	"Global", "Democratic", "Republican", "Social", "People's", "Peoples", "Popular", "Free")

func identityOf(f *Found) string { id, _ := identity(f); return id }

// governmentTitles are titles whose holder serves a country even when the text names none.
var governmentTitles = setOf("President", "Prime Minister", "Foreign Minister", "Defence Minister",
	"Defense Minister", "Interior Minister", "Finance Minister", "Vice President", "King", "Queen",
	"Chancellor", "Premier", "Deputy Prime Minister", "Minister")

// addRoles records the positions that titles before names state.
func addRoles(d *Document) {
	for _, f := range d.Mentions {
		if f.Title == "" || f.Entity == nil {
			continue
		}
		p := Position{Title: f.Title, Former: f.Former, Evidence: d.sentenceSpan(f.Start)}
		if f.TitleOf != nil {
			p.Of = identityOf(f.TitleOf)
		}
		dup := false
		for _, q := range f.Entity.Roles {
			if q.Title == p.Title && q.Of == p.Of {
				dup = true
			}
		}
		if !dup {
			f.Entity.Roles = append(f.Entity.Roles, p)
		}
	}
}

// dominantCountry is the country the article mentions most, when one clearly leads.
func dominantCountry(d *Document) string {
	best, n, second := "", 0, 0
	for _, e := range d.Entities {
		if e.Type != Country {
			continue
		}
		if len(e.Mentions) > n {
			best, second, n = e.ID, n, len(e.Mentions)
		} else if len(e.Mentions) > second {
			second = len(e.Mentions)
		}
	}
	if n >= 2 && n > second {
		return best
	}
	return ""
}

func (d *Document) sentenceSpan(off int) Span {
	if len(d.Sentences) == 0 {
		return Span{}
	}
	s := d.Sentences[d.SentenceOf(off)]
	return Span{s.Start, s.End}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
