package input

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

const storyURL = "https://news.example.org/2025/03/03/bayramov-nato-delegation"

func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// The same story in every format (testdata/mixed, written by testdata/genmixed) reads as the
// same article: the same URL, title and text, whatever the format.
func TestEveryFormatGivesTheSameArticle(t *testing.T) {
	story, err := os.ReadFile("testdata/story.txt")
	if err != nil {
		t.Fatal(err)
	}
	items := readAll(t, Reader{}, "testdata/mixed")
	formats := map[string]bool{}
	others := 0
	for _, it := range items {
		if it.Err != nil {
			t.Errorf("%s: %v", it.Where, it.Err)
			continue
		}
		a := it.Article
		if a.URL != storyURL {
			others++
			continue
		}
		formats[filepath.Base(strings.Fields(it.Where)[0])] = true
		if words(a.Text) != words(string(story)) {
			t.Errorf("%s: text differs:\n%q", it.Where, a.Text)
		}
		if a.Title != "Bayramov receives NATO delegation in Baku" {
			t.Errorf("%s: title %q", it.Where, a.Title)
		}
		if !strings.HasPrefix(a.Published, "2025-03-03") {
			t.Errorf("%s: published %q", it.Where, a.Published)
		}
		if a.Source != "Example News Agency" {
			t.Errorf("%s: source %q", it.Where, a.Source)
		}
	}
	if len(formats) != 10 || others != 1 {
		t.Errorf("story read from %d files (want 10: %v), %d other articles (want 1)", len(formats), formats, others)
	}
}

func TestTextHeaderBlock(t *testing.T) {
	for _, c := range []struct{ in, title, url, date, source, text string }{
		{"Title: T\nURL: https://Example.org:443/a#x\nDate: Mon, 03 Mar 2025 09:30:00 GMT\nSource: S\n\nBody.\n",
			"T", "https://example.org/a", "2025-03-03T09:30:00Z", "S", "Body.\n"},
		{"title: T\r\nlink: http://example.org/b\r\n\r\n\r\nBody.", "T", "http://example.org/b", "", "", "Body."},
		// not a header block: an unknown name, no empty line, no header line at all
		{"Title: T\nNote: x\n\nBody.", "", "", "", "", "Title: T\nNote: x\n\nBody."},
		{"Title: T\nBody.", "", "", "", "", "Title: T\nBody."},
		{"BAKU: the city\n\nBody.", "", "", "", "", "BAKU: the city\n\nBody."},
	} {
		a, err := textArticle([]byte(c.in))
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if a.Title != c.title || a.URL != c.url || a.Published != c.date || a.Source != c.source || a.Text != c.text {
			t.Errorf("%q: got %+v", c.in, a)
		}
	}
	if _, err := textArticle([]byte("Title: T\n\n  \n")); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("header only: %v", err)
	}
}

