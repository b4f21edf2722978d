package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// The explorer's commands, run as the built binary on the examples.
func TestExploreCommands(t *testing.T) {
	db := loadedExamples(t)
	const sentence = "The discussion took place during the reception of NATO Deputy Secretary General Radmila Shekerinska by Azerbaijan's Foreign Minister Jeyhun Bayramov."

	t.Run("search", func(t *testing.T) {
		out := mustRun(t, db, "search", "Bay")
		if first, _, _ := strings.Cut(out, "\n"); !strings.HasPrefix(first, "Jeyhun Bayramov") || !strings.Contains(first, "Person") ||
			!strings.Contains(first, "ng:person/jeyhun-bayramov") {
			t.Errorf("search Bay:\n%s", out)
		}
		var res []struct{ ID, Name, Type string }
		if err := json.Unmarshal([]byte(mustRun(t, db, "search", "bay", "--json")), &res); err != nil || len(res) == 0 || res[0].ID != "ng:person/jeyhun-bayramov" {
			t.Errorf("search --json: %+v, %v", res, err)
		}
		if out := mustRun(t, db, "search", "Zzyzx"); !strings.Contains(out, "no entity") {
			t.Errorf("search Zzyzx: %s", out)
		}
	})

	t.Run("path", func(t *testing.T) {
		out := mustRun(t, db, "path", "Radmila Shekerinska", "Azerbaijan", "--max", "4")
		for _, want := range []string{"Radmila Shekerinska and Azerbaijan:", "of 2 hops",
			"Radmila Shekerinska was received by Jeyhun Bayramov", "Jeyhun Bayramov works for Azerbaijan", sentence, "Trend News Agency"} {
			if !strings.Contains(out, want) {
				t.Errorf("path: no %q in\n%s", want, out)
			}
		}
		var res struct {
			Paths []struct {
				Hops []struct {
					Predicate, Direction string
					Evidence             struct{ Text string }
				}
			}
		}
		if err := json.Unmarshal([]byte(mustRun(t, db, "path", "--json", "Radmila Shekerinska", "Azerbaijan")), &res); err != nil || len(res.Paths) == 0 ||
			res.Paths[0].Hops[0].Predicate != "ng:received" || res.Paths[0].Hops[0].Direction != "backward" || res.Paths[0].Hops[0].Evidence.Text != sentence {
			t.Errorf("path --json: %+v, %v", res, err)
		}
		if out := mustRun(t, db, "path", "Bayramov", "Ehud Olmert", "--max=2"); !strings.Contains(out, "not connected in 2 hops or fewer") {
			t.Errorf("no path: %s", out)
		}
		if _, errOut, err := newsgraph(t, db, "path", "Bayramov"); err == nil || !strings.Contains(errOut, "two entities") {
			t.Errorf("path with one entity: %v %s", err, errOut)
		}
		if _, errOut, err := newsgraph(t, db, "path", "Bayramov", "Nobody Atall"); err == nil || !strings.Contains(errOut, "no entity") {
			t.Errorf("path to nobody: %v %s", err, errOut)
		}
	})

	t.Run("timeline", func(t *testing.T) {
		out := mustRun(t, db, "timeline", "Bayramov")
		if !strings.Contains(out, "2026-01-22  Jeyhun Bayramov received Radmila Shekerinska") || !strings.Contains(out, sentence) {
			t.Errorf("timeline:\n%s", out)
		}
		out = mustRun(t, db, "timeline", "Azerbaijan", "--from", "1995", "--to", "1999")
		if !strings.Contains(out, "1997       Azerbaijan joined Euro-Atlantic Partnership Council") || strings.Contains(out, "1992-03") {
			t.Errorf("timeline 1995-1999:\n%s", out)
		}
		var tl struct {
			Events []struct {
				Date, Predicate string
				Evidence        struct{ Text, Publisher string }
			}
		}
		if err := json.Unmarshal([]byte(mustRun(t, db, "timeline", "--json", "Jeyhun Bayramov")), &tl); err != nil || len(tl.Events) == 0 ||
			tl.Events[0].Date != "2026-01-22" || tl.Events[0].Predicate != "ng:received" || tl.Events[0].Evidence.Publisher != "Trend News Agency" {
			t.Errorf("timeline --json: %+v, %v", tl, err)
		}
		// A page: the second and third events of Azerbaijan's, said so in the heading.
		all := strings.Split(mustRun(t, db, "timeline", "Azerbaijan"), "\n\n")
		page := strings.Split(mustRun(t, db, "timeline", "Azerbaijan", "--limit", "2", "--offset", "1"), "\n\n")
		if len(all) < 5 || len(page) != 3 || !strings.Contains(page[0], fmt.Sprintf("events 2 to 3 of %d", len(all)-1)) ||
			page[1] != all[2] || strings.TrimSpace(page[2]) != strings.TrimSpace(all[3]) {
			t.Errorf("timeline --limit 2 --offset 1:\n%s\nof\n%s", strings.Join(page, "\n\n"), strings.Join(all, "\n\n"))
		}
		if _, errOut, err := newsgraph(t, db, "timeline", "Bayramov", "--from", "yesterday"); err == nil || !strings.Contains(errOut, "bad date") {
			t.Errorf("a bad date: %v %s", err, errOut)
		}
	})

	t.Run("top", func(t *testing.T) {
		out := mustRun(t, db, "top", "--type", "Person", "--limit", "50")
		if !strings.Contains(out, "Jeyhun Bayramov") || strings.Contains(out, "Azerbaijan") || !strings.HasPrefix(out, "#") {
			t.Errorf("top --type Person:\n%s", out)
		}
		var list []struct {
			ID          string
			Connections int
		}
		if err := json.Unmarshal([]byte(mustRun(t, db, "top", "--by", "connections", "--limit", "1", "--json")), &list); err != nil ||
			len(list) != 1 || list[0].ID != "ng:country/azerbaijan" {
			t.Errorf("top --by connections: %+v, %v", list, err)
		}
		if _, errOut, err := newsgraph(t, db, "top", "--type", "Planet"); err == nil || !strings.Contains(errOut, "unknown type") {
			t.Errorf("an unknown type: %v %s", err, errOut)
		}
	})
}
