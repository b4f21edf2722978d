package export_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/export"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/rdf"
)

// curatedStore has the examples, a wire story in three copies and a merge: every kind of quad.
func curatedStore(t *testing.T) *store.Store {
	t.Helper()
	s := openBolt(t)
	load(t, s, examples(t)...)
	load(t, s, readJSONL(t, "../store/testdata/wire.jsonl")...)
	load(t, s, readJSONL(t, "../store/testdata/ministers.jsonl")...)
	load(t, s, readJSONL(t, "../store/testdata/variant.jsonl")...)
	_, err := s.Merge(context.Background(), "ng:person/elmar-mammadyarov", "ng:person/elmar-mamedyarov",
		store.MergeOptions{By: "tester", Reason: "spelling", At: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func exportOf(t *testing.T, s *store.Store, format string, o export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(context.Background(), s, &b, format, o); err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	return b.Bytes()
}

func TestExportThenImportGivesTheSameGraph(t *testing.T) {
	s := curatedStore(t)
	want := dumpOf(t, s)
	stored := exportOf(t, s, "nquads", export.Options{Stored: true})
	if string(stored) != want {
		t.Error("the stored export is not the dump")
	}
	rdf := exportOf(t, s, "nquads", export.Options{})
	if !bytes.Contains(rdf, []byte("<http://schema.org/name>")) || bytes.Contains(rdf, []byte("<schema:name>")) {
		t.Errorf("full IRIs: %.300s", rdf)
	}
	// The stored form comes back as it was; the RDF form comes back as a store whose RDF is
	// the same (RDFToStored gives back the store itself: TestRDFToStoredGivesBackTheStore).
	for name, data := range map[string][]byte{"stored": stored, "rdf": rdf} {
		fresh := openBolt(t)
		st, err := fresh.Import(context.Background(), bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, wantBack := dumpOf(t, fresh), want
		if name == "rdf" {
			got, wantBack = string(exportOf(t, fresh, "nquads", export.Options{})), string(rdf)
		}
		if got != wantBack {
			t.Errorf("%s: export then import differs:\n%s", name, diffLines(wantBack, got))
		}
		if name == "stored" && st.Added != count(t, s) {
			t.Errorf("%s: %+v, want %d added", name, st, count(t, s))
		}
		// Importing again adds nothing.
		if st, err := fresh.Import(context.Background(), bytes.NewReader(data)); err != nil || st.Added != 0 {
			t.Errorf("%s: second import %+v %v", name, st, err)
		}
	}
	fresh := openBolt(t)
	_, err := fresh.Import(context.Background(), strings.NewReader("<a> <b> <c> .\n<a> <b .\n"))
	if err == nil || !strings.Contains(err.Error(), "quad 2") {
		t.Errorf("a bad line: %v", err)
	}
}

// The quads of the RDF export as N-Quads lines, for comparing with what other formats give
// back.
func rdfLines(t *testing.T, s *store.Store) []string {
	return lines(string(exportOf(t, s, "nquads", export.Options{})))
}

func lines(s string) []string {
	out := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(out)
	return slices.Compact(out)
}

func TestExportJSONLDReadsBack(t *testing.T) {
	s := curatedStore(t)
	data := exportOf(t, s, "jsonld", export.Options{})
	if !bytes.Contains(data, []byte(`"@vocab":"http://schema.org/"`)) {
		t.Errorf("no schema.org context: %.200s", data)
	}
	r := jsonld.NewReader(bytes.NewReader(data))
	var got []string
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		// quad's JSON-LD reader makes xsd:integer, xsd:boolean and xsd:dateTime literals
		// native values, printed short (and booleans as "True")
		switch o := q.Object.(type) {
		case quad.Bool:
			q.Object = quad.TypedString{Value: quad.String(strconv.FormatBool(bool(o))), Type: rdf.FullIRI("xsd:boolean")}
		case quad.TypedStringer:
			v := o.TypedString()
			v.Type = rdf.FullIRI(v.Type)
			q.Object = v
		}
		got = append(got, q.NQuad())
	}
	slices.Sort(got)
	got = slices.Compact(got)
	want := rdfLines(t, s)
	if len(got) != len(want) {
		t.Errorf("JSON-LD gives back %d quads, want %d:\n%s", len(got), len(want), diffLines(strings.Join(want, "\n"), strings.Join(got, "\n")))
	}
	if d := diffLines(strings.Join(want, "\n"), strings.Join(got, "\n")); d != "" {
		t.Errorf("JSON-LD quads differ:\n%s", d)
	}
}

type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
	} `xml:"key"`
	Graph struct {
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Data   []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type gexf struct {
	XMLName xml.Name `xml:"http://www.gexf.net/1.2draft gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		Nodes []struct {
			ID    string `xml:"id,attr"`
			Label string `xml:"label,attr"`
			Att   []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			Source string  `xml:"source,attr"`
			Target string  `xml:"target,attr"`
			Label  string  `xml:"label,attr"`
			Weight float64 `xml:"weight,attr"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

// graphShape is what the graph-tool formats must hold: the nodes (every IRI that is a
// subject or an object) and the edges (subject, predicate, object of IRI-valued quads but
// rdf:type) with their number of labels.
func graphShape(t *testing.T, s *store.Store) (nodes map[string]bool, edges map[string]int) {
	nodes, edges = map[string]bool{}, map[string]int{}
	r := nquads.NewReader(strings.NewReader(dumpOf(t, s)), false)
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		sub := string(q.Subject.(quad.IRI))
		nodes[sub] = true
		if o, ok := q.Object.(quad.IRI); ok && q.Predicate != quad.IRI("rdf:type") {
			nodes[string(o)] = true
			edges[sub+" "+string(q.Predicate.(quad.IRI))+" "+string(o)]++
		}
	}
	return nodes, edges
}

func TestExportGraphMLParses(t *testing.T) {
	s := curatedStore(t)
	var g graphML
	if err := xml.Unmarshal(exportOf(t, s, "graphml", export.Options{}), &g); err != nil {
		t.Fatal(err)
	}
	wantNodes, wantEdges := graphShape(t, s)
	iri := map[string]string{}
	for _, n := range g.Graph.Nodes {
		d := map[string]string{}
		for _, x := range n.Data {
			d[x.Key] = x.Value
		}
		iri[n.ID] = d["iri"]
		if !wantNodes[d["iri"]] {
			t.Errorf("node %s is not in the graph", d["iri"])
		}
		if d["iri"] == "ng:person/jeyhun-bayramov" && (d["label"] != "Jeyhun Bayramov" || d["type"] != "Person") {
			t.Errorf("Bayramov: %v", d)
		}
		for k, v := range d {
			// Typed literals (offsets, confidences) are written as their values.
			if strings.Contains(v, "^^") {
				t.Errorf("node %s attribute %s: %q", d["iri"], k, v)
			}
		}
	}
	if len(iri) != len(wantNodes) {
		t.Errorf("%d nodes, want %d", len(iri), len(wantNodes))
	}
	got := 0
	for _, e := range g.Graph.Edges {
		d := map[string]string{}
		for _, x := range e.Data {
			d[x.Key] = x.Value
		}
		k := iri[e.Source] + " " + d["predicate"] + " " + iri[e.Target]
		if n, ok := wantEdges[k]; !ok || d["weight"] != strconv.Itoa(n) {
			t.Errorf("edge %s weight %s, want %d (%v)", k, d["weight"], n, ok)
		}
		got++
	}
	if got != len(wantEdges) {
		t.Errorf("%d edges, want %d", got, len(wantEdges))
	}
}

func TestExportGEXFParses(t *testing.T) {
	s := curatedStore(t)
	var g gexf
	if err := xml.Unmarshal(exportOf(t, s, "gexf", export.Options{}), &g); err != nil {
		t.Fatal(err)
	}
	if g.Version != "1.2" {
		t.Errorf("version %q", g.Version)
	}
	wantNodes, wantEdges := graphShape(t, s)
	ids := map[string]bool{}
	for _, n := range g.Graph.Nodes {
		ids[n.ID] = true
		if n.ID == "https://dailystar.example/2024/03/04/baku-talks" && n.Label != "Azerbaijan and Armenia hold talks in Baku" {
			t.Errorf("article label %q", n.Label)
		}
	}
	if len(ids) != len(wantNodes) {
		t.Errorf("%d nodes, want %d", len(ids), len(wantNodes))
	}
	received := false
	for _, e := range g.Graph.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %s -> %s to a missing node", e.Source, e.Target)
		}
		if e.Source == "ng:person/jeyhun-bayramov" && e.Label == "received" && e.Target == "ng:person/ararat-mirzoyan" {
			received = e.Weight == 3 // three copies state it
		}
	}
	if len(g.Graph.Edges) != len(wantEdges) || !received {
		t.Errorf("%d edges, want %d; received with weight 3: %v", len(g.Graph.Edges), len(wantEdges), received)
	}
}
