package input

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/news"
)

// readText reads one plain-text article: the whole stream, or what follows its header block.
func readText(src source, br *bufio.Reader, fn func(Item) error) error {
	data, more, err := limitedRead(br, MaxArticleBytes)
	if err != nil {
		return fn(Item{Where: src.where, Err: readErr(err)})
	}
	if more {
		return fn(Item{Where: src.where, Err: tooLarge("article", MaxArticleBytes)})
	}
	a, err := textArticle(data)
	if err == nil && a.URL == "" {
		a.URL = src.url
	}
	return fn(Item{Article: a, Where: src.where, Err: err})
}

// textArticle makes an article of a plain-text file. The file may start with a header block:
// lines "Title: ...", "URL: ...", "Date: ...", "Source: ..." (also "ID:", "Link:",
// "Published:", "Publisher:"; names in any case) ended by an empty line. The article's text
// is then what follows the block; else it is the whole file.
func textArticle(data []byte) (news.Article, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if err := checkText(data); err != nil {
		return news.Article{}, err
	}
	var a news.Article
	body := string(data)
	if h, rest, ok := headerBlock(body); ok {
		a = h
		body = rest
	}
	if strings.TrimSpace(body) == "" {
		return news.Article{}, errors.New("empty article (no text)")
	}
	if len(body) > MaxTextBytes {
		return news.Article{}, tooLarge("article text", MaxTextBytes)
	}
	a.Text = body
	return a, nil
}

// checkText refuses what is not text.
func checkText(data []byte) error {
	switch {
	case bytes.IndexByte(data, 0) >= 0:
		return errors.New("binary data, not text")
	case !utf8.Valid(data):
		return errors.New("not valid UTF-8 text (convert it to UTF-8 first)")
	case len(bytes.TrimSpace(data)) == 0:
		return errors.New("empty article")
	}
	return nil
}

// headerBlock reads the header block at the start of s: one or more "Name: value" lines of
// known names, then an empty line. It returns the fields and the text after the empty line.
func headerBlock(s string) (a news.Article, rest string, ok bool) {
	i, n := 0, 0
	for i < len(s) {
		end := strings.IndexByte(s[i:], '\n')
		if end < 0 {
			return a, "", false // no empty line ends the block
		}
		line := strings.TrimRight(s[i:i+end], "\r")
		i += end + 1
		if strings.TrimSpace(line) == "" {
			if n == 0 {
				return a, "", false
			}
			return a, strings.TrimLeft(s[i:], "\r\n"), true
		}
		name, value, found := strings.Cut(line, ":")
		if !found {
			return a, "", false
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "title", "headline":
			a.Title = value
		case "url", "link":
			a.URL = normalizeURL(value)
		case "date", "published":
			a.Published = normalizeDate(value)
		case "source", "publisher":
			a.Source = value
		case "id":
			a.ID = value
		default:
			return a, "", false
		}
		n++
	}
	return a, "", false
}
