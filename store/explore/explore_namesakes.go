package explore

import (
	"cmp"
	"context"
	"github.com/newsgraph/newsgraph/store/fields"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/terms"
)

// Telling namesakes apart: five entities called "Bush" are five rows of "Bush" unless each
// says what it is. A Namesake is what the explorer lists beside a name: the entity's most
// stated title, the organisation, country or place it belongs to (its most corroborated
// worksFor, heads, memberOf, headquarteredIn, containedInPlace or partOf edge), and the dates
// of the first and last articles that mention it. Type and article count are the result's own.
type Namesake struct {
	Title     string `json:"title,omitempty"`
	Of        *Ref   `json:"of,omitempty"`
	FirstSeen string `json:"firstSeen,omitempty"`
	LastSeen  string `json:"lastSeen,omitempty"`
}

// affiliations are the relations that say where an entity belongs, best first on a tie.
var affiliations = []quad.IRI{"ng:heads", "schema:worksFor", "schema:memberOf", "ng:headquarteredIn", "schema:containedInPlace", "ng:partOf"}

// namesake describes e (an entity of x).
func (s Explorer) namesake(ctx context.Context, x *exploreIndex, e *xEntity) (Namesake, error) {
	var n Namesake
	for _, i := range e.mentions {
		if d := x.articles[i].date; d != "" {
			n.FirstSeen, n.LastSeen = fields.MinDate(n.FirstSeen, d), fields.MaxDate(n.LastSeen, d)
		}
	}
	// The title most articles give it (each article states it once).
	qs, err := s.st.Out(ctx, e.iri, terms.JobTitle)
	if err != nil {
		return n, err
	}
	titles := map[string]int{}
	for _, q := range qs {
		if !store.IsMergeLabel(q.Label) {
			titles[str(q.Object)]++
		}
	}
	n.Title = commonest(titles, "")
	var best *xEdge
	rank := func(ed *xEdge) int { return slices.Index(affiliations, ed.pred) }
	for _, ed := range e.edges {
		if ed.s != e || rank(ed) < 0 {
			continue
		}
		if best == nil || len(ed.articles) > len(best.articles) ||
			len(ed.articles) == len(best.articles) && cmp.Or(rank(ed)-rank(best), strings.Compare(string(ed.o.iri), string(best.o.iri))) < 0 {
			best = ed
		}
	}
	if best != nil {
		r := best.o.ref()
		n.Of = &r
	}
	return n, nil
}

// NamesakeResult is a search result with what tells it from its namesakes.
type NamesakeResult struct {
	SearchResult
	Namesake
}

// NamesakeResults describes each search result.
func (s Explorer) NamesakeResults(ctx context.Context, res []SearchResult) ([]NamesakeResult, error) {
	x, err := s.exploreIndex(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]NamesakeResult, 0, len(res))
	for _, r := range res {
		nr := NamesakeResult{SearchResult: r}
		if e := x.byKey[keyOfValue(r.ID)]; e != nil {
			if nr.Namesake, err = s.namesake(ctx, x, e); err != nil {
				return nil, err
			}
		}
		out = append(out, nr)
	}
	return out, nil
}

// NamesakeMatch is another entity a card's name matches, with what tells it apart.
type NamesakeMatch struct {
	cards.EntityMatch
	Type string `json:"type,omitempty"` // the type most articles give it
	Namesake
}

// NamesakeMatches describes a card's other matches.
func (s Explorer) NamesakeMatches(ctx context.Context, ms []cards.EntityMatch) ([]NamesakeMatch, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	x, err := s.exploreIndex(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]NamesakeMatch, 0, len(ms))
	for _, m := range ms {
		nm := NamesakeMatch{EntityMatch: m}
		id := m.IRI
		if m.MergedInto != "" {
			id = m.MergedInto
		}
		if e := x.byKey[keyOfValue(id)]; e != nil {
			nm.Type = e.typ
			if nm.Namesake, err = s.namesake(ctx, x, e); err != nil {
				return nil, err
			}
		}
		out = append(out, nm)
	}
	return out, nil
}
