package export

import (
	"cmp"
	"context"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/terms"
)

// Neo4jArrayDelimiter separates the elements of array columns (and labels) in the CSV
// export: a tab, which neo4j-admin takes as --array-delimiter=TAB; a tab inside an element
// is written as a space.
const Neo4jArrayDelimiter = "\t"

// Neo4jImportScript loads the folder CSV's files are in into a new Neo4j 5 database.
const Neo4jImportScript = `#!/bin/sh
# Loads nodes.csv and edges.csv (newsgraph export --format csv) into a new Neo4j 5 database,
# by default "neo4j" (stop it first): sh import.sh [DATABASE]. Neo4j 4: neo4j-admin import
# --database=DATABASE with the same options.
cd "$(dirname "$0")" || exit 1
exec neo4j-admin database import full --overwrite-destination=true \
	--nodes=nodes.csv --relationships=edges.csv \
	--array-delimiter=TAB --multiline-fields=true --id-type=string \
	"${1:-neo4j}"
`

// neo4jTypes are the header types of neo4j-admin import by value kind (see valueKind).
var neo4jTypes = map[string]string{"int": "long", "float": "double", "boolean": "boolean", "datetime": "datetime", "string": "string"}

// neo4jColumn is one property column of nodes.csv: a literal predicate.
type neo4jColumn struct {
	pred   string
	header string // "confidence:double", "alternateName:string[]"
	array  bool
}

// The statement properties each relationship of a stated relation carries, in edges.csv's
// order after :START_ID, :END_ID, :TYPE, predicate, article, statement.
var neo4jEdgeProps = []struct {
	pred quad.IRI
	name string
}{
	{terms.Evidence, "evidence"}, {"ng:start", "start:long"}, {"ng:end", "end:long"},
	{terms.Confidence, "confidence:double"}, {terms.Date, "date"}, {"ng:verb", "verb"},
	{"ng:attributedTo", "attributedTo"}, {terms.Former, "former:boolean"},
}

// CSV writes the graph for Neo4j's bulk importer (neo4j-admin database import full
// --nodes=nodes.csv --relationships=edges.csv --array-delimiter=TAB --multiline-fields=true;
// Neo4jImportScript runs it):
//   - nodes: id:ID (the IRI as stored), :LABEL (the local names of its types: Person,
//     NewsArticle, Statement, Role, Merge; Resource for a node with none, such as a
//     Wikidata item), name (its name, headline or title), and one typed column per literal
//     predicate (confidence:double, start:long, former:boolean, mergedAt:datetime; dates as
//     ISO 8601 strings, partial ones included; an array type where a node has several
//     values). Statement nodes thus keep evidence, offsets, confidence, date, verb,
//     polarity, modality and former; every literal of the graph is in some column;
//   - edges: :START_ID, :END_ID, :TYPE (the predicate's local name: received, worksFor...),
//     predicate (the IRI), article (the quad's label: the article or merge that states it),
//     one row per stored quad whose object is a node (rdf:type is the label instead). A
//     relation the article states as a fact carries its statement's id, evidence,
//     start:long, end:long, confidence:double, date, verb, attributedTo and former:boolean
//     (one row per statement when the article states it several times). Negated and
//     hypothetical relations have no relationship of their type, as the graph has no edge
//     for them: their Statement nodes (polarity, modality) link subject and object.
func CSV(ctx context.Context, s *store.Store, nodes, edges io.Writer) error {
	g, err := newPropertyGraph(ctx, s)
	if err != nil {
		return err
	}
	cols := g.neo4jColumns()
	nw := csv.NewWriter(nodes)
	header := []string{"id:ID", ":LABEL", "name"}
	for _, c := range cols {
		header = append(header, c.header)
	}
	nw.Write(header)
	for _, n := range g.sortedNodes() {
		labels := n.types
		if len(labels) == 0 {
			labels = []string{"Resource"}
		}
		row := []string{n.id, strings.Join(labels, Neo4jArrayDelimiter), n.name()}
		for _, c := range cols {
			vs := n.attrs[c.pred]
			if c.array {
				row = append(row, neo4jArray(vs))
			} else {
				row = append(row, strings.Join(vs, ""))
			}
		}
		nw.Write(row)
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return err
	}

	stated := g.statementsByEdge()
	ew := csv.NewWriter(edges)
	header = []string{":START_ID", ":END_ID", ":TYPE", "predicate", "article", "statement"}
	for _, p := range neo4jEdgeProps {
		header = append(header, p.name)
	}
	ew.Write(header)
	for _, e := range g.sortedEdges() {
		typ := terms.TypeName(quad.IRI(e.p))
		labels := e.labels
		if len(labels) == 0 {
			labels = []string{""}
		}
		for _, l := range labels {
			sts := stated[[4]string{e.s, e.p, e.o, l}]
			if len(sts) == 0 {
				sts = []statedBy{{}}
			}
			for _, st := range sts {
				row := []string{e.s, e.o, typ, e.p, l, ""}
				if st.node != nil {
					row[5] = st.node.id
				}
				for _, p := range neo4jEdgeProps {
					v := ""
					switch {
					case st.node == nil:
					case p.pred == "ng:attributedTo":
						v = st.attributedTo
					default:
						v = st.node.first(p.pred)
					}
					row = append(row, v)
				}
				ew.Write(row)
			}
		}
	}
	ew.Flush()
	return ew.Error()
}

