package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/extract/parse"
)

// parseCommand is `newsgraph parse`: dependency parses as CoNLL-U, of text (split into
// sentences and tokens by the extractor's segmenter) or of the sentences of a CoNLL-U file on
// their own tokens, so that anyone can score the parser with the CoNLL 2018 script.
func parseCommand() *cli.Command {
	return &cli.Command{
		Name:      "parse",
		Usage:     "print dependency parses (CoNLL-U) of text, or re-parse a CoNLL-U file on its own tokens",
		ArgsUsage: "[FILE|-]",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "conllu", Usage: "FILE is CoNLL-U: keep its sentences, comments and columns 1-2 (id, form), predict the rest"},
		},
		Action: parseCmd,
	}
}

func parseCmd(c *cli.Context) error {
	if c.NArg() > 1 {
		return fmt.Errorf("parse: give one file (or - for standard input), not %d", c.NArg())
	}
	var in io.Reader = os.Stdin
	if name := c.Args().First(); name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	m := parse.Default()
	var sents []parse.Sentence
	if c.Bool("conllu") {
		gold, err := parse.ReadCoNLLU(in)
		if err != nil {
			return err
		}
		for _, s := range gold {
			words := s.Forms()
			sents = append(sents, parsed(m, s.Comments, words, nil))
		}
	} else {
		text, err := io.ReadAll(in)
		if err != nil {
			return err
		}
		d := extract.NewDocument(extract.Article{Text: string(text)})
		extract.Segmenter{}.Process(d)
		for i, s := range d.Sentences {
			toks := d.Tokens[s.First:s.Last]
			words := make([]string, len(toks))
			misc := make([]string, len(toks))
			for k, t := range toks {
				words[k] = t.Text
				if k+1 < len(toks) && toks[k+1].Start == t.End {
					misc[k] = "SpaceAfter=No"
				}
			}
			comments := []string{"# sent_id = " + strconv.Itoa(i+1), "# text = " + conlluText(d.Text[s.Start:s.End])}
			sents = append(sents, parsed(m, comments, words, misc))
		}
	}
	w := bufio.NewWriter(c.App.Writer)
	if err := parse.WriteCoNLLU(w, sents); err != nil {
		return err
	}
	return w.Flush()
}

// parsed tags and parses one sentence with the parser's own POS tagger (trained on EWT like
// the parser, whose tag conventions it shares).
func parsed(m *parse.Model, comments, words, misc []string) parse.Sentence {
	t := m.Parse(words, nil)
	s := parse.Sentence{Comments: comments, Words: make([]parse.Word, len(words))}
	for i, f := range words {
		s.Words[i] = parse.Word{Form: f, Lemma: t.Lemma[i], UPOS: t.UPOS[i], XPOS: t.XPOS[i],
			Head: t.Head[i], Rel: t.Rel[i]}
		if misc != nil {
			s.Words[i].Misc = misc[i]
		}
	}
	return s
}

// conlluText puts a sentence on one line for the "# text =" comment.
func conlluText(s string) string { return strings.Join(strings.Fields(s), " ") }
