package explore_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/explore"
)

// The explorer's reads on a real bolt store holding the README's example articles, written by
// the real extractor.

const receivedSentence = "The discussion took place during the reception of NATO Deputy Secretary General Radmila Shekerinska by Azerbaijan's Foreign Minister Jeyhun Bayramov."

func examplesStore(t *testing.T) *store.Store {
	t.Helper()
	s := openBolt(t)
	load(t, s, examples(t)...)
	return s
}

// timed runs f and logs how long it took, failing when it took a second or more.
func timed[T any](t *testing.T, what string, f func() (T, error)) T {
	t.Helper()
	start := time.Now()
	v, err := f()
	d := time.Since(start)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if d > time.Second {
		t.Errorf("%s took %v", what, d)
	}
	t.Logf("%s: %v", what, d)
	return v
}

func TestRelationPredicatesAreTheVocabularys(t *testing.T) {
	got := cards.RelationPredicates()
	if len(got) != len(schema.Predicates) {
		t.Errorf("graph knows %d relations, the vocabulary %d", len(got), len(schema.Predicates))
	}
	for _, p := range schema.Predicates {
		if got[p.Name] != p.IRI {
			t.Errorf("relation %s: graph has %q, the vocabulary %q", p.Name, got[p.Name], p.IRI)
		}
	}
	for in, want := range map[string]quad.IRI{"received": "ng:received", "ng:received": "ng:received", "<schema:memberOf>": "schema:memberOf",
		"memberof": "schema:memberOf", "https://newsgraph.dev/ns#met": "ng:met", "http://schema.org/worksFor": "schema:worksFor"} {
		if p, err := cards.ParsePredicate(in); err != nil || p != want {
			t.Errorf("ParsePredicate(%q) = %q, %v", in, p, err)
		}
	}
	if _, err := cards.ParsePredicate("schema:name"); !errors.Is(err, cards.ErrInvalid) {
		t.Errorf("schema:name is not a relation: %v", err)
	}
}

