package extract

import "strings"

// basedIn reads "the Vienna-based IAEA", "the U.S. based Christian Science Monitor", "the
// London-based rights group Amnesty International": the organisation named after "X-based"
// in the same noun phrase is headquartered in place X. The words say it whatever the parse.
func (r *relater) basedIn() {
	d := r.d
	for i := r.s.First; i < r.s.Last; i++ {
		place := r.mention(i)
		if place == nil || place.Entity == nil || !isPlaceType(place.Entity.Type) {
			continue
		}
		// "Vienna-based" (one token, the place a prefix of it), or "U.S. based", "U.S.-based"
		at := -1
		switch w := strings.ToLower(d.Tokens[i].Text); {
		case place.End < d.Tokens[i].End && strings.HasSuffix(w, "-based"):
			at = i
		case i+1 < r.s.Last && r.mention(i+1) != place:
			if n := strings.ToLower(d.Tokens[i+1].Text); n == "based" || n == "-based" {
				at = i + 1
			}
		}
		if at < 0 {
			continue
		}
		// the first organisation within a few words, before any verb or clause break
		for k := at + 1; k < r.s.Last && k <= at+6; k++ {
			t := d.Tokens[k]
			if t.Text == "," || t.Text == ";" || strings.HasPrefix(t.POS, "VB") || t.POS == "IN" {
				break
			}
			if org := r.mention(k); org != nil && org.Entity != nil && org.Entity.Type == Organization {
				if rel := r.add(org, PredHeadquartered, place, 0.8, at); rel != nil {
					// where a body is based is no event of the sentence's verb
					rel.Date, rel.When, rel.Negated, rel.Modality, rel.AttributedTo = "", "", false, "", ""
					rel.Source = ""
				}
				break
			}
		}
	}
}

func isPlaceType(t string) bool { return t == City || t == Country || t == Place }

// privateNameWords mark a business, a newspaper or a school in its own name: what such a body
// has with a country is a seat, not membership of its state ("Japan's Nissan Motor Company").
var privateNameWords = setOf("university", "college", "bank", "company", "corp", "corp.", "corporation",
	"inc", "inc.", "ltd", "ltd.", "motors", "museum", "properties", "investments", "airlines",
	"airways", "holdings", "times", "post", "journal", "herald", "tribune", "daily", "gazette",
	"monitor", "petroleum", "oil", "gas", "telecom", "motor", "foundation", "institute")

// privateCueNouns describe a business or a paper next to its name ("France's Le Monde
// newspaper", "Russia's natural gas monopoly Gazprom", "Dutch oil giant Shell").
var privateCueNouns = setOf("newspaper", "magazine", "weekly", "daily", "paper", "company", "firm", "automaker", "carmaker",
	"bank", "lender", "giant", "monopoly", "university", "school", "manufacturer", "maker", "producer",
	"insurer", "airline", "carrier", "broadcaster", "network", "retailer", "conglomerate", "group")

// seatsNotParts turns partOf(organisation, place) into headquarteredIn for businesses,
// newspapers and schools: a country's ministry is part of its state, its newspaper is only
// based there.
func seatsNotParts(d *Document) {
	var byID map[string]*Entity
	for i := range d.Relations {
		r := &d.Relations[i]
		if r.Predicate != PredPartOf {
			continue
		}
		if byID == nil {
			byID = make(map[string]*Entity, len(d.Entities))
			for _, e := range d.Entities {
				byID[e.ID] = e
			}
		}
		org, place := byID[r.Subject], byID[r.Object]
		if org == nil || place == nil || org.Type != Organization || !isPlaceType(place.Type) {
			continue
		}
		if privateName(org.Name) || cuedPrivate(d, org, r.Evidence) {
			r.Predicate = PredHeadquartered
		}
	}
}

func privateName(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if privateNameWords[strings.Trim(w, ",")] {
			return true
		}
	}
	return false
}

// cuedPrivate: a mention of org in span has a cue noun within two words before or after it.
func cuedPrivate(d *Document, org *Entity, span Span) bool {
	for _, m := range org.Mentions {
		if m.Start < span.Start || m.End > span.End {
			continue
		}
		first, last := d.TokenAt(m.Start), d.TokenAt(m.End)-1 // TokenAt: the first token starting at or after
		for k := first - 3; k <= last+2; k++ {
			if k < 0 || k >= len(d.Tokens) || k >= first && k <= last || d.Tokens[k].Start < span.Start || d.Tokens[k].End > span.End {
				continue
			}
			if privateCueNouns[strings.ToLower(d.Tokens[k].Text)] && strings.HasPrefix(d.Tokens[k].POS, "NN") {
				return true
			}
		}
	}
	return false
}

// ownBusinesses reads "France's Le Monde newspaper", "Russia's natural gas monopoly Gazprom",
// "Japan's Nissan Motor Company": a business, paper or school a country or city's possessive
// names, with a word that says it is one, is based there (a ministry so named is part of the
// state: the mention stage reads that).
func (r *relater) ownBusinesses() {
	d := r.d
	for i := r.s.First; i+1 < r.s.Last; i++ {
		place := r.mention(i)
		if place == nil || place.Entity == nil || !isPlaceType(place.Entity.Type) || place.Kind == KindDemonym || r.mentionEnd(i) != i+1 {
			continue
		}
		if w := d.Tokens[i+1].Text; w != "'s" && w != "’s" {
			continue
		}
		cue := false
		for k := i + 2; k < r.s.Last && k <= i+6; k++ {
			t := d.Tokens[k]
			org := r.mention(k)
			if org == nil {
				if !strings.HasPrefix(t.POS, "NN") && !strings.HasPrefix(t.POS, "JJ") {
					break
				}
				cue = cue || privateCueNouns[strings.ToLower(t.Text)]
				continue
			}
			if org.Entity == nil || org.Entity.Type != Organization || org.Of != nil {
				break
			}
			end := r.mentionEnd(k)
			if end < r.s.Last && privateCueNouns[strings.ToLower(d.Tokens[end].Text)] {
				cue = true // "France's Le Monde newspaper"
			}
			if (cue || privateName(org.Entity.Name)) && !r.related(org.Entity, place.Entity) {
				if rel := r.add(org, PredHeadquartered, place, 0.75, i+1); rel != nil {
					rel.Date, rel.When, rel.Negated, rel.Modality, rel.AttributedTo = "", "", false, "", ""
					rel.Source = ""
				}
			}
			break
		}
	}
}
