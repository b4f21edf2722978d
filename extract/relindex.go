package extract

import "sort"

// relIndex holds the article's mentions sorted by sentence for the relater, which asks for
// the mentions of one sentence many times: scanning the whole article for each question made
// the relater quadratic in the article's length (issue 14, D5). Every list keeps the order of
// d.Mentions, so each answer is the one a scan would give.
type relIndex struct {
	d *Document
	// within[s]: the mentions whose span lies inside sentence s.
	within [][]*Found
	// touching[s]: the mentions of an entity other than a date whose context overlaps s.
	touching [][]*Found
	// people[s]: the mentions of a person entity whose first token is in sentence s, with
	// their index in d.Mentions (peopleAt[s]).
	people   [][]*Found
	peopleAt [][]int
	eventAt  map[int]bool // context starts of event mentions
	dominant *string
}

type indexed struct {
	f  *Found
	at int
}

func newRelIndex(d *Document) *relIndex {
	n := len(d.Sentences)
	x := &relIndex{d: d, within: make([][]*Found, n), touching: make([][]*Found, n),
		people: make([][]*Found, n), peopleAt: make([][]int, n), eventAt: map[int]bool{}}
	ss := d.Sentences
	for at, f := range d.Mentions {
		if f.Type == Event {
			x.eventAt[f.Context.Start] = true
		}
		// the sentences that may hold the span: the last one starting at or before it, and
		// any before that still reaching it
		for s := sort.Search(n, func(i int) bool { return ss[i].Start > f.Start }) - 1; s >= 0 && ss[s].End >= f.Start; s-- {
			if f.End <= ss[s].End {
				x.within[s] = append(x.within[s], f)
			}
		}
		if f.Entity != nil && f.Type != Date {
			c := f.Context
			for s := sort.Search(n, func(i int) bool { return ss[i].End > c.Start }); s < n && ss[s].Start < c.End; s++ {
				x.touching[s] = append(x.touching[s], f)
			}
		}
		if f.Entity != nil && f.Type == Person {
			if k := d.TokenAt(f.Start); k < len(d.Tokens) {
				if s := d.Tokens[k].Sent; s >= 0 && s < n {
					x.people[s] = append(x.people[s], f)
					x.peopleAt[s] = append(x.peopleAt[s], at)
				}
			}
		}
	}
	return x
}

// dominantCountry is dominantCountry(d), found once: the entities do not change while the
// relater runs.
func (x *relIndex) dominantCountry() string {
	if x.dominant == nil {
		c := dominantCountry(x.d)
		x.dominant = &c
	}
	return *x.dominant
}
