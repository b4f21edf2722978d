package eval

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/eval/mentions"
	"github.com/newsgraph/newsgraph/eval/score"
	"github.com/newsgraph/newsgraph/extract"
)

// Relation evaluation: hand-annotated relations of the closed vocabulary on 25 news articles
// (testdata/relations/gold.jsonl; README.md says how they were annotated), compared with the
// extractor's relations by subject, predicate and object, entities matched by name.

// RelGold is one annotated relation: one line of testdata/relations/gold.jsonl.
type RelGold struct {
	Doc string `json:"doc"`
	// Where it is stated: Ev, a verbatim piece of the sentence, for texts kept in the project;
	// Sent, the sentence number (1-based, GUM's sent_id), for GUM documents, whose text is not.
	Ev   string `json:"ev,omitempty"`
	Sent int    `json:"sent,omitempty"`
	// Subject and object names; "|" separates other names of the same entity. O is empty for
	// said and discussed, whose object is a quotation or a topic.
	S string `json:"s"`
	P string `json:"p"`
	O string `json:"o,omitempty"`
	// Neg: the text says it did not happen. Mod: it may, will or should happen (the word).
	// Attr: whose words state it. Former: a state of affairs that is over. Implicit: the
	// subject or object is not named in the sentence (a pronoun, a description, the sentence
	// before).
	Neg      bool   `json:"neg,omitempty"`
	Mod      string `json:"mod,omitempty"`
	Attr     string `json:"attr,omitempty"`
	Former   bool   `json:"former,omitempty"`
	Implicit bool   `json:"implicit,omitempty"`
	Note     string `json:"note,omitempty"`
	// Date: the event's own date expression, verbatim (docs/annotation.md). Quote: for said,
	// the words said.
	Date  string `json:"date,omitempty"`
	Quote string `json:"quote,omitempty"`

	Line       int `json:"-"` // line in the gold file
	Start, End int `json:"-"` // set by LoadRelationDocs: Ev's span, or the GUM sentence's
}

// Literal reports whether the relation's object is a literal (said, discussed).
func (g RelGold) Literal() bool { return g.O == "" }

func (g RelGold) String() string {
	s := g.S + " -" + g.P + "-> "
	if g.O == "" {
		s += "(text)"
	} else {
		s += g.O
	}
	var q []string
	if g.Neg {
		q = append(q, "negated")
	}
	if g.Mod != "" {
		q = append(q, g.Mod)
	}
	if g.Attr != "" {
		q = append(q, "per "+g.Attr)
	}
	if g.Former {
		q = append(q, "former")
	}
	if g.Implicit {
		q = append(q, "implicit")
	}
	if len(q) > 0 {
		s += " [" + strings.Join(q, ", ") + "]"
	}
	return s
}

// ReadRelationGold reads a gold file: JSON Lines of RelGold.
func ReadRelationGold(r io.Reader) ([]RelGold, error) {
	var out []RelGold
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var g RelGold
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&g); err != nil {
			return nil, fmt.Errorf("gold line %d: %w", n, err)
		}
		g.Line = n
		out = append(out, g)
	}
	return out, sc.Err()
}

// RelDoc is one annotated article with its text and gold relations.
type RelDoc struct {
	ID      string
	Group   string // "founding" (the Trend article), "voa-examples", "voa" (more VOA runs), "gum"
	Split   string // "dev" or "test": the article's split in the news set; "dev" for the others
	Article extract.Article
	Gold    []RelGold
}

// DefaultNewsGold is the team's news test set (testdata/news/gold.jsonl; docs/annotation.md):
// its VOA articles are split into dev and test by a hash of their id, and it includes the
// earlier relation set (testdata/relations), all dev.
func DefaultNewsGold() string {
	return filepath.Join(score.RepoRoot(), "eval", "testdata", "news", "gold.jsonl")
}

// NewsGoldFiles are the gold files of the news test set: the first annotator's 129 articles
// (with the earlier set folded in) and the 71 sports and crime articles of b/. (second/ is the
// double annotation of 30 of the first, for agreement only.)
func NewsGoldFiles() []string {
	dir := filepath.Join(score.RepoRoot(), "eval", "testdata", "news")
	return []string{filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "b", "gold.jsonl")}
}

