package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
	"github.com/newsgraph/newsgraph/extract/tagger"
	"github.com/newsgraph/newsgraph/internal/gmb"
)

// defaultUNERDir is ../shared/data/uner-ewt beside the GMB corpus's folder.
func defaultUNERDir() string {
	return filepath.Join(filepath.Dir(filepath.Dir(gmb.DefaultPath())), "uner-ewt")
}

// unerSentence is one sentence of a Universal NER IOB2 file: tokens and tags
// (B-PER, I-LOC, B-OTH, O, ...).
type unerSentence struct {
	ID          string
	Words, Tags []string
}

// readUNER reads a Universal NER .iob2 file: "# sent_id = ..." comments, then
// one token a line (index, token, tag, -, annotator, tab-separated), a blank
// line after each sentence.
func readUNER(path string) ([]unerSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []unerSentence
	var cur unerSentence
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = unerSentence{}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	ln := 0
	for sc.Scan() {
		ln++
		line := sc.Text()
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "#"):
			if id, ok := strings.CutPrefix(line, "# sent_id = "); ok {
				cur.ID = id
			}
		default:
			cols := strings.Split(line, "\t")
			if len(cols) < 3 {
				return nil, fmt.Errorf("%s:%d: %d columns", path, ln, len(cols))
			}
			tag := cols[2]
			if tag == "B-O" || tag == "I-O" { // a few stray tags in the release
				tag = "O"
			}
			cur.Words = append(cur.Words, cols[1])
			cur.Tags = append(cur.Tags, tag)
		}
	}
	flush()
	return out, sc.Err()
}

// unerOptions say how UNER's tags become the tagger's.
type unerOptions struct {
	Loc       string // LOC becomes: geo, gpe, or gaz (gpe when the gazetteer names a country, else geo)
	SkipOther bool   // OTH mentions are tagger.Unknown (not learnt from) rather than tagger.Unannotated
	Filter    string // none; cased: drop sentences with a lower-case entity token or without any capitalised word; cased-ents: and those without a PER, ORG or LOC mention
}

var unerFill = []string{"tim", "gpe", "eve", "art", "nat"}

// unerExamples turns UNER sentences into NER-only training examples: PER, ORG
// and LOC become per, org and geo/gpe; every other token (O, and OTH mentions)
// is tagger.Unannotated, since UNER does not annotate times, nationalities,
// events, artefacts or natural phenomena, which GMB's types include.
func unerExamples(sents []unerSentence, opt unerOptions) ([]tagger.Example, int) {
	gaz := gazetteer.Default()
	var exs []tagger.Example
	dropped := 0
	for _, s := range sents {
		if (opt.Filter == "cased" || opt.Filter == "cased-ents") && !cased(s) ||
			opt.Filter == "cased-ents" && !slices.ContainsFunc(s.Tags, func(t string) bool { return t != "O" && !strings.HasSuffix(t, "-OTH") }) {
			dropped++
			continue
		}
		ent := make([]string, len(s.Words))
		for _, sp := range tagger.Spans(s.Tags) {
			var typ string
			switch sp.Type {
			case "PER":
				typ = "per"
			case "ORG":
				typ = "org"
			case "LOC":
				typ = "geo"
				switch opt.Loc {
				case "gpe":
					typ = "gpe"
				case "gaz":
					if isCountry(gaz, strings.Join(s.Words[sp.Start:sp.End], " ")) {
						typ = "gpe"
					}
				}
			default:
				if opt.SkipOther {
					for i := sp.Start; i < sp.End; i++ {
						ent[i] = tagger.Unknown
					}
				}
				continue
			}
			for i := sp.Start; i < sp.End; i++ {
				ent[i] = "I-" + typ
			}
			ent[sp.Start] = "B-" + typ
		}
		for i := range ent {
			if ent[i] == "" {
				ent[i] = tagger.Unannotated
			}
		}
		exs = append(exs, tagger.Example{Words: s.Words, Ent: ent, NEROnly: true})
	}
	return exs, dropped
}

func isCountry(g *gazetteer.Gazetteer, name string) bool {
	for _, e := range g.Lookup(name) {
		if e.Type == gazetteer.Country && !slices.Contains(e.Demonyms, name) {
			return true
		}
	}
	return false
}

// cased: every entity token starts with a capital or a digit, and the
// sentence has a capitalised word after its first.
func cased(s unerSentence) bool {
	capAfterFirst := false
	for i, w := range s.Words {
		r := []rune(w)
		if len(r) == 0 {
			continue
		}
		up := unicode.IsUpper(r[0])
		if s.Tags[i] != "O" && !up && !unicode.IsDigit(r[0]) {
			return false
		}
		if i > 0 && up {
			capAfterFirst = true
		}
	}
	return capAfterFirst
}

// evalUNER tags UNER sentences and scores exact spans per UNER type: per →
// PER, org → ORG, geo → LOC, and gpe → LOC too when gpeAsLoc (UNER's OTH
// mentions and the tagger's other types are left out of both sides).
func evalUNER(m *tagger.Model, sents []unerSentence, gpeAsLoc bool) *tagger.Evaluation {
	var exs []tagger.Example
	var preds [][]string
	for _, s := range sents {
		_, ent := m.Tag(s.Words)
		exs = append(exs, tagger.Example{Words: s.Words, Ent: s.Tags})
		preds = append(preds, ent)
	}
	keep := map[string]string{"per": "PER", "org": "ORG", "geo": "LOC"}
	if gpeAsLoc {
		keep["gpe"] = "LOC"
	}
	return tagger.EvaluateSpans(exs, preds, func(gold bool, typ string) string {
		if gold {
			if typ == "OTH" {
				return ""
			}
			return typ
		}
		return keep[typ]
	})
}
