package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/newsgraph/newsgraph/news"
)

// readHTMLPage reads one web page as one article.
func readHTMLPage(src source, br *bufio.Reader, fn func(Item) error) error {
	data, more, err := limitedRead(br, MaxArticleBytes)
	if err != nil {
		return fn(Item{Where: src.where, Err: readErr(err)})
	}
	if more {
		return fn(Item{Where: src.where, Err: tooLarge("page", MaxArticleBytes)})
	}
	a, err := htmlArticle(data, src.contentType, src.url)
	return fn(Item{Article: a, Where: src.where, Err: err})
}

// minHTMLText is the least text, in bytes, that a page must hold to be taken as an article;
// a page with less (an index page, a "not found" page, a bare link list) is skipped.
const minHTMLText = 80

// htmlArticle makes an article of a web page: its main text found by readability, its title,
// publication date and publisher from the meta tags and the JSON-LD NewsArticle when there
// is one, and its URL from link rel=canonical, og:url or the JSON-LD, else pageURL (where the
// page was fetched from). contentType is the HTTP Content-Type, when known, for the charset.
func htmlArticle(data []byte, contentType, pageURL string) (news.Article, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return news.Article{}, errors.New("empty page")
	case bytes.IndexByte(data[:min(len(data), 8192)], 0) >= 0:
		return news.Article{}, errors.New("binary data, not an HTML page")
	}
	var in io.Reader = bytes.NewReader(data)
	if !utf8.Valid(data) || contentType != "" {
		// The charset from the Content-Type, a <meta charset> or a guess.
		r, err := charset.NewReader(in, contentType)
		if err != nil {
			return news.Article{}, fmt.Errorf("unknown character set: %w", err)
		}
		in = r
	}
	doc, err := html.Parse(in)
	if err != nil {
		return news.Article{}, fmt.Errorf("cannot parse the HTML: %w", err)
	}
	m := pageMetadata(doc)

	base, _ := url.Parse(pageURL)
	parser := readability.NewParser()
	parser.Logger = slog.New(slog.DiscardHandler)
	parser.MaxElemsToParse = 200000
	ra, err := parser.ParseAndMutate(doc, base)
	var text string
	if err == nil && ra.Node != nil {
		text = cleanText(render.InnerText(ra.Node))
	}
	if len(text) < minHTMLText && len(m.body) > len(text) {
		text = cleanText(m.body) // the JSON-LD articleBody
	}
	switch {
	case err != nil:
		return news.Article{}, fmt.Errorf("no article in the page: %w", err)
	case text == "":
		return news.Article{}, errors.New("no article text in the page")
	case len(text) < minHTMLText:
		return news.Article{}, fmt.Errorf("no article in the page (only %d characters of main text)", len(text))
	case len(text) > MaxTextBytes:
		return news.Article{}, tooLarge("article text", MaxTextBytes)
	}
	a := news.Article{
		Text:      text,
		Title:     firstOf(m.headline, ra.Title(), m.title),
		Published: normalizeDate(firstOf(m.published, readabilityDate(ra), m.time)),
		Source:    firstOf(m.publisher, m.siteName, ra.SiteName()),
	}
	for _, u := range []string{m.canonical, m.ogURL, m.ldURL, pageURL} {
		if u = absoluteURL(base, u); u != "" && sameSite(base, u) {
			a.URL = u
			break
		}
	}
	return a, nil
}

// sameSite tells whether the URL a page gives for itself (canonical, og:url, JSON-LD) may be
// its id. Trust model: a page speaks only for its own site. A page fetched from a host (an
// http(s) URL, a WARC record's target) names its URL only on that host (www. or not), so that
// a hostile page cannot take another site's article id and replace that article's facts; a
// page read from a file, whose origin is not known, is taken at its word.
func sameSite(base *url.URL, u string) bool {
	if base == nil || base.Host == "" {
		return true
	}
	v, err := url.Parse(u)
	if err != nil {
		return false
	}
	host := func(h string) string { return strings.TrimPrefix(strings.ToLower(h), "www.") }
	return host(v.Hostname()) == host(base.Hostname())
}

// readabilityDate is the publication date that readability found, if any.
func readabilityDate(a readability.Article) string {
	t, err := a.PublishedTime()
	if err != nil {
		return ""
	}
	return t.Format(time.RFC3339)
}

