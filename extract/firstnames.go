package extract

import (
	_ "embed"
	"strings"
)

//go:embed data/firstnames.txt
var firstNamesData string

//go:embed data/givennames.txt
var givenNamesData string

// firstNames are given names learnt from the GMB corpus: a run of two or three capitalised
// words that begins with one names a person, whatever the statistical tagger thought.
var firstNames = nameSet(firstNamesData)

// givenNames are popular given names (extract/internal/givennames): they begin a person's name
// of two or three words, but alone ("Grace", "Victor") they may be something else.
var givenNames = nameSet(givenNamesData)

func nameSet(data string) map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(data, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}

// personByName reports whether tokens [first, last) look like a person's full name: two to
// three name words, the first a known given name.
func personByName(toks []Token, first, last int) bool {
	n := last - first
	if n == 2 && koreanName(toks[first].Text, toks[first+1].Text) {
		return true
	}
	if n >= 3 && n <= 4 && (toks[first].Text == "Abu" || toks[first].Text == "Umm") && arabicSurname(toks[last-1].Text) {
		// a kunya ("Abu Musab al-Zarqawi", "Abu Hamza al-Masri"): a person, whatever the
		// given name
		for i := first + 1; i < last; i++ {
			if !isNameWord(toks[i].Text) || isHead(toks[i].Text) {
				return false
			}
		}
		return true
	}
	if n < 2 || n > 3 || !firstNames[toks[first].Text] && !givenNames[toks[first].Text] {
		return false
	}
	for i := first; i < last; i++ {
		if !isNameWord(toks[i].Text) || isHead(toks[i].Text) {
			return false
		}
	}
	// "the Christian Science Monitor newspaper": the noun after it says what it names
	return last >= len(toks) || !orgNouns[toks[last].Text] && !privateCueNouns[toks[last].Text]
}

// koreanName: a short family name and a hyphenated given name of two syllables, as Korean names
// are written in English: "Kim Jong-un", "Ban Ki-moon", "Park Joo-Ho".
func koreanName(family, given string) bool {
	if len(family) < 2 || len(family) > 4 || !isCapitalized(family) || strings.ToUpper(family) == family {
		return false
	}
	a, b, ok := strings.Cut(given, "-")
	if !ok || len(a) < 2 || len(a) > 5 || len(b) < 2 || len(b) > 5 || !isCapitalized(a) {
		return false
	}
	for _, r := range a[1:] + strings.ToLower(b[:1]) + b[1:] {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// arabicSurname: a family name with its article, "al-Zarqawi", "el-Baradei".
func arabicSurname(w string) bool {
	for _, p := range []string{"al-", "el-", "Al-", "El-"} {
		if rest, ok := strings.CutPrefix(w, p); ok && isCapitalized(rest) {
			return true
		}
	}
	return false
}
