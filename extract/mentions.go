package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
)

// Mentions finds the names in the text: gazetteer names (countries, demonyms, organisations,
// cities, titles), title + name patterns, organisation, place, event and agreement names by their
// head words, long names with their acronym in brackets, and names the statistical tagger marks.
type Mentions struct {
	Gaz *gazetteer.Gazetteer
}

// Heads: the last word of a capitalised name tells what it names.
var orgHeads = setOf("International", "Command", "Ministry", "Council", "Agency", "Party", "Forces", "Force", "Army", "Navy",
	"Organization", "Organisation", "Union", "Committee", "Commission", "Bank", "Company",
	"Corporation", "Corp.", "Inc.", "Ltd.", "Group", "Association", "Front", "Movement",
	"University", "Institute", "Court", "Parliament", "Assembly", "Department", "Office",
	"Service", "Services", "Police", "Government", "Administration", "Fund", "Federation",
	"League", "Alliance", "Coalition", "Brigade", "Brigades", "Authority", "Board", "Bureau",
	"Secretariat", "Cabinet", "Congress", "Senate", "Foundation", "Network", "Airlines",
	"Airways", "Times", "Post", "News", "Press", "Television", "Radio", "Channel", "Guard",
	"Taliban", "Embassy", "Club", "Weekly", "Daily", "Herald", "Tribune", "Journal", "Gazette", "Municipality", "Society", "Trust", "Industries",
	"Holdings", "Partnership", "Programme", "Program", "Process", "Initiative", "Mission",
	"Tribunal", "Cooperation", "Co-operation", "Community", "Church", "Guards", "Corps", "Legion")

// tradeHeads end a company's name by its trade: "Raytheon Technologies", "BAE Systems".
var tradeHeads = setOf("Technologies", "Systems", "Aerospace", "Dynamics", "Electronics", "Motors",
	"Pharmaceuticals", "Petroleum", "Communications", "Telecom", "Shipbuilding", "Laboratories",
	"Properties", "Investments", "Enterprises", "Ventures", "Securities", "Logistics", "Chemicals", "Resources")

func init() {
	for w := range tradeHeads {
		orgHeads[w] = true
	}
}

var placeHeads = setOf("River", "Mountains", "Mountain", "Mount", "Province", "Region", "Valley",
	"Sea", "Ocean", "Island", "Islands", "Strait", "Gulf", "Desert", "District", "County", "State",
	"Peninsula", "Lake", "Bay", "Basin", "Plateau", "Square", "Street", "Airport", "Port", "Canal",
	"Coast", "Strip", "Bank", "Heights", "Camp", "Prefecture", "Governorate", "Territory", "Center",
	"Centre", "Museum", "Hall", "Stadium", "Arena", "Park", "Bridge", "Palace", "Cathedral", "Mosque",
	// Facilities: news reports where things happen at a station, a tower, a hotel, a base.
	"Station", "Tower", "Towers", "Base", "Planetarium", "Hotel", "Road", "Avenue", "Boulevard",
	"Highway", "Complex", "Memorial", "Cave", "Caves", "Facility", "Terminal", "Plaza", "Monument",
	"Zoo", "Cemetery", "Prison", "Mall", "Harbour", "Harbor", "Pier", "Dam", "Tunnel", "Canyon",
	"Glacier", "Building")

var affixes = setOf("pro", "anti", "non", "ex", "post", "pre", "mid", "neo", "pan", "trans", "un")

// notOrgAcronyms are capitalised abbreviations that do not name an organisation.
var notOrgAcronyms = setOf("TV", "GDP", "AIDS", "HIV", "CEO", "DNA", "PM", "AM", "OK", "ID", "PC",
	"IT", "AI", "IQ", "USB", "PDF", "GPS", "SUV", "DVD", "CD", "MP", "VIP", "SMS", "RNA", "LGBT",
	"PR", "HQ", "UFO", "ATM", "IP", "URL", "FAQ", "IE", "VR", "CO2", "COVID", "SARS", "MERS", "TB")

var captionWords = setOf("Image", "Photo", "Picture", "Video", "Source", "Credit", "File", "Graphic", "Map")

var directions = setOf("North", "South", "East", "West", "Northern", "Southern", "Eastern",
	"Western", "Central", "Upper", "Lower")

var eventHeads = setOf("Summit", "Conference", "Forum", "Games", "Olympics", "War", "Cup",
	"Championship", "Championships", "Festival", "Congress", "Election", "Elections", "Revolution",
	"Crisis", "Uprising", "Talks", "Meeting", "Expo", "Exhibition", "Marathon", "Tournament", "Open",
	"Classic", "Masters", "Prix")

// partyMembers say which party the person named next belongs to.
var partyMembers = setOf("Democrat", "Republican", "Conservative", "Socialist", "Communist", "Liberal",
	"Labourite", "Tory", "Independent", "Democratic")

// competitionHeads end the names of competitions that begin with a place: "Australian Open".
var competitionHeads = setOf("Open", "Classic", "Masters", "Marathon", "Games", "Cup", "Championships",
	"Championship", "Grand")

// titlePossessive: a title word with a possessive before a name begins an organisation's name
// ("the Lord's Resistance Army"), it titles no one.
func titlePossessive(d *Document, seg segment, s Sentence) bool {
	toks := d.Tokens
	j := seg.last
	return seg.hit != nil && seg.hit.Entry.Type == gazetteer.Title && j+1 < s.Last &&
		(toks[j].Text == "'s" || toks[j].Text == "’s") && isNameWord(toks[j+1].Text)
}

// cityCompetition: "the Sydney International tournament", "the Dubai Classic event": a word
// that names competitions only with a competition noun after it ("Amnesty International" is
// no tournament).
func cityCompetition(toks []Token, j int, s Sentence) bool {
	return (toks[j].Text == "International" || toks[j].Text == "Trophy") && j+1 < s.Last && competitionNouns[strings.ToLower(toks[j+1].Text)]
}

var competitionNouns = setOf("tournament", "tourney", "event", "race", "meet", "meeting", "regatta", "final", "finals", "semifinal", "semifinals")

// cityBodyHead: a city's name before an organisation's head word is that body's name ("the
// Warsaw Pact", "the Moscow Times", "Kabul University"), not the city.
func cityBodyHead(seg segment, w string) bool {
	return seg.hit.Entry.Type == gazetteer.City && seg.hit.Form != gazetteer.FormDemonym && (orgHeads[w] || w == "Pact")
}

var eventNouns = setOf("summit", "conference", "talks", "forum", "meeting", "elections",
	"election", "referendum", "games", "war", "crisis", "visit", "ceremony", "parade")

var agreementHeads = setOf("Document", "Agreement", "Treaty", "Accord", "Accords",
	"Declaration", "Charter", "Convention", "Protocol", "Memorandum", "Pact", "Resolution",
	"Act", "Plan", "Deal", "Framework")

// connectors may sit inside a capitalised name ("Ministry of Foreign Affairs", "Partnership for
// Peace") when a capitalised word follows them.
// nameParticles are the lower-case words inside people's names.
var nameParticles = setOf("de", "del", "della", "di", "da", "dos", "das", "du", "van", "von", "der",
	"den", "bin", "ibn", "al", "el", "le", "ter", "ten", "y")

var connectors = setOf("of", "for", "and", "&", "the", "de", "du", "la", "von", "van", "der", "al", "bin")

// functionWords start sentences capitalised without starting a name.
var functionWords = setOf("the", "a", "an", "this", "that", "these", "those", "in", "on", "at",
	"for", "with", "by", "from", "after", "before", "during", "when", "while", "it", "he", "she",
	"they", "we", "i", "but", "and", "or", "as", "if", "his", "her", "its", "their", "our", "some",
	"many", "most", "all", "both", "one", "two", "there", "here", "what", "who", "how", "why",
	"meanwhile", "however", "also", "since", "until", "under", "over", "about", "against", "among")

// formerMarkers before a title mark the position as past.
var formerMarkers = setOf("late", "former", "ex", "then", "ousted", "deposed", "outgoing", "retired")

// Process adds the mentions it finds to d.Mentions.
// gazetteer is the stage's gazetteer, or the default one.
func (m Mentions) gazetteer() *gazetteer.Gazetteer {
	if m.Gaz != nil {
		return m.Gaz
	}
	return gazetteer.Default()
}

func (m Mentions) Process(d *Document) {
	g := m.gazetteer()
	covered := make([]bool, len(d.Tokens))
	for _, f := range d.Mentions { // dates found earlier
		markCovered(d, covered, f.Span)
	}
	shout := make([]bool, len(d.Sentences))
	for si, s := range d.Sentences {
		if shout[si] = shouting(d, s); shout[si] {
			continue // read once the body's names are known
		}
		found := m.sentence(d, g, s, covered)
		d.Mentions = append(d.Mentions, found...)
	}
	d.Mentions = append(d.Mentions, headlineMentions(d, g, shout, d.Mentions, covered)...)
	datelinePlaces(d)
	leadersAdministrations(d)
	sportsResults(d)
	scorecards(d)
	companiesAndClubs(d)
	numberedUnits(d)
	cityTeams(d)
	dropCommodities(d)
	dropProducts(d)
	d.Mentions = dropNonNames(d.Mentions)
	d.Mentions = nameSuffixes(d)
}