// LoadNewsDocs loads every document of the news test set (NewsGoldFiles).
func LoadNewsDocs(gumDir string) (docs []RelDoc, skipped []string, err error) {
	for _, f := range NewsGoldFiles() {
		d, s, err := LoadRelationDocs(f, gumDir)
		if err != nil {
			return nil, nil, err
		}
		docs, skipped = append(docs, d...), append(skipped, s...)
	}
	return docs, skipped, nil
}

// OfSplit keeps the documents of one split ("dev", "test"); "" or "all" keeps them all.
func OfSplit(docs []RelDoc, split string) []RelDoc {
	if split == "" || split == "all" {
		return docs
	}
	var out []RelDoc
	for _, d := range docs {
		if d.Split == split {
			out = append(out, d)
		}
	}
	return out
}

// DefaultRelationGold is testdata/relations/gold.jsonl of this package.
func DefaultRelationGold() string {
	return filepath.Join(score.RepoRoot(), "eval", "testdata", "relations", "gold.jsonl")
}

// LoadRelationDocs reads the gold file and the texts it refers to: VOA runs kept in
// testdata/relations/articles.jsonl, the examples in examples/articles (JSON Lines by id, .txt
// by file name), and GUM documents from gumDir (GUM_news_*.conllu, not kept in the project).
// Documents whose text is not available (GUM without ../shared) are skipped and named in
// skipped; a gold relation whose anchor is not found is an error.
func LoadRelationDocs(goldPath, gumDir string) (docs []RelDoc, skipped []string, err error) {
	f, err := os.Open(goldPath)
	if err != nil {
		return nil, nil, err
	}
	gold, err := ReadRelationGold(f)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	root := score.RepoRoot()
	stored := map[string]extract.Article{}
	group := map[string]string{}
	splits, err := readSplits(filepath.Join(filepath.Dir(goldPath), "articles.jsonl"))
	if err != nil {
		return nil, nil, err
	}
	for _, src := range []struct{ path, group string }{
		{filepath.Join(filepath.Dir(goldPath), "articles.jsonl"), "voa"},
		{filepath.Join(root, "examples", "articles", "voa-gmb.jsonl"), "voa-examples"},
	} {
		as, err := readArticles(src.path)
		if err != nil {
			return nil, nil, err
		}
		for _, a := range as {
			stored[a.ID] = a
			group[a.ID] = src.group
		}
	}
	byDoc := map[string]*RelDoc{}
	var order []string
	for _, g := range gold {
		d := byDoc[g.Doc]
		if d == nil {
			d = &RelDoc{ID: g.Doc}
			byDoc[g.Doc] = d
			order = append(order, g.Doc)
		}
		d.Gold = append(d.Gold, g)
	}
	for _, id := range order {
		d := byDoc[id]
		d.Split = cmp.Or(splits[id], "dev")
		var sents [][2]int
		switch a, ok := stored[id]; {
		case ok:
			d.Article, d.Group = a, group[id]
		case strings.HasPrefix(id, "GUM_"):
			path := filepath.Join(gumDir, id+".conllu")
			text, ss, err := readGUMSentences(path)
			if os.IsNotExist(err) {
				skipped = append(skipped, id)
				continue
			}
			if err != nil {
				return nil, nil, err
			}
			d.Article, d.Group, sents = extract.Article{ID: id, Text: text}, "gum", ss
		default:
			b, err := os.ReadFile(filepath.Join(root, "examples", "testdata", id+".txt"))
			if err != nil {
				return nil, nil, fmt.Errorf("gold: no text for %s: %w", id, err)
			}
			d.Article, d.Group = extract.Article{ID: id, Text: string(b)}, "founding"
		}
		for i := range d.Gold {
			g := &d.Gold[i]
			switch {
			case g.Ev != "":
				k := strings.Index(d.Article.Text, g.Ev)
				if k < 0 {
					return nil, nil, fmt.Errorf("gold line %d: %q not in %s", g.Line, g.Ev, id)
				}
				if strings.Contains(d.Article.Text[k+1:], g.Ev) {
					return nil, nil, fmt.Errorf("gold line %d: %q occurs twice in %s", g.Line, g.Ev, id)
				}
				g.Start, g.End = k, k+len(g.Ev)
			case g.Sent > 0 && g.Sent <= len(sents):
				g.Start, g.End = sents[g.Sent-1][0], sents[g.Sent-1][1]
			default:
				return nil, nil, fmt.Errorf("gold line %d: no ev, or sentence %d out of range in %s", g.Line, g.Sent, id)
			}
		}
		docs = append(docs, *d)
	}
	return docs, skipped, nil
}

