// Package export writes the whole graph for other tools: RDF (N-Quads, JSON-LD: package rdf's
// form), GraphML, GEXF, Neo4j's CSV import and FollowTheMoney. It reads the store through its
// exported methods (EachQuad, Dump) and changes nothing.
package export

import (
	"bufio"
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/rdf"
	"github.com/newsgraph/newsgraph/store/terms"
)

// Formats are the formats Write writes (csv through CSV).
var Formats = []string{"nquads", "jsonld", "graphml", "gexf", "csv", "ftm"}

// IsFormat tells whether f is one of Formats.
func IsFormat(f string) bool { return slices.Contains(Formats, f) }

// Options tune Write.
type Options struct {
	// Stored writes N-Quads as the store holds them (short IRIs such as schema:name, dates
	// as plain strings): what Dump writes, for diffs and for Cayley's own tools. Without it
	// the N-Quads are RDF (see export_rdf.go).
	Stored bool
}

// Write writes the whole graph in one of Formats but csv (see CSV):
//   - nquads: N-Quads in RDF form (full IRIs, typed dates, schema.org terms only where their
//     domains and ranges hold: see export_rdf.go), labels included, sorted; with
//     Options.Stored, the store's own form, what Dump writes;
//   - jsonld: the same RDF as JSON-LD, one named graph per article (or merge), compacted
//     with a context whose vocabulary is schema.org and whose prefixes are ng:, rdf:, owl:
//     and xsd:;
//   - graphml: GraphML for Gephi, yEd, NetworkX: every node (entities, articles, statements,
//     roles, merges) with its type, name and literal values as typed attributes, one edge
//     per subject, predicate and object with the articles that state it and their number
//     as weight;
//   - gexf: the same graph as GEXF 1.2 (Gephi's format, which NetworkX reads too);
//   - ftm: FollowTheMoney entities, one JSON object a line (see export_ftm.go).
func Write(ctx context.Context, s *store.Store, w io.Writer, format string, o Options) error {
	switch format {
	case "nquads":
		if o.Stored {
			return s.Dump(w)
		}
		return writeRDF(ctx, s, w)
	case "jsonld":
		return writeJSONLD(ctx, s, w)
	case "graphml", "gexf":
		g, err := newPropertyGraph(ctx, s)
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(w)
		if format == "graphml" {
			g.writeGraphML(bw)
		} else {
			g.writeGEXF(bw)
		}
		return bw.Flush()
	case "ftm":
		return writeFtM(ctx, s, w)
	case "csv":
		return fmt.Errorf("export csv writes several files: use CSV")
	}
	return fmt.Errorf("unknown export format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// writeRDF writes the RDF form as sorted N-Quads, each once.
func writeRDF(ctx context.Context, s *store.Store, w io.Writer) error {
	var lines []string
	if err := eachRDFQuad(ctx, s, func(q quad.Quad) { lines = append(lines, q.NQuad()) }); err != nil {
		return err
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// JSONLDContext is the context of the JSON-LD export.
func JSONLDContext() map[string]any {
	ctx := map[string]any{"@vocab": rdf.Prefixes["schema:"]}
	for p, ns := range rdf.Prefixes {
		ctx[strings.TrimSuffix(p, ":")] = ns
	}
	return map[string]any{"@context": ctx}
}

func writeJSONLD(ctx context.Context, s *store.Store, w io.Writer) error {
	jw := jsonld.NewWriter(w)
	jw.SetLdContext(JSONLDContext())
	var werr error
	err := eachRDFQuad(ctx, s, func(q quad.Quad) {
		if werr == nil {
			werr = jw.WriteQuad(q)
		}
	})
	if err != nil {
		return err
	}
	if werr != nil {
		return fmt.Errorf("export jsonld: %w", werr)
	}
	if err := jw.Close(); err != nil {
		return fmt.Errorf("export jsonld: %w", err)
	}
	return nil
}

// propertyGraph is the graph as nodes with attributes and edges with weights, for the
// formats of graph tools.
type propertyGraph struct {
	nodes map[string]*pgNode
	edges map[[3]string]*pgEdge
	attrs []string          // literal predicates, sorted
	kinds map[string]string // literal predicate -> the kind all its values have (see valueKind)
	multi map[string]bool   // literal predicates some node has several values of
}

type pgNode struct {
	id    string // the node's IRI (short, as stored)
	types []string
	attrs map[string][]string // predicate -> literal values
}

type pgEdge struct {
	s, p, o string
	labels  []string
}

// name is the node's label for people: its name, headline or title, else its id.
func (n *pgNode) name() string {
	for _, p := range []quad.IRI{terms.Name, terms.Headline, terms.RoleName} {
		if v := n.attrs[string(p)]; len(v) > 0 {
			return v[0]
		}
	}
	return n.id
}

func newPropertyGraph(ctx context.Context, s *store.Store) (*propertyGraph, error) {
	g := &propertyGraph{nodes: map[string]*pgNode{}, edges: map[[3]string]*pgEdge{}, kinds: map[string]string{}, multi: map[string]bool{}}
	attrs := map[string]bool{}
	node := func(id string) *pgNode {
		n := g.nodes[id]
		if n == nil {
			n = &pgNode{id: id, attrs: map[string][]string{}}
			g.nodes[id] = n
		}
		return n
	}
	err := s.EachQuad(ctx, func(q quad.Quad) error {
		sid := rdf.NodeID(q.Subject)
		if sid == "" {
			return nil
		}
		n := node(sid)
		p := rdf.Text(q.Predicate)
		oid := rdf.NodeID(q.Object)
		switch {
		case p == string(terms.Type) && oid != "":
			n.types = appendNew(n.types, terms.TypeName(quad.IRI(oid)))
		case oid == "":
			k := valueKind(quad.IRI(p), q.Object)
			if old, seen := g.kinds[p]; seen && old != k {
				k = commonKind(old, k)
			}
			g.kinds[p] = k
			attrs[p] = true
			v := rdf.Text(q.Object)
			if b, ok := q.Object.(quad.Bool); ok {
				v = strconv.FormatBool(bool(b)) // not Cayley's "True"
			}
			if !slices.Contains(n.attrs[p], v) {
				n.attrs[p] = append(n.attrs[p], v)
				g.multi[p] = g.multi[p] || len(n.attrs[p]) > 1
			}
		default:
			node(oid)
			k := [3]string{sid, p, oid}
			e := g.edges[k]
			if e == nil {
				e = &pgEdge{s: sid, p: p, o: oid}
				g.edges[k] = e
			}
			if l := rdf.NodeID(q.Label); l != "" {
				e.labels = appendNew(e.labels, l)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for a := range attrs {
		g.attrs = append(g.attrs, a)
	}
	slices.Sort(g.attrs)
	for _, n := range g.nodes {
		slices.Sort(n.types)
		for _, vs := range n.attrs {
			slices.Sort(vs)
		}
	}
	for _, e := range g.edges {
		slices.Sort(e.labels)
	}
	return g, nil
}

func (g *propertyGraph) sortedNodes() []*pgNode {
	out := make([]*pgNode, 0, len(g.nodes))
	for _, n := range g.nodes {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b *pgNode) int { return strings.Compare(a.id, b.id) })
	return out
}

func (g *propertyGraph) sortedEdges() []*pgEdge {
	out := make([]*pgEdge, 0, len(g.edges))
	for _, e := range g.edges {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *pgEdge) int {
		return cmp.Or(strings.Compare(a.s, b.s), strings.Compare(a.p, b.p), strings.Compare(a.o, b.o))
	})
	return out
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmlAttr escapes s for an attribute value between double quotes (EscapeText escapes quotes,
// and new lines as &#xA;, which attributes need).
func xmlAttr(s string) string { return xmlText(s) }

// writeGraphML writes GraphML (http://graphml.graphdrawing.org/): node ids n0, n1, ... with
// the IRI in the "iri" attribute (GraphML ids are XML name tokens, which IRIs are not).
func (g *propertyGraph) writeGraphML(w *bufio.Writer) {
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="iri" for="node" attr.name="iri" attr.type="string"/>
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="type" for="node" attr.name="type" attr.type="string"/>
`)
	for i, a := range g.attrs {
		fmt.Fprintf(w, "  <key id=\"a%d\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", i, xmlAttr(a), g.attrType(a, graphMLTypes))
	}
	w.WriteString(`  <key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>
  <key id="elabel" for="edge" attr.name="label" attr.type="string"/>
  <key id="articles" for="edge" attr.name="articles" attr.type="string"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="newsgraph" edgedefault="directed">
`)
	ids := map[string]string{}
	for i, n := range g.sortedNodes() {
		id := "n" + strconv.Itoa(i)
		ids[n.id] = id
		fmt.Fprintf(w, "    <node id=\"%s\"><data key=\"iri\">%s</data><data key=\"label\">%s</data>", id, xmlText(n.id), xmlText(n.name()))
		if len(n.types) > 0 {
			fmt.Fprintf(w, "<data key=\"type\">%s</data>", xmlText(strings.Join(n.types, ";")))
		}
		for j, a := range g.attrs {
			if vs := n.attrs[a]; len(vs) > 0 {
				fmt.Fprintf(w, "<data key=\"a%d\">%s</data>", j, xmlText(strings.Join(vs, " | ")))
			}
		}
		w.WriteString("</node>\n")
	}
	for i, e := range g.sortedEdges() {
		fmt.Fprintf(w, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\"><data key=\"predicate\">%s</data><data key=\"elabel\">%s</data><data key=\"articles\">%s</data><data key=\"weight\">%d</data></edge>\n",
			i, ids[e.s], ids[e.o], xmlText(e.p), xmlText(terms.TypeName(quad.IRI(e.p))), xmlText(strings.Join(e.labels, " ")), max(1, len(e.labels)))
	}
	w.WriteString("  </graph>\n</graphml>\n")
}

// The attribute types of GraphML and GEXF 1.2 by value kind (see valueKind).
var (
	graphMLTypes = map[string]string{"int": "long", "float": "double", "boolean": "boolean", "datetime": "string", "string": "string"}
	gexfTypes    = map[string]string{"int": "long", "float": "double", "boolean": "boolean", "datetime": "string", "string": "string"}
)

// attrType is the declared type of literal predicate a: its values' kind, a string when a
// node has several values (written joined by " | ").
func (g *propertyGraph) attrType(a string, types map[string]string) string {
	if g.multi[a] {
		return "string"
	}
	return types[g.kinds[a]]
}

// writeGEXF writes GEXF 1.2 (https://gexf.net), Gephi's format, which NetworkX reads from
// version 2 on (1.3 only from 3.3): node ids are the IRIs, literal values typed attributes,
// edges carry the predicate as label and kind (parallel edges of different kinds are kept
// apart).
func (g *propertyGraph) writeGEXF(w *bufio.Writer) {
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">
  <meta><creator>newsgraph</creator><description>news knowledge graph: entities, articles, statements, roles</description></meta>
  <graph mode="static" defaultedgetype="directed">
    <attributes class="node">
      <attribute id="type" title="type" type="string"/>
`)
	for i, a := range g.attrs {
		fmt.Fprintf(w, "      <attribute id=\"a%d\" title=\"%s\" type=\"%s\"/>\n", i, xmlAttr(a), g.attrType(a, gexfTypes))
	}
	w.WriteString(`    </attributes>
    <attributes class="edge">
      <attribute id="predicate" title="predicate" type="string"/>
      <attribute id="articles" title="articles" type="string"/>
      <attribute id="articleCount" title="articleCount" type="long"/>
    </attributes>
    <nodes>
`)
	for _, n := range g.sortedNodes() {
		fmt.Fprintf(w, "      <node id=\"%s\" label=\"%s\"><attvalues>", xmlAttr(n.id), xmlAttr(n.name()))
		if len(n.types) > 0 {
			fmt.Fprintf(w, "<attvalue for=\"type\" value=\"%s\"/>", xmlAttr(strings.Join(n.types, ";")))
		}
		for j, a := range g.attrs {
			if vs := n.attrs[a]; len(vs) > 0 {
				fmt.Fprintf(w, "<attvalue for=\"a%d\" value=\"%s\"/>", j, xmlAttr(strings.Join(vs, " | ")))
			}
		}
		w.WriteString("</attvalues></node>\n")
	}
	w.WriteString("    </nodes>\n    <edges>\n")
	for i, e := range g.sortedEdges() {
		label := terms.TypeName(quad.IRI(e.p))
		n := max(1, len(e.labels))
		fmt.Fprintf(w, "      <edge id=\"%d\" source=\"%s\" target=\"%s\" label=\"%s\" kind=\"%s\" weight=\"%d\"><attvalues><attvalue for=\"predicate\" value=\"%s\"/><attvalue for=\"articles\" value=\"%s\"/><attvalue for=\"articleCount\" value=\"%d\"/></attvalues></edge>\n",
			i, xmlAttr(e.s), xmlAttr(e.o), xmlAttr(label), xmlAttr(label), n, xmlAttr(e.p), xmlAttr(strings.Join(e.labels, " ")), n)
	}
	w.WriteString("    </edges>\n  </graph>\n</gexf>\n")
}

// valueKind is the kind of a literal for the typed attributes of graph tools: "int",
// "float", "boolean", "datetime" or "string". Stored plain strings count by their
// predicate's datatype in the RDF form (a confidence is a float, a merge time a datetime);
// dates stay strings, as partial ones ("1994", "--01-22") are no date of those tools.
func valueKind(p quad.IRI, v quad.Value) string {
	switch v := v.(type) {
	case quad.Int:
		return "int"
	case quad.Float:
		return "float"
	case quad.Bool:
		return "boolean"
	case quad.Time:
		return "datetime"
	case quad.String:
		switch rdf.LiteralType(p, string(v)) {
		case "xsd:decimal":
			return "float"
		case "xsd:boolean":
			return "boolean"
		case "xsd:dateTime":
			if p == terms.MergedAt {
				return "datetime"
			}
		}
	}
	return "string"
}

// commonKind is the kind of a column holding values of kinds a and b.
func commonKind(a, b string) string {
	if a == b {
		return a
	}
	if (a == "int" || a == "float") && (b == "int" || b == "float") {
		return "float"
	}
	return "string"
}

// appendNew appends s to list unless it is empty or there already.
func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
