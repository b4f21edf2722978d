package planner_test

import "testing"

// Name patterns read through the name index the graph package gives its bolt stores answer as
// Cayley's filter over every node does.
func TestNamePatternsAnswerAsCayley(t *testing.T) {
	qs := examplesGraph(t)
	n := 0
	for _, q := range []string{
		`g.V().Has("<schema:name>", regex("^Az")).All()`,
		`g.V().Filter(regex("^Az")).In("<schema:name>").All()`,
		`g.V().Has("<schema:name>", regex("an")).All()`,
		`g.V().Has("<schema:name>", regex("(?i)^nato")).All()`,
		`g.V().Has("<schema:name>", like("J%")).Out("<rdf:type>").All()`,
		`g.V().Has("<schema:name>", regex("^J")).Tag("p").Out("<ng:received>").Out("<schema:name>").All()`,
		`g.V().Has("<rdf:type>", "<schema:Person>").Has("<schema:name>", regex("^J")).All()`,
		`g.V().Has("<schema:name>", regex("^Nobody Here")).Out("<ng:received>").All()`,
		`g.emit(g.V().Has("<schema:name>", regex("^A")).Count())`,
		`g.V().Out("<schema:name>").Filter(regex("an")).Unique().All()`,
		`g.V().Out("<schema:name>").Filter(regex("^J")).All()`,
		`g.V().Tag("who").Out("<schema:name>").Filter(like("%a%")).All()`,
		`g.emit(g.V().Out("<schema:name>").Filter(regex("^A")).Count())`,
	} {
		n += sameAnswers(t, qs, q, sameRows)
	}
	if n == 0 {
		t.Fatal("no name pattern matched anything")
	}
}
