package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/news"
)

// jsonArticle is the JSON form of an article: {"id", "title", "text", "url", "source",
// "published"}; only "text" is required.
type jsonArticle struct {
	ID        *string `json:"id"`
	Title     string  `json:"title"`
	Text      *string `json:"text"`
	URL       string  `json:"url"`
	Source    string  `json:"source"`
	Published string  `json:"published"`
}

// readJSONLines reads one article object per line; a bad line is skipped and the next read.
func readJSONLines(src source, br *bufio.Reader, fn func(Item) error) error {
	line := 0
	for {
		b, long, err := readLine(br)
		if err != nil && err != io.EOF {
			// The stream broke (a truncated gzip file, a read error): what was read of this
			// line is lost with the rest of the stream.
			return fn(Item{Where: fmt.Sprintf("%s:%d", src.where, line+1), Err: readErr(err)})
		}
		if len(b) > 0 || long || err == nil {
			line++
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, utf8BOM)
		}
		if long || len(bytes.TrimSpace(b)) > 0 {
			it := Item{Where: fmt.Sprintf("%s:%d", src.where, line)}
			if long {
				it.Err = tooLarge("line", MaxArticleBytes)
			} else {
				it.Article, it.Err = parseJSONArticle(b)
			}
			if e := fn(it); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line of any length, holding at most MaxArticleBytes of it; long says
// the line was longer (its start is dropped).
func readLine(br *bufio.Reader) (line []byte, long bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !long && len(buf)+len(chunk) <= MaxArticleBytes {
			buf = append(buf, chunk...)
		} else if !long {
			long, buf = true, nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return buf, long, err
	}
}

// parseJSONArticle reads one article object.
func parseJSONArticle(b []byte) (news.Article, error) {
	if !utf8.Valid(b) {
		return news.Article{}, errors.New("not valid UTF-8")
	}
	t := bytes.TrimSpace(b)
	if len(t) > 0 && t[0] != '{' {
		if json.Valid(t) {
			return news.Article{}, fmt.Errorf("not an article object (found %s)", jsonKind(t[0]))
		}
		return news.Article{}, errors.New("invalid JSON: not an object")
	}
	var j jsonArticle
	if err := json.Unmarshal(t, &j); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return news.Article{}, fmt.Errorf("field %q is a JSON %s, want %s", te.Field, te.Value, te.Type)
		}
		if err.Error() == "unexpected end of JSON input" {
			return news.Article{}, errors.New("invalid JSON: truncated object")
		}
		return news.Article{}, fmt.Errorf("invalid JSON: %v", strings.TrimPrefix(err.Error(), "json: "))
	}
	if j.Text == nil {
		return news.Article{}, errors.New(`no "text" field`)
	}
	if strings.TrimSpace(*j.Text) == "" {
		return news.Article{}, errors.New(`empty "text"`)
	}
	if len(*j.Text) > MaxTextBytes {
		return news.Article{}, tooLarge(`"text"`, MaxTextBytes)
	}
	if strings.IndexByte(*j.Text, 0) >= 0 {
		return news.Article{}, errors.New(`"text" holds binary data (NUL characters)`)
	}
	a := news.Article{Title: j.Title, Text: *j.Text, URL: normalizeURL(j.URL), Source: j.Source, Published: normalizeDate(j.Published)}
	if j.ID != nil {
		a.ID = *j.ID
	}
	return a, nil
}

