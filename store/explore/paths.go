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
	"github.com/newsgraph/newsgraph/store/terms"
)

// Hop is one relation edge of a path, walked in either direction.
type Hop struct {
	From      Ref      `json:"from"`
	To        Ref      `json:"to"`
	Predicate quad.IRI `json:"predicate"`
	// Direction is "forward" when the edge is From -predicate-> To, "backward" when it is
	// To -predicate-> From (From "was received by" To).
	Direction string          `json:"direction"`
	Articles  int             `json:"articles"`           // articles that state the edge
	Evidence  *cards.Evidence `json:"evidence,omitempty"` // one sentence that states it, from the earliest article
}

// Path is a chain of hops from one entity to another.
type Path struct {
	Hops []Hop `json:"hops"`
}

// PathResult is how two entities are connected: the shortest paths between them.
type PathResult struct {
	From    Ref    `json:"from"`
	To      Ref    `json:"to"`
	MaxHops int    `json:"maxHops"`
	Paths   []Path `json:"paths"` // empty when none is at most MaxHops long
	// Nodes are the entities on the paths, each once, with their type and article count (for
	// drawing the paths as one small graph).
	Nodes []Node `json:"nodes"`
	// AvoidAbove echoes PathOptions.AvoidAbove; Avoided counts the entities the search met
	// and stepped around because more articles than that mention them.
	AvoidAbove int `json:"avoidAbove,omitempty"`
	Avoided    int `json:"avoided,omitempty"`
}

// PathOptions bound a path search.
type PathOptions struct {
	MaxHops int // at most this many relation edges (0: DefaultMaxHops)
	Limit   int // at most this many paths (0: DefaultPathLimit)
	// AvoidAbove, when above 0, keeps the paths off hubs: no entity between the two ends may be
	// mentioned by more than this many articles.
	AvoidAbove int
}

// Path defaults and bounds.
const (
	DefaultMaxHops   = 4
	MaxPathHops      = 6
	DefaultPathLimit = 5
)

// Paths finds the shortest paths (at most maxHops relation edges, either direction; 0 for
// DefaultMaxHops) between the entities a and b name (as Card finds them), at most limit of them
// (0 for DefaultPathLimit), the best corroborated first, each hop with one evidence sentence.
// Types, names, mentions and articles are not edges: two entities are not connected because
// one article mentions both.
func (s Explorer) Paths(ctx context.Context, a, b string, maxHops, limit int) (*PathResult, error) {
	return s.PathsWith(ctx, a, b, PathOptions{MaxHops: maxHops, Limit: limit})
}

