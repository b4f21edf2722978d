package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/newsgraph/newsgraph/store"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// The articles API lets a running server take articles from `newsgraph load --server`: the
// bolt database can be open in one process only, and a load must not wait for a server that
// holds it. Articles are written with WriteArticles, as a local load writes them: idempotent
// by content hash, each batch in one transaction.
//
//	POST /api/newsgraph/articles
//	Authorization: Bearer TOKEN
//	Content-Type: application/json
//
//	{"articles": [{"iri": "ng:article/a1", "hash": "9f2c...", "nquads": "<s> <p> \"o\" <ng:article/a1> .\n..."}]}
//
// An article may carry "links": [{"from": "ng:person/bayramov@1a2b3c4d", "to":
// "ng:person/jeyhun-bayramov", "reason": "..."}] (see Article.Links).
//
// The answer is the WriteStats as JSON: {"added": 1, "replaced": 0, "unchanged": 0, "quads": 42,
// "links": 0}.
// Errors are {"error": "..."} with 400 (a bad batch: nothing of it is written), 401 (no or a
// wrong token), 403 (the server has no token: it takes no articles), 405, 413 or 500.

// ArticlesPath is where NewHandler mounts ArticlesHandler on a writable server.
const ArticlesPath = "/api/newsgraph/articles"

// MaxArticlesBody bounds the size of one request to the articles API.
const MaxArticlesBody = 256 << 20

// wireArticle is an Article as the articles API carries it: its quads as N-Quads.
type wireArticle struct {
	IRI    string     `json:"iri"`
	Hash   string     `json:"hash"`
	NQuads string     `json:"nquads"`
	Links  []wireLink `json:"links,omitempty"`
}

type wireLink struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Reason string `json:"reason,omitempty"`
}

type wireBatch struct {
	Articles []wireArticle `json:"articles"`
}

type wireStats struct {
	Added     int `json:"added"`
	Replaced  int `json:"replaced"`
	Unchanged int `json:"unchanged"`
	Quads     int `json:"quads"`
	Links     int `json:"links"`
}

// ArticlesHandler serves POST requests of article batches (see ArticlesPath) and writes them
// into s with WriteArticles. Every request must carry "Authorization: Bearer token"; with an
// empty token the handler refuses all requests.
func ArticlesHandler(s *store.Store, token string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			jsonError(w, http.StatusMethodNotAllowed, "POST a batch of articles here")
			return
		}
		if !authorized(w, r, token) {
			return
		}
		var b wireBatch
		body := http.MaxBytesReader(w, r.Body, MaxArticlesBody)
		if err := json.NewDecoder(body).Decode(&b); err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("batch larger than %d MB: send smaller batches", MaxArticlesBody>>20))
				return
			}
			jsonError(w, http.StatusBadRequest, "bad batch: "+err.Error())
			return
		}
		arts := make([]store.Article, len(b.Articles))
		for i, wa := range b.Articles {
			a, err := wa.article()
			if err != nil {
				jsonError(w, http.StatusBadRequest, fmt.Sprintf("article %d (%s): %v", i, wa.IRI, err))
				return
			}
			arts[i] = a
		}
		st, err := s.WriteArticles(arts)
		if err != nil {
			jsonError(w, http.StatusInternalServerError, err.Error())
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(wireStats(st))
	})
}

func (wa wireArticle) article() (store.Article, error) {
	if wa.IRI == "" || wa.Hash == "" {
		return store.Article{}, errors.New(`"iri" and "hash" are required`)
	}
	a := store.Article{IRI: quad.IRI(wa.IRI), Hash: wa.Hash}
	for _, l := range wa.Links {
		if l.From == "" || l.To == "" {
			return store.Article{}, errors.New(`a link needs "from" and "to"`)
		}
		a.Links = append(a.Links, store.Link{From: quad.IRI(l.From), To: quad.IRI(l.To), Reason: l.Reason})
	}
	r := nquads.NewReader(strings.NewReader(wa.NQuads), false)
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return a, nil
		}
		if err != nil {
			return store.Article{}, fmt.Errorf("quad %d: %w", len(a.Quads)+1, err)
		}
		switch {
		case !q.IsValid():
			return store.Article{}, fmt.Errorf("quad %d (%s): subject, predicate and object are required", len(a.Quads)+1, q.NQuad())
		case q.Label != nil && q.Label.String() != a.IRI.String():
			return store.Article{}, fmt.Errorf("quad %d (%s) has label %s, want the article IRI", len(a.Quads)+1, q.NQuad(), q.Label)
		}
		a.Quads = append(a.Quads, q)
	}
}

func toWire(a store.Article) (wireArticle, error) {
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := w.WriteQuads(a.Quads); err != nil {
		return wireArticle{}, err
	}
	if err := w.Close(); err != nil {
		return wireArticle{}, err
	}
	wa := wireArticle{IRI: string(a.IRI), Hash: a.Hash, NQuads: buf.String()}
	for _, l := range a.Links {
		wa.Links = append(wa.Links, wireLink{From: string(l.From), To: string(l.To), Reason: l.Reason})
	}
	return wa, nil
}

// ArticlesClient writes articles through the articles API of a running server. It has the
// WriteArticles method of a Store, so a load can write to either.
type ArticlesClient struct {
	URL   string       // the server's address, "http://127.0.0.1:64210"
	Token string       // its write token
	HTTP  *http.Client // nil means a client with a five-minute timeout
}

var articlesHTTP = &http.Client{Timeout: 5 * time.Minute}

// WriteArticles sends arts in one request and returns what the server wrote. The server
// writes a batch as WriteArticles does: each article all or nothing.
func (c *ArticlesClient) WriteArticles(arts []store.Article) (store.WriteStats, error) {
	b := wireBatch{Articles: make([]wireArticle, len(arts))}
	for i, a := range arts {
		wa, err := toWire(a)
		if err != nil {
			return store.WriteStats{}, fmt.Errorf("article %s: %w", a.IRI, err)
		}
		b.Articles[i] = wa
	}
	body, err := json.Marshal(b)
	if err != nil {
		return store.WriteStats{}, err
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, strings.TrimRight(c.URL, "/")+ArticlesPath, bytes.NewReader(body))
	if err != nil {
		return store.WriteStats{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	hc := c.HTTP
	if hc == nil {
		hc = articlesHTTP
	}
	resp, err := hc.Do(req)
	if err != nil {
		return store.WriteStats{}, fmt.Errorf("server %s: %w", c.URL, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error string }
		if json.Unmarshal(data, &e) != nil || e.Error == "" {
			e.Error = strings.TrimSpace(string(data))
		}
		if resp.StatusCode == http.StatusNotFound {
			e.Error = "no articles API here: start the server with serve --writable --token T"
		}
		return store.WriteStats{}, fmt.Errorf("server %s: %s: %s", c.URL, resp.Status, e.Error)
	}
	var st wireStats
	if err := json.Unmarshal(data, &st); err != nil {
		return store.WriteStats{}, fmt.Errorf("server %s: unreadable answer: %w", c.URL, err)
	}
	return store.WriteStats(st), nil
}