// readSplits reads the "split" field of each article line of path, by id.
func readSplits(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var a struct{ ID, Split string }
		if json.Unmarshal(sc.Bytes(), &a) == nil && a.ID != "" {
			out[a.ID] = a.Split
		}
	}
	return out, sc.Err()
}

func readArticles(path string) ([]extract.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []extract.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a extract.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, a)
	}
	return out, sc.Err()
}

// readGUMSentences reads one GUM document: its text as ReadCoNLLU rebuilds it and the byte
// span of each sentence in it (found from the "# text =" comments, in order).
func readGUMSentences(path string) (string, [][2]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	docs, err := mentions.ReadCoNLLU(f, filepath.Base(path))
	f.Close()
	if err != nil {
		return "", nil, err
	}
	if len(docs) != 1 {
		return "", nil, fmt.Errorf("%s: %d documents", path, len(docs))
	}
	text := docs[0].Text
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	var spans [][2]int
	at := 0
	for _, line := range strings.Split(string(b), "\n") {
		s, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "# text = ")
		if !ok {
			continue
		}
		k := strings.Index(text[at:], s)
		if k < 0 {
			return "", nil, fmt.Errorf("%s: sentence %d not found in the rebuilt text", path, len(spans)+1)
		}
		spans = append(spans, [2]int{at + k, at + k + len(s)})
		at += k + len(s)
	}
	return text, spans, nil
}

// ---------------------------------------------------------------------------------------------
// Scoring.

// RelError is a missed gold relation or a spurious prediction, with what stood nearby.
type RelError struct {
	Doc      string
	Pred     string // predicate
	Relation string // "subject -predicate-> object [qualifiers]"
	Why      string // what the other side had: "reversed", "as met", "no entity for X"...
	Conf     float64
	Sentence string
	Implicit bool // missed: the gold relation is marked implicit
}

// Bucket is one confidence range of the calibration table.
type Bucket struct {
	Lo, Hi        float64
	Pred, Correct int
}

// RelationReport is the outcome of Relations.
type RelationReport struct {
	Docs    int
	Skipped []string
	// Counts per predicate, and "all", "core" (all but related, discussed, said) and
	// "core-explicit" (core, gold marked implicit left out of the recall).
	Counts  map[string]*score.Counts
	ByGroup map[string]*score.Counts // core counts per group of articles
	Buckets []Bucket                 // calibration over all predictions
	// High, HighCore: predictions with confidence >= 0.8 and how many are right (all, core).
	High, HighCore score.Counts
	// Qualifier agreement on matched relations: [agree, total].
	Modality, Attribution, Former [2]int
	// Flags: per context flag (FlagNames), how the gold relations that have it and the
	// predictions that have it fared.
	Flags            map[string]*FlagCounts
	Missed, Spurious []RelError
	// FlagWrong: gold relations that were found with a context flag wrong (Why names the flag
	// and what was predicted)
	FlagWrong []RelError
}

// FlagCounts scores one context flag (negation, modality...). Gold: gold relations with the
// flag; GoldRight: of those, matched by a prediction with the flag (the same attribution,
// for attribution). Pred and PredRight: the same from the predictions' side. A gold relation
// that is not found at all counts as a miss of its flag: the flag is right only where the
// relation is.
// GoldFound: the gold relations with the flag that were found (whatever their flag), so
// that GoldRight/GoldFound is how often the flag is right on the relations the extractor has.
type FlagCounts struct{ Gold, GoldFound, GoldRight, Pred, PredRight int }

// FlagNames are the context flags scored, in print order.
var FlagNames = []string{"negation", "modality", "attribution", "former", "date"}

func (rep *RelationReport) flag(name string) *FlagCounts {
	if rep.Flags == nil {
		rep.Flags = map[string]*FlagCounts{}
	}
	f := rep.Flags[name]
	if f == nil {
		f = &FlagCounts{}
		rep.Flags[name] = f
	}
	return f
}

// flagOrder is the order the context flags are counted and their errors listed in (a map's
// order would shuffle the listing from run to run).
var flagOrder = []string{"negation", "modality", "attribution", "former", "date"}

func goldFlags(g RelGold) map[string]bool {
	return map[string]bool{"negation": g.Neg, "modality": g.Mod != "", "attribution": g.Attr != "", "former": g.Former, "date": g.Date != ""}
}

func predFlags(p extract.Relation) map[string]bool {
	return map[string]bool{"negation": p.Negated, "modality": p.Modality != "", "attribution": p.AttributedTo != "" || p.Source != "", "former": p.Former, "date": p.When != ""}
}

