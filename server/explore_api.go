package server

// The explore API: read-only JSON over the graph for the entity explorer (/explore) and for
// anyone else. Every endpoint answers GET (and HEAD) only; every request runs under a timeout
// (ServerOptions.QueryTimeout, default 30 s) and every list is capped (the request's limit,
// at most ServerOptions.QueryLimit and the endpoint's own maximum). Entities are named by id
// ("ng:person/jeyhun-bayramov", "person/jeyhun-bayramov") or by name as `newsgraph entity`
// takes them (a name, an alias, any case or accents, a surname: "Bayramov"). Dates are ISO
// 8601 with a year: YYYY, YYYY-MM or YYYY-MM-DD.
//
// Errors are {"error": "..."}: 400 for a bad or missing parameter, 404 for an unknown entity
// or endpoint, 405 for a method other than GET or HEAD, 504 when the request ran out of time,
// 500 otherwise. server/EXPLORE-API.md has the same with full examples.
//
//	GET /api/newsgraph/search?q=Bay&limit=10
//	    Completion over names and aliases (case, accents and punctuation ignored): exact
//	    matches, then names starting with q, then names with a word starting with q; each most
//	    mentioned first (an id, q=person/jeyhun-bayramov, puts that entity first). limit:
//	    default 10, at most 100. Each tells itself from its namesakes (explore.Namesake): its
//	    commonest title, where it belongs ("of": its most stated heads, worksFor, memberOf,
//	    headquarteredIn, containedInPlace or partOf edge), the first and last article dates.
//	    {"query": "Bay", "results": [{"id": "ng:person/jeyhun-bayramov", "name": "Jeyhun Bayramov",
//	      "type": "Person", "articles": 1, "match": "word", "title": "Foreign Minister",
//	      "of": {"id": "ng:country/azerbaijan", "name": "Azerbaijan"}, "firstSeen": "2026-01-22",
//	      "lastSeen": "2026-01-22"}]}
//
//	GET /api/newsgraph/entity?id=Bayramov
//	    The entity's card, as `newsgraph entity --json` prints it (cards.Card): id, name, types,
//	    aliases, links (Wikidata), articles, positions, facts (each with its corroboration and
//	    one evidence sentence). facts: at most this many facts (default all). "others" (the
//	    other entities of the same name) carry type, title, of, firstSeen and lastSeen as search's
//	    results do.
//	    {"id": "ng:person/jeyhun-bayramov", "name": "Jeyhun Bayramov", "types": ["Person"], ...,
//	     "facts": [{"subject": {...}, "predicate": "ng:received", "object": {"id":
//	       "ng:person/radmila-shekerinska", "name": "Radmila Shekerinska"}, "articles": 1, ...,
//	       "evidence": {"text": "The discussion took place ...", "article": "ng:article/...",
//	       "publisher": "Trend News Agency"}}]}
//
//	GET /api/newsgraph/neighbours?id=Bayramov&hops=1&predicate=received,worksFor&from=2020&to=2025-06&limit=50
//	    The entities within hops (1 or 2) relation edges of the entity, either direction, and
//	    the edges among them; predicate (repeatable or comma-separated: received, ng:received,
//	    memberOf...) keeps only those relations; from/to keep only edges stated by articles
//	    published in that range. limit: nodes, the centre included (default 50, at most 500).
//	    "neighbors" is the same endpoint.
//	    {"center": {"id": "ng:person/jeyhun-bayramov", "name": "Jeyhun Bayramov", "type": "Person", "hop": 0},
//	     "nodes": [{"id": ..., "name": ..., "type": ..., "hop": 0}, ...],
//	     "edges": [{"source": "ng:person/jeyhun-bayramov", "target": "ng:person/radmila-shekerinska",
//	       "predicate": "ng:received", "articles": 1, "firstSeen": "...", "lastSeen": "..."}],
//	     "truncated": false}
//
//	GET /api/newsgraph/timeline?id=Bayramov&from=2020&to=2025&offset=100
//	    The entity's events (its statements, as subject or object), oldest first; events whose
//	    year is unknown ("--01-22") then undated ones come last, and are left out when from or
//	    to is given. date is the relation's own date when the text gives one (dateSource
//	    "event"), else the article's publication date ("article"). A page: limit events
//	    (default 100, at most QueryLimit) after the first offset (default 0); count counts all.
//	    {"entity": {"id": ..., "name": ...}, "events": [{"date": "--01-22", "dateSource": "event",
//	      "subject": {...}, "predicate": "ng:received", "object": {...}, "articles": 1,
//	      "evidence": {"text": ..., "article": ..., "headline": ..., "url": ..., "publisher": ..., "date": ...}}],
//	     "truncated": false}
//
//	GET /api/newsgraph/path?a=Radmila%20Shekerinska&b=Azerbaijan&max=4&limit=5
//	    The shortest paths (at most max relation edges, default 4, at most 6; limit paths,
//	    default 5, at most 50) between a and b over relation edges in either direction (types,
//	    names, mentions and articles are not edges), each hop with its predicate, direction
//	    ("forward": from -predicate-> to; "backward": to -predicate-> from) and one evidence
//	    sentence. "paths" is the same endpoint. No path: "paths": [].
//	    {"from": {...}, "to": {...}, "maxHops": 4, "paths": [{"hops": [
//	      {"from": {"id": "ng:person/radmila-shekerinska", ...}, "to": {"id": "ng:person/jeyhun-bayramov", ...},
//	       "predicate": "ng:received", "direction": "backward", "articles": 1, "evidence": {...}},
//	      {"from": {... Bayramov}, "to": {"id": "ng:country/azerbaijan", ...}, "predicate": "schema:worksFor",
//	       "direction": "forward", "articles": 1, "evidence": {...}}]}]}
//
//	GET /api/newsgraph/top?type=Person&since=2020-01-01&by=mentions&limit=20
//	    The most mentioned (by=mentions, the default) or most connected (by=connections:
//	    distinct entities it has relation edges with) entities, of one type (Person,
//	    Organization, Country, City, Place, Event, Agreement; any case) counting only articles
//	    published since the date. limit: default 20, at most 500.
//	    {"type": "Person", "since": "", "by": "mentions", "entities": [{"id": "ng:person/jeyhun-bayramov",
//	      "name": "Jeyhun Bayramov", "type": "Person", "mentions": 1, "connections": 3}]}
//
//	GET /api/newsgraph/evidence?s=Bayramov&p=received&o=Radmila%20Shekerinska
//	    Every statement of the fact s -p-> o (o may be an entity, a literal value such as a
//	    topic, or left out for any object), negated and hypothetical ones included, each with its
//	    sentence and article, oldest article first. A page: limit statements (default 50, at
//	    most QueryLimit) after the first offset (default 0); count counts them all.
//	    {"subject": {...}, "predicate": "ng:received", "object": {...}, "evidence": [{"text": ...,
//	      "article": ..., "headline": ..., "url": ..., "publisher": ..., "date": ...,
//	      "statement": "ng:statement/...", "eventDate": "--01-22", "confidence": 0.85}], "truncated": false}
//
//	GET /api/newsgraph/article?id=ng:article/a1
//	    One article (id: its IRI, its URL, or its id as loaded): headline, publication date,
//	    url, publisher, its text unless it was loaded with --no-text, the facts it states (each
//	    statement with its sentence and, when the store has them, the sentence's byte offsets
//	    start/end in text; in text order) and the entities it mentions, with their aliases.
//	    {"id": "ng:article/a1", "headline": ..., "published": "2025-01-22", "url": ...,
//	     "publisher": "Trend News Agency", "text": "...", "facts": [{"statement": ...,
//	       "subject": {...}, "predicate": "ng:received", "object": {...}, "text": "...",
//	       "start": 0, "end": 120}], "entities": [{"id": ..., "name": ..., "type": "Person",
//	       "aliases": [...], "articles": 3}]}
//
//	GET /api/newsgraph/predicates
//	    The relation predicates the graph has edges of, most used first (for a filter):
//	    {"predicates": [{"predicate": "ng:received", "name": "received", "inverse": "was received by", "edges": 3}]}
//
//	GET /api/newsgraph/labels?id=ng:person/a&id=ng:person/b
//	    Names, types and article counts of the nodes given, and the relation edges among
//	    them (for Cayley's Visualize tab: explore_labels.go).
//
//	GET /api/newsgraph/server
//	    {"writable": false}: whether merge and unmerge are taken.
//
//	POST /api/newsgraph/merge, /api/newsgraph/unmerge (Authorization: Bearer TOKEN)
//	    Merge entities into one, or undo a merge, on a writable server: explore_curate.go.
//
// neighbours also answers total (the entities within hops, of which it shows the best
// ranked: rank=corroboration or recency), predicates (the centre's edges by relation) and
// undated (the centre's edges a date range hides for want of dates); path takes avoid=N
// (no entity mentioned by more than N articles between the ends) and answers the nodes of
// its paths. EXPLORE-API.md documents all of it.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/explore"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ExplorePrefix is the path under which ExploreAPI answers.
const ExplorePrefix = "/api/newsgraph/"

