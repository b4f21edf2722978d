package eval

import (
	"crypto/sha256"
	"encoding/binary"
	"strings"
)

// NewsPredicates is the relation vocabulary of the news test set (eval/testdata/news), as
// docs/annotation.md lists it (section 3, between the vocabulary markers; TestNewsVocabularyMatchesGuidelines
// keeps the two in step): predicate name -> its group.
var NewsPredicates = map[string]string{
	// meetings and diplomacy
	"received": "diplomacy", "met": "diplomacy", "visited": "diplomacy", "heldTalksWith": "diplomacy",
	"called": "diplomacy", "discussed": "diplomacy", "agreedWith": "diplomacy", "signed": "diplomacy",
	"cooperatesWith": "diplomacy", "alliedWith": "diplomacy",
	// membership, positions and structure
	"worksFor": "structure", "heads": "structure", "formerlyWorksFor": "structure", "formerlyHeads": "structure",
	"memberOf": "structure", "joined": "structure", "partOf": "structure", "containedInPlace": "structure",
	"headquarteredIn": "structure", "livesIn": "structure", "bornIn": "structure", "diedIn": "structure",
	// office
	"appointed": "office", "elected": "office", "nominated": "office", "resigned": "office",
	"dismissed": "office", "succeeded": "office",
	// conflict and violence
	"attacked": "conflict", "foughtAgainst": "conflict", "killed": "conflict", "wounded": "conflict",
	"kidnapped": "conflict", "released": "conflict", "liberated": "conflict", "captured": "conflict",
	"threatened": "conflict", "warned": "conflict", "arrested": "conflict", "sanctioned": "conflict",
	// justice
	"charged": "justice", "convicted": "justice", "sentenced": "justice", "acquitted": "justice",
	"sued": "justice", "executed": "justice", "accused": "justice",
	// statements and stances
	"said": "statements", "condemned": "statements", "criticised": "statements", "praised": "statements",
	"supported": "statements", "welcomed": "statements",
	// sports and events
	"participatedIn": "sports", "won": "sports", "beat": "sports", "drewWith": "sports",
	"playsFor": "sports", "coaches": "sports",
	// business
	"acquired": "business", "mergedWith": "business", "investedIn": "business", "owns": "business",
	"subsidiaryOf": "business",
}

// NewsSymmetric are the predicates written once in either order.
var NewsSymmetric = map[string]bool{
	"met": true, "heldTalksWith": true, "cooperatesWith": true, "alliedWith": true, "agreedWith": true,
	"foughtAgainst": true, "drewWith": true, "mergedWith": true,
}

// NewsLiteral are the predicates without an object: their "quote" holds the words or the topic.
var NewsLiteral = map[string]bool{"said": true, "discussed": true}

// NewsEntityTypes are the entity types of testdata/news/entities.jsonl.
var NewsEntityTypes = map[string]bool{"PER": true, "ORG": true, "LOC": true, "EVENT": true, "PRODUCT": true}

// NewsSplit is the news test set's split of an article: "dev" when the first 32 bits of
// SHA-256(id), read big-endian, are even, "test" when odd. The legacy articles of the earlier
// relation set (ids "voa-gmb-NNNNN") are all dev: the rules were tuned on them.
func NewsSplit(id string) string {
	if strings.HasPrefix(id, "voa-gmb-") {
		return "dev"
	}
	h := sha256.Sum256([]byte(id))
	if binary.BigEndian.Uint32(h[:4])%2 == 0 {
		return "dev"
	}
	return "test"
}
