package extract

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Linker ties people named by one word in one article ("Azerbaijani Foreign Minister
// Bayramov", a LocalNames id) to the person they are in another: one named in full ("Jeyhun
// Bayramov"), or named by the same word with the same role. It links only on evidence: exactly
// one known person with that name holds the same title (at the same organisation or country,
// when both say which: Jordan's King Abdullah is not Saudi Arabia's), or a position at the
// same organisation or country. People named in full are candidates first; the one-word
// people of earlier articles when no single full name fits (when "George Bush" and "George W.
// Bush" both do, the articles' "President Bush" are one node, linked to neither). Two people who merely share a surname stay two nodes, and so do
// two namesakes with no role in common. Linker is safe for concurrent use; feed it articles in
// a fixed order for reproducible links.
type Linker struct {
	// Recall, when set, is asked once per name for the people a store already knows by it
	// (full names ending with the word, and one-word people with a role), so that a load can
	// link to the articles of earlier loads.
	Recall func(word string) ([]Known, error)

	mu       sync.Mutex
	people   map[string][]*knownPerson // by the last word of the name, lower case
	recalled map[string]bool
}

// Known is a person a linker may link to.
type Known struct {
	ID, Name string
	Roles    []KnownRole
}

// KnownRole is a title, and the entity id of the organisation or country it is held at ("" when
// not known), or a position at an organisation with no title ("").
type KnownRole struct{ Title, Of string }

// Link is a linker's decision: entity From of an article is entity To, named Name.
type Link struct {
	From, To, Name string
	Reason         string // the evidence, for the record and for a person reviewing it
}

type knownPerson struct {
	ID, Name string
	Titles   map[string]map[string]bool // title in lower case -> the organisations it is held at
	Of       map[string]bool
}

// NewLinker returns an empty linker.
func NewLinker() *Linker {
	return &Linker{people: map[string][]*knownPerson{}, recalled: map[string]bool{}}
}

func lastWord(name string) string {
	w := strings.Fields(name)
	if len(w) == 0 {
		return ""
	}
	return strings.ToLower(w[len(w)-1])
}

// Know registers a person and the titles and organisations it is known by; Link calls it for
// the people of each article, a caller may seed a linker with it.
func (l *Linker) Know(k Known) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.know(k)
}

func (l *Linker) know(k Known) *knownPerson {
	w := lastWord(k.Name)
	if w == "" {
		return nil
	}
	var p *knownPerson
	for _, c := range l.people[w] {
		if c.ID == k.ID {
			p = c
		}
	}
	if p == nil {
		p = &knownPerson{ID: k.ID, Name: k.Name, Titles: map[string]map[string]bool{}, Of: map[string]bool{}}
		l.people[w] = append(l.people[w], p)
	}
	for _, r := range k.Roles {
		t := strings.ToLower(r.Title)
		if t != "" && p.Titles[t] == nil {
			p.Titles[t] = map[string]bool{}
		}
		if r.Of != "" {
			p.Of[r.Of] = true
			if t != "" {
				p.Titles[t][r.Of] = true
			}
		}
	}
	return p
}

