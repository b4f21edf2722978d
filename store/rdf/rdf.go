// Package rdf is the RDF form of the graph: what `export` writes by default, what the JSON-LD
// export holds and what the server's /api/v2/read answers by default. The store keeps its own form (short IRIs such as <schema:name>, dates as plain
// strings) because Gizmo queries, stock Cayley and newsgraph's readers use it; an RDF reader
// gets, from the same quads:
//   - full IRIs (http://schema.org/name, https://newsgraph.dev/ns#received), any character
//     an IRI may not hold percent-encoded;
//   - dates typed by their precision (xsd:date, xsd:gYearMonth, xsd:gYear, xsd:gMonthDay,
//     xsd:gMonth; merge times xsd:dateTime), confidences xsd:decimal, flags xsd:boolean;
//     a value that is none of these stays a plain string;
//   - schema.org terms only where schema.org's domains and ranges hold for the nodes' types:
//     a schema: predicate whose subject or object is of another type (a person who works for
//     a Country, a Country that is a member of an organisation) is written as newsgraph's own
//     predicate of the same local name (ng:worksFor, ng:memberOf), and so is the
//     ng:predicate of the statements that state it;
//   - every ng:Role node typed schema:Role as well, which schema:roleName, schema:startDate
//     and schema:endDate describe.
//
// The mapping is a function of the quads alone and is idempotent, so the RDF of a store
// imported from this RDF is the same RDF; ToStored maps its quads back to the store's form.
package rdf

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/terms"
)

// Prefixes maps the short IRI prefixes newsgraph stores to their namespaces.
var Prefixes = map[string]string{
	"schema:": "http://schema.org/",
	"ng:":     terms.NS,
	"rdf:":    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"rdfs:":   "http://www.w3.org/2000/01/rdf-schema#",
	"owl:":    "http://www.w3.org/2002/07/owl#",
	"xsd:":    "http://www.w3.org/2001/XMLSchema#",
}

// FullIRI expands a stored short IRI ("schema:name") to its full form; others are returned
// as they are.
func FullIRI(iri quad.IRI) quad.IRI {
	s := string(iri)
	for p, ns := range Prefixes {
		if strings.HasPrefix(s, p) {
			return quad.IRI(ns + s[len(p):])
		}
	}
	return iri
}

// ShortIRI is FullIRI's inverse: a full IRI in one of Prefixes' namespaces, short.
func ShortIRI(iri quad.IRI) quad.IRI {
	s := string(iri)
	best := ""
	for p, ns := range Prefixes {
		if strings.HasPrefix(s, ns) && len(ns) > len(Prefixes[best]) {
			best = p
		}
	}
	if best == "" {
		return iri
	}
	return quad.IRI(best + s[len(Prefixes[best]):])
}

// MapValue applies f to v's IRIs: an IRI, a typed literal's datatype.
func MapValue(v quad.Value, f func(quad.IRI) quad.IRI) quad.Value {
	switch v := v.(type) {
	case quad.IRI:
		return f(v)
	case quad.Bool:
		// native, its datatype known; its TypedString ("True") is no xsd:boolean
		return v
	case quad.TypedString:
		v.Type = f(v.Type)
		return v
	case quad.TypedStringer:
		ts := v.TypedString()
		ts.Type = f(ts.Type)
		return ts
	}
	return v
}

// MapQuad applies f to the IRIs of q's four values.
func MapQuad(q quad.Quad, f func(quad.IRI) quad.IRI) quad.Quad {
	return quad.Quad{Subject: MapValue(q.Subject, f), Predicate: MapValue(q.Predicate, f),
		Object: MapValue(q.Object, f), Label: MapValue(q.Label, f)}
}

// schemaTerm is what schema.org says of one of its properties that newsgraph writes: the
// types its subject and object may have (nil: any thing, or a literal).
type schemaTerm struct{ domain, rng []quad.IRI }

// Classes of schema.org with the newsgraph types that are (sub)classes of them.
var (
	classPerson       = []quad.IRI{"schema:Person"}
	classOrganization = []quad.IRI{"schema:Organization"}
	classPlace        = []quad.IRI{"schema:Place", "schema:Country", "schema:City"}
	classCreativeWork = []quad.IRI{"schema:NewsArticle"}
	classEventOrRole  = []quad.IRI{"schema:Event", "schema:Role"}
)

