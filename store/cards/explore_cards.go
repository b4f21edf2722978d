package cards

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/terms"
)

// exploreIndexFromCards builds the explore index from the card index: three scans of its
// buckets in key order (articles, names and types, mentions, statements) instead of a few
// index lookups per article and per entity, which took minutes at 100,000 articles. The
// relation edges are the statements that the graph states as direct edges: with an object,
// neither negated nor hypothetical.
func exploreIndexFromCards(ctx context.Context, tx *bolt.Tx, t store.MergeView, x *exploreIndex) error {
	artIndex := map[string]int{}
	c := tx.Bucket(bucketArticle).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		rd := fieldReader{b: v, intern: map[string]string{}}
		artIndex[string(k)] = len(x.articles)
		x.articles = append(x.articles, xArticle{iri: quad.IRI(string(k)), date: rd.str()})
	}
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
	c = tx.Bucket(bucketIdent).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		rd := fieldReader{b: k, intern: nil}
		e := quad.IRI(rd.bytes())
		if rd.bad || len(rd.b) == 0 {
			return errBadRow
		}
		kind, value := rd.b[0], string(rd.b[1:])
		n, _ := binary.Varint(v)
		id := idents[e]
		if id == nil {
			id = &ident{names: map[string]int{}, types: map[string]int{}}
			idents[e] = id
			order = append(order, e)
		}
		switch kind {
		case identName:
			id.names[value] += int(n)
		case identAlternate:
			id.alternates = append(id.alternates, value)
		case identType:
			id.types[value] += int(n)
		}
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
	c = tx.Bucket(bucketMention).Cursor()
	var lastRaw []byte
	var e *xEntity
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		rd := fieldReader{b: k}
		raw := rd.bytes()
		if rd.bad {
			return errBadRow
		}
		if !bytes.Equal(raw, lastRaw) { // an entity's rows come together
			lastRaw, e = raw, entityOf(raw)
		}
		i, ok := artIndex[string(rd.b)]
		if e == nil || !ok {
			continue
		}
		e.mentions = append(e.mentions, i)
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
	var lastFact []byte
	var cur *xEdge
	// row reads one statement row; it returns where to go next when that is not the next row.
	row := func(k []byte) (seek []byte, err error) {
		rd := fieldReader{b: k}
		subj := rd.bytes()
		dir := rd.byte1()
		if rd.bad {
			return nil, errBadRow
		}
		if dir == factDir(true) {
			// An entity's rows as object come before those as subject: skip them all.
			return append(bytes.Clone(k[:len(k)-len(rd.b)-1]), factDir(false)), nil
		}
		pred, other, value := rd.bytes(), rd.bytes(), rd.bytes()
		neg, mod := rd.byte1(), rd.bytes()
		factPart := k[:len(k)-len(rd.b)]
		art := rd.bytes()
		if rd.bad {
			return nil, errBadRow
		}
		if !bytes.Equal(factPart, lastFact) {
			lastFact, cur = factPart, nil
			p, ok := preds[string(pred)]
			if len(other) == 0 || len(value) != 0 || neg != '0' || len(mod) != 0 || !ok {
				return nil, nil
			}
			s, o := entityOf(subj), entityOf(other)
			if s == nil || o == nil || s == o {
				return nil, nil
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
			return nil, nil
		}
		if i, ok := artIndex[string(art)]; ok {
			cur.articles = append(cur.articles, i)
		}
		return nil, nil
	}
	c = tx.Bucket(bucketFact).Cursor()
	for k, _ := c.First(); k != nil; {
		seek, err := row(k)
		if err != nil {
			return err
		}
		if seek != nil {
			k, _ = c.Seek(seek)
		} else {
			k, _ = c.Next()
		}
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
