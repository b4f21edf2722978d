package parse

import (
	"os"
	"path/filepath"
	"sort"
)

// The training and evaluation data live outside the repository, in ../shared/data (found
// from the directory holding go.mod), so that a clone works without them: the tests that
// need them skip.

// SharedDataDir returns ../shared/data next to the repository root, or the relative path
// when no go.mod is found above the working directory.
func SharedDataDir() string {
	rel := filepath.Join("..", "shared", "data")
	dir, err := os.Getwd()
	if err != nil {
		return rel
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(d), "shared", "data")
		}
		parent := filepath.Dir(d)
		if parent == d {
			return rel
		}
		d = parent
	}
}

// DefaultEWTDir is the folder of the UD English EWT files (en_ewt-ud-{train,dev,test}.conllu).
func DefaultEWTDir() string { return filepath.Join(SharedDataDir(), "ud-ewt") }

// DefaultGUMDir is the folder of the GUM news trees (an out-of-domain check only: their
// licence is non-commercial, so they are read in place and never copied or trained on).
func DefaultGUMDir() string {
	if d := os.Getenv("GUM_NEWS_DIR"); d != "" {
		return d
	}
	return filepath.Join(SharedDataDir(), "gum-news")
}

// ReadCoNLLUFile reads a CoNLL-U file.
func ReadCoNLLUFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCoNLLU(f)
}

// ReadEWT reads one part of EWT ("train", "dev" or "test") from dir.
func ReadEWT(dir, part string) ([]Sentence, error) {
	return ReadCoNLLUFile(filepath.Join(dir, "en_ewt-ud-"+part+".conllu"))
}

// ReadDir reads every .conllu file of a folder, in name order.
func ReadDir(dir string) ([]Sentence, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.conllu"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Sentence
	for _, f := range files {
		s, err := ReadCoNLLUFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, s...)
	}
	return out, nil
}