// Per-endpoint defaults and maxima of the explore API's limits.
const (
	exploreMaxSearch = 100
	exploreMaxNodes  = 500
	exploreMaxPaths  = 50
	exploreMaxTop    = 500
	exploreTimeline  = 100 // a page; a hub has thousands of events
	exploreEvidence  = 50  // a page; a hub's fact is stated thousands of times
)

// ExploreAPI returns the explore API's handler: the read-only endpoints documented at the top of explore_api.go and in EXPLORE-API.md, under
// ExplorePrefix ("/api/newsgraph/search", ...). It answers 404 for any other path, including
// ArticlesPath, which is ArticlesHandler's: mount it with
// mux.Handle(ExplorePrefix, ExploreAPI(s, o)) and mux.Handle(ArticlesPath, ...), the longer
// pattern winning. o.QueryTimeout bounds each request (default 30 s), o.QueryLimit caps each
// list (default 10,000, and each endpoint's own maximum).
func ExploreAPI(s *store.Store, o ServerOptions) http.Handler {
	o = o.withDefaults()
	h := &exploreHandler{s: s, timeout: o.QueryTimeout, limit: o.QueryLimit, writable: o.Writable && o.Token != "", token: o.Token}
	h.routes = map[string]func(context.Context, *http.Request) (any, error){
		"search":     h.search,
		"entity":     h.entity,
		"neighbours": h.neighbours,
		"neighbors":  h.neighbours,
		"timeline":   h.timeline,
		"path":       h.path,
		"paths":      h.path,
		"top":        h.top,
		"evidence":   h.evidence,
		"predicates": h.predicates,
		"article":    h.article,
		"labels":     h.labels,
		"server":     h.server,
	}
	h.posts = map[string]func(context.Context, *http.Request) (any, error){
		"merge":   h.merge,
		"unmerge": h.unmerge,
	}
	return h
}

