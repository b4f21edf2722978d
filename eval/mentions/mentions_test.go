package mentions

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/eval/score"
	"github.com/newsgraph/newsgraph/extract"
)

// testdata/tiny.conllu is hand-written for these tests; it is not taken from GUM.

func readTiny(t *testing.T) []Doc {
	t.Helper()
	docs, err := ReadGUM("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d docs, want 2", len(docs))
	}
	return docs
}

func TestReadGUMText(t *testing.T) {
	docs := readTiny(t)
	want := "Minister Ana Kovac visited the Bank of Zorbia in Velmar, Ruritania. " +
		"She said the bank's board won't meet chemist Lea Varga in Velmar.\n\n" +
		"The President thanked the Zorbians and the Ruritanian Ports Authority."
	if docs[0].ID != "tiny-harbour" || docs[0].Text != want {
		t.Errorf("doc 0: id %q text\n%q\nwant\n%q", docs[0].ID, docs[0].Text, want)
	}
	if docs[1].ID != "tiny-second" || docs[1].Text != "Officials in Velmar stayed calm on Monday." {
		t.Errorf("doc 1: id %q text %q", docs[1].ID, docs[1].Text)
	}
	for _, d := range docs {
		for _, g := range append(d.Gold, d.Others...) {
			if d.Text[g.Start:g.End] != g.Text {
				t.Errorf("%s: Text[%d:%d] = %q, Gold.Text %q", d.ID, g.Start, g.End, d.Text[g.Start:g.End], g.Text)
			}
		}
	}
}

func list(d Doc, proper bool) []string {
	var out []string
	for _, g := range d.Gold {
		if g.Proper == proper {
			out = append(out, g.Type+":"+g.Text)
		}
	}
	return out
}

func TestProperNameRule(t *testing.T) {
	docs := readTiny(t)
	got := strings.Join(list(docs[0], true), " | ")
	want := strings.Join([]string{
		"Person:Ana Kovac",            // title (nmod:desc) dropped
		"Organization:Bank of Zorbia", // "the" and "in Velmar, Ruritania" dropped, "of Zorbia" kept
		"Place:Zorbia",                // nested mention
		"Place:Velmar",                // "Velmar, Ruritania": the appositive is cut off
		"Place:Ruritania",             // ...and is a mention of its own
		"Person:Lea Varga",            // common-noun head with a flat name: "chemist Lea Varga"
		"Place:Velmar",
		"Organization:Ruritanian Ports Authority",
	}, " | ")
	if got != want {
		t.Errorf("proper names:\n got %s\nwant %s", got, want)
	}
	got = strings.Join(list(docs[0], false), " | ")
	want = strings.Join([]string{
		"Person:She",
		"Organization:bank's board", // leading "the" trimmed from non-names too
		"Organization:bank's",
		"Person:President", // a bare title is not a name
		"Person:Zorbians",  // nor a plural group noun
	}, " | ")
	if got != want {
		t.Errorf("other mentions:\n got %s\nwant %s", got, want)
	}
	if got := strings.Join(list(docs[1], true), " | "); got != "Place:Velmar" {
		t.Errorf("doc 1 proper names: %s", got)
	}
	if len(docs[1].Others) != 1 || docs[1].Others[0].Type != "time" || docs[1].Others[0].Text != "Monday" {
		t.Errorf("doc 1 others: %+v", docs[1].Others)
	}
	g := docs[0].Gold[0]
	if g.Mention != "Minister Ana Kovac" || g.Entity != "1" {
		t.Errorf("first gold: %+v", g)
	}
}

// at returns a prediction for the n-th (from 0) occurrence of s in text.
func at(t *testing.T, text, s string, n int, typ string) Predicted {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		k := strings.Index(text[off:], s)
		if k < 0 {
			t.Fatalf("%q occurrence %d not found", s, n)
		}
		if i == n {
			return Predicted{Start: off + k, End: off + k + len(s), Type: typ}
		}
		off += k + len(s)
	}
}

