package cards

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// EntityMatch is an entity found by name.
type EntityMatch struct {
	IRI      quad.IRI `json:"id"`
	Name     string   `json:"name"`
	Types    []string `json:"types,omitempty"`
	Match    string   `json:"match"`    // how it was found: id, name, alternateName, nameKey (case, accents or one word of a person's name)
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
// each an index lookup (name keys: store.NameKeyEntities, a scan of the names on a backend
// that keeps no index of them, memstore).
func (s Reader) FindEntities(ctx context.Context, q string) ([]EntityMatch, error) {
	t, err := s.loadMerges(ctx)
	if err != nil {
		return nil, err
	}
	found, how, err := s.candidates(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []EntityMatch
	for _, e := range found {
		m, err := s.entityMatch(ctx, t, e)
		if err != nil {
			return nil, err
		}
		m.Match = how
		out = append(out, m)
	}
	slices.SortStableFunc(out, func(a, b EntityMatch) int {
		return cmp.Or(b.Articles-a.Articles, strings.Compare(a.Name, b.Name), strings.Compare(string(a.IRI), string(b.IRI)))
	})
	return out, nil
}

// candidates are the entities q finds (see FindEntities) and how it found them.
func (s Reader) candidates(ctx context.Context, q string) ([]quad.IRI, string, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, "", fmt.Errorf("an empty name: %w", store.ErrNotFound)
	}
	if id := strings.Trim(q, "<>"); !strings.ContainsAny(id, " \t") && strings.ContainsAny(id, "/:") {
		for _, c := range []quad.IRI{quad.IRI(id), quad.IRI("ng:" + id)} {
			if ok, err := s.st.Has(ctx, c); err != nil {
				return nil, "", err
			} else if ok {
				return []quad.IRI{c}, "id", nil
			}
		}
	}
	steps := []struct {
		pred quad.IRI
		kind byte
		val  string
		how  string
	}{{terms.Name, cardindex.IdentName, q, "name"},
		{terms.AlternateName, cardindex.IdentAlternate, q, "alternateName"},
		{terms.NameKey, cardindex.IdentNameKey, textkey.NameKey(q), "nameKey"}}
	for _, step := range steps {
		if step.val == "" {
			break
		}
		var found []quad.IRI
		indexed, err := s.cards.View(func(tx cardindex.Tx) error {
			return tx.EntitiesNamed(step.kind, step.val, func(e quad.IRI) { found = append(found, e) })
		})
		if err != nil {
			return nil, "", err
		}
		if !indexed && step.kind == cardindex.IdentNameKey {
			// Not quads (the store derives them from the names): its own index, or a scan.
			if found, err = s.st.NameKeyEntities(ctx, q); err != nil {
				return nil, "", err
			}
		} else if !indexed {
			subs, err := s.st.Subjects(ctx, step.pred, quad.String(step.val))
			if err != nil {
				return nil, "", err
			}
			for _, v := range subs {
				if iri, ok := v.(quad.IRI); ok {
					found = append(found, iri)
				}
			}
		}
		if len(found) > 0 {
			return found, step.how, nil
		}
	}
	return nil, "", nil
}

// entityMatch describes e: its name (the one most articles give it), types, articles and the
// entity it was merged into.
func (s Reader) entityMatch(ctx context.Context, t store.MergeView, e quad.IRI) (EntityMatch, error) {
	m := EntityMatch{IRI: e}
	if r := t.Root(e); keyOfValue(r) != keyOfValue(e) {
		m.MergedInto, _ = r.(quad.IRI)
	}
	names := map[string]int{}
	indexed, err := s.cards.View(func(tx cardindex.Tx) error {
		var err error
		if m.Articles, err = tx.ClusterCount(t, e); err != nil {
			return err
		}
		return tx.Identity(e, func(kind byte, v string, n int) {
			switch kind {
			case cardindex.IdentName:
				names[v] = n
			case cardindex.IdentType:
				m.Types = append(m.Types, terms.TypeName(quad.IRI(v)))
			}
		})
	})
	if err != nil || indexed {
		m.Name = Commonest(names, string(e))
		return m, err
	}
	qs, err := s.st.Out(ctx, e, terms.Name)
	if err != nil {
		return m, err
	}
	countNames(names, qs)
	m.Name = Commonest(names, string(e))
	types, err := s.st.OwnValues(ctx, e, terms.Type)
	if err != nil {
		return m, err
	}
	for _, ty := range types {
		m.Types = append(m.Types, terms.TypeName(ty.(quad.IRI)))
	}
	arts, err := s.st.Subjects(ctx, terms.Mentions, e)
	if err != nil {
		return m, err
	}
	m.Articles = len(arts)
	return m, nil
}

// countNames counts, for each schema:name among qs, the articles (not merges) that give it.
func countNames(names map[string]int, qs []quad.Quad) {
	seen := map[[2]string]bool{}
	for _, q := range qs {
		if q.Predicate != terms.Name || store.IsMergeLabel(q.Label) {
			continue
		}
		k := [2]string{str(q.Object), keyOfValue(q.Label)}
		if !seen[k] {
			seen[k] = true
			names[k[0]]++
		}
	}
}

// Commonest is the name most articles give, the first in order of those most give; else def.
func Commonest(names map[string]int, def string) string {
	best, bestN := def, 0
	for n, c := range names {
		if c > bestN || c == bestN && n < best {
			best, bestN = n, c
		}
	}
	return best
}

// ResolveEntity returns the one entity q names; it fails when none or several match equally
// (several entities with that exact name, say), listing them.
func (s Reader) ResolveEntity(ctx context.Context, q string) (quad.IRI, error) {
	ms, err := s.FindEntities(ctx, q)
	if err != nil {
		return "", err
	}
	if len(ms) == 0 {
		return "", fmt.Errorf("no entity %q: %w", q, store.ErrNotFound)
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
