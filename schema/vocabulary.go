// Package schema is the graph's vocabulary — every type and predicate newsgraph writes, with its
// IRI and meaning — and the one mapping from an extraction to quads.
//
// IRIs are stored in their short form ("schema:name", "ng:received"), so Gizmo queries write
// them as "<schema:name>". The prefixes expand to the full namespaces below.
package schema

import (
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/voc"
	_ "github.com/cayleygraph/quad/voc/owl"    // registers owl:
	_ "github.com/cayleygraph/quad/voc/rdf"    // registers rdf:
	_ "github.com/cayleygraph/quad/voc/schema" // registers schema:
	"github.com/newsgraph/newsgraph/schema/vocab"
)

// NS is newsgraph's own namespace, for the terms schema.org does not have.
const NS = "https://newsgraph.dev/ns#"

func init() { voc.RegisterPrefix("ng:", NS) }

// Term is one type or predicate of the graph.
type Term struct {
	Name    string   // the name the extractor uses ("received"); types: the entity type
	IRI     quad.IRI // as stored
	Meaning string   // one line
	Inverse string   // how the edge reads backwards; empty for types
	// Predicates only (from schema/vocab): the verb lemmas and nouns that state it, whether it
	// holds both ways, whether its object is a literal on the Statement.
	Verbs, Nouns       []string
	Symmetric, Literal bool
}

// Types of node.
var Types = []Term{
	{Name: "Person", IRI: "schema:Person", Meaning: "a person named in the news"},
	{Name: "Organization", IRI: "schema:Organization", Meaning: "an organisation, ministry, agency, party, armed group, company or programme"},
	{Name: "Country", IRI: "schema:Country", Meaning: "a country or territory"},
	{Name: "City", IRI: "schema:City", Meaning: "a city or town"},
	{Name: "Place", IRI: "schema:Place", Meaning: "any other named place: region, river, mountain, square"},
	{Name: "Event", IRI: "schema:Event", Meaning: "a named event: summit, conference, war, election"},
	{Name: "Agreement", IRI: "ng:Agreement", Meaning: "a treaty, accord, declaration or framework document"},
	{Name: "Date", IRI: "ng:Date", Meaning: "a calendar date, month or year; its name is the ISO 8601 value"},
	{Name: "NewsArticle", IRI: "schema:NewsArticle", Meaning: "an article; every quad it supports carries its IRI as label"},
	{Name: "Statement", IRI: "ng:Statement", Meaning: "one relation as one article states it, with evidence, confidence, date, polarity, modality and attribution"},
	{Name: "Role", IRI: "ng:Role", Meaning: "a position one person holds (title, of what) with the dates articles report it: one node per holder, title and organisation"},
	{Name: "Merge", IRI: "ng:Merge", Meaning: "a decision that two entity nodes are one (who, when, why); it labels every quad it adds, so unmerge deletes exactly those"},
}

