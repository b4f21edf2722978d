package store

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// Long values. Cayley's bolt store keys its values by hash, but the card index (cards.bolt)
// keys rows by entity, article and name, and bolt refuses a key over 32 KB ("key too large"):
// one article with a 40 KB id, URL or name once made every later write of the database fail.
// So IRIs are bounded where they enter the store, and every field of a card-index key where it
// is made (store/cards/cardindex's keyText).

// MaxIRIBytes is the longest IRI stored as it is: a longer one (an article id or URL of more
// than 2 KB, an entity named by a 2 KB run of words) is stored as BoundIRI makes it, short,
// with the full IRI kept as a literal: <short> <ng:fullIRI> "the full IRI" <article>.
const MaxIRIBytes = 2048

// FullIRIPredicate is the predicate that keeps the full IRI of a node stored short (BoundIRI).
const FullIRIPredicate = quad.IRI("ng:fullIRI")

// boundPrefix is how much of a long IRI its short form keeps, to be readable.
const boundPrefix = 256

// BoundIRI returns iri when it is at most MaxIRIBytes long, and otherwise its short form: its
// first 256 bytes, "/sha256-" and the hex SHA-256 of the whole IRI. It is idempotent, so any
// IRI can be passed through it before it is looked up.
func BoundIRI(iri quad.IRI) quad.IRI {
	if len(iri) <= MaxIRIBytes {
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

// longIRIs collects the long IRIs of an article's quads as they are bounded.
type longIRIs map[quad.IRI]quad.IRI // short -> full

// bound returns q with its long IRIs made short.
func (l *longIRIs) bound(q quad.Quad) quad.Quad {
	for _, d := range quad.Directions {
		iri, ok := q.Get(d).(quad.IRI)
		if !ok || len(iri) <= MaxIRIBytes {
			continue
		}
		short := BoundIRI(iri)
		if *l == nil {
			*l = longIRIs{}
		}
		(*l)[short] = iri
		q.Set(d, short)
	}
	return q
}

// appendFull appends, to an article's quads, the ng:fullIRI quad of each long IRI bounded.
func (l longIRIs) appendFull(out []quad.Quad, label quad.IRI, seen map[quadKey]bool) []quad.Quad {
	for short, full := range l {
		q := quad.Quad{Subject: short, Predicate: FullIRIPredicate, Object: quad.String(full), Label: label}
		if k := keyOf(q); !seen[k] {
			seen[k] = true
			out = append(out, q)
		}
	}
	return out
}

// bounded returns the article with its IRI and its links' IRIs bounded (its quads are bounded
// by normalised).
func (a Article) bounded() Article {
	if len(a.IRI) > MaxIRIBytes {
		full := a.IRI
		a.IRI = BoundIRI(full)
		// the article node's full IRI, under its own label
		a.Quads = append(a.Quads[:len(a.Quads):len(a.Quads)], quad.Quad{Subject: a.IRI, Predicate: FullIRIPredicate, Object: quad.String(full)})
	}
	for i, l := range a.Links {
		if len(l.From) > MaxIRIBytes || len(l.To) > MaxIRIBytes {
			a.Links = append([]Link(nil), a.Links...)
			a.Links[i].From, a.Links[i].To = BoundIRI(l.From), BoundIRI(l.To)
		}
	}
	return a
}
