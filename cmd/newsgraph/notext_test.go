package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// load keeps each article's text as one literal (schema:articleBody) for the explorer's
// article pages; load --no-text does not.
func TestLoadKeepsTheText(t *testing.T) {
	texts := `g.V().Has("<rdf:type>", "<schema:NewsArticle>").Out("<schema:articleBody>").Count()`
	db := loadedExamples(t)
	if got := mustRun(t, db, "query", texts); strings.Join(strings.Fields(got), "") != "[9]" {
		t.Errorf("texts stored: %s", got)
	}
	bare := filepath.Join(t.TempDir(), "bare.db")
	mustRun(t, bare, "load", "--no-text", examples)
	if got := mustRun(t, bare, "query", texts); strings.Join(strings.Fields(got), "") != "[0]" {
		t.Errorf("texts stored with --no-text: %s", got)
	}
	// The rest of the graph is the same.
	received := `g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<ng:received>").Out("<schema:name>").All()`
	if a, b := query(t, db, received), query(t, bare, received); len(a) != 1 || len(b) != 1 || a[0] != b[0] {
		t.Errorf("with text %q, without %q", a, b)
	}
}