// neo4jColumns are nodes.csv's property columns: every literal predicate but schema:name,
// which the name column holds (with a names:string[] column when some node has several).
func (g *propertyGraph) neo4jColumns() []neo4jColumn {
	local := map[string]int{}
	for _, a := range g.attrs {
		local[terms.TypeName(quad.IRI(a))]++
	}
	var cols []neo4jColumn
	for _, a := range g.attrs {
		name := terms.TypeName(quad.IRI(a))
		if a == string(terms.Name) {
			if !g.multi[a] {
				continue
			}
			name = "names"
		} else if local[name] > 1 || name == "name" || name == "names" || name == "id" {
			name = strings.ReplaceAll(a, ":", "_")
		}
		c := neo4jColumn{pred: a, array: g.multi[a]}
		c.header = name + ":" + neo4jTypes[g.kinds[a]]
		if c.array {
			c.header += "[]"
		}
		cols = append(cols, c)
	}
	return cols
}

func neo4jArray(vs []string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.ReplaceAll(v, Neo4jArrayDelimiter, " ")
	}
	return strings.Join(out, Neo4jArrayDelimiter)
}

// first is the node's first value of a literal predicate, or "".
func (n *pgNode) first(p quad.IRI) string {
	if vs := n.attrs[string(p)]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// statedBy is a Statement node behind a direct edge, with the node it is attributed to.
type statedBy struct {
	node         *pgNode
	attributedTo string
}

// statementsByEdge finds the Statement nodes behind each direct edge: subject, predicate,
// object and the article that states it. A merge gives a statement a second subject or
// object (the entity merged into), whose edges the merge labels: each pair is looked up.
func (g *propertyGraph) statementsByEdge() map[[4]string][]statedBy {
	type parts struct {
		subjects, objects      []string
		p, article, attributed string
	}
	sts := map[string]*parts{}
	for _, e := range g.edges {
		n := g.nodes[e.s]
		if n == nil || !slices.Contains(n.types, "Statement") {
			continue
		}
		st := sts[e.s]
		if st == nil {
			st = &parts{}
			sts[e.s] = st
		}
		switch quad.IRI(e.p) {
		case terms.Subject:
			st.subjects = append(st.subjects, e.o)
		case terms.Predicate:
			st.p = e.o
		case terms.Object:
			st.objects = append(st.objects, e.o)
		case terms.Article:
			st.article = e.o
		case "ng:attributedTo":
			st.attributed = e.o
		}
	}
	out := map[[4]string][]statedBy{}
	for id, st := range sts {
		for _, sub := range st.subjects {
			for _, obj := range st.objects {
				k := [4]string{sub, st.p, obj, st.article}
				out[k] = append(out[k], statedBy{g.nodes[id], st.attributed})
			}
		}
	}
	offset := func(b statedBy) int { n, _ := strconv.Atoi(b.node.first("ng:start")); return n }
	for _, list := range out {
		slices.SortFunc(list, func(a, b statedBy) int {
			return cmp.Or(offset(a)-offset(b), strings.Compare(a.node.id, b.node.id))
		})
	}
	return out
}
