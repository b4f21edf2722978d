// Package curate finds the entities of a store that may be one (Duplicates: scored pairs with
// their evidence, for a person to judge) and merges the surest (AutoMerge), through the
// store's exported reads and its Merge.
package curate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"github.com/newsgraph/newsgraph/store/fields"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/rdf"
	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// Duplicate detection scores.
const (
	DefaultMinScore = 0.5  // duplicates lists pairs from this score
	AutoMergeScore  = 0.95 // duplicates --auto merges pairs from this score: the same Wikidata item, the same name
	maxBlock        = 200  // a blocking key shared by more entities than this is too common to compare on
)

// Options tune Duplicates.
type Options struct {
	MinScore float64 // 0 means DefaultMinScore
}

// Duplicate is a pair of entities that may be one, with the evidence for a person to judge.
type Duplicate struct {
	Keep     store.Ref `json:"keep"`  // the one to keep if they are merged: the fuller name, the more mentioned
	Other    store.Ref `json:"other"` // the one to merge into it
	Score    float64   `json:"score"` // 0-1
	Signals  []string  `json:"signals"`
	Evidence []string  `json:"evidence"`
}

// Summary is the evidence in one line, for a merge's reason.
func (d Duplicate) Summary() string { return strings.Join(d.Evidence, "; ") }

type dupEntity struct {
	iri      quad.IRI
	name     string
	names    []string // name keys of its names and aliases
	aliases  []string // its alternate names, as written
	words    []string // the words of its name key
	types    map[string]bool
	wikidata []string
	roles    []dupRole
	person   bool
	articles map[string]bool // read when needed
}

type dupRole struct {
	key, title, of, ofName string
	first, last            string
}

// Duplicates lists candidate pairs of entities that may be one, scored, best first, each with
// its evidence: the same Wikidata item, the same name in another spelling, a shared alias, a
// person's surname alone and the full name (more so in the same article), similar names (edit
// distance), one name contained in the other, the same title at the same organisation at
// overlapping times. Entities are compared only within blocks that share a name word, a word
// prefix, a Wikidata item or a role, so the work grows with the entities, not their square.
// Entities already merged away are left out.
func Duplicates(ctx context.Context, s *store.Store, o Options) ([]Duplicate, error) {
	if o.MinScore <= 0 {
		o.MinScore = DefaultMinScore
	}
	// A merge of a killed duplicates --auto is completed before its entities are compared.
	if err := s.Recover(ctx); err != nil {
		return nil, err
	}
	t, err := s.MergeView(ctx)
	if err != nil {
		return nil, err
	}
	ents, err := dupEntities(ctx, s, t)
	if err != nil {
		return nil, err
	}
	blocks := map[string][]int{}
	for i, e := range ents {
		keys := map[string]bool{}
		for _, n := range e.names {
			for _, w := range strings.Fields(n) {
				if len([]rune(w)) < 3 || stopWords[w] {
					continue
				}
				keys["w:"+w] = true
				if r := []rune(w); len(r) >= 5 {
					keys["p:"+string(r[:4])] = true
				}
			}
		}
		for _, q := range e.wikidata {
			keys["q:"+q] = true
		}
		for _, r := range e.roles {
			keys["r:"+r.key] = true
		}
		for k := range keys {
			blocks[k] = append(blocks[k], i)
		}
	}
	pairs := map[[2]int]bool{}
	for _, b := range blocks {
		if len(b) < 2 || len(b) > maxBlock {
			continue
		}
		for x := 0; x < len(b); x++ {
			for y := x + 1; y < len(b); y++ {
				pairs[[2]int{b[x], b[y]}] = true
			}
		}
	}
	var out []Duplicate
	for p := range pairs {
		d, ok, err := scorePair(ctx, s, ents[p[0]], ents[p[1]])
		if err != nil {
			return nil, err
		}
		if ok && d.Score >= o.MinScore {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b Duplicate) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(string(a.Keep.ID), string(b.Keep.ID)), strings.Compare(string(a.Other.ID), string(b.Other.ID)))
	})
	return out, nil
}

var stopWords = map[string]bool{"the": true, "and": true, "for": true, "von": true, "van": true, "der": true, "del": true, "los": true, "las": true}

