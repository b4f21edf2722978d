package eval

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/eval/score"
)

// TestNewsExtraAnnotationsAreWellFormed applies the checks of TestNewsAnnotationsAreWellFormed to
// the second annotator's files: the double annotation in testdata/news/second/ (articles from
// ../articles.jsonl) and the extra articles in testdata/news/b/ (their own articles.jsonl).
func TestNewsExtraAnnotationsAreWellFormed(t *testing.T) {
	news := filepath.Join(score.RepoRoot(), "eval", "testdata", "news")
	text := map[string]string{}
	for _, a := range readNewsLines[newsArticle](t, "articles.jsonl") {
		text[a.ID] = a.Text
	}
	if _, err := os.Stat(filepath.Join(news, "b", "articles.jsonl")); err == nil {
		for _, a := range readNewsLines[newsArticle](t, filepath.Join("b", "articles.jsonl")) {
			if _, dup := text[a.ID]; dup {
				t.Errorf("b/ article %s is already in the news set", a.ID)
			}
			text[a.ID] = a.Text
			if a.Split != NewsSplit(a.ID) {
				t.Errorf("b/ article %s: split %q, the hash rule gives %q", a.ID, a.Split, NewsSplit(a.ID))
			}
			if a.Text == "" || a.Source == "" || a.Topic == "" {
				t.Errorf("b/ article %s: empty text, source or topic", a.ID)
			}
		}
	}
	for _, dir := range []string{"second", "b"} {
		if _, err := os.Stat(filepath.Join(news, dir, "gold.jsonl")); err != nil {
			continue
		}
		checkNewsAnnotation(t, dir, text,
			readNewsLines[newsEntity](t, filepath.Join(dir, "entities.jsonl")),
			readNewsLines[newsGold](t, filepath.Join(dir, "gold.jsonl")))
	}
}

func checkNewsAnnotation(t *testing.T, dir string, text map[string]string, ents []newsEntity, gold []newsGold) {
	t.Helper()
	type span struct {
		doc        string
		start, end int
	}
	seen := map[span]bool{}
	byDoc := map[string][]newsEntity{}
	for _, e := range ents {
		tx, ok := text[e.Doc]
		switch {
		case !ok:
			t.Errorf("%s: entity %+v: unknown doc", dir, e)
		case e.Start < 0 || e.End > len(tx) || e.Start >= e.End:
			t.Errorf("%s: entity %+v: span out of range", dir, e)
		case tx[e.Start:e.End] != e.Text:
			t.Errorf("%s: entity %+v: text is %q", dir, e, tx[e.Start:e.End])
		case !NewsEntityTypes[e.Type]:
			t.Errorf("%s: entity %+v: type", dir, e)
		case strings.HasPrefix(e.Text, "the ") || strings.HasPrefix(e.Text, "The ") || (strings.HasSuffix(e.Text, "'s") && !possessiveNames[e.Text]) || strings.TrimSpace(e.Text) != e.Text:
			t.Errorf("%s: entity %+v: span rule (the, 's, spaces)", dir, e)
		}
		k := span{e.Doc, e.Start, e.End}
		if seen[k] {
			t.Errorf("%s: entity %+v twice", dir, e)
		}
		seen[k] = true
		byDoc[e.Doc] = append(byDoc[e.Doc], e)
	}
	for doc, es := range byDoc {
		sort.Slice(es, func(i, j int) bool { return es[i].Start < es[j].Start })
		for i := 1; i < len(es); i++ {
			if es[i].Start < es[i-1].End {
				t.Errorf("%s: %s: overlapping mentions %q and %q", dir, doc, es[i-1].Text, es[i].Text)
			}
		}
	}
	docs := map[string]bool{}
	for n, g := range gold {
		where := func() string { return dir + " " + g.Doc + " " + g.S + " " + g.P + " " + g.O }
		for _, problem := range goldLineProblems(g) {
			t.Errorf("gold line %d (%s): %s", n+1, where(), problem)
		}
		tx, ok := text[g.Doc]
		if !ok {
			t.Errorf("gold line %d (%s): unknown doc", n+1, where())
			continue
		}
		docs[g.Doc] = true
		if len(byDoc[g.Doc]) == 0 {
			t.Errorf("gold line %d (%s): the document has no entity lines (not annotated)", n+1, where())
		}
		if c := strings.Count(tx, g.Ev); g.Ev == "" || c != 1 {
			t.Errorf("gold line %d (%s): ev %q found %d times in the article", n+1, where(), g.Ev, c)
		}
		for name, v := range map[string]string{"quote": g.Quote, "date": g.Date} {
			if v != "" && !strings.Contains(tx, v) {
				t.Errorf("gold line %d (%s): %s %q is not in the article", n+1, where(), name, v)
			}
		}
	}
	t.Logf("%s: %d entity mentions on %d articles, %d relations on %d articles", dir, len(ents), len(byDoc), len(gold), len(docs))
}
