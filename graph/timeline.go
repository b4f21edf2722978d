package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// Event is one thing an entity did or had done to it, as the statements of the graph say: a
// relation with its date and one sentence that states it.
type Event struct {
	// Date is the relation's own date when the text gives one (a dateline year completes a
	// "--01-22"), else the article's publication date; "" when neither is known.
	Date string `json:"date,omitempty"`
	// DateSource tells which: "event" or "article".
	DateSource string   `json:"dateSource,omitempty"`
	Subject    Ref      `json:"subject"`
	Predicate  quad.IRI `json:"predicate"`
	Object     *Ref     `json:"object,omitempty"`
	Value      string   `json:"value,omitempty"`    // a literal object: a topic, a quotation
	Negated    bool     `json:"negated,omitempty"`  // the text says it did not happen
	Modality   string   `json:"modality,omitempty"` // may, will, plans...
	Articles   int      `json:"articles"`           // articles that state it (every copy)
	Evidence   Evidence `json:"evidence"`           // the most confident statement's sentence, earliest article first
}

// Timeline is an entity's events in date order: dated events (oldest first), then events whose
// year is unknown ("--01-22"), then undated ones.
type Timeline struct {
	Entity Ref     `json:"entity"`
	From   string  `json:"from,omitempty"`
	To     string  `json:"to,omitempty"`
	Events []Event `json:"events"`
}

// eventDate is a statement's date: its own (given the year of the article's date when it has
// none), else the article's.
func eventDate(stated, article string) (date, source string) {
	switch {
	case reYear.MatchString(stated):
		return stated, "event"
	case strings.HasPrefix(stated, "--") && reYear.MatchString(article):
		return article[:4] + stated[1:], "event"
	case stated != "":
		return stated, "event"
	case article != "":
		return article, "article"
	}
	return "", ""
}

// dateClass orders dates: with a year, without one ("--01-22"), none.
func dateClass(d string) int {
	switch {
	case reYear.MatchString(d):
		return 0
	case d != "":
		return 1
	}
	return 2
}

// Timeline returns the events of the entity name finds (as Card does) whose date is in
// [from, to] (YYYY[-MM[-DD]], either ""; with a bound, undated events are left out). Events
// stated by several articles (wire copies, follow-ups) with the same date are one event.
func (s *Store) Timeline(ctx context.Context, name, from, to string) (*Timeline, error) {
	if err := CheckDate(from); err != nil {
		return nil, err
	}
	if err := CheckDate(to); err != nil {
		return nil, err
	}
	t, root, err := s.resolveRoot(ctx, name)
	if err != nil {
		return nil, err
	}
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	tl := &Timeline{From: from, To: to, Events: []Event{}}
	if tl.Entity, err = cx.ref(ctx, root); err != nil {
		return nil, err
	}
	sts, err := s.statementsAbout(ctx, t.cluster(root), iriSubject, iriObject)
	if err != nil {
		return nil, err
	}
	type group struct {
		ev       Event
		articles map[string]bool
		conf     float64
		artDate  string
	}
	groups := map[string]*group{}
	var order []string
	for _, st := range sts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		x, err := cx.statement(ctx, st)
		if err != nil {
			return nil, err
		}
		if x.subject == nil || x.predicate == "" {
			continue
		}
		sub := t.root(x.subject)
		var obj quad.Value
		if x.object != nil {
			obj = t.root(x.object)
		}
		for _, a := range x.articles {
			ai, err := cx.article(ctx, a)
			if err != nil {
				return nil, err
			}
			date, src := eventDate(x.date, ai.date)
			if !inRange(date, from, to) {
				continue
			}
			key := strings.Join([]string{keyOfValue(sub), string(x.predicate), keyOfValue(obj), x.value,
				fmt.Sprint(x.negated), x.modality, date}, "\x00")
			g := groups[key]
			if g == nil {
				g = &group{ev: Event{Date: date, DateSource: src, Predicate: x.predicate, Value: x.value,
					Negated: x.negated, Modality: x.modality}, articles: map[string]bool{}, conf: -1}
				if g.ev.Subject, err = cx.ref(ctx, sub); err != nil {
					return nil, err
				}
				if obj != nil {
					r, err := cx.ref(ctx, obj)
					if err != nil {
						return nil, err
					}
					g.ev.Object = &r
				}
				groups[key] = g
				order = append(order, key)
			}
			g.articles[keyOfValue(a)] = true
			if x.confidence > g.conf || x.confidence == g.conf && cmpDate(ai.date, g.artDate) < 0 {
				if g.ev.Evidence, err = cx.evidence(ctx, a, x.evidence); err != nil {
					return nil, err
				}
				g.conf, g.artDate = x.confidence, ai.date
			}
		}
	}
	for _, k := range order {
		g := groups[k]
		g.ev.Articles = len(g.articles)
		tl.Events = append(tl.Events, g.ev)
	}
	slices.SortStableFunc(tl.Events, func(a, b Event) int {
		return cmpOr(dateClass(a.Date)-dateClass(b.Date), strings.Compare(a.Date, b.Date),
			strings.Compare(a.Subject.Name, b.Subject.Name), strings.Compare(string(a.Predicate), string(b.Predicate)),
			strings.Compare(eventObject(a), eventObject(b)))
	})
	return tl, nil
}

