// Package input reads news articles from files, folders and standard input: plain-text
// articles (.txt) and JSON Lines (.jsonl) with one article object per line. It streams: a
// corpus is never held in memory whole.
package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract"
)

// MaxArticleBytes bounds one article: larger ones are skipped, not loaded.
const MaxArticleBytes = 8 << 20

// Item is one article read, or the reason one could not be read.
type Item struct {
	Article extract.Article
	Where   string // "file.jsonl:12", "a.txt", "stdin:3"
	Err     error  // set when the article was skipped
}

// Reader reads articles from paths; "-" means Stdin.
type Reader struct {
	Stdin io.Reader
}

// Read calls fn for every article (or skipped article) under paths, in order: files as given,
// folders walked recursively in name order. It stops early when fn returns an error, and
// returns an error only for a path that does not exist or cannot be listed.
func (r Reader) Read(paths []string, fn func(Item) error) error {
	for _, p := range paths {
		if p == "-" {
			in := r.Stdin
			if in == nil {
				in = os.Stdin
			}
			if err := readStream("stdin", in, "", fn); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("%s: %w", p, errors.Unwrap(err))
		}
		if !st.IsDir() {
			if err := readFile(p, fn); err != nil {
				return err
			}
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("%s: %w", path, errors.Unwrap(err))
			}
			if !d.IsDir() && Supported(path) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return err
		}
		sort.Strings(files)
		for _, f := range files {
			if err := readFile(f, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// Supported reports whether a file in a folder is read as articles, by its extension.
func Supported(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text", ".jsonl", ".ndjson":
		return true
	}
	return false
}

func readFile(path string, fn func(Item) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(Item{Where: path, Err: errors.Unwrap(err)})
	}
	defer f.Close()
	format := ""
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		format = "jsonl"
	case ".txt", ".text":
		format = "text"
	}
	return readStream(path, f, format, fn)
}

// readStream reads one file or stream; an empty format is detected from the content.
func readStream(where string, in io.Reader, format string, fn func(Item) error) error {
	br := bufio.NewReaderSize(in, 64<<10)
	if format == "" {
		format = "text"
		if b, _ := br.Peek(512); len(bytes.TrimLeft(b, " \t\r\n\ufeff")) > 0 && bytes.TrimLeft(b, " \t\r\n\ufeff")[0] == '{' {
			format = "jsonl"
		}
	}
	if format == "jsonl" {
		return readJSONL(where, br, fn)
	}
	data, err := io.ReadAll(io.LimitReader(br, MaxArticleBytes+1))
	if err != nil {
		return fn(Item{Where: where, Err: err})
	}
	a, err := textArticle(data)
	return fn(Item{Article: a, Where: where, Err: err})
}

func textArticle(data []byte) (extract.Article, error) {
	switch {
	case len(data) > MaxArticleBytes:
		return extract.Article{}, fmt.Errorf("article larger than %d MB", MaxArticleBytes>>20)
	case !utf8.Valid(data):
		return extract.Article{}, errors.New("not valid UTF-8 text")
	case bytes.IndexByte(data, 0) >= 0:
		return extract.Article{}, errors.New("binary data, not text")
	case len(bytes.TrimSpace(data)) == 0:
		return extract.Article{}, errors.New("empty article")
	}
	return extract.Article{Text: string(data)}, nil
}

// jsonArticle is the JSON Lines form of an article.
type jsonArticle struct {
	ID        *string `json:"id"`
	Title     string  `json:"title"`
	Text      *string `json:"text"`
	URL       string  `json:"url"`
	Source    string  `json:"source"`
	Published string  `json:"published"`
}

func readJSONL(where string, br *bufio.Reader, fn func(Item) error) error {
	line := 0
	for {
		b, err := readLine(br)
		if len(b) > 0 || err == nil {
			line++
		}
		if len(bytes.TrimSpace(b)) > 0 {
			it := Item{Where: fmt.Sprintf("%s:%d", where, line)}
			it.Article, it.Err = parseJSONArticle(b)
			if e := fn(it); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fn(Item{Where: fmt.Sprintf("%s:%d", where, line+1), Err: err})
		}
	}
}

// readLine reads one line of any length, refusing to hold more than MaxArticleBytes of it.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) <= MaxArticleBytes+1 {
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return buf, err
	}
}

func parseJSONArticle(b []byte) (extract.Article, error) {
	if len(b) > MaxArticleBytes {
		return extract.Article{}, fmt.Errorf("line longer than %d MB", MaxArticleBytes>>20)
	}
	if !utf8.Valid(b) {
		return extract.Article{}, errors.New("not valid UTF-8")
	}
	var j jsonArticle
	if err := json.Unmarshal(b, &j); err != nil {
		return extract.Article{}, fmt.Errorf("invalid JSON: %v", err)
	}
	if j.Text == nil {
		return extract.Article{}, errors.New(`no "text" field`)
	}
	if strings.TrimSpace(*j.Text) == "" {
		return extract.Article{}, errors.New(`empty "text"`)
	}
	a := extract.Article{Title: j.Title, Text: *j.Text, URL: j.URL, Source: j.Source, Published: j.Published}
	if j.ID != nil {
		a.ID = *j.ID
	}
	return a, nil
}
