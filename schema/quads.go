package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// EntityIRI is the node of an entity id: "country/azerbaijan" -> <ng:country/azerbaijan>.
// The same id in two articles is one node.
func EntityIRI(id string) quad.IRI { return quad.IRI("ng:" + escape(id)) }

// EntityID is the entity id of a node EntityIRI made, and false for other nodes.
func EntityID(iri quad.IRI) (string, bool) {
	id, ok := strings.CutPrefix(string(iri), "ng:")
	if !ok || strings.HasPrefix(id, "article/") || strings.HasPrefix(id, "merge/") {
		return "", false
	}
	if strings.Contains(id, "%") {
		u, err := url.PathUnescape(id)
		if err != nil {
			return "", false
		}
		id = u
	}
	return id, true
}

// ArticleIRI is the node of an article and the label of every quad it supports: its URL when
// the article's id is one, else <ng:article/ID>.
func ArticleIRI(id string) quad.IRI {
	if u, err := url.Parse(id); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return quad.IRI(id)
	}
	return quad.IRI("ng:article/" + escape(id))
}

// escape keeps an id usable inside an IRI written between angle brackets.
func escape(id string) string {
	if !strings.ContainsAny(id, " <>\"{}|\\^`\t\n") {
		return id
	}
	var b strings.Builder
	for _, r := range id {
		if strings.ContainsRune(" <>\"{}|\\^`\t\n", r) {
			fmt.Fprintf(&b, "%%%02X", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Quads maps one article and what was extracted from it to the quads that represent them in
// the graph, every one labelled with the article's IRI. The store adds the article's
// contentHash quad itself when it writes them (see graph.Article).
func Quads(a extract.Article, x extract.Extraction) []quad.Quad {
	art := ArticleIRI(x.ID)
	b := &builder{label: art}
	typ := must("type")

	b.add(art, typ, must("NewsArticle"))
	if x.Title != "" {
		b.add(art, must("headline"), quad.String(x.Title))
	}
	if x.URL != "" {
		b.add(art, must("url"), quad.IRI(x.URL))
	}
	if x.Published != "" {
		b.add(art, must("datePublished"), quad.String(x.Published))
	}
	if a.Text != "" {
		// The text, for the explorer's article page: the evidence offsets (ng:start, ng:end)
		// index into it. About 2.5 KB per news article; `load --no-text` drops it (TextQuad).
		b.add(art, must("articleBody"), quad.String(a.Text))
	}
	switch {
	case x.Publisher != "":
		b.add(art, must("publisher"), EntityIRI(x.Publisher))
	case x.Source != "":
		src := EntityIRI("org/" + extract.Slug(x.Source))
		b.add(art, must("publisher"), src)
		b.add(src, typ, must("Organization"))
		b.add(src, must("name"), quad.String(x.Source))
	}
	if x.Dateline != nil {
		if x.Dateline.Place != "" {
			b.add(art, must("locationCreated"), EntityIRI(x.Dateline.Place))
		}
		if x.Dateline.Date != "" {
			b.add(art, must("dateCreated"), quad.String(x.Dateline.Date))
		}
	}

	for _, e := range x.Entities {
		n := EntityIRI(e.ID)
		b.add(art, must("mentions"), n)
		if t, ok := IRI(e.Type); ok {
			b.add(n, typ, t)
		}
		b.add(n, must("name"), quad.String(e.Name))
		for _, al := range e.Aliases {
			b.add(n, must("alternateName"), quad.String(al))
		}
		if e.Wikidata != "" {
			b.add(n, must("sameAs"), quad.IRI("http://www.wikidata.org/entity/"+e.Wikidata))
		}
		if e.Type == extract.Event && e.Value != "" {
			b.add(n, must("startDate"), quad.String(e.Value))
		}
		for _, p := range e.Roles {
			title := must("jobTitle")
			if p.Former {
				title = must("formerJobTitle")
			}
			b.add(n, title, quad.String(p.Title))
		}
	}

	for _, r := range x.Relations {
		b.relation(a, art, r)
	}
	b.curation(a, x, art) // roles, name keys, wire-copy fingerprint: see curation.go
	return b.quads
}

// TextPredicate is the predicate of an article's text (schema:articleBody).
func TextPredicate() quad.IRI { return must("articleBody") }

// WithoutText is qs without the article text quads (load --no-text), and with what the store
// would have derived from each text in their place: the article's MinHash signature and LSH
// bands (ng:minhash, ng:lshBand; see textkey.FingerprintOf), by which it recognises wire
// copies.
func WithoutText(qs []quad.Quad) []quad.Quad {
	p := TextPredicate()
	out := qs[:0:0]
	var fps []quad.Quad
	for _, q := range qs {
		if q.Predicate != p {
			out = append(out, q)
			continue
		}
		if fp, ok := textkey.FingerprintOf(rdfText(q.Object)); ok {
			add := func(p quad.IRI, o string) {
				fps = append(fps, quad.Quad{Subject: q.Subject, Predicate: p, Object: quad.String(o), Label: q.Label})
			}
			add(must("minhash"), fp.Signature.String())
			for _, band := range fp.Bands {
				add(must("lshBand"), band)
			}
		}
	}
	return append(out, fps...)
}

// rdfText is a literal's text.
func rdfText(v quad.Value) string {
	if s, ok := v.(quad.String); ok {
		return string(s)
	}
	if v == nil {
		return ""
	}
	return fmt.Sprint(quad.NativeOf(v))
}

type builder struct {
	label quad.IRI
	quads []quad.Quad
}

func (b *builder) add(s quad.Value, p quad.IRI, o quad.Value) {
	b.quads = append(b.quads, quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.label})
}

// relation writes the direct edge (when the text asserts the relation as a fact) and the
// Statement node that records how the article states it.
func (b *builder) relation(a extract.Article, art quad.IRI, r extract.Relation) {
	pred, ok := IRI(r.Predicate)
	if !ok {
		pred = must("related")
	}
	if r.Former {
		if f := FormerIRI(r.Predicate); f != "" {
			pred = f
		}
	}
	s := EntityIRI(r.Subject)
	if r.Object != "" && !r.Negated && r.Modality == "" {
		b.add(s, pred, EntityIRI(r.Object))
	}
	st := statementIRI(art, r)
	b.add(st, must("type"), must("Statement"))
	b.add(st, must("subject"), s)
	b.add(st, must("predicate"), pred)
	if r.Object != "" {
		b.add(st, must("object"), EntityIRI(r.Object))
	}
	if r.Value != "" {
		b.add(st, must("value"), quad.String(r.Value))
	}
	if ev := r.Evidence; ev.End > ev.Start && ev.End <= len(a.Text) {
		b.add(st, must("evidence"), quad.String(a.Text[ev.Start:ev.End]))
		b.add(st, must("start"), quad.Int(ev.Start))
		b.add(st, must("end"), quad.Int(ev.End))
	}
	b.add(st, must("confidence"), quad.String(strconv.FormatFloat(r.Confidence, 'f', 2, 64)))
	if r.Date != "" {
		b.add(st, must("date"), quad.String(r.Date))
	}
	if r.Verb != "" {
		b.add(st, must("verb"), quad.String(r.Verb))
	}
	if r.Negated {
		b.add(st, must("polarity"), quad.String("negative"))
	}
	if r.Modality != "" {
		b.add(st, must("modality"), quad.String(r.Modality))
	}
	if r.AttributedTo != "" {
		b.add(st, must("attributedTo"), EntityIRI(r.AttributedTo))
	}
	if r.Source != "" {
		b.add(st, must("source"), quad.String(r.Source))
	}
	if r.Former {
		b.add(st, must("former"), quad.String("true"))
	}
	b.add(st, must("article"), art)
}

// statementIRI is stable for the same relation stated at the same place of the same article.
func statementIRI(art quad.IRI, r extract.Relation) quad.IRI {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00%d", art, r.Subject, r.Predicate, r.Object, r.Value, r.Evidence.Start, r.Evidence.End)
	return quad.IRI("ng:statement/" + hex.EncodeToString(h.Sum(nil))[:24])
}