// PathsWith is Paths with all its options: see PathOptions.
func (s Explorer) PathsWith(ctx context.Context, a, b string, o PathOptions) (*PathResult, error) {
	maxHops, limit := o.MaxHops, o.Limit
	if o.AvoidAbove < 0 {
		return nil, fmt.Errorf("avoid must be a number of articles, not %d: %w", o.AvoidAbove, cards.ErrInvalid)
	}
	if maxHops == 0 {
		maxHops = DefaultMaxHops
	}
	if maxHops < 1 || maxHops > MaxPathHops {
		return nil, fmt.Errorf("max hops must be 1 to %d, not %d: %w", MaxPathHops, maxHops, cards.ErrInvalid)
	}
	if limit <= 0 {
		limit = DefaultPathLimit
	}
	x, err := s.exploreIndex(ctx)
	if err != nil {
		return nil, err
	}
	from, err := s.exploreEntity(ctx, x, a)
	if err != nil {
		return nil, err
	}
	to, err := s.exploreEntity(ctx, x, b)
	if err != nil {
		return nil, err
	}
	res := &PathResult{From: from.ref(), To: to.ref(), MaxHops: maxHops, Paths: []Path{}, Nodes: []Node{}, AvoidAbove: o.AvoidAbove}
	avoided := map[*xEntity]bool{}
	hub := func(n *xEntity) bool {
		if o.AvoidAbove > 0 && n != to && len(n.mentions) > o.AvoidAbove {
			avoided[n] = true
			return true
		}
		return false
	}
	defer func() { res.Avoided = len(avoided) }()
	if from == to {
		return res, nil
	}
	// Breadth first from a, layer by layer, keeping every parent on a shortest path.
	dist := map[*xEntity]int{from: 0}
	parents := map[*xEntity][]*xEntity{}
	weight := map[[2]*xEntity]int{} // articles of the best edge between two entities
	frontier := []*xEntity{from}
	for d := 1; d <= maxHops && len(frontier) > 0; d++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var next []*xEntity
		for _, e := range frontier {
			for _, ed := range e.edges {
				if len(ed.articles) == 0 {
					continue
				}
				n := ed.other(e)
				if dn, seen := dist[n]; seen && dn < d || hub(n) {
					continue
				}
				if _, seen := dist[n]; !seen {
					dist[n] = d
					next = append(next, n)
				}
				pair := [2]*xEntity{e, n}
				if _, ok := weight[pair]; !ok {
					parents[n] = append(parents[n], e)
				}
				weight[pair] = max(weight[pair], len(ed.articles))
			}
		}
		if _, found := dist[to]; found {
			break
		}
		frontier = next
	}
	if _, found := dist[to]; !found {
		return res, nil
	}
	// Every shortest path, from b back to a, best corroborated parents first.
	var chains [][]*xEntity
	var walk func(e *xEntity, tail []*xEntity)
	walk = func(e *xEntity, tail []*xEntity) {
		if len(chains) >= limit {
			return
		}
		tail = append([]*xEntity{e}, tail...)
		if e == from {
			chains = append(chains, tail)
			return
		}
		ps := slices.Clone(parents[e])
		slices.SortStableFunc(ps, func(p, q *xEntity) int {
			return cmp.Or(weight[[2]*xEntity{q, e}]-weight[[2]*xEntity{p, e}], len(q.mentions)-len(p.mentions),
				strings.Compare(p.name, q.name))
		})
		for _, p := range ps {
			walk(p, tail)
		}
	}
	walk(to, nil)
	ev := &edgeEvidence{s: s, cx: s.cards.Context(x.merges), x: x, byArticle: map[int][]cards.Statement{}}
	onPath := map[*xEntity]bool{}
	for _, c := range chains {
		for _, e := range c {
			if !onPath[e] {
				onPath[e] = true
				nd := e.node()
				nd.Articles, nd.Hop = len(e.mentions), dist[e]
				res.Nodes = append(res.Nodes, nd)
			}
		}
	}
	for _, c := range chains {
		var p Path
		for i := 0; i+1 < len(c); i++ {
			u, v := c[i], c[i+1]
			var best *xEdge
			for _, ed := range u.edges {
				if ed.other(u) == v && (best == nil || len(ed.articles) > len(best.articles) ||
					len(ed.articles) == len(best.articles) && ed.pred < best.pred) {
					best = ed
				}
			}
			h := Hop{From: u.ref(), To: v.ref(), Predicate: best.pred, Direction: "forward", Articles: len(best.articles)}
			if best.s != u {
				h.Direction = "backward"
			}
			if h.Evidence, err = ev.of(ctx, best); err != nil {
				return nil, err
			}
			p.Hops = append(p.Hops, h)
		}
		res.Paths = append(res.Paths, p)
	}
	return res, nil
}

// edgeEvidence finds a sentence for an edge among the statements of the articles that state it.
type edgeEvidence struct {
	s         Explorer
	cx        cards.Context
	x         *exploreIndex
	byArticle map[int][]cards.Statement
}

// of returns the evidence of the edge's statement in its earliest article that has one, or nil.
func (ee *edgeEvidence) of(ctx context.Context, ed *xEdge) (*cards.Evidence, error) {
	arts := slices.Clone(ed.articles)
	slices.SortStableFunc(arts, func(a, b int) int {
		return cmp.Or(fields.CmpDate(ee.x.articles[a].date, ee.x.articles[b].date),
			strings.Compare(keyOfValue(ee.x.articles[a].iri), keyOfValue(ee.x.articles[b].iri)))
	})
	for _, a := range arts[:min(len(arts), 5)] {
		sts, ok := ee.byArticle[a]
		if !ok {
			nodes, err := ee.s.st.Subjects(ctx, terms.Article, ee.x.articles[a].iri)
			if err != nil {
				return nil, err
			}
			for _, n := range nodes {
				st, err := ee.cx.Statement(ctx, n)
				if err != nil {
					return nil, err
				}
				if st.Subject != nil && st.Predicate != "" {
					sts = append(sts, st)
				}
			}
			ee.byArticle[a] = sts
		}
		for _, st := range sts {
			if st.Predicate != ed.pred || st.Negated || st.Modality != "" || st.Object == nil ||
				keyOfValue(ee.x.merges.Root(st.Subject)) != keyOfValue(ed.s.iri) ||
				keyOfValue(ee.x.merges.Root(st.Object)) != keyOfValue(ed.o.iri) {
				continue
			}
			ev, err := ee.cx.Evidence(ctx, ee.x.articles[a].iri, st.Evidence)
			if err != nil {
				return nil, err
			}
			return &ev, nil
		}
	}
	return nil, nil
}
