package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/eval/mentions"
	"github.com/newsgraph/newsgraph/eval/score"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/extract/gazetteer"
)

var vocabulary = map[string]bool{}

func init() {
	for _, p := range []string{extract.PredReceived, extract.PredMet, extract.PredVisited, extract.PredHeldTalksWith,
		extract.PredCalled, extract.PredDiscussed, extract.PredWorksFor, extract.PredHeads, extract.PredMemberOf,
		extract.PredJoined, extract.PredPartOf, extract.PredContainedIn, extract.PredHeadquartered,
		extract.PredAlliedWith, extract.PredCooperatesWith, extract.PredParticipatedIn, extract.PredSigned,
		extract.PredAgreedWith, extract.PredAttacked, extract.PredFoughtAgainst, extract.PredKilled,
		extract.PredArrested, extract.PredAccused, extract.PredThreatened, extract.PredCondemned,
		extract.PredSanctioned, extract.PredSaid, extract.PredPraised, extract.PredCriticised, extract.PredSupported} {
		vocabulary[p] = true
	}
}

func firstName(names string) string {
	n, _, _ := strings.Cut(names, "|")
	return score.NormName(n)
}

// TestRelationGold checks the annotations: predicates of the vocabulary (never related), a
// literal object exactly for said and discussed, no relation twice, every anchor found once,
// and every name present in its article (as written, or through the gazetteer's other names:
// "United States" for "U.S.").
func TestRelationGold(t *testing.T) {
	docs, skipped, err := LoadRelationDocs(DefaultRelationGold(), mentions.DefaultGUMDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped) > 0 {
		t.Logf("GUM not available, %d documents skipped", len(skipped))
	}
	g := gazetteer.Default()
	inText := func(text, names string) bool {
		low := strings.ToLower(text)
		for _, n := range strings.Split(names, "|") {
			if strings.Contains(low, strings.ToLower(n)) {
				return true
			}
			for _, e := range g.Lookup(n) {
				for _, m := range append(append(append([]string{e.Name}, e.Aliases...), e.Abbrevs...), e.Demonyms...) {
					if strings.Contains(text, m) {
						return true
					}
				}
			}
		}
		return false
	}
	total := 0
	for _, d := range docs {
		seen := map[string]int{}
		for _, r := range d.Gold {
			total++
			if !vocabulary[r.P] {
				t.Errorf("line %d: predicate %q is not in the vocabulary (related is never annotated)", r.Line, r.P)
			}
			if lit := r.P == extract.PredSaid || r.P == extract.PredDiscussed; lit != r.Literal() {
				t.Errorf("line %d: %s with object %q", r.Line, r.P, r.O)
			}
			k := d.ID + "\x00" + firstName(r.S) + "\x00" + r.P + "\x00" + firstName(r.O)
			if score.SymmetricPredicates[r.P] && firstName(r.O) < firstName(r.S) {
				k = d.ID + "\x00" + firstName(r.O) + "\x00" + r.P + "\x00" + firstName(r.S)
			}
			if r.Neg {
				k += "\x00neg"
			}
			if r.Literal() {
				k += "\x00" + r.Ev + "\x00" + strconv.Itoa(r.Sent)
			}
			if prev, dup := seen[k]; dup {
				t.Errorf("line %d: same relation as line %d", r.Line, prev)
			}
			seen[k] = r.Line
			for _, n := range []string{r.S, r.O, r.Attr} {
				if n != "" && !inText(d.Article.Text, n) {
					t.Errorf("line %d: %q not in %s", r.Line, n, d.ID)
				}
			}
		}
	}
	t.Logf("%d articles, %d gold relations", len(docs), total)
	if len(docs)+len(skipped) < 20 || total < 200 {
		t.Errorf("%d articles, %d relations: the gold has shrunk", len(docs)+len(skipped), total)
	}
}