func union(a ...[]quad.IRI) []quad.IRI {
	var out []quad.IRI
	for _, x := range a {
		out = append(out, x...)
	}
	return out
}

// schemaTerms are schema.org's domainIncludes and rangeIncludes for the schema: properties
// newsgraph writes (schema:name, alternateName, url and mentions are any thing's).
var schemaTerms = map[quad.IRI]schemaTerm{
	"schema:worksFor":         {classPerson, classOrganization},
	"schema:memberOf":         {union(classPerson, classOrganization), classOrganization},
	"schema:containedInPlace": {classPlace, classPlace},
	"schema:homeLocation":     {union(classPerson, classOrganization), classPlace},
	"schema:birthPlace":       {classPerson, classPlace},
	"schema:deathPlace":       {classPerson, classPlace},
	"schema:publisher":        {classCreativeWork, union(classOrganization, classPerson)},
	"schema:locationCreated":  {classCreativeWork, classPlace},
	"schema:mentions":         {classCreativeWork, nil},
	"schema:jobTitle":         {classPerson, nil},
	"schema:headline":         {classCreativeWork, nil},
	"schema:datePublished":    {classCreativeWork, nil},
	"schema:dateCreated":      {classCreativeWork, nil},
	"schema:articleBody":      {classCreativeWork, nil},
	"schema:startDate":        {classEventOrRole, nil},
	"schema:endDate":          {classEventOrRole, nil},
	"schema:roleName":         {[]quad.IRI{"schema:Role"}, nil},
}

// ownTerm is newsgraph's predicate that stands for a schema.org one whose domain or range
// the nodes do not fit: schema:worksFor -> ng:worksFor.
func ownTerm(p quad.IRI) quad.IRI { return quad.IRI("ng:" + strings.TrimPrefix(string(p), "schema:")) }

// literalTypes are the datatypes a plain-string value of these predicates is given when it
// is valid for one of them (see XSDType); other values stay plain strings.
var literalTypes = func() map[quad.IRI][]quad.IRI {
	dates := []quad.IRI{"xsd:date", "xsd:gYearMonth", "xsd:gYear", "xsd:gMonthDay", "xsd:gMonth", "xsd:dateTime"}
	m := map[quad.IRI][]quad.IRI{
		terms.MergedAt:   {"xsd:dateTime"},
		terms.Confidence: {"xsd:decimal"},
		terms.Former:     {"xsd:boolean"},
	}
	for _, p := range []quad.IRI{terms.DatePublished, terms.DateCreated, terms.StartDate, terms.EndDate, terms.Date, terms.Seen, terms.EndedBy} {
		m[p] = dates
	}
	return m
}()

// LiteralType is the datatype the RDF form gives value s of predicate p, or "".
func LiteralType(p quad.IRI, s string) quad.IRI {
	if t := XSDType(s); t != "" && slices.Contains(literalTypes[p], t) {
		return t
	}
	return ""
}

