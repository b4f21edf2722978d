package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
)

const (
	fullName = "Title: Bayramov in Berlin\n\nAzerbaijan's Foreign Minister Jeyhun Bayramov visited Germany on Monday. He met German officials in Berlin.\n"
	surname  = "Title: Bayramov meets NATO\n\nAzerbaijani Foreign Minister Bayramov met NATO Secretary General Mark Rutte in Brussels on Tuesday.\n"
	coach    = "Title: Ganja wins\n\nCoach Bayramov praised the team in Ganja after the match.\n"
)

func writeArticles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func rootOf(t *testing.T, s *store.Store, name string) []cards.EntityMatch {
	t.Helper()
	ms, err := cards.Of(s).FindEntities(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// "Jeyhun Bayramov" in one article and "Azerbaijani Foreign Minister Bayramov" in another are
// one node for queries; the coach Bayramov is not; the link is a merge that unmerge undoes, and
// forgetting the article that made it gives back the graph as it was.
func TestLoadLinksPeopleAcrossArticles(t *testing.T) {
	ctx := context.Background()
	dir := writeArticles(t, map[string]string{"1.txt": fullName, "2.txt": surname, "3.txt": coach})

	plain := openStore(t)
	if _, err := Load(ctx, plain, []string{dir}, Options{NoLink: true}); err != nil {
		t.Fatal(err)
	}
	s := openStore(t)
	sum, err := Load(ctx, s, []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Links != 1 {
		t.Fatalf("%d links, want 1 (the minister, not the coach)", sum.Links)
	}
	ms, err := s.Merges(ctx)
	if err != nil || len(ms) != 1 {
		t.Fatalf("merges %+v %v", ms, err)
	}
	m := ms[0]
	if m.Into != "ng:person/jeyhun-bayramov" || !strings.HasPrefix(string(m.Merged), "ng:person/bayramov@") ||
		m.By != store.LoadMergeBy || !strings.Contains(m.Reason, "Foreign Minister") {
		t.Fatalf("merge %+v", m)
	}
	// A Gizmo query from the full name reaches what the other article says of "Bayramov".
	res, err := s.Query(ctx, `g.V("<ng:person/jeyhun-bayramov>").Out().Out("<schema:name>").All()`, 100)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(res); !strings.Contains(got, "Mark Rutte") {
		t.Errorf("the linked article's facts are not on Jeyhun Bayramov: %s", got)
	}
	// Loading again changes nothing.
	before := dump(t, s)
	if sum, err := Load(ctx, s, []string{dir}, Options{}); err != nil || sum.Links != 0 {
		t.Fatalf("second load: %+v %v", sum, err)
	}
	if !slices.Equal(before, dump(t, s)) {
		t.Error("a second load changed the graph")
	}
	// Unmerge gives the graph without the link.
	if _, err := s.Unmerge(ctx, m.IRI); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(dump(t, s), dump(t, plain)) {
		t.Error("unmerge of the load's link does not give the graph of a load without linking")
	}
}

func TestLinkToEarlierLoadAndForget(t *testing.T) {
	ctx := context.Background()
	first := writeArticles(t, map[string]string{"1.txt": fullName})
	second := writeArticles(t, map[string]string{"2.txt": surname})
	s := openStore(t)
	if _, err := Load(ctx, s, []string{first}, Options{}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	sum, err := Load(ctx, s, []string{second}, Options{})
	if err != nil || sum.Links != 1 {
		t.Fatalf("a later load did not link to the store's Jeyhun Bayramov: %+v %v", sum, err)
	}
	res, err := s.Query(ctx, `g.V().Has("<schema:headline>", "Bayramov meets NATO").All()`, 10)
	if err != nil || len(res) != 1 {
		t.Fatalf("article not found: %v %v", res, err)
	}
	art := quad.IRI(strings.Trim(fmt.Sprint(res[0].(map[string]any)["id"]), "<>"))
	if _, err := s.Forget(ctx, art); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, s); !slices.Equal(before, after) {
		t.Errorf("forget left %d lines, want %d: the load's merge must go with the article", len(after), len(before))
	}
}