// nameSuffixes: "Trevor Smith, Jr.", "Martin Luther King Jr.": a generation suffix belongs to
// the person's name, never a person of its own.
func nameSuffixes(d *Document) []*Found {
	byStart := map[int]*Found{}
	for _, f := range d.Mentions {
		byStart[f.Start] = f
	}
	drop := map[*Found]bool{}
	for _, f := range d.Mentions {
		if f.Type != Person || f.Kind != KindName {
			continue
		}
		k := d.TokenAt(f.End)
		if k < len(d.Tokens) && d.Tokens[k].Text == "," && d.Tokens[k].Start == f.End {
			k++
		}
		if k >= len(d.Tokens) || !generationSuffixes[d.Tokens[k].Text] || d.Tokens[k].Start > f.End+2 {
			continue
		}
		if g := byStart[d.Tokens[k].Start]; g != nil && g != f {
			drop[g] = true
		}
		f.Span.End = d.Tokens[k].End
		f.Context.End = max(f.Context.End, f.End)
		f.Name = d.Text[f.Start:f.End]
	}
	if len(drop) == 0 {
		return d.Mentions
	}
	out := d.Mentions[:0]
	for _, f := range d.Mentions {
		if !drop[f] {
			out = append(out, f)
		}
	}
	return out
}

var generationSuffixes = setOf("Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV")

// openingMarks are marks after which a sentence's words begin anew.
var openingMarks = setOf("—", "–", "--", ":", "\"", "“", "``")

// rankWords make titles, not names: a capitalised run of them alone ("Deputy", "Chief
// Cabinet", "Senate Majority" before "leader") is part of someone's title.
var rankWords = setOf("deputy", "chief", "cabinet", "majority", "minority", "senior", "acting",
	"assistant", "vice", "secretary", "general", "director", "director-general", "attorney",
	"coordinator", "resident", "leader", "speaker", "minister", "president", "executive", "principal",
	"undersecretary", "under-secretary", "associate", "interim", "first", "lady")

