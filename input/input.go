// Package input reads news articles as they arrive: plain-text articles (with an optional
// Title/URL/Date/Source header block), HTML pages, RSS and Atom feeds, JSON Lines and JSON
// arrays, WARC files from news crawls, gzip-compressed versions of all of these, standard
// input and http(s) URLs. The format is found from the content as well as from the name.
//
// It streams: a corpus is never held in memory whole, only one article (at most
// MaxArticleBytes of input) at a time. Input that cannot be read is reported as an Item with
// Err set, naming the file and the line, item or record, and reading goes on.
package input

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/newsgraph/newsgraph/news"
)

// MaxArticleBytes bounds the input of one article: a text file, a JSON line or array item, an
// HTML page, a feed item, a WARC record. Larger ones are skipped with a reason, never held
// in memory whole.
const MaxArticleBytes = 8 << 20

// MaxTextBytes bounds the text of one article after it is read (the body that the extractor
// works on). The longest news stories are some 100 KB of text; extraction is linear in the
// text's length (about 0.5 ms per KB), so the bound keeps one article's work under a second.
const MaxTextBytes = 1 << 20

// Item is one article read, or the reason one could not be read.
type Item struct {
	Article news.Article
	Where   string // "file.jsonl:12", "a.txt", "stdin:3", "feed.xml item 2", "crawl.warc.gz record 7 (https://...)"
	Err     error  // set when the article was skipped
}

// Reader reads articles from paths: files, folders, "-" for Stdin, http(s) URLs.
type Reader struct {
	Stdin io.Reader    // what "-" reads; nil means os.Stdin
	HTTP  *http.Client // fetches URLs; nil means a client with a one-minute timeout
	// BytesRead, when not nil, is increased by the bytes read from files, standard input and
	// URLs (compressed bytes for compressed files): a measure of progress against Size.
	BytesRead *atomic.Int64
}

var defaultClient = &http.Client{Timeout: time.Minute}

// Read calls fn for every article (or skipped article) under paths, in order: files and URLs
// as given, folders walked recursively in name order (only files whose name says they hold
// articles, see Supported). It stops early when fn returns an error, and returns an error
// only for a path that does not exist or cannot be listed, or for fn's error.
func (r Reader) Read(paths []string, fn func(Item) error) error {
	for _, p := range paths {
		if err := r.readPath(p, fn); err != nil {
			return err
		}
	}
	return nil
}

func (r Reader) readPath(p string, fn func(Item) error) error {
	switch {
	case p == "-":
		in := r.Stdin
		if in == nil {
			in = os.Stdin
		}
		return r.readStream(source{where: "stdin"}, in, fn)
	case isURL(p):
		return r.readURL(p, fn)
	}
	st, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("%s: %w", p, unwrapPath(err))
	}
	if !st.IsDir() {
		return r.readFile(p, fn)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == p {
				return fmt.Errorf("%s: %w", path, unwrapPath(err))
			}
			// A sub-folder that cannot be listed is skipped; the walk goes on.
			return fn(Item{Where: path, Err: fmt.Errorf("cannot list folder: %w", unwrapPath(err))})
		}
		if d.IsDir() || !Supported(path) {
			return nil
		}
		if !d.Type().IsRegular() {
			// A FIFO or a device would block or never end; a symbolic link is read when it
			// leads to a regular file.
			st, err := os.Stat(path)
			switch {
			case err != nil:
				return fn(Item{Where: path, Err: fmt.Errorf("cannot open: %w", unwrapPath(err))})
			case !st.Mode().IsRegular():
				return fn(Item{Where: path, Err: errors.New("not a regular file")})
			}
		}
		return r.readFile(path, fn)
	})
}

// unwrapPath drops the *fs.PathError around err: the caller names the path itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Supported reports whether a file met in a folder is read as articles, by its name:
// .txt .text .jsonl .ndjson .json .html .htm .xhtml .rss .atom .xml .warc, each optionally
// followed by .gz. Files named on the command line are read whatever their name.
func Supported(path string) bool {
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(name, ".gz")
	_, ok := extFormats[filepath.Ext(name)]
	return ok
}

