package extract

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzExtract runs the whole pipeline over any text and checks the contract that the rest of
// newsgraph relies on: no panic, every mention's offsets inside the text and reading its
// text, every evidence span inside the text, confidences in (0, 1], relations between
// entities of the extraction. Run it with
//
//	go test ./extract -run '^$' -fuzz '^FuzzExtract$' -fuzztime 3m
func FuzzExtract(f *testing.F) {
	if b, err := os.ReadFile("../examples/testdata/trend-azerbaijan-nato.txt"); err == nil {
		f.Add(string(b), "", "")
	}
	f.Add("BAKU, Azerbaijan, January 22. Foreign Minister Jeyhun Bayramov received Radmila Shekerinska.", "Trend", "2025-01-22")
	f.Add("NATO (North Atlantic Treaty Organization) said on 4 May 1994 that \"Azerbaijan joined the PfP\".", "", "")
	f.Add("The late President Heydar Aliyev did not meet U.S. officials in Washington , D.C. in March 1997 .", "", "1997")
	f.Add("\u00a0\u2028Ünïcödé — “quotes” 'single' ... Mr. A. B. Smith-Jones's visit; 12/03/2025, 2025-13-45.", "x", "soon")
	f.Add("", "", "")
	x := New()
	f.Fuzz(func(t *testing.T, text, source, published string) {
		if len(text) > 64<<10 || !utf8.ValidString(text) {
			return // input's readers give only valid UTF-8; long texts are slow, not wrong
		}
		watchdog := time.AfterFunc(30*time.Second, func() { panic("Extract took more than 30 s on one input") })
		defer watchdog.Stop()
		ex := x.Extract(Article{Text: text, Source: source, Published: published})
		ids := map[string]bool{}
		for _, e := range ex.Entities {
			ids[e.ID] = true
			if e.ID == "" || e.Type == "" {
				t.Errorf("entity without id or type: %+v", e)
			}
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(text) || m.Start > m.End {
					t.Fatalf("entity %s: mention %d-%d outside the text (%d bytes)", e.ID, m.Start, m.End, len(text))
				}
				if text[m.Start:m.End] != m.Text {
					t.Errorf("entity %s: mention %q at %d-%d reads %q", e.ID, m.Text, m.Start, m.End, text[m.Start:m.End])
				}
			}
			for _, p := range e.Roles {
				checkSpan(t, "position evidence", p.Evidence, len(text))
			}
		}
		for _, r := range ex.Relations {
			checkSpan(t, "relation evidence", r.Evidence, len(text))
			if r.Confidence <= 0 || r.Confidence > 1 {
				t.Errorf("relation %+v: confidence %v", r, r.Confidence)
			}
			if !ids[r.Subject] || r.Object != "" && !ids[r.Object] && !strings.Contains(r.Object, "/") {
				t.Errorf("relation %+v: subject or object is not an entity of the extraction", r)
			}
		}
		if ex.Dateline != nil {
			checkSpan(t, "dateline", ex.Dateline.Span, len(text))
		}
	})
}

func checkSpan(t *testing.T, what string, s Span, n int) {
	t.Helper()
	if s.Start < 0 || s.End > n || s.Start > s.End {
		t.Errorf("%s %d-%d outside the text (%d bytes)", what, s.Start, s.End, n)
	}
}
