package explore

import (
	"cmp"
	"context"
	"fmt"
	"github.com/newsgraph/newsgraph/store/fields"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/cards"
)

// The neighbourhood graph of the explorer. A hub (a country in 900 articles) has more
// neighbours than a picture can hold, so the answer says how many there are (Total), which ones
// it keeps (the best ranked), how many edges of each relation the centre has (Predicates: the
// filter's choices, with this entity's counts) and how many of the centre's edges a date range
// hides because no article stating them is dated (Undated).

// Node is an entity in a neighbourhood.
type Node struct {
	ID       quad.IRI `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Hop      int      `json:"hop"`                // 0 for the centre, 1 or 2
	Articles int      `json:"articles,omitempty"` // articles that mention it
}

// Edge is a relation edge between two entities, with the articles that state it.
type Edge struct {
	Source    quad.IRI `json:"source"`
	Target    quad.IRI `json:"target"`
	Predicate quad.IRI `json:"predicate"`
	Articles  int      `json:"articles"`
	FirstSeen string   `json:"firstSeen,omitempty"` // the earliest article's date
	LastSeen  string   `json:"lastSeen,omitempty"`
}

// Neighbourhood is an entity, the entities within one or two relation edges of it, and the
// edges between them.
type Neighbourhood struct {
	Center Node   `json:"center"`
	Nodes  []Node `json:"nodes"` // the centre first, then by hop, best ranked first
	Edges  []Edge `json:"edges"`
	// Total counts the entities within Hops that pass the filters, the centre left out: the
	// answer shows len(Nodes)-1 of them.
	Total     int  `json:"total"`
	Truncated bool `json:"truncated,omitempty"` // the limit left nodes out
	// Predicates are the relations of the centre's own edges within the date range (whatever
	// the relation filter), most edges first.
	Predicates []PredicateCount `json:"predicates"`
	// Undated counts the centre's edges (of the chosen relations) that a date range leaves out
	// because none of the articles stating them has a date; 0 without a range.
	Undated int    `json:"undated"`
	Rank    string `json:"rank"` // how neighbours were ranked: corroboration or recency
}

// NeighbourhoodOptions filter a neighbourhood.
type NeighbourhoodOptions struct {
	Hops       int      // 1 (the default) or 2
	Predicates []string // only these relations (names or IRIs, see cards.ParsePredicate); none for all
	From, To   string   // only edges stated by articles published in this range (YYYY[-MM[-DD]])
	Limit      int      // at most this many nodes, the centre included (default 50)
	// Rank orders the neighbours kept: "corroboration" (the default: articles stating their
	// edges to the previous hop, then the latest of those articles) or "recency" (the latest
	// article first, then corroboration).
	Rank string
}

// DefaultNeighbourhoodLimit is the default number of nodes of a neighbourhood.
const DefaultNeighbourhoodLimit = 50

// edgeFilter keeps the edges of the given predicates stated by articles in [from, to].
type edgeFilter struct {
	x        *exploreIndex
	preds    map[quad.IRI]bool
	from, to string
}

func newEdgeFilter(x *exploreIndex, preds []string, from, to string) (*edgeFilter, error) {
	f := &edgeFilter{x: x, from: from, to: to}
	if err := cards.CheckDate(from); err != nil {
		return nil, err
	}
	if err := cards.CheckDate(to); err != nil {
		return nil, err
	}
	for _, p := range preds {
		for _, p := range strings.Split(p, ",") {
			if strings.TrimSpace(p) == "" {
				continue
			}
			iri, err := cards.ParsePredicate(p)
			if err != nil {
				return nil, err
			}
			if f.preds == nil {
				f.preds = map[quad.IRI]bool{}
			}
			f.preds[iri] = true
		}
	}
	return f, nil
}

// articles returns the edge's articles in range, nil when the edge is filtered out.
func (f *edgeFilter) articles(ed *xEdge) []int {
	if f.preds != nil && !f.preds[ed.pred] {
		return nil
	}
	return f.inRange(ed)
}

// inRange returns the edge's articles in the date range, whatever its predicate.
func (f *edgeFilter) inRange(ed *xEdge) []int {
	if f.from == "" && f.to == "" {
		return ed.articles
	}
	var out []int
	for _, a := range ed.articles {
		if cards.InRange(f.x.articles[a].date, f.from, f.to) {
			out = append(out, a)
		}
	}
	return out
}

// undated tells whether a date range leaves the edge out only for want of dates.
func (f *edgeFilter) undated(ed *xEdge) bool {
	if f.from == "" && f.to == "" || f.preds != nil && !f.preds[ed.pred] {
		return false
	}
	for _, a := range ed.articles {
		if reYear.MatchString(f.x.articles[a].date) {
			return false
		}
	}
	return len(ed.articles) > 0
}

// candidate is an entity one hop beyond a set of entities, with what ranks it.
type candidate struct {
	e      *xEntity
	weight int    // articles stating its edges to the set
	last   string // the latest of them
}

// latestFirst orders dates latest first, unknown ones last.
func latestFirst(a, b string) int {
	if a == "" || b == "" {
		return fields.CmpDate(a, b)
	}
	return strings.Compare(b, a)
}

// reach lists the entities one filtered edge away from frontier that are not in seen, ranked.
func (x *exploreIndex) reach(f *edgeFilter, frontier []*xEntity, seen map[*xEntity]int, rank string) []candidate {
	at := map[*xEntity]int{}
	var out []candidate
	for _, e := range frontier {
		for _, ed := range e.edges {
			arts := f.articles(ed)
			if len(arts) == 0 {
				continue
			}
			other := ed.other(e)
			if _, in := seen[other]; in {
				continue
			}
			i, ok := at[other]
			if !ok {
				i = len(out)
				at[other] = i
				out = append(out, candidate{e: other})
			}
			out[i].weight += len(arts)
			for _, a := range arts {
				out[i].last = fields.MaxDate(out[i].last, x.articles[a].date)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b candidate) int {
		byWeight := b.weight - a.weight
		byDate := latestFirst(a.last, b.last)
		first, second := byWeight, byDate
		if rank == "recency" {
			first, second = byDate, byWeight
		}
		return cmp.Or(first, second, len(b.e.mentions)-len(a.e.mentions), strings.Compare(a.e.name, b.e.name),
			strings.Compare(string(a.e.iri), string(b.e.iri)))
	})
	return out
}

// Neighbourhood returns the entities within o.Hops relation edges (either direction) of the
// entity name finds, and the edges among them. With two hops, at most two thirds of the room
// go to the first hop, and the second hop is reached from the best ranked first-hop entities
// kept; room the second hop does not use goes back to the first.
func (s Explorer) Neighbourhood(ctx context.Context, name string, o NeighbourhoodOptions) (*Neighbourhood, error) {
	if o.Hops == 0 {
		o.Hops = 1
	}
	if o.Hops < 1 || o.Hops > 2 {
		return nil, fmt.Errorf("hops must be 1 or 2, not %d: %w", o.Hops, cards.ErrInvalid)
	}
	if o.Limit <= 0 {
		o.Limit = DefaultNeighbourhoodLimit
	}
	switch o.Rank {
	case "":
		o.Rank = "corroboration"
	case "corroboration", "recency":
	default:
		return nil, fmt.Errorf("unknown rank %q (corroboration or recency): %w", o.Rank, cards.ErrInvalid)
	}
	x, err := s.exploreIndex(ctx)
	if err != nil {
		return nil, err
	}
	f, err := newEdgeFilter(x, o.Predicates, o.From, o.To)
	if err != nil {
		return nil, err
	}
	center, err := s.exploreEntity(ctx, x, name)
	if err != nil {
		return nil, err
	}
	n := &Neighbourhood{Center: center.node(), Rank: o.Rank, Predicates: []PredicateCount{}}
	n.Center.Articles = len(center.mentions)

	counts := map[quad.IRI]int{}
	for _, ed := range center.edges {
		if len(f.inRange(ed)) > 0 {
			counts[ed.pred]++
		}
		if f.undated(ed) {
			n.Undated++
		}
	}
	for p, c := range counts {
		n.Predicates = append(n.Predicates, predicateCount(p, c))
	}
	slices.SortFunc(n.Predicates, func(a, b PredicateCount) int {
		return cmp.Or(b.Edges-a.Edges, strings.Compare(string(a.Predicate), string(b.Predicate)))
	})

	hop := map[*xEntity]int{center: 0}
	room := o.Limit - 1
	first := x.reach(f, []*xEntity{center}, hop, o.Rank)
	k1 := min(len(first), room)
	var second []candidate
	if o.Hops == 2 {
		k1 = min(len(first), max(room-room/3, min(room, 1)))
		all := map[*xEntity]int{center: 0}
		var ring []*xEntity
		for _, c := range first {
			all[c.e] = 1
			ring = append(ring, c.e)
		}
		kept := make([]*xEntity, k1)
		for i := range kept {
			kept[i] = first[i].e
		}
		second = x.reach(f, kept, all, o.Rank)
		n.Total = len(first) + len(x.reach(f, ring, all, o.Rank))
		k1 = min(len(first), max(k1, room-len(second)))
	} else {
		n.Total = len(first)
	}
	k2 := min(len(second), room-k1)
	n.Truncated = k1+k2 < n.Total
	order := []*xEntity{center}
	for _, c := range first[:k1] {
		hop[c.e] = 1
		order = append(order, c.e)
	}
	for _, c := range second[:k2] {
		hop[c.e] = 2
		order = append(order, c.e)
	}
	for _, e := range order {
		nd := e.node()
		nd.Hop, nd.Articles = hop[e], len(e.mentions)
		n.Nodes = append(n.Nodes, nd)
	}
	n.Edges = []Edge{}
	seen := map[*xEdge]bool{}
	for _, e := range order {
		for _, ed := range e.edges {
			if seen[ed] {
				continue
			}
			seen[ed] = true
			if _, in := hop[ed.other(e)]; !in {
				continue
			}
			if arts := f.articles(ed); len(arts) > 0 {
				n.Edges = append(n.Edges, x.edge(ed, arts))
			}
		}
	}
	return n, nil
}

func (x *exploreIndex) edge(ed *xEdge, arts []int) Edge {
	out := Edge{Source: ed.s.iri, Target: ed.o.iri, Predicate: ed.pred, Articles: len(arts)}
	for _, a := range arts {
		if d := x.articles[a].date; d != "" {
			out.FirstSeen, out.LastSeen = fields.MinDate(out.FirstSeen, d), fields.MaxDate(out.LastSeen, d)
		}
	}
	return out
}
