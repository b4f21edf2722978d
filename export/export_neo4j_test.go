package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
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
)

// neo4jHeader checks a CSV header against neo4j-admin import's header format: each field
// "name", "name:type" or "name:type[]" with one of its property types, or one of the
// special fields (:ID, :LABEL for nodes; :START_ID, :END_ID, :TYPE for relationships).
// It returns each column's type ("ID", "LABEL", "long", "string[]", ...).
func neo4jHeader(t *testing.T, header []string, special ...string) []string {
	t.Helper()
	field := regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)?(?::([A-Za-z_]+)(\[\])?)?$`)
	props := []string{"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date", "localtime", "time", "localdatetime", "datetime", "duration"}
	var types []string
	seen := map[string]bool{}
	for _, h := range header {
		m := field.FindStringSubmatch(h)
		if m == nil {
			t.Fatalf("header field %q is not name:type", h)
		}
		typ := m[2]
		switch {
		case slices.Contains(special, typ):
			if m[3] != "" || seen[typ] {
				t.Errorf("header field %q", h)
			}
			seen[typ] = true
		case typ == "" && m[1] != "":
			typ = "string"
		case slices.Contains(props, typ) && m[1] != "":
		default:
			t.Errorf("header field %q: not a property type of neo4j-admin import", h)
		}
		if seen["prop "+m[1]] && m[1] != "" {
			t.Errorf("property %s twice", m[1])
		}
		seen["prop "+m[1]] = m[1] != ""
		types = append(types, typ+m[3])
	}
	for _, s := range special {
		if !seen[s] {
			t.Errorf("no :%s column in %q", s, header)
		}
	}
	return types
}

// neo4jValue checks a value against its column type as neo4j-admin reads it.
func neo4jValue(v, typ string) bool {
	if v == "" {
		return true // no property
	}
	if elem, ok := strings.CutSuffix(typ, "[]"); ok {
		for _, e := range strings.Split(v, export.Neo4jArrayDelimiter) {
			if !neo4jValue(e, elem) {
				return false
			}
		}
		return true
	}
	switch typ {
	case "long":
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	case "double":
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	case "boolean":
		return v == "true" || v == "false"
	case "datetime":
		_, err := time.Parse(time.RFC3339, v)
		return err == nil
	}
	return true
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestExportCSVForNeo4j: the files neo4j-admin imports, from a real store: headers to its
// spec, typed values, every node labelled, every literal of the graph in its node's row,
// every relation stated as a fact with its statement's evidence, offsets, confidence, date
// and attribution; negated and hypothetical ones on Statement nodes only.
func TestExportCSVForNeo4j(t *testing.T) {
	s := curatedStore(t)
	var nb, eb bytes.Buffer
	if err := export.CSV(context.Background(), s, &nb, &eb); err != nil {
		t.Fatal(err)
	}
	nodes, edges := readCSV(t, nb.Bytes()), readCSV(t, eb.Bytes())
	ntypes := neo4jHeader(t, nodes[0], "ID", "LABEL")
	etypes := neo4jHeader(t, edges[0], "START_ID", "END_ID", "TYPE")
	col := func(header []string, name string) int {
		for i, h := range header {
			if h == name || strings.HasPrefix(h, name+":") {
				return i
			}
		}
		t.Fatalf("no column %s in %q", name, header)
		return -1
	}
	label := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	rows := map[string][]string{}
	for _, n := range nodes[1:] {
		if rows[n[0]] != nil {
			t.Errorf("node %s twice", n[0])
		}
		rows[n[0]] = n
		for _, l := range strings.Split(n[1], export.Neo4jArrayDelimiter) {
			if !label.MatchString(l) {
				t.Errorf("node %s: label %q", n[0], n[1])
			}
		}
		for i, v := range n {
			if !neo4jValue(v, ntypes[i]) {
				t.Errorf("node %s: %s %q is not a %s", n[0], nodes[0][i], v, ntypes[i])
			}
		}
	}
	if n := rows["ng:person/jeyhun-bayramov"]; n == nil || n[1] != "Person" || n[2] != "Jeyhun Bayramov" {
		t.Errorf("Bayramov: %q", n)
	}
	wantNodes, _ := graphShape(t, s)
	if len(rows) != len(wantNodes) {
		t.Errorf("%d nodes, want %d", len(rows), len(wantNodes))
	}

	// Every literal of the store is in its node's row; asserted statements are the
	// relationships' statements, negated and hypothetical ones are not.
	r := nquads.NewReader(strings.NewReader(dumpOf(t, s)), false)
	asserted, unasserted := map[string]bool{}, map[string]bool{}
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		sub := string(q.Subject.(quad.IRI))
		switch o := q.Object.(type) {
		case quad.IRI:
			if q.Predicate == quad.IRI("ng:object") {
				asserted[sub] = !unasserted[sub]
			}
		default:
			v := quad.StringOf(o)
			if ts, ok := o.(quad.TypedStringer); ok {
				v = string(ts.TypedString().Value)
			}
			if str, ok := o.(quad.String); ok {
				v = string(str)
			}
			if q.Predicate == quad.IRI("ng:polarity") || q.Predicate == quad.IRI("ng:modality") {
				unasserted[sub], asserted[sub] = true, false
			}
			found := false
			for _, f := range rows[sub] {
				found = found || f == v || slices.Contains(strings.Split(f, export.Neo4jArrayDelimiter), strings.ReplaceAll(v, "\t", " "))
			}
			if !found {
				t.Errorf("%s %s %.60q is not in nodes.csv", sub, q.Predicate, v)
			}
		}
	}
	ev, conf, st, attr := col(edges[0], "evidence"), col(edges[0], "confidence"), col(edges[0], "statement"), col(edges[0], "attributedTo")
	inRows := map[string]int{}
	attributed := 0
	for _, e := range edges[1:] {
		if rows[e[0]] == nil || rows[e[1]] == nil || e[2] == "" || e[4] == "" {
			t.Errorf("edge %q", e)
		}
		for i, v := range e {
			if !neo4jValue(v, etypes[i]) {
				t.Errorf("edge %q: %s is not a %s", e[:3], edges[0][i], etypes[i])
			}
		}
		if e[st] != "" {
			inRows[e[st]]++
			if e[ev] == "" || e[conf] == "" {
				t.Errorf("edge %q: statement %s without evidence or confidence", e[:3], e[st])
			}
		}
		if e[attr] != "" {
			attributed++
		}
		if e[0] == "ng:person/jeyhun-bayramov" && e[2] == "received" && e[1] == "ng:person/radmila-shekerinska" &&
			!strings.Contains(e[ev], "reception of NATO Deputy Secretary General Radmila Shekerinska") {
			t.Errorf("Bayramov received Shekerinska: %q", e)
		}
	}
	for st, ok := range asserted {
		if ok && inRows[st] != 1 {
			t.Errorf("asserted statement %s is on %d relationships", st, inRows[st])
		}
		if !ok && inRows[st] != 0 {
			t.Errorf("negated or hypothetical statement %s is on a relationship", st)
		}
	}
	if len(unasserted) == 0 || attributed == 0 {
		t.Errorf("%d negated or hypothetical statements, %d attributed relationships: not a test", len(unasserted), attributed)
	}
}

// TestExportGEXFReadsInNetworkX: NetworkX (Debian's 2.8: GEXF 1.3 needs 3.3) reads the GEXF
// export with typed attributes: confidences as floats, offsets as integers.
func TestExportGEXFReadsInNetworkX(t *testing.T) {
	py := pythonWith("networkx")
	if py == "" {
		t.Skip("no Python with networkx (Debian: apt-get install python3-networkx)")
	}
	s := curatedStore(t)
	path := filepath.Join(t.TempDir(), "store.gexf")
	os.WriteFile(path, exportOf(t, s, "gexf", export.Options{}), 0o644)
	script := `
import sys, networkx as nx
g = nx.read_gexf(sys.argv[1])
typed = {}
for _, d in g.nodes(data=True):
    for k, v in d.items():
        typed.setdefault(k, type(v).__name__)
print(g.number_of_nodes(), typed.get("ng:confidence"), typed.get("ng:start"), typed.get("ng:former"))
`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("networkx: %v\n%s", err, out)
	}
	wantNodes, _ := graphShape(t, s)
	if want := strconv.Itoa(len(wantNodes)) + " float int bool"; strings.TrimSpace(string(out)) != want {
		t.Errorf("networkx read %q, want %q", strings.TrimSpace(string(out)), want)
	}
}