// A synthetic article and extraction for the scorer.
func TestScoreRelations(t *testing.T) {
	text := "Arnor met Gondor on Monday. Bree attacked Rohan. Ents said hello. Arnor did not sign."
	doc := RelDoc{ID: "t", Group: "test", Article: extract.Article{Text: text}, Gold: []RelGold{
		{S: "Gondor", P: "met", O: "Arnor", Start: 0, End: 26},                                // symmetric, written the other way
		{S: "Bree", P: "attacked", O: "Rohan", Start: 28, End: 47},                            // predicted reversed
		{S: "Ents", P: "said", Start: 49, End: 64},                                            // literal: evidence must overlap
		{S: "Arnor", P: "signed", O: "Ruritania|Rurit Accord", Neg: true, Start: 66, End: 84}, // not predicted
	}}
	ent := func(id, name string, mentions ...string) extract.Entity {
		e := extract.Entity{ID: id, Name: name}
		for _, m := range mentions {
			e.Mentions = append(e.Mentions, extract.Mention{Text: m, Kind: extract.KindName})
		}
		return e
	}
	ex := extract.Extraction{Entities: []extract.Entity{
		ent("a", "Kingdom of Arnor", "Arnor"), ent("g", "Gondor"), ent("b", "Bree"), ent("r", "Rohan"), ent("e", "Ents"),
	}, Relations: []extract.Relation{
		{Subject: "a", Predicate: "met", Object: "g", Confidence: 0.85, Evidence: extract.Span{Start: 0, End: 26}},
		{Subject: "g", Predicate: "met", Object: "a", Confidence: 0.7, Evidence: extract.Span{Start: 0, End: 26}}, // duplicate
		{Subject: "r", Predicate: "attacked", Object: "b", Confidence: 0.9, Evidence: extract.Span{Start: 28, End: 47}},
		{Subject: "e", Predicate: "said", Value: "hello", Confidence: 0.8, Evidence: extract.Span{Start: 49, End: 64}},
		{Subject: "e", Predicate: "said", Value: "hello", Confidence: 0.8, Evidence: extract.Span{Start: 0, End: 26}}, // wrong sentence
		{Subject: "a", Predicate: "related", Object: "b", Confidence: 0.5, Evidence: extract.Span{Start: 28, End: 47}},
	}}
	rep := ScoreRelations([]RelDoc{doc}, func(RelDoc) extract.Extraction { return ex })
	check := func(key string, tp, fp, fn int) {
		t.Helper()
		c := rep.Counts[key]
		if c == nil || c.TP != tp || c.FP != fp || c.FN != fn {
			t.Errorf("%s: got %+v, want TP %d FP %d FN %d", key, c, tp, fp, fn)
		}
	}
	check("met", 1, 0, 0)
	check("attacked", 0, 1, 1)
	check("said", 1, 1, 0)
	check("signed", 0, 0, 1)
	check("related", 0, 1, 0)
	check(RelAll, 2, 3, 2)
	check(RelCore, 1, 1, 2)
	if len(rep.Missed) != 2 || rep.Missed[0].Why != "reversed" || !strings.Contains(rep.Missed[1].Why, "no entity for Ruritania") {
		t.Errorf("missed: %+v", rep.Missed)
	}
	if rep.High.TP != 2 || rep.High.FP != 2 || rep.HighCore.TP != 1 || rep.HighCore.FP != 1 {
		t.Errorf("confidence >= 0.8: all %+v core %+v", rep.High, rep.HighCore)
	}
	// The negated "signed" is not found: its negation counts as missed; "met on Monday" has its
	// own date in the gold but not in the prediction.
	if f := rep.Flags["negation"]; f == nil || f.Gold != 1 || f.GoldRight != 0 || f.Pred != 0 {
		t.Errorf("negation flag: %+v", f)
	}
	var b bytes.Buffer
	rep.Print(&b)
	rep.PrintErrors(&b, 0)
	if !strings.Contains(b.String(), "reversed") || !strings.Contains(b.String(), "context flags") {
		t.Errorf("report:\n%s", b.String())
	}
}

// TestRelations scores the extractor on the gold and logs the report (go test ./eval -run
// 'Relations$' -v; the errors with -v too).
func TestRelations(t *testing.T) {
	docs, skipped, err := LoadRelationDocs(DefaultRelationGold(), mentions.DefaultGUMDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(score.RepoRoot(), "extract", "gazetteer", "data")); err != nil {
		t.Skip(err)
	}
	rep := Relations(docs, extract.New())
	rep.Skipped = skipped
	var b bytes.Buffer
	rep.Print(&b)
	if testing.Verbose() {
		rep.PrintErrors(&b, 40)
	}
	t.Log("\n" + b.String())
}

// The news set splits its VOA articles into dev and test; the rest is dev.
func TestNewsSplits(t *testing.T) {
	docs, _, err := LoadNewsDocs(mentions.DefaultGUMDir())
	if err != nil {
		t.Fatal(err)
	}
	dev, test := OfSplit(docs, "dev"), OfSplit(docs, "test")
	if len(dev) == 0 || len(test) == 0 || len(dev)+len(test) != len(docs) || len(OfSplit(docs, "all")) != len(docs) {
		t.Fatalf("%d docs: %d dev, %d test", len(docs), len(dev), len(test))
	}
	for _, d := range test {
		if !strings.HasPrefix(d.ID, "voa-gmb20-") {
			t.Errorf("%s is in test: only the news set's own articles are", d.ID)
		}
	}
}