func TestHTMLPages(t *testing.T) {
	body := strings.Repeat("<p>President Emmanuel Macron met Chancellor Olaf Scholz in Berlin to discuss the budget of the European Union.</p>\n", 4)
	t.Run("JSON-LD graph, relative canonical, time element", func(t *testing.T) {
		page := `<html><head><title>Talks | Paper</title><link rel="canonical" href="/2025/talks">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Paper"},
{"@type":["NewsArticle"],"headline":"Macron and Scholz talk","publisher":{"name":"The Paper"}}]}</script></head>
<body><nav><a href="/">Home</a></nav><article><time datetime="2025-02-01">1 Feb</time>` + body + `</article></body></html>`
		a, err := htmlArticle([]byte(page), "", "https://paper.example.com/x?utm=1")
		if err != nil {
			t.Fatal(err)
		}
		if a.URL != "https://paper.example.com/2025/talks" || a.Title != "Macron and Scholz talk" || a.Source != "The Paper" || a.Published != "2025-02-01" {
			t.Errorf("%+v", a)
		}
		if strings.Contains(a.Text, "Home") || !strings.Contains(a.Text, "1 Feb\n\nPresident Emmanuel Macron") {
			t.Errorf("text %q", a.Text)
		}
	})
	t.Run("windows-1252", func(t *testing.T) {
		page := "<html><head><meta charset=\"windows-1252\"></head><body><article>" + body + "<p>Caf\xe9 talks went on.</p></article></body></html>"
		a, err := htmlArticle([]byte(page), "", "")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, "Café talks") {
			t.Errorf("text %q", a.Text)
		}
	})
	t.Run("articleBody when there is no article in the markup", func(t *testing.T) {
		page := `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","articleBody":"Prime Minister Keir Starmer visited Kyiv on Thursday and met President Volodymyr Zelensky."}</script></head><body><div id="app"></div></body></html>`
		a, err := htmlArticle([]byte(page), "", "")
		if err != nil || !strings.HasPrefix(a.Text, "Prime Minister Keir Starmer") {
			t.Errorf("%+v %v", a, err)
		}
	})
	for name, page := range map[string]string{
		"no article":  `<html><head><title>Index</title></head><body><nav><a href="/a">World</a> <a href="/b">Sport</a></nav></body></html>`,
		"only script": `<!DOCTYPE html><html><head><script>var x = 1;</script></head><body></body></html>`,
		"empty":       "   ",
		"binary":      "<html>\x00\x01\x02",
	} {
		if _, err := htmlArticle([]byte(page), "", ""); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestFeedWithBrokenItems(t *testing.T) {
	dir := t.TempDir()
	feed := `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire &amp; Co</title>
<item><title>One</title><link>https://w.example/1</link><description>First &lt;b&gt;story&lt;/b&gt; text&nbsp;here.</description><dc:date>2025-01-02T03:04:05Z</dc:date></item>
<item><title>No text</title><link>https://w.example/2</link></item>
<item><title>Bad date</title><link>https://w.example/3</link><pubDate>the day after tomorrow</pubDate><description>Third story.</description></item>
<item><title>Four</title><description>Fourth story, no link.</description></item>
<item><title>Cut off</title><description>Fifth sto`
	p := write(t, dir, "wire.xml", feed)
	got := describe(readAll(t, Reader{}, p))
	for _, want := range []string{
		`wire.xml item 1 ok "First story text here." https://w.example/1 2025-01-02T03:04:05Z "Wire & Co"`,
		`wire.xml item 2: no text`,
		`wire.xml item 3 ok "Third story." https://w.example/3 the day after tomorrow "Wire & Co"`,
		`wire.xml item 4 ok "Fourth story, no link."`,
		`wire.xml item 5: truncated XML`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n != 5 {
		t.Errorf("%d items, want 5:\n%s", n, got)
	}
}

func TestFeedKinds(t *testing.T) {
	dir := t.TempDir()
	rdf := `<?xml version="1.0" encoding="ISO-8859-1"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://r.example/"><title>RDF News</title></channel>
<item rdf:about="https://r.example/1"><title>Caf` + "\xe9" + `</title><link>https://r.example/1</link><description>Talks in Caf` + "\xe9" + ` Lumi` + "\xe8" + `re.</description><dc:date>2025-01-02</dc:date></item>
</rdf:RDF>`
	atom := `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Atom &lt;i&gt;News&lt;/i&gt;</title>
<entry><title>A</title><link href="https://a.example/1"/><updated>2025-01-03T00:00:00Z</updated>
<summary>Summary only.</summary><content type="html">&lt;p&gt;Full content.&lt;/p&gt;</content></entry></feed>`
	items := readAll(t, Reader{}, write(t, dir, "r.rdf.xml", rdf), write(t, dir, "a.atom", atom))
	got := describe(items)
	for _, want := range []string{
		`r.rdf.xml item 1 ok "Talks in Café Lumière." https://r.example/1 2025-01-02T00:00:00Z "RDF News"`,
		`a.atom item 1 ok "Full content." https://a.example/1 2025-01-03T00:00:00Z "Atom News"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if items[0].Article.Title != "Café" {
		t.Errorf("title %q", items[0].Article.Title)
	}
	for name, bad := range map[string]string{
		"notfeed.xml": `<?xml version="1.0"?><config><a/></config>`,
		"noitems.rss": `<rss><channel><title>x</title></channel></rss>`,
		"broken.rss":  `<rss><channel><item><title>x</title></chan`,
	} {
		items := readAll(t, Reader{}, write(t, dir, name, bad))
		if len(items) != 1 || items[0].Err == nil {
			t.Errorf("%s: %s", name, describe(items))
		}
	}
}

func TestJSONArraysAndValues(t *testing.T) {
	dir := t.TempDir()
	arr := `[
  {"text": "One.", "id": "a"},
  {"title": "no text"},
  "a string",
  {"text": 5},
  {"text": "Two, with [brackets] and {braces} and \"quotes\"."},
  {"text": "Three.", "url": "HTTPS://X.example/3"}
]`
	got := describe(readAll(t, Reader{}, write(t, dir, "a.json", arr)))
	for _, want := range []string{
		`a.json item 1 (line 2) ok "One."`,
		`a.json item 2 (line 3): no "text" field`,
		`a.json item 3 (line 4): not an article object (found a string)`,
		`a.json item 4 (line 5): field "text" is a JSON number, want string`,
		`a.json item 5 (line 6) ok "Two, with [brackets] and {braces} and \"quotes\"."`,
		`a.json item 6 (line 7) ok "Three." https://x.example/3`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	pretty := "{\n  \"text\": \"P1.\"\n}\n{\n  \"text\": \"P2.\"\n}\n"
	got = describe(readAll(t, Reader{}, write(t, dir, "p.json", pretty)))
	if !strings.Contains(got, `p.json item 1 (line 1) ok "P1."`) || !strings.Contains(got, `p.json item 2 (line 4) ok "P2."`) {
		t.Errorf("pretty-printed objects:\n%s", got)
	}
	cut := `[{"text": "Kept."}, {"text": "Cut`
	got = describe(readAll(t, Reader{}, write(t, dir, "cut.json", cut)))
	if !strings.Contains(got, `cut.json item 1 (line 1) ok "Kept."`) || !strings.Contains(got, "cut.json item 2 (line 1): truncated JSON") {
		t.Errorf("truncated array:\n%s", got)
	}
	// JSON Lines in a .json file
	got = describe(readAll(t, Reader{}, write(t, dir, "l.json", "{\"text\":\"L1.\"}\n{\"text\":\"L2.\"}\n")))
	if !strings.Contains(got, `l.json:2 ok "L2."`) {
		t.Errorf("JSON Lines named .json:\n%s", got)
	}
}

func TestOversizedInputIsSkippedNotHeld(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("Lorem ipsum dolor sit amet. ", (MaxArticleBytes/28)+10)
	mid := strings.Repeat("Lorem ipsum dolor sit amet. ", (MaxTextBytes/28)+10)
	p1 := write(t, dir, "big.txt", big)
	p2 := write(t, dir, "big.jsonl", `{"text":"small one"}`+"\n"+`{"text":"`+big+`"}`+"\n"+`{"text":"`+mid+`"}`+"\n"+`{"text":"after"}`+"\n")
	p3 := write(t, dir, "big.json", `[{"text":"`+big+`"},{"text":"after"}]`)
	got := describe(readAll(t, Reader{}, p1, p2, p3))
	for _, want := range []string{
		"big.txt: article larger than 8 MB", "big.jsonl:1 ok", "big.jsonl:2: line larger than 8 MB",
		`big.jsonl:3: "text" larger than 1 MB`, "big.jsonl:4 ok", "big.json item 1 (line 1): item larger than 8 MB",
		`big.json item 2 (line 1) ok "after"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func warcRec(typ, target, ctype string, block string) string {
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: <%s>\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, target, ctype, len(block), block)
}

func TestWARCRecords(t *testing.T) {
	dir := t.TempDir()
	page := `<html><head><title>T</title></head><body><article>` +
		strings.Repeat("<p>Foreign ministers of the Nordic countries met in Oslo on Tuesday to talk about Arctic security.</p>", 3) +
		`</article></body></html>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	chunked := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", len(page), page)
	w := warcRec("warcinfo", "", "application/warc-fields", "software: test\r\n") +
		warcRec("response", "https://a.example/plain", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"+page) +
		warcRec("response", "https://a.example/gz", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"+gz.String()) +
		warcRec("response", "https://a.example/chunked", "application/http; msgtype=response", chunked) +
		warcRec("response", "https://a.example/moved", "application/http; msgtype=response", "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n") +
		warcRec("response", "https://a.example/index", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><a href=/>x</a></body></html>") +
		"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nope\r\n\r\njunk junk\r\n\r\n" +
		warcRec("resource", "https://a.example/resource", "text/html", page) +
		"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/cut\r\nContent-Type: application/http\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n"
	got := describe(readAll(t, Reader{}, write(t, dir, "c.warc", w)))
	for _, want := range []string{
		"c.warc record 2 (https://a.example/plain) ok", "c.warc record 3 (https://a.example/gz) ok",
		"c.warc record 4 (https://a.example/chunked) ok", "c.warc record 6 (https://a.example/index): no article",
		`c.warc record 7: bad Content-Length "nope"`, "c.warc record 8 (https://a.example/resource) ok",
		"c.warc record 9 (https://a.example/cut): truncated record",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n != 7 {
		t.Errorf("%d items, want 7:\n%s", n, got)
	}
}

func TestDetectionByContent(t *testing.T) {
	dir := t.TempDir()
	page := `<!DOCTYPE html><html><body><article>` + strings.Repeat("<p>The United Nations Security Council met in New York on Friday.</p>", 3) + `</article></body></html>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"text":"from gzip"}` + "\n"))
	zw.Close()
	items := readAll(t, Reader{},
		write(t, dir, "page.txt", page),              // HTML named .txt
		write(t, dir, "noext", `[{"text":"array"}]`), // a JSON array without extension
		write(t, dir, "data.bin", gz.String()),       // gzip JSON Lines named .bin
		write(t, dir, "feed", "<rss><channel><item><description>rss</description></item></channel></rss>"),
		write(t, dir, "brace.txt", "{not json, a text}"), // text that starts with a brace
	)
	got := describe(items)
	for _, want := range []string{`page.txt ok "The United Nations`, `noext item 1 (line 1) ok "array"`,
		`data.bin:1 ok "from gzip"`, `feed item 1 ok "rss"`, `brace.txt ok "{not json, a text}"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestBadFilesInFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "Good article.")
	write(t, dir, "empty.txt", "")
	write(t, dir, "cut.txt.gz", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x0a\xc9")
	write(t, dir, "png.html", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	os.Symlink(filepath.Join(dir, "missing.txt"), filepath.Join(dir, "dangling.txt"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan []Item)
	go func() { done <- readAll(t, Reader{}, dir) }()
	var items []Item
	select {
	case items = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading the folder blocked (on the FIFO?)")
	}
	got := describe(items)
	for _, want := range []string{"a.txt ok", "cut.txt.gz: truncated gzip data", "dangling.txt: cannot open",
		"empty.txt: empty file", "fifo.txt: not a regular file", "png.html: binary data"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n != 6 {
		t.Errorf("%d items, want 6:\n%s", n, got)
	}
}

func TestURLs(t *testing.T) {
	page := `<html><head><title>P</title></head><body><article>` + strings.Repeat("<p>Chinese President Xi Jinping received the Brazilian President in Beijing.</p>", 3) + `</article></body></html>`
	feed := `<rss><channel><title>F</title><item><link>https://f.example/1</link><description>Item text.</description></item></channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/story":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, page)
		case "/old":
			http.Redirect(w, r, "/story", http.StatusMovedPermanently)
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, feed)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	var n atomic.Int64
	items := readAll(t, Reader{BytesRead: &n}, srv.URL+"/old", srv.URL+"/feed", srv.URL+"/none")
	if len(items) != 3 {
		t.Fatalf("%d items", len(items))
	}
	if a := items[0].Article; items[0].Err != nil || a.URL != srv.URL+"/story" || !strings.HasPrefix(a.Text, "Chinese President") {
		t.Errorf("page: %+v %v", a, items[0].Err)
	}
	if a := items[1].Article; items[1].Err != nil || a.URL != "https://f.example/1" || a.Text != "Item text." || a.Source != "F" {
		t.Errorf("feed: %+v %v", a, items[1].Err)
	}
	if items[2].Err == nil || !strings.Contains(items[2].Err.Error(), "404") {
		t.Errorf("404: %v", items[2].Err)
	}
	if n.Load() < int64(len(page)+len(feed)) {
		t.Errorf("BytesRead %d", n.Load())
	}
	if Size([]string{srv.URL}) != -1 {
		t.Error("Size of a URL is known")
	}
}

func TestSize(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "12345")
	write(t, dir, "sub/b.jsonl.gz", "123")
	write(t, dir, "notes.md", "1234567")
	if got := Size([]string{dir}); got != 8 {
		t.Errorf("Size = %d, want 8", got)
	}
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"2025-01-22": "2025-01-22", "2025-01-22T10:00:00+04:00": "2025-01-22T10:00:00+04:00",
		"Wed, 22 Jan 2025 10:00:00 GMT": "2025-01-22T10:00:00Z", "January 22, 2025": "2025-01-22",
		"soon": "soon", "": "",
	} {
		if got := normalizeDate(in); got != want {
			t.Errorf("normalizeDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// describe prints items one a line: "where ok "text" url published "source"" or "where: error".
func describe(items []Item) string {
	var b strings.Builder
	for _, it := range items {
		if it.Err != nil {
			fmt.Fprintf(&b, "%s: %v\n", baseWhere(it.Where), it.Err)
			continue
		}
		a := it.Article
		fmt.Fprintf(&b, "%s ok %q %s %s %q\n", baseWhere(it.Where), a.Text, a.URL, a.Published, a.Source)
	}
	return b.String()
}

// baseWhere drops the folder from a Where that starts with a file path.
func baseWhere(where string) string {
	if strings.HasPrefix(where, "http") || !strings.HasPrefix(where, "/") {
		return where
	}
	path, rest, _ := strings.Cut(where, " ")
	file, line, hasLine := strings.Cut(filepath.Base(path), ":")
	out := file
	if hasLine {
		out += ":" + line
	}
	if rest != "" {
		out += " " + rest
	}
	return out
}
