package explore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/explore"
)

// The explore API on the hub: neighbours says its total and ranks, counts the centre's
// relations and the undated edges a range hides; paths step around hubs; labels names the
// nodes of a picture; merge and unmerge take the token on a writable server only.
func TestExploreAPIOnAHub(t *testing.T) {
	s := hubStore(t)
	srv := httptest.NewServer(server.ExploreAPI(s, server.ServerOptions{QueryTimeout: 10 * time.Second}))
	t.Cleanup(srv.Close)
	base := srv.URL + "/api/newsgraph/"

	var n explore.Neighbourhood
	if d := getJSON(t, base, "neighbours?id=Hubland&limit=60", 200, &n); d > 100*time.Millisecond {
		t.Errorf("neighbours took %v", d)
	}
	if len(n.Nodes) != 60 || n.Total != 152 || !n.Truncated || n.Rank != "corroboration" || n.Undated != 0 {
		t.Errorf("neighbours: %d nodes, total %d, truncated %v, rank %q, undated %d", len(n.Nodes), n.Total, n.Truncated, n.Rank, n.Undated)
	}
	if len(n.Predicates) != 24 || n.Predicates[0].Edges < n.Predicates[len(n.Predicates)-1].Edges || n.Predicates[0].Inverse == "" {
		t.Errorf("predicates %+v", n.Predicates)
	}
	// Ranked by corroboration: each kept neighbour has at least the articles of any left out.
	if n.Nodes[1].Articles < n.Nodes[59].Articles {
		t.Errorf("ranking: %+v before %+v", n.Nodes[1], n.Nodes[59])
	}
	var dated explore.Neighbourhood
	getJSON(t, base, "neighbours?id=Hubland&limit=500&from=2012&to=2013", 200, &dated)
	if dated.Undated != 300 || dated.Total == 0 || dated.Total >= 152 {
		t.Errorf("2012-2013: total %d, undated %d", dated.Total, dated.Undated)
	}
	var recent explore.Neighbourhood
	getJSON(t, base, "neighbours?id=Hubland&limit=10&rank=recency", 200, &recent)
	// The latest articles are of 2014 (i%6 == 4): every neighbour kept has an edge of then.
	for _, nd := range recent.Nodes[1:] {
		if !slices.ContainsFunc(recent.Edges, func(e explore.Edge) bool {
			return (e.Source == nd.ID || e.Target == nd.ID) && e.LastSeen >= "2014"
		}) {
			t.Errorf("ranked by recency, %s has no edge of 2014", nd.Name)
		}
	}
	var two explore.Neighbourhood
	getJSON(t, base, "neighbours?id=Alpha%20One&hops=2&limit=10", 200, &two)
	hop2 := 0
	for _, nd := range two.Nodes {
		if nd.Hop == 2 {
			hop2++
		}
	}
	if hop2 == 0 || two.Total <= 9 {
		t.Errorf("two hops from Alpha One: %d at hop 2 of %d nodes, total %d", hop2, len(two.Nodes), two.Total)
	}
	getJSON(t, base, "neighbours?id=Hubland&rank=loudest", 400, &map[string]any{})

	// Alpha One and Omega Two: through Hubland (600 articles) or the Bridge (3).
	var paths explore.PathResult
	getJSON(t, base, "path?a=Alpha%20One&b=Omega%20Two&max=3", 200, &paths)
	var via []string
	for _, p := range paths.Paths {
		via = append(via, p.Hops[0].To.Name)
	}
	if !slices.Contains(via, "Hubland") || len(paths.Nodes) != 4 {
		t.Errorf("paths via %v, nodes %+v", via, paths.Nodes)
	}
	getJSON(t, base, "path?a=Alpha%20One&b=Omega%20Two&max=3&avoid=100", 200, &paths)
	if len(paths.Paths) != 1 || paths.Paths[0].Hops[0].To.Name != "Bridge Person" || paths.Avoided != 1 || paths.AvoidAbove != 100 {
		t.Errorf("avoiding hubs: %+v", paths)
	}

	var labels explore.Labels
	getJSON(t, base, "labels?id=ng:country/hubland&id=<ng:person/alpha-one>,ng:person/bridge-person&id=ng:article/hub-001", 200, &labels)
	if l := labels.Nodes["ng:country/hubland"]; l.Name != "Hubland" || l.Type != "Country" || l.Articles != 600 {
		t.Errorf("labels: %+v", labels.Nodes)
	}
	if l := labels.Nodes["<ng:person/alpha-one>"]; l.Name != "Alpha One" {
		t.Errorf("labels: %+v", labels.Nodes)
	}
	if len(labels.Edges) != 2 {
		t.Errorf("edges among the labelled: %+v", labels.Edges)
	}

	// A read-only server refuses merges.
	post(t, base+"merge", "", `{"keep": "Alpha One", "other": "Omega Two", "by": "me", "reason": "test"}`, 403)
	var server map[string]any
	getJSON(t, base, "server", 200, &server)
	if server["writable"] != false {
		t.Errorf("server: %v", server)
	}
}

func TestExploreMergeAPI(t *testing.T) {
	s := hubStore(t)
	srv := httptest.NewServer(server.ExploreAPI(s, server.ServerOptions{Writable: true, Token: "sesame"}))
	t.Cleanup(srv.Close)
	base := srv.URL + "/api/newsgraph/"
	var server map[string]any
	getJSON(t, base, "server", 200, &server)
	if server["writable"] != true {
		t.Errorf("server: %v", server)
	}
	body := `{"keep": "ng:person/omega-two", "other": ["ng:person/bridge-person"], "by": "ana", "reason": "the same person in two spellings"}`
	post(t, base+"merge", "wrong", body, 401)
	post(t, base+"merge", "sesame", `{"keep": "ng:person/omega-two", "other": "ng:person/bridge-person"}`, 400)
	var res struct{ Merges []store.MergeInfo }
	json.Unmarshal(post(t, base+"merge", "sesame", body, 200), &res)
	if len(res.Merges) != 1 || res.Merges[0].By != "ana" || res.Merges[0].Reason != "the same person in two spellings" || res.Merges[0].At == "" {
		t.Fatalf("merge: %+v", res)
	}
	ms, err := s.Merges(context.Background())
	if err != nil || len(ms) != 1 || ms[0].Merged != "ng:person/bridge-person" {
		t.Fatalf("merges: %+v %v", ms, err)
	}
	var card cards.Card
	getJSON(t, base, "entity?id=ng:person/omega-two", 200, &card)
	if len(card.Merged) != 1 || card.Merged[0].By != "ana" {
		t.Errorf("card's merged: %+v", card.Merged)
	}
	post(t, base+"merge", "sesame", body, 400) // merged already
	var un store.MergeInfo
	json.Unmarshal(post(t, base+"unmerge", "sesame", `{"merge": "`+string(ms[0].IRI)+`"}`, 200), &un)
	if un.IRI != ms[0].IRI {
		t.Errorf("unmerge: %+v", un)
	}
	if ms, _ := s.Merges(context.Background()); len(ms) != 0 {
		t.Errorf("after unmerge: %+v", ms)
	}
	post(t, base+"unmerge", "sesame", `{"merge": "ng:merge/nothing"}`, 404)
}

func post(t *testing.T, url, token, body string, code int) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	if resp.StatusCode != code {
		t.Errorf("POST %s %s: %d %s, want %d", url, body, resp.StatusCode, b.String(), code)
	}
	return b.Bytes()
}