// Link returns the links of x's one-word people to people known from earlier articles (x is
// not changed: a link is a decision a store records and a person may undo), then learns the
// people of x. An error is Recall's.
func (l *Linker) Link(x *Extraction) ([]Link, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var links []Link
	linked := map[string]*knownPerson{}
	for i := range x.Entities {
		e := &x.Entities[i]
		if !IsLocalID(e.ID) || len(e.Roles) == 0 {
			continue
		}
		w := strings.ToLower(e.Name)
		if err := l.recall(w); err != nil {
			return nil, err
		}
		e = withEmployer(e, x.Relations)
		match, why, _ := l.candidate(w, e, true)
		if match == nil {
			// No full name, or two that fit ("George Bush", "George W. Bush"): the one-word
			// person of earlier articles with the same role ("President Bush") is this one.
			match, why, _ = l.candidate(w, e, false)
		}
		if match != nil {
			linked[e.ID] = match
			links = append(links, Link{From: e.ID, To: match.ID, Name: match.Name,
				Reason: fmt.Sprintf("%q is %s in article %s: the only known %s %s", e.Name, match.Name, x.ID, why, e.Name)})
		}
	}
	for i := range x.Entities {
		e := withEmployer(&x.Entities[i], x.Relations)
		if e.Type != Person {
			continue
		}
		k := Known{ID: e.ID, Name: e.Name}
		for _, p := range e.Roles {
			k.Roles = append(k.Roles, KnownRole{p.Title, p.Of})
		}
		if len(k.Roles) == 0 {
			continue // nothing to link to it by: a load keeps only the people with a role
		}
		if m := linked[e.ID]; m != nil {
			// What the article says of Bayramov, it says of Jeyhun Bayramov.
			k.ID, k.Name = m.ID, m.Name
		}
		l.know(k)
	}
	return links, nil
}

func (l *Linker) recall(word string) error {
	if l.Recall == nil || l.recalled[word] {
		return nil
	}
	ks, err := l.Recall(word)
	if err != nil {
		return err
	}
	l.recalled[word] = true
	sort.Slice(ks, func(i, j int) bool { return ks[i].ID < ks[j].ID })
	for _, k := range ks {
		if lastWord(k.Name) == word {
			l.know(k)
		}
	}
	return nil
}

// withEmployer returns e with the organisation or country of its titles filled in from the
// article's relations when the titles do not say it and the article names one employer:
// "King Abdullah ... the Jordanian monarch" is a king of Jordan.
func withEmployer(e *Entity, rs []Relation) *Entity {
	of := ""
	for _, r := range rs {
		if r.Subject == e.ID && (r.Predicate == "heads" || r.Predicate == "worksFor") && r.Object != "" && !r.Negated {
			if of != "" && of != r.Object {
				return e // two employers: leave the titles as they are
			}
			of = r.Object
		}
	}
	if of == "" {
		return e
	}
	c := *e
	c.Roles = append([]Position(nil), e.Roles...)
	for i := range c.Roles {
		if c.Roles[i].Of == "" {
			c.Roles[i].Of = of
		}
	}
	return &c
}

// candidate returns the one known person named w, in full (full) or by one word, with the
// strongest evidence in common with e, and that evidence; nil when there is none, or when two
// have it (many).
func (l *Linker) candidate(w string, e *Entity, full bool) (match *knownPerson, why string, many bool) {
	best := 0
	for _, k := range l.people[w] {
		if strings.Contains(k.Name, " ") != full || k.ID == e.ID {
			continue
		}
		r, strength := k.shared(e)
		switch {
		case strength == 0 || strength < best:
		case strength == best:
			match, many = nil, true // two candidates: no evidence which
		default:
			match, why, best, many = k, r, strength, false
		}
	}
	return match, why, many
}

// shared names the role e has in common with k ("Foreign Minister", "person with a position at
// country/azerbaijan named") and how strong the evidence is: 3 for the same title at the same
// organisation or country, 2 for the same title where one side does not say where, 1 for
// another position at the same organisation or country; 0 for none. The same title at two
// different organisations or countries is no evidence.
func (k *knownPerson) shared(e *Entity) (string, int) {
	why, best := "", 0
	for _, p := range e.Roles {
		ofs, ok := k.Titles[strings.ToLower(p.Title)]
		switch {
		case !ok:
		case p.Of != "" && ofs[p.Of]:
			return p.Title, 3
		case (p.Of == "" || len(ofs) == 0) && best < 2:
			why, best = p.Title, 2
		}
	}
	if best > 0 {
		return why, best
	}
	for _, p := range e.Roles {
		if ofs := k.Titles[strings.ToLower(p.Title)]; len(ofs) > 0 && !ofs[p.Of] {
			continue // the same title elsewhere: another person
		}
		if p.Of != "" && k.Of[p.Of] {
			return "person with a position at " + p.Of + " named", 1
		}
	}
	return "", 0
}