// dropNonNames removes mentions that are no names: a day or month name read as a person or an
// organisation ("Prime Minister X Tuesday announced"), a run of rank words read as an
// organisation ("Deputy Attorney General X").
func dropNonNames(ms []*Found) []*Found {
	out := ms[:0]
	for _, f := range ms {
		if _, day := weekdays[f.Name]; day && f.Gaz == nil && (f.Type == Person || f.Type == Organization || f.Type == Place) {
			continue // "at The Oval on Thursday"
		}
		if groupWords[f.Name] && f.Gaz == nil && f.Kind == KindName {
			continue // "Muslim", "Roman Catholic", "Western": a faith or a bloc, no one named
		}
		if f.Type == Person || f.Type == Organization {
			if _, month := months[f.Name]; month && f.Gaz == nil && f.Type == Person {
				continue
			}
			if f.Type == Organization && f.Gaz == nil && f.Kind == KindName && allRankWords(f.Name) {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// middleHonorifics are honorifics that Arabic names carry between given name and family name.
var middleHonorifics = setOf("Sheikh", "Shaikh", "Sheik")

// groupWords name faiths, their branches and blocs: what people belong to, never a named
// person, organisation or place on their own.
var groupWords = setOf("Muslim", "Muslims", "Christian", "Christians", "Catholic", "Catholics",
	"Roman Catholic", "Roman Catholics", "Protestant", "Protestants", "Orthodox", "Buddhist",
	"Buddhists", "Hindu", "Hindus", "Jewish", "Jew", "Jews", "Sunni", "Sunnis", "Shiite",
	"Shiites", "Shia", "Sikh", "Sikhs", "Western", "Westerners", "Islamist", "Islamists",
	"Evangelical", "Anglican", "Lutheran", "Methodist", "Baptist", "Mormon", "Coptic", "Copts")

func allRankWords(name string) bool {
	ws := strings.Fields(strings.ToLower(name))
	for _, w := range ws {
		if !rankWords[w] {
			return false
		}
	}
	return len(ws) > 0
}

// leadersAdministrations types the one word before "administration" as the person who leads
// it ("the Bush administration", "the Obama administration"), unless a list knows the word.
func leadersAdministrations(d *Document) {
	for _, f := range d.Mentions {
		if f.Kind != KindName || f.Type == Person || f.Gaz != nil {
			continue
		}
		i := d.TokenAt(f.Start)
		if i < 0 || i+1 >= len(d.Tokens) || d.Tokens[i].End != f.End || d.Tokens[i+1].Text != "administration" {
			continue
		}
		f.Type = Person
	}
}

func markCovered(d *Document, covered []bool, sp Span) {
	for i := d.TokenAt(sp.Start); i < len(d.Tokens) && d.Tokens[i].Start < sp.End; i++ {
		covered[i] = true
	}
}

// segment is a labelled stretch of a sentence: a gazetteer hit or a capitalised run.
type segment struct {
	first, last int // tokens [first, last)
	span        Span
	hit         *gazetteer.Hit
}

func (m Mentions) sentence(d *Document, g *gazetteer.Gazetteer, s Sentence, covered []bool) []*Found {
	toks := d.Tokens
	var segs []segment
	for i := s.First; i < s.Last; {
		// a capitalised function word where a sentence or clause begins is no name's start:
		// "The Army said", "WASHINGTON — The U.S. Army awarded"
		// nor is "Former" ("Former U.N. Secretary-General Kofi Annan": the title reads it)
		if covered[i] || (i == s.First || openingMarks[toks[i-1].Text]) && (functionWords[strings.ToLower(toks[i].Text)] || formerMarkers[strings.ToLower(toks[i].Text)] && toks[i].Text != "Late") {
			i++
			continue
		}
		if seg, ok := gazetteerSegment(d, g, i, s.Last, covered); ok && !titlePossessive(d, seg, s) {
			if j := seg.last; j < s.Last && !covered[j] && (competitionHeads[toks[j].Text] || cityBodyHead(seg, toks[j].Text) || cityCompetition(toks, j, s)) && seg.hit.Entry.Type != gazetteer.Title {
				// "the Australian Open", "the Chennai Open", "the Asian Games": a place's
				// competition is one name, not the place
				end := j + 1
				if k := capitalRun(d, j, s, covered, g); k > end {
					end = k
				}
				segs = append(segs, segment{first: i, last: end, span: Span{toks[i].Start, toks[end-1].End}})
				i = end
				continue
			}
			segs = append(segs, seg)
			i = seg.last
			continue
		}
		if strings.Contains(toks[i].Text, "-") {
			if hs := hyphenHits(d, g, i); len(hs) > 0 {
				segs = append(segs, hs...)
				i++
				continue
			}
		}
		if j := capitalRun(d, i, s, covered, g); j > i {
			segs = append(segs, segment{first: i, last: j, span: Span{toks[i].Start, toks[j-1].End}})
			i = j
			continue
		}
		// Names inside hyphenated words: "Azerbaijan-Armenia", "NATO-led".
		segs = append(segs, hyphenHits(d, g, i)...)
		i++
	}
	var out []*Found
	for k := 0; k < len(segs); k++ {
		seg := segs[k]
		if seg.hit != nil {
			f := foundFromHit(d, seg)
			if f == nil {
				continue
			}
			if f.Type == "Title" {
				if p, next := titledPerson(d, segs, k, s, out); p != nil {
					if p.TitleOf != nil && p.TitleOf.Start > seg.span.Start {
						out = append(out, p.TitleOf) // "Prime Minister of Iraq ..."
					}
					if p.Host != nil {
						out = append(out, p.Host) // "Ambassador to the United States ..."
					}
					out = append(out, p)
					k = next - 1
				} else if in := institutionAfterTitle(d, segs, k); in != nil {
					// "Duke University", "Doctor Zhivago Society": a title word that begins an
					// institution's name.
					for _, f := range m.classifyRun(d, *in, s) {
						out = append(out, f)
						if f.Type == Organization || f.Type == Place {
							out = append(out, nestedPlaces(d, g, f)...)
						}
					}
					k++
				}
				continue
			}
			if f.Type == Country {
				if p, next := counterpart(d, segs, k, f, s, out); p != nil {
					out = append(out, f, p)
					k = next - 1
					continue
				}
			}
			// A place name and a place head: "Gaza Strip", "Kashmir Valley".
			if (f.Type == City || f.Type == Country || f.Type == Place && f.Gaz != nil && f.Gaz.Type == gazetteer.Region && f.Kind == KindName) &&
				k+1 < len(segs) && segs[k+1].hit == nil &&
				segs[k+1].first == seg.last && placeHeads[toks[segs[k+1].last-1].Text] {
				sp := Span{seg.span.Start, segs[k+1].span.End}
				out = append(out, &Found{Span: sp, Kind: KindName, Type: Place, Name: d.Text[sp.Start:sp.End], Context: sp})
				k++
				continue
			}
			// Demonym or country followed by a national body: "the Azerbaijani Ministry of Foreign Affairs".
			region := f.Type == Place && f.Gaz != nil && f.Gaz.Type == gazetteer.Region && f.Kind == KindName
			if (f.Type == Country || f.Type == City && f.Kind != KindDemonym || region) && k+1 < len(segs) {
				if body := nationalBody(d, f, seg, segs[k+1]); body != nil {
					out = append(out, f, body)
					k++
					continue
				}
			}
			// An organisation's acronym before one of its bodies: "the U.N. Security Council",
			// "the EU Commission" name the body, one organisation (docs/annotation.md).
			if f.Type == Organization && f.Kind == KindAcronym && f.Gaz != nil && k+1 < len(segs) && segs[k+1].first == seg.last {
				next := segs[k+1]
				name := ""
				switch {
				case next.hit != nil && next.hit.Entry.Type == gazetteer.Organization && next.hit.Form != gazetteer.FormAcronym:
					name = next.hit.Entry.Name
				case next.hit == nil && orgHeads[toks[next.last-1].Text]:
					name = d.Text[next.span.Start:next.span.End]
				}
				if name != "" && !strings.HasPrefix(name, f.Gaz.Name) {
					sp := Span{seg.span.Start, next.span.End}
					out = append(out, &Found{Span: sp, Kind: KindName, Type: Organization, Name: f.Gaz.Name + " " + name, Context: sp})
					k++
					continue
				}
			}
			// A broadcaster's outlet: "BBC News", "Voice of America Radio" name one organisation.
			if f.Type == Organization && (f.Kind == KindName || f.Kind == KindAcronym) {
				if k+1 < len(segs) && segs[k+1].hit == nil && segs[k+1].first == seg.last &&
					segs[k+1].last-segs[k+1].first == 1 && mediaHeads[toks[seg.last].Text] {
					sp := Span{seg.span.Start, segs[k+1].span.End}
					out = append(out, &Found{Span: sp, Kind: KindName, Type: Organization, Name: d.Text[sp.Start:sp.End], Context: sp})
					k++
					continue
				}
			}
			out = append(out, f)
			continue
		}
		if bodyBeforeTitle(d, segs, k) {
			// "Federal Reserve Chairman Ben Bernanke", "Real Madrid President Florentino Perez":
			// the unknown name a title follows, before the holder's name, is the body the title
			// is of (titledPerson links them)
			out = append(out, &Found{Span: seg.span, Kind: KindName, Type: Organization, Name: d.Text[seg.span.Start:seg.span.End], Context: seg.span})
			continue
		}
		for _, f := range m.classifyRun(d, seg, s) {
			out = append(out, f)
			if f.Type == Organization || f.Type == Event || f.Type == Place {
				out = append(out, nestedPlaces(d, g, f)...)
			}
		}
	}
	out = append(out, acronyms(d, out)...)
	out = append(out, events(d, out, s)...)
	nameAgreements(d, out)
	for _, f := range out {
		markCovered(d, covered, f.Span)
	}
	return out
}

// gazetteerSegment takes the longest gazetteer name at token i that ends on a token boundary.
func gazetteerSegment(d *Document, g *gazetteer.Gazetteer, i, limit int, covered []bool) (segment, bool) {
	toks := d.Tokens
	for _, h := range preferCity(d, g, g.Match(d.Text, toks[i].Start)) {
		// The match must end where a token ends.
		j := i
		for j < limit && toks[j].End < h.End && !covered[j] {
			j++
		}
		if j < limit && toks[j].End == h.End {
			if h.Entry.Ambiguous && !isDatelineToken(d, i) {
				continue
			}
			// A town named like a person, followed by the rest of the person's name: "Elizabeth
			// Quat", "Marilyn Monroe" are people.
			if j == i && (h.Entry.Type == City || h.Entry.Type == gazetteer.Region) && (firstNames[toks[i].Text] || givenNames[toks[i].Text] || strings.HasSuffix(toks[i].NER, "-per")) && j+1 < limit && !covered[j+1] &&
				isNameWord(toks[j+1].Text) && isCapitalized(toks[j+1].Text) && strings.HasPrefix(toks[j+1].NER, "I-per") {
				continue
			}
			// A capitalised word that is a lower-case word too is only a title before a name.
			hit := h
			return segment{first: i, last: j + 1, span: Span{toks[i].Start, h.End}, hit: &hit}, true
		}
	}
	return segment{}, false
}

// hyphenHits finds gazetteer names that start after a hyphen inside token i.
func hyphenHits(d *Document, g *gazetteer.Gazetteer, i int) []segment {
	t := d.Tokens[i]
	var out []segment
	start := t.Start
	for {
		k := strings.IndexByte(d.Text[start:t.End], '-')
		if k < 0 {
			break
		}
		if start == t.Start {
			// The part before the first hyphen.
			for _, h := range g.Match(d.Text, t.Start) {
				if h.End == t.Start+k && h.Entry.Type != "Title" {
					hit := h
					out = append(out, segment{first: i, last: i + 1, span: Span{t.Start, h.End}, hit: &hit})
					break
				}
			}
			if len(out) == 0 && isCapitalized(d.Text[t.Start:t.Start+k]) && !affixes[strings.ToLower(d.Text[t.Start:t.Start+k])] &&
				t.Start+k+1 < t.End && isCapitalized(d.Text[t.Start+k+1:t.End]) && !strings.Contains(d.Text[t.Start+k+1:t.End], "-") {
				return nil // "Anheuser-Busch", "Hewlett-Packard": one name, whatever its second half names
			}
		}
		start += k + 1
		if affixes[strings.ToLower(d.Text[t.Start:start-1])] {
			continue // "pro-Beijing", "anti-NATO": an attitude, not a mention
		}
		for _, h := range g.Match(d.Text, start) {
			if h.End <= t.End && h.Entry.Type != "Title" && (h.End == t.End || d.Text[h.End] == '-') {
				hit := h
				out = append(out, segment{first: i, last: i + 1, span: Span{start, h.End}, hit: &hit})
				break
			}
		}
	}
	return out
}

func isDatelineToken(d *Document, i int) bool {
	t := d.Tokens[i]
	if t.Sent == 0 && i < 6 {
		return true
	}
	// a wire's dateline after its headline: "LONDON 1996-12-06", "WASHINGTON (Reuters) -"
	return t.Sent < datelineSentences && t.Sent < len(d.Sentences) && i == d.Sentences[t.Sent].First && isAllCaps(t.Text)
}

func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isAllCaps(w string) bool {
	has := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			has = true
		}
	}
	return has
}

// capitalRun returns the end of the run of capitalised words starting at token i (i itself
// when there is none). Connectors join capitalised words: "Ministry of Foreign Affairs".
func capitalRun(d *Document, i int, s Sentence, covered []bool, g *gazetteer.Gazetteer) int {
	toks := d.Tokens
	if !isNameWord(toks[i].Text) {
		return i
	}
	j := i + 1
	for j < s.Last && !covered[j] {
		w := toks[j].Text
		if _, day := weekdays[w]; day {
			break
		}
		if captionWords[w] && j+1 < s.Last && toks[j+1].Text == ":" {
			break // "Ahmed Mohamed Image: ..." — a photo caption's label
		}
		if isNameWord(w) {
			if len(g.Match(d.Text, toks[j].Start)) > 0 && titleOrCountryStart(g, d, j) {
				// a title word that ends a given name's run is a surname: "John Major told",
				// "Howard Dean said", "Billie Jean King won"
				given := firstNames[toks[i].Text] || givenNames[toks[i].Text]
				if given && (j+1 >= s.Last || !isNameWord(toks[j+1].Text)) {
					j++
				} else if given && j == i+1 && middleHonorifics[w] && !covered[j+1] {
					j++ // "Khalid Sheikh Mohammed": an honorific inside a name
					continue
				}
				break
			}
			j++
			continue
		}
		// "Foundation for the Visual Arts", "Ministry of the Interior": "the" after a head's "of".
		if (w == "of" || w == "for") && j+2 < s.Last && toks[j+1].Text == "the" && isHead(toks[j-1].Text) &&
			!covered[j+1] && !covered[j+2] && isNameWord(toks[j+2].Text) {
			j += 3
			continue
		}
		// ("and" after a name that is whole already begins another: "Raytheon Technologies and BAE Systems")
		if (connectors[w] || nameParticles[w] || w == "'s" || w == "’s" || (w == "'" || w == "’") && strings.HasSuffix(toks[j-1].Text, "s")) && j+1 < s.Last && !covered[j+1] && isNameWord(toks[j+1].Text) && w != "the" &&
			!(w == "and" && (tradeHeads[toks[j-1].Text] || companyForms[toks[j-1].Text])) {
			j += 2
			continue
		}
		break
	}
	// "and" and a possessive join names only inside an organisation's or event's name
	// ("Planning and Review Process", "Lord's Resistance Army"), never two names
	// ("Ehud Olmert and Palestinian President..."); "of" and "for" only after or before a
	// head word ("Church of Scientology", "Bank of England"), not after a person
	// ("Michael Tien of NPP").
	head := toks[j-1].Text
	named := isHead(head) || j+2 < s.Last && toks[j].Text == "(" && toks[j+2].Text == ")"
	for k := i + 1; k < j; k++ {
		w := toks[k].Text
		switch {
		case (w == "and" || w == "&" || w == "'s" || w == "’s" || w == "'" || w == "’") && !named:
			return k
		case w == "the" && (toks[k-1].Text == "of" || toks[k-1].Text == "for") && k >= i+2 && isHead(toks[k-2].Text):
			// "Foundation for the Visual Arts"
		case nameParticles[w] && !isHead(toks[k-1].Text) && !isAllCaps(toks[k-1].Text):
			// "Dominique de Villepin", "Carla del Ponte", "Osama bin Laden": a particle
			// inside a person's name
		case connectors[w] && w != "and" && w != "&" && !isHead(toks[k-1].Text) && !named:
			return k
		}
	}
	return j
}

func isHead(w string) bool {
	return orgHeads[w] || eventHeads[w] || agreementHeads[w] || placeHeads[w] || extraHeads[w]
}

// extraHeads head names of institutions that take an "of" complement.
var extraHeads = setOf("Museum", "Church", "Daughters", "Sons", "Friends", "Republic", "Kingdom",
	"Bank", "Ministry", "Secretary", "Minister", "Chamber", "House", "Court", "School", "College",
	"Academy", "Hospital", "Temple", "Order", "Knights", "Museum", "Gallery", "Library", "Department")

// titleOrCountryStart: inside a capitalised run, a title or a country ends the run
// ("Minister Jeyhun Bayramov" after "Foreign", "NATO Deputy Secretary General").
func titleOrCountryStart(g *gazetteer.Gazetteer, d *Document, j int) bool {
	for _, h := range g.Match(d.Text, d.Tokens[j].Start) {
		if h.Entry.Type == "Title" {
			return true
		}
	}
	return false
}

func isNameWord(w string) bool {
	if !isCapitalized(w) {
		// Arabic names: "al-Maliki", "bin Laden" keep their lower-case particle.
		for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "ibn-", "bin-", "abu-"} {
			if strings.HasPrefix(w, p) && len(w) > len(p) && isCapitalized(w[len(p):]) {
				return true
			}
		}
		return false
	}
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func foundFromHit(d *Document, seg segment) *Found {
	e := seg.hit.Entry
	kind := string(seg.hit.Form)
	if kind == "" {
		kind = KindName
	}
	typ := string(e.Type)
	if e.Type == gazetteer.Region {
		typ = Place // a state or province is a place of the graph, tied to its country
	}
	if typ == "Title" {
		return &Found{Span: seg.span, Type: "Title", Name: e.Name, Gaz: e, Context: seg.span}
	}
	return &Found{Span: seg.span, Kind: kind, Type: typ, Name: e.Name, Gaz: e, Context: seg.span}
}

// titledPerson reads "[Org|Country['s]] [late] Title Name" around the title segment k.
func titledPerson(d *Document, segs []segment, k int, s Sentence, prev []*Found) (*Found, int) {
	toks := d.Tokens
	title := segs[k]
	titleName := title.hit.Entry.Name
	// Titles can stack: "Deputy Prime Minister", "Foreign Minister" — take following title segments too.
	next := k + 1
	for next < len(segs) && segs[next].hit != nil && segs[next].hit.Entry.Type == "Title" && segs[next].first == segs[next-1].last {
		titleName += " " + segs[next].hit.Entry.Name
		next++
	}
	// "Ambassador to the United States Hamdullah Mohib", "Envoy for Syria Geir Pedersen": the
	// title's country or organisation, then the name.
	var titleOf *segment
	toHost := false // "Ambassador to Iraq", "Envoy for Syria": where the title serves, not its employer
	if next+1 < len(segs) && segs[next].hit != nil && segs[next+1].hit == nil && segs[next+1].first == segs[next].last {
		switch segs[next].hit.Entry.Type {
		case gazetteer.Country, gazetteer.Organization, gazetteer.Region, gazetteer.City:
			gap := toks[segs[next-1].last:segs[next].first]
			if n := len(gap); n >= 1 && n <= 2 && (gap[0].Text == "to" || gap[0].Text == "of" || gap[0].Text == "for") &&
				(n == 1 || gap[1].Text == "the") && segs[next].hit.Form != gazetteer.FormDemonym {
				titleOf = &segs[next]
				toHost = gap[0].Text == "to" || gap[0].Text == "for"
				next++
			}
		}
	}
	// The name follows the title, or stands in apposition to it: "Japan's Foreign Minister,
	// Nobutaka Machimura, arrives..."
	if next >= len(segs) || segs[next].hit != nil {
		return nil, k + 1
	}
	gap := segs[next].first - segs[next-1].last
	if titleOf != nil && gap != 0 {
		return nil, k + 1
	}
	if gap != 0 && !(gap == 1 && toks[segs[next-1].last].Text == "," && segs[next].last < s.Last &&
		(toks[segs[next].last].Text == "," || toks[segs[next].last].Text == ".")) {
		return nil, k + 1
	}
	name := segs[next]
	// The name is at most four words; a longer run is not a person.
	if name.last-name.first > 4 {
		return nil, k + 1
	}
	for t := name.first; t < name.last; t++ {
		if orgHeads[toks[t].Text] || connectors[toks[t].Text] {
			return nil, k + 1
		}
	}
	// "a spokesman Sunday said": the day the spokesman spoke; "General Motors": a company.
	if one := toks[name.first].Text; name.last-name.first == 1 {
		if _, day := weekdays[one]; day || titleName == "General" && generalCompanies[one] {
			return nil, k + 1
		}
	}
	if title.hit.Entry.Honorific {
		titleName = ""
	}
	p := &Found{Span: name.span, Kind: KindName, Type: Person, Name: d.Text[name.span.Start:name.span.End], Title: titleName}
	p.Context = Span{title.span.Start, name.span.End}
	// Before the title: "former"/"late", and the organisation or country it belongs to.
	before := title.first - 1
	for before >= s.First {
		w := strings.ToLower(toks[before].Text)
		if formerMarkers[w] {
			p.Former = true
		} else if !titleModifiers[w] {
			break
		}
		p.Context.Start = toks[before].Start
		before--
	}
	if before >= s.First && (toks[before].Text == "'s" || toks[before].Text == "’s" || toks[before].Text == "'" || toks[before].Text == "’") {
		before--
	}
	if titleOf != nil && toHost {
		p.Host = foundFromHit(d, *titleOf) // the caller adds it as a mention of its own
	}
	if titleOf != nil && !toHost {
		p.TitleOf = foundFromHit(d, *titleOf) // the caller adds it as a mention of its own
	} else if k > 0 && segs[k-1].hit != nil && segs[k-1].last-1 == before && segs[k-1].span.End == toks[before].End {
		// (not a name inside a hyphenated word: "the U.S.-born Mr. Padilla")
		e := segs[k-1].hit.Entry
		if e.Type == "Country" || e.Type == "Organization" {
			p.TitleOf = &Found{Span: segs[k-1].span, Type: string(e.Type), Name: e.Name, Gaz: e}
			p.Context.Start = segs[k-1].span.Start
			// "former British Prime Minister Margaret Thatcher": "former" before the country
			if b := segs[k-1].first - 1; b >= s.First && formerMarkers[strings.ToLower(toks[b].Text)] {
				p.Former = true
				p.Context.Start = toks[b].Start
			}
		}
	} else if before >= s.First {
		// An organisation found just before ("Foreign Ministry spokesman ...").
		for _, f := range prev {
			if f.End == toks[before].End && (f.Type == Organization || f.Type == Country) {
				p.TitleOf = f
				p.Context.Start = f.Start
			}
		}
	}
	return p, next + 1
}

// bodyBeforeTitle: segment k, no gazetteer's name, runs straight into a title that a name
// follows, and is two words or more or an acronym ("Federal Reserve Chairman Ben Bernanke",
// "IAEA Director General"); one capitalised word may be a nationality no gazetteer knows
// ("Chechen President").
func bodyBeforeTitle(d *Document, segs []segment, k int) bool {
	toks := d.Tokens
	seg := segs[k]
	if seg.hit != nil || k+2 >= len(segs) {
		return false
	}
	if n := seg.last - seg.first; n > 4 || n == 1 && !isAcronymWord(toks[seg.first].Text) || toks[seg.first].POS == "JJ" {
		return false // an adjective first is a description: "Democratic Senate Leader", "Special U.N. Envoy"
	}
	if p := seg.first - 1; p >= 0 && (toks[p].Text == "of" || toks[p].Text == "for") {
		return false // "Minister for Humanitarian Affairs": the office's field, no body
	}
	for i := seg.first; i < seg.last; i++ {
		w := toks[i].Text
		if !isCapitalized(w) || titleModifiers[strings.ToLower(w)] || formerMarkers[strings.ToLower(w)] || firstNames[w] || givenNames[w] {
			return false
		}
	}
	j := k + 1
	for j < len(segs) && segs[j].hit != nil && segs[j].hit.Entry.Type == gazetteer.Title && segs[j].first == segs[j-1].last {
		j++
	}
	return j > k+1 && j < len(segs) && segs[j].hit == nil && segs[j].first == segs[j-1].last && !segs[k+1].hit.Entry.Honorific
}

// institutionAfterTitle returns the run of a one-word title segment k and the capitalised run
// right after it when that run ends with an institution's or a place's head word ("Duke" and
// "University"), else nil.
func institutionAfterTitle(d *Document, segs []segment, k int) *segment {
	toks := d.Tokens
	t := segs[k]
	if t.last-t.first != 1 || k+1 >= len(segs) || segs[k+1].hit != nil || segs[k+1].first != t.last ||
		k > 0 && segs[k-1].hit != nil && segs[k-1].hit.Entry.Type == "Title" && segs[k-1].last == t.first {
		return nil
	}
	n := segs[k+1]
	if !orgHeads[toks[n.last-1].Text] && !placeHeads[toks[n.last-1].Text] && headBeforeConnector(toks, n.first, n.last) == "" {
		return nil
	}
	return &segment{first: t.first, last: n.last, span: Span{t.span.Start, n.span.End}}
}

// stormWords begin the names of storms.
var stormWords = setOf("Cyclone", "Hurricane", "Typhoon", "Storm")

// generalCompanies are the words after "General" that make a company, not a general.
var generalCompanies = setOf("Motors", "Electric", "Dynamics", "Mills", "Atomics")

// titleModifiers may stand between a country and a title: "Iraqi interim Prime Minister".
var titleModifiers = setOf("interim", "acting", "new", "current", "caretaker", "incoming",
	"newly", "appointed", "elected", "first", "top", "senior", "veteran", "political", "military",
	"spiritual", "supreme", "rebel", "opposition")

// counterpart reads "his Chinese counterpart, Li Zhaoxing": a person of that country.
func counterpart(d *Document, segs []segment, k int, country *Found, s Sentence, prev []*Found) (*Found, int) {
	toks := d.Tokens
	i := segs[k].last
	if i >= s.Last || (toks[i].Text != "counterpart" && toks[i].Text != "counterparts") || k+1 >= len(segs) {
		return nil, k + 1
	}
	name := segs[k+1]
	if name.hit != nil && name.hit.Entry.Type == gazetteer.Title && k+2 < len(segs) && segs[k+2].first == name.last {
		name = segs[k+2] // "his Saudi counterpart Prince Saud al-Faisal"
		if name.first-(i+1) > 2 {
			return nil, k + 1
		}
		p := &Found{Span: name.span, Kind: KindName, Type: Person, Name: d.Text[name.span.Start:name.span.End],
			TitleOf: country, Context: Span{country.Start, name.span.End}}
		return p, k + 3
	}
	gap := name.first - (i + 1)
	if name.hit != nil || gap > 1 || gap == 1 && toks[i+1].Text != "," || name.last-name.first > 4 || name.last-name.first < 2 {
		return nil, k + 1
	}
	p := &Found{Span: name.span, Kind: KindName, Type: Person, Name: d.Text[name.span.Start:name.span.End],
		TitleOf: country, Context: Span{country.Start, name.span.End}}
	// "President Bush has telephoned his Afghan counterpart Hamid Karzai": a president too.
	for j := len(prev) - 1; j >= 0; j-- {
		if f := prev[j]; f.Type == Person && f.Title != "" && f.Start >= s.Start {
			p.Title = f.Title
			break
		}
	}
	return p, k + 2
}

// nationalBody reads "<demonym|country['s]> <organisation>" as the organisation of that country.
func nationalBody(d *Document, country *Found, cseg, next segment) *Found {
	toks := d.Tokens
	gap := next.first - cseg.last
	possessive := gap == 1 && (toks[cseg.last].Text == "'s" || toks[cseg.last].Text == "’s")
	if next.hit != nil || gap > 1 || gap == 1 && !possessive {
		return nil
	}
	words := d.Text[next.span.Start:next.span.End]
	last := toks[next.last-1].Text
	// "Massachusetts Institute of Technology": the head before "of" makes the organisation.
	ofHead := headBeforeConnector(toks, next.first, next.last) == Organization
	// "the Toronto Star", "the Lagos Chronicle": a place's newspaper.
	paper := next.last-next.first == 1 && newspaperHeads[last] && country.Kind == KindName
	if !orgHeads[last] && !ofHead && !paper && !strings.HasPrefix(words, "Ministry") && !strings.HasPrefix(words, "Department") {
		return nil
	}
	// A government body of the country: "the Azerbaijani Ministry of Foreign Affairs" is the
	// Ministry of Foreign Affairs of Azerbaijan. Other organisations keep the name as written,
	// country and all ("LA Weekly", "Azerbaijan Airlines", "Colorado State University"); so do a
	// region's bodies ("Ohio Department of Health").
	region := country.Gaz != nil && (country.Gaz.Type == gazetteer.Region || country.Type == City) // ("London's High Court" is in London, no part of it)
	if region || !governmentHeads[toks[next.first].Text] && !governmentHeads[last] || schoolHeads[structuralHead(toks, next.first, next.last)] {
		if possessive || country.Kind == KindDemonym && !isCapitalized(words) {
			return nil
		}
		sp := Span{cseg.span.Start, next.span.End}
		return &Found{Span: sp, Kind: KindName, Type: Organization, Name: d.Text[sp.Start:sp.End], Context: sp}
	}
	// Written with the country's name or adjective in front ("the Indonesian Navy", "United
	// States Navy"), that is the body's name as written; after a possessive it is not.
	sp := next.span
	if !possessive {
		sp.Start = cseg.span.Start
	}
	return &Found{Span: sp, Kind: KindName, Type: Organization, Name: words + " of " + country.Name, Of: country,
		Context: Span{cseg.span.Start, next.span.End}}
}

// newspaperHeads name a newspaper after the name of its city or country ("Toronto Star").
var newspaperHeads = setOf("Star", "Sun", "Mail", "Express", "Mirror", "Standard", "Observer",
	"Guardian", "Chronicle", "Courier", "Globe", "Examiner", "Telegraph", "Independent", "Inquirer",
	"Bulletin", "Dispatch", "Record", "Gazette", "Herald", "Tribune", "Times", "Post", "News")

// mediaHeads after an organisation's name make the name of its news outlet ("BBC News").
var mediaHeads = setOf("News", "Radio", "Television", "TV", "Online")

// schoolHeads name places of learning, never a body of the state whatever their first word
// ("State University", "National Institute").
var schoolHeads = setOf("University", "College", "Institute", "School", "Academy", "Polytechnic")

// structuralHead is the head of the name in tokens [first, last): the word before its first
// connector ("University" in "State University of the US"), else its last word.
func structuralHead(toks []Token, first, last int) string {
	for k := first + 1; k < last-1; k++ {
		if connectors[toks[k].Text] && toks[k].Text != "and" && toks[k].Text != "&" {
			return toks[k-1].Text
		}
	}
	return toks[last-1].Text
}

// governmentHeads name the bodies of a state.
var governmentHeads = setOf("Ministry", "Department", "Army", "Navy", "Parliament", "Government",
	"Embassy", "Police", "Cabinet", "Senate", "Congress", "Assembly", "Forces", "Force", "Guard",
	"Foreign", "Defence", "Defense", "Interior", "Finance", "Justice", "Supreme", "Central",
	"Constitutional", "National", "Presidential", "State", "Coast", "Border", "Health", "Education",
	"Agriculture", "Trade", "Economy", "Energy", "Intelligence", "Security", "Election", "Electoral",
	"House", "Court", "Reserve", "Office", "Bureau", "Council", "Commission")

// classifyRun decides what an unlabelled capitalised run names: by its head word when it has
// one ("... Council" is an organisation), else by the statistical tagger's chunks inside it
// ("Islamic Relations Alia Salem" holds the person Alia Salem); runs neither can type are left
// alone.
func (m Mentions) classifyRun(d *Document, seg segment, s Sentence) []*Found {
	toks := d.Tokens
	first, last := seg.first, seg.last
	// A sentence-initial word is capitalised anyway: drop it unless the tagger calls it a name.
	if first == s.First && !strings.HasPrefix(toks[first].NER, "B-") && !(last-first >= 2 && last-first <= 5 && isHead(toks[last-1].Text) && isNameWord(toks[first+1].Text) && strings.HasPrefix(toks[first].POS, "NNP")) {
		// (a run of proper nouns that ends with an institution's head word is a name from its
		// first word: "Amnesty International said"; "Defending World Cup champion" is not)
		if isAllCaps(toks[first].Text) && len(toks[first].Text) > 1 && last-first == 1 {
			// "BAKU" style dateline words that no gazetteer knows: leave them.
			return nil
		}
		first++
	} else if first == s.First && last-first >= 3 && last-first <= 4 && personByName(toks, first+1, last) &&
		!firstNames[toks[first].Text] && !givenNames[toks[first].Text] && isLowerWord(strings.ToLower(toks[first].Text)) {
		// "Nonpartisan Paul Tse won": a capitalised first word before a person's full name
		// describes the person.
		first++
	} else if last-first >= 3 && last-first <= 4 && partyMembers[toks[first].Text] && personByName(toks, first+1, last) {
		first++ // "Democrat Barack Obama", "Republican John McCain": the party, then the person
	}
	if first >= last {
		return nil
	}
	if stormWords[toks[first].Text] && last-first >= 2 {
		// "Cyclone Nargis", "Hurricane Katrina": a storm is an event, no actor
		sp := Span{toks[first].Start, toks[last-1].End}
		return []*Found{{Span: sp, Kind: KindName, Type: Event, Name: d.Text[sp.Start:sp.End], Context: sp}}
	}
	// "... of the Labour Party and Frederick Fung of ADPL": this run continues a list of people
	// and their organisations.
	afterOrg := first >= 2 && toks[first-1].Text == "and" && (orgHeads[toks[first-2].Text] || isAcronymWord(toks[first-2].Text))
	// "Raymond Chan of People Power", "Gary Fan of the Neo Democrats": what a person is "of",
	// when no gazetteer knows it as a place, is their organisation.
	if p := first - 1; p > s.First && toks[p].Text == "the" || p > s.First && toks[p].Text == "of" {
		if toks[p].Text == "the" {
			p--
		}
		if p > s.First && toks[p].Text == "of" && strings.HasSuffix(toks[p-1].NER, "-per") && last-first <= 4 && !placeHeads[toks[last-1].Text] {
			osp := Span{toks[first].Start, toks[last-1].End}
			return []*Found{{Span: osp, Kind: KindName, Type: Organization, Name: d.Text[osp.Start:osp.End], Context: osp}}
		}
	}
	if afterOrg && last < s.Last && toks[last].Text == "of" && plainNames(toks, first, last) {
		return []*Found{{Span: Span{toks[first].Start, toks[last-1].End}, Kind: KindName, Type: Person,
			Name: d.Text[toks[first].Start:toks[last-1].End], Context: Span{toks[first].Start, toks[last-1].End}}}
	}
	if out, ok := m.splitPeople(d, first, last, s, afterOrg); ok {
		return out
	}
	if p := trailingSpeaker(toks, first, last, s); p > first {
		psp := Span{toks[p].Start, toks[last-1].End}
		out := m.classifyRun(d, segment{first: first, last: p, span: Span{toks[first].Start, toks[p-1].End}}, s)
		return append(out, &Found{Span: psp, Kind: KindName, Type: Person, Name: d.Text[psp.Start:psp.End], Context: psp})
	}
	text := d.Text[toks[first].Start:toks[last-1].End]
	sp := Span{toks[first].Start, toks[last-1].End}
	head := toks[last-1].Text
	// "Group F", "Terminal B": a head word and the letter that tells it from its fellows.
	if last-first == 2 && len(head) == 1 && head[0] >= 'A' && head[0] <= 'Z' && isHead(toks[first].Text) {
		head = toks[first].Text
	}
	typ := ""
	switch {
	case placeHeads[head] && last-first > 1 && directions[toks[first].Text]:
		typ = Place // "West Bank", "South Waziristan Province"
	case agreementHeads[head] && last-first > 1:
		typ = Agreement
	case eventHeads[head] && last-first > 1, last-first > 1 && cityCompetition(toks, last-1, s):
		typ = Event
	case orgHeads[head] || strings.HasPrefix(text, "Ministry of"):
		typ = Organization
	case placeHeads[head] && last-first > 1:
		typ = Place
	case headBeforeConnector(toks, first, last) != "":
		typ = headBeforeConnector(toks, first, last) // "Church of Scientology", "State of Texas"
	case acronymFollows(d, last, s) && last-first > 1:
		typ = Organization // "Partnership for Peace (PfP)"
	}
	if typ == Organization {
		// "Saddam Hussein's Baath Party", "President Bush's National Security Council": a
		// person's body, two names ("the Lord's Resistance Army" stays one)
		for p := first + 1; p < last-1; p++ {
			if t := toks[p].Text; t != "'s" && t != "’s" {
				continue
			}
			from, title := first, ""
			for _, h := range m.gazetteer().Match(d.Text, toks[first].Start) {
				if h.Entry.Type == gazetteer.Title && !h.Entry.Honorific {
					for from < p && toks[from].Start < h.End {
						from++
					}
					title = h.Entry.Name
					break
				}
			}
			if from < p && (title != "" || personByName(toks, first, p) || strings.HasSuffix(toks[p-1].NER, "-per")) {
				psp := Span{toks[from].Start, toks[p-1].End}
				person := &Found{Span: psp, Kind: KindName, Type: Person, Name: d.Text[psp.Start:psp.End], Title: title, Context: Span{toks[first].Start, psp.End}}
				return append([]*Found{person}, m.classifyRun(d, segment{first: p + 1, last: last, span: Span{toks[p+1].Start, toks[last-1].End}}, s)...)
			}
			break
		}
	}
	if typ != "" {
		// "the 501st Legion", "the 3rd Armoured Brigade": a unit's number is part of its name.
		if typ == Organization && first > s.First && ordinal(toks[first-1].Text) && toks[first-1].End < toks[first].Start {
			sp.Start = toks[first-1].Start
			text = d.Text[sp.Start:sp.End]
		}
		out := []*Found{{Span: sp, Kind: KindName, Type: typ, Name: text, Context: sp}}
		// A person inside an institution's name: "the Andy Warhol Foundation".
		if typ == Organization || typ == Place || typ == Event {
			c := taggerChunks(toks, first, last)
			// The person's name stops before the institution's head word: the tagger's
			// "Andy Warhol Foundation" inside "Andy Warhol Foundation for the Visual Arts".
			if len(c) > 0 {
				for k := c[0].first; k < c[0].last; k++ {
					if isHead(toks[k].Text) {
						c[0].last = k
						break
					}
				}
			}
			if len(c) > 0 && c[0].first == first && c[0].typ == Person && c[0].last-c[0].first >= 2 && c[0].last-c[0].first <= 3 && c[0].last < last {
				psp := Span{toks[c[0].first].Start, toks[c[0].last-1].End}
				out = append(out, &Found{Span: psp, Kind: KindName, Type: Person, Name: d.Text[psp.Start:psp.End], Context: psp})
			}
		}
		return out
	}
	// "a boy from Irving, Texas": a town that the gazetteer does not know, written with its
	// region or country.
	if last-first <= 3 && first > s.First && placePrepositions[strings.ToLower(toks[first-1].Text)] &&
		last+1 < s.Last && toks[last].Text == "," && m.regionOrCountryAt(d, last+1) {
		return []*Found{{Span: sp, Kind: KindName, Type: City, Name: text, Context: sp}}
	}
	// "oil-rich Zulia state", "Uruzgan province", "Tirin Kot, the capital of ...": places by the
	// words after them.
	if last-first <= 3 && (last < s.Last && placeKinds[toks[last].Text] ||
		last+2 < s.Last && toks[last].Text == "," && toks[last+1].Text == "the" && (toks[last+2].Text == "capital" || toks[last+2].Text == "town" || toks[last+2].Text == "city")) {
		return []*Found{{Span: sp, Kind: KindName, Type: Place, Name: text, Context: sp}}
	}
	if personByName(toks, first, last) {
		return []*Found{{Span: sp, Kind: KindName, Type: Person, Name: text, Context: sp}}
	}
	var out []*Found
	chunks := taggerChunks(toks, first, last)
	if len(chunks) == 0 && last-first == 1 && looksLikeAcronym(toks[first].Text) && isAllCaps(toks[first].Text) && !notOrgAcronyms[toks[first].Text] {
		// An unknown acronym in the middle of a sentence is most often an organisation.
		return []*Found{{Span: sp, Kind: KindName, Type: Organization, Name: text, Context: sp}}
	}
	// "the Zorbist movement", "the Kelmar organization": a name that the tagger left alone
	// but the next word says is an organisation's.
	if len(chunks) == 0 && last-first <= 3 && last < s.Last && orgNouns[toks[last].Text] && first > s.First &&
		!personByName(toks, first, last) && !firstNames[toks[first].Text] && !givenNames[toks[first].Text] &&
		!functionWords[strings.ToLower(toks[first].Text)] && !isAllCaps(toks[first].Text) {
		return []*Found{{Span: sp, Kind: KindName, Type: Organization, Name: text, Context: sp, Cued: true}}
	}
	chunks = splitPeopleChunks(toks, chunks)
	for _, c := range chunks {
		if c.typ != Person && (personByName(toks, c.first, c.last) || c.last-c.first == 1 && firstNames[toks[c.first].Text]) {
			c.typ = Person
		}
		if c.typ == Person && c.last-c.first >= 2 && commonCapitalized[toks[c.first].Text] && !personByName(toks, c.first, c.last) {
			c.typ = Organization // "Islamic Jihad", "National Resistance": no one's given name
		}
		// "FTU's Alice Mak": an organisation's person, two mentions.
		if p := possessiveIn(toks, c.first, c.last); p > 0 {
			osp := Span{toks[c.first].Start, toks[p-1].End}
			out = append(out, &Found{Span: osp, Kind: KindName, Type: Organization, Name: d.Text[osp.Start:osp.End], Context: osp})
			c.first, c.typ = p+1, Person
		}
		// People are not written as acronyms: "DAB's Ben Chan" is a party's, "Pro-Beijing DAB" a party.
		if c.typ == Person && isAcronymWord(toks[c.last-1].Text) && (c.last-c.first == 1 || strings.Contains(toks[c.first].Text, "-")) {
			c.first, c.typ = c.last-1, Organization
		}
		// "the Fatah party", "the Fatah movement": whatever the tagger thought, an organisation.
		cued := false
		// ("Russia's Itar-Tass news agency": "news" before the agency noun)
		if c.last < s.Last && (orgNouns[toks[c.last].Text] || c.last+1 < s.Last && toks[c.last].Text == "news" && orgNouns[toks[c.last+1].Text]) && c.typ != Country && !personByName(toks, c.first, c.last) {
			c.typ, cued = Organization, true
		}
		csp := Span{toks[c.first].Start, toks[c.last-1].End}
		f := &Found{Span: csp, Kind: KindName, Type: c.typ, Name: d.Text[csp.Start:csp.End], Context: csp, Cued: cued}
		if c.typ == Country {
			// The tagger's "gpe" marks nationalities: only those the gazetteer knows name a country.
			f = m.country(d, f)
			if f == nil {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// splitPeople reads a run that joins people to what they belong to: "Gary Chan of DAB and
// Eunice Yung of New People's Party" is two people and two parties, "Matthew Ingram of The Globe
// and Mail" a person and a newspaper. What follows "of" a person is an organisation unless its
// own words say otherwise.
//
// parallel is set after a first "person of organisation": then "and Eunice Yung of ..." is read
// as another person even when neither her first name nor the tagger says so.
func (m Mentions) splitPeople(d *Document, first, last int, s Sentence, parallel bool) ([]*Found, bool) {
	toks := d.Tokens
	for k := first + 1; k < last-1; k++ {
		switch toks[k].Text {
		case "and":
			end := k + 1
			for end < last && toks[end].Text != "of" && toks[end].Text != "and" {
				end++
			}
			// "the Labour Party and Frederick Fung of ADPL": after an organisation, too.
			orgBefore := orgHeads[toks[k-1].Text] || isAcronymWord(toks[k-1].Text)
			if end == last || toks[end].Text != "of" || !personPart(toks, k+1, end) && !((parallel || orgBefore) && plainNames(toks, k+1, end)) {
				continue
			}
			left, ok := m.splitPeople(d, first, k, s, parallel)
			if !ok {
				left = m.classifyRun(d, segment{first: first, last: k, span: Span{toks[first].Start, toks[k-1].End}}, s)
			}
			right, ok := m.splitPeople(d, k+1, last, s, parallel || orgBefore)
			if !ok {
				right = m.classifyRun(d, segment{first: k + 1, last: last, span: Span{toks[k+1].Start, toks[last-1].End}}, s)
			}
			return append(left, right...), true
		case "of":
			if !personPart(toks, first, k) && !(parallel && plainNames(toks, first, k)) {
				return nil, false
			}
			psp := Span{toks[first].Start, toks[k-1].End}
			out := []*Found{{Span: psp, Kind: KindName, Type: Person, Name: d.Text[psp.Start:psp.End], Context: psp}}
			rest, ok := m.splitPeople(d, k+1, last, s, true)
			if !ok {
				rsp := Span{toks[k+1].Start, toks[last-1].End}
				rest = m.classifyRun(d, segment{first: k + 1, last: last, span: rsp}, s)
				if len(rest) == 0 || len(rest) > 1 || rest[0].Span != rsp {
					rest = []*Found{{Span: rsp, Kind: KindName, Type: Organization, Name: d.Text[rsp.Start:rsp.End], Context: rsp}}
				}
			}
			return append(out, rest...), true
		}
	}
	return nil, false
}

// ordinal: "3rd", "501st", "22nd".
func ordinal(w string) bool {
	n := len(w) - 2
	if n < 1 || !isDigits(w[:n]) {
		return false
	}
	switch w[n:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// trailingSpeaker finds a person's name written right after an institution's, before what
// the person did: "the Refugee Board Ilse Varga told reporters", "University of Lagos Ada
// Obi said". It returns the first token of the two-word name at the end of tokens
// [first, last) when a reporting verb follows and either the words before end with an
// institution's head word or the name begins with a known given name; else -1.
func trailingSpeaker(toks []Token, first, last int, s Sentence) int {
	p := last - 2
	if p-first < 1 || last >= s.Last || !reportingVerbs[toks[last].Text] {
		return -1
	}
	for i := p; i < last; i++ {
		if w := toks[i].Text; !isNameWord(w) || isHead(w) || isAllCaps(w) || connectors[w] {
			return -1
		}
	}
	if w := toks[p-1].Text; !isNameWord(w) || connectors[w] {
		return -1
	}
	if !isHead(toks[p-1].Text) && !firstNames[toks[p].Text] && !givenNames[toks[p].Text] {
		return -1
	}
	return p
}

// reportingVerbs follow the person who speaks, hears, writes or announces.
var reportingVerbs = setOf("said", "says", "told", "tells", "heard", "added", "stated", "explained",
	"noted", "wrote", "writes", "asked", "argued", "claimed", "announced", "confirmed", "warned",
	"insisted", "believes", "thinks", "agreed", "commented", "replied", "responded", "recalled",
	"admitted", "acknowledged", "suggested", "urged", "described", "predicted", "estimated",
	"testified", "denied", "learned", "learnt", "decided", "wanted")

// plainNames: two or three name words, none of them the head of an institution's name.
func plainNames(toks []Token, first, last int) bool {
	if last-first < 2 || last-first > 3 {
		return false
	}
	for i := first; i < last; i++ {
		if !isNameWord(toks[i].Text) || isHead(toks[i].Text) {
			return false
		}
	}
	return true
}

// splitPeopleChunks corrects the tagger where it reads people after an organisation's
// possessive as the organisation ("FTU's Alice Mak and Junius Ho"): after a party's acronym,
// plain names, alone or joined by "and", are people.
func splitPeopleChunks(toks []Token, chunks []chunk) []chunk {
	var out []chunk
	for _, c := range chunks {
		if c.typ != Organization || c.first < 2 || toks[c.first-1].Text != "'s" && toks[c.first-1].Text != "’s" || !isAcronymWord(toks[c.first-2].Text) {
			out = append(out, c)
			continue
		}
		parts := []chunk{{c.first, c.last, Person}}
		for k := c.first + 1; k < c.last-1; k++ {
			if toks[k].Text == "and" {
				parts = []chunk{{c.first, k, Person}, {k + 1, c.last, Person}}
				break
			}
		}
		ok := true
		for _, p := range parts {
			ok = ok && plainNames(toks, p.first, p.last)
		}
		if !ok {
			out = append(out, c)
			continue
		}
		out = append(out, parts...)
	}
	return out
}

// nestedPlaces finds the countries, regions and cities named inside an institution's name:
// "the University of Southern Indiana" mentions Southern Indiana, "the Medical Journal of
// Australia" Australia.
func nestedPlaces(d *Document, g *gazetteer.Gazetteer, f *Found) []*Found {
	var out []*Found
	for i := d.TokenAt(f.Start); i < len(d.Tokens) && d.Tokens[i].End <= f.End; i++ {
		// Only after "of", "at", "in": "the Sydney Morning Herald" is a newspaper, not Sydney.
		if i == 0 || d.Tokens[i].Start == f.Start || !ofAtIn[d.Tokens[i-1].Text] {
			continue
		}
		for _, h := range g.Match(d.Text, d.Tokens[i].Start) {
			e := h.Entry
			if h.End > f.End || h.End-d.Tokens[i].Start == f.End-f.Start || e.Ambiguous || h.Form == gazetteer.FormDemonym ||
				e.Type != gazetteer.Country && e.Type != gazetteer.Region && e.Type != gazetteer.City {
				continue
			}
			ends := false
			for j := i; j < len(d.Tokens) && d.Tokens[j].End <= f.End; j++ {
				ends = ends || d.Tokens[j].End == h.End
			}
			if !ends {
				continue
			}
			seg := segment{span: Span{d.Tokens[i].Start, h.End}, hit: &h}
			if p := foundFromHit(d, seg); p != nil {
				out = append(out, p)
			}
			break
		}
	}
	return out
}

var ofAtIn = setOf("of", "at", "in")

// regionOrCountryAt: a region's or country's name starts at token i.
func (m Mentions) regionOrCountryAt(d *Document, i int) bool {
	g := m.gazetteer()
	for _, h := range g.Match(d.Text, d.Tokens[i].Start) {
		if (h.Entry.Type == gazetteer.Region || h.Entry.Type == gazetteer.Country) && h.Form != gazetteer.FormDemonym {
			return true
		}
	}
	return false
}

// placeKinds follow a name to say it is a place's: "Zulia state", "Paktika province".
var placeKinds = setOf("state", "province", "region", "district", "republic", "city", "town",
	"village", "county", "prefecture", "governorate", "island", "valley", "camp")

// isAcronymWord: "DAB", "FTU"; not "US" style abbreviations that are something else.
func isAcronymWord(w string) bool {
	return isAllCaps(w) && looksLikeAcronym(w) && !notOrgAcronyms[w]
}

// possessiveIn finds "'s" inside tokens [first, last) between an acronym or organisation
// name and a person's name ("FTU's Alice Mak"), or returns -1.
func possessiveIn(toks []Token, first, last int) int {
	for p := first + 1; p < last-1; p++ {
		if t := toks[p].Text; t != "'s" && t != "’s" {
			continue
		}
		if (isAcronymWord(toks[p-1].Text) || orgHeads[toks[p-1].Text]) && (personPart(toks, p+1, last) || plainNames(toks, p+1, last)) {
			return p
		}
		return -1
	}
	return -1
}

// personPart: tokens [first, last) name a person by a known first name or by the tagger.
func personPart(toks []Token, first, last int) bool {
	if last-first < 2 || last-first > 3 {
		return false
	}
	if personByName(toks, first, last) {
		return true
	}
	c := taggerChunks(toks, first, last)
	return len(c) == 1 && c[0].typ == Person && c[0].first == first && c[0].last == last
}

// country ties a tagger's nationality or country chunk to the gazetteer's country.
func (m Mentions) country(d *Document, f *Found) *Found {
	g := m.gazetteer()
	for _, e := range g.Lookup(f.Name) {
		if e.Type != gazetteer.Country {
			continue
		}
		f.Gaz, f.Name = e, e.Name
		for _, dem := range e.Demonyms {
			if dem == d.Text[f.Start:f.End] {
				f.Kind = KindDemonym
			}
		}
		return f
	}
	return nil
}

func acronymFollows(d *Document, last int, s Sentence) bool {
	return last+2 < s.Last && d.Tokens[last].Text == "(" && d.Tokens[last+2].Text == ")" &&
		looksLikeAcronym(d.Tokens[last+1].Text)
}

type chunk struct {
	first, last int
	typ         string
}

// taggerChunks reads the tagger's IOB tags over tokens [first, last) as typed chunks.
func taggerChunks(toks []Token, first, last int) []chunk {
	var out []chunk
	for i := first; i < last; {
		tag := toks[i].NER
		if len(tag) < 3 || !isNameWord(toks[i].Text) && tag[0] == 'B' && i+1 >= last {
			i++
			continue
		}
		typ := tag[2:]
		j := i + 1
		for j < last && toks[j].NER == "I-"+typ {
			j++
		}
		// East Asian given names the tagger leaves out: "Cheng Chung-tai".
		for typ == "per" && j < last && toks[j].NER == "O" && hyphenatedGivenName(toks[j].Text) {
			j++
		}
		// A chunk starts and ends with a name word and is not a lone function word ("In").
		a, b := i, j
		for a < b && !isNameWord(toks[a].Text) {
			a++
		}
		for b > a && !isNameWord(toks[b-1].Text) {
			b--
		}
		if t := nerType(typ); t != "" && a < b && !(b-a == 1 && functionWords[strings.ToLower(toks[a].Text)]) {
			// "Junius/B-per Ho/B-per": one person whose surname the tagger began anew.
			if n := len(out); t == Person && n > 0 && out[n-1].typ == Person && out[n-1].last == a && b-out[n-1].first <= 3 {
				out[n-1].last = b
			} else {
				out = append(out, chunk{a, b, t})
			}
		}
		i = j
	}
	return out
}

// hyphenatedGivenName: "Chung-tai", "Cheuk-ting", "Jong-un".
func hyphenatedGivenName(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	if !ok || len(a) < 2 || len(b) < 2 || strings.Contains(b, "-") {
		return false
	}
	return unicode.IsUpper(rune(a[0])) && isLowerWord(a[1:]) && isLowerWord(b)
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func nerType(gmb string) string {
	switch gmb {
	case "per":
		return Person
	case "org":
		return Organization
	case "geo":
		return Place
	case "gpe":
		return Country
	case "eve":
		return Event
	}
	return ""
}

// acronyms finds "Long Name (ABBR)" and records ABBR as an acronym mention of the long name.
func acronyms(d *Document, found []*Found) []*Found {
	var out []*Found
	for _, f := range found {
		if f.Type == Date || f.Type == "Title" {
			continue
		}
		i := d.TokenAt(f.End)
		if i+2 >= len(d.Tokens) || d.Tokens[i].Text != "(" || d.Tokens[i+2].Text != ")" {
			continue
		}
		abbr := d.Tokens[i+1]
		if !looksLikeAcronym(abbr.Text) {
			continue
		}
		if !initialsMatch(d.Text[f.Start:f.End], abbr.Text) && f.Gaz == nil {
			continue
		}
		out = append(out, &Found{Span: Span{abbr.Start, abbr.End}, Kind: KindAcronym, Type: f.Type,
			Name: f.Name, Gaz: f.Gaz, Of: f, Context: Span{f.Start, d.Tokens[i+2].End}})
	}
	return out
}

func looksLikeAcronym(w string) bool {
	n := utf8.RuneCountInString(w)
	if n < 2 || n > 10 || !isCapitalized(w) {
		return false
	}
	upper := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			upper++
		} else if !unicode.IsLower(r) && r != '&' && r != '-' {
			return false
		}
	}
	return upper >= 2
}

// initialsMatch reports whether the acronym spells the initials of a suffix of the name's
// words; lower-case words and the parts of hyphenated words may or may not contribute.
func initialsMatch(name, abbr string) bool {
	var words []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		words = append(words, w)
	}
	a := []rune(strings.ToLower(abbr))
	var match func(wi, ai int) bool
	match = func(wi, ai int) bool {
		if ai == len(a) {
			return wi == len(words)
		}
		if wi == len(words) {
			return false
		}
		w := words[wi]
		first, _ := utf8.DecodeRuneInString(w)
		optional := !unicode.IsUpper(first)
		if unicode.ToLower(first) == a[ai] && match(wi+1, ai+1) {
			return true
		}
		return optional && match(wi+1, ai)
	}
	for start := len(words) - 1; start >= 0; start-- {
		sub := words[start:]
		words2 := words
		words = sub
		ok := match(0, 0)
		words = words2
		if ok {
			return true
		}
	}
	return false
}

// events finds "[the] [date] <place> summit": an event named by where it happened.
func events(d *Document, found []*Found, s Sentence) []*Found {
	var out []*Found
	for _, f := range found {
		if f.Type != City && f.Type != Country && f.Type != Organization {
			continue
		}
		i := d.TokenAt(f.End)
		if i >= s.Last || !eventNouns[d.Tokens[i].Text] || d.Tokens[i].Start != f.End+1 {
			continue
		}
		sp := Span{f.Start, d.Tokens[i].End}
		// Named as the text names it: "Washington summit", not "Washington, D.C. summit".
		name := d.Text[f.Start:f.End] + " " + d.Tokens[i].Text
		ev := &Found{Span: sp, Kind: KindName, Type: Event, Name: name, Context: sp}
		// A date right before the place dates the event: "the August 8 Washington summit".
		// Of the dates ending right before it, the last of the list, as a scan would leave.
		if k := max(d.dateEndingAt(f.Start), d.dateEndingAt(f.Start-1)); k >= 0 {
			g := d.Mentions[k]
			ev.Value = g.Value
			ev.Context.Start = g.Start
		}
		out = append(out, ev)
	}
	return out
}

// nameAgreements completes agreement names that begin with an organisation:
// "Partnership for Peace (PfP) Framework Document" is the Partnership for Peace Framework
// Document (also "PfP Framework Document"), not a "Framework Document".
func nameAgreements(d *Document, found []*Found) {
	for _, a := range found {
		if a.Type != Agreement {
			continue
		}
		i := d.TokenAt(a.Start) - 1
		var acr *Found
		if i >= 2 && d.Tokens[i].Text == ")" && d.Tokens[i-2].Text == "(" {
			for _, f := range found {
				if f.Kind == KindAcronym && f.Start == d.Tokens[i-1].Start {
					acr = f
				}
			}
			i -= 3
		}
		if i < 0 {
			continue
		}
		for _, f := range found {
			if f.End != d.Tokens[i].End || f.Kind == KindAcronym || (f.Type != Organization && f.Type != Country) {
				continue
			}
			run := d.Text[a.Start:a.End]
			a.Name = d.Text[f.Start:f.End] + " " + run
			if acr != nil {
				a.Alias = d.Text[acr.Start:acr.End] + " " + run
			}
			a.Span.Start, a.Context.Start = f.Start, f.Start
			break
		}
	}
}

// preferCity puts first, among cities of the same name, the one in the country the text names
// right after it ("San Jose, Costa Rica") or, failing that, elsewhere in the article.
func preferCity(d *Document, g *gazetteer.Gazetteer, hits []gazetteer.Hit) []gazetteer.Hit {
	if len(hits) < 2 || hits[0].Entry.Type != gazetteer.City {
		return hits
	}
	score := func(h gazetteer.Hit) int {
		if h.Entry.Type != gazetteer.City || h.End != hits[0].End {
			return -1
		}
		rest := d.Text[h.End:]
		if strings.HasPrefix(rest, ", ") {
			for _, c := range g.Match(d.Text, h.End+2) {
				if c.Entry.ID == h.Entry.Country {
					return 2
				}
			}
		}
		if c := g.ByID(h.Entry.Country); c != nil && strings.Contains(d.Text, c.Name) {
			return 1
		}
		return 0
	}
	best, bs := 0, score(hits[0])
	for i := 1; i < len(hits); i++ {
		if sc := score(hits[i]); sc > bs {
			best, bs = i, sc
		}
	}
	if best == 0 {
		return hits
	}
	out := append([]gazetteer.Hit{hits[best]}, hits[:best]...)
	return append(out, hits[best+1:]...)
}

// headBeforeConnector types "<Head> of <Name>" runs by the head before the connector.
func headBeforeConnector(toks []Token, first, last int) string {
	for k := first + 1; k < last-1; k++ {
		if !connectors[toks[k].Text] {
			continue
		}
		h := toks[k-1].Text
		switch {
		case placeHeads[h]:
			return Place
		case orgHeads[h] || extraHeads[h]:
			return Organization
		case eventHeads[h]:
			return Event
		}
	}
	return ""
}