var (
	reXSDGYear      = regexp.MustCompile(`^\d{4}$`)
	reXSDGYearMonth = regexp.MustCompile(`^\d{4}-\d\d$`)
	reXSDDate       = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
	reXSDGMonthDay  = regexp.MustCompile(`^--\d\d-\d\d$`)
	reXSDGMonth     = regexp.MustCompile(`^--\d\d$`)
	reXSDDateTime   = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$`)
	reXSDDecimal    = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)
)

// XSDType is the XML Schema datatype (short, "xsd:date") of a date, time, decimal or flag
// written as a plain string, or "" when s is none of them or not a valid one (a month 13, a
// 30 February). Partial dates keep their precision: "1994" is a gYear, "--01-22" a gMonthDay.
func XSDType(s string) quad.IRI {
	switch {
	case reXSDGYear.MatchString(s):
		return "xsd:gYear"
	case reXSDGYearMonth.MatchString(s):
		if m, _ := strconv.Atoi(s[5:]); m >= 1 && m <= 12 {
			return "xsd:gYearMonth"
		}
	case reXSDDate.MatchString(s):
		if _, err := time.Parse("2006-01-02", s); err == nil {
			return "xsd:date"
		}
	case reXSDGMonthDay.MatchString(s):
		// A leap year, so that --02-29 is valid, as XML Schema has it.
		if _, err := time.Parse("2006-01-02", "2000-"+s[2:]); err == nil {
			return "xsd:gMonthDay"
		}
	case reXSDGMonth.MatchString(s):
		if m, _ := strconv.Atoi(s[2:]); m >= 1 && m <= 12 {
			return "xsd:gMonth"
		}
	case reXSDDateTime.MatchString(s):
		if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return "xsd:dateTime"
		}
	case s == "true" || s == "false":
		return "xsd:boolean"
	case reXSDDecimal.MatchString(s):
		return "xsd:decimal"
	}
	return ""
}

// Mapper maps stored quads to their RDF form; it knows the nodes' types and the statements'
// subjects and objects, which the domain and range checks need: Learn them from every quad
// (or from every rdf:type, ng:subject and ng:object quad) before mapping any.
type Mapper struct {
	types      map[string]map[quad.IRI]bool // node -> its types (ng:Role nodes: schema:Role too)
	stSubject  map[string]string
	stObject   map[string]string
	typedFlags bool
}

// NewMapper returns a Mapper that has learnt qs.
func NewMapper(qs []quad.Quad) *Mapper {
	m := &Mapper{types: map[string]map[quad.IRI]bool{}, stSubject: map[string]string{}, stObject: map[string]string{}}
	for _, q := range qs {
		m.Learn(q)
	}
	return m
}

// LearnPredicates are the predicates whose quads a Mapper needs to learn.
var LearnPredicates = []quad.IRI{terms.Type, terms.Subject, terms.Object}

// Learn records what q says of a node's type or a statement's subject or object.
func (m *Mapper) Learn(q quad.Quad) {
	s := NodeID(q.Subject)
	switch q.Predicate {
	case terms.Type:
		t, ok := q.Object.(quad.IRI)
		if !ok {
			return
		}
		if m.types[s] == nil {
			m.types[s] = map[quad.IRI]bool{}
		}
		m.types[s][t] = true
		if t == terms.Role {
			m.types[s]["schema:Role"] = true
		}
	case terms.Subject:
		m.stSubject[s] = NodeID(q.Object)
	case terms.Object:
		m.stObject[s] = NodeID(q.Object)
	}
}

// RDF maps one stored quad to its RDF form, full IRIs: one quad, or two for an ng:Role type.
func (m *Mapper) RDF(q quad.Quad) []quad.Quad {
	out := m.quads(q)
	for i, r := range out {
		out[i] = MapQuad(r, rdfIRI)
	}
	return out
}

// fits tells whether node has one of the types (any node fits nil).
func (m *Mapper) fits(node string, types []quad.IRI) bool {
	if types == nil {
		return true
	}
	for _, t := range types {
		if m.types[node][t] {
			return true
		}
	}
	return false
}

// predicate is p as RDF may state it of subject and object ("" for a literal object).
func (m *Mapper) predicate(p quad.IRI, subject, object string) quad.IRI {
	t, ok := schemaTerms[p]
	if !ok {
		return p
	}
	if !m.fits(subject, t.domain) || (object != "" && !m.fits(object, t.rng)) {
		return ownTerm(p)
	}
	return p
}

// quads maps one stored quad to its RDF form (with short IRIs still: FullIRI expands them),
// with the schema:Role type added after an ng:Role one.
func (m *Mapper) quads(q quad.Quad) []quad.Quad {
	s := NodeID(q.Subject)
	p, _ := q.Predicate.(quad.IRI)
	switch o := q.Object.(type) {
	case quad.IRI:
		q.Predicate = m.predicate(p, s, string(o))
		if p == terms.Predicate {
			// the statement's predicate, checked against the statement's own subject and object
			q.Object = m.predicate(o, m.stSubject[s], m.stObject[s])
		}
		if p == terms.Type && o == terms.Role {
			r := q
			r.Object = quad.IRI("schema:Role")
			return []quad.Quad{q, r}
		}
	case quad.String:
		q.Predicate = m.predicate(p, s, "")
		if t := LiteralType(p, string(o)); t != "" {
			q.Object = quad.TypedString{Value: o, Type: t}
		}
	default:
		q.Predicate = m.predicate(p, s, "")
		q.Object = rdfLiteral(q.Object)
	}
	return []quad.Quad{q}
}

// rdfLiteral is a native value as the typed literal XML Schema reads: Cayley's own form of a
// boolean is "True", which xsd:boolean is not.
func rdfLiteral(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(v))), Type: "xsd:boolean"}
	case quad.TypedStringer:
		return v.TypedString()
	}
	return v
}

// rdfIRI is the full IRI of a stored one, with what an IRI may not hold percent-encoded.
func rdfIRI(iri quad.IRI) quad.IRI { return quad.IRI(EncodeIRI(string(FullIRI(iri)))) }

// EncodeIRI percent-encodes the characters RFC 3987 does not allow in an IRI (spaces,
// controls, <>"{}|\^`, a '%' that starts no escape, a second '#'); a valid IRI is returned
// as it is.
func EncodeIRI(s string) string {
	var b []byte // nil while s needs no change
	hash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		bad := c <= ' ' || c == 0x7f || strings.IndexByte("<>\"{}|\\^`", c) >= 0
		switch c {
		case '%':
			bad = i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])
		case '#':
			bad = hash
			hash = true
		}
		if bad && b == nil {
			b = append(make([]byte, 0, len(s)+8), s[:i]...)
		}
		switch {
		case bad:
			b = fmt.Appendf(b, "%%%02X", c)
		case b != nil:
			b = append(b, c)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// ToStored maps a quad of the RDF export (as an N-Quads reader gives it: typed dates as
// typed strings, xsd:dateTime and xsd:boolean as native values) back to the store's form,
// and reports false for the quads the RDF form adds (the schema:Role types). An import that
// passes every quad through it gives back the store the RDF was exported from.
func ToStored(q quad.Quad) (quad.Quad, bool) {
	q = MapQuad(q, ShortIRI)
	p, _ := q.Predicate.(quad.IRI)
	if p == terms.Type && q.Object == quad.IRI("schema:Role") {
		return q, false
	}
	if own, ok := storedTerm(p); ok {
		q.Predicate = own
		p = own
	}
	if o, ok := q.Object.(quad.IRI); ok && p == terms.Predicate {
		if own, ok := storedTerm(o); ok {
			q.Object = own
		}
	}
	if literalTypes[p] != nil {
		switch o := q.Object.(type) {
		case quad.TypedString:
			if LiteralType(p, string(o.Value)) == o.Type {
				q.Object = o.Value
			}
		case quad.Time:
			q.Object = quad.String(time.Time(o).UTC().Format(time.RFC3339))
		case quad.Bool:
			q.Object = quad.String(strconv.FormatBool(bool(o)))
		}
	}
	return q, true
}

// storedTerm is the schema.org predicate an ng: one of the RDF form stands for.
func storedTerm(p quad.IRI) (quad.IRI, bool) {
	local, ok := strings.CutPrefix(string(p), "ng:")
	if !ok {
		return p, false
	}
	if _, ok := schemaTerms[quad.IRI("schema:"+local)]; ok {
		return quad.IRI("schema:" + local), true
	}
	return p, false
}

// OwnTerms are the ng: predicates the RDF form writes in place of schema.org ones whose
// domain or range the nodes do not fit, by the schema.org predicate.
func OwnTerms() map[quad.IRI]quad.IRI {
	out := map[quad.IRI]quad.IRI{}
	for p := range schemaTerms {
		out[p] = ownTerm(p)
	}
	return out
}

// NodeID is the identity of a node value as the mapping compares nodes: an IRI's text, a
// blank node's "_:" form, "" for a literal.
func NodeID(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return "_:" + string(v)
	}
	return ""
}

// Text is a value's text: a string's own, an IRI's without brackets, a number's or a
// date's lexical form without its datatype.
func Text(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedStringer: // numbers, booleans, times: their lexical form, no datatype
		return string(v.TypedString().Value)
	}
	if s, ok := quad.NativeOf(v).(string); ok {
		return s
	}
	return strings.Trim(v.String(), `"<>`)
}
