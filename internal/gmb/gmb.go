// Package gmb reads the Groningen Meaning Bank named-entity corpus (the Kaggle
// "ner_dataset.csv" export: Voice of America news sentences with Penn Treebank
// part-of-speech tags and IOB2 entity tags) and turns its tokens back into
// natural text.
//
// It is used by training, benchmarks and evaluation only; nothing in the
// product reads the corpus at run time.
package gmb

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Token is one token of the corpus.
type Token struct {
	Word string // the token as written ("U.S.", "'s", "n't", ",")
	POS  string // Penn Treebank tag as found in the corpus (note: "LRB"/"RRB", "``" for every double quote)
	Tag  string // IOB2 entity tag: O, B-geo, I-geo, B-gpe, B-per, B-org, B-tim, B-art, B-eve, B-nat, ...
}

// Sentence is one sentence of the corpus.
type Sentence struct {
	Tokens []Token
}

// Words returns the words of s.
func (s Sentence) Words() []string {
	w := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		w[i] = t.Word
	}
	return w
}

// Read reads the whole corpus file at path.
func Read(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sents, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("gmb: %s: %w", path, err)
	}
	return sents, nil
}

// Parse reads the corpus in its CSV form (header "Sentence #,Word,POS,Tag",
// Windows-1252 encoded, the sentence id only on the first token of a sentence).
// Input that is already valid UTF-8 is taken as it is.
func Parse(r io.Reader) ([]Sentence, error) {
	data, err := io.ReadAll(bufio.NewReader(r))
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		data = decodeWindows1252(data)
	}
	cr := csv.NewReader(strings.NewReader(string(data)))
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	// The tag columns take few distinct values: intern them.
	intern := map[string]string{}
	in := func(s string) string {
		if v, ok := intern[s]; ok {
			return v
		}
		s = strings.Clone(s)
		intern[s] = s
		return s
	}

	var sents []Sentence
	var cur []Token
	line := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		line++
		if line == 1 && len(rec) > 0 && strings.HasPrefix(rec[0], "Sentence #") {
			continue // header
		}
		if len(rec) < 4 {
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				continue
			}
			return nil, fmt.Errorf("line %d: %d fields, want 4", line, len(rec))
		}
		if strings.TrimSpace(rec[0]) != "" {
			if len(cur) > 0 {
				sents = append(sents, Sentence{Tokens: cur})
			}
			cur = make([]Token, 0, 32)
		} else if cur == nil {
			return nil, fmt.Errorf("line %d: token before the first sentence id", line)
		}
		cur = append(cur, Token{Word: strings.Clone(rec[1]), POS: in(rec[2]), Tag: in(rec[3])})
	}
	if len(cur) > 0 {
		sents = append(sents, Sentence{Tokens: cur})
	}
	if len(sents) == 0 {
		return nil, errors.New("no sentences")
	}
	return sents, nil
}

// cp1252 maps the bytes 0x80–0x9F of Windows-1252 to Unicode; the other bytes
// are Latin-1. The five undefined bytes map to the C1 control of the same value,
// as Windows itself does.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func decodeWindows1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/64)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0:
			out = utf8.AppendRune(out, cp1252[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

// DefaultPath returns the path of the corpus in the shared data folder,
// "../shared/data/gmb/ner_dataset.csv" relative to the repository root. The
// root is found by walking up from the working directory to the first go.mod;
// when there is none, the path is relative to the working directory.
func DefaultPath() string {
	const rel = "../shared/data/gmb/ner_dataset.csv"
	dir, err := os.Getwd()
	if err != nil {
		return rel
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, filepath.FromSlash(rel))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return rel
		}
		dir = parent
	}
}

// noSpaceBefore lists tokens glued to the token before them.
var noSpaceBefore = map[string]bool{
	",": true, ".": true, ";": true, ":": true, "!": true, "?": true, ")": true, "]": true, "}": true,
	"%": true, "'s": true, "'S": true, "n't": true, "N'T": true, "'re": true, "'ve": true, "'ll": true,
	"'d": true, "'m": true, "'RE": true, "'VE": true, "'LL": true, "'D": true, "'M": true,
	"’s": true, "n’t": true, "’re": true, "’ve": true, "’ll": true, "’d": true, "’m": true,
	"''": true, "”": true, "’": true, "…": true, "...": true, "-RRB-": true, "-RSB-": true, "-RCB-": true,
}

// noSpaceAfter lists tokens glued to the token after them.
var noSpaceAfter = map[string]bool{
	"(": true, "[": true, "{": true, "$": true, "#": true, "``": true, "`": true, "“": true, "‘": true,
	"-LRB-": true, "-LSB-": true, "-LCB-": true,
}

