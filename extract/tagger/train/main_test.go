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

func TestExcludeNewsSentences(t *testing.T) {
	news := t.TempDir()
	// the news test set's articles name the GMB sentences they were cut from
	line := `{"id": "a", "gmb_first_sentence": 0, "sentences": 1, "text": "x"}` + "\n"
	if err := os.WriteFile(filepath.Join(news, "articles.jsonl"), []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	args := []string{"-data", "../../../internal/gmb/testdata/sample.csv", "-uner", "", "-out", "", "-iters", "1", "-folds", "1", "-heldout", "0.34", "-exclude-news", news}
	if err := run(args, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"left out 1 sentences of the news test set", "training on 1, holding out the last 1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if err := os.WriteFile(filepath.Join(news, "articles.jsonl"), []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(args, &out); err == nil || !strings.Contains(err.Error(), "articles.jsonl:1") {
		t.Errorf("a malformed articles file: %v, want an error naming the file and line", err)
	}
}
