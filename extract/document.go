package extract

import "github.com/newsgraph/newsgraph/extract/gazetteer"

// Document is the extractor's working state for one article. Each stage of the pipeline reads
// what earlier stages left and adds its own layer: sentences and tokens, tags, mentions,
// entities, relations.
type Document struct {
	Article   Article
	Text      string
	Sentences []Sentence
	Tokens    []Token
	Mentions  []*Found
	Entities  []*Entity
	Relations []Relation
	Dateline  *Dateline
	Parsed    bool   // the Parser stage ran: tokens carry their dependency heads
	Publisher string // entity id of the agency the text credits
	// Results are the result pairs of a results list ("Utrecht 2 Fortuna Sittard 1"): the
	// tokens of each side's score, the first side's before the second's.
	Results [][2]int
	// Year is the article's year when known (from Published), used to complete partial dates.
	Year int
	// Ref is the publication date (or dateline date) that relative dates are read against.
	Ref string

	// datesByEnd: for each end offset, the index of the last date mention of
	// Mentions[:datesSeen] that ends there; see dateEndingAt.
	datesByEnd map[int]int
	datesSeen  int
}

// dateEndingAt is the index in d.Mentions of the last date mention that ends at off, or -1.
// Mentions found while the mention stage runs are only appended, and their types and spans
// stay as they are, so the index grows with the list instead of being rebuilt: looking through
// the whole list for every event name was quadratic in the article's length (issue 14, D5).
func (d *Document) dateEndingAt(off int) int {
	if d.datesSeen > len(d.Mentions) || d.datesByEnd == nil {
		d.datesByEnd, d.datesSeen = map[int]int{}, 0
	}
	for i := d.datesSeen; i < len(d.Mentions); i++ {
		if f := d.Mentions[i]; f.Type == Date {
			d.datesByEnd[f.End] = i
		}
	}
	d.datesSeen = len(d.Mentions)
	if i, ok := d.datesByEnd[off]; ok {
		return i
	}
	return -1
}

// Sentence is a run of tokens [First, Last) covering Text[Start:End].
type Sentence struct {
	Start, End  int
	First, Last int
}

// Token is a word or punctuation mark with its byte offsets.
type Token struct {
	Start, End int
	Text       string
	POS        string // Penn Treebank tag, when a tagger ran
	NER        string // IOB2 tag of the statistical tagger (B-per, I-org, O...), when it ran
	Sent       int
	// The dependency parse, when the Parser stage ran: Head is the index in Document.Tokens
	// of the token's head (-1: the sentence's root), Rel its UD relation ("nsubj:pass").
	Head  int
	Rel   string
	Lemma string
	UPOS  string
}

// Found is a mention found in the text before it is tied to an entity.
type Found struct {
	Span
	Kind   string // name, acronym, alias, demonym, description
	Type   string // entity type
	Name   string // the canonical name of what it refers to
	Alias  string // another name it establishes ("PfP Framework Document")
	Value  string // dates: normalized value
	Gaz    *gazetteer.Entry
	Entity *Entity // set by the resolver
	// For a person introduced with a title ("NATO Deputy Secretary General Radmila Shekerinska").
	Title   string
	TitleOf *Found // the organisation or country of the title
	Host    *Found // where an ambassador or envoy serves ("Ambassador to Iraq", "Envoy for Syria")
	Former  bool
	// Parts are mentions that this one contains and that refer to something else
	// ("Azerbaijani" inside "the Azerbaijani Ministry of Foreign Affairs").
	Of *Found // the country a national body belongs to
	// Context is the span of the whole phrase the mention was found in (title and all).
	Context Span
	// Cued: the words around the name typed it ("the Fatah party"), which outweighs what the
	// tagger thinks of the same name elsewhere in the article.
	Cued bool
}

// Stage is one step of the extraction pipeline.
type Stage interface {
	Process(d *Document)
}

// NewDocument prepares an article for the pipeline.
func NewDocument(a Article) *Document {
	d := &Document{Article: a, Text: a.Text}
	if v, ok := parseISODate(a.Published); ok {
		d.Ref = v
		d.Year = yearOf(v)
	}
	return d
}

// TokenAt returns the index of the first token starting at or after byte offset off.
func (d *Document) TokenAt(off int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Tokens[m].Start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// SentenceOf returns the sentence that contains byte offset off (or the last one before it).
func (d *Document) SentenceOf(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= len(d.Sentences) {
		return len(d.Sentences) - 1
	}
	return lo
}
