package gmb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleWords are the words of titles and roles that the corpus often (about
// half the time) puts at the start of person mentions: "President", "Foreign
// Minister", "Secretary of State", "Mr.", "Gen.", "Grand Ayatollah". Compared
// in lower case.
var titleWords = setOfLower(`
	mr. mrs. ms. miss dr. mr mrs ms dr madam mme. sir dame lord lady
	president vice prime minister deputy secretary secretary-general under-secretary undersecretary
	assistant general gen. senator sen. representative rep. congressman congresswoman
	governor gov. mayor judge justice chief ambassador envoy premier chancellor speaker
	chairman chairwoman director commissioner attorney attorney-general surgeon inspector
	prosecutor leader supreme opposition president-elect prime-minister
	foreign defense defence interior finance trade energy health security information
	education agriculture culture economy commerce labor labour home oil transport
	environment intelligence treasury state homeland immigration industry planning
	development communications public affairs works water fisheries tourism sports
	youth social welfare religious internal external economic cabinet national
	lt. lieutenant colonel col. major maj. brigadier brig. admiral adm. captain capt.
	sergeant sgt. commander cmdr. corporal cpl. marshal field lt.-gen. maj.-gen. brig.-gen.
	pope cardinal archbishop bishop reverend rev. father sheikh sheik ayatollah grand
	imam mullah rabbi prophet king queen prince princess emperor empress crown sultan emir
	duke duchess baroness baron
	adviser advisor spokesman spokeswoman negotiator coordinator minister-designate
	former interim acting late then outgoing incoming retired
`)

// titleLinks may join title words: "Secretary of State", "Minister for Trade".
var titleLinks = setOfLower("of for and")

func setOfLower(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// StripTitles returns a copy of s in which the titles at the start of person
// mentions are tagged O, leaving the name alone as the mention:
// "Foreign/B-per Minister/I-per Jeyhun/I-per Bayramov/I-per" becomes
// "Foreign/O Minister/O Jeyhun/B-per Bayramov/I-per". The corpus does this
// about half the time and leaves the title out the other half; newsgraph wants
// the name. A mention made only of title words ("Pope") is left as it is, and
// so is one whose remainder does not start with a capital letter.
func StripTitles(s Sentence) Sentence {
	toks := append([]Token(nil), s.Tokens...)
	for i := 0; i < len(toks); i++ {
		if toks[i].Tag != "B-per" {
			continue
		}
		end := i + 1
		for end < len(toks) && toks[end].Tag == "I-per" {
			end++
		}
		// the longest leading run of title words (links inside only)
		k := i
		for j := i; j < end; j++ {
			w := strings.ToLower(toks[j].Word)
			if titleWords[w] {
				k = j + 1
				continue
			}
			if titleLinks[w] && j > i {
				continue
			}
			break
		}
		if k > i && k < end && startsUpper(toks[k].Word) {
			for j := i; j < k; j++ {
				toks[j].Tag = "O"
			}
			toks[k].Tag = "B-per"
		}
		i = end - 1
	}
	return Sentence{Tokens: toks}
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
