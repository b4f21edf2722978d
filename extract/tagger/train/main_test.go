package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/tagger"
)

func TestRunSmall(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	args := []string{"-data", "../../../internal/gmb/testdata/sample.csv", "-uner", "", "-out", dir, "-iters", "3", "-folds", "1", "-heldout", "0.34"}
	if err := run(args, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"training on 2, holding out the last 1", "POS accuracy", "micro", "wrote"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	m, err := tagger.LoadFile(filepath.Join(dir, tagger.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if pos, _ := m.Tag([]string{"Maria", "Lopez", "said", "."}); len(pos) != 4 {
		t.Error("trained model does not tag")
	}
	first, _ := os.ReadFile(filepath.Join(dir, tagger.FileName))
	if err := run(args, &out); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(filepath.Join(dir, tagger.FileName))
	if !bytes.Equal(first, second) {
		t.Error("retraining does not give the same model file")
	}
	if err := run([]string{"-heldout", "1"}, &out); err == nil {
		t.Error("-heldout 1: no error")
	}
}
