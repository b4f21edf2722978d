package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/parse"
)

// The command end to end on a tiny treebank written here: it trains, scores and writes a
// model that loads and parses.
func TestRunTiny(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := 0; i < 20; i++ {
		b.WriteString("1\tOfficials\tofficial\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
			"3\tin\tin\tADP\tIN\t_\t4\tcase\t_\t_\n4\tBaku\tBaku\tPROPN\tNNP\t_\t2\tobl\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n")
	}
	for _, part := range []string{"train", "dev", "test"} {
		if err := os.WriteFile(filepath.Join(dir, "en_ewt-ud-"+part+".conllu"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	if err := run([]string{"-data", dir, "-gmb", "", "-gum", dir, "-out", dir, "-iters", "2", "-folds", "2", "-clusters", "4", "-prune", "-1"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "EWT test, predicted tags") || !strings.Contains(out.String(), "wrote ") {
		t.Errorf("output:\n%s", out.String())
	}
	m, err := parse.LoadFile(filepath.Join(dir, parse.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if tr := m.Parse(strings.Fields("Officials met in Baku ."), nil); tr.Head[0] != 2 || tr.Rel[3] != "obl" {
		t.Errorf("tiny model: %v %v", tr.Head, tr.Rel)
	}
}
