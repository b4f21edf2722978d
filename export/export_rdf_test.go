package export_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/export"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/rdf"
)

// readNQuads parses N-Quads as they are written: no conversion of typed literals.
func readNQuads(t *testing.T, data []byte) []quad.Quad {
	t.Helper()
	r := nquads.NewReader(bytes.NewReader(data), true)
	var out []quad.Quad
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("quad %d: %v", len(out)+1, err)
		}
		out = append(out, q)
	}
}

// absoluteIRI says what is wrong with s as an absolute, resolvable IRI (RFC 3987: a scheme,
// no character outside the IRI grammar, escapes of two hex digits, one fragment at most; an
// http(s) scheme with a host), or "".
func absoluteIRI(s string) string {
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`).MatchString(scheme) {
		return "no scheme"
	}
	if scheme != "http" && scheme != "https" {
		return "scheme " + scheme + " is not resolvable"
	}
	if strings.Count(rest, "#") > 1 {
		return "two fragments"
	}
	for i, r := range rest {
		switch {
		case r <= ' ' || r == 0x7f || strings.ContainsRune("<>\"{}|\\^`", r):
			return "character " + strconv.QuoteRune(r)
		case r == '%' && !regexp.MustCompile(`^%[0-9A-Fa-f]{2}`).MatchString(rest[i:]):
			return "a bad escape"
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "no host"
	}
	return ""
}

// validLiteral tells whether v is in the lexical space of XML Schema datatype dt (full IRI);
// a datatype the export should not write is an error.
func validLiteral(v, dt string) bool {
	match := func(re string) bool { return regexp.MustCompile(`^` + re + `$`).MatchString(v) }
	parses := func(layout, s string) bool { _, err := time.Parse(layout, s); return err == nil }
	switch strings.TrimPrefix(dt, "http://www.w3.org/2001/XMLSchema#") {
	case "date":
		return match(`\d{4}-\d\d-\d\d`) && parses("2006-01-02", v)
	case "gYear":
		return match(`\d{4}`)
	case "gYearMonth":
		return match(`\d{4}-\d\d`) && parses("2006-01", v)
	case "gMonthDay":
		return match(`--\d\d-\d\d`) && parses("2006-01-02", "2000-"+v[2:])
	case "gMonth":
		return match(`--\d\d`) && parses("01", v[2:])
	case "dateTime":
		return parses(time.RFC3339Nano, v)
	case "decimal":
		return match(`[+-]?(\d+(\.\d*)?|\.\d+)`)
	case "integer":
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	case "boolean":
		return v == "true" || v == "false" || v == "1" || v == "0"
	}
	return false
}

// TestExportRDFValidates reads the default export of a real store (the examples, wire copies,
// namesakes and a merge) and checks it as an RDF consumer would: absolute IRIs, typed
// literals valid for their datatype, dates typed, schema.org domains and ranges held.
func TestExportRDFValidates(t *testing.T) {
	s := curatedStore(t)
	data := exportOf(t, s, "nquads", export.Options{})
	qs := readNQuads(t, data)
	const sch, ng = "http://schema.org/", store.NS
	types := map[string][]string{}
	for _, q := range qs {
		if q.Predicate == quad.IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") {
			types[string(q.Subject.(quad.IRI))] = append(types[string(q.Subject.(quad.IRI))], string(q.Object.(quad.IRI)))
		}
	}
	is := func(node quad.Value, want ...string) bool {
		iri, _ := node.(quad.IRI)
		for _, t := range types[string(iri)] {
			if slices.Contains(want, strings.TrimPrefix(t, sch)) {
				return true
			}
		}
		return false
	}
	datatypes := map[string]int{}
	var sameAsMerged, ownWorksFor, schemaWorksFor bool
	for _, q := range qs {
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if iri, ok := v.(quad.IRI); ok {
				if problem := absoluteIRI(string(iri)); problem != "" {
					t.Fatalf("%s: %s", iri, problem)
				}
			}
		}
		p := strings.TrimPrefix(string(q.Predicate.(quad.IRI)), sch)
		switch o := q.Object.(type) {
		case quad.TypedString:
			if problem := absoluteIRI(string(o.Type)); problem != "" || !validLiteral(string(o.Value), string(o.Type)) {
				t.Errorf("%s: not a valid literal of its datatype", q.NQuad())
			}
			datatypes[strings.TrimPrefix(string(o.Type), "http://www.w3.org/2001/XMLSchema#")]++
		case quad.String:
			switch p {
			case "datePublished", "dateCreated", "startDate", "endDate", ng + "date", ng + "seen", ng + "endedBy", ng + "mergedAt", ng + "confidence", ng + "former":
				t.Errorf("%s: an untyped value", q.NQuad())
			}
		}
		// schema.org's domains and ranges (schema:Country and schema:City are Places).
		switch p {
		case "worksFor":
			schemaWorksFor = true
			if !is(q.Subject, "Person") || !is(q.Object, "Organization") {
				t.Errorf("%s: schema:worksFor is from a Person to an Organization", q.NQuad())
			}
		case "memberOf":
			if !is(q.Subject, "Person", "Organization") || !is(q.Object, "Organization") {
				t.Errorf("%s: schema:memberOf is from a Person or Organization to an Organization", q.NQuad())
			}
		case "containedInPlace", "birthPlace", "homeLocation", "locationCreated":
			if !is(q.Object, "Place", "Country", "City") {
				t.Errorf("%s: not to a Place", q.NQuad())
			}
		case "roleName":
			if !is(q.Subject, "Role") {
				t.Errorf("%s: schema:roleName on a node that is no schema:Role", q.NQuad())
			}
		case ng + "worksFor":
			ownWorksFor = ownWorksFor || is(q.Object, "Country")
		case "http://www.w3.org/2002/07/owl#sameAs":
			sameAsMerged = sameAsMerged || q.Subject == quad.IRI(ng+"person/elmar-mamedyarov") && q.Object == quad.IRI(ng+"person/elmar-mammadyarov")
		}
	}
	for _, dt := range []string{"date", "gYear", "gYearMonth", "decimal", "integer", "boolean", "dateTime"} {
		if datatypes[dt] == 0 {
			t.Errorf("no xsd:%s literal (%v)", dt, datatypes)
		}
	}
	if !ownWorksFor || !schemaWorksFor || !sameAsMerged {
		t.Errorf("ng:worksFor a country %v, schema:worksFor an organisation %v, owl:sameAs of the merge %v", ownWorksFor, schemaWorksFor, sameAsMerged)
	}
	// The store keeps its own form: Gizmo and stock Cayley queries are unchanged.
	if got := gizmo(t, s, `g.V("<ng:person/jeyhun-bayramov>").Out("<schema:worksFor>").All()`); !slices.Equal(got, []string{"<ng:country/azerbaijan>"}) {
		t.Errorf("the store's schema:worksFor: %q", got)
	}
}

