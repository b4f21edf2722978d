// Package extract turns the text of a news article into entities, their mentions and the
// relations between them. It knows nothing of graphs or stores: its output is the Extraction
// value, whose JSON form is the contract between the extractor and the rest of newsgraph.
package extract

import "github.com/newsgraph/newsgraph/news"

// Article is one news article as it arrives: package news has it, so that input reads articles
// without importing the extractor.
type Article = news.Article

// Extraction is what the extractor found in one article. Offsets are byte offsets into
// Article.Text, end exclusive.
type Extraction struct {
	ID        string     `json:"id"`
	Title     string     `json:"title,omitempty"`
	URL       string     `json:"url,omitempty"`
	Source    string     `json:"source,omitempty"`
	Published string     `json:"published,omitempty"`
	Publisher string     `json:"publisher,omitempty"` // entity id of the agency the text credits ("Trend reports")
	Dateline  *Dateline  `json:"dateline,omitempty"`
	Entities  []Entity   `json:"entities"`
	Relations []Relation `json:"relations"`
}

// Dateline is the place and date that open a wire story ("BAKU, Azerbaijan, January 22.").
type Dateline struct {
	Place string `json:"place,omitempty"` // entity id
	Date  string `json:"date,omitempty"`  // ISO 8601, partial allowed
	Span  Span   `json:"span"`
}

// Entity types: the only values Entity.Type takes.
const (
	Person       = "Person"
	Organization = "Organization"
	Country      = "Country"
	City         = "City"
	Place        = "Place"
	Event        = "Event"
	Date         = "Date"
	Agreement    = "Agreement"
)

// Mention kinds: how the text refers to an entity.
const (
	KindName        = "name"
	KindAcronym     = "acronym"
	KindAlias       = "alias"
	KindDemonym     = "demonym"
	KindDescription = "description"
)

// Entity is one thing the article talks about, with every place it is mentioned.
type Entity struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Type     string     `json:"type"`
	Value    string     `json:"value,omitempty"` // dates: ISO 8601, partial allowed ("1997-03")
	Aliases  []string   `json:"aliases,omitempty"`
	Wikidata string     `json:"wikidata,omitempty"`
	Country  string     `json:"country,omitempty"` // cities and national bodies: the country's entity id
	Mentions []Mention  `json:"mentions"`
	Roles    []Position `json:"positions,omitempty"`
}

// Mention is one stretch of text that names or describes an entity.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Kind  string `json:"kind"`
}

// Position is a title a person holds, optionally at an organisation or country.
type Position struct {
	Title    string `json:"title"`
	Of       string `json:"of,omitempty"` // entity id of the organisation or country
	Former   bool   `json:"former,omitempty"`
	Evidence Span   `json:"evidence"`
}

// Span is a byte range of the article text, end exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Relation is one fact stated by the article: subject -predicate-> object. Object is an
// entity id, or empty when the relation's object is the literal Value.
type Relation struct {
	Subject    string  `json:"subject"`
	Predicate  string  `json:"predicate"`
	Object     string  `json:"object,omitempty"`
	Value      string  `json:"value,omitempty"`
	Verb       string  `json:"verb,omitempty"` // the word that triggered the relation
	Confidence float64 `json:"confidence"`
	Evidence   Span    `json:"evidence"`
	Date       string  `json:"date,omitempty"` // when it happened, ISO 8601, partial allowed
	// When: the temporal expression of the relation's own clause, verbatim ("on Tuesday",
	// "last month", "earlier this week"); Date is its value when it can be read as one.
	When string `json:"when,omitempty"`
	// Negated: the text says it did not happen ("did not meet", "denied attacking").
	Negated bool `json:"negated,omitempty"`
	// Modality: the text says it may, will or should happen ("may visit", "plans to sign").
	Modality string `json:"modality,omitempty"`
	// AttributedTo: the entity whose words state the relation ("X said that Y attacked Z").
	AttributedTo string `json:"attributedTo,omitempty"`
	// Source: an unnamed source whose words state it, as the text names it, lower case
	// ("officials", "state media" in "officials say Y attacked Z"), when no entity is.
	Source string `json:"source,omitempty"`
	// Former: a state of affairs the text says is over ("late President").
	Former bool `json:"former,omitempty"`
}