// sameWhen: a predicted temporal expression states the gold date: equal, or one holds the
// other as whole words, once lower-cased and without a leading preposition or a trailing
// possessive ("On Sunday" = "Sunday"; "in early November" = "early November"; "Wednesday and
// Thursday" holds "Wednesday").
func sameWhen(gold, pred string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.Join(strings.Fields(s), " "))
		s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
		for _, p := range []string{"on ", "in ", "at ", "during ", "by "} {
			s = strings.TrimPrefix(s, p)
		}
		return s
	}
	g, p := " "+norm(gold)+" ", " "+norm(pred)+" "
	return p != "  " && g != "  " && (strings.Contains(g, p) || strings.Contains(p, g))
}

// RelationKeys are the aggregate keys of RelationReport.Counts.
const (
	RelAll          = "all"
	RelCore         = "core"
	RelCoreExplicit = "core-explicit"
)

// Relations runs x on every document and scores its relations against the gold.
func Relations(docs []RelDoc, x *extract.Extractor) RelationReport {
	return ScoreRelations(docs, func(d RelDoc) extract.Extraction { return x.Extract(d.Article) })
}

// ScoreRelations scores the extractions extractFn returns for the documents.
//
// A prediction matches a gold relation when the predicates are equal, the negation flags are
// equal, and the subject and object entities match the gold names (the other way round too
// for symmetric predicates). An entity matches a gold name when one of the name's "|"
// alternatives equals, case-insensitively and without a leading "the" or a trailing
// possessive, the entity's name, one of its aliases, or the text of one of its mentions of
// kind name, alias, acronym or demonym. For said and discussed, whose object is text, the
// prediction's evidence must overlap the gold's sentence (GUM) or evidence piece instead.
// Each gold relation and each prediction is matched at most once, gold in file order, the
// candidate with the highest confidence first. Predictions are de-duplicated first (same
// subject, predicate, object and polarity; for said and discussed, same evidence).
func ScoreRelations(docs []RelDoc, extractFn func(RelDoc) extract.Extraction) RelationReport {
	rep := RelationReport{Counts: map[string]*score.Counts{}, ByGroup: map[string]*score.Counts{}}
	for _, lo := range []float64{0, 0.5, 0.6, 0.7, 0.8, 0.9} {
		hi := lo + 0.1
		if lo == 0 {
			hi = 0.5
		}
		if lo == 0.9 {
			hi = 1.0001
		}
		rep.Buckets = append(rep.Buckets, Bucket{Lo: lo, Hi: hi})
	}
	count := func(key string) *score.Counts {
		c := rep.Counts[key]
		if c == nil {
			c = &score.Counts{}
			rep.Counts[key] = c
		}
		return c
	}
	for _, k := range []string{RelAll, RelCore, RelCoreExplicit} {
		count(k)
	}
	for _, d := range docs {
		rep.Docs++
		ex := extractFn(d)
		sc := newDocScorer(d, ex)
		preds := sc.preds
		matched := make([]int, len(d.Gold)) // index into preds, or -1
		used := make([]bool, len(preds))
		for i, g := range d.Gold {
			matched[i] = -1
			best := -1
			for j, p := range preds {
				if used[j] || !sc.matches(g, p, true) {
					continue
				}
				if best < 0 || p.Confidence > preds[best].Confidence {
					best = j
				}
			}
			if best >= 0 {
				matched[i] = best
				used[best] = true
			}
		}
		grp := rep.ByGroup[d.Group]
		if grp == nil {
			grp = &score.Counts{}
			rep.ByGroup[d.Group] = grp
		}
		for i, g := range d.Gold {
			core := score.CorePredicate(g.P)
			keys := []string{g.P, RelAll}
			if core {
				keys = append(keys, RelCore)
				if !g.Implicit {
					keys = append(keys, RelCoreExplicit)
				}
			}
			gf := goldFlags(g)
			for _, name := range flagOrder {
				if !gf[name] {
					continue
				}
				f := rep.flag(name)
				f.Gold++
				if matched[i] >= 0 {
					f.GoldFound++
					if p := preds[matched[i]]; !sc.flagRight(name, g, p) {
						rep.FlagWrong = append(rep.FlagWrong, RelError{Doc: d.ID, Pred: g.P, Relation: g.String(),
							Why: name + ": predicted " + flagValue(sc, name, p), Sentence: sc.sentence(g.Start, g.End)})
					}
				}
				if matched[i] >= 0 && sc.flagRight(name, g, preds[matched[i]]) {
					f.GoldRight++
				}
			}
			if matched[i] >= 0 {
				for _, k := range keys {
					count(k).TP++
				}
				if core {
					grp.TP++
				}
				sc.qualifiers(&rep, g, preds[matched[i]])
				continue
			}
			for _, k := range keys {
				count(k).FN++
			}
			if core {
				grp.FN++
			}
			rep.Missed = append(rep.Missed, RelError{Doc: d.ID, Pred: g.P, Relation: g.String(),
				Why: sc.whyMissed(g), Sentence: sc.sentence(g.Start, g.End), Implicit: g.Implicit})
		}
		goldOf := make([]int, len(preds))
		for j := range goldOf {
			goldOf[j] = -1
		}
		for i, j := range matched {
			if j >= 0 {
				goldOf[j] = i
			}
		}
		for j, p := range preds {
			pf := predFlags(p)
			for _, name := range flagOrder {
				if !pf[name] {
					continue
				}
				f := rep.flag(name)
				f.Pred++
				if i := goldOf[j]; i >= 0 && goldFlags(d.Gold[i])[name] && sc.flagRight(name, d.Gold[i], p) {
					f.PredRight++
				}
			}
		}
		for j, p := range preds {
			core := score.CorePredicate(p.Predicate)
			for k := range rep.Buckets {
				b := &rep.Buckets[k]
				if p.Confidence >= b.Lo && p.Confidence < b.Hi {
					b.Pred++
					if used[j] {
						b.Correct++
					}
				}
			}
			if p.Confidence >= 0.8 {
				if used[j] {
					rep.High.TP++
				} else {
					rep.High.FP++
				}
				if core {
					if used[j] {
						rep.HighCore.TP++
					} else {
						rep.HighCore.FP++
					}
				}
			}
			if used[j] {
				continue
			}
			keys := []string{p.Predicate, RelAll}
			if core {
				keys = append(keys, RelCore, RelCoreExplicit)
				grp.FP++
			}
			for _, k := range keys {
				count(k).FP++
			}
			rep.Spurious = append(rep.Spurious, RelError{Doc: d.ID, Pred: p.Predicate, Relation: score.RelString(ex, p),
				Why: sc.whySpurious(p), Conf: p.Confidence, Sentence: sc.sentence(p.Evidence.Start, p.Evidence.End)})
		}
	}
	return rep
}