func TestScore(t *testing.T) {
	docs := readTiny(t)[:1]
	text := docs[0].Text
	preds := []Predicted{
		at(t, text, "Ana Kovac", 0, "Person"),
		at(t, text, "Ana Kovac", 0, "Person"), // duplicate: counted once
		at(t, text, "the Bank of Zorbia", 0, "Organization"),
		at(t, text, "Zorbia", 0, "Country"),         // Country counts as Place
		at(t, text, "Velmar, Ruritania", 0, "City"), // overlap only
		at(t, text, "Lea Varga", 0, "Organization"), // wrong type
		at(t, text, "Velmar", 1, "City"),            // City counts as Place
		at(t, text, "President", 0, "Person"),       // not a proper name in the gold
		at(t, text, "Ruritanian Ports Authority", 0, "Organization"),
		at(t, text, "Bank", 0, "Event"), // other types are ignored
	}
	r := Score(docs, func(string) []Predicted { return preds })
	check := func(name string, got *score.Counts, want score.Counts) {
		t.Helper()
		if *got != want {
			t.Errorf("%s = %+v, want %+v", name, *got, want)
		}
	}
	check("exact Person", r.Exact[Person], score.Counts{TP: 1, FP: 1, FN: 1})
	check("exact Organization", r.Exact[Organization], score.Counts{TP: 2, FP: 1, FN: 0})
	check("exact Place", r.Exact[Place], score.Counts{TP: 2, FP: 1, FN: 2})
	check("exact micro", r.Exact[Micro], score.Counts{TP: 5, FP: 3, FN: 3})
	check("overlap Person", r.Overlap[Person], score.Counts{TP: 1, FP: 1, FN: 1})
	check("overlap Organization", r.Overlap[Organization], score.Counts{TP: 2, FP: 1, FN: 0})
	check("overlap Place", r.Overlap[Place], score.Counts{TP: 3, FP: 0, FN: 1})
	check("overlap micro", r.Overlap[Micro], score.Counts{TP: 6, FP: 2, FN: 2})
	check("untyped", &r.Untyped, score.Counts{TP: 6, FP: 2, FN: 2})
	if r.Docs != 1 {
		t.Errorf("Docs = %d", r.Docs)
	}
	var missed, spurious []string
	for _, e := range r.Missed {
		missed = append(missed, e.String())
	}
	for _, e := range r.Spurious {
		spurious = append(spurious, e.String())
	}
	wantMissed := []string{
		`tiny-harbour Place "Velmar" (predicted "Velmar, Ruritania" as Place)`,
		`tiny-harbour Place "Ruritania" (predicted "Velmar, Ruritania" as Place)`,
		`tiny-harbour Person "Lea Varga" (predicted as Organization)`,
	}
	wantSpurious := []string{
		`tiny-harbour Place "Velmar, Ruritania" (gold "Velmar" is Place)`,
		`tiny-harbour Organization "Lea Varga" (gold is Person)`,
		`tiny-harbour Person "President" (GUM: person, not a proper name)`,
	}
	if strings.Join(missed, "\n") != strings.Join(wantMissed, "\n") {
		t.Errorf("missed:\n%s\nwant\n%s", strings.Join(missed, "\n"), strings.Join(wantMissed, "\n"))
	}
	if strings.Join(spurious, "\n") != strings.Join(wantSpurious, "\n") {
		t.Errorf("spurious:\n%s\nwant\n%s", strings.Join(spurious, "\n"), strings.Join(wantSpurious, "\n"))
	}
	var b strings.Builder
	r.Print(&b)
	for _, s := range []string{"Person", "Organization", "Place", "micro", "span only", "0.625"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("Print output lacks %q:\n%s", s, b.String())
		}
	}
	if errs := r.Errors(); len(errs) != 6 || !strings.HasPrefix(errs[0], "missed Person ×1") {
		t.Errorf("Errors() = %q", errs)
	}
}

func TestTrimSpan(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"the United States", "United States"},
		{"The Hague", "Hague"},
		{"Trump's", "Trump"},
		{"the UK’s", "UK"},
		{"theory", "theory"},
		{"the", "the"},
		{" NATO ", "NATO"},
	} {
		s, e := trimSpan(tc.in, 0, len(tc.in))
		if got := tc.in[s:e]; got != tc.want {
			t.Errorf("trimSpan(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEvalType(t *testing.T) {
	for in, want := range map[string]string{"Person": Person, "Organization": Organization,
		"Country": Place, "City": Place, "Place": Place, "Event": "", "Date": "", "Agreement": ""} {
		if got := EvalType(in); got != want {
			t.Errorf("EvalType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDefaultGUMDir(t *testing.T) {
	t.Setenv("GUM_NEWS_DIR", "")
	d := DefaultGUMDir()
	// Tests run in eval/mentions, two levels below go.mod.
	wd, _ := os.Getwd()
	if want := filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(wd))), "shared", "data", "gum-news"); d != want {
		t.Errorf("DefaultGUMDir() = %q, want %q", d, want)
	}
	t.Setenv("GUM_NEWS_DIR", "/elsewhere")
	if d := DefaultGUMDir(); d != "/elsewhere" {
		t.Errorf("with GUM_NEWS_DIR: %q", d)
	}
	if _, err := ReadGUM(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Error("ReadGUM of a missing directory: no error")
	}
}

// TestGUMNews scores the default extractor on the GUM news articles when ../shared is
// present. It asserts no threshold yet: it prints the table (go test -run GUMNews -v).
func TestGUMNews(t *testing.T) {
	dir := DefaultGUMDir()
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("GUM news data not available at %s: %v", dir, err)
	}
	docs, err := ReadGUM(dir)
	if err != nil {
		t.Fatal(err)
	}
	gold := map[string]int{}
	for _, d := range docs {
		for _, g := range d.Gold {
			if d.Text[g.Start:g.End] != g.Text {
				t.Fatalf("%s: bad offsets for %q", d.ID, g.Text)
			}
			if g.Proper {
				gold[g.Type]++
			}
		}
	}
	t.Logf("%d documents; proper-name gold mentions (before de-duplication): Person %d, Organization %d, Place %d",
		len(docs), gold[Person], gold[Organization], gold[Place])
	r := Score(docs, FromExtractor(extract.New()))
	var b strings.Builder
	r.Print(&b)
	t.Log("\n" + b.String())
	if testing.Verbose() {
		var e strings.Builder
		for _, l := range r.Errors() {
			fmt.Fprintln(&e, l)
		}
		t.Log("most frequent errors (exact match):\n" + e.String())
	}
}
