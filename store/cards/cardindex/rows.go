package cardindex

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/fields"
	"github.com/newsgraph/newsgraph/store/rdf"
	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// A card is aggregated from rows, each what one article says: of an article (its date,
// publishers, copies), of a statement (one fact, as the entity on one side of it sees it) and of
// a role. The rows come either from the card index (cardindex.go), which keeps them per entity
// as articles are written, or from the quads themselves (the card of a store without an index:
// PostgreSQL, memstore, or an index being rebuilt). Both make them with the functions of this
// file from the same quads, so both give the same card.

// ArticleFacts is what corroboration needs of an article.
type ArticleFacts struct {
	Date       string
	Publishers []quad.IRI
	CopyOf     []uint64 // the articles it is a wire copy of, as articleHash: a story has dozens of copies
}

// FactRow is one statement as filed under the entity on one of its sides.
type FactRow struct {
	Entity     quad.IRI // the entity it is filed under
	AsObject   bool     // the entity is the statement's object
	Other      quad.Value
	Pred       quad.IRI
	Value      string
	Negated    bool
	Modality   string
	Article    quad.IRI
	Stmt       quad.IRI
	Confidence float64
	EventDate  string
	Art        ArticleFacts
}

// Subject and object of the statement the row is.
func (r *FactRow) Subject() quad.Value {
	if r.AsObject {
		return r.Other
	}
	return r.Entity
}

func (r *FactRow) Object() quad.Value {
	if r.AsObject {
		return r.Entity
	}
	return r.Other
}

// RoleRow is what one article says of a role node.
type RoleRow struct {
	Holder, Role, Article quad.IRI
	Title                 string
	Of                    quad.Value
	Seen, Start, End      string
	EndedBy               string
	Former                bool
	Evidence              string
	ArtDate               string
}