// docScorer holds one document's extraction, indexed for matching.
type docScorer struct {
	doc   RelDoc
	ex    extract.Extraction
	preds []extract.Relation
	names map[string]map[string]bool // entity id -> its normalised names
}

func newDocScorer(d RelDoc, ex extract.Extraction) *docScorer {
	sc := &docScorer{doc: d, ex: ex, names: map[string]map[string]bool{}}
	for _, e := range ex.Entities {
		ns := map[string]bool{score.NormName(e.Name): true}
		for _, a := range e.Aliases {
			ns[score.NormName(a)] = true
		}
		for _, m := range e.Mentions {
			if m.Kind != extract.KindDescription {
				ns[score.NormName(m.Text)] = true
			}
		}
		sc.names[e.ID] = ns
	}
	type key struct {
		s, p, o string
		neg     bool
		at      int
	}
	best := map[key]int{}
	for _, r := range ex.Relations {
		k := key{r.Subject, r.Predicate, r.Object, r.Negated, -1}
		if r.Object == "" {
			k.at = r.Evidence.Start
		} else if score.SymmetricPredicates[r.Predicate] && r.Object < r.Subject {
			k.s, k.o = r.Object, r.Subject
		}
		if i, ok := best[k]; ok {
			if r.Confidence > sc.preds[i].Confidence {
				sc.preds[i] = r
			}
			continue
		}
		best[k] = len(sc.preds)
		sc.preds = append(sc.preds, r)
	}
	return sc
}

// is reports whether entity id goes by one of the "|"-separated names.
func (sc *docScorer) is(id, names string) bool {
	ns := sc.names[id]
	if ns == nil {
		return false
	}
	for _, n := range strings.Split(names, "|") {
		if ns[score.NormName(n)] {
			return true
		}
	}
	return false
}