// pageMeta is what a page says about itself in its head and its JSON-LD.
type pageMeta struct {
	canonical, ogURL, title, siteName, published, time string
	// from a JSON-LD NewsArticle (or Article, ReportageNewsArticle, ...)
	ldURL, headline, publisher, body string
}

// pageMetadata reads the <link rel=canonical>, <meta> tags, the first <time datetime> and the
// JSON-LD scripts of a page.
func pageMetadata(doc *html.Node) pageMeta {
	var m pageMeta
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				if hasToken(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "meta":
				key := strings.ToLower(firstOf(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				content := strings.TrimSpace(attr(n, "content"))
				set := func(p *string) {
					if *p == "" {
						*p = content
					}
				}
				switch key {
				case "og:url":
					set(&m.ogURL)
				case "og:title":
					set(&m.title)
				case "og:site_name":
					set(&m.siteName)
				case "article:published_time", "datepublished", "date", "pubdate", "publishdate",
					"dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date":
					set(&m.published)
				}
			case "time":
				if m.time == "" {
					m.time = strings.TrimSpace(attr(n, "datetime"))
				}
			case "script":
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					m.jsonLD(n.FirstChild.Data)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

var articleTypes = regexp.MustCompile(`^(?:https?://schema\.org/)?(?:\w*NewsArticle|Article|Report|BlogPosting|LiveBlogPosting)$`)

// jsonLD takes what the first article object of a JSON-LD script says.
func (m *pageMeta) jsonLD(script string) {
	script = strings.TrimSpace(script)
	script = strings.TrimSuffix(strings.TrimPrefix(script, "<![CDATA["), "]]>")
	var v any
	if json.Unmarshal([]byte(script), &v) != nil {
		return
	}
	art := findArticleObject(v, 0)
	if art == nil || m.headline != "" {
		return
	}
	m.headline = strings.TrimSpace(str(art["headline"]))
	m.published = firstOf(m.published, str(art["datePublished"]))
	m.ldURL = firstOf(str(art["url"]), str(art["mainEntityOfPage"]))
	if me, ok := art["mainEntityOfPage"].(map[string]any); ok && m.ldURL == "" {
		m.ldURL = str(me["@id"])
	}
	switch p := art["publisher"].(type) {
	case map[string]any:
		m.publisher = strings.TrimSpace(str(p["name"]))
	case []any:
		if len(p) > 0 {
			if o, ok := p[0].(map[string]any); ok {
				m.publisher = strings.TrimSpace(str(o["name"]))
			}
		}
	case string:
		m.publisher = strings.TrimSpace(p)
	}
	m.body = str(art["articleBody"])
}

// findArticleObject finds, depth first, an object whose @type is an article type.
func findArticleObject(v any, depth int) map[string]any {
	if depth > 8 {
		return nil
	}
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if o := findArticleObject(x, depth+1); o != nil {
				return o
			}
		}
	case map[string]any:
		switch t := v["@type"].(type) {
		case string:
			if articleTypes.MatchString(t) {
				return v
			}
		case []any:
			for _, x := range t {
				if s, ok := x.(string); ok && articleTypes.MatchString(s) {
					return v
				}
			}
		}
		if g, ok := v["@graph"]; ok {
			return findArticleObject(g, depth+1)
		}
	}
	return nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// absoluteURL resolves u against base and keeps it only if it is an http(s) URL.
func absoluteURL(base *url.URL, u string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if base != nil && base.IsAbs() {
		p = base.ResolveReference(p)
	}
	if p.Scheme != "http" && p.Scheme != "https" || p.Host == "" {
		return ""
	}
	return normalizeURL(p.String())
}

// cleanText tidies text rendered from HTML: lines trimmed of trailing space, at most one
// empty line between paragraphs, no space at either end.
func cleanText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\u00a0", " "), "\n")
	var b strings.Builder
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank {
				b.WriteString("\n")
			}
		}
		blank = false
		b.WriteString(l)
	}
	return b.String()
}

// htmlText renders an HTML fragment (a feed item's content) as plain text.
func htmlText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return cleanText(fragment)
	}
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return cleanText(fragment)
	}
	return cleanText(render.InnerText(doc))
}
