package server_test

import (
	"encoding/json"
	"github.com/newsgraph/newsgraph/server"
	"net/http"
	"strings"
	"testing"
)

// The web UI's Query Shape tab posts the query to /api/v1/shape/gizmo (stock Cayley: 501):
// the answer is the query's plans, with the store's size estimates.
func TestShapeEndpointGivesThePlan(t *testing.T) {
	s := openBolt(t)
	load(t, s, examples(t)...)
	base := serve(t, s, server.ServerOptions{})
	resp, err := http.Post(base+server.ShapePath+"gizmo", "application/javascript",
		strings.NewReader(`g.V().Has("<rdf:type>", "<ng:Statement>").Has("<ng:predicate>", "<ng:received>").All()`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Plans []struct {
			Iterator string
			Size     int64
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != http.StatusOK || len(got.Plans) != 1 || got.Plans[0].Iterator == "" {
		t.Fatalf("%d %v %+v", resp.StatusCode, err, got)
	}
	for path, want := range map[string]int{"gizmo": http.StatusMethodNotAllowed, "mql": http.StatusNotImplemented} {
		method := http.MethodGet
		if path == "mql" {
			method = http.MethodPost
		}
		req, _ := http.NewRequest(method, base+server.ShapePath+path, strings.NewReader(`{}`))
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != want {
			t.Errorf("%s %s: %d, want %d", method, path, r.StatusCode, want)
		}
	}
}
