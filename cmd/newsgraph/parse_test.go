package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract/parse"
)

func runParse(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	app := &cli.App{Name: "newsgraph", Writer: &out, Commands: []*cli.Command{parseCommand()}}
	if err := app.Run(append([]string{"newsgraph", "parse"}, args...)); err != nil {
		t.Fatalf("parse %v: %v", args, err)
	}
	return out.String()
}

func TestParseCommandText(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	text := "Bayramov received Shekerinska in Baku on Tuesday. The talks were hosted by the government."
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := runParse(t, path)
	sents, err := parse.ReadCoNLLU(strings.NewReader(out))
	if err != nil || len(sents) != 2 {
		t.Fatalf("output is not 2 CoNLL-U sentences (%v):\n%s", err, out)
	}
	s := sents[0]
	if s.Comments[1] != "# text = Bayramov received Shekerinska in Baku on Tuesday." {
		t.Errorf("comments: %q", s.Comments)
	}
	if len(s.Words) != 8 || s.Words[0].Rel != "nsubj" || s.Words[0].Head != 2 || s.Words[2].Rel != "obj" || s.Words[1].Lemma != "receive" ||
		s.Words[6].Misc != "SpaceAfter=No" {
		t.Errorf("first sentence:\n%s", out)
	}
}

func TestParseCommandCoNLLU(t *testing.T) {
	const in = "# sent_id = x1\n# text = They met.\n1\tThey\tX\tX\tX\t_\t9\tfoo\t_\t_\n2\tmet\tX\tX\tX\t_\t9\tfoo\t_\t_\n3\t.\tX\tX\tX\t_\t9\tfoo\t_\t_\n\n"
	path := filepath.Join(t.TempDir(), "in.conllu")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	out := runParse(t, "--conllu", path)
	want := "# sent_id = x1\n# text = They met.\n1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
