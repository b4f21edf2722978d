package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema/vocab"
)

// The extractor's view of the one vocabulary table (schema/vocab): which verb lemma states which
// predicate, with the object as direct object ("meet") or as an oblique with a preposition
// ("meet with"), which predicates are symmetric or events, and the argument types.
var (
	verbPred   = map[string]string{}    // lemma -> predicate, object as direct object
	verbPrep   = map[string]string{}    // "lemma prep" -> predicate, object as oblique
	verbPreps  = map[string][]string{}  // lemma -> the prepositions that take its object
	symmetric  = map[string]bool{}      // holds both ways; written once, subject first in the text
	eventLike  = map[string]bool{}      // takes the dateline's date when its clause gives none
	argTypes   = map[string][2]string{} // predicate -> subject and object types
	tableVerbs = map[string]bool{}      // every lemma the table lists
	passiveOf  = map[string]bool{}      // predicates stated in the passive ("was born in")
	nounPred   = map[string]string{}    // nominalisation -> predicate ("talks" -> heldTalksWith)
	structural = map[string]bool{}      // a state of affairs (positions, places), no event
)

func init() {
	for _, p := range vocab.Predicates {
		symmetric[p.Name] = p.Symmetric
		eventLike[p.Name] = p.Event
		argTypes[p.Name] = [2]string{p.Subject, p.Object}
		passiveOf[p.Name] = p.Passive
		structural[p.Name] = p.Structural
		if !p.Structural {
			for _, n := range p.Nouns {
				nounPred[n] = p.Name
			}
			for _, n := range p.Nouns {
				// the plural too ("his visits to Iraq", "wins over"), unless it names
				// something else in the table
				if pl := plural(n); !strings.HasSuffix(n, "s") && nounPred[pl] == "" {
					nounPred[pl] = p.Name
				}
			}
		}
		for _, a := range p.Agents {
			noun, prep, _ := strings.Cut(a, " ")
			for _, form := range []string{noun, plural(noun)} {
				doerNouns[form] = append(doerNouns[form], doerNoun{p.Name, prep})
			}
		}
		for _, v := range p.Verbs {
			lemma, prep, ok := strings.Cut(v, " ")
			tableVerbs[lemma] = true
			if !ok {
				verbPred[lemma] = p.Name
				continue
			}
			if lemma == "take" || lemma == "step" { // phrasal: "take over", "step down from"
				verbPrep[v] = p.Name
				continue
			}
			verbPrep[v] = p.Name
			verbPreps[lemma] = append(verbPreps[lemma], prep)
		}
	}
}

// doerNoun is a noun that names its holder by a predicate, with the preposition of the object
// (vocab.Predicate.Agents: "critic of"); doerNouns has them by noun, in the singular and the
// plural. (relate.go's agentNouns are another thing: the bodies a nationality acts through.)
type doerNoun struct{ pred, prep string }

var doerNouns = map[string][]doerNoun{}

// plural is a noun's regular plural ("ally" -> "allies").
func plural(noun string) string {
	if strings.HasSuffix(noun, "y") {
		return strings.TrimSuffix(noun, "y") + "ies" // "ally" -> "allies"
	}
	return noun + "s"
}

// fitsType: the entity of mention f can be an argument of type typ ("" or "actor": a person,
// organisation, country or capital; "any": any entity but a date; else an entity type).
func fitsType(typ string, f *Found) bool {
	switch typ {
	case "", "actor":
		return isActor(f)
	case "any":
		return f.Type != Date
	case Organization:
		return f.Type == Organization
	case Person:
		// a name the gazetteer does not know, typed a place, that is hanged, killed or
		// arrested is a person's ("Zimbabwe hanged Ncube")
		return f.Type == Person || f.Type == Place && f.Gaz == nil && f.Kind == KindName
	default:
		return f.Type == typ
	}
}

// lemmaCandidates are the lemmas a verb form may have: the parser's lemma first, then what
// stripping an inflection gives ("hanged" -> "hang", which the lemmatizer reads "hange").
func lemmaCandidates(word, lemma string, out []string) []string {
	w := strings.ToLower(word)
	out = append(out[:0], strings.ToLower(lemma), w)
	for _, suf := range []string{"ing", "ed", "es", "s", "d"} {
		if s, ok := strings.CutSuffix(w, suf); ok && len(s) > 2 {
			out = append(out, s)
			if suf == "ing" || suf == "ed" {
				out = append(out, s+"e")
				if n := len(s); n > 3 && s[n-1] == s[n-2] {
					out = append(out, s[:n-1]) // "kidnapped" -> "kidnap"
				}
			}
		}
	}
	for _, suf := range []string{"ied", "ies"} {
		if s, ok := strings.CutSuffix(w, suf); ok {
			out = append(out, s+"y") // "denied", "denies" -> "deny"
		}
	}
	return out
}

// irregular verb forms the lemmatizer may miss.
var irregular = map[string]string{"won": "win", "beat": "beat", "drew": "draw", "fought": "fight",
	"met": "meet", "struck": "strike", "told": "tell", "said": "say", "bought": "buy", "slain": "slay",
	"slew": "slay", "led": "lead", "freed": "free", "overcame": "overcome", "hung": "hang",
	"born": "bear", "drawn": "draw", "sued": "sue", "tied": "tie", "ran": "run"}

// tableLemma is the lemma of token i as the vocabulary table lists it, or the parser's lemma.
func (d *Document) tableLemma(i int) string {
	t := &d.Tokens[i]
	if l, ok := irregular[strings.ToLower(t.Text)]; ok {
		return l
	}
	var buf [12]string
	for _, c := range lemmaCandidates(t.Text, t.Lemma, buf[:0]) {
		if tableVerbs[c] {
			return c
		}
	}
	return strings.ToLower(t.Lemma)
}

// schemaPredicates is the vocabulary table (for the tests).
func schemaPredicates() []vocab.Predicate { return vocab.Predicates }
