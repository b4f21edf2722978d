package explore_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/store"
)

// A hub for the explorer's tests: "Hubland", a country that 600 articles mention, with 150
// neighbours over 24 relations, 40 quotations and half its articles undated, as a country is
// in a year of wire news. Each article is one extraction mapped to quads by schema.Quads, the
// mapping `newsgraph load` uses, so the store holds what a load would write for such articles.
// Beside it, two small entities connected both through Hubland and through a Bridge that few
// articles mention, for "avoid hubs".

const (
	hubArticles   = 600
	hubPartners   = 150
	hubQuotations = 40
)

var hubPredicates = []string{"visited", "met", "attacked", "supported", "criticised", "praised",
	"heldTalksWith", "signed", "accused", "threatened", "warned", "condemned", "sanctioned",
	"cooperatesWith", "alliedWith", "foughtAgainst", "welcomed", "called", "received", "captured",
	"arrested", "released", "agreedWith", "related"}

// hubArticle is article i: one sentence of a relation between Hubland and a partner (the
// partner its subject one time in three), a quotation of Hubland's for the first
// hubQuotations, and a sentence of the paths' fixture for the last ones.
func hubArticle(i int) (extract.Article, extract.Extraction) {
	id := fmt.Sprintf("hub-%03d", i)
	p := i % hubPartners
	partner := extract.Entity{ID: fmt.Sprintf("person/partner-%03d", p), Name: fmt.Sprintf("Partner %03d", p), Type: extract.Person}
	if p%3 == 1 {
		partner = extract.Entity{ID: fmt.Sprintf("org/agency-%03d", p), Name: fmt.Sprintf("Agency %03d", p), Type: extract.Organization}
	}
	hub := extract.Entity{ID: "country/hubland", Name: "Hubland", Type: extract.Country}
	pred := hubPredicates[(i/3)%len(hubPredicates)]
	subj, obj := hub, partner
	if i%3 == 2 {
		subj, obj = partner, hub
	}
	var text strings.Builder
	ex := extract.Extraction{ID: id, Title: fmt.Sprintf("Hubland news %d", i), Source: "Wire"}
	if i%2 == 0 {
		ex.Published = fmt.Sprintf("20%02d-%02d-15", 10+i%6, 1+i%12)
	}
	mention := func(e *extract.Entity) { text.WriteString(e.Name) }
	sentence := func(s, o *extract.Entity, verb, predicate string) {
		start := text.Len()
		mention(s)
		text.WriteString(" " + verb + " ")
		mention(o)
		text.WriteString(". ")
		ex.Relations = append(ex.Relations, extract.Relation{Subject: s.ID, Predicate: predicate, Object: o.ID,
			Confidence: 0.8, Evidence: extract.Span{Start: start, End: text.Len() - 1}})
	}
	sentence(&subj, &obj, "was said to have "+pred, pred)
	if i < hubQuotations {
		start := text.Len()
		mention(&hub)
		quote := fmt.Sprintf("the talks of round %d went well", i)
		text.WriteString(" said " + quote + ". ")
		ex.Relations = append(ex.Relations, extract.Relation{Subject: hub.ID, Predicate: "said", Value: quote,
			Confidence: 0.8, Evidence: extract.Span{Start: start, End: text.Len() - 1}})
	}
	ex.Entities = append(ex.Entities, hub, partner)
	if i >= hubArticles-3 {
		// Alpha and Omega: connected through Hubland, and through the Bridge.
		alpha := extract.Entity{ID: "person/alpha-one", Name: "Alpha One", Type: extract.Person}
		omega := extract.Entity{ID: "person/omega-two", Name: "Omega Two", Type: extract.Person}
		bridge := extract.Entity{ID: "person/bridge-person", Name: "Bridge Person", Type: extract.Person}
		sentence(&alpha, &hub, "visited", "visited")
		sentence(&hub, &omega, "received", "received")
		sentence(&alpha, &bridge, "met", "met")
		sentence(&bridge, &omega, "met", "met")
		ex.Entities = append(ex.Entities, alpha, omega, bridge)
	}
	// Each entity once, mentioned where its name first appears.
	seen := map[string]bool{}
	var ents []extract.Entity
	for _, e := range ex.Entities {
		if !seen[e.ID] {
			seen[e.ID] = true
			at := strings.Index(text.String(), e.Name)
			e.Mentions = []extract.Mention{{Start: at, End: at + len(e.Name), Text: e.Name, Kind: "name"}}
			ents = append(ents, e)
		}
	}
	ex.Entities = ents
	a := extract.Article{ID: id, Title: ex.Title, Text: text.String(), Source: ex.Source, Published: ex.Published}
	return a, ex
}

// hubStore is a bolt store holding the hub's articles (and whatever more is given).
func hubStore(t *testing.T) *store.Store {
	t.Helper()
	s := openBolt(t)
	var arts []store.Article
	for i := range hubArticles {
		a, ex := hubArticle(i)
		arts = append(arts, store.Article{IRI: schema.ArticleIRI(ex.ID), Hash: extract.ContentHash(a.Text), Quads: schema.Quads(a, ex)})
	}
	if _, err := s.WriteArticles(arts); err != nil {
		t.Fatal(err)
	}
	return s
}
