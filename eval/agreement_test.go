package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAgreementMatching(t *testing.T) {
	texts := map[string]string{"d": "Rice met Olmert on Monday. Rice said the talks went well. Rice said more talks would follow."}
	entA := []IAAMention{{Doc: "d", Start: 0, End: 4, Type: "PER"}, {Doc: "d", Start: 9, End: 15, Type: "PER"}}
	entB := []IAAMention{{Doc: "d", Start: 0, End: 4, Type: "PER"}, {Doc: "d", Start: 9, End: 15, Type: "ORG"}}
	relA := []IAARelation{
		{Doc: "d", Ev: "Rice met Olmert", S: "Condoleezza Rice|Rice", P: "met", O: "Olmert", Date: "on Monday"},
		{Doc: "d", Ev: "Rice said the talks", S: "Rice", P: "said"},
		{Doc: "d", Ev: "Rice said more talks", S: "Rice", P: "said", Neg: true},
	}
	relB := []IAARelation{
		{Doc: "d", Ev: "met Olmert", S: "ehud olmert|OLMERT", P: "met", O: "rice"}, // symmetric, reversed, case
		{Doc: "d", Ev: "said more talks", S: "Rice", P: "said", Neg: true},         // pairs with A's third line (same sentence)
		{Doc: "d", Ev: "Rice met", S: "Rice", P: "visited", O: "Olmert"},
	}
	r := Agreement(nil, texts, entA, entB, relA, relB)
	if r.Entities != (IAACounts{A: 2, B: 2, Match: 1}) || r.EntitySpans.Match != 2 {
		t.Errorf("entities %+v spans %+v", r.Entities, r.EntitySpans)
	}
	if r.Relations != (IAACounts{A: 3, B: 3, Match: 2}) {
		t.Errorf("relations %+v", r.Relations)
	}
	for _, f := range r.Flags {
		switch f.Flag {
		case "neg":
			if f.A != 1 || f.B != 1 || f.Agree != 2 {
				t.Errorf("neg %+v (the repeated said must pair by sentence)", f)
			}
		case "date":
			if f.A != 1 || f.B != 0 || f.Agree != 1 {
				t.Errorf("date %+v", f)
			}
		}
	}
	if len(r.OnlyA) != 1 || r.OnlyA[0].Ev != "Rice said the talks" || len(r.OnlyB) != 1 || r.OnlyB[0].P != "visited" {
		t.Errorf("only A %+v, only B %+v", r.OnlyA, r.OnlyB)
	}
	if !iaaNamesMatch("United States|U.S.", "u.s.") || iaaNamesMatch("Iran", "Iraq") {
		t.Error("loose name matching")
	}
}

// TestAgreementNewsSecondAnnotation computes agreement between the first annotator's news files and
// the second annotation (eval/testdata/news/second), when it exists, and logs the table.
func TestAgreementNewsSecondAnnotation(t *testing.T) {
	news := DefaultNewsDir()
	second := filepath.Join(news, "second")
	if _, err := os.Stat(filepath.Join(second, "gold.jsonl")); err != nil {
		t.Skip("no second annotation")
	}
	r, err := AgreementFiles(news, second, filepath.Join(news, "articles.jsonl"), filepath.Join(news, "b", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Docs) == 0 {
		t.Fatal("no document annotated by both")
	}
	var b strings.Builder
	r.Print(&b, false)
	t.Log("\n" + b.String())
	if r.Entities.F1() < 0.5 || r.Relations.F1() < 0.3 {
		t.Errorf("agreement implausibly low (entities %.3f, relations %.3f): misaligned files?", r.Entities.F1(), r.Relations.F1())
	}
}