type exploreHandler struct {
	s        *store.Store
	timeout  time.Duration
	limit    int
	writable bool   // the server takes writes (--writable with a token)
	token    string // the writes' bearer token
	routes   map[string]func(context.Context, *http.Request) (any, error)
	posts    map[string]func(context.Context, *http.Request) (any, error) // writes (explore_curate.go)
}

func (h *exploreHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, ExplorePrefix)
	name = strings.TrimSuffix(name, "/")
	route := h.routes[name]
	if post := h.posts[name]; ok && post != nil {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			jsonError(w, http.StatusMethodNotAllowed, "POST to "+name)
			return
		}
		if !h.writable {
			jsonError(w, http.StatusForbidden, "this server is read-only: start it with serve --writable --token T to "+name+" from the explorer")
			return
		}
		if !authorized(w, r, h.token) {
			return
		}
		route = post
	} else if !ok || route == nil {
		jsonError(w, http.StatusNotFound, "no such API endpoint: "+r.URL.Path)
		return
	} else if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		jsonError(w, http.StatusMethodNotAllowed, "the explore API is read-only: use GET")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.timeout)
	defer cancel()
	res, err := route(ctx, r)
	if err == nil {
		err = ctx.Err() // a result finished after the deadline is still late
	}
	if err != nil {
		code := http.StatusInternalServerError
		msg := err.Error()
		switch {
		case errors.Is(err, cards.ErrInvalid):
			code = http.StatusBadRequest
		case errors.Is(err, store.ErrNotFound):
			code = http.StatusNotFound
		case errors.Is(err, context.DeadlineExceeded):
			code, msg = http.StatusGatewayTimeout, fmt.Sprintf("the request took longer than %v and was stopped", h.timeout)
		case errors.Is(err, context.Canceled):
			return // the client went away
		}
		jsonError(w, code, msg)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(res)
}

