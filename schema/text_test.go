package schema

import (
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
)

// The article's text is one literal (schema:articleBody) that the evidence offsets index into;
// WithoutText (load --no-text) drops it and nothing else, and writes in its place the
// fingerprint the store derives from it (ng:minhash, 16 ng:lshBand).
func TestQuadsKeepText(t *testing.T) {
	a := extract.Article{ID: "a1", Title: "Talks", Source: "Trend", Published: "2025-01-22",
		Text: "Foreign Minister Jeyhun Bayramov received NATO Deputy Secretary General Radmila Shekerinska."}
	qs := Quads(a, extract.New().Extract(a))
	var texts int
	var start, end int64 = -1, -1
	var evidence string
	for _, q := range qs {
		switch q.Predicate {
		case TextPredicate():
			texts++
			if q.Subject != ArticleIRI("a1") || q.Object != quad.String(a.Text) {
				t.Errorf("text quad %s", q.NQuad())
			}
		case must("start"):
			start = int64(q.Object.(quad.Int))
		case must("end"):
			end = int64(q.Object.(quad.Int))
		case must("evidence"):
			evidence = string(q.Object.(quad.String))
		}
	}
	if texts != 1 {
		t.Fatalf("%d text quads, want 1", texts)
	}
	if start < 0 || end > int64(len(a.Text)) || a.Text[start:end] != evidence {
		t.Errorf("evidence [%d:%d] %q is not the text's", start, end, evidence)
	}
	rest := WithoutText(qs)
	if len(rest) != len(qs)-1+17 {
		t.Errorf("WithoutText kept %d of %d quads", len(rest), len(qs))
	}
	for _, q := range rest {
		if q.Predicate == TextPredicate() {
			t.Error("WithoutText kept the text")
		}
	}
	if a.Text = ""; len(Quads(a, extract.New().Extract(a))) == 0 {
		t.Error("no quads for an article without text")
	}
}