// dupEntities reads every entity not merged away, by type (index lookups per entity).
func dupEntities(ctx context.Context, s *store.Store, t store.MergeView) ([]*dupEntity, error) {
	byIRI := map[string]*dupEntity{}
	var list []*dupEntity
	for _, typ := range terms.EntityTypes {
		subs, err := s.Subjects(ctx, terms.Type, typ)
		if err != nil {
			return nil, err
		}
		for _, v := range subs {
			iri, ok := v.(quad.IRI)
			if !ok {
				continue
			}
			if t.MergedAway(iri) {
				continue
			}
			e := byIRI[string(iri)]
			if e == nil {
				e = &dupEntity{iri: iri, types: map[string]bool{}}
				byIRI[string(iri)] = e
				list = append(list, e)
			}
			e.types[terms.TypeName(typ)] = true
			if typ == "schema:Person" {
				e.person = true
			}
		}
	}
	slices.SortFunc(list, func(a, b *dupEntity) int { return strings.Compare(string(a.iri), string(b.iri)) })
	ofNames := map[string]string{}
	for _, e := range list {
		names, err := s.OwnValues(ctx, e.iri, terms.Name)
		if err != nil {
			return nil, err
		}
		aliases, err := s.OwnValues(ctx, e.iri, terms.AlternateName)
		if err != nil {
			return nil, err
		}
		e.name = firstStr(names)
		for _, n := range names {
			e.names = appendNew(e.names, textkey.NameKey(str(n)))
		}
		for _, a := range aliases {
			e.aliases = append(e.aliases, str(a))
			e.names = appendNew(e.names, textkey.NameKey(str(a)))
		}
		e.words = strings.Fields(textkey.NameKey(e.name))
		links, err := s.OwnValues(ctx, e.iri, terms.SameAs)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			if ls := str(l); strings.Contains(ls, "wikidata.org/") {
				e.wikidata = append(e.wikidata, ls[strings.LastIndex(ls, "/")+1:])
			}
		}
		if e.person {
			if e.roles, err = dupRoles(ctx, s, e.iri, ofNames); err != nil {
				return nil, err
			}
		}
	}
	return list, nil
}

func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// cachedName is the name of node (its id when it has none), read once per names map.
func cachedName(ctx context.Context, s *store.Store, names map[string]string, node string) (string, error) {
	if n, ok := names[node]; ok {
		return n, nil
	}
	v, err := s.FirstValue(ctx, quad.IRI(node), terms.Name)
	if err != nil {
		return "", err
	}
	n := str(v)
	if n == "" {
		n = node
	}
	names[node] = n
	return n, nil
}

