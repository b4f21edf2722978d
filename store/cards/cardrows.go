package cards

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/terms"
)

// A card is aggregated from rows, each what one article says: of an article (its date,
// publishers, copies), of a statement (one fact, as the entity on one side of it sees it) and of
// a role. The rows come either from the card index (cardindex.go), which keeps them per entity
// as articles are written, or from the quads themselves (the card of a store without an index:
// PostgreSQL, memstore, or an index being rebuilt). Both make them with the functions of this
// file from the same quads, so both give the same card.

// articleFacts is what corroboration needs of an article.
type articleFacts struct {
	date       string
	publishers []quad.IRI
	copyOf     []uint64 // the articles it is a wire copy of, as articleHash: a story has dozens of copies
}

// factRow is one statement as filed under the entity on one of its sides.
type factRow struct {
	entity     quad.IRI // the entity it is filed under
	asObject   bool     // the entity is the statement's object
	other      quad.Value
	pred       quad.IRI
	value      string
	negated    bool
	modality   string
	article    quad.IRI
	stmt       quad.IRI
	confidence float64
	eventDate  string
	art        articleFacts
}

// subject and object of the statement the row is.
func (r *factRow) subject() quad.Value {
	if r.asObject {
		return r.other
	}
	return r.entity
}

func (r *factRow) object() quad.Value {
	if r.asObject {
		return r.entity
	}
	return r.other
}

// roleRow is what one article says of a role node.
type roleRow struct {
	holder, role, article quad.IRI
	title                 string
	of                    quad.Value
	seen, start, end      string
	endedBy               string
	former                bool
	evidence              string
	artDate               string
}

// articleFactsOf reads an article's date, publishers and copies among quads about it.
func articleFactsOf(art quad.IRI, qs []quad.Quad) articleFacts {
	var f articleFacts
	var created string
	for _, q := range qs {
		if q.Subject != art {
			continue
		}
		switch q.Predicate {
		case terms.DatePublished:
			if d := str(q.Object); reYear.MatchString(d) {
				f.date = d
			}
		case terms.DateCreated:
			if d := str(q.Object); reYear.MatchString(d) {
				created = d
			}
		case terms.Publisher:
			f.publishers = appendIRI(f.publishers, q.Object)
		case terms.CopyOf:
			if iri, ok := q.Object.(quad.IRI); ok && !slices.Contains(f.copyOf, articleHash(iri)) {
				f.copyOf = append(f.copyOf, articleHash(iri))
			}
		}
	}
	if f.date == "" {
		f.date = created
	}
	return f
}

func appendIRI(xs []quad.IRI, v quad.Value) []quad.IRI {
	iri, ok := v.(quad.IRI)
	if !ok {
		return xs
	}
	for _, x := range xs {
		if x == iri {
			return xs
		}
	}
	return append(xs, iri)
}

// articleHash identifies an article in the card index's copy links, in 8 bytes rather than its
// IRI (FNV-1a; a collision would at worst count two stories as one).
func articleHash(iri quad.IRI) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(iri); i++ {
		h ^= uint64(iri[i])
		h *= 1099511628211
	}
	return h
}

// statementRows makes the rows of one statement from its quads labelled with the article
// (quads of merges are not the article's): one under its subject and, when the object is
// another entity, one under its object. None when it has no subject or predicate.
func statementRows(art quad.IRI, stmt quad.IRI, qs []quad.Quad, af articleFacts) []factRow {
	r := factRow{article: art, stmt: stmt, art: af}
	var subject, object quad.Value
	for _, q := range qs {
		if q.Label != art {
			continue
		}
		switch q.Predicate {
		case terms.Subject:
			subject = q.Object
		case terms.Object:
			object = q.Object
		case terms.Predicate:
			r.pred = iriOfValue(q.Object)
		case terms.Value:
			r.value = str(q.Object)
		case terms.Date:
			r.eventDate = str(q.Object)
		case terms.Modality:
			r.modality = str(q.Object)
		case terms.Polarity:
			r.negated = str(q.Object) == "negative"
		case terms.Confidence:
			r.confidence, _ = strconv.ParseFloat(str(q.Object), 64)
		}
	}
	subj, ok := subject.(quad.IRI)
	if !ok || r.pred == "" {
		return nil
	}
	r.entity, r.other = subj, object
	rows := []factRow{r}
	if obj, ok := object.(quad.IRI); ok && obj != subj {
		r.entity, r.other, r.asObject = obj, subj, true
		rows = append(rows, r)
	}
	return rows
}