// Size returns the total size in bytes of the files that Read would read under paths, or -1
// when it cannot be known cheaply (standard input, URLs). It is meant for progress reports.
func Size(paths []string) int64 {
	var total int64
	for _, p := range paths {
		if p == "-" || isURL(p) {
			return -1
		}
		st, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !st.IsDir() {
			total += st.Size()
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && Supported(path) {
				if info, err := d.Info(); err == nil && info.Mode().IsRegular() {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return total
}

func (r Reader) readFile(path string, fn func(Item) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(Item{Where: path, Err: fmt.Errorf("cannot open: %w", unwrapPath(err))})
	}
	defer f.Close()
	return r.readStream(source{where: path, name: path}, f, fn)
}

func isURL(p string) bool {
	l := strings.ToLower(p)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// readURL fetches an http(s) page, feed or file and reads it like a file of the same content.
func (r Reader) readURL(u string, fn func(Item) error) error {
	c := r.HTTP
	if c == nil {
		c = defaultClient
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return fn(Item{Where: u, Err: fmt.Errorf("bad URL: %w", err)})
	}
	req.Header.Set("User-Agent", "newsgraph (+https://github.com/newsgraph/newsgraph)")
	req.Header.Set("Accept", "text/html, application/rss+xml, application/atom+xml, application/xml, application/json, text/plain;q=0.9, */*;q=0.5")
	resp, err := c.Do(req)
	if err != nil {
		return fn(Item{Where: u, Err: fmt.Errorf("cannot fetch: %w", errors.Unwrap(err))})
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fn(Item{Where: u, Err: fmt.Errorf("cannot fetch: HTTP %s", resp.Status)})
	}
	src := source{where: u, name: resp.Request.URL.Path, url: resp.Request.URL.String(),
		contentType: resp.Header.Get("Content-Type")}
	return r.readStream(src, resp.Body, fn)
}

// source describes where a stream comes from.
type source struct {
	where       string // for messages: a file name, a URL, "stdin"
	name        string // a file or URL path whose extension hints at the format; "" for none
	url         string // the address the content was fetched from: the default URL of an HTML page
	contentType string // an HTTP Content-Type, when known
}

// readStream reads one file or stream: gzip is undone, then the format is found from the
// content and the name, and the format's reader called.
func (r Reader) readStream(src source, in io.Reader, fn func(Item) error) error {
	if r.BytesRead != nil {
		in = &countingReader{r: in, n: r.BytesRead}
	}
	br := bufio.NewReaderSize(in, 64<<10)
	if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fn(Item{Where: src.where, Err: fmt.Errorf("bad gzip data: %w", err)})
		}
		defer zr.Close()
		src.name = strings.TrimSuffix(strings.ToLower(src.name), ".gz")
		src.contentType = ""
		br = bufio.NewReaderSize(gzipErrors{zr}, 64<<10)
	}
	format := detect(br, src)
	switch format {
	case formatJSONLines:
		return readJSONLines(src, br, fn)
	case formatJSON:
		return readJSONValues(src, br, fn)
	case formatHTML:
		return readHTMLPage(src, br, fn)
	case formatFeed:
		return readFeed(src, br, fn)
	case formatWARC:
		return readWARC(src, br, fn)
	case formatEmpty:
		return fn(Item{Where: src.where, Err: errors.New("empty file")})
	case formatBinary:
		return fn(Item{Where: src.where, Err: errors.New("binary data, not an article (no known format)")})
	}
	return readText(src, br, fn)
}

// countingReader adds the bytes it reads to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// gzipErrors says "truncated gzip data" rather than "unexpected EOF".
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = errTruncatedGzip
		} else {
			err = gzipError{"bad gzip data: " + err.Error()}
		}
	}
	return n, err
}

// gzipError is an error in compressed data, worded for a person.
type gzipError struct{ msg string }

func (e gzipError) Error() string { return e.msg }

var errTruncatedGzip error = gzipError{"truncated gzip data: the file ends in the middle"}

// readErr words an error met while reading a stream.
func readErr(err error) error {
	var ge gzipError
	if errors.As(err, &ge) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the file ends in the middle of it (truncated)")
	}
	return fmt.Errorf("read error: %w", err)
}

// limitedRead reads at most max bytes of r, and says whether there was more.
func limitedRead(r io.Reader, max int) (data []byte, more bool, err error) {
	data, err = io.ReadAll(io.LimitReader(r, int64(max)+1))
	if len(data) > max {
		return data[:max], true, err
	}
	return data, false, err
}

func tooLarge(what string, max int) error {
	return fmt.Errorf("%s larger than %s (the limit for one article)", what, sizeString(max))
}

func sizeString(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}
