package parse

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sentence is one sentence of a CoNLL-U file: its comment lines and its words (the basic
// tree only). Multiword-token range lines ("1-2") and empty nodes ("8.1") are skipped when
// reading: the parser works on the word lines, which is what UD's basic trees are over.
type Sentence struct {
	Comments []string // "# sent_id = ...", without the newline
	Words    []Word
}

// Word is one word line. Head is 1-based as in CoNLL-U (0: the root; -1: unknown, written "_").
type Word struct {
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int
	Rel, Deps, Misc                string
}

// Forms returns the words' forms.
func (s *Sentence) Forms() []string {
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.Form
	}
	return out
}

// XPOS returns the words' language-specific (Penn Treebank) tags.
func (s *Sentence) XPOS() []string {
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.XPOS
	}
	return out
}

// ReadCoNLLU reads every sentence of a CoNLL-U stream.
func ReadCoNLLU(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		switch {
		case t == "":
			flush()
			continue
		case strings.HasPrefix(t, "#"):
			if len(cur.Words) > 0 { // a comment after words starts a new sentence
				flush()
			}
			cur.Comments = append(cur.Comments, t)
			continue
		}
		cols := strings.Split(t, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("conllu line %d: %d columns, want 10", line, len(cols))
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue // multiword token range or empty node
		}
		id, err := strconv.Atoi(cols[0])
		if err != nil || id != len(cur.Words)+1 {
			return nil, fmt.Errorf("conllu line %d: word id %q, want %d", line, cols[0], len(cur.Words)+1)
		}
		head := -1
		if cols[6] != "_" {
			if head, err = strconv.Atoi(cols[6]); err != nil {
				return nil, fmt.Errorf("conllu line %d: head %q", line, cols[6])
			}
		}
		cur.Words = append(cur.Words, Word{Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4],
			Feats: cols[5], Head: head, Rel: cols[7], Deps: cols[8], Misc: cols[9]})
	}
	flush()
	return out, sc.Err()
}

// WriteCoNLLU writes sentences in CoNLL-U: comments, word lines, a blank line after each.
// Empty fields are written as "_".
func WriteCoNLLU(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		for _, c := range s.Comments {
			bw.WriteString(c)
			bw.WriteByte('\n')
		}
		for i, wd := range s.Words {
			head := "_"
			if wd.Head >= 0 {
				head = strconv.Itoa(wd.Head)
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, field(wd.Form), field(wd.Lemma),
				field(wd.UPOS), field(wd.XPOS), field(wd.Feats), head, field(wd.Rel), field(wd.Deps), field(wd.Misc))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func field(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