func TestExploreOnTheExamples(t *testing.T) {
	ctx := context.Background()
	s := examplesStore(t)

	// Search: "Bay" completes to Jeyhun Bayramov (a word of his name); case and accents do not matter.
	for _, q := range []string{"Bay", "bay", "BAYR", "Jeyhun B", "jeyhun bayramov"} {
		res := timed(t, "Search "+q, func() ([]explore.SearchResult, error) { return explore.Of(s).Search(ctx, q, 10) })
		if len(res) == 0 || res[0].ID != "ng:person/jeyhun-bayramov" || res[0].Name != "Jeyhun Bayramov" || res[0].Type != "Person" || res[0].Articles != 1 {
			t.Errorf("Search(%q) = %+v", q, res)
		}
	}
	res, _ := explore.Of(s).Search(ctx, "pfp", 10)
	if len(res) == 0 || res[0].ID != "ng:org/partnership-for-peace" || res[0].Match != "exact" || !slices.Contains(res[0].Aliases, "PfP") {
		t.Errorf("Search(pfp) = %+v", res)
	}
	res, _ = explore.Of(s).Search(ctx, "person/jeyhun-bayramov", 3)
	if len(res) == 0 || res[0].ID != "ng:person/jeyhun-bayramov" || res[0].Match != "id" {
		t.Errorf("Search(an id) = %+v", res)
	}
	res, _ = explore.Of(s).Search(ctx, "Azer", 3)
	if len(res) == 0 || res[0].ID != "ng:country/azerbaijan" || len(res) > 3 {
		t.Errorf("Search(Azer) = %+v", res)
	}
	if res, err := explore.Of(s).Search(ctx, "Zzyzx", 10); err != nil || len(res) != 0 {
		t.Errorf("Search(Zzyzx) = %+v, %v", res, err)
	}
	if _, err := explore.Of(s).Search(ctx, " ", 10); !errors.Is(err, cards.ErrInvalid) {
		t.Errorf("an empty search: %v", err)
	}

	// Neighbourhood: Bayramov received Radmila Shekerinska and works for Azerbaijan.
	n := timed(t, "Neighbourhood Bayramov", func() (*explore.Neighbourhood, error) {
		return explore.Of(s).Neighbourhood(ctx, "Bayramov", explore.NeighbourhoodOptions{})
	})
	if n.Center.ID != "ng:person/jeyhun-bayramov" || n.Nodes[0].ID != n.Center.ID {
		t.Errorf("centre: %+v", n.Center)
	}
	hasEdge := func(n *explore.Neighbourhood, s, p, o quad.IRI) bool {
		return slices.ContainsFunc(n.Edges, func(e explore.Edge) bool { return e.Source == s && e.Predicate == p && e.Target == o })
	}
	if !hasEdge(n, "ng:person/jeyhun-bayramov", "ng:received", "ng:person/radmila-shekerinska") ||
		!hasEdge(n, "ng:person/jeyhun-bayramov", "schema:worksFor", "ng:country/azerbaijan") {
		t.Errorf("Bayramov's edges: %+v", n.Edges)
	}
	for _, nd := range n.Nodes {
		if nd.Hop > 1 || strings.HasPrefix(string(nd.ID), "ng:article/") || strings.HasPrefix(string(nd.ID), "ng:statement/") {
			t.Errorf("a node of a 1-hop neighbourhood: %+v", nd)
		}
	}
	// Filtered to one predicate: only Shekerinska.
	n, err := explore.Of(s).Neighbourhood(ctx, "person/jeyhun-bayramov", explore.NeighbourhoodOptions{Predicates: []string{"received"}})
	if err != nil || len(n.Nodes) != 2 || n.Nodes[1].Name != "Radmila Shekerinska" || len(n.Edges) != 1 {
		t.Errorf("received only: %+v, %v", n, err)
	}
	// Two hops reach NATO (through Shekerinska) and the Partnership for Peace (through Azerbaijan).
	n2 := timed(t, "Neighbourhood Bayramov 2 hops", func() (*explore.Neighbourhood, error) {
		return explore.Of(s).Neighbourhood(ctx, "Bayramov", explore.NeighbourhoodOptions{Hops: 2})
	})
	if !slices.ContainsFunc(n2.Nodes, func(nd explore.Node) bool { return nd.ID == "ng:org/partnership-for-peace" && nd.Hop == 2 }) {
		t.Errorf("2 hops: %+v", n2.Nodes)
	}
	if n3, err := explore.Of(s).Neighbourhood(ctx, "Bayramov", explore.NeighbourhoodOptions{Hops: 2, Limit: 3}); err != nil || len(n3.Nodes) != 3 || !n3.Truncated {
		t.Errorf("limit 3: %+v, %v", n3, err)
	}
	// The examples' Trend article has no publication date: a date range leaves its edges out.
	if n4, err := explore.Of(s).Neighbourhood(ctx, "Bayramov", explore.NeighbourhoodOptions{From: "2020"}); err != nil || len(n4.Edges) != 0 || len(n4.Nodes) != 1 {
		t.Errorf("from 2020: %+v, %v", n4, err)
	}
	for _, o := range []explore.NeighbourhoodOptions{{Hops: 3}, {Predicates: []string{"likes"}}, {From: "last year"}} {
		if _, err := explore.Of(s).Neighbourhood(ctx, "Bayramov", o); !errors.Is(err, cards.ErrInvalid) {
			t.Errorf("%+v: %v", o, err)
		}
	}
	if _, err := explore.Of(s).Neighbourhood(ctx, "Nobody Atall", explore.NeighbourhoodOptions{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown entity: %v", err)
	}

	// Timeline: the reception, dated by the dateline (January 22, the year unknown), with its sentence.
	tl := timed(t, "Timeline Bayramov", func() (*cards.Timeline, error) { return cards.Of(s).Timeline(ctx, "Jeyhun Bayramov", "", "") })
	var received *cards.Event
	for i, e := range tl.Events {
		if e.Predicate == "ng:received" {
			received = &tl.Events[i]
		}
	}
	if tl.Entity.ID != "ng:person/jeyhun-bayramov" || received == nil || received.Date != "--01-22" || received.DateSource != "event" ||
		received.Object == nil || received.Object.Name != "Radmila Shekerinska" || received.Evidence.Text != receivedSentence ||
		received.Evidence.Publisher != "Trend News Agency" || received.Evidence.Article != "ng:article/sha256-2ca12522635cca9553ee" {
		t.Errorf("timeline: %+v", tl.Events)
	}
	// Azerbaijan's timeline is in date order: 1992-03 (NACC), 1994-05-04 (PfP framework), 1997 (EAPC, PARP).
	az := timed(t, "Timeline Azerbaijan", func() (*cards.Timeline, error) { return cards.Of(s).Timeline(ctx, "Azerbaijan", "", "") })
	var dates []string
	for _, e := range az.Events {
		dates = append(dates, e.Date)
	}
	if !slices.IsSortedFunc(dates[:slices.IndexFunc(dates, func(d string) bool { return !strings.HasPrefix(d, "1") && !strings.HasPrefix(d, "2") })], strings.Compare) ||
		!slices.Contains(dates, "1997") || !slices.Contains(dates, "1992-03") {
		t.Errorf("Azerbaijan's dates: %q", dates)
	}
	in97, _ := cards.Of(s).Timeline(ctx, "Azerbaijan", "1995", "1999-12-31")
	for _, e := range in97.Events {
		if e.Date != "1997" {
			t.Errorf("1995 to 1999: %+v", e)
		}
	}
	if len(in97.Events) < 2 {
		t.Errorf("1995 to 1999: %+v", in97.Events)
	}

	// Paths: Shekerinska was received by Bayramov, who works for Azerbaijan.
	p := timed(t, "Paths Shekerinska Azerbaijan", func() (*explore.PathResult, error) {
		return explore.Of(s).Paths(ctx, "Radmila Shekerinska", "Azerbaijan", 0, 0)
	})
	if len(p.Paths) == 0 {
		t.Fatalf("no path: %+v", p)
	}
	var viaBayramov *explore.Path
	for i, path := range p.Paths {
		if len(path.Hops) != len(p.Paths[0].Hops) {
			t.Errorf("paths of different lengths: %+v", p.Paths)
		}
		if path.Hops[0].To.ID == "ng:person/jeyhun-bayramov" {
			viaBayramov = &p.Paths[i]
		}
	}
	if len(p.Paths[0].Hops) > 2 || viaBayramov == nil {
		t.Errorf("paths: %+v", p.Paths)
	} else {
		h := viaBayramov.Hops[0]
		if h.Predicate != "ng:received" || h.Direction != "backward" || h.From.Name != "Radmila Shekerinska" || h.Evidence == nil || h.Evidence.Text != receivedSentence {
			t.Errorf("first hop: %+v", h)
		}
		if h := viaBayramov.Hops[1]; h.From.ID != "ng:person/jeyhun-bayramov" || h.To.ID != "ng:country/azerbaijan" || h.Direction != "forward" || h.Evidence == nil {
			t.Errorf("second hop: %+v", h)
		}
	}
	if p, err := explore.Of(s).Paths(ctx, "Bayramov", "Ehud Olmert", 1, 0); err != nil || len(p.Paths) != 0 {
		t.Errorf("no path in one hop: %+v, %v", p, err)
	}

	// Top: people by mentions; Bayramov among them.
	top := timed(t, "Top Person", func() ([]explore.TopEntity, error) {
		return explore.Of(s).Top(ctx, explore.TopOptions{Type: "person", Limit: 100})
	})
	i := slices.IndexFunc(top, func(e explore.TopEntity) bool { return e.ID == "ng:person/jeyhun-bayramov" })
	if i < 0 || top[i].Mentions != 1 || top[i].Connections < 2 {
		t.Errorf("top people: %+v", top)
	}
	for j, e := range top {
		if e.Type != "Person" || j > 0 && e.Mentions > top[j-1].Mentions {
			t.Errorf("top people, %d: %+v", j, e)
		}
	}
	byConn := timed(t, "Top by connections", func() ([]explore.TopEntity, error) {
		return explore.Of(s).Top(ctx, explore.TopOptions{By: "connections", Limit: 3})
	})
	if len(byConn) != 3 || byConn[0].ID != "ng:country/azerbaijan" {
		t.Errorf("most connected: %+v", byConn)
	}
	if _, err := explore.Of(s).Top(ctx, explore.TopOptions{Type: "Planet"}); !errors.Is(err, cards.ErrInvalid) {
		t.Errorf("unknown type: %v", err)
	}

	// Evidence of one fact.
	fe := timed(t, "Evidence", func() (*cards.FactEvidence, error) {
		return cards.Of(s).Evidence(ctx, "Bayramov", "received", "Radmila Shekerinska")
	})
	if len(fe.Evidence) != 1 || fe.Evidence[0].Text != receivedSentence || fe.Evidence[0].EventDate != "--01-22" || fe.Object == nil || fe.Object.ID != "ng:person/radmila-shekerinska" {
		t.Errorf("evidence: %+v", fe)
	}
	if fe, err := cards.Of(s).Evidence(ctx, "Azerbaijan", "joined", ""); err != nil || len(fe.Evidence) < 2 || fe.Evidence[0].Object == nil {
		t.Errorf("Azerbaijan joined: %+v, %v", fe, err)
	}
}

// An article with a publication date dates an event its text gives without a year.
func TestTimelineTakesTheYearFromTheArticle(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t)
	text, err := os.ReadFile("../../examples/testdata/trend-azerbaijan-nato.txt")
	if err != nil {
		t.Fatal(err)
	}
	load(t, s, extract.Article{ID: "trend-1", Title: "Azerbaijan, NATO discuss cooperation", URL: "https://en.trend.az/nato-1",
		Published: "2025-01-22", Text: string(text)})
	tl, err := cards.Of(s).Timeline(ctx, "Bayramov", "2025-01", "2025-01-31")
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Events) == 0 || tl.Events[0].Date != "2025-01-22" {
		t.Fatalf("events: %+v", tl.Events)
	}
	i := slices.IndexFunc(tl.Events, func(e cards.Event) bool { return e.Predicate == "ng:received" })
	if i < 0 || tl.Events[i].Date != "2025-01-22" || tl.Events[i].Evidence.Text != receivedSentence || tl.Events[i].Evidence.Date != "2025-01-22" ||
		tl.Events[i].Evidence.Headline != "Azerbaijan, NATO discuss cooperation" {
		t.Errorf("received: %+v", tl.Events)
	}
	// The date range now keeps the edge.
	n, err := explore.Of(s).Neighbourhood(ctx, "Bayramov", explore.NeighbourhoodOptions{From: "2025-01-01", To: "2025-12-31", Predicates: []string{"received"}})
	if err != nil || len(n.Edges) != 1 || n.Edges[0].FirstSeen != "2025-01-22" {
		t.Errorf("neighbours in 2025: %+v, %v", n, err)
	}
	if top, err := explore.Of(s).Top(ctx, explore.TopOptions{Type: "Person", Since: "2026"}); err != nil || len(top) != 0 {
		t.Errorf("top since 2026: %+v, %v", top, err)
	}
}

