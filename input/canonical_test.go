package input

import (
	"strings"
	"testing"
)

// A page fetched from one site that names another site's URL as its canonical (or og:url, or
// JSON-LD url) keeps the URL it was fetched from: it cannot take the other site's article id
// and replace that article's facts. A canonical on its own host (www. or not) is kept.
func TestCanonicalOnlyOnThePagesOwnHost(t *testing.T) {
	body := strings.Repeat("<p>President Emmanuel Macron met Chancellor Olaf Scholz in Berlin to discuss the budget.</p>\n", 4)
	page := func(head string) []byte {
		return []byte("<html><head>" + head + "</head><body><article>" + body + "</article></body></html>")
	}
	for _, tc := range []struct{ head, from, want string }{
		{`<link rel="canonical" href="https://victim.example.org/2025/real-story">`, "https://evil.example.net/fake", "https://evil.example.net/fake"},
		{`<meta property="og:url" content="https://victim.example.org/2025/real-story">`, "https://evil.example.net/fake", "https://evil.example.net/fake"},
		{`<script type="application/ld+json">{"@type":"NewsArticle","url":"https://victim.example.org/a"}</script>`, "https://evil.example.net/fake", "https://evil.example.net/fake"},
		{`<link rel="canonical" href="https://paper.example.com/2025/talks">`, "https://www.paper.example.com/x?utm=1", "https://paper.example.com/2025/talks"},
		{`<link rel="canonical" href="https://paper.example.com/2025/talks">`, "", "https://paper.example.com/2025/talks"}, // a file: no host to hold it to
	} {
		a, err := htmlArticle(page(tc.head), "", tc.from)
		if err != nil {
			t.Fatal(err)
		}
		if a.URL != tc.want {
			t.Errorf("%s fetched from %q: URL %q, want %q", tc.head, tc.from, a.URL, tc.want)
		}
	}
}
