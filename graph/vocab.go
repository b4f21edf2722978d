package graph

import (
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/schema/vocab"
)

// The terms of newsgraph's vocabulary that the store itself reads and writes (entity cards,
// wire copies, merges, exports). Package schema owns the vocabulary and documents every term;
// its tests check that these IRIs are the ones it defines (see Vocabulary).
const (
	NS = "https://newsgraph.dev/ns#" // the ng: namespace

	iriType          = quad.IRI("rdf:type")
	iriName          = quad.IRI("schema:name")
	iriAlternateName = quad.IRI("schema:alternateName")
	iriSameAs        = quad.IRI("owl:sameAs")
	iriJobTitle      = quad.IRI("schema:jobTitle")
	iriFormerTitle   = quad.IRI("ng:formerJobTitle")
	iriMentions      = quad.IRI("schema:mentions")
	iriNameKey       = quad.IRI("ng:nameKey")

	iriNewsArticle   = quad.IRI("schema:NewsArticle")
	iriHeadline      = quad.IRI("schema:headline")
	iriURL           = quad.IRI("schema:url")
	iriDatePublished = quad.IRI("schema:datePublished")
	iriDateCreated   = quad.IRI("schema:dateCreated")
	iriPublisher     = quad.IRI("schema:publisher")
	iriMinHash       = quad.IRI("ng:minhash")
	iriLSHBand       = quad.IRI("ng:lshBand")
	iriCopyOf        = quad.IRI("ng:copyOf")

	iriStatement  = quad.IRI("ng:Statement")
	iriSubject    = quad.IRI("ng:subject")
	iriPredicate  = quad.IRI("ng:predicate")
	iriObject     = quad.IRI("ng:object")
	iriValue      = quad.IRI("ng:value")
	iriEvidence   = quad.IRI("ng:evidence")
	iriConfidence = quad.IRI("ng:confidence")
	iriDate       = quad.IRI("ng:date")
	iriPolarity   = quad.IRI("ng:polarity")
	iriModality   = quad.IRI("ng:modality")
	iriFormer     = quad.IRI("ng:former")
	iriArticle    = quad.IRI("ng:article")

	iriRole      = quad.IRI("ng:Role")
	iriHolder    = quad.IRI("ng:holder")
	iriRoleName  = quad.IRI("schema:roleName")
	iriOf        = quad.IRI("ng:of")
	iriSeen      = quad.IRI("ng:seen")
	iriEndedBy   = quad.IRI("ng:endedBy")
	iriStartDate = quad.IRI("schema:startDate")
	iriEndDate   = quad.IRI("schema:endDate")

	iriMerge         = quad.IRI("ng:Merge")
	iriMerged        = quad.IRI("ng:merged")
	iriMergedInto    = quad.IRI("ng:mergedInto")
	iriMergedBy      = quad.IRI("ng:mergedBy")
	iriMergedAt      = quad.IRI("ng:mergedAt")
	iriReason        = quad.IRI("ng:reason")
	iriProjectedOnto = quad.IRI("ng:projectedOnto")
)

// Entity types, as package schema spells them: the nodes that entity cards and duplicate
// detection look at (dates are left out: their name is their value).
var entityTypes = []quad.IRI{
	"schema:Person", "schema:Organization", "schema:Country", "schema:City",
	"schema:Place", "schema:Event", "ng:Agreement",
}

// Vocabulary returns the terms above by their schema name ("name", "Role", "copyOf", ...),
// so that package schema can check that they agree with its own.
func Vocabulary() map[string]quad.IRI {
	m := map[string]quad.IRI{
		"type": iriType, "name": iriName, "alternateName": iriAlternateName, "sameAs": iriSameAs,
		"jobTitle": iriJobTitle, "formerJobTitle": iriFormerTitle, "mentions": iriMentions,
		"nameKey": iriNameKey, "NewsArticle": iriNewsArticle, "headline": iriHeadline, "url": iriURL,
		"datePublished": iriDatePublished, "dateCreated": iriDateCreated, "publisher": iriPublisher,
		"minhash": iriMinHash, "lshBand": iriLSHBand, "copyOf": iriCopyOf, "Statement": iriStatement,
		"subject": iriSubject, "predicate": iriPredicate, "object": iriObject, "value": iriValue,
		"evidence": iriEvidence, "confidence": iriConfidence, "date": iriDate, "polarity": iriPolarity,
		"modality": iriModality, "former": iriFormer, "article": iriArticle, "Role": iriRole,
		"holder": iriHolder, "roleName": iriRoleName, "of": iriOf, "seen": iriSeen,
		"endedBy": iriEndedBy, "startDate": iriStartDate, "endDate": iriEndDate, "Merge": iriMerge,
		"merged": iriMerged, "mergedInto": iriMergedInto, "mergedBy": iriMergedBy,
		"mergedAt": iriMergedAt, "reason": iriReason, "projectedOnto": iriProjectedOnto,
		"contentHash": ContentHash,
	}
	for _, t := range entityTypes {
		m[typeName(t)] = t
	}
	return m
}

// typeName is the local name of a type IRI: "schema:Person" -> "Person".
func typeName(t quad.IRI) string {
	s := string(t)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' || s[i] == '/' || s[i] == '#' {
			return s[i+1:]
		}
	}
	return s
}

// relationIRIs are the relations between entities, read from the vocabulary table
// (schema/vocab): the edges the explorer shows and walks. Types, names, mentions, statements,
// roles and article links are not among them. relationNames gives each by its name.
var relationIRIs, relationNames = func() ([]quad.IRI, map[string]quad.IRI) {
	var list []quad.IRI
	names := map[string]quad.IRI{}
	for _, p := range vocab.Predicates {
		list = append(list, quad.IRI(p.IRI))
		names[p.Name] = quad.IRI(p.IRI)
	}
	return list, names
}()
