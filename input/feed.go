package input

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"github.com/newsgraph/newsgraph/news"
)

// Feeds are read as a stream, one item at a time, so that a feed of any length is never held
// whole, an item that cannot be read is skipped alone, and the items before a place where
// the file is cut off are kept. encoding/xml finds the items; gofeed reads each one (dates in
// their many forms, content:encoded, Atom content and summary, HTML entities), given the item
// inside a copy of the feed's root element so that namespace prefixes still resolve.

type feedKind int

const (
	rss  feedKind = iota + 1 // RSS 0.9x and 2.0: <rss><channel><item>
	rdf                      // RSS 1.0: <rdf:RDF><channel/><item>
	atom                     // Atom: <feed><entry>
)

// readFeed reads an RSS or Atom feed: one article per item, with the item's full content
// when it has one, else its summary (description).
func readFeed(src source, br *bufio.Reader, fn func(Item) error) error {
	var in io.Reader = br
	if head, _ := br.Peek(512); len(head) > 0 {
		if label := xmlEncoding(head); label != "" {
			r, err := charset.NewReaderLabel(label, br)
			if err != nil {
				return fn(Item{Where: src.where, Err: fmt.Errorf("unknown character encoding %q", label)})
			}
			in = r
		}
	}
	rec := &recorder{r: bufio.NewReaderSize(in, 64<<10)}
	d := xml.NewDecoder(rec)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil } // converted above

	f := feedReader{src: src, fn: fn}
	var stack []string // local names of the open elements
	for {
		start := d.InputOffset()
		rec.trim(start)
		tok, err := d.Token()
		if err == io.EOF {
			switch {
			case f.kind == 0:
				return fn(Item{Where: src.where, Err: errors.New("not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> element)")})
			case f.items == 0:
				return fn(Item{Where: src.where, Err: errors.New("the feed has no items")})
			}
			return nil
		}
		if err != nil {
			return fn(Item{Where: f.after(), Err: xmlErr(err)})
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			if _, end := tok.(xml.EndElement); end && len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		name := strings.ToLower(t.Name.Local)
		depth := len(stack)
		if depth == 0 {
			if f.kind == 0 {
				switch name {
				case "rss":
					f.kind = rss
				case "rdf":
					f.kind = rdf
				case "feed":
					f.kind = atom
				default:
					return fn(Item{Where: src.where, Err: fmt.Errorf("not an RSS or Atom feed (its root element is <%s>)", t.Name.Local)})
				}
				f.root, _ = rec.slice(start, d.InputOffset())
			}
		}
		parent := ""
		if depth > 0 {
			parent = stack[depth-1]
		}
		switch {
		case f.kind == rss && depth == 1 && name == "channel":
			f.channel, _ = rec.slice(start, d.InputOffset())
		case f.isItem(name, parent, depth):
			f.items++
			rec.over = false
			err := d.Skip()
			if err != nil {
				return fn(Item{Where: f.where(), Err: xmlErr(err)})
			}
			it := Item{Where: f.where()}
			raw, ok := rec.slice(start, d.InputOffset())
			if !ok {
				it.Err = tooLarge("item", MaxArticleBytes)
			} else {
				it.Article, it.Err = f.article(raw)
			}
			if err := fn(it); err != nil {
				return err
			}
			continue
		case name == "title" && f.title == "" && (parent == "channel" || f.kind == atom && depth == 1):
			var s string
			if err := d.DecodeElement(&s, &t); err != nil {
				return fn(Item{Where: f.after(), Err: xmlErr(err)})
			}
			f.title = oneLine(htmlText(s))
			continue
		}
		stack = append(stack, name)
	}
}

// feedReader is the state of one feed being read.
type feedReader struct {
	src           source
	fn            func(Item) error
	kind          feedKind
	root, channel string // the raw start tags of the root and <channel> elements
	title         string // the feed's title: the articles' source
	items         int
}

func (f *feedReader) isItem(name, parent string, depth int) bool {
	switch f.kind {
	case rss:
		return name == "item" && (parent == "channel" || depth == 1)
	case rdf:
		return name == "item" && (depth == 1 || parent == "channel")
	case atom:
		return name == "entry" && depth == 1
	}
	return false
}

func (f *feedReader) where() string { return fmt.Sprintf("%s item %d", f.src.where, f.items) }

func (f *feedReader) after() string {
	if f.items == 0 {
		return f.src.where
	}
	return fmt.Sprintf("%s after item %d", f.src.where, f.items)
}