func jsonKind(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// readJSONValues reads JSON values one after another: a JSON array of article objects (its
// items one at a time, never the whole array), or objects following each other
// (pretty-printed or not). Each item is held alone; one that is bad is skipped and the next
// one read, as long as the brackets still balance.
func readJSONValues(src source, br *bufio.Reader, fn func(Item) error) error {
	s := &jsonScanner{br: br, line: 1}
	s.skipBOM()
	item := 0
	where := func(line int) string { return fmt.Sprintf("%s item %d (line %d)", src.where, item, line) }
	emit := func(v jsonValue) error {
		item++
		it := Item{Where: where(v.line)}
		switch {
		case v.err != nil:
			it.Err = v.err
		case v.long:
			it.Err = tooLarge("item", MaxArticleBytes)
		default:
			it.Article, it.Err = parseJSONArticle(v.data)
		}
		return fn(it)
	}
	for {
		c, err := s.next()
		if err == io.EOF {
			if item == 0 {
				return fn(Item{Where: src.where, Err: errors.New("no JSON value in the file")})
			}
			return nil
		}
		if err != nil {
			return fn(Item{Where: src.where, Err: readErr(err)})
		}
		if c != '[' {
			s.unread(c)
			v := s.value()
			if err := emit(v); err != nil || v.fatal {
				return err
			}
			continue
		}
		// An array: its items are articles.
		for first := true; ; first = false {
			c, err := s.next()
			if err != nil {
				item++
				return fn(Item{Where: where(s.line), Err: truncated(err, "the array is not closed")})
			}
			if c == ']' {
				break
			}
			if !first {
				if c != ',' {
					item++
					return fn(Item{Where: where(s.line), Err: fmt.Errorf("invalid JSON: %q where a comma or ] was expected", c)})
				}
				if c, err = s.next(); err != nil {
					item++
					return fn(Item{Where: where(s.line), Err: truncated(err, "the array is not closed")})
				}
			}
			s.unread(c)
			v := s.value()
			if err := emit(v); err != nil || v.fatal {
				return err
			}
		}
	}
}

func truncated(err error, what string) error {
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("truncated JSON: the file ends here (%s)", what)
	}
	return readErr(err)
}

// jsonScanner splits a JSON stream into values without decoding them, keeping at most
// MaxArticleBytes of any one.
type jsonScanner struct {
	br     *bufio.Reader
	line   int
	peeked int // a byte given back by unread, plus one; 0 when there is none
}

type jsonValue struct {
	data  []byte
	line  int   // where the value starts
	long  bool  // longer than MaxArticleBytes: data is nil
	err   error // the value could not be delimited
	fatal bool  // and nothing after it can be read
}

func (s *jsonScanner) skipBOM() {
	if b, _ := s.br.Peek(3); bytes.Equal(b, utf8BOM) {
		s.br.Discard(3)
	}
}

func (s *jsonScanner) readByte() (byte, error) {
	if s.peeked != 0 {
		c := byte(s.peeked - 1)
		s.peeked = 0
		return c, nil
	}
	c, err := s.br.ReadByte()
	if c == '\n' && err == nil {
		s.line++
	}
	return c, err
}

func (s *jsonScanner) unread(c byte) { s.peeked = int(c) + 1 }

// next returns the next byte that is not white space.
func (s *jsonScanner) next() (byte, error) {
	for {
		c, err := s.readByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c, nil
	}
}

// value reads one value that starts at the next byte.
func (s *jsonScanner) value() jsonValue {
	v := jsonValue{line: s.line}
	add := func(c byte) {
		if v.long {
			return
		}
		if len(v.data) >= MaxArticleBytes {
			v.long, v.data = true, nil
			return
		}
		v.data = append(v.data, c)
	}
	depth, inString, escaped := 0, false, false
	for {
		c, err := s.readByte()
		if err != nil {
			if err == io.EOF && depth == 0 && !inString && len(v.data) > 0 {
				return v // a scalar at the very end
			}
			v.err, v.fatal, v.data = truncated(err, "inside this item"), true, nil
			return v
		}
		if inString {
			add(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				if depth == 0 {
					return v
				}
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				// the end of an enclosing array (or a stray bracket)
				s.unread(c)
				return s.scalarEnd(v)
			}
			depth--
			if depth == 0 {
				add(c)
				return v
			}
		case ',', ' ', '\t', '\r', '\n':
			if depth == 0 {
				s.unread(c)
				return s.scalarEnd(v)
			}
		}
		add(c)
	}
}

// scalarEnd ends a value that is not an object, array or string.
func (s *jsonScanner) scalarEnd(v jsonValue) jsonValue {
	if len(v.data) == 0 && !v.long {
		c, _ := s.readByte()
		v.err, v.fatal = fmt.Errorf("invalid JSON: unexpected %q", c), true
	}
	return v
}