// roleRowOf makes the row of one role node from its quads labelled with the article.
func roleRowOf(art quad.IRI, role quad.IRI, qs []quad.Quad, artDate string) (roleRow, bool) {
	r := roleRow{role: role, article: art, artDate: artDate}
	for _, q := range qs {
		if q.Label != art {
			continue
		}
		v := str(q.Object)
		switch q.Predicate {
		case terms.Holder:
			r.holder = iriOfValue(q.Object)
		case terms.RoleName:
			r.title = v
		case terms.Of:
			r.of = q.Object
		case terms.Seen:
			r.seen = minDate(r.seen, v)
		case terms.StartDate:
			r.start = minDate(r.start, v)
		case terms.EndDate:
			r.end = maxDate(r.end, v)
		case terms.EndedBy:
			r.endedBy = minDate(r.endedBy, v)
		case terms.Former:
			r.former = true
		case terms.Evidence:
			r.evidence = v
		}
	}
	return r, r.holder != "" && r.title != ""
}

// identityKind is what an identity row of an entity says.
const (
	identName      = 'n'
	identAlternate = 'a'
	identType      = 't'
	identLink      = 'l'
	identNameKey   = 'k'
)

// identityOf is what quads say of an entity's identity: (kind, value) pairs, distinct.
func identityOf(qs []quad.Quad) [][2]string {
	var out [][2]string
	seen := map[[2]string]bool{}
	add := func(kind byte, v string) {
		k := [2]string{string(kind), v}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, q := range qs {
		switch q.Predicate {
		case terms.Name:
			add(identName, str(q.Object))
		case terms.AlternateName:
			add(identAlternate, str(q.Object))
		case terms.Type:
			add(identType, string(iriOfValue(q.Object)))
		case terms.SameAs:
			if o := str(q.Object); strings.HasPrefix(o, "http") {
				add(identLink, o)
			}
		case terms.NameKey:
			add(identNameKey, str(q.Object))
		}
	}
	return out
}

// articleRowSet is all the rows one article's quads (those labelled with it) give: the
// entities it mentions, what it says of the identity of its nodes (names, types, links), its
// statements and its roles.
type articleRowSet struct {
	article  quad.IRI
	date     string // its date: published, else the dateline's
	mentions []quad.IRI
	identity map[quad.IRI][][2]string
	facts    []factRow
	roles    []roleRow
}

func articleRows(art quad.IRI, qs []quad.Quad) articleRowSet {
	set := articleRowSet{article: art, identity: map[quad.IRI][][2]string{}}
	bySubject := map[string][]quad.Quad{}
	var order []quad.IRI
	statements, roles := map[quad.IRI]bool{}, map[quad.IRI]bool{}
	var own []quad.Quad
	for _, q := range qs {
		if q.Label != art {
			continue
		}
		own = append(own, q)
		s, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		if _, seen := bySubject[string(s)]; !seen {
			order = append(order, s)
		}
		bySubject[string(s)] = append(bySubject[string(s)], q)
		switch {
		case s == art && q.Predicate == terms.Mentions:
			if e, ok := q.Object.(quad.IRI); ok {
				set.mentions = appendIRI(set.mentions, e)
			}
		case q.Predicate == terms.Type && q.Object == terms.Statement:
			statements[s] = true
		case q.Predicate == terms.Type && q.Object == terms.Role:
			roles[s] = true
		}
	}
	af := articleFactsOf(art, bySubject[string(art)])
	set.date = af.date
	for _, s := range order {
		switch {
		case s == art:
		case !statements[s] && !roles[s]:
			if id := identityOf(bySubject[string(s)]); len(id) > 0 {
				set.identity[s] = id
			}
		case statements[s]:
			set.facts = append(set.facts, statementRows(art, s, bySubject[string(s)], af)...)
		case roles[s]:
			if r, ok := roleRowOf(art, s, bySubject[string(s)], af.date); ok {
				set.roles = append(set.roles, r)
			}
		}
	}
	return set
}