// param is a required query parameter (the first of names that is given).
func param(r *http.Request, names ...string) (string, error) {
	for _, n := range names {
		if v := strings.TrimSpace(r.URL.Query().Get(n)); v != "" {
			return v, nil
		}
	}
	return "", fmt.Errorf("missing parameter %s: %w", names[0], cards.ErrInvalid)
}

// intParam reads an integer parameter: def when absent; an error when not a number or < 0.
func intParam(r *http.Request, name string, def int) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("parameter %s must be a whole number, not %q: %w", name, v, cards.ErrInvalid)
	}
	if n == 0 {
		return def, nil
	}
	return n, nil
}

// limitParam is the limit parameter, capped by the endpoint's maximum and the server's.
func (h *exploreHandler) limitParam(r *http.Request, def, most int) (int, error) {
	n, err := intParam(r, "limit", def)
	return min(n, most, h.limit), err
}

func (h *exploreHandler) search(ctx context.Context, r *http.Request) (any, error) {
	q, err := param(r, "q", "prefix")
	if err != nil {
		return nil, err
	}
	limit, err := h.limitParam(r, explore.DefaultSearchLimit, exploreMaxSearch)
	if err != nil {
		return nil, err
	}
	res, err := explore.Of(h.s).Search(ctx, q, limit)
	if err != nil {
		return nil, err
	}
	described, err := explore.Of(h.s).NamesakeResults(ctx, res)
	if err != nil {
		return nil, err
	}
	return map[string]any{"query": q, "results": described}, nil
}

func (h *exploreHandler) entity(ctx context.Context, r *http.Request) (any, error) {
	id, err := param(r, "id", "name")
	if err != nil {
		return nil, err
	}
	facts, err := intParam(r, "facts", 0)
	if err != nil {
		return nil, err
	}
	if facts = min(facts, h.limit); facts == 0 {
		facts = h.limit
	}
	c, err := cards.Of(h.s).Card(ctx, id, cards.MaxFacts(facts))
	if err != nil {
		return nil, err
	}
	if len(c.Others) == 0 && c.Name != "" {
		// Opened by its id: the others of its name are still its namesakes.
		if ms, err := cards.Of(h.s).FindEntities(ctx, c.Name); err == nil {
			for _, m := range ms {
				if m.IRI != c.ID && m.MergedInto != c.ID && len(c.Others) < 20 {
					c.Others = append(c.Others, m)
				}
			}
		}
	}
	others, err := explore.Of(h.s).NamesakeMatches(ctx, c.Others)
	if err != nil {
		return nil, err
	}
	return struct {
		*cards.Card
		Others []explore.NamesakeMatch `json:"others,omitempty"` // each with what tells it apart
	}{c, others}, nil
}

func (h *exploreHandler) neighbours(ctx context.Context, r *http.Request) (any, error) {
	id, err := param(r, "id", "name")
	if err != nil {
		return nil, err
	}
	hops, err := intParam(r, "hops", 1)
	if err != nil {
		return nil, err
	}
	limit, err := h.limitParam(r, explore.DefaultNeighbourhoodLimit, exploreMaxNodes)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	return explore.Of(h.s).Neighbourhood(ctx, id, explore.NeighbourhoodOptions{Hops: hops, Predicates: q["predicate"],
		From: q.Get("from"), To: q.Get("to"), Limit: limit, Rank: q.Get("rank")})
}