// The explorer follows merges: the entity merged away is part of the one it was merged into.
func TestExploreSeesMerges(t *testing.T) {
	ctx := context.Background()
	s := examplesStore(t)
	if _, err := s.Merge(ctx, "ng:person/jeyhun-bayramov", "ng:person/radmila-shekerinska", store.MergeOptions{By: "tester", Reason: "a test"}); err != nil {
		t.Fatal(err)
	}
	res, err := explore.Of(s).Search(ctx, "Shekerinska", 10)
	if err != nil || len(res) != 1 || res[0].ID != "ng:person/jeyhun-bayramov" || !slices.Contains(res[0].Aliases, "Radmila Shekerinska") {
		t.Errorf("search after a merge: %+v, %v", res, err)
	}
	n, err := explore.Of(s).Neighbourhood(ctx, "Bayramov", explore.NeighbourhoodOptions{})
	if err != nil || !slices.ContainsFunc(n.Edges, func(e explore.Edge) bool {
		return e.Source == "ng:person/jeyhun-bayramov" && e.Target == "ng:org/north-atlantic-treaty-organisation"
	}) {
		t.Errorf("neighbours after a merge: %+v, %v", n, err)
	}
}

// --- the HTTP API ---

func getJSON(t *testing.T, base, path string, code int, v any) time.Duration {
	t.Helper()
	start := time.Now()
	resp, err := http.Get(base + path)
	d := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != code {
		t.Fatalf("GET %s: %d %s, want %d", path, resp.StatusCode, body, code)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v\n%s", path, err, body)
	}
	return d
}