// Attributes of nodes (literal values or links that are not relations between entities).
var Attributes = []Term{
	{Name: "type", IRI: "rdf:type", Meaning: "the node's type (one of Types)"},
	{Name: "name", IRI: "schema:name", Meaning: "canonical name of an entity"},
	{Name: "alternateName", IRI: "schema:alternateName", Meaning: "another name the text uses: acronym, short name, surname"},
	{Name: "sameAs", IRI: "owl:sameAs", Meaning: "the entity's Wikidata item; on an entity merged away, the entity it was merged into"},
	{Name: "jobTitle", IRI: "schema:jobTitle", Meaning: "a title the person holds (\"Foreign Minister\")"},
	{Name: "formerJobTitle", IRI: "ng:formerJobTitle", Meaning: "a title the person held (\"late President\")"},
	{Name: "headline", IRI: "schema:headline", Meaning: "an article's title"},
	{Name: "url", IRI: "schema:url", Meaning: "an article's address"},
	{Name: "datePublished", IRI: "schema:datePublished", Meaning: "an article's publication date, ISO 8601"},
	{Name: "articleBody", IRI: "schema:articleBody", Meaning: "an article's text, one literal (evidence offsets index into it; load --no-text leaves it out)"},
	{Name: "publisher", IRI: "schema:publisher", Meaning: "article -> the organisation that published it", Inverse: "published"},
	{Name: "locationCreated", IRI: "schema:locationCreated", Meaning: "article -> the place of its dateline", Inverse: "dateline of"},
	{Name: "dateCreated", IRI: "schema:dateCreated", Meaning: "an article's dateline date, ISO 8601 (partial allowed)"},
	{Name: "mentions", IRI: "schema:mentions", Meaning: "article -> each entity it mentions", Inverse: "mentioned in"},
	{Name: "startDate", IRI: "schema:startDate", Meaning: "an event's date; a role's start when the text states it (\"since 2018\", \"newly appointed\"), ISO 8601 (partial allowed)"},
	{Name: "contentHash", IRI: "ng:contentHash", Meaning: "SHA-256 of the article's normalized text; a reload with the same hash writes nothing"},
	{Name: "subject", IRI: "ng:subject", Meaning: "statement -> the relation's subject"},
	{Name: "predicate", IRI: "ng:predicate", Meaning: "statement -> the relation's predicate IRI"},
	{Name: "object", IRI: "ng:object", Meaning: "statement -> the relation's object entity"},
	{Name: "value", IRI: "ng:value", Meaning: "statement: the relation's literal object (a topic, a quotation)"},
	{Name: "evidence", IRI: "ng:evidence", Meaning: "statement: the sentence(s) that state the relation"},
	{Name: "start", IRI: "ng:start", Meaning: "statement: byte offset where the evidence starts in the article text"},
	{Name: "end", IRI: "ng:end", Meaning: "statement: byte offset where the evidence ends (exclusive)"},
	{Name: "confidence", IRI: "ng:confidence", Meaning: "statement: how sure the extractor is, 0 to 1"},
	{Name: "date", IRI: "ng:date", Meaning: "statement: when the related event happened, ISO 8601 (partial allowed)"},
	{Name: "verb", IRI: "ng:verb", Meaning: "statement: the word of the text that states the relation"},
	{Name: "polarity", IRI: "ng:polarity", Meaning: "statement: \"negative\" when the text says it did not happen"},
	{Name: "modality", IRI: "ng:modality", Meaning: "statement: \"may\", \"will\", \"plans\"... when the text says it might happen"},
	{Name: "attributedTo", IRI: "ng:attributedTo", Meaning: "statement -> the entity whose words state it (\"X said that ...\")"},
	{Name: "source", IRI: "ng:source", Meaning: "statement: an unnamed source whose words state it, as the text names it (\"officials\", \"state media\")"},
	{Name: "former", IRI: "ng:former", Meaning: "statement or role: \"true\" when the state of affairs is over"},
	{Name: "article", IRI: "ng:article", Meaning: "statement or role -> the article that states it"},
	{Name: "nameKey", IRI: "ng:nameKey", Meaning: "an entity's name, alias or (people) name word in lower case without accents, for lookups; written only by databases made before name keys moved to the card index (the lookups now derive them from the names)"},
	{Name: "minhash", IRI: "ng:minhash", Meaning: "article: MinHash signature of its text's 5-word shingles (base64), to recognise wire copies; stored only when the text is not (load --no-text): the store derives it from schema:articleBody"},
	{Name: "lshBand", IRI: "ng:lshBand", Meaning: "article: one band of its MinHash signature; articles that share one are compared; stored only when the text is not (the card index, or PostgreSQL's table newsgraph_bands, keeps those derived from the text)"},
	{Name: "copyOf", IRI: "ng:copyOf", Meaning: "article -> an article loaded earlier with near-identical text (>= 90% shingles): the same wire story"},
	{Name: "roleName", IRI: "schema:roleName", Meaning: "role: the title (\"Foreign Minister\")"},
	{Name: "holder", IRI: "ng:holder", Meaning: "role -> the person who holds it"},
	{Name: "of", IRI: "ng:of", Meaning: "role -> the organisation or country the title is of"},
	{Name: "seen", IRI: "ng:seen", Meaning: "role: the date of an article that reports it as current, ISO 8601"},
	{Name: "endedBy", IRI: "ng:endedBy", Meaning: "role: the date of an article that calls it former (\"former\", \"late\"): it ended by then"},
	{Name: "endDate", IRI: "schema:endDate", Meaning: "role: its end when the text states it (\"until 2019\"), ISO 8601 (partial allowed)"},
	{Name: "merged", IRI: "ng:merged", Meaning: "merge -> the entity merged away"},
	{Name: "mergedInto", IRI: "ng:mergedInto", Meaning: "merge -> the entity it was merged into"},
	{Name: "mergedBy", IRI: "ng:mergedBy", Meaning: "merge: who decided it (a user, or the program that merged automatically)"},
	{Name: "mergedAt", IRI: "ng:mergedAt", Meaning: "merge: when, RFC 3339"},
	{Name: "reason", IRI: "ng:reason", Meaning: "merge: why (the evidence)"},
	{Name: "projectedOnto", IRI: "ng:projectedOnto", Meaning: "merge -> the node that now carries the merged entity's quads (labelled with the merge)"},
}

// Predicates are the relations between entities: the edges users traverse. A relation the
// extractor is sure of is written as a direct edge subject -predicate-> object and as a
// Statement node; a negated or hypothetical one only as a Statement node. They are the rows
// of the one vocabulary table, package schema/vocab, which the extractor reads too.
var Predicates = func() []Term {
	out := make([]Term, 0, len(vocab.Predicates))
	for _, p := range vocab.Predicates {
		out = append(out, Term{Name: p.Name, IRI: quad.IRI(p.IRI), Meaning: p.Meaning, Inverse: p.Inverse,
			Verbs: p.Verbs, Nouns: p.Nouns, Symmetric: p.Symmetric, Literal: p.Literal})
	}
	return out
}()

var byName = func() map[string]Term {
	m := map[string]Term{}
	for _, list := range [][]Term{Types, Attributes, Predicates} {
		for _, t := range list {
			m[t.Name] = t
		}
	}
	return m
}()

// IRI returns the IRI of a type, attribute or predicate by its name, and whether it exists.
func IRI(name string) (quad.IRI, bool) {
	t, ok := byName[name]
	return t.IRI, ok
}

// must is IRI for names this package itself uses.
func must(name string) quad.IRI {
	t, ok := byName[name]
	if !ok {
		panic("schema: no term " + name)
	}
	return t.IRI
}

// FormerIRI is the predicate of a relation the text says is over ("late President"), or "" when
// the vocabulary has no former form of pred.
func FormerIRI(pred string) quad.IRI {
	if len(pred) == 0 {
		return ""
	}
	iri, _ := IRI("formerly" + strings.ToUpper(pred[:1]) + pred[1:])
	return iri
}
