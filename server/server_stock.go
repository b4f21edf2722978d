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
	"net/http/httptest"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/query"
)

// The endpoints stock `cayley http` serves besides the v2 API (its internal/http package, which
// cannot be imported): /health, the v1 API (POST /query/LANG, /shape/LANG, /write,
// /write/file/nquad, /delete), /gephi/gs. Answered as stock answers them, with newsgraph's
// guards (docs/api.md lists the differences).

// serveHealth answers 204 No Content to GET, as stock's /health does.
func serveHealth(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// stockJSONError writes an error as stock's v1 API does (its jsonResponse): {"error": "msg"}.
func stockJSONError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	b, _ := json.Marshal(msg)
	fmt.Fprintf(w, `{"error": %s}`, b)
}

// v1Query serves stock's POST /query/LANG: the query in the body, at most ?limit= results
// (default 100, as stock), {"result": [...]}. The language's own HTTP handler (GraphQL) when
// it has one.
func v1Query(o ServerOptions, s *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		lang := strings.TrimPrefix(r.URL.Path, "/query/")
		l := query.GetLanguage(lang)
		if l == nil || strings.Contains(lang, "/") {
			stockJSONError(w, http.StatusBadRequest, "Unknown query language.")
			return
		}
		errFunc := func(w query.ResponseWriter, err error) {
			b, _ := json.Marshal(err.Error())
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error" : %s}`, b)
		}
		if l.HTTPError != nil {
			errFunc = l.HTTPError
		}
		ctx, cancel := context.WithTimeout(r.Context(), o.QueryTimeout)
		defer cancel()
		if l.HTTPQuery != nil {
			defer r.Body.Close()
			l.HTTPQuery(ctx, s.QuadStore(), w, r.Body)
			return
		}
		if l.Session == nil {
			errFunc(w, errors.New("no support for HTTP interface for this query language"))
			return
		}
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		if limit == 0 {
			limit = 100
		}
		if limit < 0 || limit > o.QueryLimit {
			limit = o.QueryLimit // stock: none for a negative limit; newsgraph's bound
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			errFunc(w, err)
			return
		}
		it, err := l.Session(s.QuadStore()).Execute(ctx, string(body), query.Options{Collation: query.JSON, Limit: limit})
		if err != nil {
			errFunc(w, err)
			return
		}
		defer it.Close()
		var out []any
		for it.Next(ctx) {
			out = append(out, it.Result())
		}
		if err := it.Err(); err != nil {
			errFunc(w, err)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"result": out})
	}
}

// v1Shape is stock's POST /shape/LANG: 501.
func v1Shape(w http.ResponseWriter, r *http.Request) {
	stockJSONError(w, http.StatusNotImplemented, "Query shape API v1 is deprecated.")
}

// v1Write serves stock's POST /write (a JSON list of quads), /write/file/nquad (an N-Quads file
// in the form field NQuadFile) and /delete (a JSON list) by handing them to the v2 API (api:
// /api/v2/write or /api/v2/delete behind newsgraph's guards: token, read-only, the card index
// marked dirty), answering as stock's v1 does: {"result": "Successfully wrote N quads."}.
func v1Write(api http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r2 := r.Clone(r.Context())
		verb := "wrote"
		switch r.URL.Path {
		case "/write":
			r2.URL.Path = "/api/v2/write"
			r2.Header.Set("Content-Type", "application/json")
		case "/delete":
			r2.URL.Path, verb = "/api/v2/delete", "deleted"
			r2.Header.Set("Content-Type", "application/json")
		case "/write/file/nquad":
			f, _, err := r.FormFile("NQuadFile")
			if err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					tooLarge(w, tooBig.Limit)
					return
				}
				stockJSONError(w, http.StatusInternalServerError, "Couldn't read file: "+err.Error())
				return
			}
			defer f.Close()
			r2.URL.Path, r2.Body = "/api/v2/write", f
			r2.Header.Set("Content-Type", "application/n-quads")
			r2.Header.Del("Content-Length")
			r2.ContentLength = -1
		}
		r2.RequestURI = r2.URL.RequestURI()
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, r2)
		var res struct {
			Count int `json:"count"`
		}
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &res) != nil {
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			io.Copy(w, bytes.NewReader(rec.Body.Bytes()))
			return
		}
		fmt.Fprintf(w, `{"result": "Successfully %s %d quads."}`, verb, res.Count)
	}
}

// postOnly sends POST requests to h and the others to other: the web UI, which answers a GET
// of any path without an extension with its page (its own routes); stock answers 405.
func postOnly(h, other http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			h.ServeHTTP(w, r)
			return
		}
		other.ServeHTTP(w, r)
	})
}