// Detokenize joins tokens into natural text ("U.S. officials say", "it's",
// "don't", "(AP)", `he said, "we will."`) and returns the byte span of each
// token in the text: text[spans[i][0]:spans[i][1]] == toks[i].Word.
//
// Straight double quotes (and single quotes that are not possessive) are
// taken as opening or closing from their position: at the start of the
// sentence a quote opens; at its end, or before , . ; : ! ? it closes;
// elsewhere quotes alternate.
func Detokenize(toks []Token) (text string, spans [][2]int) {
	var b strings.Builder
	spans = make([][2]int, len(toks))
	glue := true // no space before the next token
	dq, sq := false, false
	for i, t := range toks {
		w := t.Word
		before, after := noSpaceBefore[w], noSpaceAfter[w]
		switch {
		case isPossessive(toks, i):
			before = true // the soldiers' families
		case w == `"` || w == "'":
			open := &dq
			if w == "'" {
				open = &sq
			}
			closing := quoteCloses(toks, i, *open)
			*open = !closing
			before, after = closing, !closing
		}
		if i > 0 && !glue && !before {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(w)
		spans[i] = [2]int{start, b.Len()}
		glue = after
	}
	return b.String(), spans
}

func isClosingNeighbour(w string) bool {
	switch w {
	case ",", ".", ";", ":", "!", "?", ")", "]", "...", "…":
		return true
	}
	return false
}

// Article is a run of consecutive sentences joined into one text.
type Article struct {
	ID        string     // "gmb-00001", numbered from 1
	Text      string     // the sentences detokenized and joined by single spaces
	Sentences []Sentence // the sentences of the article
	Spans     [][][2]int // Spans[s][t]: byte span of token t of sentence s in Text
	First     int        // index of the article's first sentence in the corpus
}

// Articles groups consecutive sentences into articles of n sentences each (the
// last one may be shorter). The corpus has no story boundaries; consecutive
// sentences do come from the same stories.
func Articles(sents []Sentence, n int) []Article {
	if n < 1 {
		n = 1
	}
	arts := make([]Article, 0, (len(sents)+n-1)/n)
	for first := 0; first < len(sents); first += n {
		last := min(first+n, len(sents))
		a := Article{
			ID:        fmt.Sprintf("gmb-%05d", len(arts)+1),
			Sentences: sents[first:last],
			Spans:     make([][][2]int, 0, last-first),
			First:     first,
		}
		var b strings.Builder
		for i, s := range a.Sentences {
			text, spans := Detokenize(s.Tokens)
			if i > 0 {
				b.WriteByte(' ')
			}
			off := b.Len()
			b.WriteString(text)
			for j := range spans {
				spans[j][0] += off
				spans[j][1] += off
			}
			a.Spans = append(a.Spans, spans)
		}
		a.Text = b.String()
		arts = append(arts, a)
	}
	return arts
}

// ClosingQuotes reports, for each token, whether it is a closing quotation
// mark, by the same rules as Detokenize (straight quotes have no side of their
// own in the corpus, where every double quote is tagged “).
func ClosingQuotes(toks []Token) []bool {
	c := make([]bool, len(toks))
	dq, sq := false, false
	for i, t := range toks {
		w := t.Word
		if w != `"` && w != "'" || isPossessive(toks, i) {
			continue
		}
		open := &dq
		if w == "'" {
			open = &sq
		}
		c[i] = quoteCloses(toks, i, *open)
		*open = !c[i]
	}
	return c
}

func isPossessive(toks []Token, i int) bool {
	t := toks[i]
	return t.Word == "'" && (t.POS == "POS" ||
		t.POS == "" && i > 0 && strings.HasSuffix(strings.ToLower(toks[i-1].Word), "s"))
}

func quoteCloses(toks []Token, i int, open bool) bool {
	switch {
	case i == 0:
		return false
	case i == len(toks)-1:
		return true
	case isClosingNeighbour(toks[i+1].Word):
		return true
	}
	return open
}

// PennPOS returns the POS tags of s mapped to the Penn Treebank's own: LRB
// and RRB become -LRB- and -RRB-, the ";" tag ":", and quotation marks (all
// tagged “ in the corpus) “ when they open and ” when they close.
func (s Sentence) PennPOS() []string {
	closing := ClosingQuotes(s.Tokens)
	pos := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		p := t.POS
		switch p {
		case "LRB":
			p = "-LRB-"
		case "RRB":
			p = "-RRB-"
		case ";":
			p = ":"
		case "``":
			if closing[i] {
				p = "''"
			}
		}
		pos[i] = p
	}
	return pos
}

// Tags returns the entity tags of s.
func (s Sentence) Tags() []string {
	tags := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		tags[i] = t.Tag
	}
	return tags
}
