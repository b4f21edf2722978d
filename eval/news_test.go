package eval

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/eval/score"
)

// newsGold is one line of testdata/news/gold.jsonl (RelGold: the scorer reads the same lines).
type newsGold = RelGold

type newsEntity struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Text  string `json:"text"`
}

type newsArticle struct {
	ID               string `json:"id"`
	Source           string `json:"source"`
	Text             string `json:"text"`
	GMBFirstSentence *int   `json:"gmb_first_sentence"`
	Sentences        int    `json:"sentences"`
	Topic            string `json:"topic"` // sports, crime (quotas), random, legacy (the 348-relation set)
	Split            string `json:"split"`
}

func readNewsLines[T any](t *testing.T, name string) []T {
	t.Helper()
	f, err := os.Open(filepath.Join(score.RepoRoot(), "eval", "testdata", "news", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s line %d: %v", name, n, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNewsVocabularyMatchesGuidelines: the predicates listed in docs/annotation.md are NewsPredicates.
func TestNewsVocabularyMatchesGuidelines(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(score.RepoRoot(), "docs", "annotation.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, "<!-- vocabulary"), strings.Index(doc, "<!-- /vocabulary -->")
	if i < 0 || j < i {
		t.Fatal("docs/annotation.md: vocabulary markers not found")
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^- `([A-Za-z]+)` — ").FindAllStringSubmatch(doc[i:j], -1) {
		if listed[m[1]] {
			t.Errorf("guidelines list %s twice", m[1])
		}
		listed[m[1]] = true
	}
	for p := range listed {
		if _, ok := NewsPredicates[p]; !ok {
			t.Errorf("guidelines list %s, NewsPredicates does not", p)
		}
	}
	for p := range NewsPredicates {
		if !listed[p] {
			t.Errorf("NewsPredicates has %s, the guidelines do not list it", p)
		}
	}
	if len(listed) < 50 {
		t.Errorf("%d predicates, want at least 50", len(listed))
	}
}

// possessiveNames are names that end in 's themselves (the span rule drops a possessive 's).
var possessiveNames = map[string]bool{"McDonald's": true}

// TestNewsAnnotationsAreWellFormed checks the news test set: articles, entity spans, relations.
func TestNewsAnnotationsAreWellFormed(t *testing.T) {
	arts := readNewsLines[newsArticle](t, "articles.jsonl")
	text := map[string]string{}
	for _, a := range arts {
		if _, dup := text[a.ID]; dup {
			t.Errorf("article %s twice", a.ID)
		}
		text[a.ID] = a.Text
		if a.Split != "dev" && a.Split != "test" {
			t.Errorf("article %s: split %q", a.ID, a.Split)
		}
		if want := NewsSplit(a.ID); a.Split != want {
			t.Errorf("article %s: split %q, the hash rule gives %q", a.ID, a.Split, want)
		}
		if a.Text == "" || a.Source == "" {
			t.Errorf("article %s: empty text or source", a.ID)
		}
	}

	ents := readNewsLines[newsEntity](t, "entities.jsonl")
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
			t.Errorf("entity %+v: unknown doc", e)
		case e.Start < 0 || e.End > len(tx) || e.Start >= e.End:
			t.Errorf("entity %+v: span out of range", e)
		case tx[e.Start:e.End] != e.Text:
			t.Errorf("entity %+v: text is %q", e, tx[e.Start:e.End])
		case !NewsEntityTypes[e.Type]:
			t.Errorf("entity %+v: type", e)
		case strings.HasPrefix(e.Text, "the ") || strings.HasPrefix(e.Text, "The ") || (strings.HasSuffix(e.Text, "'s") && !possessiveNames[e.Text]) || strings.TrimSpace(e.Text) != e.Text:
			t.Errorf("entity %+v: span rule (the, 's, spaces)", e)
		}
		k := span{e.Doc, e.Start, e.End}
		if seen[k] {
			t.Errorf("entity %+v twice", e)
		}
		seen[k] = true
		byDoc[e.Doc] = append(byDoc[e.Doc], e)
	}
	for doc, es := range byDoc { // no overlapping (nested) mentions
		sort.Slice(es, func(i, j int) bool { return es[i].Start < es[j].Start })
		for i := 1; i < len(es); i++ {
			if es[i].Start < es[i-1].End {
				t.Errorf("%s: overlapping mentions %q and %q", doc, es[i-1].Text, es[i].Text)
			}
		}
	}

	gold := readNewsLines[newsGold](t, "gold.jsonl")
	annotated := map[string]int{}
	for n, g := range gold {
		where := func() string { return g.Doc + " " + g.S + " " + g.P + " " + g.O }
		for _, problem := range goldLineProblems(g) {
			t.Errorf("gold line %d (%s): %s", n+1, where(), problem)
		}
		tx, ok := text[g.Doc]
		if !ok {
			if g.Ev == "" && g.Sent == 0 {
				t.Errorf("gold line %d (%s): neither ev nor sent", n+1, where())
			}
			continue // text kept elsewhere (examples/articles, GUM in ../shared)
		}
		annotated[g.Doc]++
		if g.Ev == "" {
			t.Errorf("gold line %d (%s): no ev", n+1, where())
			continue
		}
		if c := strings.Count(tx, g.Ev); c != 1 {
			t.Errorf("gold line %d (%s): ev %q found %d times in the article", n+1, where(), g.Ev, c)
		}
		for name, v := range map[string]string{"quote": g.Quote, "date": g.Date} {
			if v != "" && !strings.Contains(tx, v) {
				t.Errorf("gold line %d (%s): %s %q is not in the article", n+1, where(), name, v)
			}
		}
	}
	var total int
	for _, c := range annotated {
		total += c
	}
	t.Logf("%d articles, %d entity mentions, %d relations (%d on %d articles kept here)", len(arts), len(ents), len(gold), total, len(annotated))
}

// goldLineProblems checks one gold line on its own, whatever file it comes from.
func goldLineProblems(g newsGold) []string {
	var out []string
	if _, ok := NewsPredicates[g.P]; !ok {
		out = append(out, "predicate not in the vocabulary")
	}
	if g.Doc == "" || g.S == "" {
		out = append(out, "doc or subject missing")
	}
	if NewsLiteral[g.P] != (g.O == "") {
		out = append(out, "said/discussed have no object, the others one")
	}
	if g.Quote != "" && !NewsLiteral[g.P] {
		out = append(out, "quote on a predicate with an object")
	}
	if g.S == g.O {
		out = append(out, "subject is the object")
	}
	if g.Mod != strings.TrimSpace(g.Mod) || g.Attr != strings.TrimSpace(g.Attr) || g.Date != strings.TrimSpace(g.Date) {
		out = append(out, "flag with spaces around it")
	}
	return out
}

func TestNewsMentionDocs(t *testing.T) {
	all, err := LoadNewsMentionDocs(DefaultNewsDir(), "all")
	if err != nil {
		t.Fatal(err)
	}
	dev, err := LoadNewsMentionDocs(DefaultNewsDir(), "dev")
	if err != nil {
		t.Fatal(err)
	}
	test, err := LoadNewsMentionDocs(DefaultNewsDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(dev)+len(test) != len(all) || len(dev) == 0 || len(test) == 0 {
		t.Fatalf("dev %d + test %d articles, all %d", len(dev), len(test), len(all))
	}
	for _, d := range all {
		if len(d.Gold) == 0 {
			t.Errorf("%s: no mentions (the relations-only legacy runs are to be left out)", d.ID)
		}
		for _, g := range d.Gold {
			if d.Text[g.Start:g.End] != g.Text || !g.Proper {
				t.Errorf("%s: %+v", d.ID, g)
			}
		}
	}
	if _, err := LoadNewsMentionDocs(DefaultNewsDir(), "nosuch"); err == nil {
		t.Error("an unknown split gives no error")
	}
}
