// Package server is newsgraph's HTTP server: Cayley's v1 and v2 API as stock `cayley http`
// serves them (with /api/v2/read in RDF form by default: read.go), Cayley's web UI with its
// assets served offline, the entity explorer's page and JSON API, and on a writable server the
// articles API, whose client (ArticlesClient) `load --server` uses. It reads and writes
// through a *store.Store and registers nothing on http.DefaultServeMux, so a process may run
// several servers.
package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/explore"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/cayley/ui"
	"github.com/julienschmidt/httprouter"

	"github.com/newsgraph/newsgraph/internal/gizmo"
	"github.com/newsgraph/newsgraph/server/explorepage"

	// Cayley's GraphQL and MQL, as stock `cayley http` has them (Gizmo is newsgraph's own
	// copy, internal/gizmo)
	_ "github.com/cayleygraph/cayley/query/graphql"
	_ "github.com/cayleygraph/cayley/query/mql"

	// quad formats for /api/v2/read, /api/v2/write and /api/v2/formats: those of stock
	// `cayley` (cmd/cayley/cayley.go), so that formats lists what read writes
	_ "github.com/cayleygraph/quad/dot"
	_ "github.com/cayleygraph/quad/gml"
	_ "github.com/cayleygraph/quad/graphml"
	_ "github.com/cayleygraph/quad/json"
	_ "github.com/cayleygraph/quad/jsonld"
	_ "github.com/cayleygraph/quad/nquads"
	_ "github.com/cayleygraph/quad/pquads"
)

// ServerOptions configures NewHandler and Serve. Zero values mean the
// defaults.
type ServerOptions struct {
	Addr     string // default "127.0.0.1:64210"
	Writable bool   // default false: /api/v2/write and /api/v2/delete are refused (403)
	// Token is the bearer token every write must carry when Writable (Cayley's
	// /api/v2/write and /api/v2/delete, and ArticlesHandler); with no token,
	// writes are refused even when Writable.
	QueryTimeout time.Duration // default 30s
	// QueryLimit caps the results of a query (default 10000: stock Cayley's v2 API stops at
	// 100; see docs/api.md).
	QueryLimit int
	Token      string
	// UIAssets is the node_modules folder holding the web UI's offline query
	// editor and icon font (see FindUIAssets); "" serves a plain text editor
	// in their place.
	UIAssets string
	// AllowedHosts are host names the server answers to besides IP
	// addresses, localhost and the host of Addr (see hostCheck).
	AllowedHosts []string
	// QueryMemory bounds how far a Gizmo query may grow the heap (default
	// gizmo.DefaultMemory); QueryConcurrency bounds the queries running at
	// once (default two per core). Both apply to the whole process.
	QueryMemory      uint64
	QueryConcurrency int
	// ReadTimeout and IdleTimeout default to ServerReadTimeout and
	// ServerIdleTimeout; MaxConnsPerClient to the constant of that name.
	ReadTimeout, IdleTimeout time.Duration
	MaxConnsPerClient        int
}

// Server defaults.
const (
	DefaultAddr         = "127.0.0.1:64210"
	DefaultQueryTimeout = 30 * time.Second
	DefaultQueryLimit   = 10000
)

func (o ServerOptions) withDefaults() ServerOptions {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = DefaultQueryTimeout
	}
	if o.QueryLimit <= 0 {
		o.QueryLimit = DefaultQueryLimit
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = ServerReadTimeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = ServerIdleTimeout
	}
	if o.MaxConnsPerClient <= 0 {
		o.MaxConnsPerClient = MaxConnsPerClient
	}
	return o
}

// uiServerURL is the API address compiled into Cayley's web UI bundle.
const uiServerURL = `"http://localhost:64210"`

// NewHandler returns an http.Handler serving Cayley's v2 HTTP API under
// /api/v2/ and Cayley's web UI everywhere else. It has its own routes; it
// registers nothing on http.DefaultServeMux.
func NewHandler(s *store.Store, o ServerOptions) http.Handler {
	o = o.withDefaults()
	router := httprouter.New()
	router.NotFound = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		jsonError(w, http.StatusNotFound, "no such API endpoint: "+r.URL.Path)
	})
	api := cayleyhttp.NewBoundAPIv2(&cgraph.Handle{QuadStore: s.QuadStore(), QuadWriter: s.APIWriter()}, router)
	api.SetReadOnly(!o.Writable)
	api.SetQueryTimeout(o.QueryTimeout)
	api.SetQueryLimit(o.QueryLimit)

	mux := http.NewServeMux()
	var apiHandler http.Handler = router
	if o.Writable {
		apiHandler = writesNeedToken(forgetMergesOnWrite(s, router), o.Token)
	} else {
		apiHandler = refuseWrites(router)
	}
	mux.Handle("/api/", limitBodies(readRDF(s, apiHandler))) // /api/v2/read in RDF form by default (read.go)
	mux.Handle(ShapePath, limitBodies(shapeHandler(s, o)))   // the UI's Query Shape tab: plans (server_shape.go)
	// What stock `cayley http` serves besides the v2 API (server_stock.go): its health check,
	// its v1 API (POST; a GET is the UI's, as before). Not Gephi's graph stream, nor metrics
	// (stock serves them on --metrics' own address): 404. docs/api.md lists the differences.
	mux.HandleFunc("/health", serveHealth)
	v1 := http.NewServeMux()
	v1.Handle("/query/", v1Query(o, s))
	v1.HandleFunc("/shape/", v1Shape)
	for _, p := range []string{"/write", "/write/file/nquad", "/delete"} {
		v1.Handle(p, v1Write(apiHandler))
	}
	for _, p := range []string{"/query/", "/shape/", "/write", "/write/", "/delete"} {
		mux.Handle(p, postOnly(limitBodies(v1), uiFiles()))
	}
	for _, p := range []string{"/metrics", "/gephi/"} {
		mux.Handle(p, http.NotFoundHandler())
	}
	mux.Handle(ExplorePrefix, limitBodies(ExploreAPI(s, o))) // the entity explorer's JSON API (explore_api.go)
	if o.Writable {
		mux.Handle(ArticlesPath, ArticlesHandler(s, o.Token))
	}
	mux.Handle(assetsPrefix, newAssetsHandler(o.UIAssets))
	mux.Handle("/explore", http.RedirectHandler("/explore/", http.StatusMovedPermanently))
	mux.Handle("/explore/", http.StripPrefix("/explore", explorepage.Handler()))
	mux.Handle("/", uiFiles())
	// No CORS: the API answers pages of its own origin only, and a page of
	// another origin cannot make the browser send it a POST (a query, a write).
	// A PostgreSQL database that cannot be reached gives 503, not the error of the handler
	// that met it (store/postgres.go: Store.Unreachable).
	return writeProgress(hostCheck(noCORS(http.NewCrossOriginProtection().Handler(unavailableWhenDown(s, mux))), o.Addr, o.AllowedHosts))
}

