// Command genmixed writes input/testdata/mixed: one news story (../story.txt) in every
// format that newsgraph reads, each copy giving the story the same URL, plus a second story
// in the feeds. Run from the repository root:
//
//	go run ./input/testdata/genmixed
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"log"
	"os"
	"path/filepath"
	"strings"
)

const (
	dir       = "input/testdata/mixed"
	url       = "https://news.example.org/2025/03/03/bayramov-nato-delegation"
	title     = "Bayramov receives NATO delegation in Baku"
	published = "2025-03-03T09:30:00Z"
	publisher = "Example News Agency"
	url2      = "https://news.example.org/2025/03/04/tbilisi-talks"
	title2    = "NATO delegation holds talks in Tbilisi"
	text2     = "TBILISI, Georgia, March 5. Georgian Prime Minister Irakli Kobakhidze met a NATO delegation led by Javier Colomina in Tbilisi on Wednesday. They discussed the Partnership for Peace programme and the security of the Black Sea."
)

func main() {
	story, err := os.ReadFile("input/testdata/story.txt")
	if err != nil {
		log.Fatal(err)
	}
	text := strings.TrimSpace(string(story))
	paras := strings.Split(text, "\n\n")
	os.MkdirAll(dir, 0o755)

	// Plain text with a header block.
	txt := fmt.Sprintf("Title: %s\nURL: %s\nDate: 2025-03-03\nSource: %s\n\n%s\n", title, url, publisher, text)
	write("01-story.txt", []byte(txt))

	// An HTML page: navigation, the story, a footer, metadata in meta tags and JSON-LD.
	page := htmlPage(paras)
	write("02-story.html", []byte(page))
	write("03-story-copy.html.gz", gz([]byte(page)))

	// RSS 2.0 with full content, and an Atom feed with a summary only.
	write("04-feed.rss", []byte(rssFeed(paras)))
	write("05-feed.atom", []byte(atomFeed(text)))

	// JSON Lines, a JSON array, gzip JSON Lines.
	obj, _ := json.Marshal(map[string]string{"title": title, "text": text, "url": url, "source": publisher, "published": published})
	write("06-story.jsonl", append(obj, '\n'))
	write("07-story.json", []byte("[\n  "+string(obj)+"\n]\n"))
	write("08-story.jsonl.gz", gz(append(obj, '\n')))

	// A WARC file as a crawler writes it, and the same gzipped per record.
	recs := [][]byte{
		warcRecord("warcinfo", "", "application/warc-fields", []byte("software: genmixed\r\nformat: WARC File Format 1.1\r\n")),
		warcRecord("request", url, "application/http; msgtype=request", []byte("GET /2025/03/03/bayramov-nato-delegation HTTP/1.1\r\nHost: news.example.org\r\n\r\n")),
		warcRecord("response", url, "application/http; msgtype=response", httpResponse("text/html; charset=utf-8", []byte(page))),
		warcRecord("response", "https://news.example.org/logo.png", "application/http; msgtype=response", httpResponse("image/png", []byte("\x89PNG\r\n\x1a\n\x00\x00"))),
	}
	write("09-crawl.warc", bytes.Join(recs, nil))
	var wgz []byte
	for _, r := range recs {
		wgz = append(wgz, gz(r)...)
	}
	write("10-crawl.warc.gz", wgz)
}

func write(name string, data []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func htmlPage(paras []string) string {
	var body strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&body, "      <p>%s</p>\n", html.EscapeString(p))
	}
	ld, _ := json.Marshal(map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
		"datePublished": published, "url": url,
		"publisher": map[string]any{"@type": "Organization", "name": publisher},
	})
	return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>` + title + ` | Example News</title>
  <link rel="canonical" href="` + url + `">
  <meta property="og:title" content="` + title + `">
  <meta property="og:site_name" content="Example News">
  <meta property="article:published_time" content="` + published + `">
  <script type="application/ld+json">` + string(ld) + `</script>
  <script>window.analytics = {};</script>
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
  <main>
    <article>
      <h1>` + title + `</h1>
      <div class="byline">By Staff Reporter</div>
` + body.String() + `    </article>
  </main>
  <aside class="sidebar"><h2>Most read</h2><ul><li><a href="/a">Markets rally</a></li><li><a href="/b">Storm warning</a></li></ul></aside>
  <footer><p>Copyright 2025 Example News. All rights reserved.</p></footer>
</body>
</html>
`
}

func rssFeed(paras []string) string {
	content := "<p>" + strings.Join(paras, "</p><p>") + "</p>"
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>` + publisher + `</title>
    <link>https://news.example.org/</link>
    <description>World news</description>
    <item>
      <title>` + title + `</title>
      <link>` + url + `</link>
      <guid isPermaLink="true">` + url + `</guid>
      <pubDate>Mon, 03 Mar 2025 09:30:00 GMT</pubDate>
      <description>Azerbaijan's Foreign Minister received a NATO delegation.</description>
      <content:encoded><![CDATA[` + content + `]]></content:encoded>
    </item>
    <item>
      <title>` + title2 + `</title>
      <link>` + url2 + `</link>
      <pubDate>Tue, 04 Mar 2025 11:00:00 GMT</pubDate>
      <description>` + html.EscapeString("<p>"+text2+"</p>") + `</description>
    </item>
  </channel>
</rss>
`
}

func atomFeed(text string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>` + publisher + `</title>
  <id>urn:example:news</id>
  <updated>2025-03-04T11:00:00Z</updated>
  <entry>
    <title>` + title + `</title>
    <link rel="alternate" href="` + url + `"/>
    <id>` + url + `</id>
    <published>` + published + `</published>
    <updated>` + published + `</updated>
    <summary type="text">` + html.EscapeString(text) + `</summary>
  </entry>
</feed>
`
}

func httpResponse(contentType string, body []byte) []byte {
	return append([]byte(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))), body...)
}

func warcRecord(typ, target, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-4000-8000-000000000000>\r\nWARC-Date: 2025-03-03T10:00:00Z\r\n", typ, len(block))
	if target != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", target)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}
