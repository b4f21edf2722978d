package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segmenter splits the text into tokens (Penn-Treebank style, with byte offsets) and
// sentences. It survives news: datelines, abbreviations ("U.S.", "Jan.", "Gen."), initials,
// quotes and headlines without a full stop.
type Segmenter struct{}

// Process fills d.Tokens and d.Sentences.
func (Segmenter) Process(d *Document) {
	d.Tokens = Tokenize(d.Text)
	d.Sentences = splitSentences(d.Text, d.Tokens)
	for i, s := range d.Sentences {
		for t := s.First; t < s.Last; t++ {
			d.Tokens[t].Sent = i
		}
	}
}

// abbreviations keep their full stop: the period is part of the token.
var abbreviations = setOf(
	"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Sgt.", "Capt.", "Cpl.", "Maj.",
	"Adm.", "Cmdr.", "Gov.", "Sen.", "Rep.", "Rev.", "Pres.", "St.", "Jr.", "Sr.", "Inc.", "Ltd.",
	"Co.", "Corp.", "Bros.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.",
	"Sept.", "Oct.", "Nov.", "Dec.", "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thurs.", "Fri.",
	"Sat.", "Sun.", "No.", "Nos.", "vs.", "etc.", "approx.", "est.", "Mt.", "Ft.", "Ave.", "Blvd.",
	"Dept.", "Univ.", "Assn.", "Gens.", "Sens.", "Reps.", "Amb.", "Supt.", "Insp.", "Det.",
	"Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.",
	"Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.",
	"Nev.", "Okla.", "Ore.", "Pa.", "Tenn.", "Tex.", "Va.", "Vt.", "Wash.", "Wis.", "Wyo.",
)

// sentenceStarters are words that, capitalised after an abbreviation such as "U.S.", show
// that the abbreviation also ended the sentence.
var sentenceStarters = setOf("The", "A", "An", "He", "She", "It", "They", "We", "I", "But",
	"In", "On", "At", "This", "That", "These", "Those", "His", "Her", "Its", "Their", "There",
	"However", "Meanwhile", "Earlier", "Later", "Officials", "Police", "And", "Also", "After",
	"Before", "When", "While", "Some", "Many", "Most", "No", "Last", "Now", "So", "Yet")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

const openPunct = "\"'`“‘«([{"
const closePunct = "\"'”’»)]},;:!?"

// Tokenize splits text into tokens with byte offsets.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5)
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		toks = tokenizeChunk(text, i, j, toks)
		i = j
	}
	return toks
}

func add(toks []Token, text string, s, e int) []Token {
	if s >= e {
		return toks
	}
	return append(toks, Token{Start: s, End: e, Text: text[s:e]})
}

// tokenizeChunk splits one whitespace-free chunk text[s:e].
func tokenizeChunk(text string, s, e int, toks []Token) []Token {
	// Dashes between words separate tokens ("peace—and" , "war -- again").
	for k := s; k < e; {
		r, n := utf8.DecodeRuneInString(text[k:e])
		if r == '—' || (r == '-' && k+1 < e && text[k+1] == '-') {
			dl := n
			if r == '-' {
				dl = 2
			}
			toks = tokenizeChunk(text, s, k, toks)
			toks = add(toks, text, k, k+dl)
			return tokenizeChunk(text, k+dl, e, toks)
		}
		k += n
	}
	// Leading punctuation.
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !strings.ContainsRune(openPunct, r) || (r == '\'' && s+n < e && isDigitByte(text[s+n])) {
			break
		}
		toks = add(toks, text, s, s+n)
		s += n
	}
	// Trailing punctuation, collected in reverse.
	var tail []Token
	for s < e {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if strings.ContainsRune(closePunct, r) {
			// "leaders'" keeps no apostrophe token of its own when it is a plural possessive.
			tail = append(tail, Token{Start: e - n, End: e, Text: text[e-n : e]})
			e -= n
			continue
		}
		if r == '.' {
			core := text[s:e]
			if strings.HasSuffix(core, "...") {
				tail = append(tail, Token{Start: e - 3, End: e, Text: "..."})
				e -= 3
				continue
			}
			if isAbbreviation(core) {
				break
			}
			tail = append(tail, Token{Start: e - 1, End: e, Text: "."})
			e--
			continue
		}
		break
	}
	if s < e {
		toks = splitClitics(text, s, e, toks)
	}
	for k := len(tail) - 1; k >= 0; k-- {
		toks = append(toks, tail[k])
	}
	return toks
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// isAbbreviation reports whether a word ending in "." keeps its period.
func isAbbreviation(w string) bool {
	if abbreviations[w] {
		return true
	}
	core := w[:len(w)-1]
	if core == "" {
		return false
	}
	// Initials: "J." and "U.S." / "U.N." / "a.m.".
	r, n := utf8.DecodeRuneInString(core)
	if n == len(core) && unicode.IsUpper(r) {
		return true
	}
	if strings.Contains(core, ".") {
		for _, part := range strings.Split(core, ".") {
			if utf8.RuneCountInString(part) != 1 {
				return false
			}
		}
		return true
	}
	return false
}