// article reads one item, given as its raw XML.
func (f *feedReader) article(raw string) (news.Article, error) {
	rootName := rawName(f.root)
	var doc strings.Builder
	doc.WriteString(f.root)
	if f.kind == rss {
		doc.WriteString(firstOf(f.channel, "<channel>"))
		doc.WriteString(raw)
		doc.WriteString("</" + rawName(firstOf(f.channel, "<channel>")) + ">")
	} else {
		doc.WriteString(raw)
	}
	doc.WriteString("</" + rootName + ">")
	feed, err := gofeed.NewParser().ParseString(doc.String())
	if err != nil || len(feed.Items) == 0 {
		if err == nil {
			err = errors.New("no item found")
		}
		return news.Article{}, fmt.Errorf("cannot read the item: %v", err)
	}
	it := feed.Items[0]
	text := htmlText(it.Content)
	if text == "" {
		text = htmlText(it.Description)
	}
	switch {
	case text == "":
		return news.Article{}, errors.New("no text (the item has neither content nor a description)")
	case len(text) > MaxTextBytes:
		return news.Article{}, tooLarge("item text", MaxTextBytes)
	}
	a := news.Article{Text: text, Title: oneLine(htmlText(it.Title)), Source: f.title}
	for _, u := range append([]string{it.Link}, it.Links...) {
		if u = absoluteURL(nil, u); u != "" {
			a.URL = u
			break
		}
	}
	if a.URL == "" && strings.HasPrefix(it.GUID, "http") {
		a.URL = absoluteURL(nil, it.GUID)
	}
	switch {
	case it.PublishedParsed != nil:
		a.Published = it.PublishedParsed.Format(time.RFC3339)
	case it.UpdatedParsed != nil:
		a.Published = it.UpdatedParsed.Format(time.RFC3339)
	default:
		a.Published = normalizeDate(firstOf(it.Published, it.Updated))
	}
	return a, nil
}

// rawName is the element name of a raw start tag ("<rdf:RDF xmlns...>" gives "rdf:RDF").
func rawName(tag string) string {
	tag = strings.TrimPrefix(tag, "<")
	if i := strings.IndexAny(tag, " \t\r\n/>"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func xmlErr(err error) error {
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF"), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("truncated XML: the file ends inside an element (line %d)", lineOf(err))
	case errors.As(err, new(gzipError)):
		return err
	case se != nil:
		return fmt.Errorf("invalid XML: %s (line %d)", se.Msg, se.Line)
	}
	return readErr(err)
}

func lineOf(err error) int {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Line
	}
	return 0
}

var xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// xmlEncoding returns the encoding named by an XML declaration when it is not UTF-8.
func xmlEncoding(head []byte) string {
	m := xmlDecl.FindSubmatch(bytes.TrimPrefix(head, utf8BOM))
	if m == nil {
		return ""
	}
	switch l := strings.ToLower(string(m[1])); l {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return ""
	default:
		return l
	}
}

// recorder keeps the bytes that an xml.Decoder reads from a given offset on, so that an
// element's raw text can be taken once the decoder has passed it. It keeps at most about
// MaxArticleBytes; past that, over is set and the earlier bytes are dropped.
type recorder struct {
	r    *bufio.Reader
	buf  []byte
	base int64 // the stream offset of buf[0]
	over bool
}

func (r *recorder) ReadByte() (byte, error) {
	c, err := r.r.ReadByte()
	if err == nil {
		r.keep(c)
	}
	return c, err
}

func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	for _, c := range p[:n] {
		r.keep(c)
	}
	return n, err
}

func (r *recorder) keep(c byte) {
	if len(r.buf) >= MaxArticleBytes+4096 {
		r.over = true
		r.base += int64(len(r.buf))
		r.buf = r.buf[:0]
	}
	r.buf = append(r.buf, c)
}

// trim drops the bytes before offset off.
func (r *recorder) trim(off int64) {
	if k := off - r.base; k > 0 && k <= int64(len(r.buf)) {
		n := copy(r.buf, r.buf[k:])
		r.buf = r.buf[:n]
		r.base = off
	}
	if cap(r.buf) > 1<<20 && len(r.buf) < 4096 {
		r.buf = append([]byte(nil), r.buf...) // let a large item's buffer go
	}
}

// slice returns the bytes from offset from to offset to, if they are still kept.
func (r *recorder) slice(from, to int64) (string, bool) {
	if from < r.base || to-r.base > int64(len(r.buf)) || from > to {
		return "", false
	}
	return string(r.buf[from-r.base : to-r.base]), true
}