// The newsgraph predicates the RDF form writes instead of schema.org's are none of the
// vocabulary's own, so that RDFToStored can tell them apart.
func TestOwnTermsAreNotVocabulary(t *testing.T) {
	used := map[quad.IRI]bool{}
	for _, list := range [][]schema.Term{schema.Types, schema.Attributes, schema.Predicates} {
		for _, term := range list {
			used[term.IRI] = true
		}
	}
	for p, own := range rdf.OwnTerms() {
		if !strings.HasPrefix(string(own), "ng:") || used[own] {
			t.Errorf("%s is written as %s, a term of the vocabulary", p, own)
		}
	}
}

func TestRDFToStoredGivesBackTheStore(t *testing.T) {
	s := curatedStore(t)
	r := nquads.NewReader(bytes.NewReader(exportOf(t, s, "nquads", export.Options{})), false) // as Import reads
	var got []string
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if q, ok := rdf.ToStored(q); ok {
			got = append(got, q.NQuad())
		}
	}
	if d := diffLines(dumpOf(t, s), strings.Join(lines(strings.Join(got, "\n")), "\n")+"\n"); d != "" {
		t.Errorf("RDFToStored does not give back the store:\n%s", d)
	}
}

func TestEncodeIRI(t *testing.T) {
	for in, want := range map[string]string{
		"https://newsgraph.dev/ns#person/jeyhun-bayramov": "https://newsgraph.dev/ns#person/jeyhun-bayramov",
		"https://newsgraph.dev/ns#org/a b%zz#c":           "https://newsgraph.dev/ns#org/a%20b%25zz%23c",
		"http://x.example/a%20b?q={1}":                    "http://x.example/a%20b?q=%7B1%7D",
	} {
		if got := rdf.EncodeIRI(in); got != want {
			t.Errorf("EncodeIRI(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]quad.IRI{"1994": "xsd:gYear", "1992-03": "xsd:gYearMonth", "2026-01-22": "xsd:date",
		"--01-22": "xsd:gMonthDay", "--02-29": "xsd:gMonthDay", "--11": "xsd:gMonth", "2026-12-07T14:26:42Z": "xsd:dateTime",
		"0.85": "xsd:decimal", "true": "xsd:boolean", "2026-02-30": "", "1992-13": "", "--02-30": "", "--13": "", "May 1994": ""} {
		if got := rdf.XSDType(in); got != want {
			t.Errorf("XSDType(%q) = %q, want %q", in, got, want)
		}
	}
}

// rdfCheck is run by a Python that has rdflib (Debian's python3-rdflib): it parses the
// N-Quads and the JSON-LD, checks IRIs, literals and schema.org ranges with SPARQL, and
// compares the two datasets.
const rdfCheck = `
import json, sys
from urllib.parse import urlsplit
import rdflib
from rdflib import Literal, URIRef, XSD

def load(path, fmt):
    ds = rdflib.Dataset()
    ds.parse(path, format=fmt)
    return ds

def terms(ds):
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads((None, None, None, None))}

problems, datatypes = [], {}
nq = load(sys.argv[1], "nquads")
quads = terms(nq)
for q in quads:
    for t in q:
        if isinstance(t, URIRef):
            u = urlsplit(str(t))
            if u.scheme not in ("http", "https") or not u.netloc:
                problems.append("not a resolvable IRI: %s" % t)
    o = q[2]
    if isinstance(o, Literal) and o.datatype is not None:
        datatypes[str(o.datatype)] = datatypes.get(str(o.datatype), 0) + 1
        if o.datatype in (XSD.date, XSD.gYear, XSD.gYearMonth, XSD.decimal, XSD.integer, XSD.boolean, XSD.dateTime) and o.value is None:
            problems.append("ill-typed literal: %r" % (o,))
nq.default_union = True
S = "http://schema.org/"
for name, q in {
    "worksFor object not an Organization": "SELECT ?s ?o WHERE { ?s <%sworksFor> ?o . FILTER NOT EXISTS { ?o a <%sOrganization> } }" % (S, S),
    "worksFor subject not a Person": "SELECT ?s ?o WHERE { ?s <%sworksFor> ?o . FILTER NOT EXISTS { ?s a <%sPerson> } }" % (S, S),
    "memberOf subject neither Person nor Organization": "SELECT ?s ?o WHERE { ?s <%smemberOf> ?o . FILTER NOT EXISTS { ?s a ?t . FILTER(?t IN (<%sPerson>, <%sOrganization>)) } }" % (S, S, S),
    "memberOf object not an Organization": "SELECT ?s ?o WHERE { ?s <%smemberOf> ?o . FILTER NOT EXISTS { ?o a <%sOrganization> } }" % (S, S),
    "roleName not on a schema:Role": "SELECT ?s ?o WHERE { ?s <%sroleName> ?o . FILTER NOT EXISTS { ?s a <%sRole> } }" % (S, S),
}.items():
    for row in nq.query(q):
        problems.append("%s: %s %s" % (name, row[0], row[1]))
jl = terms(load(sys.argv[2], "json-ld"))
problems += ["in N-Quads, not in JSON-LD: %s" % (q,) for q in sorted(quads - jl)[:5]]
problems += ["in JSON-LD, not in N-Quads: %s" % (q,) for q in sorted(jl - quads)[:5]]
print(json.dumps({"quads": len(quads), "jsonld": len(jl), "datatypes": datatypes, "problems": problems[:20]}))
`

// pythonWith returns a Python interpreter that imports module, or "".
func pythonWith(module string) string {
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import "+module).Run() == nil {
			return py
		}
	}
	return ""
}

