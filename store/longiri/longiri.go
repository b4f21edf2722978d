// Package longiri bounds the IRIs newsgraph stores. Cayley's bolt store keys its values by
// hash, but the card index (cards.bolt) keys rows by entity, article and name, and bolt
// refuses a key over 32 KB ("key too large"): one article with a 40 KB id, URL or name once
// made every later write of the database fail. So IRIs are bounded where they enter the store
// (its article writes, import and Cayley's write API), and every field of a card-index key
// where it is made (store/cards/cardindex's keyText).
package longiri

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// MaxBytes is the longest IRI stored as it is: a longer one (an article id or URL of more
// than 2 KB, an entity named by a 2 KB run of words) is stored as Bound makes it, short,
// with the full IRI kept as a literal: <short> <ng:fullIRI> "the full IRI" <article>.
const MaxBytes = 2048

// FullPredicate is the predicate that keeps the full IRI of a node stored short (Bound).
const FullPredicate = quad.IRI("ng:fullIRI")

// boundPrefix is how much of a long IRI its short form keeps, to be readable.
const boundPrefix = 256

// Bound returns iri when it is at most MaxBytes long, and otherwise its short form: its
// first 256 bytes, "/sha256-" and the hex SHA-256 of the whole IRI. It is idempotent, so any
// IRI can be passed through it before it is looked up.
func Bound(iri quad.IRI) quad.IRI {
	if len(iri) <= MaxBytes {
		return iri
	}
	return quad.IRI(cutUTF8(string(iri), boundPrefix) + "/sha256-" + sha256Hex(string(iri)))
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// cutUTF8 returns at most n bytes of s, not cutting a character in two.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Shortened collects the long IRIs of quads (an article's) as they are bounded: short -> full.
type Shortened map[quad.IRI]quad.IRI

// BoundQuad returns q with its long IRIs made short, and notes them.
func (l *Shortened) BoundQuad(q quad.Quad) quad.Quad {
	for _, d := range quad.Directions {
		iri, ok := q.Get(d).(quad.IRI)
		if !ok || len(iri) <= MaxBytes {
			continue
		}
		short := Bound(iri)
		if *l == nil {
			*l = Shortened{}
		}
		(*l)[short] = iri
		q.Set(d, short)
	}
	return q
}

// FullQuads is the ng:fullIRI quad of each long IRI bounded, labelled label, in no order.
func (l Shortened) FullQuads(label quad.IRI) []quad.Quad {
	out := make([]quad.Quad, 0, len(l))
	for short, full := range l {
		out = append(out, quad.Quad{Subject: short, Predicate: FullPredicate, Object: quad.String(full), Label: label})
	}
	return out
}