var clitics = []string{"'s", "’s", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m", "'S"}

// splitClitics separates possessives and contractions: "Azerbaijan's" -> "Azerbaijan" "'s".
func splitClitics(text string, s, e int, toks []Token) []Token {
	w := text[s:e]
	for _, c := range clitics {
		if len(w) > len(c) && strings.HasSuffix(w, c) {
			return add(add(toks, text, s, e-len(c)), text, e-len(c), e)
		}
	}
	return add(toks, text, s, e)
}

// maxSentenceTokens bounds a sentence. The stages after the segmenter work sentence by
// sentence, and several of them relate each token or mention of a sentence to the others: a
// text without full stops (hostile, or a list scraped without its punctuation) would be one
// sentence and make them quadratic in the text's length (issue 14, D5). News stays far below
// the bound: the longest sentences of the GMB and GUM news corpora have 100 tokens.
const maxSentenceTokens = 200

// cutAt is where to end an over-long sentence that starts at token first: after a semicolon,
// else after a colon or comma, else between a lower-case word and a capitalised one (so that
// no name is cut in two), all in the second half of the bound; else at the bound.
func cutAt(toks []Token, first int) int {
	hi, lo := first+maxSentenceTokens, first+maxSentenceTokens/2
	for _, ok := range []func(i int) bool{
		func(i int) bool { return toks[i-1].Text == ";" },
		func(i int) bool { return toks[i-1].Text == ":" || toks[i-1].Text == "," },
		func(i int) bool {
			a, _ := utf8.DecodeRuneInString(toks[i-1].Text)
			b, _ := utf8.DecodeRuneInString(toks[i].Text)
			return unicode.IsLower(a) && unicode.IsUpper(b)
		},
	} {
		for i := hi; i > lo; i-- {
			if ok(i) {
				return i
			}
		}
	}
	return hi
}

// splitSentences groups tokens into sentences.
func splitSentences(text string, toks []Token) []Sentence {
	var out []Sentence
	first := 0
	closeAt := func(last int) {
		for last-first > maxSentenceTokens {
			c := cutAt(toks, first)
			out = append(out, Sentence{Start: toks[first].Start, End: toks[c-1].End, First: first, Last: c})
			first = c
		}
		if last > first {
			out = append(out, Sentence{Start: toks[first].Start, End: toks[last-1].End, First: first, Last: last})
		}
		first = last
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i].Text
		end := false
		switch {
		case t == "." || t == "!" || t == "?" || t == "...":
			// Closing quotes and brackets belong to the sentence they close.
			for i+1 < len(toks) && isCloser(toks[i+1].Text) && toks[i+1].Start == toks[i].End {
				i++
			}
			end = i+1 >= len(toks) || startsSentence(toks[i+1].Text)
		case strings.HasSuffix(t, ".") && len(t) > 2 && isAbbreviation(t) && strings.Count(t, ".") > 1:
			end = i+1 < len(toks) && sentenceStarters[toks[i+1].Text]
		}
		if !end && i+1 < len(toks) {
			end = paragraphBreak(text, toks[i], toks[i+1])
		}
		if end {
			closeAt(i + 1)
		}
	}
	closeAt(len(toks))
	return out
}

func isCloser(t string) bool {
	return t == "\"" || t == "”" || t == "’" || t == "'" || t == ")" || t == "]" || t == "»"
}

func startsSentence(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(openPunct, r)
}

// paragraphBreak reports whether the gap between two tokens ends a sentence even without a
// full stop: a blank line, or a single line break after a short headline-like line.
func paragraphBreak(text string, a, b Token) bool {
	gap := text[a.End:b.Start]
	nl := strings.Count(gap, "\n")
	if nl == 0 {
		return false
	}
	if nl >= 2 {
		return true
	}
	lineStart := strings.LastIndexByte(text[:a.End], '\n') + 1
	return a.End-lineStart < 120 && startsSentence(b.Text)
}
