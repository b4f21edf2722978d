package store

import (
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/terms"
)

// NS is the ng: namespace.
const NS = terms.NS

// Vocabulary returns the terms of package terms by their schema name ("name", "Role", "copyOf", ...),
// so that package schema can check that they agree with its own.
func Vocabulary() map[string]quad.IRI {
	m := map[string]quad.IRI{
		"type": terms.Type, "name": terms.Name, "alternateName": terms.AlternateName, "sameAs": terms.SameAs,
		"jobTitle": terms.JobTitle, "formerJobTitle": terms.FormerTitle, "mentions": terms.Mentions,
		"nameKey": terms.NameKey, "NewsArticle": terms.NewsArticle, "headline": terms.Headline, "url": terms.URL,
		"datePublished": terms.DatePublished, "dateCreated": terms.DateCreated, "publisher": terms.Publisher,
		"minhash": terms.MinHash, "lshBand": terms.LSHBand, "copyOf": terms.CopyOf, "Statement": terms.Statement,
		"subject": terms.Subject, "predicate": terms.Predicate, "object": terms.Object, "value": terms.Value,
		"evidence": terms.Evidence, "confidence": terms.Confidence, "date": terms.Date, "polarity": terms.Polarity,
		"modality": terms.Modality, "former": terms.Former, "article": terms.Article, "Role": terms.Role,
		"holder": terms.Holder, "roleName": terms.RoleName, "of": terms.Of, "seen": terms.Seen,
		"endedBy": terms.EndedBy, "startDate": terms.StartDate, "endDate": terms.EndDate, "Merge": terms.Merge,
		"merged": terms.Merged, "mergedInto": terms.MergedInto, "mergedBy": terms.MergedBy,
		"mergedAt": terms.MergedAt, "reason": terms.Reason, "projectedOnto": terms.ProjectedOnto,
		"contentHash": ContentHash,
	}
	for _, t := range terms.EntityTypes {
		m[terms.TypeName(t)] = t
	}
	return m
}
