package planner

import (
	"context"
	"fmt"
	"regexp"
	"regexp/syntax"
	"runtime"
	"slices"
	"strings"
	"sync"
	"weak"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// Name lookups by pattern. g.V().Has("<schema:name>", regex("^Bush")) and
// g.V().Filter(regex("^Bush")).In("<schema:name>") are, after Cayley's optimizer, quads whose
// predicate is schema:name and whose object is a Filter over every node of the store: the
// regex is tried on each of them (0.3 s at 2,000 articles, over a minute at 100,000). A store
// may give the planner a NameIndex: the distinct values that are objects of one predicate, in
// order of their text. The object becomes the same Filter over the values of that index whose
// text starts with the pattern's literal prefix (an anchored regex or like pattern; all of
// them otherwise, still far fewer than the nodes), so the answer is the one the Filter over
// every node gives, read from far fewer values.

// NameIndex lists the objects of a predicate's quads.
type NameIndex interface {
	// Values calls fn with every value stored whose text (a string's, or an IRI's or blank
	// node's) starts with prefix, in order of text. It may list values that are no longer the
	// object of any such quad, but never misses one that is.
	Values(ctx context.Context, prefix string, fn func(text string, v quad.Value) error) error
}

type nameIndexOf struct {
	pred quad.Value
	ix   NameIndex
}

var nameIndexes sync.Map // weak.Pointer[kv.QuadStore] -> nameIndexOf

// UseNameIndex makes the plans of queries on qs (a kv store, such as bolt) look up the objects
// of pred's quads through ix. Done again, it replaces the index; a nil ix removes it.
func UseNameIndex(qs graph.QuadStore, pred quad.Value, ix NameIndex) {
	kqs, ok := graph.Unwrap(qs).(*kv.QuadStore)
	if !ok {
		return
	}
	key := weak.Make(kqs)
	if ix == nil {
		nameIndexes.Delete(key)
		return
	}
	if _, loaded := nameIndexes.Swap(key, nameIndexOf{pred: pred, ix: ix}); !loaded {
		runtime.AddCleanup(kqs, func(k weak.Pointer[kv.QuadStore]) { nameIndexes.Delete(k) }, key)
	}
}

func nameIndexFor(kqs *kv.QuadStore) (nameIndexOf, bool) {
	v, ok := nameIndexes.Load(weak.Make(kqs))
	if !ok {
		return nameIndexOf{}, false
	}
	return v.(nameIndexOf), true
}

// maxNameCandidates bounds the values one lookup may turn into a fixed set; a pattern matching
// more names is left to Cayley's filter over every node.
const maxNameCandidates = 1 << 20

// byNameIndex is q, when q's predicate is only the indexed one and its object a pattern
// filter over every node, with the object read from the name index.
func (p *planner) byNameIndex(q shape.Quads) shape.Quads {
	if p.names.ix == nil {
		return q
	}
	pi, oi := -1, -1
	for i, f := range q {
		switch f.Dir {
		case quad.Predicate:
			pi = i
		case quad.Object:
			oi = i
		}
	}
	if pi < 0 || oi < 0 {
		return q
	}
	fx, ok := q[pi].Values.(shape.Fixed)
	if !ok || len(fx) != 1 || p.namePred == nil || !sameRef(fx[0], p.namePred) {
		return q
	}
	flt, ok := q[oi].Values.(shape.Filter)
	if !ok {
		return q
	}
	if _, all := flt.From.(shape.AllNodes); !all {
		return q
	}
	set, ok := p.nameCandidates(flt.Filters)
	if !ok {
		return q
	}
	out := slices.Clone(q)
	out[oi] = shape.QuadFilter{Dir: quad.Object, Values: shape.Filter{From: set, Filters: flt.Filters}}
	return out
}

// byNameValues is f, when f filters the objects of the indexed predicate's quads (g.V()
// .Out("<schema:name>").Filter(regex(...))), with those objects checked against the values of
// the name index that may pass f: the intersection starts from those few values, and checks
// each by its quads, where Cayley reads every quad of the predicate and the value of each.
func (p *planner) byNameValues(f shape.Filter) (shape.Filter, bool) {
	if p.names.ix == nil || !p.objectsOfNamePredicate(f.From) {
		return f, false
	}
	set, ok := p.nameCandidates(f.Filters)
	if !ok {
		return f, false
	}
	f.From = shape.Intersect{set, f.From}
	return f, true
}

// objectsOfNamePredicate tells whether s is the objects of every quad of the indexed
// predicate, as Cayley's optimizer leaves g.V().Out(P).
func (p *planner) objectsOfNamePredicate(s shape.Shape) bool {
	switch s := s.(type) {
	case shape.NodesFrom:
		q, ok := s.Quads.(shape.Quads)
		if !ok || s.Dir != quad.Object || len(q) != 1 || q[0].Dir != quad.Predicate {
			return false
		}
		fx, ok := q[0].Values.(shape.Fixed)
		return ok && len(fx) == 1 && sameRef(fx[0], p.namePred)
	case shape.QuadsAction:
		if s.Result != quad.Object || len(s.Save) != 0 || len(s.Filter) != 1 {
			return false
		}
		ref, ok := s.Filter[quad.Predicate]
		return ok && sameRef(ref, p.namePred)
	}
	return false
}

// nameCandidates is the set of the name index's values that may pass filters, ordered by id;
// ok is false when filters are not a text pattern, or the index cannot say.
func (p *planner) nameCandidates(filters []shape.ValueFilter) (shape.Fixed, bool) {
	m, ok := patternOf(filters)
	if !ok {
		return nil, false
	}
	var vals []quad.Value
	err := p.names.ix.Values(p.ctx, m.prefix, func(_ string, v quad.Value) error {
		if !m.matches(v) {
			return nil
		}
		if len(vals) >= maxNameCandidates {
			return errTooManyNames
		}
		vals = append(vals, v)
		return nil
	})
	if err != nil {
		return nil, false // the index failed or the pattern is too wide: Cayley's own plan
	}
	refs, err := p.ix.kqs.RefsOf(p.ctx, vals)
	if err != nil {
		return nil, false
	}
	ids := make([]uint64, 0, len(refs))
	for _, r := range refs {
		if v, ok := r.(kv.Int64Value); ok && v != 0 {
			ids = append(ids, uint64(v))
		}
	}
	// In the order of the store's own list of nodes (by id), which the filter over every node
	// followed.
	slices.Sort(ids)
	ids = slices.Compact(ids)
	set := make(shape.Fixed, len(ids))
	for i, id := range ids {
		set[i] = kv.Int64Value(id)
	}
	return set, true
}

var errTooManyNames = fmt.Errorf("more than %d names match", maxNameCandidates)

func sameRef(a, b any) bool {
	x, ok1 := a.(kv.Int64Value)
	y, ok2 := b.(kv.Int64Value)
	return ok1 && ok2 && x == y
}

// namePattern is what every value a list of filters accepts must satisfy: its text starts
// with prefix and matches each of res (strings always; IRIs and blank nodes where refs).
type namePattern struct {
	prefix string
	res    []*regexp.Regexp
	refs   []bool
}

// patternOf is the pattern of filters when one of them at least is a regex or a like pattern
// (which accept text values only); other filters are left to Cayley's filter, which stays.
func patternOf(filters []shape.ValueFilter) (namePattern, bool) {
	var m namePattern
	found := false
	for _, f := range filters {
		switch f := f.(type) {
		case shape.Regexp:
			if f.Re == nil {
				return namePattern{}, false
			}
			m.res, m.refs = append(m.res, f.Re), append(m.refs, f.Refs)
			if pre := anchoredPrefix(f.Re.String()); len(pre) > len(m.prefix) {
				m.prefix = pre
			}
			found = true
		case shape.Wildcard:
			if strings.Trim(f.Pattern, "%") == "" {
				continue // "%" accepts every value, text or not; "" none (left to Cayley)
			}
			re, err := regexp.Compile(f.Regexp())
			if err != nil {
				return namePattern{}, false
			}
			m.res, m.refs = append(m.res, re), append(m.refs, true)
			if pre := wildcardPrefix(f.Pattern); len(pre) > len(m.prefix) {
				m.prefix = pre
			}
			found = true
		}
	}
	return m, found
}

// matches is Cayley's regex filter (graph/iterator/regex.go) for each of m's expressions.
func (m namePattern) matches(v quad.Value) bool {
	text, isRef, ok := textOf(v)
	if !ok || !strings.HasPrefix(text, m.prefix) {
		return false
	}
	for i, re := range m.res {
		if isRef && !m.refs[i] || !re.MatchString(text) {
			return false
		}
	}
	return true
}

// NameText is the text of a value that regex and like filters match, and whether it has one:
// a string's (plain, typed or with a language), an IRI's or a blank node's. A NameIndex orders
// its values by it.
func NameText(v quad.Value) (string, bool) {
	text, _, ok := textOf(v)
	return text, ok
}

func textOf(v quad.Value) (text string, isRef, ok bool) {
	switch v := v.(type) {
	case quad.String:
		return string(v), false, true
	case quad.LangString:
		return string(v.Value), false, true
	case quad.TypedString:
		return string(v.Value), false, true
	case quad.IRI:
		return string(v), true, true
	case quad.BNode:
		return string(v), true, true
	}
	return "", false, false
}

// anchoredPrefix is the text every match of the Go regular expression expr starts with: the
// literal after a leading ^ (\A), up to the first operator, case-sensitive only; "" when
// there is none.
func anchoredPrefix(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginText {
		return ""
	}
	var b strings.Builder
	for _, s := range re.Sub[1:] {
		if s.Op != syntax.OpLiteral || s.Flags&syntax.FoldCase != 0 {
			break
		}
		b.WriteString(string(s.Rune))
	}
	return b.String()
}

// wildcardPrefix is the literal start of a like pattern that does not start with %.
func wildcardPrefix(pattern string) string {
	if i := strings.IndexAny(pattern, "%?"); i >= 0 {
		return pattern[:i]
	}
	return pattern
}
