package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"mime"
	"path/filepath"
	"strings"
)

// format is how a stream holds its articles.
type format int

const (
	formatText      format = iota // one article, optionally with a header block
	formatJSONLines               // one JSON article object per line
	formatJSON                    // a JSON array of article objects, or objects one after another
	formatHTML                    // one web page
	formatFeed                    // RSS or Atom: one article per item
	formatWARC                    // a web archive: one article per HTML response record
	formatEmpty                   // no bytes at all
	formatBinary                  // none of the above
)

var formatNames = [...]string{"text", "JSON Lines", "JSON", "HTML", "feed", "WARC", "empty", "binary"}

func (f format) String() string { return formatNames[f] }

// extFormats maps a file extension (after any .gz) to the format it announces.
var extFormats = map[string]format{
	".txt": formatText, ".text": formatText,
	".jsonl": formatJSONLines, ".ndjson": formatJSONLines, ".json": formatJSON,
	".html": formatHTML, ".htm": formatHTML, ".xhtml": formatHTML,
	".rss": formatFeed, ".atom": formatFeed, ".xml": formatFeed,
	".warc": formatWARC,
}

// detect finds the format of the stream in br from its first bytes, the extension of
// src.name and src.contentType. A clear signature in the content (a WARC header, an
// <rss>/<feed> or <html> root, a JSON object or array) wins over the name; the name wins
// over weak guesses (a file that merely starts with "<", or plain text).
func detect(br *bufio.Reader, src source) format {
	if firstLineIsObject(br) {
		return formatJSONLines
	}
	b, _ := br.Peek(4096)
	if len(b) == 0 {
		return formatEmpty
	}
	sniffed, strong := sniff(b)
	hint, hinted := nameFormat(src)
	if sniffed == formatJSON || sniffed == formatJSONLines {
		// Objects: one per line (JSON Lines), or pretty-printed one after another.
		if hinted && hint == formatJSONLines {
			return formatJSONLines
		}
		return sniffed
	}
	if strong || !hinted {
		return sniffed
	}
	if hint == formatJSON && sniffed == formatText {
		// a .json file of JSON Lines, or broken JSON: read it line by line
		return formatJSONLines
	}
	return hint
}

// firstLineIsObject reports whether the stream starts with a whole line holding one JSON
// object: JSON Lines. It decides on the bytes that have arrived, without waiting for 4 KB
// or the end of the stream, so that a pipe fed one article at a time ("tail -f feed.jsonl |
// newsgraph load -") has each article read as soon as its line is complete.
func firstLineIsObject(br *bufio.Reader) bool {
	for n := 1; n <= 4096; {
		_, err := br.Peek(n)           // waits for n bytes, not for 4 KB
		b, _ := br.Peek(br.Buffered()) // and looks at all that arrived with them
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line := bytes.TrimSpace(bytes.TrimPrefix(b[:i], utf8BOM))
			return len(line) > 1 && line[0] == '{' && json.Valid(line)
		}
		if t := bytes.TrimLeft(b, " \t\r\ufeff"); err != nil || (len(t) > 0 && t[0] != '{') {
			return false // the end of the stream, or not an object: detect as before
		}
		n = len(b) + 1
	}
	return false
}

// nameFormat is the format a file name or an HTTP Content-Type announces.
func nameFormat(src source) (format, bool) {
	if f, ok := extFormats[strings.ToLower(filepath.Ext(src.name))]; ok {
		return f, true
	}
	mt, _, _ := mime.ParseMediaType(src.contentType)
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return formatHTML, true
	case mt == "application/rss+xml" || mt == "application/atom+xml" || mt == "application/rdf+xml" ||
		mt == "application/xml" || mt == "text/xml":
		return formatFeed, true
	case mt == "application/x-ndjson" || mt == "application/jsonl" || mt == "application/x-jsonlines":
		return formatJSONLines, true
	case mt == "application/json":
		return formatJSON, true
	case mt == "application/warc":
		return formatWARC, true
	case mt == "text/plain":
		return formatText, true
	}
	return formatText, false
}

// sniff guesses the format from the first bytes, and says whether the guess is a clear
// signature.
func sniff(b []byte) (f format, strong bool) {
	t := bytes.TrimLeft(bytes.TrimPrefix(b, utf8BOM), " \t\r\n")
	if len(t) == 0 {
		return formatText, false
	}
	if bytes.IndexByte(b, 0) >= 0 && !bytes.HasPrefix(t, []byte("WARC/")) {
		return formatBinary, true
	}
	switch t[0] {
	case 'W':
		if bytes.HasPrefix(t, []byte("WARC/")) {
			return formatWARC, true
		}
	case '<':
		head := bytes.ToLower(t[:min(len(t), 2048)])
		feed := firstIndex(head, "<rss", "<rdf:rdf", "<feed")
		page := firstIndex(head, "<!doctype html", "<html", "<head", "<body", "<article", "<meta ", "<title")
		switch {
		case feed >= 0 && (page < 0 || feed < page):
			return formatFeed, true
		case page >= 0:
			return formatHTML, true
		case bytes.HasPrefix(head, []byte("<?xml")):
			return formatFeed, false
		}
		return formatHTML, false
	case '[':
		if rest := bytes.TrimLeft(t[1:], " \t\r\n"); len(rest) == 0 || rest[0] == '{' || rest[0] == ']' {
			return formatJSON, true
		}
	case '{':
		if rest := bytes.TrimLeft(t[1:], " \t\r\n"); len(rest) == 0 || rest[0] == '"' || rest[0] == '}' {
			// A first line that is a whole object, or longer than what was peeked, makes
			// JSON Lines; an object spread over lines makes a pretty-printed JSON file.
			if line, _, ok := bytes.Cut(t, []byte("\n")); !ok || json.Valid(line) {
				return formatJSONLines, true
			}
			return formatJSON, true
		}
	}
	return formatText, false
}

var utf8BOM = []byte("\ufeff")

// firstIndex returns the smallest index in s of any of subs, or -1.
func firstIndex(s []byte, subs ...string) int {
	best := -1
	for _, sub := range subs {
		if i := bytes.Index(s, []byte(sub)); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}
