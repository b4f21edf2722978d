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
	// up to each.
	starts, reach []int
}

func newCorefIndex(d *Document) *corefIndex {
	x := &corefIndex{d: d, sorted: sort.SliceIsSorted(d.Mentions, func(i, j int) bool { return d.Mentions[i].Start < d.Mentions[j].Start })}
	byStart := make([]*Found, len(d.Mentions))
	copy(byStart, d.Mentions)
	if !x.sorted {
		sort.SliceStable(byStart, func(i, j int) bool { return byStart[i].Start < byStart[j].Start })
	}
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