// isShort reports whether entity id goes by the last word of one of the names only ("Chavez"
// for "Hugo Chavez"): the extractor did not tie the short name to the full one.
func (sc *docScorer) isShort(id, names string) bool {
	ns := sc.names[id]
	if ns == nil || sc.is(id, names) {
		return false
	}
	for _, n := range strings.Split(names, "|") {
		if w := strings.Fields(score.NormName(n)); len(w) > 1 && ns[w[len(w)-1]] {
			return true
		}
	}
	return false
}

// known reports whether some entity of the extraction goes by one of the names.
func (sc *docScorer) known(names string) bool {
	for id := range sc.names {
		if sc.is(id, names) {
			return true
		}
	}
	return false
}

// matches: p states g (samePred: the predicates must be equal; otherwise only the arguments
// are compared).
func (sc *docScorer) matches(g RelGold, p extract.Relation, samePred bool) bool {
	if samePred && (p.Predicate != g.P || p.Negated != g.Neg) {
		return false
	}
	if g.Literal() || p.Object == "" {
		return g.Literal() && p.Object == "" && sc.is(p.Subject, g.S) &&
			p.Evidence.Start < g.End && g.Start < p.Evidence.End
	}
	if sc.is(p.Subject, g.S) && sc.is(p.Object, g.O) {
		return true
	}
	return (score.SymmetricPredicates[g.P] || !samePred) && sc.is(p.Subject, g.O) && sc.is(p.Object, g.S)
}

func (sc *docScorer) whyMissed(g RelGold) string {
	var miss []string
	if !sc.known(g.S) {
		miss = append(miss, g.S)
	}
	if !g.Literal() && !sc.known(g.O) {
		miss = append(miss, g.O)
	}
	if len(miss) > 0 {
		var short []string
		for _, n := range miss {
			for _, e := range sc.ex.Entities {
				if sc.isShort(e.ID, n) {
					short = append(short, e.Name)
					break
				}
			}
		}
		why := "no entity for " + strings.Join(miss, ", ")
		if len(short) > 0 {
			why += " (only a shorter one: " + strings.Join(short, ", ") + ")"
		}
		return why
	}
	for _, p := range sc.preds {
		if !sc.matches(g, p, false) {
			continue
		}
		switch {
		case p.Predicate == g.P && p.Negated != g.Neg:
			return "negation differs"
		case p.Predicate == g.P:
			return "reversed"
		case !g.Literal() && p.Object != "":
			return "as " + p.Predicate
		}
	}
	return ""
}

func (sc *docScorer) whySpurious(p extract.Relation) string {
	for _, g := range sc.doc.Gold {
		if !sc.matches(g, p, false) {
			continue
		}
		switch {
		case p.Predicate == g.P && p.Negated != g.Neg:
			return "negation differs from gold"
		case p.Predicate == g.P && !g.Literal():
			return "reversed: gold " + g.String()
		case p.Predicate == g.P:
			return "matched elsewhere"
		case !g.Literal() && p.Object != "":
			return "gold: " + g.String()
		}
	}
	for _, g := range sc.doc.Gold {
		if g.P != p.Predicate || g.Literal() != (p.Object == "") {
			continue
		}
		s := sc.is(p.Subject, g.S) || sc.isShort(p.Subject, g.S)
		o := g.Literal() || sc.is(p.Object, g.O) || sc.isShort(p.Object, g.O)
		if s && o {
			return "an entity under a short name only (not merged with the full name): gold " + g.String()
		}
	}
	var unknown []string
	for _, id := range []string{p.Subject, p.Object} {
		if id == "" {
			continue
		}
		inGold := false
		for _, g := range sc.doc.Gold {
			inGold = inGold || sc.is(id, g.S) || g.O != "" && sc.is(id, g.O)
		}
		if !inGold {
			unknown = append(unknown, sc.name(id))
		}
	}
	if len(unknown) > 0 {
		return "not in any gold relation: " + strings.Join(unknown, ", ")
	}
	return ""
}

func (sc *docScorer) name(id string) string {
	for _, e := range sc.ex.Entities {
		if e.ID == id {
			return e.Name
		}
	}
	return id
}

// flagRight tells whether a matched prediction has the gold's flag: the same value, and for
// attribution the same source.
func (sc *docScorer) flagRight(name string, g RelGold, p extract.Relation) bool {
	if goldFlags(g)[name] != predFlags(p)[name] {
		return false
	}
	if name == "attribution" && g.Attr != "" {
		return sc.is(p.AttributedTo, g.Attr) || p.AttributedTo == "" && sameSource(g.Attr, p.Source)
	}
	if name == "date" && g.Date != "" {
		return sameWhen(g.Date, p.When)
	}
	return true
}