func TestExploreAPI(t *testing.T) {
	s := examplesStore(t)
	srv := httptest.NewServer(server.ExploreAPI(s, server.ServerOptions{QueryTimeout: 10 * time.Second}))
	t.Cleanup(srv.Close)
	base := srv.URL + "/api/newsgraph/"
	timings := map[string]time.Duration{}
	get := func(path string, v any) {
		t.Helper()
		name, _, _ := strings.Cut(path, "?")
		// the second request: the first may build the explore index
		getJSON(t, base, path, http.StatusOK, v)
		timings[name] = getJSON(t, base, path, http.StatusOK, v)
	}

	var search struct {
		Query   string
		Results []explore.SearchResult
	}
	get("search?q=Bay", &search)
	if len(search.Results) == 0 || search.Results[0].Name != "Jeyhun Bayramov" {
		t.Errorf("search: %+v", search)
	}

	var card cards.Card
	get("entity?id="+url.QueryEscape("Jeyhun Bayramov"), &card)
	if card.ID != "ng:person/jeyhun-bayramov" || !slices.ContainsFunc(card.Facts, func(f cards.Fact) bool {
		return f.Predicate == "ng:received" && f.Object != nil && f.Object.Name == "Radmila Shekerinska" && f.Evidence.Text == receivedSentence
	}) {
		t.Errorf("entity: %+v", card)
	}

	var n explore.Neighbourhood
	get("neighbours?id=person/jeyhun-bayramov&hops=1", &n)
	if !slices.ContainsFunc(n.Edges, func(e explore.Edge) bool {
		return e.Source == "ng:person/jeyhun-bayramov" && e.Predicate == "ng:received" && e.Target == "ng:person/radmila-shekerinska" && e.Articles == 1
	}) || !slices.ContainsFunc(n.Nodes, func(nd explore.Node) bool { return nd.Name == "Radmila Shekerinska" && nd.Type == "Person" }) {
		t.Errorf("neighbours: %+v", n)
	}
	var n2 explore.Neighbourhood
	get("neighbours?id=Bayramov&hops=2&predicate=received&predicate=worksFor,memberOf&limit=100", &n2)
	for _, e := range n2.Edges {
		if e.Predicate != "ng:received" && e.Predicate != "schema:worksFor" && e.Predicate != "schema:memberOf" {
			t.Errorf("filtered neighbours: %+v", e)
		}
	}

	var tl cards.Timeline
	get("timeline?id=Bayramov", &tl)
	if !slices.ContainsFunc(tl.Events, func(e cards.Event) bool {
		return e.Predicate == "ng:received" && e.Date == "--01-22" && e.Evidence.Text == receivedSentence && e.Evidence.Publisher == "Trend News Agency"
	}) {
		t.Errorf("timeline: %+v", tl)
	}
	// Pages of Azerbaijan's timeline, two events each, are the whole timeline in order; and
	// pages of a fact's evidence (any object: Azerbaijan's memberships), one statement each.
	for _, c := range []struct {
		path, list  string
		size, least int
	}{{"timeline?id=Azerbaijan", "events", 2, 5}, {"evidence?s=Azerbaijan&p=memberOf", "evidence", 1, 2}} {
		var whole map[string]json.RawMessage
		get(c.path+"&limit=1000", &whole)
		var want, got []json.RawMessage
		json.Unmarshal(whole[c.list], &want)
		for offset := 0; ; offset += c.size {
			var page struct {
				Count, Offset int
				Truncated     bool
			}
			var raw map[string]json.RawMessage
			get(fmt.Sprintf("%s&limit=%d&offset=%d", c.path, c.size, offset), &raw)
			var items []json.RawMessage
			json.Unmarshal(raw[c.list], &items)
			json.Unmarshal(raw["count"], &page.Count)
			json.Unmarshal(raw["offset"], &page.Offset)
			json.Unmarshal(raw["truncated"], &page.Truncated)
			if page.Count != len(want) || page.Offset != offset || len(items) > c.size {
				t.Fatalf("%s: page at %d: %d items of %d, offset %d", c.path, offset, len(items), page.Count, page.Offset)
			}
			got = append(got, items...)
			if !page.Truncated {
				break
			}
		}
		if len(want) < c.least || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the pages (%d items) are not the whole list (%d)", c.path, len(got), len(want))
		}
	}

	var p explore.PathResult
	get("path?a="+url.QueryEscape("Radmila Shekerinska")+"&b=Azerbaijan&max=4", &p)
	if len(p.Paths) == 0 || p.From.ID != "ng:person/radmila-shekerinska" || p.To.ID != "ng:country/azerbaijan" || p.Paths[0].Hops[0].Evidence == nil {
		t.Errorf("path: %+v", p)
	}

	var top struct {
		Type, By string
		Entities []explore.TopEntity
	}
	get("top?type=Person&limit=50", &top)
	if top.Type != "Person" || top.By != "mentions" || !slices.ContainsFunc(top.Entities, func(e explore.TopEntity) bool { return e.Name == "Jeyhun Bayramov" }) {
		t.Errorf("top: %+v", top)
	}

	var ev cards.FactEvidence
	get("evidence?s=Bayramov&p=received&o="+url.QueryEscape("Radmila Shekerinska"), &ev)
	if len(ev.Evidence) != 1 || ev.Evidence[0].Text != receivedSentence || ev.Evidence[0].Article != "ng:article/sha256-2ca12522635cca9553ee" {
		t.Errorf("evidence: %+v", ev)
	}

	var preds struct{ Predicates []explore.PredicateCount }
	get("predicates", &preds)
	if !slices.ContainsFunc(preds.Predicates, func(p explore.PredicateCount) bool { return p.Predicate == "ng:received" && p.Edges >= 1 }) {
		t.Errorf("predicates: %+v", preds)
	}

	// Errors.
	for path, code := range map[string]int{
		"search":                                       http.StatusBadRequest,
		"search?q=Bay&limit=x":                         http.StatusBadRequest,
		"entity?id=Nobody+Atall":                       http.StatusNotFound,
		"neighbours?id=Bayramov&hops=3":                http.StatusBadRequest,
		"neighbours?id=Bayramov&from=now":              http.StatusBadRequest,
		"neighbours?id=Bayramov&predicate=schema:name": http.StatusBadRequest,
		"timeline?id=Nobody+Atall":                     http.StatusNotFound,
		"path?a=Bayramov":                              http.StatusBadRequest,
		"path?a=Bayramov&b=Azerbaijan&max=9":           http.StatusBadRequest,
		"top?by=fame":                                  http.StatusBadRequest,
		"evidence?s=Bayramov&p=likes":                  http.StatusBadRequest,
		"articles":                                     http.StatusNotFound, // ArticlesHandler's, not this handler's
		"query":                                        http.StatusNotFound,
	} {
		var e struct{ Error string }
		getJSON(t, base, path, code, &e)
		if e.Error == "" {
			t.Errorf("GET %s: no error message", path)
		}
	}
	resp, err := http.Post(base+"search?q=Bay", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST search: %d", resp.StatusCode)
	}

	var names []string
	for k := range timings {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		t.Logf("GET %-10s %v", k, timings[k])
		if timings[k] > 500*time.Millisecond {
			t.Errorf("GET %s took %v", k, timings[k])
		}
	}
}

