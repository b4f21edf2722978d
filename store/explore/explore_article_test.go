package explore_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/explore"
)

// The article page: what the graph keeps of the article that says Bayramov received
// Shekerinska, its text, its facts (each sentence where it is in the text) and its entities.
func TestExploreArticleAPI(t *testing.T) {
	s := examplesStore(t)
	srv := httptest.NewServer(server.ExploreAPI(s, server.ServerOptions{QueryTimeout: 10 * time.Second}))
	t.Cleanup(srv.Close)
	base := srv.URL + "/api/newsgraph/"

	var card cards.Card
	getJSON(t, base, "entity?id=Bayramov", http.StatusOK, &card)
	var art string
	var ev cards.Evidence
	for _, f := range card.Facts {
		if f.Evidence.Text == receivedSentence {
			art, ev = string(f.Evidence.Article), f.Evidence
		}
	}
	if art == "" {
		t.Fatalf("no fact of Bayramov's card has the sentence: %+v", card.Facts)
	}
	var page explore.ArticlePage
	d := getJSON(t, base, "article?id="+url.QueryEscape(art), http.StatusOK, &page)
	t.Logf("article: %v", d)
	// (a plain text file: no headline or date, as the card's evidence says)
	if string(page.ID) != art || page.Headline != ev.Headline || page.Published != ev.Date || page.URL != ev.URL || page.Publisher != ev.Publisher || page.Publisher == "" {
		t.Errorf("article %s: headline %q, published %q, publisher %q", page.ID, page.Headline, page.Published, page.Publisher)
	}
	if !strings.Contains(page.Text, receivedSentence) {
		t.Errorf("the text does not hold the sentence: %q", page.Text)
	}
	found := false
	for i, f := range page.Facts {
		if f.Start == nil || f.End == nil {
			t.Errorf("fact %d without offsets: %+v", i, f)
			continue
		}
		if page.Text[*f.Start:*f.End] != f.Text {
			t.Errorf("fact %d: text[%d:%d] is not its sentence %q", i, *f.Start, *f.End, f.Text)
		}
		if i > 0 && page.Facts[i-1].Start != nil && *page.Facts[i-1].Start > *f.Start {
			t.Errorf("facts not in text order at %d", i)
		}
		if f.Predicate == "ng:received" && f.Object != nil && f.Object.Name == "Radmila Shekerinska" && f.Subject.Name == "Jeyhun Bayramov" {
			found = f.Text == receivedSentence
		}
	}
	if !found {
		t.Errorf("no fact Bayramov received Shekerinska: %+v", page.Facts)
	}
	names := map[string]string{}
	for _, e := range page.Entities {
		names[e.Name] = e.Type
	}
	if names["Jeyhun Bayramov"] != "Person" || names["Azerbaijan"] != "Country" {
		t.Errorf("entities: %v", names)
	}

	// The same article by its id as loaded, and errors.
	short := strings.TrimPrefix(art, "ng:article/")
	var again explore.ArticlePage
	getJSON(t, base, "article?id="+url.QueryEscape(short), http.StatusOK, &again)
	if again.ID != page.ID || len(again.Facts) != len(page.Facts) {
		t.Errorf("by its id %q: %s, %d facts", short, again.ID, len(again.Facts))
	}
	var e struct{ Error string }
	getJSON(t, base, "article?id=ng:article/nothing-here", http.StatusNotFound, &e)
	getJSON(t, base, "article?id=ng:person/jeyhun-bayramov", http.StatusNotFound, &e)
	getJSON(t, base, "article", http.StatusBadRequest, &e)
}

// Search results and a card's other matches say what tells namesakes apart.
func TestExploreNamesakes(t *testing.T) {
	s := examplesStore(t)
	srv := httptest.NewServer(server.ExploreAPI(s, server.ServerOptions{QueryTimeout: 10 * time.Second}))
	t.Cleanup(srv.Close)
	base := srv.URL + "/api/newsgraph/"
	var search struct{ Results []explore.NamesakeResult }
	getJSON(t, base, "search?q=Bayramov", http.StatusOK, &search)
	if len(search.Results) == 0 {
		t.Fatal("no Bayramov")
	}
	r := search.Results[0]
	// (the examples are undated here: first and last seen are the browser test's)
	if r.Name != "Jeyhun Bayramov" || r.Type != "Person" || r.Title != "Foreign Minister" || r.Of == nil || r.Of.Name != "Azerbaijan" || r.Articles != 1 {
		t.Errorf("Bayramov: %+v", r)
	}
}
