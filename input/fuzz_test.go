package input

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz targets, one per reader and one for the whole detection path. Run one with, e.g.,
//
//	go test ./input -run '^$' -fuzz '^FuzzFeed$' -fuzztime 2m
//
// Inputs that crashed a reader once are kept in testdata/fuzz/<target> and run by go test.

// checkItems asserts what every reader promises: no panic (the fuzzer sees that), a place
// named for every item, a reason for every skipped one, and for every article a text that is
// valid UTF-8, not empty and within MaxTextBytes.
func checkItems(t *testing.T, read func(fn func(Item) error) error) {
	t.Helper()
	// Go's fuzzer has no time limit per input: a reader that loops for ever would stall it
	// in silence. Crash instead, so that the input is kept.
	watchdog := time.AfterFunc(20*time.Second, func() { panic("one input took more than 20 s: a reader hangs") })
	defer watchdog.Stop()
	err := read(func(it Item) error {
		if it.Where == "" {
			t.Errorf("an item names no place: %+v", it)
		}
		if it.Err != nil {
			if it.Err.Error() == "" {
				t.Errorf("%s: empty reason", it.Where)
			}
			return nil
		}
		a := it.Article
		switch {
		case strings.TrimSpace(a.Text) == "":
			t.Errorf("%s: empty text", it.Where)
		case len(a.Text) > MaxTextBytes:
			t.Errorf("%s: text of %d bytes", it.Where, len(a.Text))
		case !utf8.ValidString(a.Text):
			t.Errorf("%s: text is not UTF-8", it.Where)
		}
		return nil
	})
	if err != nil {
		t.Errorf("reader error: %v", err)
	}
}

func stream(data []byte) *bufio.Reader { return bufio.NewReaderSize(bytes.NewReader(data), 64<<10) }

func addFiles(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(p)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
}

func FuzzText(f *testing.F) {
	addFiles(f, "testdata/story.txt", "testdata/mixed/*.txt")
	f.Add([]byte("Title: T\nURL: http://x/\n\nBody"))
	f.Add([]byte("Date: \xff\n\nb"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkItems(t, func(fn func(Item) error) error { return readText(source{where: "f.txt"}, stream(data), fn) })
	})
}

func FuzzJSONLines(f *testing.F) {
	addFiles(f, "testdata/mixed/*.jsonl")
	f.Add([]byte(`{"text":"a","id":"x"}` + "\n" + `{"title":1}` + "\n" + `{"text": "trunc`))
	f.Add([]byte("\ufeff{\"text\":\"\\u0000\"}\n[1]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkItems(t, func(fn func(Item) error) error { return readJSONLines(source{where: "f.jsonl"}, stream(data), fn) })
	})
}

func FuzzJSONValues(f *testing.F) {
	addFiles(f, "testdata/mixed/*.json")
	f.Add([]byte(`[{"text":"a"},{"text":"b\"]"}, "s", 1, null, [], {"text":"c"}]`))
	f.Add([]byte("{\n\"text\": \"p\"\n}\n{\"text\":\"q\"}"))
	f.Add([]byte(`[{"text":"a"`))
	f.Add([]byte(`]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkItems(t, func(fn func(Item) error) error { return readJSONValues(source{where: "f.json"}, stream(data), fn) })
	})
}

func FuzzHTML(f *testing.F) {
	addFiles(f, "testdata/mixed/*.html")
	f.Add([]byte(`<html><head><link rel=canonical href="//x/y"><script type="application/ld+json">[{"@type":"NewsArticle","headline":"h","articleBody":"` +
		strings.Repeat("Body text. ", 10) + `","publisher":[{"name":"p"}]}]</script></head><body></body></html>`))
	f.Add([]byte(`<meta charset="iso-8859-1"><p>caf` + "\xe9" + `</p>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkItems(t, func(fn func(Item) error) error {
			return readHTMLPage(source{where: "f.html", url: "https://example.org/a"}, stream(data), fn)
		})
	})
}

func FuzzFeed(f *testing.F) {
	addFiles(f, "testdata/mixed/*.rss", "testdata/mixed/*.atom")
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item><description>d</description></item></rdf:RDF>`))
	f.Add([]byte(`<rss><channel><title>&amp;</title><item><description>a</description></item><item><title>x</tit`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">&lt;p&gt;x</content></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkItems(t, func(fn func(Item) error) error { return readFeed(source{where: "f.rss"}, stream(data), fn) })
	})
}

func FuzzWARC(f *testing.F) {
	addFiles(f, "testdata/mixed/*.warc")
	page := "<html><body><article>" + strings.Repeat("<p>Some words of news text here.</p>", 5) + "</article></body></html>"
	f.Add([]byte(warcRec("response", "https://a.example/", "application/http; msgtype=response",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<html\r\n0\r\n\r\n") +
		warcRec("resource", "https://b.example/", "text/html", page)))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nx"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkItems(t, func(fn func(Item) error) error { return readWARC(source{where: "f.warc"}, stream(data), fn) })
	})
}

// FuzzDetect runs the whole path a file takes: gzip, format detection, the format's reader.
func FuzzDetect(f *testing.F) {
	files, _ := filepath.Glob("testdata/mixed/*")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, filepath.Base(name))
		}
	}
	f.Add([]byte(""), "x.txt")
	f.Add([]byte("[ {"), "x")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		checkItems(t, func(fn func(Item) error) error {
			return Reader{}.readStream(source{where: "f", name: name}, bytes.NewReader(data), fn)
		})
	})
}