func eventObject(e Event) string {
	if e.Object != nil {
		return e.Object.Name
	}
	return e.Value
}

// resolveRoot finds the entity name means (the best match, as Card does) and the entity it is
// merged into, if any.
func (s *Store) resolveRoot(ctx context.Context, name string) (*mergeTable, quad.IRI, error) {
	t, found, _, order, err := s.rankedCandidates(ctx, name)
	if err != nil {
		return nil, "", err
	}
	root, _ := t.root(found[order[0]]).(quad.IRI)
	return t, root, nil
}

// statementsAbout returns the distinct statements whose preds (ng:subject, ng:object) is one
// of nodes.
func (s *Store) statementsAbout(ctx context.Context, nodes []quad.Value, preds ...quad.IRI) ([]quad.Value, error) {
	var out []quad.Value
	seen := map[string]bool{}
	for _, n := range nodes {
		for _, p := range preds {
			sts, err := s.subjects(ctx, p, n)
			if err != nil {
				return nil, err
			}
			for _, st := range sts {
				if k := keyOfValue(st); !seen[k] {
					seen[k] = true
					out = append(out, st)
				}
			}
		}
	}
	return out, nil
}

// EvidenceItem is one statement of a fact by one article.
type EvidenceItem struct {
	Evidence
	Statement  quad.IRI `json:"statement"`
	EventDate  string   `json:"eventDate,omitempty"` // the relation's own date, as the text gives it
	Confidence float64  `json:"confidence,omitempty"`
	Negated    bool     `json:"negated,omitempty"`
	Modality   string   `json:"modality,omitempty"`
	// Object or Value: what the statement's object is, when the fact was asked without one.
	Object *Ref   `json:"object,omitempty"`
	Value  string `json:"value,omitempty"`
}

// FactEvidence is every sentence that states a fact, with its article.
type FactEvidence struct {
	Subject   Ref            `json:"subject"`
	Predicate quad.IRI       `json:"predicate"`
	Object    *Ref           `json:"object,omitempty"`
	Value     string         `json:"value,omitempty"`
	Evidence  []EvidenceItem `json:"evidence"` // oldest article first
}

// Evidence returns every statement of subject -predicate-> object (names or ids, as Card takes
// them; object may also be a literal value such as a topic, or "" for any object), negated and
// hypothetical ones included, each with its sentence and article. Merged entities count as the
// entity they were merged into.
func (s *Store) Evidence(ctx context.Context, subject, predicate, object string) (*FactEvidence, error) {
	pred, err := ParsePredicate(predicate)
	if err != nil {
		return nil, err
	}
	t, sroot, err := s.resolveRoot(ctx, subject)
	if err != nil {
		return nil, err
	}
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	fe := &FactEvidence{Predicate: pred, Evidence: []EvidenceItem{}}
	if fe.Subject, err = cx.ref(ctx, sroot); err != nil {
		return nil, err
	}
	sts, err := s.statementsAbout(ctx, t.cluster(sroot), iriSubject)
	if err != nil {
		return nil, err
	}
	var oroot quad.Value
	if object = strings.TrimSpace(object); object != "" {
		_, r, err := s.resolveRoot(ctx, object)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		if err == nil {
			oroot = r
			ref, err := cx.ref(ctx, r)
			if err != nil {
				return nil, err
			}
			fe.Object = &ref
			// Only the statements about both: intersect with the object's (one more lookup
			// instead of reading every statement of a much-mentioned subject).
			objSts, err := s.statementsAbout(ctx, t.cluster(r), iriObject)
			if err != nil {
				return nil, err
			}
			in := map[string]bool{}
			for _, st := range objSts {
				in[keyOfValue(st)] = true
			}
			sts = slices.DeleteFunc(sts, func(st quad.Value) bool { return !in[keyOfValue(st)] })
		} else {
			fe.Value = object
		}
	}
	for _, st := range sts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		x, err := cx.statement(ctx, st)
		if err != nil {
			return nil, err
		}
		if x.predicate != pred {
			continue
		}
		var obj quad.Value
		if x.object != nil {
			obj = t.root(x.object)
		}
		switch {
		case oroot != nil && keyOfValue(obj) != keyOfValue(oroot):
			continue
		case fe.Value != "" && !strings.EqualFold(x.value, fe.Value):
			continue
		}
		for _, a := range x.articles {
			ev, err := cx.evidence(ctx, a, x.evidence)
			if err != nil {
				return nil, err
			}
			it := EvidenceItem{Evidence: ev, Statement: x.iri, EventDate: x.date, Confidence: x.confidence,
				Negated: x.negated, Modality: x.modality}
			if object == "" {
				if obj != nil {
					r, err := cx.ref(ctx, obj)
					if err != nil {
						return nil, err
					}
					it.Object = &r
				}
				it.Value = x.value
			}
			fe.Evidence = append(fe.Evidence, it)
		}
	}
	slices.SortStableFunc(fe.Evidence, func(a, b EvidenceItem) int {
		return cmpOr(cmpDate(a.Date, b.Date), strings.Compare(string(a.Article), string(b.Article)),
			strings.Compare(string(a.Statement), string(b.Statement)))
	})
	return fe, nil
}