func (h *exploreHandler) timeline(ctx context.Context, r *http.Request) (any, error) {
	id, err := param(r, "id", "name")
	if err != nil {
		return nil, err
	}
	limit, err := h.limitParam(r, exploreTimeline, h.limit)
	if err != nil {
		return nil, err
	}
	offset, err := intParam(r, "offset", 0)
	if err != nil {
		return nil, err
	}
	tl, err := cards.Of(h.s).TimelinePage(ctx, id, r.URL.Query().Get("from"), r.URL.Query().Get("to"), offset, limit)
	if err != nil {
		return nil, err
	}
	return struct {
		*cards.Timeline
		Truncated bool `json:"truncated"` // events follow this page
	}{tl, tl.Count > tl.Offset+len(tl.Events)}, nil
}

func (h *exploreHandler) path(ctx context.Context, r *http.Request) (any, error) {
	a, err := param(r, "a", "from")
	if err != nil {
		return nil, err
	}
	b, err := param(r, "b", "to")
	if err != nil {
		return nil, err
	}
	maxHops, err := intParam(r, "max", explore.DefaultMaxHops)
	if err != nil {
		return nil, err
	}
	limit, err := h.limitParam(r, explore.DefaultPathLimit, exploreMaxPaths)
	if err != nil {
		return nil, err
	}
	avoid, err := intParam(r, "avoid", 0)
	if err != nil {
		return nil, err
	}
	return explore.Of(h.s).PathsWith(ctx, a, b, explore.PathOptions{MaxHops: maxHops, Limit: limit, AvoidAbove: avoid})
}

func (h *exploreHandler) top(ctx context.Context, r *http.Request) (any, error) {
	limit, err := h.limitParam(r, 20, exploreMaxTop)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	o := explore.TopOptions{Type: q.Get("type"), Since: q.Get("since"), By: q.Get("by"), Limit: limit}
	if o.By == "" {
		o.By = "mentions"
	}
	list, err := explore.Of(h.s).Top(ctx, o)
	if err != nil {
		return nil, err
	}
	if o.Type, err = explore.ParseType(o.Type); err != nil {
		return nil, err
	}
	if list == nil {
		list = []explore.TopEntity{}
	}
	return map[string]any{"type": o.Type, "since": o.Since, "by": o.By, "entities": list}, nil
}

func (h *exploreHandler) evidence(ctx context.Context, r *http.Request) (any, error) {
	s, err := param(r, "s", "subject")
	if err != nil {
		return nil, err
	}
	p, err := param(r, "p", "predicate")
	if err != nil {
		return nil, err
	}
	o := r.URL.Query().Get("o")
	if o == "" {
		o = r.URL.Query().Get("object")
	}
	limit, err := h.limitParam(r, exploreEvidence, h.limit)
	if err != nil {
		return nil, err
	}
	offset, err := intParam(r, "offset", 0)
	if err != nil {
		return nil, err
	}
	fe, err := cards.Of(h.s).EvidencePage(ctx, s, p, o, offset, limit)
	if err != nil {
		return nil, err
	}
	return struct {
		*cards.FactEvidence
		Truncated bool `json:"truncated"` // statements follow this page
	}{fe, fe.Count > fe.Offset+len(fe.Evidence)}, nil
}

func (h *exploreHandler) predicates(ctx context.Context, r *http.Request) (any, error) {
	ps, err := explore.Of(h.s).Predicates(ctx)
	if err != nil {
		return nil, err
	}
	return map[string]any{"predicates": ps}, nil
}

func (h *exploreHandler) labels(ctx context.Context, r *http.Request) (any, error) {
	var ids []string
	for _, v := range r.URL.Query()["id"] {
		ids = append(ids, strings.Split(v, ",")...)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("missing parameter id: %w", cards.ErrInvalid)
	}
	return explore.Of(h.s).Labels(ctx, ids)
}

// server says what this server allows: the explorer shows its merge buttons, and Cayley's UI
// its Write tab, only where writes are taken.
func (h *exploreHandler) server(ctx context.Context, r *http.Request) (any, error) {
	return map[string]any{"writable": h.writable}, nil
}

func (h *exploreHandler) article(ctx context.Context, r *http.Request) (any, error) {
	id, err := param(r, "id", "article")
	if err != nil {
		return nil, err
	}
	return explore.Of(h.s).Article(ctx, id)
}
