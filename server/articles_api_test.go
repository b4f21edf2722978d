package server

import (
	"bytes"
	"github.com/newsgraph/newsgraph/store"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func apiArticles() []store.Article {
	a := quad.IRI("ng:article/a1")
	b := quad.IRI("https://news.example.org/b")
	return []store.Article{
		{IRI: a, Hash: "h1", Quads: []quad.Quad{
			{Subject: a, Predicate: quad.IRI("rdf:type"), Object: quad.IRI("schema:NewsArticle")},
			{Subject: a, Predicate: quad.IRI("schema:headline"), Object: quad.String("Talks \"in\" Baku\nand more")},
			{Subject: quad.IRI("ng:person/x"), Predicate: quad.IRI("schema:name"), Object: quad.LangString{Value: "X", Lang: "en"}},
			{Subject: quad.IRI("ng:s/1"), Predicate: quad.IRI("ng:confidence"), Object: quad.Float(0.85)},
			{Subject: quad.IRI("ng:s/1"), Predicate: quad.IRI("ng:start"), Object: quad.Int(12)},
			{Subject: quad.IRI("ng:s/1"), Predicate: quad.IRI("ng:date"), Object: quad.TypedString{Value: "2025-01-22", Type: "xsd:date"}},
		}},
		{IRI: b, Hash: "h2", Quads: []quad.Quad{{Subject: b, Predicate: quad.IRI("schema:url"), Object: quad.String("https://news.example.org/b")}}},
	}
}

func openAPITestStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(store.Bolt, filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Articles sent through the API are stored exactly as a direct WriteArticles stores them.
func TestArticlesAPIRoundTrip(t *testing.T) {
	direct := openAPITestStore(t)
	if _, err := direct.WriteArticles(apiArticles()); err != nil {
		t.Fatal(err)
	}
	served := openAPITestStore(t)
	srv := httptest.NewServer(NewHandler(served, ServerOptions{Writable: true, Token: "tok"}))
	defer srv.Close()
	c := &ArticlesClient{URL: srv.URL, Token: "tok"}
	st, err := c.WriteArticles(apiArticles())
	if err != nil || st.Added != 2 || st.Quads != 9 {
		t.Fatalf("%+v %v", st, err)
	}
	var a, b bytes.Buffer
	direct.Dump(&a)
	served.Dump(&b)
	if a.String() != b.String() {
		t.Errorf("through the API:\n%s\ndirect:\n%s", b.String(), a.String())
	}
	if st, err := c.WriteArticles(apiArticles()); err != nil || st.Unchanged != 2 {
		t.Errorf("again: %+v %v", st, err)
	}
	if ok, err := served.HasArticle("ng:article/a1", "h1"); !ok || err != nil {
		t.Errorf("HasArticle(a1, h1) = %v %v", ok, err)
	}
	if ok, _ := served.HasArticle("ng:article/a1", "h2"); ok {
		t.Error("HasArticle(a1, h2) = true")
	}
	if ok, _ := served.HasArticle("ng:article/zz", "h1"); ok {
		t.Error("HasArticle(zz, h1) = true")
	}
}

func TestArticlesAPIRefuses(t *testing.T) {
	s := openAPITestStore(t)
	withToken := httptest.NewServer(NewHandler(s, ServerOptions{Writable: true, Token: "tok"}))
	defer withToken.Close()
	noToken := httptest.NewServer(ArticlesHandler(s, ""))
	defer noToken.Close()
	readOnly := httptest.NewServer(NewHandler(s, ServerOptions{Token: "tok"}))
	defer readOnly.Close()

	post := func(url, auth, body string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, url+ArticlesPath, strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}
	ok := `{"articles":[{"iri":"ng:article/a","hash":"h","nquads":"<ng:article/a> <schema:url> \"u\" .\n"}]}`
	for _, c := range []struct {
		name, url, auth, body string
		code                  int
		says                  string
	}{
		{"no token sent", withToken.URL, "", ok, 401, "token"},
		{"wrong token", withToken.URL, "Bearer nope", ok, 401, "token"},
		{"not bearer", withToken.URL, "Basic dG9rOg==", ok, 401, "token"},
		{"server without token", noToken.URL, "Bearer ", ok, 403, "--token"},
		{"read-only server", readOnly.URL, "Bearer tok", ok, 404, "no such API endpoint"},
		{"bad JSON", withToken.URL, "Bearer tok", `{"articles": [`, 400, "bad batch"},
		{"bad N-Quads", withToken.URL, "Bearer tok", `{"articles":[{"iri":"ng:article/a","hash":"h","nquads":"<a> <b> .\n"}]}`, 400, "quad 1"},
		{"no hash", withToken.URL, "Bearer tok", `{"articles":[{"iri":"ng:article/a","nquads":""}]}`, 400, "required"},
		{"foreign label", withToken.URL, "Bearer tok", `{"articles":[{"iri":"ng:article/a","hash":"h","nquads":"<a> <b> <c> <ng:article/other> .\n"}]}`, 400, "label"},
	} {
		code, body := post(c.url, c.auth, c.body)
		if code != c.code || !strings.Contains(body, c.says) {
			t.Errorf("%s: %d %s", c.name, code, body)
		}
	}
	var b bytes.Buffer
	s.Dump(&b)
	if b.Len() != 0 {
		t.Errorf("refused requests wrote:\n%s", b.String())
	}
	if code, body := post(withToken.URL, "Bearer tok", ok); code != 200 || !strings.Contains(body, `"added":1`) {
		t.Errorf("good request: %d %s", code, body)
	}
	resp, _ := http.Get(withToken.URL + ArticlesPath)
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	resp.Body.Close()
	if _, err := (&ArticlesClient{URL: readOnly.URL, Token: "tok"}).WriteArticles(apiArticles()); err == nil || !strings.Contains(err.Error(), "serve --writable --token") {
		t.Errorf("client against a read-only server: %v", err)
	}
}