// TestExportRDFParsesWithRDFLib: a real RDF parser reads both RDF exports of a real store
// as the same dataset, with no range violation.
func TestExportRDFParsesWithRDFLib(t *testing.T) {
	py := pythonWith("rdflib")
	if py == "" {
		t.Skip("no Python with rdflib (Debian: apt-get install python3-rdflib)")
	}
	s := curatedStore(t)
	dir := t.TempDir()
	nq, jl := filepath.Join(dir, "store.nq"), filepath.Join(dir, "store.jsonld")
	os.WriteFile(nq, exportOf(t, s, "nquads", export.Options{}), 0o644)
	os.WriteFile(jl, exportOf(t, s, "jsonld", export.Options{}), 0o644)
	out, err := exec.Command(py, "-c", rdfCheck, nq, jl).Output()
	if err != nil {
		t.Fatalf("rdflib: %v\n%s", err, out)
	}
	var r struct {
		Quads, JSONLD int
		Datatypes     map[string]int
		Problems      []string
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	t.Logf("rdflib: %d quads, %d from JSON-LD, datatypes %v", r.Quads, r.JSONLD, r.Datatypes)
	for _, p := range r.Problems {
		t.Error(p)
	}
	if want := len(lines(string(exportOf(t, s, "nquads", export.Options{})))); r.Quads != want || r.JSONLD != want {
		t.Errorf("rdflib read %d quads (JSON-LD %d), want %d", r.Quads, r.JSONLD, want)
	}
}

// TestExportRDFParsesWithRapper: Raptor's strict N-Quads parser reads every line.
func TestExportRDFParsesWithRapper(t *testing.T) {
	rapper, err := exec.LookPath("rapper")
	if err != nil {
		t.Skip("no rapper (Debian: apt-get install raptor2-utils)")
	}
	s := curatedStore(t)
	path := filepath.Join(t.TempDir(), "store.nq")
	data := exportOf(t, s, "nquads", export.Options{})
	os.WriteFile(path, data, 0o644)
	out, err := exec.Command(rapper, "-i", "nquads", "-c", path).CombinedOutput()
	want := strconv.Itoa(len(lines(string(data))))
	if err != nil || strings.Contains(string(out), "rror") || !strings.Contains(string(out), "returned "+want+" triples") {
		t.Errorf("rapper (want %s statements): %v\n%s", want, err, out)
	}
}
