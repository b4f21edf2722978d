package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Extractor runs the pipeline of stages over articles. It is safe for concurrent use: each
// article gets its own Document.
type Extractor struct {
	stages []Stage
}

// DefaultStages is the extraction pipeline, in order. Each stage adds one layer to the
// document: tokens and sentences, tags, dates, mentions, entities, descriptions, dependency trees (of
// the sentences that may state a relation), dateline, relations, and
// ids local to the article for people it names by one word.
func DefaultStages() []Stage {
	return []Stage{
		Segmenter{},
		Tagger{},
		Dates{},
		Mentions{},
		Resolver{},
		Coref{},
		Parser{},
		DatelineReader{},
		Relater{},
		LocalNames{},
	}
}

// New returns an extractor running the given stages, or DefaultStages when none are given.
func New(stages ...Stage) *Extractor {
	if len(stages) == 0 {
		stages = DefaultStages()
	}
	return &Extractor{stages: stages}
}

// Extract runs every stage over one article.
func (x *Extractor) Extract(a Article) Extraction {
	return x.Run(a).Extraction()
}

// Run runs the pipeline and returns the working document, for callers that need the tokens.
func (x *Extractor) Run(a Article) *Document {
	d := NewDocument(a)
	for _, s := range x.stages {
		s.Process(d)
	}
	return d
}

// Extraction packages what the stages found in the contract's form.
func (d *Document) Extraction() Extraction {
	a := d.Article
	x := Extraction{ID: ArticleID(a), Title: a.Title, URL: a.URL, Source: a.Source,
		Published: d.Ref, Publisher: d.Publisher, Dateline: d.Dateline,
		Entities: make([]Entity, 0, len(d.Entities)), Relations: d.Relations}
	if a.Published == "" {
		x.Published = ""
	}
	for _, e := range d.Entities {
		x.Entities = append(x.Entities, *e)
	}
	if x.Relations == nil {
		x.Relations = []Relation{}
	}
	return x
}

// ArticleID is the article's own id when it has one, else its URL, else a hash of its text
// with whitespace normalized, so that the same text always gets the same id.
func ArticleID(a Article) string {
	if a.ID != "" {
		return a.ID
	}
	if a.URL != "" {
		return a.URL
	}
	return "sha256-" + ContentHash(a.Text)[:20]
}

// ContentHash is the hex SHA-256 of the text with runs of white space made one space.
func ContentHash(text string) string {
	h := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(h[:])
}
