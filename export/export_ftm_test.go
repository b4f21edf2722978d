package export_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/export"
)

func readFtM(t *testing.T, data []byte) map[string]export.FtMEntity {
	t.Helper()
	out := map[string]export.FtMEntity{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var e export.FtMEntity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("%v: %s", err, sc.Bytes())
		}
		if _, dup := out[e.ID]; dup || e.ID == "" {
			t.Errorf("id %q twice or empty", e.ID)
		}
		out[e.ID] = e
	}
	return out
}

// TestExportFtM: the FollowTheMoney export of a real store (examples, wire copies, a merge):
// each relation stated as a fact is an interval of the schema FtM has for it, with its
// evidence and source; negated ones are left out; a merged entity is a referent.
func TestExportFtM(t *testing.T) {
	s := curatedStore(t)
	es := readFtM(t, exportOf(t, s, "ftm", export.Options{}))
	known := []string{"Person", "Organization", "LegalEntity", "Address", "Event", "Employment", "Directorship",
		"Membership", "Associate", "UnknownLink", "Position", "Occupancy"}
	refs := map[string][]string{"Employment": {"employee", "employer"}, "Directorship": {"director", "organization"},
		"Membership": {"member", "organization"}, "Associate": {"person", "associate"}, "UnknownLink": {"subject", "object"},
		"Occupancy": {"holder", "post"}, "Position": {"organization"}}
	link := func(schema, from, to string) *export.FtMEntity {
		ps := refs[schema]
		for _, e := range es {
			if e.Schema == schema && slices.Contains(e.Properties[ps[0]], from) && slices.Contains(e.Properties[ps[1]], to) {
				return &e
			}
		}
		return nil
	}
	for _, e := range es {
		if !slices.Contains(known, e.Schema) {
			t.Errorf("%s: schema %s", e.ID, e.Schema)
		}
		for _, p := range refs[e.Schema] {
			for _, id := range e.Properties[p] {
				if _, ok := es[id]; !ok {
					t.Errorf("%s %s: %s is not in the export", e.ID, p, id)
				}
			}
			if len(e.Properties[p]) == 0 && p != "organization" {
				t.Errorf("%s: no %s", e.ID, p)
			}
		}
	}
	if l := link("Employment", "ng.person.radmila-shekerinska", "ng.org.north-atlantic-treaty-organisation"); l == nil ||
		!strings.Contains(strings.Join(l.Properties["description"], " "), "Radmila Shekerinska") || len(l.Properties["recordId"]) != 1 {
		t.Errorf("Shekerinska's employment by NATO: %+v", l)
	}
	// A country is no Organization: FtM's Employment does not take it.
	if l := link("UnknownLink", "ng.person.jeyhun-bayramov", "ng.country.azerbaijan"); l == nil || !slices.Equal(l.Properties["role"], []string{"works for"}) {
		t.Errorf("Bayramov works for Azerbaijan: %+v", l)
	}
	if l := link("Membership", "ng.country.azerbaijan", "ng.org.partnership-for-peace"); l == nil {
		t.Error("no membership of Azerbaijan in the Partnership for Peace")
	}
	// "Japan did not hold talks with North Korea" is no link.
	if l := link("UnknownLink", "ng.country.japan", "ng.country.north-korea"); l != nil {
		t.Errorf("a negated relation: %+v", l)
	}
	found := false
	for _, e := range es {
		if e.Schema == "Occupancy" && slices.Contains(e.Properties["holder"], "ng.person.jeyhun-bayramov") {
			post := es[e.Properties["post"][0]]
			found = found || slices.Contains(post.Properties["name"], "Foreign Minister of Azerbaijan")
		}
	}
	if !found {
		t.Error("no occupancy of Foreign Minister of Azerbaijan by Bayramov")
	}
	kept, ok := es["ng.person.elmar-mammadyarov"]
	if _, merged := es["ng.person.elmar-mamedyarov"]; merged || !ok || !slices.Contains(kept.Referents, "ng.person.elmar-mamedyarov") {
		t.Errorf("the merge: kept %+v, merged one written %v", kept, merged)
	}
	validateFtM(t, es)
}

// validateFtM checks the entities against FollowTheMoney's own model, the defaultModel.json
// of the npm package @alephdata/followthemoney, when NEWSGRAPH_FTM_MODEL names it: schemata
// that exist and are not abstract, properties of the schema or its parents, required ones
// present, entity references to entities of the property's range, dates and lengths.
func validateFtM(t *testing.T, es map[string]export.FtMEntity) {
	path := os.Getenv("NEWSGRAPH_FTM_MODEL")
	if path == "" {
		t.Log("NEWSGRAPH_FTM_MODEL not set (defaultModel.json of npm's @alephdata/followthemoney): not checked against FtM's model")
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type property struct {
		Type, Range string
		MaxLength   int
	}
	var model struct {
		Schemata map[string]struct {
			Extends    []string
			Abstract   bool
			Required   []string
			Properties map[string]property
		}
	}
	if err := json.Unmarshal(data, &model); err != nil {
		t.Fatal(err)
	}
	var lineage func(s string) []string
	lineage = func(s string) []string {
		out := []string{s}
		for _, p := range model.Schemata[s].Extends {
			out = append(out, lineage(p)...)
		}
		return out
	}
	date := regexp.MustCompile(`^\d{4}(-\d\d(-\d\d)?)?$`)
	for _, e := range es {
		sc, ok := model.Schemata[e.Schema]
		if !ok || sc.Abstract {
			t.Errorf("%s: schema %s is not one of FtM's", e.ID, e.Schema)
			continue
		}
		props := map[string]property{}
		for _, s := range lineage(e.Schema) {
			for name, p := range model.Schemata[s].Properties {
				props[name] = p
			}
			for _, r := range model.Schemata[s].Required {
				if len(e.Properties[r]) == 0 {
					t.Errorf("%s (%s): no %s, which FtM requires", e.ID, e.Schema, r)
				}
			}
		}
		for name, vs := range e.Properties {
			p, ok := props[name]
			if !ok {
				t.Errorf("%s: %s has no property %s", e.ID, e.Schema, name)
				continue
			}
			for _, v := range vs {
				switch {
				case p.MaxLength > 0 && utf8.RuneCountInString(v) > p.MaxLength:
					t.Errorf("%s %s: %d characters, FtM takes %d", e.ID, name, utf8.RuneCountInString(v), p.MaxLength)
				case p.Type == "date" && !date.MatchString(v):
					t.Errorf("%s %s: %q is no FtM date", e.ID, name, v)
				case p.Type == "entity":
					if target, ok := es[v]; !ok || !slices.Contains(lineage(target.Schema), p.Range) {
						t.Errorf("%s %s: %s is no %s", e.ID, name, v, p.Range)
					}
				}
			}
		}
	}
}
