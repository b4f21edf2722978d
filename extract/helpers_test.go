package extract

import (
	"fmt"
	"strings"
	"testing"
)

var testExtractor = New()

func run(t *testing.T, text, published string) Extraction {
	t.Helper()
	x := testExtractor.Extract(Article{Text: text, Published: published})
	for _, e := range x.Entities {
		for _, m := range e.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("mention %q of %s: offsets %d-%d give %q", m.Text, e.ID, m.Start, m.End, text[m.Start:m.End])
			}
		}
	}
	return x
}

func entity(x Extraction, name string) *Entity {
	for i, e := range x.Entities {
		if e.Name == name {
			return &x.Entities[i]
		}
	}
	return nil
}

func entityNames(x Extraction) string {
	var out []string
	for _, e := range x.Entities {
		out = append(out, e.Type+":"+e.Name)
	}
	return strings.Join(out, ", ")
}

// facts renders relations as "Subject Name -predicate-> Object Name" lines.
func facts(x Extraction) []string {
	name := map[string]string{}
	for _, e := range x.Entities {
		name[e.ID] = e.Name
	}
	var out []string
	for _, r := range x.Relations {
		obj := name[r.Object]
		if r.Object == "" {
			obj = fmt.Sprintf("%q", r.Value)
		}
		f := name[r.Subject] + " -" + r.Predicate + "-> " + obj
		if r.Negated {
			f += " [negated]"
		}
		if r.Modality != "" {
			f += " [" + r.Modality + "]"
		}
		if r.AttributedTo != "" {
			f += " [by " + name[r.AttributedTo] + "]"
		}
		out = append(out, f)
	}
	return out
}

// factWith: some fact of x contains part ("-beat->", "Pakistan -heldTalksWith->", "[future]").
func factWith(x Extraction, part string) bool {
	for _, f := range facts(x) {
		if strings.Contains(f, part) {
			return true
		}
	}
	return false
}

func hasFact(x Extraction, want string) bool {
	for _, f := range facts(x) {
		if f == want {
			return true
		}
	}
	return false
}
