// Package terms holds the IRIs of newsgraph's vocabulary that the store and the packages above
// it read and write (entity cards, wire copies, merges, exports), in the short form the store
// keeps them ("schema:name", "ng:received"). Package schema owns the vocabulary and documents
// every term; its tests check that these are the ones it defines (see store.Vocabulary).
package terms

import (
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/schema/vocab"
)

const (
	NS = "https://newsgraph.dev/ns#" // the ng: namespace

	Type          = quad.IRI("rdf:type")
	Name          = quad.IRI("schema:name")
	AlternateName = quad.IRI("schema:alternateName")
	SameAs        = quad.IRI("owl:sameAs")
	JobTitle      = quad.IRI("schema:jobTitle")
	FormerTitle   = quad.IRI("ng:formerJobTitle")
	Mentions      = quad.IRI("schema:mentions")
	NameKey       = quad.IRI("ng:nameKey") // written by older databases only: see textkey.EntityKeys
	Person        = quad.IRI("schema:Person")
	DateType      = quad.IRI("ng:Date")

	NewsArticle   = quad.IRI("schema:NewsArticle")
	Headline      = quad.IRI("schema:headline")
	URL           = quad.IRI("schema:url")
	DatePublished = quad.IRI("schema:datePublished")
	DateCreated   = quad.IRI("schema:dateCreated")
	Publisher     = quad.IRI("schema:publisher")
	ArticleBody   = quad.IRI("schema:articleBody")
	MinHash       = quad.IRI("ng:minhash") // with ng:lshBand, only where the text is not kept: see textkey.FingerprintOf
	LSHBand       = quad.IRI("ng:lshBand")
	CopyOf        = quad.IRI("ng:copyOf")

	Statement  = quad.IRI("ng:Statement")
	Subject    = quad.IRI("ng:subject")
	Predicate  = quad.IRI("ng:predicate")
	Object     = quad.IRI("ng:object")
	Value      = quad.IRI("ng:value")
	Evidence   = quad.IRI("ng:evidence")
	Confidence = quad.IRI("ng:confidence")
	Date       = quad.IRI("ng:date")
	Polarity   = quad.IRI("ng:polarity")
	Modality   = quad.IRI("ng:modality")
	Former     = quad.IRI("ng:former")
	Article    = quad.IRI("ng:article")

	Role      = quad.IRI("ng:Role")
	Holder    = quad.IRI("ng:holder")
	RoleName  = quad.IRI("schema:roleName")
	Of        = quad.IRI("ng:of")
	Seen      = quad.IRI("ng:seen")
	EndedBy   = quad.IRI("ng:endedBy")
	StartDate = quad.IRI("schema:startDate")
	EndDate   = quad.IRI("schema:endDate")

	Merge         = quad.IRI("ng:Merge")
	Merged        = quad.IRI("ng:merged")
	MergedInto    = quad.IRI("ng:mergedInto")
	MergedBy      = quad.IRI("ng:mergedBy")
	MergedAt      = quad.IRI("ng:mergedAt")
	Reason        = quad.IRI("ng:reason")
	ProjectedOnto = quad.IRI("ng:projectedOnto")
)

// Entity types, as package schema spells them: the nodes that entity cards and duplicate
// detection look at (dates are left out: their name is their value).
var EntityTypes = []quad.IRI{
	"schema:Person", "schema:Organization", "schema:Country", "schema:City",
	"schema:Place", "schema:Event", "ng:Agreement",
}

// TypeName is the local name of a type IRI: "schema:Person" -> "Person".
func TypeName(t quad.IRI) string {
	s := string(t)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' || s[i] == '/' || s[i] == '#' {
			return s[i+1:]
		}
	}
	return s
}

// Relations are the relations between entities, read from the vocabulary table
// (schema/vocab): the edges the explorer shows and walks. Types, names, mentions, statements,
// roles and article links are not among them. RelationNames gives each by its name.
var Relations, RelationNames = func() ([]quad.IRI, map[string]quad.IRI) {
	var list []quad.IRI
	names := map[string]quad.IRI{}
	for _, p := range vocab.Predicates {
		list = append(list, quad.IRI(p.IRI))
		names[p.Name] = quad.IRI(p.IRI)
	}
	return list, names
}()