// refuseWrites answers 403 to the API's writing endpoints. (Cayley's own
// read-only mode does so too, but only because ServeWrite checks the flag:
// NewBoundAPIv2 registers the routes before SetReadOnly can be called.)
func refuseWrites(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isWrite(r.URL.Path) {
			jsonError(w, http.StatusForbidden, "the database is read-only: this server was started without writes enabled")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// isWrite reports whether an API request path is one of Cayley's writing endpoints.
func isWrite(p string) bool {
	switch path.Clean(p) {
	case "/api/v2/write", "/api/v2/delete", "/api/v2/node/delete":
		return true
	}
	return false
}

// writesNeedToken lets the API's writing endpoints through only with
// "Authorization: Bearer token"; an empty token refuses them all.
func writesNeedToken(next http.Handler, token string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isWrite(r.URL.Path) && !authorized(w, r, token) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

// forgetMergesOnWrite tells the store of a write through Cayley's API, which goes around
// the Store's own writes and may add or delete articles and merges (Store.ForeignWrite).
func forgetMergesOnWrite(s *store.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isWrite(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		if err := s.ForeignWrite(func() { next.ServeHTTP(w, r) }); err != nil {
			jsonError(w, http.StatusInternalServerError, err.Error())
		}
	})
}

// authorized checks the request's bearer token against token, answering 403
// (no token set) or 401 (missing or wrong) when it does not match.
func authorized(w http.ResponseWriter, r *http.Request, token string) bool {
	if token == "" {
		jsonError(w, http.StatusForbidden, "this server takes no writes: start it with a write token (serve --writable --token T)")
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
		jsonError(w, http.StatusUnauthorized, "missing or wrong token (Authorization: Bearer TOKEN)")
		return false
	}
	return true
}

func jsonError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// Serve listens on o.Addr, calls ready (if not nil) with the address it
// listens on (useful with port 0), and serves NewHandler(s, o) until ctx is
// cancelled; it then shuts the server down, cancelling running queries and
// waiting for running requests, and returns nil.
func Serve(ctx context.Context, s *store.Store, o ServerOptions, ready func(addr string)) error {
	o = o.withDefaults()
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// Requests' contexts end with ctx, so running queries stop at shutdown.
	gizmo.SetLimits(gizmo.Limits{Memory: o.QueryMemory, Concurrent: o.QueryConcurrency})
	srv := &http.Server{
		Handler:           NewHandler(s, o),
		ReadHeaderTimeout: min(ServerReadHeaderTimeout, o.ReadTimeout),
		ReadTimeout:       o.ReadTimeout,
		IdleTimeout:       o.IdleTimeout,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	ln = limitConns(ln, maxConns(), o.MaxConnsPerClient)
	// The explorer's index is built now rather than by the first person to open the explorer.
	go explore.Of(s).PrepareExplorer(ctx)
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// uiHandler serves Cayley's web UI: the files of ui.FS under web/, with
// index.html for "/" and for unknown paths without an extension (the
// single-page app's own routes).
type uiHandler struct {
	files     fs.FS
	rewritten map[string][]byte // files served with the compiled-in API address replaced
}

// uiFiles builds the UI handler once; it never changes.
var uiFiles = sync.OnceValue(newUIHandler)

func newUIHandler() *uiHandler {
	web, err := fs.Sub(ui.FS, "web")
	if err != nil {
		panic(err) // "web" is a valid path: cannot happen
	}
	h := &uiHandler{files: web, rewritten: make(map[string][]byte)}
	// See rewriteUIFile: the API address, the CDN URLs, the Query Shape tab.
	for _, pattern := range []string{"static/js/*.js", "static/css/*.css"} {
		names, _ := fs.Glob(web, pattern)
		for _, name := range names {
			data, err := fs.ReadFile(web, name)
			if err != nil {
				continue
			}
			if out, ok := rewriteUIFile(name, data); ok {
				h.rewritten[name] = out
			}
		}
	}
	return h
}

func (h *uiHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	if data, ok := h.rewritten[name]; ok {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	if h.serveFile(w, r, name) {
		return
	}
	if path.Ext(name) != "" {
		http.NotFound(w, r)
		return
	}
	h.serveFile(w, r, "index.html")
}

// serveFile serves the regular file name, reporting false if there is none.
func (h *uiHandler) serveFile(w http.ResponseWriter, r *http.Request, name string) bool {
	f, err := h.files.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		return false
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		return false
	}
	http.ServeContent(w, r, name, st.ModTime(), rs)
	return true
}
