package extract

import (
	"strings"
	"sync"
)

// Linker ties people named by surname alone in one article ("Azerbaijani Foreign Minister
// Bayramov") to a person named in full in another ("Jeyhun Bayramov"), across the articles of a
// load. It merges only on evidence: one known person with that surname, and the same title or
// the same organisation or country in both articles. Two people who merely share a surname
// stay two nodes. Linker is safe for concurrent use; feed it articles in a fixed order for
// reproducible ids.
type Linker struct {
	mu     sync.Mutex
	people map[string][]*knownPerson // by surname
}

type knownPerson struct {
	ID, Name string
	Titles   map[string]bool
	Of       map[string]bool // organisations and countries of its positions
}

// NewLinker returns an empty linker.
func NewLinker() *Linker { return &Linker{people: map[string][]*knownPerson{}} }

// Know registers a person named in full, with the titles and the organisations or countries it
// holds them at (as entity ids); it is how a linker learns from an existing graph.
func (l *Linker) Know(id, name string, titles, of []string) {
	words := strings.Fields(name)
	if len(words) < 2 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	sur := words[len(words)-1]
	var p *knownPerson
	for _, k := range l.people[sur] {
		if k.ID == id {
			p = k
		}
	}
	if p == nil {
		p = &knownPerson{ID: id, Name: name, Titles: map[string]bool{}, Of: map[string]bool{}}
		l.people[sur] = append(l.people[sur], p)
	}
	for _, t := range titles {
		p.Titles[strings.ToLower(t)] = true
	}
	for _, o := range of {
		p.Of[o] = true
	}
}

// Link rewrites, in x, the ids of people named by one word to the known person they are, when
// the evidence allows, then learns the people x names in full.
func (l *Linker) Link(x *Extraction) {
	rename := map[string]string{}
	l.mu.Lock()
	for i := range x.Entities {
		e := &x.Entities[i]
		if e.Type != Person || strings.Contains(e.Name, " ") {
			continue
		}
		var match *knownPerson
		for _, k := range l.people[e.Name] {
			if !k.sharesRole(e) {
				continue
			}
			if match != nil {
				match = nil // two candidates: no evidence which
				break
			}
			match = k
		}
		if match != nil {
			rename[e.ID] = match.ID
			e.Aliases = append(e.Aliases, e.Name)
			e.ID, e.Name = match.ID, match.Name
		}
	}
	l.mu.Unlock()
	if len(rename) > 0 {
		for i := range x.Relations {
			r := &x.Relations[i]
			if n, ok := rename[r.Subject]; ok {
				r.Subject = n
			}
			if n, ok := rename[r.Object]; ok {
				r.Object = n
			}
			if n, ok := rename[r.AttributedTo]; ok {
				r.AttributedTo = n
			}
		}
	}
	for _, e := range x.Entities {
		if e.Type != Person {
			continue
		}
		var titles, of []string
		for _, p := range e.Roles {
			titles = append(titles, p.Title)
			if p.Of != "" {
				of = append(of, p.Of)
			}
		}
		l.Know(e.ID, e.Name, titles, of)
	}
}

// sharesRole: the same title, or a position at an organisation or country of the known person.
func (k *knownPerson) sharesRole(e *Entity) bool {
	for _, p := range e.Roles {
		if k.Titles[strings.ToLower(p.Title)] {
			return true
		}
		if p.Of != "" && k.Of[p.Of] {
			return true
		}
	}
	return false
}
