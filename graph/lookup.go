package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph/textkey"
)

// EntityMatch is an entity found by name.
type EntityMatch struct {
	IRI      quad.IRI `json:"id"`
	Name     string   `json:"name"`
	Types    []string `json:"types,omitempty"`
	Match    string   `json:"match"`    // how it was found: id, name, alternateName, nameKey (case, accents or one word of a person's name), scan
	Articles int      `json:"articles"` // articles that mention it
	// MergedInto is set when the entity was merged into another: the entity that carries it.
	MergedInto quad.IRI `json:"mergedInto,omitempty"`
}

// FindEntities finds the entities a user means by q, best first (most mentioned):
//   - q is an entity id ("person/jeyhun-bayramov", "ng:person/jeyhun-bayramov" or "<...>");
//   - else the entities whose schema:name is q;
//   - else those whose schema:alternateName is q;
//   - else those with an ng:nameKey of q: the same name in another case or without accents,
//     or one word of a person's name ("Bayramov" finds Jeyhun Bayramov);
//
// each an index lookup. Only on a database written before name keys existed does it scan
// the names.
func (s *Store) FindEntities(ctx context.Context, q string) ([]EntityMatch, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, fmt.Errorf("an empty name: %w", ErrNotFound)
	}
	t, err := s.loadMerges(ctx)
	if err != nil {
		return nil, err
	}
	var found []quad.Value
	how := ""
	if id := strings.Trim(q, "<>"); !strings.ContainsAny(id, " \t") && strings.ContainsAny(id, "/:") {
		for _, c := range []quad.IRI{quad.IRI(id), quad.IRI("ng:" + id)} {
			if ok, err := s.has(ctx, c); err != nil {
				return nil, err
			} else if ok {
				found, how = []quad.Value{c}, "id"
				break
			}
		}
	}
	for _, step := range []struct {
		pred quad.IRI
		val  string
		how  string
	}{{iriName, q, "name"}, {iriAlternateName, q, "alternateName"}, {iriNameKey, textkey.NameKey(q), "nameKey"}} {
		if len(found) > 0 || step.val == "" {
			break
		}
		subs, err := s.subjects(ctx, step.pred, quad.String(step.val))
		if err != nil {
			return nil, err
		}
		for _, v := range subs {
			if _, ok := v.(quad.IRI); ok {
				found = append(found, v)
			}
		}
		how = step.how
	}
	if len(found) == 0 {
		if ref, err := s.qs.ValueOf(iriNameKey); err == nil && ref == nil {
			if found, err = s.scanNames(ctx, q); err != nil {
				return nil, err
			}
			how = "scan"
		}
	}
	var out []EntityMatch
	for _, v := range found {
		m, err := s.entityMatch(ctx, t, v.(quad.IRI))
		if err != nil {
			return nil, err
		}
		m.Match = how
		out = append(out, m)
	}
	slices.SortStableFunc(out, func(a, b EntityMatch) int {
		return cmpOr(b.Articles-a.Articles, strings.Compare(a.Name, b.Name), strings.Compare(string(a.IRI), string(b.IRI)))
	})
	return out, nil
}

func (s *Store) entityMatch(ctx context.Context, t *mergeTable, e quad.IRI) (EntityMatch, error) {
	m := EntityMatch{IRI: e}
	name, err := s.firstValue(ctx, e, iriName)
	if err != nil {
		return m, err
	}
	m.Name = str(name)
	types, err := s.ownValues(ctx, e, iriType)
	if err != nil {
		return m, err
	}
	for _, ty := range types {
		m.Types = append(m.Types, typeName(ty.(quad.IRI)))
	}
	arts, err := s.subjects(ctx, iriMentions, e)
	if err != nil {
		return m, err
	}
	m.Articles = len(arts)
	if r := t.root(e); keyOfValue(r) != keyOfValue(e) {
		m.MergedInto, _ = r.(quad.IRI)
	}
	return m, nil
}

// ownValues returns the distinct objects of node -pred-> ? stated by articles (not by
// merges), sorted.
func (s *Store) ownValues(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	qs, err := s.out(ctx, node, pred)
	if err != nil {
		return nil, err
	}
	qs = slices.DeleteFunc(qs, func(q quad.Quad) bool { return isMergeLabel(q.Label) })
	vs := distinct(qs, quad.Object)
	slices.SortFunc(vs, func(a, b quad.Value) int { return strings.Compare(str(a), str(b)) })
	return vs, nil
}

// firstValue returns the first object of node -pred-> ? that an article (not a merge) states,
// reading no further: a hub's name has one quad per article that names it.
func (s *Store) firstValue(ctx context.Context, node quad.Value, pred quad.IRI) (quad.Value, error) {
	var v quad.Value
	err := s.quads(ctx, quad.Subject, node, pred, func(q quad.Quad) bool {
		if isMergeLabel(q.Label) {
			return true
		}
		v = q.Object
		return false
	})
	return v, err
}

// scanNames is the slow path for databases without name keys: every schema:name and
// schema:alternateName, compared as name keys and name words.
func (s *Store) scanNames(ctx context.Context, q string) ([]quad.Value, error) {
	key := textkey.NameKey(q)
	if key == "" {
		return nil, nil
	}
	var out []quad.Value
	seen := map[string]bool{}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		qd, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		if qd.Predicate != iriName && qd.Predicate != iriAlternateName {
			continue
		}
		n := str(qd.Object)
		if textkey.NameKey(n) != key && !slices.Contains(textkey.NameWords(n), key) {
			continue
		}
		if k := keyOfValue(qd.Subject); !seen[k] {
			seen[k] = true
			out = append(out, qd.Subject)
		}
	}
	return out, it.Err()
}

// ResolveEntity returns the one entity q names; it fails when none or several match equally
// (several entities with that exact name, say), listing them.
func (s *Store) ResolveEntity(ctx context.Context, q string) (quad.IRI, error) {
	ms, err := s.FindEntities(ctx, q)
	if err != nil {
		return "", err
	}
	if len(ms) == 0 {
		return "", fmt.Errorf("no entity %q: %w", q, ErrNotFound)
	}
	if len(ms) > 1 {
		var list []string
		for _, m := range ms {
			list = append(list, fmt.Sprintf("%s (%s, %d articles)", m.IRI, m.Name, m.Articles))
		}
		return "", fmt.Errorf("%q names %d entities: %s; give an id", q, len(ms), strings.Join(list, ", "))
	}
	return ms[0].IRI, nil
}
