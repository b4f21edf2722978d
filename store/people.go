package store

import (
	"context"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// Person is a person the store knows, as a load's linker needs it: its name and positions.
type Person struct {
	IRI   quad.IRI
	Name  string
	Roles []PersonRole
}

// PersonRole is a title, and the organisation or country it is held at ("" when unknown).
type PersonRole struct {
	Title string
	Of    quad.IRI
}

// PeopleNamed returns the people one of whose names is the word (a surname, "Bayramov", or a
// one-word name), with their titles and employers, leaving out those merged into another
// entity (that one is the person). Index lookups (NameKeyEntities: on bolt the card index, on
// PostgreSQL its table), then each person's quads.
func (s *Store) PeopleNamed(ctx context.Context, word string) ([]Person, error) {
	found, err := s.NameKeyEntities(ctx, word)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	t, err := s.loadMerges(ctx)
	if err != nil {
		return nil, err
	}
	// An entity merged into another stands for that one (the person), as a merge's
	// projections made it when name keys were quads.
	var nodes []quad.IRI
	for _, e := range found {
		if r, ok := t.Root(e).(quad.IRI); ok && !slices.Contains(nodes, r) {
			nodes = append(nodes, r)
		}
	}
	var out []Person
	for _, iri := range nodes {
		if t.Of(iri) != nil {
			continue
		}
		types, err := s.objects(ctx, iri, terms.Type)
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(types, func(v quad.Value) bool { return keyOfValue(v) == keyOfValue(quad.IRI("schema:Person")) }) {
			continue
		}
		p := Person{IRI: iri}
		if p.Name, err = s.ownName(ctx, iri); err != nil {
			return nil, err
		}
		roles, err := s.subjects(ctx, terms.Holder, iri)
		if err != nil {
			return nil, err
		}
		titled := map[string]bool{}
		for _, r := range roles {
			names, err := s.objects(ctx, r, terms.RoleName)
			if err != nil {
				return nil, err
			}
			of, err := s.objects(ctx, r, terms.Of)
			if err != nil {
				return nil, err
			}
			var org quad.IRI
			if len(of) > 0 {
				org, _ = of[0].(quad.IRI)
			}
			for _, n := range names {
				p.Roles = append(p.Roles, PersonRole{Title: str(n), Of: org})
				titled[textkey.NameKey(str(n))] = true
			}
		}
		for _, pred := range []quad.IRI{terms.JobTitle, terms.FormerTitle} {
			vs, err := s.objects(ctx, iri, pred)
			if err != nil {
				return nil, err
			}
			for _, v := range vs {
				if !titled[textkey.NameKey(str(v))] {
					p.Roles = append(p.Roles, PersonRole{Title: str(v)})
				}
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// ownName is the node's schema:name as an article states it (not a name a merge projected).
func (s *Store) ownName(ctx context.Context, node quad.Value) (string, error) {
	vs, err := s.ownValues(ctx, node, terms.Name)
	if err != nil || len(vs) == 0 {
		return "", err
	}
	return str(vs[0]), nil
}