func (sc *docScorer) qualifiers(rep *RelationReport, g RelGold, p extract.Relation) {
	agree := func(q *[2]int, ok bool) {
		q[1]++
		if ok {
			q[0]++
		}
	}
	agree(&rep.Modality, (g.Mod != "") == (p.Modality != ""))
	agree(&rep.Former, g.Former == p.Former)
	if g.Attr == "" {
		agree(&rep.Attribution, p.AttributedTo == "")
	} else {
		agree(&rep.Attribution, p.AttributedTo != "" && sc.is(p.AttributedTo, g.Attr))
	}
}

// sentence returns the text of the sentence(s) around [start, end), for error listings.
func (sc *docScorer) sentence(start, end int) string {
	text := sc.doc.Article.Text
	if start < 0 || end > len(text) || start >= end {
		return ""
	}
	for start > 0 && !sentenceBreak(text, start) {
		start--
	}
	for end < len(text) && !sentenceBreak(text, end) {
		end++
	}
	return strings.Join(strings.Fields(text[start:end]), " ")
}

// sentenceBreak: a sentence starts at i (after ". ", a line break, or at a GUM paragraph).
func sentenceBreak(text string, i int) bool {
	if i >= len(text) || i == 0 {
		return true
	}
	if text[i-1] == '\n' {
		return true
	}
	if i >= 2 && text[i-1] == ' ' && strings.ContainsRune(".?!\"”", rune(text[i-2])) && i < len(text) &&
		(text[i] >= 'A' && text[i] <= 'Z' || text[i] == '"' || strings.HasPrefix(text[i:], "“")) {
		// "U.S. President": a capital after an abbreviation is no break.
		j := i - 2
		for j > 0 && text[j-1] != ' ' {
			j--
		}
		w := text[j : i-1]
		return !(strings.Count(w, ".") > 1 || w == "Mr." || w == "Mrs." || w == "Dr." || w == "St." || w == "Gen." || w == "Lt.")
	}
	return false
}

// ---------------------------------------------------------------------------------------------
// Printing.

// Print writes the table: per predicate, the aggregates, per group, calibration, qualifiers.
func (r RelationReport) Print(w io.Writer) {
	gold, pred := r.Counts[RelAll].Gold(), r.Counts[RelAll].Pred()
	fmt.Fprintf(w, "Relations: %d articles", r.Docs)
	if len(r.Skipped) > 0 {
		fmt.Fprintf(w, " (%d skipped: %s)", len(r.Skipped), strings.Join(r.Skipped, ", "))
	}
	fmt.Fprintf(w, ", %d gold, %d predicted\n\n", gold, pred)
	fmt.Fprintf(w, "%-18s %5s %5s %5s %6s %6s %6s\n", "predicate", "gold", "pred", "TP", "P", "R", "F1")
	var preds []string
	for p := range r.Counts {
		if p != RelAll && p != RelCore && p != RelCoreExplicit {
			preds = append(preds, p)
		}
	}
	sort.Slice(preds, func(i, j int) bool {
		a, b := r.Counts[preds[i]], r.Counts[preds[j]]
		if a.Gold() != b.Gold() {
			return a.Gold() > b.Gold()
		}
		return preds[i] < preds[j]
	})
	row := func(name string, c *score.Counts) {
		fmt.Fprintf(w, "%-18s %5d %5d %5d %6s %6s %6s\n", name, c.Gold(), c.Pred(), c.TP,
			pct1(c.TP, c.Pred()), pct1(c.TP, c.Gold()), f1pct(c))
	}
	for _, p := range preds {
		row(p, r.Counts[p])
	}
	fmt.Fprintln(w)
	row("all", r.Counts[RelAll])
	row("core", r.Counts[RelCore])
	row("core, explicit", r.Counts[RelCoreExplicit])
	fmt.Fprintf(w, "\ncore predicates: all but related, discussed, said; \"explicit\": gold relations whose ends are\nnamed in their sentence (implicit ones, via pronouns or earlier sentences, left out of the recall).\n")
	fmt.Fprintf(w, "\ncore by source:\n")
	var groups []string
	for g := range r.ByGroup {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		row("  "+g, r.ByGroup[g])
	}
	fmt.Fprintf(w, "\ncalibration (all predictions):\n%-18s %5s %7s %9s\n", "confidence", "pred", "correct", "precision")
	for _, b := range r.Buckets {
		hi := b.Hi
		if hi > 1 {
			hi = 1
		}
		fmt.Fprintf(w, "  [%.1f, %.1f%s %5d %7d %9s\n", b.Lo, hi, map[bool]string{true: "]", false: ")"}[b.Hi > 1], b.Pred, b.Correct, pct1(b.Correct, b.Pred))
	}
	fmt.Fprintf(w, "precision at confidence >= 0.8: all %s (%d/%d), core %s (%d/%d); target 80%%\n",
		pct1(r.High.TP, r.High.Pred()), r.High.TP, r.High.Pred(), pct1(r.HighCore.TP, r.HighCore.Pred()), r.HighCore.TP, r.HighCore.Pred())
	fmt.Fprintf(w, "\nqualifiers on matched relations (agree/total): modality %d/%d, attribution %d/%d, former %d/%d\n",
		r.Modality[0], r.Modality[1], r.Attribution[0], r.Attribution[1], r.Former[0], r.Former[1])
	fmt.Fprintf(w, "\ncontext flags (gold with the flag found with it; predictions with the flag right; \"on found\": of the gold\nrelations with the flag that were found, how many carry it right):\n%-12s %5s %6s %5s %6s %6s %14s\n",
		"flag", "gold", "R", "pred", "P", "F1", "on found")
	for _, name := range FlagNames {
		f := r.Flags[name]
		if f == nil {
			f = &FlagCounts{}
		}
		c := score.Counts{TP: f.GoldRight, FN: f.Gold - f.GoldRight, FP: f.Pred - f.PredRight}
		fmt.Fprintf(w, "%-12s %5d %6s %5d %6s %6s %6s (%d/%d)\n", name, f.Gold, pct1(f.GoldRight, f.Gold), f.Pred, pct1(f.PredRight, f.Pred), f1pct(&c), pct1(f.GoldRight, f.GoldFound), f.GoldRight, f.GoldFound)
	}
	fmt.Fprintf(w, "(date: the relation's own temporal expression, Relation.When, compared with the gold's verbatim date)\n")
}

