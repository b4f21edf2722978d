package extract

import (
	"testing"

	"github.com/newsgraph/newsgraph/extract/parse"
)

// "Officials say security forces clashed ...": the reported clause's verb, read as a modifier
// of the speech verb's object, is the speech verb's clause again, with the noun its subject.
func TestRepairReportedClauses(t *testing.T) {
	d := New().Run(Article{Text: "Officials say security forces clashed with the insurgents Thursday in the Mohmand tribal region, where Pakistani troops have been fighting Taliban militants."})
	at := map[string]int{}
	for i, tk := range d.Tokens {
		at[tk.Text] = i
	}
	clashed, forces, say := d.Tokens[at["clashed"]], d.Tokens[at["forces"]], at["say"]
	if clashed.Head != say || clashed.Rel != "ccomp" {
		t.Errorf("clashed: head %d rel %s, want ccomp of say (%d)", clashed.Head, clashed.Rel, say)
	}
	if forces.Head != at["clashed"] || forces.Rel != "nsubj" {
		t.Errorf("forces: head %d rel %s, want nsubj of clashed", forces.Head, forces.Rel)
	}
	// "said Sunday that ...": the clause hung on the day is the speech verb's
	d = New().Run(Article{Text: "Officials said Sunday that the group named KindHearts has coordinated with Hamas leaders."})
	for i, tk := range d.Tokens {
		if tk.Text == "coordinated" && (tk.Rel != "ccomp" || d.Tokens[tk.Head].Text != "said") {
			t.Errorf("coordinated (%d): head %d rel %s, want ccomp of said", i, tk.Head, tk.Rel)
		}
	}
	x := run(t, "Officials said Sunday that the group named KindHearts has coordinated with Hamas leaders.", "")
	for _, r := range x.Relations {
		if r.Predicate == PredCooperatesWith && r.Source != "officials" {
			t.Errorf("whose claim: %+v, want the officials'", r)
		}
	}
	d = New().Run(Article{Text: "Ali Larijani also told a news conference Wednesday that Iran's main enrichment plant is ready for use."})
	for _, tk := range d.Tokens {
		if tk.Text == "ready" && (tk.Rel != "ccomp" || d.Tokens[tk.Head].Text != "told") {
			t.Errorf("ready: %s of %d, want the clause of told", tk.Rel, tk.Head)
		}
	}
	// a real modifier keeps its place: "the man who said ..." is no reported clause
	d = New().Run(Article{Text: "Witnesses told reporters that police detained Ahmed Ali in Cairo."})
	for _, tk := range d.Tokens {
		if tk.Text == "reporters" && tk.Rel == "nsubj" {
			t.Errorf("the hearer read as the clause's subject: %+v", tk)
		}
	}
}

// A vocative in news is an apposition after a comma, or a day opening the sentence.
func TestRepairVocatives(t *testing.T) {
	d := &Document{Text: "x", Tokens: []Token{
		{Text: "Wednesday", Rel: "vocative", Head: 2, UPOS: "PROPN"},
		{Text: ",", Rel: "punct", Head: 0},
		{Text: "he", Rel: "nsubj", Head: 3},
		{Text: "met", Rel: "root", Head: -1, UPOS: "VERB"},
		{Text: "officials", Rel: "obj", Head: 3, UPOS: "NOUN"},
		{Text: "in", Rel: "case", Head: 7},
		{Text: "the", Rel: "det", Head: 7},
		{Text: "capital", Rel: "obl", Head: 3, UPOS: "NOUN"},
		{Text: ",", Rel: "punct", Head: 9},
		{Text: "Niamey", Rel: "vocative", Head: 3, UPOS: "PROPN"},
	}}
	repairVocatives(d, Sentence{First: 0, Last: len(d.Tokens)})
	if tk := d.Tokens[0]; tk.Rel != "obl:tmod" {
		t.Errorf("Wednesday: %s, want obl:tmod", tk.Rel)
	}
	if tk := d.Tokens[9]; tk.Rel != "appos" || tk.Head != 7 {
		t.Errorf("Niamey: %s of %d, want appos of capital (7)", tk.Rel, tk.Head)
	}
}

// Two subjects side by side: the first describes the second.
func TestRepairStackedSubjects(t *testing.T) {
	d := &Document{Text: "x", Tokens: []Token{
		{Text: "automaker", Rel: "nsubj", Head: 3, UPOS: "NOUN"},
		{Text: "Chrysler", Rel: "nsubj", Head: 3, UPOS: "PROPN"},
		{Text: "has", Rel: "aux", Head: 3, UPOS: "AUX"},
		{Text: "opened", Rel: "root", Head: -1, UPOS: "VERB"},
	}}
	repairStackedSubjects(d, Sentence{First: 0, Last: len(d.Tokens)})
	if tk := d.Tokens[0]; tk.Rel != "compound" || tk.Head != 1 {
		t.Errorf("automaker: %s of %d, want compound of Chrysler", tk.Rel, tk.Head)
	}
	if tk := d.Tokens[1]; tk.Rel != "nsubj" || tk.Head != 3 {
		t.Errorf("Chrysler: %s of %d, want nsubj of opened", tk.Rel, tk.Head)
	}
}

// A finite verb read as a noun's modifier marks a parse gone wrong; a speech verb takes such
// a verb on its object back as its clause.
func TestFiniteVerbsAsModifiers(t *testing.T) {
	if !implausible(parse.Tree{Head: []int{2, 0, 2}, Rel: []string{"amod", "root", "obj"}, XPOS: []string{"VBD", "NN", "NN"}}, []string{"VBD", "NN", "NN"}) {
		t.Error("a finite verb as an adjective: want implausible")
	}
	d := New().Run(Article{Text: "Witnesses say at least 15 others swam to safety after their vessel sank close to the Yemeni coast."})
	for _, tk := range d.Tokens {
		if tk.Text == "swam" && tk.Rel != "ccomp" {
			t.Errorf("swam: %s of %d, want the clause of say", tk.Rel, tk.Head)
		}
	}
}

// A name with its own preposition is no modifier of the time after it.
func TestRepairTimeCompounds(t *testing.T) {
	if x := run(t, "Ankara signed an agreement with Baghdad last month that commits Iraqi troops to crack down on PKK rebels.", ""); !hasFact(x, "Ankara -agreedWith-> Baghdad") {
		t.Errorf("facts: %q", facts(x))
	}
}

// A punctuation mark heads nothing: a name under a comma stands in apposition to the noun
// before it.
func TestRepairPunctHeads(t *testing.T) {
	d := &Document{Text: "x", Tokens: []Token{
		{Text: "talks", Rel: "root", Head: -1, UPOS: "NOUN"},
		{Text: "with", Rel: "case", Head: 2, UPOS: "ADP"},
		{Text: "counterpart", Rel: "nmod", Head: 0, UPOS: "NOUN"},
		{Text: ",", Rel: "punct", Head: 0, UPOS: "PUNCT"},
		{Text: "Li", Rel: "appos", Head: 3, UPOS: "PROPN"},
	}}
	repairPunctHeads(d, Sentence{First: 0, Last: len(d.Tokens)})
	if tk := d.Tokens[4]; tk.Head != 2 || tk.Rel != "appos" {
		t.Errorf("Li: %s of %d, want appos of counterpart (2)", tk.Rel, tk.Head)
	}
}
