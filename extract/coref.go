package extract

import (
	"sort"
	"strings"
)

// Coref ties definite descriptions to the entity they refer to when the text makes it clear:
// "the minister" is the most recent person whose title has "minister" in it, "the alliance" the
// most recent alliance, "the country" the most recent country — looking back at most a few
// sentences, and never across a competing candidate.
type Coref struct{}

// descriptionNouns maps the noun of "the <noun>" to the test a candidate entity must pass.
var descriptionNouns = map[string]func(e *Entity, f *Found) bool{
	"country":      typeIs(Country),
	"city":         typeIs(City),
	"capital":      typeIs(City),
	"organization": typeIs(Organization),
	"organisation": typeIs(Organization),
	"alliance":     nameHasAny("Alliance", "Treaty Organization", "Treaty Organisation", "Coalition", "Pact"),
	"bloc":         nameHasAny("Union", "Alliance", "Association", "Community", "Pact", "Council"),
	"ministry":     nameHasAny("Ministry"),
	"agency":       nameHasAny("Agency"),
	"party":        nameHasAny("Party"),
	"company":      nameHasAny("Company", "Corporation", "Inc.", "Group", "Ltd."),
	"group":        typeIs(Organization),
	"summit":       nameHasAny("summit", "Summit"),
	"treaty":       typeIs(Agreement),
	"agreement":    typeIs(Agreement),
}

func typeIs(t string) func(*Entity, *Found) bool {
	return func(e *Entity, _ *Found) bool { return e.Type == t }
}

func nameHasAny(parts ...string) func(*Entity, *Found) bool {
	return func(e *Entity, _ *Found) bool {
		for _, p := range parts {
			if strings.Contains(e.Name, p) {
				return true
			}
		}
		return false
	}
}

// titleNouns: "the minister", "the president", "the spokesman" refer to a titled person.
var titleNouns = setOf("minister", "president", "spokesman", "spokeswoman", "spokesperson",
	"chancellor", "premier", "secretary", "ambassador", "envoy", "general", "commander", "king",
	"queen", "prince", "governor", "mayor", "senator", "chairman", "director", "leader", "official",
	"diplomat", "prosecutor", "judge")

// Process adds description mentions to d's entities.
func (Coref) Process(d *Document) {
	var added []*Found
	x := newCorefIndex(d)
	for i := 1; i < len(d.Tokens); i++ {
		det := strings.ToLower(d.Tokens[i-1].Text)
		if det != "the" {
			continue
		}
		// "the foreign minister": the noun may follow one modifier.
		noun := strings.ToLower(d.Tokens[i].Text)
		end := i + 1
		if i+1 < len(d.Tokens) && d.Tokens[i+1].Sent == d.Tokens[i].Sent {
			if n2 := strings.ToLower(d.Tokens[i+1].Text); titleNouns[n2] && !titleNouns[noun] {
				noun, end = n2, i+2
			}
		}
		if end < len(d.Tokens) && isCapitalized(d.Tokens[end].Text) || end < len(d.Tokens) && d.Tokens[end].Text == "of" {
			continue // "the minister Jeyhun Bayramov", "the minister of ...": not a bare description
		}
		test := descriptionNouns[noun]
		if titleNouns[noun] {
			test = func(e *Entity, f *Found) bool {
				return e.Type == Person && f.Title != "" && strings.Contains(strings.ToLower(f.Title), noun)
			}
		}
		if test == nil || x.covered(d.Tokens[i].Start) {
			continue
		}
		if e := x.antecedent(i-1, test); e != nil {
			sp := Span{d.Tokens[i-1].Start, d.Tokens[end-1].End}
			f := &Found{Span: sp, Kind: KindDescription, Type: e.Type, Name: e.Name, Entity: e, Context: sp}
			added = append(added, f)
			e.Mentions = append(e.Mentions, Mention{Start: sp.Start, End: sp.End, Text: d.Text[sp.Start:sp.End], Kind: KindDescription})
		}
	}
	added = append(added, x.countryTitles()...)
	if len(added) == 0 {
		return
	}
	d.Mentions = append(d.Mentions, added...)
	sort.SliceStable(d.Mentions, func(i, j int) bool { return d.Mentions[i].Start < d.Mentions[j].Start })
	for _, e := range d.Entities {
		sort.SliceStable(e.Mentions, func(i, j int) bool { return e.Mentions[i].Start < e.Mentions[j].Start })
	}
}

// corefIndex answers covered and antecedent without a pass over every mention of the article
// for each description, which was quadratic in the article's length (issue 14, D5). The
// mentions do not change while Coref looks for descriptions.
type corefIndex struct {
	d *Document
	// sorted: d.Mentions is in order of start (the resolver sorts it); else antecedent scans.
	sorted bool
	// starts and reach: the mentions' starts in order, and the furthest end of the mentions
	// up to each; byStart the mentions in that order.
	starts, reach []int
	byStart       []*Found
}

func newCorefIndex(d *Document) *corefIndex {
	x := &corefIndex{d: d, sorted: sort.SliceIsSorted(d.Mentions, func(i, j int) bool { return d.Mentions[i].Start < d.Mentions[j].Start })}
	byStart := make([]*Found, len(d.Mentions))
	copy(byStart, d.Mentions)
	if !x.sorted {
		sort.SliceStable(byStart, func(i, j int) bool { return byStart[i].Start < byStart[j].Start })
	}
	x.byStart = byStart
	end := -1
	for _, f := range byStart {
		end = max(end, f.End)
		x.starts = append(x.starts, f.Start)
		x.reach = append(x.reach, end)
	}
	return x
}

