package store

import (
	"context"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// Name keys (textkey.EntityKeys: "jeyhun bayramov", and "bayramov" for a person) are not
// quads: each is derived from an entity's names, aliases and types, so the graph does not
// hold them twice. Where they are kept:
//   - bolt: the card index (cards.bolt, store/cards/cardindex) keeps them with the names, and
//     answers a lookup by key when it is usable;
//   - PostgreSQL: its own table, written with the quads (store/postgres/namekeys.go), made
//     by the first write that finds it missing, never by opening;
//   - elsewhere (memstore, a bolt database whose card index is being made again, a
//     PostgreSQL role that could not make the table): a scan of the names.
//
// Databases written before kept them as ng:nameKey quads: those are read too.

// nameKeyIndex is a CardIndex that answers lookups by name key (store/cards's, on bolt);
// ok false when it cannot now (not usable).
type nameKeyIndex interface {
	EntitiesWithNameKey(key string) (es []quad.IRI, ok bool, err error)
}

// nameKeyTable is a quad store that keeps name keys in a table of its own (PostgreSQL); ok
// false when it has none.
type nameKeyTable interface {
	NameKeyEntities(ctx context.Context, key string) (es []quad.Value, ok bool, err error)
}

// NameKeyEntities are the entities one of whose name keys is textkey.NameKey(q) (its name
// or an alias in another case or without accents, or one word of a person's name), sorted;
// merged entities are among them. Index lookups on bolt (the card index) and PostgreSQL (its
// table); a scan of the names elsewhere.
func (s *Store) NameKeyEntities(ctx context.Context, q string) ([]quad.IRI, error) {
	key := textkey.NameKey(q)
	if key == "" {
		return nil, nil
	}
	var found []quad.Value
	indexed := false
	if ix, ok := s.cards.(nameKeyIndex); ok && s.keepsCards() {
		es, ok, err := ix.EntitiesWithNameKey(key)
		if err != nil {
			return nil, err
		}
		if ok {
			return sortedIRIs(es), nil // the index has the older quads' keys too
		}
	}
	if t, ok := s.qs.(nameKeyTable); ok {
		es, ok, err := t.NameKeyEntities(ctx, key)
		if err != nil {
			return nil, err
		}
		found, indexed = es, ok
	}
	if !indexed {
		es, err := s.scanNameKeys(ctx, key)
		if err != nil {
			return nil, err
		}
		found = es
	}
	old, err := s.subjects(ctx, terms.NameKey, quad.String(key)) // a database written before
	if err != nil {
		return nil, err
	}
	var out []quad.IRI
	for _, v := range append(found, old...) {
		if iri, ok := v.(quad.IRI); ok {
			out = append(out, iri)
		}
	}
	return sortedIRIs(out), nil
}

func sortedIRIs(es []quad.IRI) []quad.IRI {
	es = slices.Clone(es)
	slices.Sort(es)
	return slices.Compact(es)
}

// scanNameKeys finds the entities with name key key by reading every schema:name and
// schema:alternateName (a merge's projections too, as ng:nameKey quads were projected): what
// a backend without an index of them does.
func (s *Store) scanNameKeys(ctx context.Context, key string) ([]quad.Value, error) {
	// byName: a name's key is key; byWord: key is a word of a name (a person's only).
	byName, byWord := map[string]quad.Value{}, map[string]quad.Value{}
	for _, p := range []quad.IRI{terms.Name, terms.AlternateName} {
		qs, err := s.quadsWith(ctx, p)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			n := str(q.Object)
			switch {
			case textkey.NameKey(n) == key:
				byName[keyOfValue(q.Subject)] = q.Subject
			case p == terms.Name && slices.Contains(textkey.NameWords(n), key):
				byWord[keyOfValue(q.Subject)] = q.Subject
			}
		}
	}
	var out []quad.Value
	for k, e := range byName {
		if !s.isDate(ctx, e) {
			out = append(out, e)
		}
		delete(byWord, k)
	}
	for _, e := range byWord {
		types, err := s.ownValues(ctx, e, terms.Type)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(types, func(t quad.Value) bool { return keyOfValue(t) == keyOfValue(terms.Person) }) {
			out = append(out, e)
		}
	}
	return out, nil
}

// isDate tells whether e is a date (which has no name keys: its name is its value).
func (s *Store) isDate(ctx context.Context, e quad.Value) bool {
	types, err := s.ownValues(ctx, e, terms.Type)
	return err == nil && slices.ContainsFunc(types, func(t quad.Value) bool { return keyOfValue(t) == keyOfValue(terms.DateType) })
}

// quadsWith are the quads whose predicate is p. The iterator is closed before their values
// are read: on bolt, a read transaction opened inside another one's iteration waits for a
// writer that waits for the first one (a load's linker reads while its writer writes).
func (s *Store) quadsWith(ctx context.Context, p quad.IRI) ([]quad.Quad, error) {
	ref, err := s.qs.ValueOf(p)
	if err != nil || ref == nil {
		return nil, err
	}
	var refs []cgraph.Ref
	it := s.qs.QuadIterator(quad.Predicate, ref).Iterate()
	for it.Next(ctx) {
		refs = append(refs, it.Result())
	}
	err = it.Err()
	it.Close()
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, 0, len(refs))
	for _, r := range refs {
		q, err := s.qs.Quad(r)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}