// ArticleFactsOf reads an article's date, publishers and copies among quads about it.
func ArticleFactsOf(art quad.IRI, qs []quad.Quad) ArticleFacts {
	var f ArticleFacts
	var created string
	for _, q := range qs {
		if q.Subject != art {
			continue
		}
		switch q.Predicate {
		case terms.DatePublished:
			if d := str(q.Object); reYear.MatchString(d) {
				f.Date = d
			}
		case terms.DateCreated:
			if d := str(q.Object); reYear.MatchString(d) {
				created = d
			}
		case terms.Publisher:
			f.Publishers = appendIRI(f.Publishers, q.Object)
		case terms.CopyOf:
			if iri, ok := q.Object.(quad.IRI); ok && !slices.Contains(f.CopyOf, ArticleHash(iri)) {
				f.CopyOf = append(f.CopyOf, ArticleHash(iri))
			}
		}
	}
	if f.Date == "" {
		f.Date = created
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

// ArticleHash identifies an article in the card index's copy links, in 8 bytes rather than its
// IRI (FNV-1a; a collision would at worst count two stories as one).
func ArticleHash(iri quad.IRI) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(iri); i++ {
		h ^= uint64(iri[i])
		h *= 1099511628211
	}
	return h
}

// StatementRows makes the rows of one statement from its quads labelled with the article
// (quads of merges are not the article's): one under its subject and, when the object is
// another entity, one under its object. None when it has no subject or predicate.
func StatementRows(art quad.IRI, stmt quad.IRI, qs []quad.Quad, af ArticleFacts) []FactRow {
	r := FactRow{Article: art, Stmt: stmt, Art: af}
	var f StatementFields
	for _, q := range qs {
		if q.Label == art {
			f.Add(q)
		}
	}
	subject, object := f.Subject, f.Object
	r.Pred, r.Value, r.EventDate, r.Modality, r.Negated, r.Confidence = f.Predicate, f.Value, f.Date, f.Modality, f.Negated, f.Confidence
	subj, ok := subject.(quad.IRI)
	if !ok || r.Pred == "" {
		return nil
	}
	r.Entity, r.Other = subj, object
	rows := []FactRow{r}
	if obj, ok := object.(quad.IRI); ok && obj != subj {
		r.Entity, r.Other, r.AsObject = obj, subj, true
		rows = append(rows, r)
	}
	return rows
}

// RoleRowOf makes the row of one role node from its quads labelled with the article.
func RoleRowOf(art quad.IRI, role quad.IRI, qs []quad.Quad, artDate string) (RoleRow, bool) {
	r := RoleRow{Role: role, Article: art, ArtDate: artDate}
	for _, q := range qs {
		if q.Label != art {
			continue
		}
		v := str(q.Object)
		switch q.Predicate {
		case terms.Holder:
			r.Holder = iriOfValue(q.Object)
		case terms.RoleName:
			r.Title = v
		case terms.Of:
			r.Of = q.Object
		case terms.Seen:
			r.Seen = fields.MinDate(r.Seen, v)
		case terms.StartDate:
			r.Start = fields.MinDate(r.Start, v)
		case terms.EndDate:
			r.End = fields.MaxDate(r.End, v)
		case terms.EndedBy:
			r.EndedBy = fields.MinDate(r.EndedBy, v)
		case terms.Former:
			r.Former = true
		case terms.Evidence:
			r.Evidence = v
		}
	}
	return r, r.Holder != "" && r.Title != ""
}

// identityKind is what an identity row of an entity says.
const (
	IdentName      = 'n'
	IdentAlternate = 'a'
	IdentType      = 't'
	IdentLink      = 'l'
	IdentNameKey   = 'k'
)

// IdentityOf is what quads (an entity's, labelled with one article) say of its identity:
// (kind, value) pairs, distinct. Its name keys (IdentNameKey) are derived from its names,
// aliases and types (textkey.EntityKeys; none for a date), as package schema wrote them as
// ng:nameKey quads before they moved here; such quads of an older database are read too.
func IdentityOf(qs []quad.Quad) [][2]string {
	var out [][2]string
	seen := map[[2]string]bool{}
	add := func(kind byte, v string) {
		k := [2]string{string(kind), v}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	var names, aliases []string
	person, date := false, false
	for _, q := range qs {
		switch q.Predicate {
		case terms.Name:
			add(IdentName, str(q.Object))
			names = append(names, str(q.Object))
		case terms.AlternateName:
			add(IdentAlternate, str(q.Object))
			aliases = append(aliases, str(q.Object))
		case terms.Type:
			t := iriOfValue(q.Object)
			add(IdentType, string(t))
			person = person || t == terms.Person
			date = date || t == terms.DateType
		case terms.SameAs:
			if o := str(q.Object); strings.HasPrefix(o, "http") {
				add(IdentLink, o)
			}
		case terms.NameKey:
			add(IdentNameKey, str(q.Object))
		}
	}
	if !date {
		for _, k := range textkey.EntityKeys(names, aliases, person) {
			add(IdentNameKey, k)
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
	facts    []FactRow
	roles    []RoleRow
	bands    []string // its text's LSH bands, when it is no copy
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
	af := ArticleFactsOf(art, bySubject[string(art)])
	set.date = af.Date
	set.bands = storyBands(art, bySubject[string(art)])
	for _, s := range order {
		switch {
		case s == art:
		case !statements[s] && !roles[s]:
			if id := IdentityOf(bySubject[string(s)]); len(id) > 0 {
				set.identity[s] = id
			}
		case statements[s]:
			set.facts = append(set.facts, StatementRows(art, s, bySubject[string(s)], af)...)
		case roles[s]:
			if r, ok := RoleRowOf(art, s, bySubject[string(s)], af.Date); ok {
				set.roles = append(set.roles, r)
			}
		}
	}
	return set
}

// The reads of values the rows are made with; store/cards reads its own values alike.

var reYear = regexp.MustCompile(`^\d{4}`)

// str is a value's text (rdf.Text).
var str = rdf.Text

func iriOfValue(v quad.Value) quad.IRI {
	iri, _ := v.(quad.IRI)
	return iri
}

// StatementFields are the values of a statement node's own quads (schema.go's ng:Statement):
// what the card, the card index's rows and the explorer's article page each read from them.
type StatementFields struct {
	Subject, Object quad.Value
	Predicate       quad.IRI
	Value, Evidence string
	Date, Modality  string
	Negated         bool
	Confidence      float64
	Articles        []quad.Value
}

// Add reads q into f when its predicate is one of a statement's fields, and tells whether it was.
func (f *StatementFields) Add(q quad.Quad) bool {
	switch q.Predicate {
	case terms.Subject:
		f.Subject = q.Object
	case terms.Object:
		f.Object = q.Object
	case terms.Predicate:
		f.Predicate = iriOfValue(q.Object)
	case terms.Value:
		f.Value = str(q.Object)
	case terms.Evidence:
		f.Evidence = str(q.Object)
	case terms.Date:
		f.Date = str(q.Object)
	case terms.Modality:
		f.Modality = str(q.Object)
	case terms.Polarity:
		f.Negated = str(q.Object) == "negative"
	case terms.Confidence:
		f.Confidence, _ = strconv.ParseFloat(str(q.Object), 64)
	case terms.Article:
		f.Articles = append(f.Articles, q.Object)
	default:
		return false
	}
	return true
}

// storyBands are the LSH bands of the text of article art given its own quads (textkey.
// FingerprintOf), none when it is a copy (ng:copyOf) or has no text: what a lookup by band
// finds it by (store.StoryBands).
func storyBands(art quad.IRI, qs []quad.Quad) []string {
	text := ""
	for _, q := range qs {
		switch q.Predicate {
		case terms.CopyOf:
			return nil
		case terms.ArticleBody:
			text = str(q.Object)
		}
	}
	if fp, ok := textkey.FingerprintOf(text); ok {
		return fp.Bands
	}
	return nil
}
