// Package news holds the news article as it arrives (Article). It is a leaf: input makes
// articles and extract, schema and ingest take them without input importing the extractor
// and its tagger model.
package news

// Article is one news article as it arrives: only Text is required.
type Article struct {
	ID        string `json:"id,omitempty"`
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
}
