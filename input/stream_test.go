package input

import (
	"io"
	"testing"
	"time"
)

// A JSON Lines article piped in is read as soon as its line is complete, while the pipe stays
// open ("tail -f feed.jsonl | newsgraph load -"): format detection does not wait for 4 KB.
func TestStdinJSONLinesArticleByArticle(t *testing.T) {
	pr, pw := io.Pipe()
	got := make(chan Item, 4)
	done := make(chan error, 1)
	go func() {
		done <- (&Reader{Stdin: pr}).Read([]string{"-"}, func(it Item) error { got <- it; return nil })
	}()
	for i, line := range []string{`{"id":"a1","text":"Baku hosted the talks."}`, `{"id":"a2","text":"NATO welcomed them."}`} {
		if _, err := io.WriteString(pw, line+"\n"); err != nil {
			t.Fatal(err)
		}
		select {
		case it := <-got:
			if it.Err != nil || it.Article.ID != []string{"a1", "a2"}[i] {
				t.Fatalf("article %d: %+v", i+1, it)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("article %d not read while the pipe is open", i+1)
		}
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
