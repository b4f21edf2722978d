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
	// a real modifier keeps its place: "the man who said ..." is no reported clause
	d = New().Run(Article{Text: "Witnesses told reporters that police detained Ahmed Ali in Cairo."})
	for _, tk := range d.Tokens {
		if tk.Text == "reporters" && tk.Rel == "nsubj" {
			t.Errorf("the hearer read as the clause's subject: %+v", tk)
		}
	}
}