// A request that outlives the server's timeout is stopped with 504.
func TestExploreAPITimeout(t *testing.T) {
	s := examplesStore(t)
	srv := httptest.NewServer(server.ExploreAPI(s, server.ServerOptions{QueryTimeout: time.Nanosecond}))
	t.Cleanup(srv.Close)
	var e struct{ Error string }
	getJSON(t, srv.URL, "/api/newsgraph/timeline?id=Azerbaijan", http.StatusGatewayTimeout, &e)
	if !strings.Contains(e.Error, "longer than") {
		t.Errorf("timeout: %q", e.Error)
	}
}

// What is written after the explore index was built shows at once (on a small graph the
// rebuild finishes before the previous index would be used).
func TestExploreSeesNewArticles(t *testing.T) {
	ctx := context.Background()
	s := examplesStore(t)
	if res, err := explore.Of(s).Search(ctx, "Baysal", 10); err != nil || len(res) != 0 {
		t.Fatalf("before: %+v, %v", res, err)
	}
	load(t, s, extract.Article{ID: "baysal-1", Published: "2025-02-03",
		Text: "ANKARA, February 3. Turkish Deputy Foreign Minister Ahmet Baysal met Jeyhun Bayramov in Ankara on Monday."})
	res, err := explore.Of(s).Search(ctx, "Baysal", 10)
	if err != nil || len(res) != 1 || res[0].Name != "Ahmet Baysal" {
		t.Fatalf("after: %+v, %v", res, err)
	}
	p, err := explore.Of(s).Paths(ctx, "Ahmet Baysal", "Radmila Shekerinska", 0, 0)
	if err != nil || len(p.Paths) == 0 || len(p.Paths[0].Hops) != 2 {
		t.Errorf("Baysal to Shekerinska: %+v, %v", p, err)
	}
	if _, err := s.Forget(ctx, "ng:article/baysal-1"); err != nil {
		t.Fatal(err)
	}
	if res, err := explore.Of(s).Search(ctx, "Baysal", 10); err != nil || len(res) != 0 {
		t.Errorf("forgotten: %+v, %v", res, err)
	}
}
