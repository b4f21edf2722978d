package cards

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/rdf"
	"github.com/newsgraph/newsgraph/store/terms"
)

// ErrInvalid is returned (wrapped) for a malformed argument: a bad date, an unknown predicate
// or type, an empty name.
var ErrInvalid = errors.New("invalid argument")

var relationSet = func() map[quad.IRI]bool {
	m := map[quad.IRI]bool{}
	for _, p := range terms.Relations {
		m[p] = true
	}
	return m
}()

// RelationPredicates returns the relation predicates the explorer shows, by their schema name
// ("received" -> ng:received), so that package schema's vocabulary can be checked against them.
func RelationPredicates() map[string]quad.IRI {
	m := map[string]quad.IRI{}
	for name, p := range terms.RelationNames {
		m[name] = p
	}
	return m
}

// ParsePredicate reads a relation predicate as a user writes it: "received", "ng:received",
// "<ng:received>", or a full IRI (https://newsgraph.dev/ns#received, http://schema.org/memberOf).
func ParsePredicate(p string) (quad.IRI, error) {
	p = strings.Trim(strings.TrimSpace(p), "<>")
	iri := rdf.ShortIRI(quad.IRI(p))
	if relationSet[iri] {
		return iri, nil
	}
	for name, r := range terms.RelationNames {
		if strings.EqualFold(name, p) || strings.EqualFold(terms.TypeName(r), p) {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown relation %q (one of received, met, visited, worksFor, memberOf, ...): %w", p, ErrInvalid)
}

var reISODate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// CheckDate accepts "" and ISO 8601 dates with a year: 2025, 2025-01, 2025-01-22.
func CheckDate(d string) error {
	if d == "" || reISODate.MatchString(d) {
		return nil
	}
	return fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD): %w", d, ErrInvalid)
}

// InRange tells whether the (possibly partial) date d overlaps [from, to] (either may be "").
// A date without a year ("--01-22") or none is in range only when there are no bounds.
func InRange(d, from, to string) bool {
	if from == "" && to == "" {
		return true
	}
	if !reYear.MatchString(d) {
		return false
	}
	if from != "" && d < from[:min(len(d), len(from))] {
		return false
	}
	if to != "" && d[:min(len(d), len(to))] > to {
		return false
	}
	return true
}
