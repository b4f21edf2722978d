package explore

import (
	"bytes"
	"context"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
	"github.com/newsgraph/newsgraph/store/terms"
)

// exploreIndexFromCards builds the explore index from the card index: scans of its rows
// (cardindex.Rows) in key order (articles, names and types, mentions, statements) instead of a
// few index lookups per article and per entity, which took minutes at 100,000 articles. The
// relation edges are the statements that the graph states as direct edges: with an object,
// neither negated nor hypothetical.
func exploreIndexFromCards(ctx context.Context, rows cardindex.Rows, t store.MergeView, x *exploreIndex) error {
	artIndex := map[string]int{}
	rows.Articles(func(a []byte, date string) {
		artIndex[string(a)] = len(x.articles)
		x.articles = append(x.articles, xArticle{iri: quad.IRI(string(a)), date: date})
	})
	if err := ctx.Err(); err != nil {
		return err
	}

	isEntityType := map[string]bool{}
	for _, ty := range terms.EntityTypes {
		isEntityType[string(ty)] = true
	}
	// Names and types, per entity, then per root.
	type ident struct {
		names, types map[string]int
		alternates   []string
	}
	idents := map[quad.IRI]*ident{}
	var order []quad.IRI
	err := rows.Identities(func(raw []byte, kind byte, value []byte, n int) {
		e := quad.IRI(raw)
		id := idents[e]
		if id == nil {
			id = &ident{names: map[string]int{}, types: map[string]int{}}
			idents[e] = id
			order = append(order, e)
		}
		switch kind {
		case cardindex.IdentName:
			id.names[string(value)] += n
		case cardindex.IdentAlternate:
			id.alternates = append(id.alternates, string(value))
		case cardindex.IdentType:
			id.types[string(value)] += n
		}
	})
	if err != nil {
		return err
	}
	names := map[*xEntity][]string{}
	typeCount := map[*xEntity]map[string]int{}
	for _, m := range order {
		id := idents[m]
		isEntity := false
		for ty := range id.types {
			isEntity = isEntity || isEntityType[ty]
		}
		if !isEntity {
			continue // a date, a statement, or not an entity
		}
		root, ok := t.Root(m).(quad.IRI)
		if !ok {
			continue
		}
		e := x.entityOf(root, typeCount)
		for ty, n := range id.types {
			if isEntityType[ty] {
				typeCount[e][terms.TypeName(quad.IRI(ty))] += n
			}
		}
		if m == root {
			e.name = commonest(id.names, "")
		}
		for n := range id.names {
			names[e] = append(names[e], n)
		}
		names[e] = append(names[e], id.alternates...)
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	// Mentions.
	entityOf := func(raw []byte) *xEntity {
		return x.byKey[keyOfValue(t.Root(quad.IRI(raw)))]
	}
	var lastRaw []byte
	var e *xEntity
	err = rows.Mentions(func(raw, art []byte) {
		if !bytes.Equal(raw, lastRaw) { // an entity's rows come together
			lastRaw, e = raw, entityOf(raw)
		}
		i, ok := artIndex[string(art)]
		if e == nil || !ok {
			return
		}
		e.mentions = append(e.mentions, i)
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	// Relation edges, from the statements filed under their subject.
	type edgeKey struct {
		s, o *xEntity
		p    quad.IRI
	}
	edges := map[edgeKey]*xEdge{}
	preds := map[string]quad.IRI{}
	for p := range relationSet {
		preds[string(p)] = p
	}
	var cur *xEdge
	err = rows.SubjectStatements(func(st *cardindex.StatementRow) error {
		if !st.SameFact {
			cur = nil
			p, ok := preds[string(st.Predicate)]
			if len(st.Object) == 0 || len(st.Value) != 0 || st.Negated || len(st.Modality) != 0 || !ok {
				return nil
			}
			s, o := entityOf(st.Subject), entityOf(st.Object)
			if s == nil || o == nil || s == o {
				return nil
			}
			ek := edgeKey{s, o, p}
			cur = edges[ek]
			if cur == nil {
				cur = &xEdge{s: s, o: o, pred: p}
				edges[ek] = cur
				s.edges = append(s.edges, cur)
				o.edges = append(o.edges, cur)
			}
		}
		if cur == nil {
			return nil
		}
		if i, ok := artIndex[string(st.Article)]; ok {
			cur.articles = append(cur.articles, i)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, ed := range edges {
		slices.Sort(ed.articles)
		ed.articles = slices.Compact(ed.articles)
	}

	for _, e := range x.byKey {
		slices.Sort(e.mentions)
		e.mentions = slices.Compact(e.mentions)
	}
	x.finish(names, typeCount)
	return nil
}
