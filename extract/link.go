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
// one known person with that name holds the same title, or a position at the same organisation
// or country. Two people who merely share a surname stay two nodes, and so do two namesakes
// with no role in common. Linker is safe for concurrent use; feed it articles in a fixed order
// for reproducible links.
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
	Titles   []string
	Of       []string // entity ids of the organisations and countries of its positions
}

// Link is a linker's decision: entity From of an article is entity To, named Name.
type Link struct {
	From, To, Name string
	Reason         string // the evidence, for the record and for a person reviewing it
}

type knownPerson struct {
	ID, Name string
	Titles   map[string]bool
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
		p = &knownPerson{ID: k.ID, Name: k.Name, Titles: map[string]bool{}, Of: map[string]bool{}}
		l.people[w] = append(l.people[w], p)
	}
	for _, t := range k.Titles {
		p.Titles[strings.ToLower(t)] = true
	}
	for _, o := range k.Of {
		p.Of[o] = true
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
		var match *knownPerson
		var why string
		for _, k := range l.people[w] {
			r := k.shared(e)
			if r == "" || k.ID == e.ID {
				continue
			}
			if match != nil {
				match = nil // two candidates: no evidence which
				break
			}
			match, why = k, r
		}
		if match != nil {
			linked[e.ID] = match
			links = append(links, Link{From: e.ID, To: match.ID, Name: match.Name,
				Reason: fmt.Sprintf("%q is %s in article %s: the only known %s %s", e.Name, match.Name, x.ID, why, e.Name)})
		}
	}
	for _, e := range x.Entities {
		if e.Type != Person {
			continue
		}
		k := Known{ID: e.ID, Name: e.Name}
		for _, p := range e.Roles {
			k.Titles = append(k.Titles, p.Title)
			if p.Of != "" {
				k.Of = append(k.Of, p.Of)
			}
		}
		if m := linked[e.ID]; m != nil {
			// What the article says of Bayramov, it says of Jeyhun Bayramov.
			k.ID, k.Name = m.ID, m.Name
		} else if IsLocalID(e.ID) && len(k.Titles) == 0 {
			continue // nothing to link to it by
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

// shared names the role e has in common with k ("Foreign Minister", "holder of a position
// at country/azerbaijan"), or "".
func (k *knownPerson) shared(e *Entity) string {
	for _, p := range e.Roles {
		if k.Titles[strings.ToLower(p.Title)] {
			return p.Title
		}
	}
	for _, p := range e.Roles {
		if p.Of != "" && k.Of[p.Of] {
			return "person with a position at " + p.Of + " named"
		}
	}
	return ""
}
