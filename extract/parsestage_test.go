package extract

import "testing"

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
	// a real modifier keeps its place: "the man who said ..." is no reported clause
	d = New().Run(Article{Text: "Witnesses told reporters that police detained Ahmed Ali in Cairo."})
	for _, tk := range d.Tokens {
		if tk.Text == "reporters" && tk.Rel == "nsubj" {
			t.Errorf("the hearer read as the clause's subject: %+v", tk)
		}
	}
}