// covered reports whether a mention already covers byte offset off.
func (x *corefIndex) covered(off int) bool {
	n := sort.SearchInts(x.starts, off+1) // the mentions starting at or before off
	return n > 0 && x.reach[n-1] > off
}

// antecedent is the one entity passing test mentioned most recently before token i, within the
// current and three previous sentences; when two different entities pass, it is ambiguous.
func (x *corefIndex) antecedent(i int, test func(*Entity, *Found) bool) *Entity {
	d := x.d
	sent := d.Tokens[i].Sent
	var found *Entity
	k := len(d.Mentions) - 1
	if x.sorted {
		// the mentions starting at or after token i are passed over anyway
		k = sort.SearchInts(x.starts, d.Tokens[i].Start) - 1
	}
	for ; k >= 0; k-- {
		f := d.Mentions[k]
		if f.Entity == nil || f.Start >= d.Tokens[i].Start || f.Kind == KindDescription {
			continue
		}
		if d.Tokens[d.TokenAt(f.Start)].Sent < sent-3 {
			break
		}
		if !test(f.Entity, f) {
			continue
		}
		if found != nil && found != f.Entity {
			return nil
		}
		found = f.Entity
	}
	return found
}

// titleNarrowers narrow a title ("foreign minister"); the person must have them in theirs.
var titleNarrowers = setOf("foreign", "prime", "defense", "defence", "interior", "finance",
	"economy", "justice", "health", "trade", "energy", "oil", "information", "top", "chief", "army",
	"military", "supreme", "opposition")

// countryTitles ties "Georgia's president", "the Iranian foreign minister" to the one person
// of the article whose title has the same words and who holds it for that country ("President
// Mikheil Saakashvili of Georgia"; a title with no country counts when no one holds it for
// another). News names the holder once and then refers to the office; the description may
// come before the name.
func (x *corefIndex) countryTitles() []*Found {
	d := x.d
	var out []*Found
	for i := 1; i < len(d.Tokens); i++ {
		noun := strings.ToLower(d.Tokens[i].Text)
		if !titleNouns[noun] || x.covered(d.Tokens[i].Start) {
			continue
		}
		if n := i + 1; n < len(d.Tokens) && d.Tokens[n].Sent == d.Tokens[i].Sent && (isCapitalized(d.Tokens[n].Text) || d.Tokens[n].Text == "of" || d.Tokens[n].Text == ",") {
			continue // "Georgia's president, Mikheil Saakashvili", "the president of ...": named there
		}
		first := i
		var mods []string
		for first > 0 && titleNarrowers[strings.ToLower(d.Tokens[first-1].Text)] {
			first--
			mods = append(mods, strings.ToLower(d.Tokens[first].Text))
		}
		k := first - 1
		if k >= 0 && (d.Tokens[k].Text == "'s" || d.Tokens[k].Text == "'") {
			k--
		}
		if k < 0 || d.Tokens[k].Sent != d.Tokens[i].Sent {
			continue
		}
		country := x.countryAt(k)
		if country == nil {
			continue
		}
		if p := x.titleHolder(noun, mods, country); p != nil {
			sp := Span{d.Tokens[first].Start, d.Tokens[i].End}
			f := &Found{Span: sp, Kind: KindDescription, Type: Person, Name: p.Name, Entity: p, Context: sp}
			out = append(out, f)
			p.Mentions = append(p.Mentions, Mention{Start: sp.Start, End: sp.End, Text: d.Text[sp.Start:sp.End], Kind: KindDescription})
		}
	}
	return out
}

// countryAt is the country entity of the mention ending at token k (a name or a demonym).
func (x *corefIndex) countryAt(k int) *Entity {
	d := x.d
	n := sort.SearchInts(x.starts, d.Tokens[k].Start+1)
	for j := n - 1; j >= 0 && j >= n-4; j-- {
		f := x.byStart[j]
		if f.End == d.Tokens[k].End && f.Entity != nil && f.Entity.Type == Country {
			return f.Entity
		}
	}
	return nil
}

// titleHolder is the one person of the article with noun and mods in a title held for
// country, or with such a title and no country when nobody holds it for another country.
func (x *corefIndex) titleHolder(noun string, mods []string, country *Entity) *Entity {
	var here, bare, elsewhere *Entity
	for _, f := range x.byStart {
		if f.Entity == nil || f.Entity.Type != Person || f.Title == "" {
			continue
		}
		t := strings.ToLower(f.Title)
		if !strings.Contains(t, noun) {
			continue
		}
		ok := true
		for _, m := range mods {
			ok = ok && strings.Contains(t, m)
		}
		if !ok || strings.Contains(t, "deputy") || strings.Contains(t, "vice") || strings.Contains(t, "former") || f.Former {
			continue
		}
		switch {
		case f.TitleOf == nil:
			if bare != nil && bare != f.Entity {
				return nil
			}
			bare = f.Entity
		case f.TitleOf.Entity == country || f.TitleOf.Entity == nil && f.TitleOf.Name == country.Name:
			if here != nil && here != f.Entity {
				return nil
			}
			here = f.Entity
		default:
			elsewhere = f.Entity
		}
	}
	if here != nil {
		return here
	}
	if elsewhere == nil {
		return bare
	}
	return nil
}
