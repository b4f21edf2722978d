package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// malformed builds a folder of bad inputs of every kind next to good articles. It returns the
// places (file, and line, item or record) that must each get exactly one message, and the
// ids of the good articles.
type malformed struct {
	t    *testing.T
	dir  string
	bad  []string // expected Where of each bad input, relative to dir
	good []string // ids of the good articles
	n    int
}

func (m *malformed) file(name string, data []byte) string {
	m.t.Helper()
	p := filepath.Join(m.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		m.t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		m.t.Fatal(err)
	}
	return name
}

// goodText is a short article with the id id.
func (m *malformed) goodText(id string) string {
	m.good = append(m.good, id)
	return fmt.Sprintf("President Emmanuel Macron received Chancellor Olaf Scholz in Paris on Monday, report %s.", id)
}

func (m *malformed) goodJSON(id string) string {
	return fmt.Sprintf(`{"id":%q,"text":%q}`, id, m.goodText(id))
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

const noArticlePage = `<!DOCTYPE html><html><head><title>Index %d</title></head><body><nav><a href="/a">World</a> | <a href="/b">Sport</a></nav></body></html>`

func warcRecord(typ, target, ctype, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, target, ctype, len(block), block)
}

func buildMalformed(t *testing.T) *malformed {
	m := &malformed{t: t, dir: t.TempDir()}
	bad := func(where string) { m.bad = append(m.bad, where) }
	for i := 0; i < 20; i++ { // invalid UTF-8
		bad(m.file(fmt.Sprintf("latin/l%02d.txt", i), []byte(fmt.Sprintf("Caf\xe9 num\xe9ro %d, d\xe9j\xe0 vu.", i))))
	}
	for i := 0; i < 10; i++ { // empty and blank files
		bad(m.file(fmt.Sprintf("empty/e%02d.txt", i), nil))
		bad(m.file(fmt.Sprintf("empty/b%02d.txt", i), []byte(strings.Repeat(" \n\t", i+1))))
	}
	for i := 0; i < 10; i++ { // binary files, named as articles
		bad(m.file(fmt.Sprintf("binary/img%02d.html", i), append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), byte(i))))
		bad(m.file(fmt.Sprintf("binary/blob%02d.txt", i), []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, byte(i)}))
	}
	for i := 0; i < 20; i++ { // HTML pages with no article
		bad(m.file(fmt.Sprintf("html/index%02d.html", i), []byte(fmt.Sprintf(noArticlePage, i))))
	}
	m.file("html/good.html", []byte("<html><head><link rel=canonical href=\"https://ok.example/page\"></head><body><article><p>"+
		m.goodText("https://ok.example/page")+" "+strings.Repeat("More words of the story. ", 5)+"</p></article></body></html>"))
	// A 50 MB single article, and a 50 MB page gzipped.
	huge := bytes.Repeat([]byte("The talks went on for hours. "), 50<<20/29)
	bad(m.file("huge/fifty-mb.txt", huge))
	bad(m.file("huge/fifty-mb.html.gz", gz(append([]byte("<html><body><p>"), huge...))))
	bad(m.file("huge/two-mb-text.jsonl", []byte(`{"text":"`+strings.Repeat("word ", 2<<20/5)+`"}`+"\n")) + ":1")

	// JSON Lines: truncated lines, wrong types, no text, empty text, junk, invalid UTF-8.
	var jl strings.Builder
	line := 0
	for i := 0; i < 40; i++ {
		line++
		switch i % 8 {
		case 0:
			fmt.Fprintf(&jl, `{"text": "truncated %d`+"\n", i)
		case 1:
			fmt.Fprintf(&jl, `{"text": %d}`+"\n", i)
		case 2:
			fmt.Fprintf(&jl, `{"title": "no text %d"}`+"\n", i)
		case 3:
			fmt.Fprintf(&jl, `{"text": "   "}`+"\n")
		case 4:
			fmt.Fprintf(&jl, "not json at all %d\n", i)
		case 5:
			fmt.Fprintf(&jl, "{\"text\": \"caf\xe9 %d\"}\n", i)
		case 6:
			fmt.Fprintf(&jl, "[%d]\n", i)
		case 7:
			fmt.Fprintf(&jl, "%s\n", m.goodJSON(fmt.Sprintf("jl-%d", i)))
			continue
		}
		bad(fmt.Sprintf("json/lines.jsonl:%d", line))
	}
	m.file("json/lines.jsonl", []byte(jl.String()))
	for i := 0; i < 10; i++ { // truncated JSON Lines at the end of files, gzipped or not
		data := []byte(m.goodJSON(fmt.Sprintf("cut-%d", i)) + "\n" + `{"text": "the end is missi`)
		name := fmt.Sprintf("json/cut%02d.jsonl", i)
		if i%2 == 1 {
			data, name = gz(data), name+".gz"
		}
		bad(m.file(name, data) + ":2")
	}
	// JSON arrays with bad items; arrays cut off.
	var arr strings.Builder
	arr.WriteString("[\n")
	for i := 0; i < 20; i++ {
		if i > 0 {
			arr.WriteString(",\n")
		}
		switch i % 4 {
		case 0:
			arr.WriteString(m.goodJSON(fmt.Sprintf("arr-%d", i)))
		case 1:
			arr.WriteString(`{"text": null}`)
			bad(fmt.Sprintf("json/array.json item %d (line %d)", i+1, i+2))
		case 2:
			arr.WriteString(`"just a string"`)
			bad(fmt.Sprintf("json/array.json item %d (line %d)", i+1, i+2))
		case 3:
			arr.WriteString(`{"text": ["a", "list"]}`)
			bad(fmt.Sprintf("json/array.json item %d (line %d)", i+1, i+2))
		}
	}
	arr.WriteString("\n]\n")
	m.file("json/array.json", []byte(arr.String()))
	for i := 0; i < 5; i++ {
		m.file(fmt.Sprintf("json/cutarray%d.json", i), []byte("["+m.goodJSON(fmt.Sprintf("cutarr-%d", i))+`, {"text": "cut`))
		bad(fmt.Sprintf("json/cutarray%d.json item 2 (line 1)", i))
	}

	// Feeds with broken items: no text, bad markup inside, and one cut off.
	for f := 0; f < 5; f++ {
		var feed strings.Builder
		feed.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>` + "\n")
		for i := 1; i <= 6; i++ {
			switch i {
			case 1, 4:
				id := fmt.Sprintf("https://wire.example/%d/%d", f, i)
				fmt.Fprintf(&feed, "<item><link>%s</link><description>%s</description></item>\n", id, m.goodText(id))
			case 2:
				fmt.Fprintf(&feed, "<item><title>Only a title %d</title></item>\n", i)
				bad(fmt.Sprintf("feeds/f%d.rss item %d", f, i))
			case 3:
				fmt.Fprintf(&feed, "<item><title>Empty</title><description>   </description><pubDate>never</pubDate></item>\n")
				bad(fmt.Sprintf("feeds/f%d.rss item %d", f, i))
			case 5:
				fmt.Fprintf(&feed, "<item><description><![CDATA[<script>x()</script>]]></description></item>\n")
				bad(fmt.Sprintf("feeds/f%d.rss item %d", f, i))
			case 6:
				fmt.Fprintf(&feed, "<item><title>Cut</title><description>This item is cut o")
				bad(fmt.Sprintf("feeds/f%d.rss item %d", f, i))
			}
		}
		m.file(fmt.Sprintf("feeds/f%d.rss", f), []byte(feed.String()))
	}
	for i := 0; i < 5; i++ { // not feeds at all
		bad(m.file(fmt.Sprintf("feeds/notfeed%d.xml", i), []byte(fmt.Sprintf(`<?xml version="1.0"?><config><n>%d</n></config>`, i))))
	}

	// WARC files: a page without article, a cut record, a bad length (then a good record).
	page := func(id string) string {
		return "<html><body><article><p>" + m.goodText(id) + " " + strings.Repeat("More words of the story. ", 5) + "</p></article></body></html>"
	}
	for i := 0; i < 5; i++ {
		name := fmt.Sprintf("warc/c%d.warc", i)
		u := fmt.Sprintf("https://crawl.example/%d", i)
		w := warcRecord("warcinfo", "", "application/warc-fields", "software: test\r\n") +
			warcRecord("response", u+"/good", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+page(u+"/good")) +
			warcRecord("response", u+"/index", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+fmt.Sprintf(noArticlePage, i)) +
			"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nxx\r\n\r\n" +
			warcRecord("response", u+"/good2", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+page(u+"/good2")) +
			"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + u + "/cut\r\nContent-Type: application/http\r\nContent-Length: 9000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>"
		data := []byte(w)
		if i%2 == 1 {
			data, name = gz(data), name+".gz"
		}
		m.file(name, data)
		bad(fmt.Sprintf("%s record 3 (%s/index)", name, u))
		bad(fmt.Sprintf("%s record 4", name))
		bad(fmt.Sprintf("%s record 6 (%s/cut)", name, u))
	}
	for i := 0; i < 10; i++ { // truncated gzip: the lines before the cut are kept
		var lines []string
		for k := 0; k < 200; k++ {
			lines = append(lines, fmt.Sprintf(`{"id":"gz-%d-%d","text":"President Emmanuel Macron received Chancellor Olaf Scholz in Paris, report %d %d."}`, i, k, i, k))
		}
		full := gz([]byte(strings.Join(lines, "\n") + "\n"))
		cut := full[:len(full)*(i+3)/15]
		zr, _ := gzip.NewReader(bytes.NewReader(cut))
		got, _ := io.ReadAll(zr)
		whole := bytes.Count(got, []byte("\n"))
		for k := 0; k < whole; k++ {
			m.good = append(m.good, fmt.Sprintf("gz-%d-%d", i, k))
		}
		bad(m.file(fmt.Sprintf("gzip/cut%02d.jsonl.gz", i), cut) + fmt.Sprintf(":%d", whole+1))
	}
	// Unreadable: links to nothing, and a FIFO that would block a reader.
	for i := 0; i < 5; i++ {
		name := fmt.Sprintf("unreadable/gone%d.txt", i)
		os.MkdirAll(filepath.Join(m.dir, "unreadable"), 0o755)
		if err := os.Symlink(filepath.Join(m.dir, "nowhere", name), filepath.Join(m.dir, name)); err != nil {
			t.Fatal(err)
		}
		bad(name)
	}
	if err := syscall.Mkfifo(filepath.Join(m.dir, "unreadable", "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad("unreadable/pipe.txt")
	// Good plain files among them.
	for i := 0; i < 10; i++ {
		id := fmt.Sprintf("text-%d", i)
		m.file(fmt.Sprintf("good/t%02d.txt", i), []byte("ID: "+id+"\n\n"+m.goodText(id)))
	}
	return m
}

// At least 200 malformed inputs of every kind: no panic, exactly one message each naming the
// file (and line, item or record), the good articles beside them loaded, and what the store
// held before intact.
func TestMalformedInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100 MB of test files")
	}
	m := buildMalformed(t)
	if len(m.bad) < 200 {
		t.Fatalf("only %d malformed inputs", len(m.bad))
	}
	s := openStore(t)
	if _, err := Load(context.Background(), s, []string{"../examples/articles"}, Options{}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)

	msgs := map[string][]string{}
	sum, err := Load(context.Background(), s, []string{m.dir}, Options{
		OnSkip: func(where string, err error) {
			rel := strings.TrimPrefix(where, m.dir+"/")
			msgs[rel] = append(msgs[rel], err.Error())
		},
		OnFail: func(where string, err error) { t.Errorf("failed %s: %v", where, err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range m.bad {
		switch got := msgs[w]; {
		case len(got) == 0:
			t.Errorf("no message for %s", w)
		case len(got) > 1:
			t.Errorf("%d messages for %s: %q", len(got), w, got)
		case len(got[0]) < 8:
			t.Errorf("%s: reason %q says little", w, got[0])
		}
	}
	expected := map[string]bool{}
	for _, w := range m.bad {
		expected[w] = true
	}
	var extra []string
	for w, got := range msgs {
		if !expected[w] {
			extra = append(extra, fmt.Sprintf("%s: %q", w, got))
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("messages for inputs that are not bad:\n%s", strings.Join(extra, "\n"))
	}
	if sum.Skipped != len(m.bad) || sum.Added != len(m.good) || sum.Failed != 0 {
		t.Errorf("summary %+v; want %d skipped, %d added", sum, len(m.bad), len(m.good))
	}
	if testing.Verbose() {
		var lines []string
		for w, got := range msgs {
			lines = append(lines, w+": "+got[0])
		}
		sort.Strings(lines)
		t.Logf("%d messages, for example:\n%s", len(lines), strings.Join(lines[:min(len(lines), 400)], "\n"))
	}

	// Every good article is stored, and everything stored before is still there.
	after := dump(t, s)
	labels := byLabel(t, after)
	for _, id := range m.good {
		iri := "<ng:article/" + id + ">"
		if strings.HasPrefix(id, "http") {
			iri = "<" + id + ">"
		}
		if labels[iri] == nil {
			t.Errorf("good article %s not stored", id)
		}
	}
	old := byLabel(t, before)
	for label, quads := range old {
		if strings.Join(quads, "\n") != strings.Join(labels[label], "\n") {
			t.Errorf("article %s changed", label)
		}
	}
	if len(labels) != len(old)+len(m.good) {
		t.Errorf("%d articles stored, want %d before + %d good", len(labels), len(old), len(m.good))
	}
}