func dupRoles(ctx context.Context, s *store.Store, holder quad.IRI, names map[string]string) ([]dupRole, error) {
	roles, err := s.Subjects(ctx, terms.Holder, holder)
	if err != nil {
		return nil, err
	}
	var out []dupRole
	for _, r := range roles {
		qs, err := s.Out(ctx, r, "")
		if err != nil {
			return nil, err
		}
		var d dupRole
		for _, q := range qs {
			if store.IsMergeLabel(q.Label) {
				continue
			}
			switch q.Predicate {
			case terms.RoleName:
				d.title = str(q.Object)
			case terms.Of:
				d.of = str(q.Object)
			case terms.Seen:
				d.first, d.last = fields.MinDate(d.first, str(q.Object)), fields.MaxDate(d.last, str(q.Object))
			}
		}
		if d.title == "" || d.of == "" {
			continue // "President" of nothing named says nothing
		}
		d.key = textkey.NameKey(d.title) + "@" + d.of
		if d.ofName, err = cachedName(ctx, s, names, d.of); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func entityArticles(ctx context.Context, s *store.Store, e *dupEntity) (map[string]bool, error) {
	if e.articles != nil {
		return e.articles, nil
	}
	arts, err := s.Subjects(ctx, terms.Mentions, e.iri)
	if err != nil {
		return nil, err
	}
	e.articles = map[string]bool{}
	for _, a := range arts {
		e.articles[str(a)] = true
	}
	return e.articles, nil
}

// scorePair scores one candidate pair; ok is false when nothing links them.
func scorePair(ctx context.Context, s *store.Store, a, b *dupEntity) (Duplicate, bool, error) {
	d := Duplicate{}
	score := 0.0
	add := func(signal string, sc float64, ev string) {
		d.Signals = appendNew(d.Signals, signal)
		d.Evidence = append(d.Evidence, ev)
		score = max(score, sc)
	}
	for _, q := range a.wikidata {
		if slices.Contains(b.wikidata, q) {
			add("wikidata", 1, "the same Wikidata item "+q)
		}
	}
	sameType := false
	for t := range a.types {
		sameType = sameType || b.types[t]
	}
	if !sameType && score == 0 {
		return d, false, nil
	}
	if sameType {
		ak, bk := textkey.NameKey(a.name), textkey.NameKey(b.name)
		switch {
		case ak != "" && ak == bk && a.name == b.name:
			add("name", 0.96, fmt.Sprintf("the same name, %q", a.name))
		case ak != "" && ak == bk:
			add("name", 0.96, fmt.Sprintf("the same name written differently: %q, %q", a.name, b.name))
		case slices.Contains(b.names, ak) || slices.Contains(a.names, bk):
			one, other := a, b
			if !slices.Contains(b.names, ak) {
				one, other = b, a
			}
			add("alias", 0.85, fmt.Sprintf("%q is an alternate name of %q", one.name, other.name))
		default:
			for _, al := range a.aliases {
				if k := textkey.NameKey(al); k != "" && slices.Contains(b.names, k) {
					add("alias", 0.8, fmt.Sprintf("both are called %q", al))
					break
				}
			}
		}
		if a.person && b.person {
			short, long := a, b
			if len(short.words) > len(long.words) {
				short, long = b, a
			}
			if len(short.words) == 1 && len(long.words) > 1 && short.words[0] == long.words[len(long.words)-1] {
				sc, ev := 0.7, fmt.Sprintf("%q is the surname of %q", short.name, long.name)
				sa, err := entityArticles(ctx, s, short)
				if err != nil {
					return d, false, err
				}
				la, err := entityArticles(ctx, s, long)
				if err != nil {
					return d, false, err
				}
				var both []string
				for x := range sa {
					if la[x] {
						both = append(both, x)
					}
				}
				if len(both) > 0 {
					slices.Sort(both)
					sc, ev = 0.9, ev+", and both are in "+both[0]+ifMore(len(both)-1)
				}
				add("surname", sc, ev)
			}
		}
		if sim := nameSimilarity(ak, bk); sim >= 0.85 && ak != bk {
			add("similar", 0.8*sim, fmt.Sprintf("similar names (%.0f%%): %q, %q", 100*sim, a.name, b.name))
		} else if contained(a.words, b.words) || contained(b.words, a.words) {
			add("contained", 0.6, fmt.Sprintf("one name contains the other: %q, %q", a.name, b.name))
		}
	}
	for _, ra := range a.roles {
		for _, rb := range b.roles {
			if ra.key != rb.key || !overlap(ra, rb) {
				continue
			}
			ev := fmt.Sprintf("both reported as %s of %s", ra.title, ra.ofName)
			if ra.first != "" && rb.first != "" {
				ev += fmt.Sprintf(" (seen %s to %s, and %s to %s)", ra.first, ra.last, rb.first, rb.last)
			}
			if slices.Contains(d.Evidence, ev) {
				break // another role node of the same title and organisation
			}
			if score > 0 {
				d.Signals = appendNew(d.Signals, "role")
				d.Evidence = appendNew(d.Evidence, ev)
				score = min(0.99, score+0.15)
			} else {
				add("role", 0.4, ev)
			}
			break
		}
	}
	if score == 0 {
		return d, false, nil
	}
	if ev := otherGivenName(a, b); ev != "" && !slices.Contains(d.Signals, "wikidata") {
		// Rafik and Saad Hariri, father and son, both Prime Minister of Lebanon: a shared
		// surname and role say "family" as often as "one person". A human decides.
		d.Signals = appendNew(d.Signals, givenNamesSignal)
		d.Evidence = append(d.Evidence, ev)
		score = min(score, AutoMergeScore-0.05)
	}
	if !slices.Contains(d.Signals, "role") && !slices.Contains(d.Signals, "wikidata") {
		if ev := conflictingRole(a.roles, b.roles); ev != "" {
			// King Abdullah of Jordan and King Abdullah of Saudi Arabia: two people.
			d.Signals = appendNew(d.Signals, "conflict")
			d.Evidence = append(d.Evidence, ev)
			score /= 2
		}
	}
	d.Score = float64(int(score*100+0.5)) / 100
	keep, other := a, b
	if len(b.words) > len(a.words) || len(b.words) == len(a.words) && len(b.name) > len(a.name) {
		keep, other = b, a
	}
	d.Keep, d.Other = store.Ref{ID: keep.iri, Name: keep.name}, store.Ref{ID: other.iri, Name: other.name}
	return d, true, nil
}

// givenNamesSignal marks a pair of people with one surname and different given names: listed,
// never merged automatically.
const givenNamesSignal = "given names differ"

// otherGivenName describes how two people of the same surname have different given names
// (not one the other's initial, nor a spelling of it: Rafik, Rafiq), or returns "".
func otherGivenName(a, b *dupEntity) string {
	if !a.person || !b.person || len(a.words) < 2 || len(b.words) < 2 {
		return ""
	}
	if a.words[len(a.words)-1] != b.words[len(b.words)-1] {
		return ""
	}
	ga, gb := a.words[0], b.words[0]
	if ga == gb || strings.HasPrefix(ga, gb) && len(gb) == 1 || strings.HasPrefix(gb, ga) && len(ga) == 1 {
		return ""
	}
	if nameSimilarity(ga, gb) >= 0.75 {
		return ""
	}
	return fmt.Sprintf("but the given names differ: %q, %q", a.name, b.name)
}

// conflictingRole describes a title both hold at different organisations or countries at
// overlapping times, or returns "".
func conflictingRole(as, bs []dupRole) string {
	for _, ra := range as {
		for _, rb := range bs {
			ta, tb := strings.SplitN(ra.key, "@", 2)[0], strings.SplitN(rb.key, "@", 2)[0]
			if ta == tb && ra.of != rb.of && overlap(ra, rb) {
				return fmt.Sprintf("but one is reported as %s of %s, the other of %s", ra.title, ra.ofName, rb.ofName)
			}
		}
	}
	return ""
}

func ifMore(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(" and %d more", n)
}

// roleSlack is how far apart two reports of a title may be and still be of one holder's time.
const roleSlack = 60 * 24 * time.Hour

// overlap tells whether two reports of a role can be of the same time: their seen spans,
// widened by roleSlack, overlap, or one has no date. A successor is seen before or after.
func overlap(a, b dupRole) bool {
	af, al, aok := span(a)
	bf, bl, bok := span(b)
	if !aok || !bok {
		return true
	}
	return !af.After(bl.Add(roleSlack)) && !bf.After(al.Add(roleSlack))
}

func span(r dupRole) (first, last time.Time, ok bool) {
	first, ok1 := parseDate(r.first)
	last, ok2 := parseDate(r.last)
	return first, last, ok1 && ok2
}

func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) >= len(layout) {
			if t, err := time.Parse(layout, s[:len(layout)]); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// contained tells whether the words of a (two at least) are all in b, b being longer.
func contained(a, b []string) bool {
	if len(a) < 2 || len(a) >= len(b) {
		return false
	}
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return true
}

// nameSimilarity is 1 - edit distance / length of the longer name, over runes.
func nameSimilarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(rb)])/float64(max(len(ra), len(rb)))
}

// AutoMerge merges the pairs scoring at least minScore, recorded as made by by with the
// evidence as reason; pairs already one entity are skipped. Each is undone like any merge.
func AutoMerge(ctx context.Context, s *store.Store, ds []Duplicate, minScore float64, by string) ([]store.MergeInfo, error) {
	var out []store.MergeInfo
	for _, d := range ds {
		if d.Score < minScore || slices.Contains(d.Signals, givenNamesSignal) {
			continue
		}
		t, err := s.MergeView(ctx)
		if err != nil {
			return out, err
		}
		keep := t.Root(d.Keep.ID).(quad.IRI)
		other := t.Root(d.Other.ID).(quad.IRI)
		if keep == other {
			continue
		}
		m, err := s.Merge(ctx, keep, other, store.MergeOptions{By: by, Reason: fmt.Sprintf("score %.2f: %s", d.Score, d.Summary())})
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, m)
	}
	return out, nil
}

// str is a value's text.
var str = rdf.Text

// firstStr is the text of the first value, or "".
func firstStr(vs []quad.Value) string {
	if len(vs) == 0 {
		return ""
	}
	return str(vs[0])
}
