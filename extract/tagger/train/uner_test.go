package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestUNERExamples(t *testing.T) {
	sents, err := readUNER("testdata/uner/en_ewt-ud-train.iob2")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 3 || sents[0].ID != "t-1" || len(sents[0].Words) != 11 {
		t.Fatalf("read %d sentences: %+v", len(sents), sents)
	}
	exs, dropped := unerExamples(sents, unerOptions{Loc: "gaz", Filter: "cased"})
	if dropped != 1 || len(exs) != 2 {
		t.Fatalf("cased filter: %d examples, %d dropped", len(exs), dropped)
	}
	want := []string{"B-per", "I-per", "?", "?", "B-org", "I-org", "?", "B-geo", "?", "?", "?"}
	if !slices.Equal(exs[0].Ent, want) || !exs[0].NEROnly {
		t.Errorf("got %v, want %v", exs[0].Ent, want)
	}
	// OTH is left unannotated; a country name becomes gpe with -uner-loc gaz.
	want = []string{"?", "?", "?", "?", "?", "?", "?", "B-gpe", "?"}
	if !slices.Equal(exs[1].Ent, want) {
		t.Errorf("got %v, want %v", exs[1].Ent, want)
	}
	// With SkipOther, OTH is not learnt from.
	exs, _ = unerExamples(sents, unerOptions{Loc: "geo", Filter: "cased", SkipOther: true})
	want = []string{"?", "?", "?", "*", "*", "?", "?", "B-geo", "?"}
	if !slices.Equal(exs[1].Ent, want) {
		t.Errorf("SkipOther: got %v, want %v", exs[1].Ent, want)
	}
}

func TestRunWithUNER(t *testing.T) {
	var out bytes.Buffer
	args := []string{"-data", "../../../internal/gmb/testdata/sample.csv", "-uner", "testdata/uner", "-out", "", "-iters", "2", "-heldout", "0.34"}
	if err := run(args, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"UNER-EWT: 2 training sentences (1 left out by -uner-filter cased)", "filled in", "UNER-EWT dev (1 sentences)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
