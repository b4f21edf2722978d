package extract

import "strings"

// Business and sports pages name companies and clubs by forms the tagger reads badly:
// "Daimler-Benz AG", "British Airways Plc", "Elf Aquitaine SA" end in a company's legal form;
// "Manchester United", "Real Madrid", "Borussia Dortmund" begin or end with a club's word. The
// whole run of capitalised words is then one organisation, whatever the tagger made of its parts.

// companyForms end a company's name.
var companyForms = setOf("AG", "Plc", "PLC", "plc", "SA", "S.A.", "NV", "N.V.", "GmbH", "SpA",
	"S.p.A.", "Ltd", "Ltd.", "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "LLC", "AB", "ASA", "Oyj",
	"BV", "B.V.", "KK", "K.K.", "Bhd", "Tbk", "SE", "AS", "A/S")

// clubFirstWords begin a club's name: "Real Madrid", "Borussia Dortmund", "AC Milan".
var clubFirstWords = setOf("Real", "Inter", "AC", "FC", "Borussia", "Dynamo", "Dinamo", "Sporting",
	"Olympique", "Atletico", "Athletic", "Deportivo", "Racing", "Bayern", "Eintracht", "Werder",
	"Hertha", "Fortuna", "Schalke", "Sparta", "Slavia", "Steaua", "Lokomotiv", "Spartak", "CSKA",
	"Galatasaray", "Fenerbahce", "Besiktas", "Juventus", "Lazio", "Sampdoria", "Fiorentina",
	"Feyenoord", "PSV", "Benfica", "Anderlecht", "Celtic", "Rangers")

// clubLastWords end a club's name after its town: "Manchester United", "Blackburn Rovers".
// ("Sheffield Wednesday" is not among them: "in London Wednesday" is how agencies date a story.)
var clubLastWords = setOf("United", "Rovers", "Wanderers", "Albion", "Hotspur", "Athletic", "Villa",
	"Argyle", "Academicals", "Thistle", "Rangers", "Celtic", "Hearts")

// companiesAndClubs claims the runs that end in a company's form or begin or end with a
// club's word.
func companiesAndClubs(d *Document) {
	sporty := -1 // whether the article is a sports story: counted once, when first asked
	isSporty := func() bool {
		if sporty < 0 {
			sporty = 0
			if sportsStory(d) {
				sporty = 1
			}
		}
		return sporty == 1
	}
	for _, s := range d.Sentences {
		if shouting(d, s) {
			continue
		}
		for i := s.First; i < s.Last; {
			e := i
			for e < s.Last && isNameWord(d.Tokens[e].Text) {
				e++
			}
			if e == i {
				i++
				continue
			}
			if first, end, ok := companyRun(d, i, e); ok {
				claimName(d, first, end, Organization)
			} else if first, end, ok := clubRun(d, s, i, e, isSporty); ok {
				claimName(d, first, end, Organization)
			}
			i = e
		}
	}
}

// companyRun: tokens [i, e) end in a legal form after at least one other word; the name starts
// after a sentence-initial function word ("The Coca-Cola Co").
func companyRun(d *Document, i, e int) (int, int, bool) {
	if e-i < 2 || !companyForms[d.Tokens[e-1].Text] {
		return 0, 0, false
	}
	if functionWords[strings.ToLower(d.Tokens[i].Text)] {
		i++
	}
	return i, e, e-i >= 2
}

// clubRun: a run of two or three words that begins or ends with a club's word. A last word
// alone decides only after a town the gazetteer knows or in a sports story ("Aston Villa").
func clubRun(d *Document, s Sentence, i, e int, sportsStory func() bool) (int, int, bool) {
	if functionWords[strings.ToLower(d.Tokens[i].Text)] {
		i++
	}
	if n := e - i; n < 2 || n > 3 {
		return 0, 0, false
	}
	first, last := d.Tokens[i].Text, d.Tokens[e-1].Text
	if clubFirstWords[first] && !clubFirstWords[last] || clubFirstWords[first] && clubLastWords[last] {
		return i, e, true
	}
	if !clubLastWords[last] {
		return 0, 0, false
	}
	for _, f := range d.Mentions {
		if f.Start == d.Tokens[i].Start && f.End == d.Tokens[e-2].End && f.Gaz != nil && (f.Type == City || f.Type == Place) {
			return i, e, true // "Manchester United", "Blackburn Rovers"
		}
	}
	return i, e, sportsStory()
}

// sportsStory: the article uses sports words as a sports report does.
func sportsStory(d *Document) bool {
	n := 0
	for _, t := range d.Tokens {
		if sportsWords[strings.ToLower(t.Text)] {
			n++
		}
	}
	return n >= 2
}

// unitHeads end the name of a military unit, which its number begins: "the 82nd Airborne
// Division", "the 3rd Infantry Regiment".
var unitHeads = setOf("Division", "Brigade", "Regiment", "Battalion", "Squadron", "Fleet", "Corps",
	"Army", "Wing", "Group", "Infantry", "Marines", "Airborne")

// numberedUnits takes a unit's number into its name.
func numberedUnits(d *Document) {
	for _, f := range d.Mentions {
		if f.Type != Organization || f.Gaz != nil {
			continue
		}
		k := d.TokenAt(f.Start)
		words := strings.Fields(d.Text[f.Start:f.End])
		if k == 0 || k >= len(d.Tokens) || !ordinal(d.Tokens[k-1].Text) || !unitHeads[words[len(words)-1]] || d.Tokens[k-1].Sent != d.Tokens[k].Sent {
			continue
		}
		f.Start = d.Tokens[k-1].Start
		f.Name = d.Text[f.Start:f.End]
		if f.Context.Start > f.Start {
			f.Context.Start = f.Start
		}
	}
}
