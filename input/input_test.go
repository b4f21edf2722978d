package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readAll(t *testing.T, r Reader, paths ...string) []Item {
	t.Helper()
	var items []Item
	if err := r.Read(paths, func(it Item) error { items = append(items, it); return nil }); err != nil {
		t.Fatal(err)
	}
	return items
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadFolderRecursively(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.txt", "Second article.")
	write(t, dir, "sub/a.txt", "First article.")
	write(t, dir, "notes.md", "not an article")
	write(t, dir, "c.jsonl", `{"id":"x1","title":"T","text":"Body one.","url":"https://example.org/1","source":"VOA","published":"2025-01-22"}
{"text":"Body two."}
`)
	items := readAll(t, Reader{}, dir)
	var got []string
	for _, it := range items {
		if it.Err != nil {
			t.Fatalf("%s: %v", it.Where, it.Err)
		}
		got = append(got, filepath.Base(it.Where)+"="+it.Article.Text)
	}
	want := "b.txt=Second article.|c.jsonl:1=Body one.|c.jsonl:2=Body two.|a.txt=First article."
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
	a := items[1].Article
	if a.ID != "x1" || a.Title != "T" || a.URL != "https://example.org/1" || a.Source != "VOA" || a.Published != "2025-01-22" {
		t.Errorf("fields not read: %+v", a)
	}
}

func TestBadInputIsSkippedWithReason(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "bad.jsonl", `{"text":"good one"}
{"title":"no text"}
{"text": "truncated
not json at all
{"text":""}
{"text":"good two"}`)
	bin := write(t, dir, "bin.txt", "abc\x00def")
	empty := write(t, dir, "empty.txt", "  \n")
	latin := write(t, dir, "latin.txt", "caf\xe9")
	items := readAll(t, Reader{}, p, bin, empty, latin)
	var lines []string
	for _, it := range items {
		if it.Err != nil {
			lines = append(lines, filepath.Base(it.Where)+": "+it.Err.Error())
		} else {
			lines = append(lines, filepath.Base(it.Where)+" ok")
		}
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{"bad.jsonl:1 ok", `bad.jsonl:2: no "text" field`, "bad.jsonl:3: invalid JSON",
		"bad.jsonl:4: invalid JSON", `bad.jsonl:5: empty "text"`, "bad.jsonl:6 ok", "bin.txt: binary data",
		"empty.txt: empty article", "latin.txt: not valid UTF-8"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestStdinDetectsFormat(t *testing.T) {
	items := readAll(t, Reader{Stdin: strings.NewReader(`{"text":"a"}` + "\n" + `{"text":"b"}`)}, "-")
	if len(items) != 2 || items[1].Article.Text != "b" || items[1].Where != "stdin:2" {
		t.Errorf("jsonl on stdin: %+v", items)
	}
	items = readAll(t, Reader{Stdin: strings.NewReader("Plain text article.\n")}, "-")
	if len(items) != 1 || items[0].Article.Text != "Plain text article.\n" {
		t.Errorf("text on stdin: %+v", items)
	}
}

func TestMissingPathIsAnError(t *testing.T) {
	err := Reader{}.Read([]string{"/no/such/file.txt"}, func(Item) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "/no/such/file.txt") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
}
