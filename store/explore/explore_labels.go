package explore

import (
	"context"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/terms"
)

// Labels for the nodes of someone else's picture. Cayley's Visualize tab draws the rows of a
// Gizmo query tagged source and target, with each node's IRI as its label and nothing on the
// edges. The script newsgraph adds to that page (server/uifallback/visualize.js) asks here for
// each node's name and type and for the relations among the nodes, and draws those instead.

// NodeLabel is what a picture shows of a node: an entity's name, type and article count; for
// any other node (an article, a statement) its id's last part.
type NodeLabel struct {
	Name     string   `json:"name"`
	Type     string   `json:"type,omitempty"`
	Articles int      `json:"articles,omitempty"`
	Entity   quad.IRI `json:"entity,omitempty"` // the entity it is part of, when merged into another
}

// Labels is the answer to a labels request: each id asked for, and the relation edges among
// them (named by the ids asked for).
type Labels struct {
	Nodes map[string]NodeLabel `json:"nodes"`
	Edges []Edge               `json:"edges"`
}

// MaxLabels bounds the ids of one labels request.
const MaxLabels = 5000

// Labels names the nodes ids (IRIs, with or without angle brackets) and lists the relation
// edges among those that are entities.
func (s Explorer) Labels(ctx context.Context, ids []string) (*Labels, error) {
	if len(ids) > MaxLabels {
		return nil, fmt.Errorf("at most %d ids at once, not %d: %w", MaxLabels, len(ids), cards.ErrInvalid)
	}
	x, err := s.exploreIndex(ctx)
	if err != nil {
		return nil, err
	}
	out := &Labels{Nodes: map[string]NodeLabel{}, Edges: []Edge{}}
	asked := map[*xEntity]string{} // an entity -> the first id that named it
	var order []*xEntity
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if _, done := out.Nodes[id]; done {
			continue
		}
		iri := quad.IRI(strings.Trim(id, "<>"))
		e := x.byKey[keyOfValue(x.merges.Root(iri))]
		if e == nil {
			out.Nodes[id] = NodeLabel{Name: terms.TypeName(iri)}
			continue
		}
		l := NodeLabel{Name: e.name, Type: e.typ, Articles: len(e.mentions)}
		if e.iri != iri {
			l.Entity = e.iri
		}
		out.Nodes[id] = l
		if _, ok := asked[e]; !ok {
			asked[e] = id
			order = append(order, e)
		}
	}
	seen := map[*xEdge]bool{}
	for _, e := range order {
		for _, ed := range e.edges {
			if seen[ed] {
				continue
			}
			seen[ed] = true
			src, ok1 := asked[ed.s]
			dst, ok2 := asked[ed.o]
			if !ok1 || !ok2 || len(ed.articles) == 0 {
				continue
			}
			edge := x.edge(ed, ed.articles)
			edge.Source, edge.Target = quad.IRI(src), quad.IRI(dst)
			out.Edges = append(out.Edges, edge)
		}
	}
	return out, nil
}