// PrintErrors writes the missed and spurious relations (at most n of each, 0 for all), core
// predicates first, with why and the sentence.
func (r RelationReport) PrintErrors(w io.Writer, n int) {
	list := func(title string, es []RelError) {
		es = append([]RelError(nil), es...)
		sort.SliceStable(es, func(i, j int) bool {
			return score.CorePredicate(es[i].Pred) && !score.CorePredicate(es[j].Pred)
		})
		fmt.Fprintf(w, "\n%s (%d):\n", title, len(es))
		for i, e := range es {
			if n > 0 && i >= n {
				fmt.Fprintf(w, "  ... %d more\n", len(es)-n)
				break
			}
			conf := ""
			if e.Conf > 0 {
				conf = fmt.Sprintf(" (%.2f)", e.Conf)
			}
			why := ""
			if e.Why != "" {
				why = "  — " + e.Why
			}
			fmt.Fprintf(w, "  %s: %s%s%s\n      %s\n", e.Doc, e.Relation, conf, why, score.Clip(e.Sentence, 300))
		}
	}
	list("Missed", r.Missed)
	list("Spurious", r.Spurious)
	list("Found with a context flag wrong", r.FlagWrong)
}

// sameSource: an unnamed source as annotated ("officials", "state media") and as extracted
// agree when they are equal or share their head word ("Afghan officials" / "officials").
func sameSource(gold, pred string) bool {
	g, p := strings.Fields(strings.ToLower(gold)), strings.Fields(strings.ToLower(pred))
	return len(g) > 0 && len(p) > 0 && g[len(g)-1] == p[len(p)-1]
}

// flagValue is what a prediction says for a context flag, for the error list.
func flagValue(sc *docScorer, name string, p extract.Relation) string {
	v := ""
	switch name {
	case "negation":
		v = fmt.Sprint(p.Negated)
	case "modality":
		v = p.Modality
	case "attribution":
		v = sc.name(p.AttributedTo)
		if p.AttributedTo == "" {
			v = p.Source
		}
	case "former":
		v = fmt.Sprint(p.Former)
	case "date":
		v = p.When
	}
	if v == "" {
		v = "nothing"
	}
	return strconv.Quote(v)
}

func pct1(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", 100*float64(a)/float64(b))
}

func f1pct(c *score.Counts) string {
	if c.Gold() == 0 || c.Pred() == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", 100*c.F1())
}
